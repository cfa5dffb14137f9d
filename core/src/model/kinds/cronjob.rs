//! CronJob node data.

use super::common::UiState;
use super::workload::pod_containers;
use super::workload::{
    container_env, container_settings, job_container, job_run, linked_config, mounts_and_template,
    placement, pod_settings, scheduling,
};
use crate::model::Int;
use crate::model::macros::{wire_enum, wire_struct};

wire_enum! {
    /// What a CronJob does when a run is due while the previous one still runs.
    pub enum ConcurrencyPolicy {
        /// Run both.
        "Allow" => Allow,
        /// Skip the new run.
        "Forbid" => Forbid,
        /// Stop the old run.
        "Replace" => Replace,
    }
}

wire_struct! {
    /// A scheduled Job (`batch/v1` CronJob).
    pub struct CronJobData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name (at most 52 characters); also the `app` label.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Cron schedule: five fields or a macro such as `@daily`.
        "schedule" => schedule: String,
        ..job_container!,
        ..container_settings!,
        /// `Allow` (default), `Forbid` or `Replace`.
        "concurrencyPolicy" => concurrency_policy: ConcurrencyPolicy,
        /// Pause scheduling.
        "suspend" => suspend: bool,
        /// Finished Jobs kept.
        "successfulJobsHistoryLimit" => successful_jobs_history_limit: Int,
        /// Failed Jobs kept.
        "failedJobsHistoryLimit" => failed_jobs_history_limit: Int,
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
