//! Deployment node data.

use super::common::{EnvKey, Resources, StringMap, UiState, VolumeMount};
use crate::model::Int;
use crate::model::macros::wire_struct;

wire_struct! {
    /// A stateless workload (`apps/v1` Deployment).
    pub struct DeploymentData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name; also the `app` label and the container name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
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
        /// Mounts the UI copied from edges (the edges win).
        "volumeMounts" => volume_mounts: Vec<VolumeMount>,
        /// Template the node was created from.
        "templateId" => template_id: String,
        /// Template parameters.
        "parameters" => parameters: UiState,
        /// UI flag.
        "hasValidationError" => has_validation_error: bool,
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
