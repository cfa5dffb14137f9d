//! CronJob node data.

use super::common::{EnvKey, Resources, StringMap, UiState, VolumeMount};
use super::job::RestartPolicy;
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
        /// UI link bookkeeping.
        "_linkedConfigMaps" => linked_config_maps: Vec<String>,
        /// UI link bookkeeping.
        "_linkedSecrets" => linked_secrets: Vec<String>,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
