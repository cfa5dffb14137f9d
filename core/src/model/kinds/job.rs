//! Job node data.

use super::common::UiState;
use super::workload::pod_containers;
use super::workload::{
    container_env, container_settings, job_container, job_run, linked_config, mounts_and_template,
    placement, pod_settings, scheduling, workload_identity,
};
use crate::model::macros::{wire_enum, wire_struct};

wire_enum! {
    /// Restart policy of a Job's pods.
    pub enum RestartPolicy {
        /// Never restart a failed container (default for Jobs).
        "Never" => Never,
        /// Restart a failed container in place (default for CronJobs).
        "OnFailure" => OnFailure,
    }
}

wire_struct! {
    /// A run-to-completion workload (`batch/v1` Job).
    pub struct JobData {
        ..workload_identity!,
        ..job_container!,
        ..container_settings!,
        ..job_run!,
        ..container_env!,
        ..pod_settings!,
        ..pod_containers!,
        ..scheduling!,
        ..placement!,
        ..mounts_and_template!,
        ..linked_config!,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
