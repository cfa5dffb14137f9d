//! The objects the compiler produces: one typed `k8s-openapi` value per Kubernetes kind,
//! plus custom resources from plugins.
//!
//! `Debug` deliberately shows only apiVersion, kind, namespace and name: a Secret's data
//! and the run-time env values merged into a container must never reach a log.

use std::fmt;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, StatefulSet};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service, ServiceAccount,
};
use k8s_openapi::api::networking::v1::{Ingress, NetworkPolicy};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::{Metadata, Resource};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// One compiled Kubernetes object. The set of kinds is closed: a match over it is
/// exhaustive, so a new kind cannot be forgotten by the install order or the renderers.
/// Each value is boxed: Kubernetes objects are kilobytes large, and a 10,000-node
/// workflow moves its objects through sorting and rendering.
#[derive(Clone, PartialEq)]
pub enum Object {
    /// `v1` Namespace (generated for every non-default namespace used).
    Namespace(Box<Namespace>),
    /// `networking.k8s.io/v1` NetworkPolicy.
    NetworkPolicy(Box<NetworkPolicy>),
    /// `v1` ServiceAccount.
    ServiceAccount(Box<ServiceAccount>),
    /// `v1` Secret (only when run-time values were supplied).
    Secret(Box<Secret>),
    /// `v1` ConfigMap.
    ConfigMap(Box<ConfigMap>),
    /// `v1` PersistentVolumeClaim.
    PersistentVolumeClaim(Box<PersistentVolumeClaim>),
    /// `v1` Service (drawn, or generated as a StatefulSet's headless Service).
    Service(Box<Service>),
    /// `apps/v1` DaemonSet.
    DaemonSet(Box<DaemonSet>),
    /// `apps/v1` Deployment.
    Deployment(Box<Deployment>),
    /// `autoscaling/v2` HorizontalPodAutoscaler.
    HorizontalPodAutoscaler(Box<HorizontalPodAutoscaler>),
    /// `apps/v1` StatefulSet.
    StatefulSet(Box<StatefulSet>),
    /// `batch/v1` Job.
    Job(Box<Job>),
    /// `batch/v1` CronJob.
    CronJob(Box<CronJob>),
    /// `networking.k8s.io/v1` Ingress.
    Ingress(Box<Ingress>),
    /// A custom resource described by a plugin definition.
    Custom(Box<CustomResource>),
}

/// A custom resource: apiVersion and kind from the plugin definition, a free-form `spec`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomResource {
    /// `group/version`, for example `cert-manager.io/v1`.
    pub api_version: String,
    /// Kind, for example `Certificate`.
    pub kind: String,
    /// Name, namespace and labels.
    pub metadata: ObjectMeta,
    /// The spec built from the node's field values.
    pub spec: Map<String, Value>,
}

impl Serialize for CustomResource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("apiVersion", &self.api_version)?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("metadata", &self.metadata)?;
        map.serialize_entry("spec", &self.spec)?;
        map.end()
    }
}

/// Runs `$body` with `$inner` bound to the typed value of any built-in kind, or `$custom`
/// for a custom resource.
macro_rules! each_object {
    ($object:expr, $inner:ident => $body:expr, custom $cr:ident => $custom:expr) => {
        match $object {
            Object::Namespace($inner) => $body,
            Object::NetworkPolicy($inner) => $body,
            Object::ServiceAccount($inner) => $body,
            Object::Secret($inner) => $body,
            Object::ConfigMap($inner) => $body,
            Object::PersistentVolumeClaim($inner) => $body,
            Object::Service($inner) => $body,
            Object::DaemonSet($inner) => $body,
            Object::Deployment($inner) => $body,
            Object::HorizontalPodAutoscaler($inner) => $body,
            Object::StatefulSet($inner) => $body,
            Object::Job($inner) => $body,
            Object::CronJob($inner) => $body,
            Object::Ingress($inner) => $body,
            Object::Custom($cr) => $custom,
        }
    };
}

/// The `KIND` of a typed value, without needing an instance of the trait's type.
fn kind_of<T: Resource>(_: &T) -> &'static str {
    T::KIND
}

/// The `API_VERSION` of a typed value.
fn api_version_of<T: Resource>(_: &T) -> &'static str {
    T::API_VERSION
}

impl Object {
    /// The Kubernetes kind, for example `Deployment`.
    pub fn kind(&self) -> &str {
        each_object!(self, inner => kind_of(inner.as_ref()), custom cr => &cr.kind)
    }

    /// The apiVersion, for example `apps/v1`.
    pub fn api_version(&self) -> &str {
        each_object!(self, inner => api_version_of(inner.as_ref()), custom cr => &cr.api_version)
    }

    /// The object's metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        each_object!(self, inner => inner.metadata(), custom cr => &cr.metadata)
    }

    /// The object's name.
    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or_default()
    }

    /// The object's namespace (`None` for a Namespace).
    pub fn namespace(&self) -> Option<&str> {
        self.metadata().namespace.as_deref()
    }

    /// The object as JSON, `apiVersion` and `kind` included.
    pub fn to_value(&self) -> Value {
        // Every value here has string map keys and no failing `Serialize`, so
        // serialization to a `Value` cannot fail.
        serde_json::to_value(self).expect("Kubernetes objects serialize to JSON")
    }
}

/// The typed value itself, `apiVersion` and `kind` included: what [`Object::to_value`]
/// holds, for serializers that need no intermediate `Value` (the YAML renderer).
impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        each_object!(self, inner => inner.serialize(serializer), custom cr => cr.serialize(serializer))
    }
}

impl fmt::Debug for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Object")
            .field("apiVersion", &self.api_version())
            .field("kind", &self.kind())
            .field("namespace", &self.namespace())
            .field("name", &self.name())
            .finish_non_exhaustive()
    }
}
