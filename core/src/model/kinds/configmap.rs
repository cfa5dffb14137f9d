//! ConfigMap node data.

use super::common::StringMap;
use crate::model::macros::wire_struct;

wire_struct! {
    /// Plain configuration (`v1` ConfigMap), mounted read-only into workloads.
    pub struct ConfigMapData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Keys and values; `_new_<millis>` keys are UI placeholders and are dropped.
        "data" => data: StringMap,
        /// Mount path in workloads (default `/etc/config`).
        "mountPath" => mount_path: String,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Template the node was created from.
        "templateId" => template_id: String,
    }
}

/// Whether a key is a placeholder the UI writes for a fresh, unnamed entry.
pub fn is_placeholder_key(key: &str) -> bool {
    key.starts_with("_new_")
}
