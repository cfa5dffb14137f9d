//! Edges whose source or target does not exist: the relationship cannot be honoured.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Diagnostic, Fix};
use crate::model::{Edge, FieldPath, Wire};
use crate::validate::Context;

pub const RULE: Rule = Rule {
    codes: &[Code::DanglingEdge],
    check: Check::Keyed(check, recheck),
};

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    // The graph holds, in input order, exactly the edges whose ends both exist.
    let mut resolved = graph.edges().iter().map(|edge| edge.index).peekable();
    for (index, edge) in cx.workflow().edges() {
        if resolved.next_if_eq(&index).is_none() {
            check_edge(cx, index, edge);
        }
    }
}

/// Whether an edge's ends exist depends on the node ids only, which a node's change in
/// place keeps: only an added or replaced edge is checked.
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let (Change::EdgeAdded { index, position }
    | Change::EdgeReplaced {
        index, position, ..
    }) = *change
    else {
        return;
    };
    redo.edges.insert(index);
    let edge = cx.workflow().edges.items().get(index).and_then(Wire::get);
    if let (Some(edge), None) = (edge, position) {
        check_edge(cx, index, edge);
    }
}

/// The ends of the edge at `index` of the workflow's `edges`, which is not in the graph,
/// that name no node.
fn check_edge(cx: &mut Context<'_>, index: usize, edge: &Edge) {
    let graph = cx.graph;
    let edge_id = edge.id.as_str().unwrap_or_default();
    for (end, field) in [("source", &edge.source), ("target", &edge.target)] {
        let diagnostic = match field.as_str() {
            Some(id) if graph.node(id).is_some() => continue,
            Some(id) => Diagnostic::new(
                Code::DanglingEdge,
                format!("edge {end} \"{id}\" is not a node of this workflow"),
            )
            .hint("delete the edge or restore the node it pointed to")
            .fix(Fix::delete_edge(index, edge.id.as_str())),
            None if field.is_invalid() => continue,
            None => super::node_types::missing(format!("edge has no {end}")),
        };
        cx.report(diagnostic.edge(edge_id).at(FieldPath::edge(index).key(end)));
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn missing_ends_are_reported_per_end() {
        let found = diagnostics_of(
            Code::DanglingEdge,
            r#"{"nodes": [{"id": "n1", "type": "deployment", "data": {}}],
                "edges": [{"id": "e1", "source": "n9", "target": "n1"}, {"id": "e2", "source": "n1", "target": "n404"}]}"#,
        );
        let summary: Vec<_> = found
            .iter()
            .map(|d| (d.code.as_str(), d.pointer().unwrap_or_default()))
            .collect();
        assert_eq!(
            summary,
            [
                ("dangling-edge", "/edges/0/source".to_owned()),
                ("dangling-edge", "/edges/1/target".to_owned())
            ]
        );
    }
}
