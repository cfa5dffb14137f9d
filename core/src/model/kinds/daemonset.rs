//! DaemonSet node data.

use super::common::UiState;
use super::workload::pod_containers;
use super::workload::{
    container_env, container_process, container_settings, linked_config, mounts_and_template,
    placement, pod_settings, scheduling, workload_identity,
};
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
        ..workload_identity!,
        /// Container image.
        "image" => image: String,
        /// Container port, named `http`.
        "port" => port: Int,
        ..container_process!,
        ..container_settings!,
        /// `RollingUpdate` (default) or `OnDelete`.
        "updateStrategy" => update_strategy: UpdateStrategy,
        /// Pods that may be down during an update: a number or a percentage.
        "maxUnavailable" => max_unavailable: IntOrString,
        ..scheduling!,
        ..placement!,
        /// Use the node's network namespace.
        "hostNetwork" => host_network: bool,
        /// Use the node's PID namespace.
        "hostPID" => host_pid: bool,
        ..container_env!,
        /// Pod selector, a subset of the pod labels; default `app` and `version` labels.
        "selector" => selector: crate::model::kinds::StringMap,
        ..pod_settings!,
        ..pod_containers!,
        ..mounts_and_template!,
        ..linked_config!,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
