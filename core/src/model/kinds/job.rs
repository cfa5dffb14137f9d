//! Job node data.

use super::common::UiState;
use super::workload::{container_env, linked_config, mounts_and_template, workload_identity};
use crate::model::Int;
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
        /// Container image.
        "image" => image: String,
        /// Entrypoint override.
        "command" => command: Vec<String>,
        /// Arguments.
        "args" => args: Vec<String>,
        /// Successful pods needed.
        "completions" => completions: Int,
        /// Pods running at once.
        "parallelism" => parallelism: Int,
        /// Retries before the Job fails (0 is kept).
        "backoffLimit" => backoff_limit: Int,
        /// Time limit in seconds.
        "activeDeadlineSeconds" => active_deadline_seconds: Int,
        /// Clean-up delay after finishing.
        "ttlSecondsAfterFinished" => ttl_seconds_after_finished: Int,
        /// `Never` (default) or `OnFailure`.
        "restartPolicy" => restart_policy: RestartPolicy,
        ..container_env!,
        ..mounts_and_template!,
        ..linked_config!,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
