//! The pod template every workload kind shares: one container named after the resource
//! (or its `containerName`), its ports, env, resources and the volumes mounted into it,
//! and the pod's settings: service account, pull secrets, security, node selector,
//! tolerations, affinity and spread constraints.
//!
//! The reference forgot resources, mounts and tolerations for Jobs, CronJobs and
//! DaemonSets; here every workload goes through the same code, so none can be forgotten.

use std::borrow::Cow;

use k8s_openapi::api::core::v1::{
    ConfigMapVolumeSource, ContainerPort, EmptyDirVolumeSource, LocalObjectReference,
    PersistentVolumeClaimVolumeSource, PodSpec, PodTemplateSpec, SecretVolumeSource, Toleration,
    Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::context::Context;
use super::exposed::container_ports;
use super::metadata::{Role, string_map};
use crate::graph::{GraphNode, Relation};
use crate::model::NodeData;
use crate::model::kinds::{
    self, ContainerFields, ContainerList, MountType, TolerationOperator, copy_of, mount_path,
};
use crate::model::{Wire, kinds::VolumeMount as WireMount};

/// An object mounted into a workload's container.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Mount<'a> {
    kind: MountType,
    object: &'a str,
    path: Cow<'a, str>,
    /// Asked for by the copy (`readOnly`); ConfigMaps and Secrets are read-only always.
    read_only: bool,
    /// The copy's `subPath`, if any.
    sub_path: Option<&'a str>,
}

/// The pod template of the workload at `position`, with `claims` (StatefulSet volume
/// claim templates, by name) mounted at their `mountPath`, `/data/<claim>` when absent.
/// `None` (skipped) when the workload has no image.
pub(super) fn pod_template<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    name: &str,
    claims: &[(&str, &kinds::VolumeClaimTemplate)],
) -> Option<PodTemplateSpec> {
    let fields = node.data().and_then(NodeData::container)?;
    let image = fields.image.and_then(Wire::non_empty);
    let image = cx.require_text(node, "image", image)?;
    let ports = ports(cx, node, &fields);
    let (mut volumes, mut volume_mounts) = volumes(&mounts(cx, position, &fields));
    pod_volumes(&fields, &mut volumes, &mut volume_mounts);
    volume_mounts.extend(claims.iter().map(|(claim, template)| {
        VolumeMount {
            name: (*claim).to_owned(),
            mount_path: template
                .mount_path
                .non_empty()
                .map_or_else(|| format!("/data/{claim}"), str::to_owned),
            sub_path: template.sub_path.non_empty().map(str::to_owned),
            read_only: template.read_only.is_true().then_some(true),
            ..VolumeMount::default()
        }
    }));
    let mut container = super::container::container(
        &fields,
        text(fields.container_name).unwrap_or(name).to_owned(),
        image.to_owned(),
    );
    container.ports = container_ports(cx.graph, position, ports.unwrap_or_default());
    container.env = super::container::env(cx, node, &fields, &|| node.data_path());
    container.env_from = super::container::env_from(cx, node, &fields);
    container.volume_mounts = (!volume_mounts.is_empty()).then_some(volume_mounts);
    let init_containers =
        super::container::further_containers(cx, node, &fields, ContainerList::Init);
    let sidecars = super::container::further_containers(cx, node, &fields, ContainerList::Sidecars);
    // Pushed rather than chained and collected: a container is a large value to move.
    let mut containers = Vec::with_capacity(1 + sidecars.as_ref().map_or(0, Vec::len));
    containers.push(container);
    containers.extend(sidecars.into_iter().flatten());
    let mut labels = cx.labels.labels(name, Role::Workload, fields.labels);
    for (key, value) in fields.pod_labels.and_then(Wire::get).into_iter().flatten() {
        // The workload's own labels win: they hold its selector, which the pods must match.
        let key = key.trim();
        if !key.is_empty() && !labels.contains_key(key) {
            labels.insert(key.to_owned(), value.clone());
        }
    }
    let image_pull_secrets = fields
        .image_pull_secrets
        .and_then(|given| image_pull_secrets(cx, position, given));
    let service_account_name = text(fields.service_account_name).or_else(|| {
        cx.sources(position, |relation| {
            (relation == Relation::RunsAs).then_some(())
        })
        .first()
        .map(|(_, account)| account.name())
        .filter(|name| !name.is_empty())
    });
    let tolerations: Vec<Toleration> = fields
        .tolerations
        .map(Wire::items)
        .unwrap_or_default()
        .iter()
        .map(toleration)
        .collect();
    Some(PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: Some(labels),
            annotations: fields.pod_annotations.and_then(string_map),
            ..ObjectMeta::default()
        }),
        spec: Some(PodSpec {
            containers,
            init_containers,
            volumes: (!volumes.is_empty()).then_some(volumes),
            termination_grace_period_seconds: fields
                .termination_grace_period_seconds
                .and_then(Wire::int),
            service_account_name: service_account_name.map(str::to_owned),
            automount_service_account_token: fields
                .automount_service_account_token
                .and_then(Wire::get)
                .copied(),
            image_pull_secrets,
            priority_class_name: text(fields.priority_class_name).map(str::to_owned),
            node_selector: fields.node_selector.and_then(string_map),
            tolerations: (!tolerations.is_empty()).then_some(tolerations),
            security_context: fields
                .pod_security_context
                .and_then(Wire::unboxed)
                .and_then(super::security::pod),
            affinity: fields
                .affinity
                .and_then(Wire::unboxed)
                .and_then(super::affinity::affinity),
            topology_spread_constraints: fields
                .topology_spread_constraints
                .and_then(|given| super::affinity::topology_spread_constraints(given.items())),
            ..PodSpec::default()
        }),
    })
}

