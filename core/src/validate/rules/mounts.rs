//! Mount paths: absolute, and unique within a container.
//!
//! The mounts a container gets are the mount edges' ConfigMaps, Secrets and PVCs (the
//! `volumeMounts` copies stand in only for workloads with no mount edges), plus a
//! StatefulSet's claim templates. Defaults: ConfigMap `/etc/config`, Secret
//! `/etc/secrets`, PVC `/data/<pvc name>`, claim template `/data/<template name>` (or its
//! own `mountPath`).
//! Kubernetes rejects relative paths and two volumes on one path, and a mount's
//! `subPath` that is absolute or climbs with `..`. A workload's own `volumes` are mounted
//! at their `mountPath`, under the same rules, and so are the mounts of each further
//! container (`initContainers`, `sidecars`), which form a container of their own.

use std::borrow::Cow;

use super::{Check, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::{GraphEdge, GraphNode, Relation};
use crate::model::kinds::{Container, ContainerList, MountType, VolumeMount, copy_of, mount_path};
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidMountPath],
    check: Check::Nodes(
        &[
            NodeKind::ConfigMap,
            NodeKind::Secret,
            NodeKind::Deployment,
            NodeKind::StatefulSet,
            NodeKind::DaemonSet,
            NodeKind::Job,
            NodeKind::CronJob,
        ],
        check,
    ),
};

/// One mount of a container: its path and where it comes from.
struct Mount<'a> {
    path: Cow<'a, str>,
    origin: Origin<'a>,
}

