//! Secret node data: key names only, never values.

use super::common::StringMap;
use crate::model::macros::{wire_enum, wire_struct};

wire_enum! {
    /// Secret types the canvas offers.
    pub enum SecretType {
        /// Arbitrary keys (default).
        "Opaque" => Opaque,
        /// A certificate: needs `tls.crt` and `tls.key`.
        "kubernetes.io/tls" => Tls,
        /// Registry credentials: needs `.dockerconfigjson`.
        "kubernetes.io/dockerconfigjson" => DockerConfigJson,
        /// Registry credentials in the legacy format: needs `.dockercfg`.
        "kubernetes.io/dockercfg" => DockerCfg,
    }
}

impl SecretType {
    /// Keys Kubernetes requires for this type.
    pub fn required_keys(self) -> &'static [&'static str] {
        match self {
            SecretType::Opaque => &[],
            SecretType::Tls => &["tls.crt", "tls.key"],
            SecretType::DockerConfigJson => &[".dockerconfigjson"],
            SecretType::DockerCfg => &[".dockercfg"],
        }
    }
}

wire_struct! {
    /// The name of one secret key; its value arrives at run time.
    pub struct SecretKey {
        /// UI bookkeeping id.
        "id" => id: String,
        /// Key name.
        "name" => name: String,
    }
}

wire_struct! {
    /// Sensitive configuration (`v1` Secret). Values are supplied at run time only.
    pub struct SecretData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// `Opaque` (default), `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson` or
        /// `kubernetes.io/dockercfg`. An edge from a Secret of either registry type to a
        /// workload or ServiceAccount makes it an image pull secret, not a mount.
        "secretType" => secret_type: SecretType,
        /// Key names.
        "keys" => keys: Vec<SecretKey>,
        /// Mount path in workloads (default `/etc/secrets`).
        "mountPath" => mount_path: String,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Template the node was created from.
        "templateId" => template_id: String,
        /// UI bookkeeping: whether the Secret was created earlier.
        "_secretCreated" => secret_created: bool,
    }
}
