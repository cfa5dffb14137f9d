//! Volume mount copies in workload data that contradict the mount edges.
//!
//! When a ConfigMap, Secret or PVC is connected, the UI copies the mount into the
//! workload's `volumeMounts` and its node id into `_linkedConfigMaps`, `_linkedSecrets` or
//! `_linkedPVCs`. The copies serve as fall-backs only for workloads with no mount edges;
//! once a workload has mount edges, a copy naming another node, name or path is stale. An
//! id naming no node at all is stale either way.

use crate::graph::{GraphEdge, GraphNode, Relation};
use crate::model::kinds::{MountType, VolumeMount};
use crate::model::{NodeData, Wire};
use crate::validate::Context;
use crate::validate::rules::mounts::mount_path_of;

pub(super) fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(container) = node.data().and_then(NodeData::container) else {
        return;
    };
    let mounts: Vec<(&GraphEdge<'_>, MountType)> = graph
        .incoming(position)
        .filter_map(|(edge, relation)| match relation {
            Relation::Mounts(kind) => Some((edge, kind)),
            _ => None,
        })
        .collect();
    let copies = container.volume_mounts.map(Wire::items).unwrap_or_default();
    for (index, copy) in copies.iter().enumerate() {
        check_copy(cx, node, index, copy, &mounts);
    }
    for (key, kind, ids) in linked_lists(node).into_iter().flatten() {
        for (index, id) in ids.items().iter().enumerate() {
            let at = || node.data_path().key(key).index(index);
            // Edges join existing nodes, so an id an edge names needs no lookup.
            let mounted = mounts
                .iter()
                .any(|(edge, k)| *k == kind && graph.at(edge.source).id() == id);
            let message = if mounted {
                continue;
            } else if graph.node(id).is_none() {
                format!("{key} lists \"{id}\", which names no node of this workflow")
            } else if !mounts.is_empty() {
                format!("{key} lists \"{id}\", but no edge mounts that node; the edges win")
            } else {
                continue;
            };
            cx.report(
                super::stale_link(node, at(), message)
                    .hint("reconnect the node in the UI, or remove the entry"),
            );
        }
    }
}

