//! DaemonSet node data.

use super::common::{EnvKey, Resources, StringMap, UiState, VolumeMount};
use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{Int, IntOrString};

wire_enum! {
    /// How a DaemonSet replaces its pods.
    pub enum UpdateStrategy {
        /// Replace pods gradually.
        "RollingUpdate" => RollingUpdate,
        /// Replace a pod only when it is deleted.
        "OnDelete" => OnDelete,
    }
}

wire_enum! {
    /// How a toleration matches a taint.
    pub enum TolerationOperator {
        /// Matches any value.
        "Exists" => Exists,
        /// Matches one value.
        "Equal" => Equal,
    }
}

wire_enum! {
    /// The taint effect a toleration tolerates.
    pub enum TaintEffect {
        /// Do not schedule.
        "NoSchedule" => NoSchedule,
        /// Avoid scheduling.
        "PreferNoSchedule" => PreferNoSchedule,
        /// Evict running pods.
        "NoExecute" => NoExecute,
    }
}

wire_struct! {
    /// Lets pods run on tainted nodes.
    pub struct Toleration {
        /// Taint key (empty with `Exists` matches every taint).
        "key" => key: String,
        /// `Equal` (default) or `Exists`.
        "operator" => operator: TolerationOperator,
        /// Taint value for `Equal`.
        "value" => value: String,
        /// Effect to tolerate; all effects when absent.
        "effect" => effect: TaintEffect,
        /// How long a `NoExecute` taint is tolerated.
        "tolerationSeconds" => toleration_seconds: Int,
    }
}

wire_struct! {
    /// A pod on every node (`apps/v1` DaemonSet).
    pub struct DaemonSetData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name; also the `app` label and the container name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Container image.
        "image" => image: String,
        /// Container port, named `http`.
        "port" => port: Int,
        /// `RollingUpdate` (default) or `OnDelete`.
        "updateStrategy" => update_strategy: UpdateStrategy,
        /// Pods that may be down during an update: a number or a percentage.
        "maxUnavailable" => max_unavailable: IntOrString,
        /// Node labels the pods require.
        "nodeSelector" => node_selector: StringMap,
        /// Taints the pods tolerate.
        "tolerations" => tolerations: Vec<Toleration>,
        /// Use the node's network namespace.
        "hostNetwork" => host_network: bool,
        /// Use the node's PID namespace.
        "hostPID" => host_pid: bool,
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
