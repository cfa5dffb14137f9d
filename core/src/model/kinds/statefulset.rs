//! StatefulSet node data.

use super::common::{AccessMode, EnvKey, Resources, StringMap, UiState, VolumeMount};
use crate::model::Int;
use crate::model::macros::wire_struct;

wire_struct! {
    /// A per-replica volume claim.
    pub struct VolumeClaimTemplate {
        /// UI bookkeeping id.
        "id" => id: String,
        /// Claim name; mounted at `/data/<name>`.
        "name" => name: String,
        /// Storage class; the cluster default when absent.
        "storageClassName" => storage_class_name: String,
        /// Access modes (default `ReadWriteOnce`).
        "accessModes" => access_modes: Vec<AccessMode>,
        /// Requested size, for example `10Gi`.
        "storage" => storage: String,
    }
}

wire_struct! {
    /// A stateful workload (`apps/v1` StatefulSet).
    pub struct StatefulSetData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name; also the `app` label and the container name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Name of the governing headless Service (required).
        "serviceName" => service_name: String,
        /// Container image.
        "image" => image: String,
        /// Desired pod count (default 1).
        "replicas" => replicas: Int,
        /// Container port, named `http`.
        "port" => port: Int,
        /// Plain environment variables.
        "env" => env: StringMap,
        /// Variables whose values arrive at run time.
        "envKeys" => env_keys: Vec<EnvKey>,
        /// Requests and limits.
        "resources" => resources: Resources,
        /// Extra labels for the object and its pods.
        "labels" => labels: StringMap,
        /// Per-replica claims.
        "volumeClaimTemplates" => volume_claim_templates: Vec<VolumeClaimTemplate>,
        /// Mounts the UI copied from edges (the edges win).
        "volumeMounts" => volume_mounts: Vec<VolumeMount>,
        /// Template the node was created from.
        "templateId" => template_id: String,
        /// UI link bookkeeping.
        "_linkedConfigMaps" => linked_config_maps: Vec<String>,
        /// UI link bookkeeping.
        "_linkedSecrets" => linked_secrets: Vec<String>,
        /// UI link bookkeeping.
        "_linkedPVCs" => linked_pvcs: Vec<String>,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
