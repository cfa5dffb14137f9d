//! Two nodes that produce the same object (kind, namespace, name): the second would
//! overwrite the first when applied. Reported on the later node, naming the earlier one.

use std::collections::hash_map::Entry;

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, FastMap, fast_map, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::DuplicateResource],
    check: Check::Graph(check),
};

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    let mut first: FastMap<(NodeKind, &str, &str, &str), &GraphNode<'_>> =
        fast_map(graph.nodes().len());
    for node in graph.nodes() {
        let (Some(kind), name) = (node.kind, node.name()) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        // Plugin nodes of different node types become different custom resource kinds.
        let subtype = match (kind, node.data()) {
            (NodeKind::Plugin, Some(NodeData::Plugin(plugin))) => {
                plugin.template_id.as_str().unwrap_or_default()
            }
            _ => "",
        };
        let namespace = node.namespace();
        let earlier = match first.entry((kind, subtype, namespace, name)) {
            Entry::Occupied(earlier) => *earlier.get(),
            Entry::Vacant(slot) => {
                slot.insert(node);
                continue;
            }
        };
        let message = format!(
            "{} in namespace \"{namespace}\" is also defined by node {}; the second would overwrite the first",
            node.describe(),
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
