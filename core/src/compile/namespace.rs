//! Namespace objects for the namespaces a workflow uses.
//!
//! The reference never created namespaces, so a first deployment into a new namespace
//! failed. `default` and the system namespaces are never emitted: they always exist, and a
//! GitOps tool pruning the output must never consider deleting them.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::metadata::{LabelPolicy, Role};
use super::object::Object;

/// Namespaces that exist in every cluster.
const BUILT_IN: &[&str] = &["default", "kube-system", "kube-public", "kube-node-lease"];

/// The namespaces the emitted objects use, other than the built-in ones.
#[derive(Debug, Default)]
pub(super) struct UsedNamespaces {
    used: BTreeSet<String>,
    /// The namespace noted last: objects come in runs of the same namespace.
    last: Option<String>,
}

impl UsedNamespaces {
    /// Notes the namespace of `object`, if it has one.
    pub(super) fn note(&mut self, object: &Object) {
        let Some(namespace) = object.namespace() else {
            return;
        };
        if self.last.as_deref() == Some(namespace) {
            return;
        }
        if !BUILT_IN.contains(&namespace) && !self.used.contains(namespace) {
            self.used.insert(namespace.to_owned());
        }
        self.last = Some(namespace.to_owned());
    }

    /// Notes the namespaces `other` noted.
    pub(super) fn absorb(&mut self, other: UsedNamespaces) {
        self.used.extend(other.used);
    }

    /// The namespaces noted, in order.
    pub(super) fn names(&self) -> &BTreeSet<String> {
        &self.used
    }

    /// A Namespace object for each namespace noted.
    pub(super) fn into_objects(self, labels: &LabelPolicy) -> impl Iterator<Item = Object> {
        self.used.into_iter().map(|namespace| {
            Object::Namespace(Box::new(Namespace {
                metadata: ObjectMeta {
                    labels: Some(labels.labels(&namespace, Role::Plain, None)),
                    name: Some(namespace),
                    ..ObjectMeta::default()
                },
                spec: None,
                status: None,
            }))
        })
    }
}
