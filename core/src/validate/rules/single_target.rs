//! Single-target links: an HPA and an Ingress path each take one target (Kubernetes'
//! `scaleTargetRef` and a path's backend name one object). The reference silently kept the
//! last edge; here the second (and any later) edge is an error naming the edge that came
//! first. A Service and a NetworkPolicy header are not among them: linked to several
//! workloads they select the pods of all of them (see the `selectors` rule).

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::NodeData;
use crate::validate::{Context, edge_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::MultipleTargets],
    check: Check::Keyed(check, recheck),
};

/// The link of a source node that takes one target.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Scales,
    Route(usize),
}

fn check(cx: &mut Context<'_>) {
    for source in 0..cx.graph.nodes().len() {
        check_source(cx, source);
    }
}

/// A node's change alters the descriptions of the edges from it and of those from the
/// nodes linking to it (whose first target it may be); an edge's, which of its source's
/// edges come second (of the sources before and after, for a replaced edge).
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let graph = cx.graph;
    let mut sources: Vec<usize> = match change {
        Change::Node(change) => {
            let mut sources: Vec<usize> = graph
                .edges_to(change.position)
                .iter()
                .map(|&edge| graph.edges()[edge].source)
                .collect();
            sources.push(change.position);
            sources
        }
        _ => {
            if let Change::EdgeReplaced { index, .. } = *change {
                // What was reported at the replaced edge goes, wherever the new one leads.
                redo.edges.insert(index);
            }
            change.edge_ends(graph).map(|(source, _)| source).collect()
        }
    };
    sources.sort_unstable();
    sources.dedup();
    for source in sources {
        let edges = graph.edges_from(source).iter();
        redo.edges
            .extend(edges.map(|&edge| graph.edges()[edge].index));
        check_source(cx, source);
    }
}

/// The second and later targets of each single-target link of the node at `source`.
fn check_source(cx: &mut Context<'_>, source: usize) {
    let graph = cx.graph;
    // A source has few links: a list is quicker than a map.
    let mut first: Vec<(Slot, usize)> = Vec::new();
    for &position in graph.edges_from(source) {
        let (edge, relation) = (&graph.edges()[position], graph.relation(position));
        let slot = match relation {
            Ok(Relation::Scales) => Slot::Scales,
            Ok(Relation::Route { path }) => Slot::Route(*path),
            _ => continue,
        };
        let Some(&(_, earlier)) = first.iter().find(|(taken, _)| *taken == slot) else {
            first.push((slot, position));
            continue;
        };
        let earlier = &graph.edges()[earlier];
        let source = graph.at(edge.source);
        let (link, hint) = describe(source, slot);
        let message = format!(
            "{link} {} through edge \"{}\"; edge \"{}\" to {} is a second target",
            graph.at(earlier.target).describe(),
            earlier.id(),
            edge.id(),
            graph.at(edge.target).describe()
        );
        cx.report(
            edge_problem(edge, "target", Code::MultipleTargets, message)
                .node(source.id())
                .hint(hint),
        );
    }
}

/// "hpa \"h\" already scales" and the hint, per slot.
fn describe(source: &GraphNode<'_>, slot: Slot) -> (String, &'static str) {
    let node = source.describe();
    match slot {
        Slot::Scales => (
            format!("{node} already scales"),
            "keep one edge; add another HPA for the other workload",
        ),
        Slot::Route(index) => {
            let path = match source.data() {
                Some(NodeData::Ingress(ingress)) => ingress
                    .paths
                    .items()
                    .get(index)
                    .and_then(|path| path.path.as_str()),
                _ => None,
            };
            let path = path.map_or_else(|| format!("path {index}"), |p| format!("path \"{p}\""));
            (
                format!("{path} of {node} already routes to"),
                "keep one edge; add another path for the other service",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn second_edges_name_the_first_but_services_may_select_several() {
        let found = diagnostics_of(
            Code::MultipleTargets,
            r#"{"nodes": [{"id": "s", "type": "service", "data": {"name": "web"}},
                          {"id": "a", "type": "deployment", "data": {"name": "a"}},
                          {"id": "b", "type": "deployment", "data": {"name": "b"}},
                          {"id": "h", "type": "hpa", "data": {"name": "h"}},
                          {"id": "i", "type": "ingress", "data": {"name": "i", "paths": [{"id": "p1", "path": "/"}, {"id": "p2"}]}},
                          {"id": "s2", "type": "service", "data": {"name": "web2"}},
                          {"id": "np", "type": "networkpolicy", "data": {"name": "np", "ingressRules": [{"id": "r1"}]}}],
                "edges": [{"id": "e1", "source": "s", "target": "a"},
                          {"id": "e2", "source": "s", "target": "b"},
                          {"id": "e3", "source": "h", "target": "a"},
                          {"id": "e4", "source": "h", "target": "b"},
                          {"id": "e5", "source": "i", "target": "s", "sourceHandle": "p1"},
                          {"id": "e6", "source": "i", "target": "s2", "sourceHandle": "p1"},
                          {"id": "e7", "source": "i", "target": "s2", "sourceHandle": "p2"},
                          {"id": "e8", "source": "np", "target": "a", "sourceHandle": "output"},
                          {"id": "e9", "source": "np", "target": "b"},
                          {"id": "e10", "source": "np", "target": "a", "sourceHandle": "r1"},
                          {"id": "e11", "source": "np", "target": "b", "sourceHandle": "r1"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("multiple-targets", "/edges/3/target".into(), "h"),
                ("multiple-targets", "/edges/5/target".into(), "i"),
            ]
        );
        assert_eq!(
            found[0].message,
            "hpa \"h\" already scales deployment \"a\" through edge \"e3\"; \
             edge \"e4\" to deployment \"b\" is a second target"
        );
        assert_eq!(found[0].location.edge_id.as_deref(), Some("e4"));
        assert!(
            found[1]
                .message
                .starts_with("path \"/\" of ingress \"i\" already routes to")
        );
    }
}
