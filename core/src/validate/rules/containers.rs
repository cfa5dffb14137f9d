//! The further containers of a pod (`initContainers`, `sidecars`), checked as the API
//! server checks them: each has a name (a DNS-1123 label, unique among all containers of
//! the pod, the workload's own included) and an image; only an init container takes a
//! `restartPolicy` (`Always`, a native sidecar; another value is an `invalid-enum`); and
//! every volume mount names a volume of the pod and a path. A regular sidecar of a Job's
//! or CronJob's pod keeps the Job from completing unless it exits on its own: a warning,
//! pointing to native sidecars.
//!
//! The volumes of the pod are the workload's `volumes[]`, a StatefulSet's claim templates
//! (by their names), and the volume made of each mounted ConfigMap, Secret or PVC:
//! `<object name>-volume`, or `<object name>-<configmap|secret|pvc>-volume` for the second
//! of two objects of one name (see `compile/pod.rs`). Both spellings are accepted for
//! every mounted object, so a mount is refused only when no volume can have its name.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation, WORKLOAD_KINDS};
use crate::model::kinds::{Container, ContainerFields, ContainerList, MountType};
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::syntax::names;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::UnknownVolume,
        Code::ContainerRestartPolicy,
        Code::JobSidecar,
    ],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let data = node.data();
    if !data
        .and_then(NodeData::pod_extras)
        .is_some_and(|extras| extras.has_further_containers())
    {
        return;
    }
    let Some(fields) = data.and_then(NodeData::container) else {
        return;
    };
    let own = fields
        .container_name
        .and_then(Wire::non_empty)
        .unwrap_or(node.name());
    let mut names = vec![own];
    let volumes = volume_names(cx, position, node, &fields);
    for (list, index, container) in fields.further_containers() {
        let at = || node.data_path().key(list.field()).index(index);
        let what = format!("{}[{index}]", list.field());
        if let Some(name) = named(cx, node, container, &what, &at) {
            if names.contains(&name) {
                let message = format!(
                    "container name \"{name}\" of {what} is used by another container of the pod"
                );
                cx.report(
                    super::names::invalid_name(node, at().key("name"), message)
                        .hint("give every container of the pod its own name"),
                );
            }
            names.push(name);
        }
        if container.image.non_empty().is_none() && !container.image.is_invalid() {
            let message = format!("{what} of {} has no image", node.describe());
            cx.report(
                super::node_types::missing_field(node, at().key("image"), message)
                    .hint("set an image such as `busybox:1.36`"),
            );
        }
        if list == ContainerList::Sidecars && !container.restart_policy.is_absent() {
            let message = format!(
                "{what} of {} sets restartPolicy, which the API server takes only on an init container",
                node.describe()
            );
            cx.report(
                node_problem(
                    node,
                    at().key("restartPolicy"),
                    Code::ContainerRestartPolicy,
                    message,
                )
                .hint("remove it, or move the container to initContainers with restartPolicy Always to make a native sidecar"),
            );
        }
        let batch = matches!(node.kind, Some(NodeKind::Job | NodeKind::CronJob));
        if batch && list == ContainerList::Sidecars {
            let message = format!(
                "{what} of {} is a regular container: the Job completes only when it exits too",
                node.describe()
            );
            cx.report(
                node_problem(node, at(), Code::JobSidecar, message)
                    .hint("move it to initContainers with restartPolicy Always (a native sidecar, stopped when the main container finishes), unless it exits on its own"),
            );
        }
        mounts(cx, node, container, &volumes, &what, &at);
    }
}