/// Where a mount comes from; also where a clash is reported.
enum Origin<'a> {
    /// A mount edge from this source node.
    Edge(&'a GraphEdge<'a>, &'a GraphNode<'a>),
    /// `volumeMounts[index]`, naming this volume.
    Copy(usize, &'a str),
    /// `volumeClaimTemplates[index]`, of this name; whether its `mountPath` is given.
    Template(usize, &'a str, bool),
    /// `volumes[index]`, of this name.
    Volume(usize, &'a str),
    /// `volumeMounts[mount]` of the further container `index` of `list`, naming this
    /// volume.
    Further(ContainerList, usize, usize, &'a str),
}

impl Origin<'_> {
    fn describe(&self) -> String {
        match self {
            Origin::Edge(_, source) => source.describe(),
            Origin::Copy(_, name) => format!("volume \"{name}\""),
            Origin::Template(_, name, _) => format!("claim template \"{name}\""),
            Origin::Volume(_, name) | Origin::Further(_, _, _, name) => {
                format!("volume \"{name}\"")
            }
        }
    }

    /// A diagnostic at the origin, about the container of `node`.
    fn problem(&self, node: &GraphNode<'_>, message: String) -> Diagnostic {
        let data = || node.data_path();
        match self {
            Origin::Edge(edge, _) => node_problem(
                node,
                edge.path().key("target"),
                Code::InvalidMountPath,
                message,
            )
            .edge(edge.id()),
            Origin::Copy(index, _) => {
                let at = data().key("volumeMounts").index(*index).key("mountPath");
                node_problem(node, at, Code::InvalidMountPath, message)
            }
            Origin::Template(index, _, given) => {
                // The default path comes from the name; a given one is its own field.
                let field = if *given { "mountPath" } else { "name" };
                let at = data().key("volumeClaimTemplates").index(*index).key(field);
                node_problem(node, at, Code::InvalidMountPath, message)
            }
            Origin::Volume(index, _) => {
                let at = data().key("volumes").index(*index).key("mountPath");
                node_problem(node, at, Code::InvalidMountPath, message)
            }
            Origin::Further(list, index, mount, _) => {
                let at = further_mount(node, *list, *index, *mount).key("mountPath");
                node_problem(node, at, Code::InvalidMountPath, message)
            }
        }
    }
}

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    match node.data() {
        Some(NodeData::ConfigMap(data)) => relative(cx, node, &data.mount_path),
        Some(NodeData::Secret(data)) => relative(cx, node, &data.mount_path),
        Some(data) if data.container().is_some() => {
            let mounts = container_mounts(cx, position, node, data);
            duplicates(cx, node, mounts);
            // Most workloads have no further container: `pod_extras` says so without
            // building the container's fields again.
            let further = data
                .pod_extras()
                .filter(|extras| extras.has_further_containers());
            if let Some(fields) = further.and_then(|_| data.container()) {
                for (list, index, container) in fields.further_containers() {
                    let mounts = further_mounts(cx, node, list, index, container);
                    duplicates(cx, node, mounts);
                }
            }
        }
        _ => {}
    }
}

/// A ConfigMap's or Secret's own `mountPath` that is not absolute.
fn relative(cx: &mut Context<'_>, node: &GraphNode<'_>, field: &Wire<String>) {
    let Some(path) = field.non_empty() else {
        return;
    };
    if path.starts_with('/') {
        return;
    }
    let message = format!(
        "mountPath \"{path}\" of {} is not an absolute path",
        node.describe()
    );
    cx.report(
        node_problem(
            node,
            node.data_path().key("mountPath"),
            Code::InvalidMountPath,
            message,
        )
        .hint(format!("write it from the root, for example \"/{path}\"")),
    );
}

fn container_mounts<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &'a NodeData,
) -> Vec<Mount<'a>> {
    let graph = cx.graph;
    let copies = data
        .container()
        .and_then(|c| c.volume_mounts)
        .map(Wire::items)
        .unwrap_or_default();
    let mut mounts = Vec::new();
    for (edge, relation) in graph.incoming(position) {
        if let Relation::Mounts(kind) = relation {
            let source = graph.at(edge.source);
            let copy = copy_of(copies, kind, source.id(), source.name());
            if let Some((index, copy)) = copy {
                sub_path(cx, node, index, copy);
            }
            let path = mount_path(kind, source.name(), source.data(), copy.map(|(_, c)| c));
            if !path.starts_with('/') {
                // Only a claim's path comes from the copy; a ConfigMap's or Secret's own
                // relative path is reported on that node.
                if let Some((index, _)) = copy.filter(|_| kind == MountType::PersistentVolumeClaim)
                {
                    copy_not_absolute(cx, node, index, &path);
                }
                continue;
            }
            mounts.push(Mount {
                path,
                origin: Origin::Edge(edge, source),
            });
        }
    }
    if mounts.is_empty() {
        for (index, copy) in copies.iter().enumerate() {
            // A copy naming a gone or disconnected node is left out of the output (and
            // reported by the stale-links rule).
            if graph.copy_left_out(copy) {
                continue;
            }
            let name = copy.name.non_empty().unwrap_or_default();
            let kind = copy
                .mount_type
                .get()
                .copied()
                .unwrap_or(MountType::PersistentVolumeClaim);
            sub_path(cx, node, index, copy);
            let path = mount_path(kind, name, None, Some(copy));
            let origin = Origin::Copy(index, name);
            if !path.starts_with('/') {
                copy_not_absolute(cx, node, index, &path);
                continue;
            }
            mounts.push(Mount { path, origin });
        }
    }
    let volumes = data
        .container()
        .and_then(|c| c.volumes)
        .map(Wire::items)
        .unwrap_or_default();
    for (index, volume) in volumes.iter().enumerate() {
        let (Some(name), Some(path)) = (volume.name.non_empty(), volume.mount_path.non_empty())
        else {
            continue;
        };
        let at = || node.data_path().key("volumes").index(index);
        descending(cx, node, volume.sub_path.non_empty(), || {
            at().key("subPath")
        });
        let origin = Origin::Volume(index, name);
        let field = || format!("volumes[{index}].mountPath");
        push_absolute(cx, node, &mut mounts, origin, path, field);
    }
    if let NodeData::StatefulSet(set) = data {
        let templates = set.volume_claim_templates.items();
        for (index, template) in templates.iter().enumerate() {
            let Some(name) = template.name.non_empty() else {
                continue;
            };
            // A repeated template name is reported as such by the `statefulsets` rule.
            if templates[..index]
                .iter()
                .any(|earlier| earlier.name.non_empty() == Some(name))
            {
                continue;
            }
            let at = || node.data_path().key("volumeClaimTemplates").index(index);
            descending(cx, node, template.sub_path.non_empty(), || {
                at().key("subPath")
            });
            let origin = Origin::Template(index, name, template.mount_path.non_empty().is_some());
            let Some(path) = template.mount_path.non_empty() else {
                mounts.push(Mount {
                    path: format!("/data/{name}").into(),
                    origin,
                });
                continue;
            };
            if !path.starts_with('/') {
                let message = format!(
                    "volumeClaimTemplates[{index}].mountPath \"{path}\" is not an absolute path"
                );
                let hint = format!("write it from the root, for example \"/{path}\"");
                cx.report(origin.problem(node, message).hint(hint));
                continue;
            }
            mounts.push(Mount {
                path: path.into(),
                origin,
            });
        }
    }
    mounts
}

/// The mounts of a further container: each path absolute, each `subPath` relative.
fn further_mounts<'a>(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    list: ContainerList,
    index: usize,
    container: &'a Container,
) -> Vec<Mount<'a>> {
    let mut mounts = Vec::new();
    for (mount, given) in container.volume_mounts.items().iter().enumerate() {
        descending(cx, node, given.sub_path.non_empty(), || {
            further_mount(node, list, index, mount).key("subPath")
        });
        let Some(path) = given.mount_path.non_empty() else {
            continue;
        };
        let origin = Origin::Further(
            list,
            index,
            mount,
            given.name.non_empty().unwrap_or_default(),
        );
        push_absolute(cx, node, &mut mounts, origin, path, || {
            "mountPath".to_owned()
        });
    }
    mounts
}