/// The image pull secrets of a pod or ServiceAccount: those `given`, and the registry
/// Secrets connected to the node at `position`, sorted and each once; `None` when there
/// are none.
pub(super) fn image_pull_secrets(
    cx: &Context<'_>,
    position: usize,
    given: &Wire<Vec<kinds::ImagePullSecret>>,
) -> Option<Vec<LocalObjectReference>> {
    let connected = cx.sources(position, |relation| {
        (relation == Relation::PullsWith).then_some(())
    });
    let mut names: Vec<&str> = given
        .items()
        .iter()
        .filter_map(|secret| secret.name.non_empty())
        .chain(connected.iter().map(|(_, secret)| secret.name()))
        .filter(|name| !name.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup();
    let references: Vec<LocalObjectReference> = names
        .into_iter()
        .map(|name| LocalObjectReference {
            name: name.to_owned(),
        })
        .collect();
    (!references.is_empty()).then_some(references)
}

/// The container's ports: those of `ports` when given, else its single `port`, named
/// `http`.
fn ports(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
) -> Option<Vec<ContainerPort>> {
    let declared = fields.declared_ports();
    if declared.is_empty() {
        let port = cx.int32(node, || node.data_path().key("port"), fields.port_number())?;
        return Some(vec![ContainerPort {
            name: Some("http".to_owned()),
            container_port: port,
            protocol: Some("TCP".to_owned()),
            ..ContainerPort::default()
        }]);
    }
    super::container::ports(cx, node, fields, &|| node.data_path())
}

/// An optional text field; blank is absent.
fn text(given: Option<&Wire<String>>) -> Option<&str> {
    given?.non_empty()
}

/// The port of a workload's container, if it has one.
pub(super) fn container_port(node: &GraphNode<'_>) -> Option<i64> {
    node.data()
        .and_then(NodeData::container)
        .and_then(|fields| fields.port_number())
}

/// What is mounted into the workload: from the mount edges when there is any (the
/// edges are the source of truth), else from the `volumeMounts` copy in its data, less
/// the copies of nodes deleted or disconnected. Each object once, in order.
fn mounts<'a>(cx: &Context<'a>, position: usize, fields: &ContainerFields<'a>) -> Vec<Mount<'a>> {
    let linked = cx.sources(position, |relation| match relation {
        Relation::Mounts(kind) => Some(kind),
        _ => None,
    });
    let copies = fields.volume_mounts.map(Wire::items).unwrap_or_default();
    let found: Vec<Mount<'a>> = if linked.is_empty() {
        copies
            .iter()
            .filter(|copy| !cx.graph.copy_left_out(copy))
            .filter_map(copied_mount)
            .collect()
    } else {
        linked
            .into_iter()
            .map(|(kind, source)| {
                let copy = copy_of(copies, kind, source.id(), source.name()).map(|(_, copy)| copy);
                Mount {
                    kind,
                    object: source.name(),
                    path: mount_path(kind, source.name(), source.data(), copy),
                    read_only: copy.is_some_and(|copy| copy.read_only.is_true()),
                    sub_path: copy.and_then(|copy| copy.sub_path.non_empty()),
                }
            })
            .collect()
    };
    let mut mounts: Vec<Mount<'a>> = Vec::with_capacity(found.len());
    for mount in found {
        let seen = mounts
            .iter()
            .any(|earlier| earlier.kind == mount.kind && earlier.object == mount.object);
        if !mount.object.is_empty() && !seen {
            mounts.push(mount);
        }
    }
    mounts
}

