//! Fields the workload kinds (Deployment, StatefulSet, DaemonSet, Job, CronJob) share,
//! declared once as field groups: `..group!,` in a `wire_struct!` splices a group in.
//!
//! Each kind places the groups itself, since the place of a field is the order of its JSON
//! Schema's properties and of the output.

/// `id`, `name` and `namespace` of a workload whose name is also its container's.
macro_rules! workload_identity {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Repeats the node id.
            "id" => id: String,
            /// Object name; also the container name, and the `app` label unless `labels` sets one.
            "name" => name: String,
            /// Namespace, `default` when absent.
            "namespace" => namespace: String,
        ] $($rest)* }
    };
}

/// The container's environment and resources, and the labels of the object and its pods.
macro_rules! container_env {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Plain environment variables.
            "env" => env: crate::model::kinds::StringMap,
            /// Variables whose values arrive at run time.
            "envKeys" => env_keys: Vec<crate::model::kinds::EnvKey>,
            /// Requests and limits.
            "resources" => resources: crate::model::kinds::Resources,
            /// Labels of the object and its pods; they win over the convention labels.
            "labels" => labels: crate::model::kinds::StringMap,
        ] $($rest)* }
    };
}

/// The mounts the UI copied from edges, and the template the node was created from.
macro_rules! mounts_and_template {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Mounts the UI copied from edges (the edges win).
            "volumeMounts" => volume_mounts: Vec<crate::model::kinds::VolumeMount>,
            /// Template the node was created from.
            "templateId" => template_id: String,
        ] $($rest)* }
    };
}

/// The UI's bookkeeping of the ConfigMaps and Secrets linked to the workload.
macro_rules! linked_config {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// UI link bookkeeping.
            "_linkedConfigMaps" => linked_config_maps: Vec<String>,
            /// UI link bookkeeping.
            "_linkedSecrets" => linked_secrets: Vec<String>,
        ] $($rest)* }
    };
}

/// The container of a Job or CronJob: image, then its process.
macro_rules! job_container {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::kinds::workload::container_process! { $head [$($fields)*
            /// Container image.
            "image" => image: String,
        ] $($rest)* }
    };
}

/// What the container runs and how the kubelet checks it, in Kubernetes' own names (the
/// compose importer writes these on every workload kind).
macro_rules! container_process {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Entrypoint override.
            "command" => command: Vec<String>,
            /// Arguments.
            "args" => args: Vec<String>,
            /// Restarts the container when it fails.
            "livenessProbe" => liveness_probe: crate::model::kinds::Probe,
            /// Takes the pod out of its Services' endpoints while it fails.
            "readinessProbe" => readiness_probe: crate::model::kinds::Probe,
            /// Holds the other probes back until it succeeds once.
            "startupProbe" => startup_probe: crate::model::kinds::Probe,
        ] $($rest)* }
    };
}

/// How a Job runs (a CronJob's, each run): completions, parallelism, retries, limits.
macro_rules! job_run {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Successful pods needed (per run of a CronJob).
            "completions" => completions: crate::model::Int,
            /// Pods running at once (per run of a CronJob).
            "parallelism" => parallelism: crate::model::Int,
            /// Retries before the Job (a CronJob's run) fails (0 is kept).
            "backoffLimit" => backoff_limit: crate::model::Int,
            /// Time limit in seconds (per run of a CronJob).
            "activeDeadlineSeconds" => active_deadline_seconds: crate::model::Int,
            /// Clean-up delay after the Job (a CronJob's run) finishes.
            "ttlSecondsAfterFinished" => ttl_seconds_after_finished: crate::model::Int,
            /// `Never` or `OnFailure`; a Job defaults to `Never`, a CronJob to `OnFailure`.
            "restartPolicy" => restart_policy: crate::model::kinds::RestartPolicy,
        ] $($rest)* }
    };
}

pub(crate) use {
    container_env, container_process, job_container, job_run, linked_config, mounts_and_template,
    workload_identity,
};
