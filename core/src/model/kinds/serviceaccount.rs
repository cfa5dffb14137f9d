//! ServiceAccount node data: the identity pods run as. An edge from it to a workload sets
//! the pods' `serviceAccountName`.

use super::common::StringMap;
use super::pod::ImagePullSecret;
use crate::model::macros::wire_struct;

wire_struct! {
    /// An identity for pods (`v1` ServiceAccount).
    pub struct ServiceAccountData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name (a DNS-1123 subdomain); the connected workloads' `serviceAccountName`.
        "name" => name: String,
        /// Namespace, `default` when absent; a pod can only run as an account of its own.
        "namespace" => namespace: String,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Annotations (a cloud identity such as `eks.amazonaws.com/role-arn` goes here).
        "annotations" => annotations: StringMap,
        /// Whether pods running as this account get its API token mounted; a pod's own
        /// `automountServiceAccountToken` wins.
        "automountServiceAccountToken" => automount_service_account_token: bool,
        /// Registry credentials every pod running as this account pulls with.
        "imagePullSecrets" => image_pull_secrets: Vec<ImagePullSecret>,
        /// Template the node was created from.
        "templateId" => template_id: String,
    }
}
