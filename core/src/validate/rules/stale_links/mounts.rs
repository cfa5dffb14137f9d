//! Volume mount copies in workload data that name a node which is gone.
//!
//! When a ConfigMap, Secret or PVC is connected, the UI copies the mount into the
//! workload's `volumeMounts` and its node id into `_linkedConfigMaps`, `_linkedSecrets` or
//! `_linkedPVCs`. The designer never shows these copies, so a warning about one is only
//! worth it where the copy changes the output: the edges decide what is mounted, and a
//! claim's copy only supplies its path and `readOnly` (see `model::kinds::mount_path`), so
//! with mount edges no copy is stale in a way that matters (a canvas import renames node
//! ids but not the ids in copies: those must not give one warning each). Only a workload
//! without mount edges is mounted from its copies: there, a copy naming a node that is
//! gone ("Delete node" in the settings panel), or one that is still there in a workflow
//! drawn with edges (its edge was deleted), is left out of the output, and said so.
//! `_linked*` lists are never read.

use crate::graph::{GraphNode, Relation};
use crate::model::{NodeData, Wire};
use crate::validate::Context;

pub(super) fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(container) = node.data().and_then(NodeData::container) else {
        return;
    };
    let copies = container.volume_mounts.map(Wire::items).unwrap_or_default();
    if copies.is_empty()
        || graph
            .incoming(position)
            .any(|(_, relation)| matches!(relation, Relation::Mounts(_)))
    {
        return;
    }
    for (index, copy) in copies.iter().enumerate() {
        let id = copy.node_id.non_empty().unwrap_or_default();
        // The designer copies every Secret it connects as a mount; a registry Secret's
        // edge is an image pull secret instead, and its copy is no deleted edge.
        if graph.incoming(position).any(|(edge, relation)| {
            relation == Relation::PullsWith && graph.at(edge.source).id() == id
        }) {
            continue;
        }
        let what = match (copy.mount_type.get(), copy.name.non_empty()) {
            (Some(kind), Some(name)) => format!("{kind} \"{name}\""),
            _ => "a volume".to_owned(),
        };
        let message = if graph.names_a_gone_node(copy) {
            format!(
                "volumeMounts[{index}] mounts {what} of node \"{id}\", which no longer exists; the mount is left out"
            )
        } else if graph.names_a_disconnected_node(copy) {
            format!(
                "volumeMounts[{index}] mounts {what} of node \"{id}\", whose edge was deleted; the mount is left out"
            )
        } else {
            continue;
        };
        cx.report(
            super::stale_link(
                node,
                node.data_path()
                    .key("volumeMounts")
                    .index(index)
                    .key("nodeId"),
                message,
            )
            .hint("connect the volume with an edge to mount it, or remove the entry"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    /// With mount edges, the copies change nothing the user could see: no warning, even
    /// for copies naming renamed ids, other names or other paths.
    #[test]
    fn copies_beside_mount_edges_are_quiet() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api",
                              "volumeMounts": [
                                  {"type": "configMap", "name": "old-cfg", "mountPath": "/etc/app", "nodeId": "c"},
                                  {"type": "secret", "name": "s", "mountPath": "/etc/secrets", "nodeId": "s"},
                                  {"type": "configMap", "name": "gone", "mountPath": "/x", "nodeId": "node-404"}],
                              "_linkedConfigMaps": ["c", "node-405"], "_linkedSecrets": ["s"]}},
                          {"id": "c", "type": "configmap", "data": {"name": "cfg"}},
                          {"id": "s", "type": "secret", "data": {"name": "s"}}],
                "edges": [{"id": "e1", "source": "c", "target": "d"}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    /// A registry Secret's edge makes it an image pull secret: the mount copy the
    /// designer wrote when it was connected is no deleted edge.
    #[test]
    fn the_copy_of_a_pull_secret_is_quiet() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api",
                              "volumeMounts": [
                                  {"type": "secret", "name": "ghcr", "mountPath": "/etc/secrets", "nodeId": "r"}],
                              "_linkedSecrets": ["r"]}},
                          {"id": "r", "type": "secret", "data": {"name": "ghcr",
                              "secretType": "kubernetes.io/dockerconfigjson"}}],
                "edges": [{"id": "e1", "source": "r", "target": "d"}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    /// Without mount edges the copies are mounted: one naming a deleted node is left out
    /// and reported; one naming an existing node, or no node id, is mounted quietly.
    #[test]
    fn a_copy_naming_a_deleted_node_is_reported_where_it_would_be_mounted() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api",
                              "volumeMounts": [
                                  {"type": "configMap", "name": "cfg", "mountPath": "/etc/app", "nodeId": "c"},
                                  {"type": "secret", "name": "gone", "mountPath": "/etc/gone", "nodeId": "node-404"},
                                  {"type": "persistentVolumeClaim", "name": "data", "mountPath": "/data"}],
                              "_linkedSecrets": ["node-404"]}},
                          {"id": "c", "type": "configmap", "data": {"name": "cfg"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "stale-link",
                "/nodes/0/data/volumeMounts/1/nodeId".into(),
                "d"
            )]
        );
        assert_eq!(
            found[0].message,
            "volumeMounts[1] mounts secret \"gone\" of node \"node-404\", which no longer exists; \
             the mount is left out"
        );
    }
}
