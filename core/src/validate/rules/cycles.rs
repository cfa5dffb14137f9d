//! Edges that form a cycle.
//!
//! Relationships flow from ingress to service to workload and from configuration, HPAs and
//! policies to workloads, so the allowed connections can never close a cycle: a cycle
//! always contains an edge that points the wrong way. Each cycle is reported once, at that
//! edge, naming every node in it.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::WorkflowGraph;
use crate::validate::Context;

pub const RULE: Rule = Rule {
    codes: &[Code::Cycle],
    check: Check::Keyed(check, recheck),
};

/// A node's change alters only the cycles through it (their names, and which of their
/// edges points the wrong way); a node without edges both in and out is on none. An edge
/// added or removed alters only cycles it is (or was) on: those need a path back from
/// its target to its source, which no edge it did not add or take away can make (a
/// replaced edge is both).
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let graph = cx.graph;
    let on_a_cycle = match change {
        Change::Node(change) => {
            !graph.edges_from(change.position).is_empty()
                && !graph.edges_to(change.position).is_empty()
        }
        _ => change
            .edge_ends(graph)
            .any(|(source, target)| leads_back(graph, target, source)),
    };
    if on_a_cycle {
        redo.all = true;
        check(cx);
    }
}

/// Whether a path of edges leads from `from` to `to` (or they are one node).
fn leads_back(graph: &WorkflowGraph<'_>, from: usize, to: usize) -> bool {
    // Most edges end where no edge leaves, or start where none enters.
    if from != to && (graph.edges_from(from).is_empty() || graph.edges_to(to).is_empty()) {
        return false;
    }
    let mut seen = vec![false; graph.nodes().len()];
    let mut stack = vec![from];
    seen[from] = true;
    while let Some(position) = stack.pop() {
        if position == to {
            return true;
        }
        for &edge in graph.edges_from(position) {
            let next = graph.edges()[edge].target;
            if !std::mem::replace(&mut seen[next], true) {
                stack.push(next);
            }
        }
    }
    false
}

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    // Every allowed edge goes one step down ingress → service → workload, or from
    // configuration, an HPA or a policy to a workload: without another edge there is no
    // cycle, and the search can be skipped.
    if graph.relations().all(|(_, relation)| relation.is_ok()) {
        return;
    }
    let cycles = graph.cycles();
    if cycles.is_empty() {
        return;
    }
    let mut cycle_of = vec![usize::MAX; graph.nodes().len()];
    for (number, cycle) in cycles.iter().enumerate() {
        for &position in cycle {
            cycle_of[position] = number;
        }
    }
    // Per cycle: its first edge that is no relation (pointing the wrong way), else its
    // first edge.
    let mut culprit: Vec<Option<usize>> = vec![None; cycles.len()];
    for (position, (edge, relation)) in graph.relations().enumerate() {
        let number = cycle_of[edge.source];
        if number == usize::MAX || cycle_of[edge.target] != number {
            continue;
        }
        let current = &mut culprit[number];
        let current_is_wrong = current.is_some_and(|at| graph.relation(at).is_err());
        if current.is_none() || (relation.is_err() && !current_is_wrong) {
            *current = Some(position);
        }
    }
    for (cycle, culprit) in cycles.iter().zip(culprit) {
        let Some(culprit) = culprit else { continue };
        let edge = &graph.edges()[culprit];
        let names: Vec<String> = cycle
            .iter()
            .map(|&position| {
                let node = graph.at(position);
                format!("{} ({})", node.describe(), node.id())
            })
            .collect();
        let message = format!(
            "{} form a cycle; edge \"{}\" from {} to {} points the wrong way",
            names.join(", "),
            edge.id(),
            graph.at(edge.source).describe(),
            graph.at(edge.target).describe()
        );
        cx.report(
            Diagnostic::new(Code::Cycle, message)
                .node(graph.at(cycle[0]).id())
                .edge(edge.id())
                .at(edge.path())
                .hint("delete or reverse that edge"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn one_diagnostic_per_cycle_at_the_wrong_way_edge() {
        let found = diagnostics_of(
            Code::Cycle,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "app"}},
                          {"id": "s", "type": "service", "data": {"name": "app"}},
                          {"id": "c", "type": "configmap", "data": {"name": "cfg"}},
                          {"id": "j", "type": "job", "data": {"name": "job"}}],
                "edges": [{"id": "e1", "source": "s", "target": "d"},
                          {"id": "e2", "source": "d", "target": "s"},
                          {"id": "e3", "source": "c", "target": "j"},
                          {"id": "e4", "source": "j", "target": "c"},
                          {"id": "e5", "source": "d", "target": "d"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("cycle", "/edges/1".into(), "d"),
                ("cycle", "/edges/3".into(), "c")
            ]
        );
        assert_eq!(found[0].location.edge_id.as_deref(), Some("e2"));
        assert_eq!(
            found[0].message,
            "deployment \"app\" (d), service \"app\" (s) form a cycle; edge \"e2\" from \
             deployment \"app\" to service \"app\" points the wrong way"
        );
    }

    #[test]
    fn acyclic_graphs_pass() {
        let found = diagnostics_of(
            Code::Cycle,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {}}, {"id": "s", "type": "service", "data": {}}],
                "edges": [{"id": "e1", "source": "s", "target": "d"}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    /// A test thread has a small stack (2 MiB), as has the thread a large workflow is
    /// validated on: finding cycles must not recurse once per node along a path.
    #[test]
    fn a_long_path_is_searched_without_recursing_along_it() {
        let nodes = 100_000;
        let node = |i: usize| {
            format!(r#"{{"id": "d{i}", "type": "deployment", "data": {{"name": "d{i}"}}}}"#)
        };
        let edge = |i: usize, to: usize| {
            format!(r#"{{"id": "e{i}", "source": "d{i}", "target": "d{to}"}}"#)
        };
        let json = format!(
            r#"{{"nodes": [{}], "edges": [{}]}}"#,
            (0..nodes).map(node).collect::<Vec<_>>().join(","),
            (0..nodes)
                .map(|i| edge(i, (i + 1) % nodes))
                .collect::<Vec<_>>()
                .join(",")
        );
        let found = diagnostics_of(Code::Cycle, &json);
        assert_eq!(summary(&found), [("cycle", "/edges/0".into(), "d0")]);
    }
}
