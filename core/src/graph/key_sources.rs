//! The Secret or ConfigMap an environment variable's `secretKeyRef` or `configMapKeyRef`
//! (or a container's `envFrom`) names. Naming a node is the link: it needs no edge (a drawn Secret or ConfigMap edge
//! mounts the object as a volume, which a variable does not want), and the validator and
//! the compiler resolve it here alike.

use super::{GraphNode, WorkflowGraph};
use crate::model::kinds::{KeySelector, is_placeholder_key};
use crate::model::{NodeData, NodeKind};

impl<'a> WorkflowGraph<'a> {
    /// The node of `kind` (Secret or ConfigMap) that `selector` of `workload` names: the
    /// node with that id, else the node of that name in the workload's namespace. `None`
    /// for an object outside the graph, kept by name as written.
    pub fn key_source(
        &self,
        workload: &GraphNode<'a>,
        kind: NodeKind,
        selector: &KeySelector,
    ) -> Option<&GraphNode<'a>> {
        self.named_source(workload, kind, selector.name.non_empty()?)
    }

    /// The node of `kind` (Secret or ConfigMap) that `name` names for `workload` (an
    /// `envFrom` reference, or a key reference's name): the node with that id, else the
    /// node of that name in the workload's namespace.
    pub fn named_source(
        &self,
        workload: &GraphNode<'a>,
        kind: NodeKind,
        name: &str,
    ) -> Option<&GraphNode<'a>> {
        if let Some(node) = self.node(name).filter(|node| node.kind == Some(kind)) {
            return Some(node);
        }
        self.links.by_kind[kind as usize]
            .iter()
            .map(|&position| &self.nodes[position])
            .find(|node| node.name() == name && node.namespace() == workload.namespace())
    }
}

/// Whether the Secret or ConfigMap `source` holds `key` (a ConfigMap's placeholder keys
/// are dropped when compiling, so they hold nothing).
pub fn holds_key(source: &GraphNode<'_>, key: &str) -> bool {
    match source.data() {
        Some(NodeData::ConfigMap(config)) => config.data.get().is_some_and(|data| {
            data.keys()
                .any(|given| given.trim() == key && !is_placeholder_key(given))
        }),
        Some(NodeData::Secret(secret)) => secret
            .keys
            .items()
            .iter()
            .any(|given| given.name.non_empty() == Some(key)),
        _ => false,
    }
}
