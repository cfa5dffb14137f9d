//! Namespace objects for the namespaces a workflow uses.
//!
//! The reference never created namespaces, so a first deployment into a new namespace
//! failed. `default` and the system namespaces are never emitted: they always exist, and a
//! GitOps tool pruning the output must never consider deleting them.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::Manifest;
use super::metadata::{LabelPolicy, Role};
use super::object::Object;

/// Namespaces that exist in every cluster.
const BUILT_IN: &[&str] = &["default", "kube-system", "kube-public", "kube-node-lease"];

/// A Namespace for every namespace the objects use, other than the built-in ones.
pub(super) fn namespaces(labels: &LabelPolicy, manifests: &[Manifest]) -> Vec<Manifest> {
    let used: BTreeSet<&str> = manifests
        .iter()
        .filter_map(|manifest| manifest.object.namespace())
        .filter(|namespace| !BUILT_IN.contains(namespace))
        .collect();
    used.into_iter()
        .map(|namespace| Manifest {
            node_id: None,
            object: Object::Namespace(Box::new(Namespace {
                metadata: ObjectMeta {
                    name: Some(namespace.to_owned()),
                    labels: Some(labels.labels(namespace, Role::Plain, None)),
                    ..ObjectMeta::default()
                },
                spec: None,
                status: None,
            })),
        })
        .collect()
}
