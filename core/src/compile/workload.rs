//! What the workload builders share besides the pod template ([`super::pod`]): metadata
//! with the pod template's labels, and `int32` counts.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::context::Context;
use super::metadata::object_meta;
use crate::graph::GraphNode;
use crate::model::{Int, Wire};

/// A workload's metadata, with the labels of its pod template: the same convention and
/// user labels, cloned rather than built again.
pub(super) fn workload_meta(name: &str, namespace: &str, template: &PodTemplateSpec) -> ObjectMeta {
    object_meta(name, namespace, template_labels(template))
}

/// The labels of a pod template.
pub(super) fn template_labels(template: &PodTemplateSpec) -> Option<BTreeMap<String, String>> {
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