/// The container's name when it has a valid one; reports a missing or invalid name.
fn named<'a>(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    container: &'a Container,
    what: &str,
    at: &dyn Fn() -> FieldPath,
) -> Option<&'a str> {
    let Some(name) = container.name.non_empty() else {
        if !container.name.is_invalid() {
            let message = format!("{what} of {} has no name", node.describe());
            cx.report(
                super::node_types::missing_field(node, at().key("name"), message)
                    .hint("name the container (a DNS-1123 label, unique in the pod)"),
            );
        }
        return None;
    };
    if let Err(problem) = names::dns1123_label(name) {
        let message = format!("container name \"{name}\" must be a DNS-1123 label: it {problem}");
        cx.report(
            super::names::invalid_name(node, at().key("name"), message)
                .hint("use lower-case letters, digits and '-', starting and ending with a letter or digit"),
        );
    }
    Some(name)
}

/// Each volume mount names a volume of the pod and a path.
fn mounts(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    container: &Container,
    volumes: &[String],
    what: &str,
    at: &dyn Fn() -> FieldPath,
) {
    for (index, mount) in container.volume_mounts.items().iter().enumerate() {
        let at = || at().key("volumeMounts").index(index);
        if mount.mount_path.non_empty().is_none() && !mount.mount_path.is_invalid() {
            let message = format!("{what}.volumeMounts[{index}] has no mountPath");
            cx.report(
                super::node_types::missing_field(node, at().key("mountPath"), message)
                    .hint("set the absolute path the volume appears at in the container"),
            );
        }
        let Some(name) = mount.name.non_empty() else {
            if !mount.name.is_invalid() {
                let message = format!("{what}.volumeMounts[{index}] names no volume");
                cx.report(
                    super::node_types::missing_field(node, at().key("name"), message)
                        .hint("name the volume of the pod to mount"),
                );
            }
            continue;
        };
        if !volumes.iter().any(|volume| volume == name) {
            let known = if volumes.is_empty() {
                "the pod has none".to_owned()
            } else {
                format!("its volumes are \"{}\"", volumes.join("\", \""))
            };
            let message = format!(
                "{what} of {} mounts volume \"{name}\", which the pod does not have ({known})",
                node.describe()
            );
            cx.report(
                node_problem(node, at().key("name"), Code::UnknownVolume, message).hint(
                    "name a volumes[] entry, a claim template, or <name>-volume of a mounted ConfigMap, Secret or PVC",
                ),
            );
        }
    }
}

