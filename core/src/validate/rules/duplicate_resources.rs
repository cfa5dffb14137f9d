//! Two nodes that produce the same object (kind, namespace, name): the second would
//! overwrite the first when applied. Reported on the later node, naming the earlier one.

use std::collections::hash_map::Entry;

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, FastMap, fast_map, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::DuplicateResource],
    check: Check::Keyed(check, recheck),
};

/// What makes a node's object one object: kind (with a plugin's template), namespace
/// and name. `None` for a node of no kind or name.
type Key<'a> = (NodeKind, &'a str, &'a str, &'a str);

fn key<'a>(node: &GraphNode<'a>) -> Option<Key<'a>> {
    let (Some(kind), name) = (node.kind, node.name()) else {
        return None;
    };
    if name.is_empty() {
        return None;
    }
    let subtype = match (kind, node.data()) {
        (NodeKind::Plugin, Some(NodeData::Plugin(plugin))) => {
            plugin.template_id.as_str().unwrap_or_default()
        }
        _ => "",
    };
    Some((kind, subtype, node.namespace(), name))
}

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    let mut first: FastMap<Key<'_>, &GraphNode<'_>> = fast_map(graph.nodes().len());
    for node in graph.nodes() {
        let Some(key) = key(node) else { continue };
        match first.entry(key) {
            Entry::Occupied(earlier) => duplicate(cx, node, earlier.get()),
            Entry::Vacant(slot) => {
                slot.insert(node);
            }
        }
    }
}

fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    super::nodes_only(cx, change, redo, recheck_node);
}

/// A node's change alters the duplicates of its key before and after it.
fn recheck_node(
    cx: &mut Context<'_>,
    position: Option<usize>,
    before: &GraphNode<'_>,
    redo: &mut Redo,
) {
    let graph = cx.graph;
    let now = position.map(|position| graph.at(position));
    redo.nodes.extend(now.map(|now| now.index));
    let before = key(before);
    let after = now.and_then(key);
    for wanted in [before, after.filter(|after| Some(*after) != before)]
        .into_iter()
        .flatten()
    {
        let mut first = None;
        // The key's namespace, in input order, as the whole check meets the nodes.
        for (_, node) in graph.nodes_in_of(wanted.2, &[wanted.0]) {
            if key(node) != Some(wanted) {
                continue;
            }
            redo.nodes.insert(node.index);
            match first {
                Some(earlier) => duplicate(cx, node, earlier),
                None => first = Some(node),
            }
        }
    }
}

/// `node` defines the object `earlier` already defines.
fn duplicate(cx: &mut Context<'_>, node: &GraphNode<'_>, earlier: &GraphNode<'_>) {
    let message = format!(
        "{} in namespace \"{}\" is also defined by node {}; the second would overwrite the first",
        node.describe(),
        node.namespace(),
        earlier.id()
    );
    cx.report(
        node_problem(
            node,
            node.data_path().key("name"),
            Code::DuplicateResource,
            message,
        )
        .hint("rename one of them or move it to another namespace"),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn later_duplicates_name_the_first_node() {
        let found = diagnostics_of(
            Code::DuplicateResource,
            r#"{"nodes": [{"id": "n1", "type": "deployment", "data": {"name": "api", "namespace": "shop"}},
                          {"id": "n2", "type": "deployment", "data": {"name": " api ", "namespace": "shop"}},
                          {"id": "n3", "type": "deployment", "data": {"name": "api"}},
                          {"id": "n4", "type": "service", "data": {"name": "api", "namespace": "shop"}},
                          {"id": "n5", "type": "plugin", "data": {"name": "c", "templateId": "certificate"}},
                          {"id": "n6", "type": "plugin", "data": {"name": "c", "templateId": "issuer"}},
                          {"id": "n7", "type": "deployment", "data": {"name": "api", "namespace": "default"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("duplicate-resource", "/nodes/1/data/name".into(), "n2"),
                ("duplicate-resource", "/nodes/6/data/name".into(), "n7"),
            ]
        );
        assert_eq!(
            found[0].message,
            "deployment \"api\" in namespace \"shop\" is also defined by node n1; the second would overwrite the first"
        );
    }
}
