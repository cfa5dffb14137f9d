//! Job node data.

use super::common::{EnvKey, Resources, StringMap, UiState, VolumeMount};
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
        /// Repeats the node id.
        "id" => id: String,
        /// Object name; also the `app` label and the container name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
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