/// A mount from the UI's copy in the workload's data.
fn copied_mount(copy: &WireMount) -> Option<Mount<'_>> {
    let kind = *copy.mount_type.get()?;
    let object = copy.name.non_empty()?;
    Some(Mount {
        kind,
        object,
        path: mount_path(kind, object, None, Some(copy)),
        read_only: copy.read_only.is_true(),
        sub_path: copy.sub_path.non_empty(),
    })
}

/// The pod's own volumes (`emptyDir`), each mounted where its `mountPath` says.
fn pod_volumes(
    fields: &ContainerFields<'_>,
    volumes: &mut Vec<Volume>,
    volume_mounts: &mut Vec<VolumeMount>,
) {
    for given in fields.volumes.map(Wire::items).unwrap_or_default() {
        let (Some(name), Some(empty_dir)) = (given.name.non_empty(), given.empty_dir.get()) else {
            continue;
        };
        let size_limit = empty_dir.size_limit.non_empty();
        volumes.push(Volume {
            name: name.to_owned(),
            empty_dir: Some(EmptyDirVolumeSource {
                medium: empty_dir
                    .medium
                    .get()
                    .map(|medium| medium.as_str())
                    .filter(|medium| !medium.is_empty())
                    .map(str::to_owned),
                size_limit: size_limit.map(|size| Quantity(size.to_owned())),
            }),
            ..Volume::default()
        });
        if let Some(path) = given.mount_path.non_empty() {
            volume_mounts.push(VolumeMount {
                name: name.to_owned(),
                mount_path: path.to_owned(),
                sub_path: given.sub_path.non_empty().map(str::to_owned),
                read_only: given.read_only.is_true().then_some(true),
                ..VolumeMount::default()
            });
        }
    }
}

/// Volumes and mounts. Volumes are named `<object>-volume` (the reference's convention);
/// when a ConfigMap and a Secret share a name, the second becomes `<object>-<kind>-volume`
/// so the pod stays valid.
fn volumes(mounts: &[Mount<'_>]) -> (Vec<Volume>, Vec<VolumeMount>) {
    let mut volumes: Vec<Volume> = Vec::with_capacity(mounts.len());
    let mut volume_mounts = Vec::with_capacity(mounts.len());
    for mount in mounts {
        // Concatenated, not formatted: every mount of every pod is named so.
        let mut name = [mount.object, "-volume"].concat();
        if volumes.iter().any(|volume| volume.name == name) {
            let kind = match mount.kind {
                MountType::ConfigMap => "configmap",
                MountType::Secret => "secret",
                MountType::PersistentVolumeClaim => "pvc",
            };
            name = format!("{}-{kind}-volume", mount.object);
        }
        let object = mount.object.to_owned();
        volumes.push(match mount.kind {
            MountType::ConfigMap => Volume {
                name: name.clone(),
                config_map: Some(ConfigMapVolumeSource {
                    name: object,
                    ..ConfigMapVolumeSource::default()
                }),
                ..Volume::default()
            },
            MountType::Secret => Volume {
                name: name.clone(),
                secret: Some(SecretVolumeSource {
                    secret_name: Some(object),
                    ..SecretVolumeSource::default()
                }),
                ..Volume::default()
            },
            MountType::PersistentVolumeClaim => Volume {
                name: name.clone(),
                persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                    claim_name: object,
                    read_only: None,
                }),
                ..Volume::default()
            },
        });
        volume_mounts.push(VolumeMount {
            name,
            mount_path: mount.path.clone().into_owned(),
            read_only: (mount.kind != MountType::PersistentVolumeClaim || mount.read_only)
                .then_some(true),
            sub_path: mount.sub_path.map(str::to_owned),
            ..VolumeMount::default()
        });
    }
    (volumes, volume_mounts)
}

/// A toleration as given; `value` only with the `Equal` operator (Kubernetes rejects a
/// value with `Exists`).
fn toleration(given: &kinds::Toleration) -> Toleration {
    let operator = given.operator.get().copied();
    Toleration {
        key: given.key.non_empty().map(str::to_owned),
        operator: operator.map(|operator| operator.as_str().to_owned()),
        value: given
            .value
            .non_empty()
            .filter(|_| operator != Some(TolerationOperator::Exists))
            .map(str::to_owned),
        effect: given.effect.get().map(|effect| effect.as_str().to_owned()),
        toleration_seconds: given.toleration_seconds.int(),
    }
}