/// Checks `volumeMounts[index]` against the mount edges.
fn check_copy(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    index: usize,
    copy: &VolumeMount,
    mounts: &[(&GraphEdge<'_>, MountType)],
) {
    let graph = cx.graph;
    let at = || node.data_path().key("volumeMounts").index(index);
    let Some(id) = copy.node_id.non_empty() else {
        return;
    };
    // Edges join existing nodes, so an id an edge names needs no lookup.
    let edge = mounts
        .iter()
        .find(|(edge, _)| graph.at(edge.source).id() == id);
    let Some((edge, _)) = edge else {
        let Some(named) = graph.node(id) else {
            let message =
                format!("volumeMounts[{index}] refers to node \"{id}\", which does not exist");
            cx.report(
                super::stale_link(node, at().key("nodeId"), message)
                    .hint("reconnect the volume in the UI, or remove the entry"),
            );
            return;
        };
        if mounts.is_empty() {
            return;
        }
        let message = format!(
            "volumeMounts[{index}] mounts {}, but no edge connects it; the edges win",
            named.describe()
        );
        cx.report(
            super::stale_link(node, at(), message)
                .hint("connect the volume in the UI, or remove the entry"),
        );
        return;
    };
    let source = graph.at(edge.source);
    let path = mount_path_of(source);
    let wins = || {
        format!(
            "edge \"{}\" mounts {} at {path}",
            edge.id(),
            source.describe()
        )
    };
    if let Some(name) = copy.name.non_empty()
        && !source.name().is_empty()
        && name != source.name()
    {
        let message = format!(
            "volumeMounts[{index}].name \"{name}\" contradicts the edge: {}, which wins",
            wins()
        );
        cx.report(
            super::stale_link(node, at().key("name"), message)
                .hint("reconnect the volume in the UI to refresh the copy"),
        );
    }
    if let Some(copied) = copy.mount_path.non_empty()
        && copied != path
    {
        let message = format!(
            "volumeMounts[{index}].mountPath \"{copied}\" contradicts the edge: {}, which wins",
            wins()
        );
        cx.report(
            super::stale_link(node, at().key("mountPath"), message).hint(format!(
                "set mountPath on {} instead; it applies to every workload mounting it",
                source.describe()
            )),
        );
    }
}

/// One `_linked*` id list: its key, the mount type it stands for, and the ids.
type LinkedList<'a> = (&'static str, MountType, &'a Wire<Vec<String>>);

/// The `_linked*` id lists of a workload (PVC lists only where PVCs can be mounted).
fn linked_lists<'a>(node: &GraphNode<'a>) -> [Option<LinkedList<'a>>; 3] {
    use MountType::{ConfigMap, PersistentVolumeClaim, Secret};
    let lists = |configs, secrets, pvcs: Option<&'a Wire<Vec<String>>>| {
        [
            Some(("_linkedConfigMaps", ConfigMap, configs)),
            Some(("_linkedSecrets", Secret, secrets)),
            pvcs.map(|pvcs| ("_linkedPVCs", PersistentVolumeClaim, pvcs)),
        ]
    };
    match node.data() {
        Some(NodeData::Deployment(d)) => lists(
            &d.linked_config_maps,
            &d.linked_secrets,
            Some(&d.linked_pvcs),
        ),
        Some(NodeData::StatefulSet(d)) => lists(
            &d.linked_config_maps,
            &d.linked_secrets,
            Some(&d.linked_pvcs),
        ),
        Some(NodeData::Job(d)) => lists(&d.linked_config_maps, &d.linked_secrets, None),
        Some(NodeData::CronJob(d)) => lists(&d.linked_config_maps, &d.linked_secrets, None),
        Some(NodeData::DaemonSet(d)) => lists(&d.linked_config_maps, &d.linked_secrets, None),
        _ => [None, None, None],
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn mount_copies_must_agree_with_mount_edges() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api",
                              "volumeMounts": [
                                  {"type": "configMap", "name": "old-cfg", "mountPath": "/etc/app", "nodeId": "c"},
                                  {"type": "secret", "name": "s", "mountPath": "/etc/secrets", "nodeId": "s"},
                                  {"type": "configMap", "name": "gone", "mountPath": "/x", "nodeId": "node-404"}],
                              "_linkedConfigMaps": ["c", "node-405"], "_linkedSecrets": ["s"]}},
                          {"id": "c", "type": "configmap", "data": {"name": "cfg"}},
                          {"id": "s", "type": "secret", "data": {"name": "s"}},
                          {"id": "j", "type": "job", "data": {"name": "j",
                              "volumeMounts": [{"type": "secret", "name": "s", "mountPath": "/etc/secrets", "nodeId": "s"}],
                              "_linkedSecrets": ["s"]}}],
                "edges": [{"id": "e1", "source": "c", "target": "d"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "stale-link",
                    "/nodes/0/data/_linkedConfigMaps/1".into(),
                    "d"
                ),
                ("stale-link", "/nodes/0/data/_linkedSecrets/0".into(), "d"),
                (
                    "stale-link",
                    "/nodes/0/data/volumeMounts/0/mountPath".into(),
                    "d"
                ),
                (
                    "stale-link",
                    "/nodes/0/data/volumeMounts/0/name".into(),
                    "d"
                ),
                ("stale-link", "/nodes/0/data/volumeMounts/1".into(), "d"),
                (
                    "stale-link",
                    "/nodes/0/data/volumeMounts/2/nodeId".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(
            found[2].message,
            "volumeMounts[0].mountPath \"/etc/app\" contradicts the edge: edge \"e1\" mounts \
             configmap \"cfg\" at /etc/config, which wins"
        );
    }
}
