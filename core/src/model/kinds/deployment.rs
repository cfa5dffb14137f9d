//! Deployment node data.

use super::common::UiState;
use super::workload::pod_containers;
use super::workload::{
    container_env, container_process, container_settings, linked_config, mounts_and_template,
    placement, pod_settings, scheduling, workload_identity,
};
use crate::model::Int;
use crate::model::macros::wire_struct;

wire_struct! {
    /// A stateless workload (`apps/v1` Deployment).
    pub struct DeploymentData {
        ..workload_identity!,
        /// Container image.
        "image" => image: String,
        /// Desired pod count (default 1).
        "replicas" => replicas: Int,
        /// Container port, named `http`.
        "port" => port: Int,
        ..container_process!,
        ..container_settings!,
        ..container_env!,
        /// Pod selector, a subset of the pod labels; default `app` and `version` labels.
        "selector" => selector: crate::model::kinds::StringMap,
        ..pod_settings!,
        ..pod_containers!,
        ..scheduling!,
        ..placement!,
        ..mounts_and_template!,
        /// Template parameters.
        "parameters" => parameters: UiState,
        /// UI flag.
        "hasValidationError" => has_validation_error: bool,
        ..linked_config!,
        /// UI link bookkeeping.
        "_linkedPVCs" => linked_pvcs: Vec<String>,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