/// The names a volume of the pod can have, in order.
fn volume_names(
    cx: &Context<'_>,
    position: usize,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
) -> Vec<String> {
    let graph = cx.graph;
    let mut objects: Vec<(MountType, &str)> = graph
        .incoming(position)
        .filter_map(|(edge, relation)| match relation {
            Relation::Mounts(kind) => Some((kind, graph.at(edge.source).name())),
            _ => None,
        })
        .collect();
    if objects.is_empty() {
        // The copies stand in only when the workload has no mount edge, as when compiling.
        let copies = fields.volume_mounts.map(Wire::items).unwrap_or_default();
        objects = copies
            .iter()
            .filter(|copy| !graph.copy_left_out(copy))
            .filter_map(|copy| Some((*copy.mount_type.get()?, copy.name.non_empty()?)))
            .collect();
    }
    let mut names = Vec::new();
    for (kind, object) in objects.into_iter().filter(|(_, object)| !object.is_empty()) {
        let kind_name = match kind {
            MountType::ConfigMap => "configmap",
            MountType::Secret => "secret",
            MountType::PersistentVolumeClaim => "pvc",
        };
        names.push(format!("{object}-volume"));
        names.push(format!("{object}-{kind_name}-volume"));
    }
    let own = fields.volumes.map(Wire::items).unwrap_or_default();
    names.extend(
        own.iter()
            .filter_map(|volume| volume.name.non_empty())
            .map(str::to_owned),
    );
    if let Some(NodeData::StatefulSet(set)) = node.data() {
        names.extend(
            set.volume_claim_templates
                .items()
                .iter()
                .filter_map(|claim| claim.name.non_empty())
                .map(str::to_owned),
        );
    }
    names
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn further_containers_need_unique_names_and_images() {
        let found = diagnostics_of(
            Code::UnknownVolume,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "image": "nginx",
                "initContainers": [{"image": "busybox"}, {"name": "web", "image": "busybox"},
                    {"name": "Setup_DB", "image": "busybox"}],
                "sidecars": [{"name": "proxy", "image": " "}, {"name": "proxy", "image": "envoy",
                    "restartPolicy": "Always"}]}},
              {"id": "c", "type": "cronjob", "data": {"name": "report", "containerName": "main",
                "sidecars": [{"name": "report", "image": "busybox"}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "missing-field",
                    "/nodes/0/data/initContainers/0/name".into(),
                    "d"
                ),
                (
                    "invalid-name",
                    "/nodes/0/data/initContainers/1/name".into(),
                    "d"
                ),
                (
                    "invalid-name",
                    "/nodes/0/data/initContainers/2/name".into(),
                    "d"
                ),
                (
                    "missing-field",
                    "/nodes/0/data/sidecars/0/image".into(),
                    "d"
                ),
                ("invalid-name", "/nodes/0/data/sidecars/1/name".into(), "d"),
                (
                    "container-restart-policy",
                    "/nodes/0/data/sidecars/1/restartPolicy".into(),
                    "d"
                ),
                ("job-sidecar", "/nodes/1/data/sidecars/0".into(), "c"),
            ]
        );
        assert_eq!(
            found[1].message,
            "container name \"web\" of initContainers[1] is used by another container of the pod"
        );
        assert!(found[..6].iter().all(|d| d.severity == Severity::Error));
        assert_eq!(found[6].severity, Severity::Warning);
    }

    #[test]
    fn mounts_name_a_volume_the_pod_has() {
        let found = diagnostics_of(
            Code::UnknownVolume,
            r#"{"nodes": [{"id": "d", "type": "statefulset", "data": {"name": "db", "image": "postgres",
                "volumeClaimTemplates": [{"name": "data"}],
                "volumes": [{"name": "scratch", "emptyDir": {}}],
                "sidecars": [{"name": "backup", "image": "busybox", "volumeMounts": [
                    {"name": "data", "mountPath": "/backup"},
                    {"name": "scratch", "mountPath": "/tmp"},
                    {"name": "settings-volume", "mountPath": "/etc/settings"},
                    {"name": "settings-configmap-volume", "mountPath": "/etc/s2"},
                    {"name": "keys-volume", "mountPath": "/etc/keys"},
                    {"name": "data-volume"},
                    {"mountPath": "/x"}]}]}},
              {"id": "c", "type": "configmap", "data": {"name": "settings", "data": {"a": "1"}}}],
              "edges": [{"id": "e", "source": "c", "target": "d"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "unknown-volume",
                    "/nodes/0/data/sidecars/0/volumeMounts/4/name".into(),
                    "d"
                ),
                (
                    "missing-field",
                    "/nodes/0/data/sidecars/0/volumeMounts/5/mountPath".into(),
                    "d"
                ),
                (
                    "unknown-volume",
                    "/nodes/0/data/sidecars/0/volumeMounts/5/name".into(),
                    "d"
                ),
                (
                    "missing-field",
                    "/nodes/0/data/sidecars/0/volumeMounts/6/name".into(),
                    "d"
                ),
            ]
        );
        assert!(
            found[0]
                .message
                .ends_with("(its volumes are \"settings-volume\", \"settings-configmap-volume\", \"scratch\", \"data\")"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_native_sidecar_and_workloads_without_further_containers_pass() {
        let found = diagnostics_of(
            Code::ContainerRestartPolicy,
            r#"{"nodes": [{"id": "j", "type": "job", "data": {"name": "once", "image": "busybox",
                "initContainers": [{"name": "proxy", "image": "envoy", "restartPolicy": "Always"}]}},
              {"id": "d", "type": "deployment", "data": {"name": "web"}}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