/// Adds the mount at `path`, or reports it when the path is not absolute (`field` names
/// the path's field in the message).
fn push_absolute<'a>(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    mounts: &mut Vec<Mount<'a>>,
    origin: Origin<'a>,
    path: &'a str,
    field: impl FnOnce() -> String,
) {
    if path.starts_with('/') {
        mounts.push(Mount {
            path: path.into(),
            origin,
        });
        return;
    }
    let message = format!("{} \"{path}\" is not an absolute path", field());
    let hint = format!("write it from the root, for example \"/{path}\"");
    cx.report(origin.problem(node, message).hint(hint));
}

/// Where `volumeMounts[mount]` of a further container is.
fn further_mount(
    node: &GraphNode<'_>,
    list: ContainerList,
    index: usize,
    mount: usize,
) -> FieldPath {
    node.data_path()
        .key(list.field())
        .index(index)
        .key("volumeMounts")
        .index(mount)
}

/// `volumeMounts[index].subPath`, which the container gets, is absolute or climbs out of
/// the volume with `..`: the API server refuses it.
fn sub_path(cx: &mut Context<'_>, node: &GraphNode<'_>, index: usize, copy: &VolumeMount) {
    descending(cx, node, copy.sub_path.non_empty(), || {
        node.data_path()
            .key("volumeMounts")
            .index(index)
            .key("subPath")
    });
}

/// A `subPath` that is absolute or climbs with `..`.
fn descending(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    path: Option<&str>,
    at: impl FnOnce() -> FieldPath,
) {
    let Some(path) = path else { return };
    if !path.starts_with('/') && !path.split('/').any(|part| part == "..") {
        return;
    }
    let message = format!("subPath \"{path}\" must be a relative path without '..'");
    let at = at();
    cx.report(
        node_problem(node, at, Code::InvalidMountPath, message)
            .hint("name a file or directory inside the volume, for example \"conf/app.yaml\""),
    );
}

/// `volumeMounts[index].mountPath`, which the container gets, is not absolute.
fn copy_not_absolute(cx: &mut Context<'_>, node: &GraphNode<'_>, index: usize, path: &str) {
    let message = format!("volumeMounts[{index}].mountPath \"{path}\" is not an absolute path");
    let hint = format!("write it from the root, for example \"/{path}\"");
    cx.report(Origin::Copy(index, "").problem(node, message).hint(hint));
}

