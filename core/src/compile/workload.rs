//! What the workload builders share besides the pod template ([`super::pod`]): metadata
//! with the pod template's labels but its `podLabels`, and `int32` counts.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::context::Context;
use super::metadata::{Role, object_meta};
use crate::graph::GraphNode;
use crate::model::{Int, NodeData, Wire};

/// A workload's metadata, with the labels of its pod template but its `podLabels`.
pub(super) fn workload_meta(
    cx: &Context<'_>,
    node: &GraphNode<'_>,
    name: &str,
    template: &PodTemplateSpec,
) -> ObjectMeta {
    object_meta(
        name,
        node.namespace(),
        workload_labels(cx, node, name, template),
    )
}

/// The labels of the workload object (and a CronJob's Job template): its pod template's
/// without the `podLabels`. Cloned rather than built again when there are none, the usual
/// case.
pub(super) fn workload_labels(
    cx: &Context<'_>,
    node: &GraphNode<'_>,
    name: &str,
    template: &PodTemplateSpec,
) -> Option<BTreeMap<String, String>> {
    let fields = node.data().and_then(NodeData::container);
    let pod_labels = fields.and_then(|fields| fields.pod_labels?.get());
    if pod_labels.is_some_and(|labels| !labels.is_empty()) {
        return Some(cx.labels.labels(name, Role::Workload, fields?.labels));
    }
    template
        .metadata
        .as_ref()
        .and_then(|metadata| metadata.labels.clone())
}

/// An `int32` count field of the node's data (0 is kept).
pub(super) fn count(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    key: &str,
    value: &Wire<Int>,
) -> Option<i32> {
    cx.int32(node, || node.data_path().key(key), value.int())
}
