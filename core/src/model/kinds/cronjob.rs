//! CronJob node data.

use super::common::UiState;
use super::job::RestartPolicy;
use super::workload::{container_env, linked_config, mounts_and_template};
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
        /// Container image.
        "image" => image: String,
        /// Entrypoint override.
        "command" => command: Vec<String>,
        /// Arguments.
        "args" => args: Vec<String>,
        /// `Allow` (default), `Forbid` or `Replace`.
        "concurrencyPolicy" => concurrency_policy: ConcurrencyPolicy,
        /// Pause scheduling.
        "suspend" => suspend: bool,
        /// Finished Jobs kept.
        "successfulJobsHistoryLimit" => successful_jobs_history_limit: Int,
        /// Failed Jobs kept.
        "failedJobsHistoryLimit" => failed_jobs_history_limit: Int,
        /// Successful pods needed per run.
        "completions" => completions: Int,
        /// Pods running at once per run.
        "parallelism" => parallelism: Int,
        /// Retries before a run fails (0 is kept).
        "backoffLimit" => backoff_limit: Int,
        /// Time limit per run in seconds.
        "activeDeadlineSeconds" => active_deadline_seconds: Int,
        /// Clean-up delay after a run finishes.
        "ttlSecondsAfterFinished" => ttl_seconds_after_finished: Int,
        /// `OnFailure` (default) or `Never`.
        "restartPolicy" => restart_policy: RestartPolicy,
        ..container_env!,
        ..mounts_and_template!,
        ..linked_config!,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
