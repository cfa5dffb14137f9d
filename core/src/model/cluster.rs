//! Clusters that workflows deploy to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::macros::{wire_enum, wire_struct};
use super::sensitive::Sensitive;
use super::wire::collect_fields;
use super::{CheckWire, FieldPath, Int, InvalidField, Wire};

wire_enum! {
    /// How kubegraph authenticates to a cluster.
    pub enum ClusterAuthType {
        /// A kubeconfig file.
        "kubeconfig" => Kubeconfig,
        /// A bearer token.
        "token" => Token,
        /// A client certificate.
        "certificate" => Certificate,
        /// A service account.
        "serviceaccount" => ServiceAccount,
        /// OpenID Connect.
        "oidc" => Oidc,
    }
}

wire_enum! {
    /// Last known connectivity.
    pub enum ClusterStatus {
        /// Reachable.
        "connected" => Connected,
        /// Not reachable.
        "disconnected" => Disconnected,
        /// Reachable but failing.
        "error" => Error,
        /// Not checked yet.
        "unknown" => Unknown,
    }
}

wire_struct! {
    /// Facts discovered about a cluster.
    pub struct ClusterMetadata {
        /// Kubernetes version.
        "version" => version: String,
        /// Platform, for example `eks`.
        "platform" => platform: String,
        /// Node count.
        "nodeCount" => node_count: Int,
        /// Namespaces.
        "namespaces" => namespaces: Vec<String>,
        /// Capabilities such as `ingress` or `metrics`.
        "capabilities" => capabilities: Vec<String>,
        /// Cloud provider.
        "provider" => provider: String,
        /// Region.
        "region" => region: String,
        /// Total CPU.
        "cpuCapacity" => cpu_capacity: String,
        /// Total memory.
        "memoryCapacity" => memory_capacity: String,
        /// Storage classes.
        "storageClasses" => storage_classes: Vec<String>,
        /// When these facts were read.
        "lastUpdated" => last_updated: String,
    }
}

/// A cluster. `credentials` load from storage but never serialize outward.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cluster {
    /// Document id.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub id: Wire<String>,
    /// URL-safe unique name.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub name: Wire<String>,
    /// Display name.
    #[serde(
        default,
        rename = "displayName",
        skip_serializing_if = "Wire::is_absent"
    )]
    pub display_name: Wire<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub description: Wire<String>,
    /// API server URL.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub server: Wire<String>,
    /// Authentication method.
    #[serde(default, rename = "authType", skip_serializing_if = "Wire::is_absent")]
    pub auth_type: Wire<ClusterAuthType>,
    /// Credentials (encrypted at rest); never serialized outward.
    #[serde(default, skip_serializing)]
    pub credentials: Option<Sensitive<Value>>,
    /// Connectivity.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub status: Wire<ClusterStatus>,
    /// Whether this is the user's default cluster.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub default: Wire<bool>,
    /// Labels.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub labels: Wire<super::kinds::StringMap>,
    /// Discovered facts.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub metadata: Wire<ClusterMetadata>,
    /// Owner.
    #[serde(default, rename = "userId", skip_serializing_if = "Wire::is_absent")]
    pub user_id: Wire<String>,
    /// Users it is shared with.
    #[serde(
        default,
        rename = "sharedWith",
        skip_serializing_if = "Wire::is_absent"
    )]
    pub shared_with: Wire<Vec<String>>,
    /// Other keys (`lastCheck`, `singleNode`, `annotations`, `orgId`, timestamps, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CheckWire for Cluster {
    fn collect_invalid(&self, at: &mut FieldPath, out: &mut Vec<InvalidField>) {
        collect_fields(
            &[
                ("id", &self.id),
                ("name", &self.name),
                ("displayName", &self.display_name),
                ("description", &self.description),
                ("server", &self.server),
                ("userId", &self.user_id),
                ("authType", &self.auth_type),
                ("status", &self.status),
                ("metadata", &self.metadata),
            ],
            at,
            out,
        );
    }
}