/// Reports each mount whose path an earlier mount of the same container already uses.
fn duplicates(cx: &mut Context<'_>, node: &GraphNode<'_>, mounts: Vec<Mount<'_>>) {
    for (index, mount) in mounts.iter().enumerate() {
        let Some(earlier) = mounts[..index]
            .iter()
            .find(|earlier| earlier.path == mount.path)
        else {
            continue;
        };
        let message = format!(
            "{} and {} are both mounted at {} in {}",
            mount.origin.describe(),
            earlier.origin.describe(),
            mount.path,
            node.describe()
        );
        cx.report(
            mount
                .origin
                .problem(node, message)
                .hint("give one of them its own mountPath"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn mount_paths_are_absolute_and_unique_per_container() {
        let found = diagnostics_of(
            Code::InvalidMountPath,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api",
                              "volumeMounts": [{"type": "configMap", "name": "ignored", "mountPath": "/etc/config", "nodeId": "x"}]}},
                          {"id": "c1", "type": "configmap", "data": {"name": "one"}},
                          {"id": "c2", "type": "configmap", "data": {"name": "two", "mountPath": "/etc/config"}},
                          {"id": "s", "type": "secret", "data": {"name": "s", "mountPath": "etc/secrets"}},
                          {"id": "j", "type": "job", "data": {"name": "j", "volumeMounts": [
                              {"type": "secret", "name": "a"}, {"type": "secret", "name": "b"}, {"type": "configMap", "mountPath": "rel"}]}},
                          {"id": "ss", "type": "statefulset", "data": {"name": "db",
                              "volumeClaimTemplates": [{"name": "data"}, {"name": "data"}]}},
                          {"id": "p", "type": "persistentvolumeclaim", "data": {"name": "data"}}],
                "edges": [{"id": "e1", "source": "c1", "target": "d"},
                          {"id": "e2", "source": "c2", "target": "d"},
                          {"id": "e3", "source": "p", "target": "ss"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-mount-path", "/edges/1/target".into(), "d"),
                ("invalid-mount-path", "/nodes/3/data/mountPath".into(), "s"),
                (
                    "invalid-mount-path",
                    "/nodes/4/data/volumeMounts/1/mountPath".into(),
                    "j"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/4/data/volumeMounts/2/mountPath".into(),
                    "j"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/5/data/volumeClaimTemplates/0/name".into(),
                    "ss"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "configmap \"two\" and configmap \"one\" are both mounted at /etc/config in deployment \"api\""
        );
        assert_eq!(found[0].location.edge_id.as_deref(), Some("e2"));
    }

    #[test]
    fn a_sub_path_stays_inside_its_volume() {
        let found = diagnostics_of(
            Code::InvalidMountPath,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api", "volumeMounts": [
                              {"type": "configMap", "name": "conf", "mountPath": "/etc/app/app.yaml", "subPath": "app.yaml", "nodeId": "c"},
                              {"type": "persistentVolumeClaim", "name": "data", "mountPath": "/var/lib/db", "subPath": "../other", "nodeId": "p"}]}},
                          {"id": "j", "type": "job", "data": {"name": "j", "volumeMounts": [
                              {"type": "secret", "name": "s", "mountPath": "/etc/s", "subPath": "/etc/passwd"}]}},
                          {"id": "c", "type": "configmap", "data": {"name": "conf", "mountPath": "/etc/app/app.yaml"}},
                          {"id": "p", "type": "persistentvolumeclaim", "data": {"name": "data"}}],
                "edges": [{"id": "e1", "source": "c", "target": "d"}, {"id": "e2", "source": "p", "target": "d"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-mount-path",
                    "/nodes/0/data/volumeMounts/1/subPath".into(),
                    "d"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/1/data/volumeMounts/0/subPath".into(),
                    "j"
                ),
            ]
        );
    }

    #[test]
    fn own_volumes_mount_at_absolute_unique_paths() {
        let found = diagnostics_of(
            Code::InvalidMountPath,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api",
                    "volumeMounts": [{"type": "secret", "name": "s", "mountPath": "/tmp"}],
                    "volumes": [{"name": "tmp", "emptyDir": {}, "mountPath": "/tmp"},
                                {"name": "cache", "emptyDir": {}, "mountPath": "cache"},
                                {"name": "run", "emptyDir": {"medium": "Memory"}, "mountPath": "/run", "subPath": "../x"},
                                {"name": "unmounted", "emptyDir": {}}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-mount-path",
                    "/nodes/0/data/volumes/0/mountPath".into(),
                    "d"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/0/data/volumes/1/mountPath".into(),
                    "d"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/0/data/volumes/2/subPath".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "volume \"tmp\" and volume \"s\" are both mounted at /tmp in deployment \"api\""
        );
    }

    #[test]
    fn further_containers_mount_at_unique_absolute_paths() {
        let found = diagnostics_of(
            Code::InvalidMountPath,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "api",
                "volumes": [{"name": "a", "emptyDir": {}, "mountPath": "/data"}, {"name": "b", "emptyDir": {}}],
                "sidecars": [{"name": "s", "volumeMounts": [
                    {"name": "a", "mountPath": "/data"},
                    {"name": "b", "mountPath": "/data"},
                    {"name": "b", "mountPath": "rel", "subPath": "../up"}]}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-mount-path",
                    "/nodes/0/data/sidecars/0/volumeMounts/1/mountPath".into(),
                    "d"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/0/data/sidecars/0/volumeMounts/2/mountPath".into(),
                    "d"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/0/data/sidecars/0/volumeMounts/2/subPath".into(),
                    "d"
                ),
            ]
        );
    }

    /// A claim template's own mountPath must be absolute and not taken, and its subPath
    /// stay inside the volume; one without a mountPath keeps `/data/<name>`.
    #[test]
    fn claim_templates_mount_where_they_say() {
        let found = diagnostics_of(
            Code::InvalidMountPath,
            r#"{"nodes": [{"id": "s", "type": "statefulset", "data": {"name": "db",
                            "volumes": [{"name": "run", "emptyDir": {}, "mountPath": "/var/run/db"}],
                            "volumeClaimTemplates": [
                                {"name": "pgdata", "storage": "1Gi", "mountPath": "/var/lib/postgresql/data", "subPath": "pgdata"},
                                {"name": "wal", "storage": "1Gi", "mountPath": "var/wal"},
                                {"name": "sock", "storage": "1Gi", "mountPath": "/var/run/db", "subPath": "/abs"},
                                {"name": "plain", "storage": "1Gi"}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-mount-path",
                    "/nodes/0/data/volumeClaimTemplates/1/mountPath".into(),
                    "s"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/0/data/volumeClaimTemplates/2/mountPath".into(),
                    "s"
                ),
                (
                    "invalid-mount-path",
                    "/nodes/0/data/volumeClaimTemplates/2/subPath".into(),
                    "s"
                ),
            ]
        );
        assert_eq!(
            found[1].message,
            "claim template \"sock\" and volume \"run\" are both mounted at /var/run/db in statefulset \"db\""
        );
    }
}
