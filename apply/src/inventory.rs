//! What a workflow applied to a cluster: object identities, never contents.
//!
//! The inventory is what makes pruning safe: only an object this workflow recorded may be
//! deleted. It holds apiVersion, kind, namespace, name, uid and the node id, so it can be
//! stored anywhere (including the cluster itself) without carrying a Secret's data or an
//! env value.

use std::fmt;

use kubegraph::Manifest;
use serde::{Deserialize, Serialize};

/// The label every kubegraph object carries; prune also requires it on the live object.
pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";
/// The value of [`MANAGED_BY_LABEL`].
pub const MANAGED_BY: &str = "kubegraph";

/// Which inventory: one per workflow and cluster.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryKey {
    /// The workflow's id.
    pub workflow_id: String,
    /// The cluster's name (a kubeconfig context or the workflow's `cluster_id`).
    pub cluster: String,
}

impl fmt::Display for InventoryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the inventory of workflow {} on cluster {}",
            self.workflow_id, self.cluster
        )
    }
}

/// The identity of a Kubernetes object.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRef {
    /// For example `apps/v1`.
    pub api_version: String,
    /// For example `Deployment`.
    pub kind: String,
    /// `None` for cluster-scoped objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The object's name.
    pub name: String,
}

impl ObjectRef {
    /// The identity of a compiled object.
    pub fn of(manifest: &Manifest) -> Self {
        let object = &manifest.object;
        ObjectRef {
            api_version: object.api_version().to_owned(),
            kind: object.kind().to_owned(),
            namespace: object.namespace().map(str::to_owned),
            name: object.name().to_owned(),
        }
    }
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(namespace) => write!(f, "{} {namespace}/{}", self.kind, self.name),
            None => write!(f, "{} {}", self.kind, self.name),
        }
    }
}

/// One applied object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryEntry {
    /// The node it came from; `None` for generated objects (Namespaces, headless Services).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    /// Which object.
    #[serde(flatten)]
    pub object: ObjectRef,
    /// The uid the server gave it; prune deletes with this as a precondition, so an object
    /// deleted and re-created by someone else is never removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

impl InventoryEntry {
    /// The entry for a compiled object the server accepted with `uid`: its identity only,
    /// never its contents.
    pub fn applied(manifest: &Manifest, uid: Option<String>) -> Self {
        InventoryEntry {
            node_id: manifest.node_id.clone(),
            object: ObjectRef::of(manifest),
            uid,
        }
    }
}

/// Everything one workflow applied to one cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inventory {
    /// Whose inventory.
    #[serde(flatten)]
    pub key: InventoryKey,
    /// The objects, in apply order.
    pub objects: Vec<InventoryEntry>,
}

impl Inventory {
    /// The entry for an object, if recorded.
    pub fn entry(&self, object: &ObjectRef) -> Option<&InventoryEntry> {
        self.objects.iter().find(|entry| &entry.object == object)
    }
}
