//! Node types this version does not know (a warning: the node is kept in the workflow but
//! left out of the manifests, with its edges), and nodes lacking the id, type or data
//! every node needs.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::GraphNode;
use crate::model::{FieldPath, Node, NodeKind, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::UnknownNodeType, Code::MissingField],
    check: Check::Keyed(check, recheck),
};

fn check(cx: &mut Context<'_>) {
    for (index, node) in cx.workflow().nodes() {
        check_node(cx, index, node);
    }
}

/// A removal moves the later nodes one place up, and a node without an id is reported by
/// its number: those after the removed one are reported again.
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    if let Change::NodeRemoved { before } = change {
        let nodes = cx.workflow().nodes.items().iter().enumerate();
        for (index, node) in nodes.skip(before.index) {
            if let Some(node) = node.get().filter(|node| node.id.is_missing()) {
                redo.nodes.insert(index);
                check_node(cx, index, node);
            }
        }
    }
    super::nodes_only(cx, change, redo, recheck_node);
}

/// Only the changed node's own fields matter (a removed node's reports went with it).
fn recheck_node(
    cx: &mut Context<'_>,
    position: Option<usize>,
    _before: &GraphNode<'_>,
    redo: &mut Redo,
) {
    let Some(position) = position else { return };
    let node = cx.graph.at(position);
    redo.nodes.insert(node.index);
    check_node(cx, node.index, node.node);
}

/// The node at `index` of the workflow's `nodes`.
fn check_node(cx: &mut Context<'_>, index: usize, node: &Node) {
    let path = || FieldPath::node(index);
    let kind = node.kind();
    let owner = |diagnostic: Diagnostic| match node.id.as_str() {
        Some(id) => diagnostic.node(id),
        None => diagnostic,
    };
    if node.id.is_missing() {
        cx.report(owner(
            missing(format!("node number {index} has no id"))
                .at(path().key("id"))
                .hint("give the node an id such as `node-1`; edges refer to nodes by id"),
        ));
    }
    match &node.node_type {
        Wire::Valid(node_type) if kind.is_none() => {
            let known: Vec<&str> = NodeKind::ALL.iter().map(|kind| kind.as_str()).collect();
            cx.report(owner(
                Diagnostic::new(
                    Code::UnknownNodeType,
                    format!(
                        "node type \"{node_type}\" is not supported; the node and its edges are left out of the manifests"
                    ),
                )
                .at(path().key("type"))
                .hint(format!("supported types: {}", known.join(", "))),
            ));
        }
        Wire::Absent | Wire::Null => cx.report(owner(
            missing("node has no type")
                .at(path().key("type"))
                .hint("set `type`, for example `deployment`"),
        )),
        _ => {}
    }
    if kind.is_some() && node.data.is_missing() {
        cx.report(owner(
            missing("node has no data")
                .at(path().key("data"))
                .hint("give the node a `data` object with at least a `name`"),
        ));
    }
}

/// A `missing-field` diagnostic about the field at `at` of `node`: every required field
/// is reported through it (or through [`missing`]).
pub(super) fn missing_field(
    node: &GraphNode<'_>,
    at: FieldPath,
    message: impl Into<String>,
) -> Diagnostic {
    node_problem(node, at, Code::MissingField, message)
}

/// A `missing-field` diagnostic placed by the caller (a node without an id, an edge
/// without an end).
pub(super) fn missing(message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::MissingField, message)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::diagnostic::Severity;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn unknown_types_warn_and_missing_basics_are_errors() {
        let found = diagnostics_of(
            Code::UnknownNodeType,
            r#"{"nodes": [{"id": "n1", "type": "webhook", "data": {}},
                          {"id": "n2", "data": {}},
                          {"type": "deployment", "data": {"name": "x"}},
                          {"id": "n4", "type": "service"},
                          {"id": "n5", "type": "deployment", "data": {"name": "ok"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("unknown-node-type", "/nodes/0/type".into(), "n1"),
                ("missing-field", "/nodes/1/type".into(), "n2"),
                ("missing-field", "/nodes/2/id".into(), ""),
                ("missing-field", "/nodes/3/data".into(), "n4"),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.contains("\"webhook\""));
    }
}
