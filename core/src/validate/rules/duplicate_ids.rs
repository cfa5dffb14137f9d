//! Node ids and edge ids must be unique: links and the canvas address them by id.

use std::collections::hash_map::Entry;

use super::{Check, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::FieldPath;
use crate::validate::{Context, FastMap, fast_map};

pub const RULE: Rule = Rule {
    codes: &[Code::DuplicateNodeId, Code::DuplicateEdgeId],
    check: Check::Graph(check),
};

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    for &(position, first) in graph.duplicate_ids() {
        let (node, first) = (graph.at(position), graph.at(first));
        let id = node.id();
        cx.report(
            Diagnostic::new(
                Code::DuplicateNodeId,
                format!(
                    "node id \"{id}\" is already used by node number {}",
                    first.index
                ),
            )
            .node(id)
            .at(FieldPath::node(node.index).key("id"))
            .hint("give every node its own id; edges would otherwise link to the first one"),
        );
    }
    let workflow = cx.workflow();
    let mut first_edge: FastMap<&str, usize> = fast_map(workflow.edges.items().len());
    for (index, edge) in workflow.edges() {
        let Some(id) = edge.id.as_str() else { continue };
        let first = match first_edge.entry(id) {
            Entry::Occupied(first) => *first.get(),
            Entry::Vacant(slot) => {
                slot.insert(index);
                continue;
            }
        };
        cx.report(
            Diagnostic::new(
                Code::DuplicateEdgeId,
                format!("edge id \"{id}\" is already used by edge number {first}"),
            )
            .edge(id)
            .at(FieldPath::edge(index).key("id"))
            .hint("give every edge its own id"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn second_use_of_an_id_is_reported() {
        let found = diagnostics_of(
            Code::DuplicateNodeId,
            r#"{"nodes": [{"id": "a", "type": "configmap", "data": {}}, {"id": "a", "type": "secret", "data": {}}],
                "edges": [{"id": "e", "source": "a", "target": "a"}, {"id": "e", "source": "a", "target": "a"}]}"#,
        );
        let summary: Vec<_> = found
            .iter()
            .map(|d| (d.code.as_str(), d.pointer().unwrap_or_default()))
            .collect();
        assert_eq!(
            summary,
            [
                ("duplicate-edge-id", "/edges/1/id".to_owned()),
                ("duplicate-node-id", "/nodes/1/id".to_owned())
            ]
        );
    }
}
