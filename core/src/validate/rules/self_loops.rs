//! Edges from a node to itself: no Kubernetes relationship links an object to itself.

use super::{Check, Rule};
use crate::diagnostic::{Code, Fix};
use crate::graph::EdgeProblem;
use crate::validate::{Context, edge_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::SelfLoop],
    check: Check::Graph(check),
};

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    for (edge, relation) in graph.relations() {
        if relation != &Err(EdgeProblem::SelfLoop) {
            continue;
        }
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
