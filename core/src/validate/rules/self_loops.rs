//! Edges from a node to itself: no Kubernetes relationship links an object to itself.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Fix};
use crate::graph::EdgeProblem;
use crate::validate::{Context, edge_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::SelfLoop],
    check: Check::Keyed(check, recheck),
};

fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    super::recheck_edges(cx, change, redo, check_edge);
}

fn check(cx: &mut Context<'_>) {
    for position in 0..cx.graph.edges().len() {
        check_edge(cx, position);
    }
}

/// The self loop the edge at `position` in the graph's edges may be.
fn check_edge(cx: &mut Context<'_>, position: usize) {
    let graph = cx.graph;
    let edge = &graph.edges()[position];
    if graph.relation(position) == &Err(EdgeProblem::SelfLoop) {
        let node = graph.at(edge.source);
        let message = format!("edge connects {} to itself", node.describe());
        cx.report(
            edge_problem(edge, "target", Code::SelfLoop, message)
                .node(node.id())
                .hint("delete the edge")
                .fix(Fix::delete_edge(edge.index, edge.edge.id.as_str())),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn an_edge_to_its_own_source_is_reported() {
        let found = diagnostics_of(
            Code::SelfLoop,
            r#"{"nodes": [{"id": "n1", "type": "deployment", "data": {"name": "api"}},
                          {"id": "n2", "type": "service", "data": {"name": "api"}}],
                "edges": [{"id": "ok", "source": "n2", "target": "n1"},
                          {"id": "loop", "source": "n1", "target": "n1"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [("self-loop", "/edges/1/target".into(), "n1")]
        );
        assert_eq!(found[0].location.edge_id.as_deref(), Some("loop"));
        assert_eq!(
            found[0].message,
            "edge connects deployment \"api\" to itself"
        );
    }
}
