//! Fields the workload kinds (Deployment, StatefulSet, DaemonSet, Job, CronJob) share,
//! declared once as field groups: `..group!,` in a `wire_struct!` splices a group in.
//!
//! Each kind places the groups itself, since the place of a field is the order of its JSON
//! Schema's properties and of the output.
//!
//! The large nested models (probes, hooks, security contexts, resources, affinity) are
//! boxed: most workloads have none of them, and inline they made every workload node
//! about 3.4 KB whatever it held (see the size test in `kinds/mod.rs`).

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
            /// Environment variables: `{NAME: value}`, or Kubernetes' list of `{name, value}`
            /// and `{name, valueFrom}`.
            "env" => env: crate::model::kinds::Env,
            /// ConfigMaps and Secrets whose keys all become variables (Kubernetes' `envFrom`).
            "envFrom" => env_from: Vec<crate::model::kinds::EnvFromSource>,
            /// Variables whose values arrive at run time.
            "envKeys" => env_keys: Vec<crate::model::kinds::EnvKey>,
            /// Requests and limits.
            "resources" => resources: Box<crate::model::kinds::Resources>,
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

/// What the container runs, how the kubelet checks it and its lifecycle hooks, in
/// Kubernetes' own names (the compose importer writes the first five on every workload kind).
macro_rules! container_process {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Entrypoint override.
            "command" => command: Vec<String>,
            /// Arguments.
            "args" => args: Vec<String>,
            /// Restarts the container when it fails.
            "livenessProbe" => liveness_probe: Box<crate::model::kinds::Probe>,
            /// Takes the pod out of its Services' endpoints while it fails.
            "readinessProbe" => readiness_probe: Box<crate::model::kinds::Probe>,
            /// Holds the other probes back until it succeeds once.
            "startupProbe" => startup_probe: Box<crate::model::kinds::Probe>,
            /// Hooks run after the container starts (`postStart`) and before it stops
            /// (`preStop`).
            "lifecycle" => lifecycle: Box<crate::model::kinds::Lifecycle>,
        ] $($rest)* }
    };
}

/// The container's name, ports, image pull policy and security context, in Kubernetes'
/// own names.
macro_rules! container_settings {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Container name (a DNS-1123 label), the node name when absent.
            "containerName" => container_name: String,
            /// Named ports; when given they replace `port`.
            "ports" => ports: Vec<crate::model::kinds::ContainerPort>,
            /// `Always`, `IfNotPresent` or `Never`; Kubernetes' default when absent.
            "imagePullPolicy" => image_pull_policy: crate::model::kinds::ImagePullPolicy,
            /// Security settings of the container (user, privileges, capabilities, seccomp).
            "securityContext" => security_context: Box<crate::model::kinds::SecurityContext>,
        ] $($rest)* }
    };
}

/// Settings of the pod rather than its container, in Kubernetes' own names.
macro_rules! pod_settings {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Seconds between SIGTERM and SIGKILL when the pod stops (0 kills at once).
            "terminationGracePeriodSeconds" => termination_grace_period_seconds: crate::model::Int,
            /// The ServiceAccount the pod runs as.
            "serviceAccountName" => service_account_name: String,
            /// Whether the ServiceAccount's API token is mounted into the pod.
            "automountServiceAccountToken" => automount_service_account_token: bool,
            /// Secrets holding the credentials of private image registries.
            "imagePullSecrets" => image_pull_secrets: Vec<crate::model::kinds::ImagePullSecret>,
            /// The PriorityClass of the pods.
            "priorityClassName" => priority_class_name: String,
            /// Annotations of the pods only (not of the workload object).
            "podAnnotations" => pod_annotations: crate::model::kinds::StringMap,
            /// Labels of the pods only: never part of the workload's selector.
            "podLabels" => pod_labels: crate::model::kinds::StringMap,
            /// Security settings of the pod (Kubernetes' `spec.securityContext`, named apart
            /// from the container's `securityContext` as Helm charts name it).
            "podSecurityContext" => pod_security_context: Box<crate::model::kinds::PodSecurityContext>,
            /// Volumes of the pod's own (`emptyDir`), each with its mount.
            "volumes" => volumes: Vec<crate::model::kinds::PodVolume>,
        ] $($rest)* }
    };
}

/// The pod's further containers, in Kubernetes' shape: init containers (native sidecars
/// among them) and sidecars beside the workload's own container.
macro_rules! pod_containers {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Containers run to completion, in order, before the others start; one with
            /// `restartPolicy: Always` is a native sidecar and keeps running.
            "initContainers" => init_containers: Vec<crate::model::kinds::Container>,
            /// Further containers running beside the workload's own.
            "sidecars" => sidecars: Vec<crate::model::kinds::Container>,
        ] $($rest)* }
    };
}

/// Where the pods may run: node labels and taints, in Kubernetes' own names.
macro_rules! scheduling {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Node labels the pods require.
            "nodeSelector" => node_selector: crate::model::kinds::StringMap,
            /// Taints the pods tolerate.
            "tolerations" => tolerations: Vec<crate::model::kinds::Toleration>,
        ] $($rest)* }
    };
}

/// Where the pods run relative to nodes and other pods, in Kubernetes' own names.
macro_rules! placement {
    ($head:tt [$($fields:tt)*] $($rest:tt)*) => {
        crate::model::macros::wire_struct! { @collect $head [$($fields)*
            /// Node affinity, pod affinity and pod anti-affinity.
            "affinity" => affinity: Box<crate::model::kinds::Affinity>,
            /// How evenly the pods spread across zones, nodes or other domains.
            "topologySpreadConstraints" => topology_spread_constraints: Vec<crate::model::kinds::TopologySpreadConstraint>,
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
    container_env, container_process, container_settings, job_container, job_run, linked_config,
    mounts_and_template, placement, pod_containers, pod_settings, scheduling, workload_identity,
};
