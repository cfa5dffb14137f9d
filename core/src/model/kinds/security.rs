//! Container and pod security contexts, in Kubernetes' own shapes (`core/v1`
//! SecurityContext and PodSecurityContext), with the fields real workloads set.

use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{Int, Wire};

wire_struct! {
    /// Linux capabilities added to or dropped from the container's default set.
    pub struct Capabilities {
        /// Capabilities to add, for example `NET_BIND_SERVICE`.
        "add" => add: Vec<String>,
        /// Capabilities to drop, for example `ALL`.
        "drop" => drop: Vec<String>,
    }
}

wire_enum! {
    /// Which seccomp profile applies.
    pub enum SeccompProfileType {
        /// The container runtime's default profile.
        "RuntimeDefault" => RuntimeDefault,
        /// No profile.
        "Unconfined" => Unconfined,
        /// A profile file on the node, named by `localhostProfile`.
        "Localhost" => Localhost,
    }
}

wire_struct! {
    /// The seccomp profile of a container or pod.
    pub struct SeccompProfile {
        /// `RuntimeDefault`, `Unconfined` or `Localhost`.
        "type" => profile_type: SeccompProfileType,
        /// The profile's path under the kubelet's seccomp directory; only with `Localhost`.
        "localhostProfile" => localhost_profile: String,
    }
}

wire_struct! {
    /// Security settings of the container.
    pub struct SecurityContext {
        /// User id the process runs as.
        "runAsUser" => run_as_user: Int,
        /// Primary group id of the process.
        "runAsGroup" => run_as_group: Int,
        /// The kubelet refuses to start the container as root.
        "runAsNonRoot" => run_as_non_root: bool,
        /// Mount the container's root filesystem read-only.
        "readOnlyRootFilesystem" => read_only_root_filesystem: bool,
        /// Whether the process may gain more privileges than its parent (setuid).
        "allowPrivilegeEscalation" => allow_privilege_escalation: bool,
        /// Run with the host's full privileges.
        "privileged" => privileged: bool,
        /// Capabilities to add and drop.
        "capabilities" => capabilities: Capabilities,
        /// Seccomp profile, overriding the pod's.
        "seccompProfile" => seccomp_profile: SeccompProfile,
    }
}

wire_enum! {
    /// When the kubelet changes the ownership of a volume to the pod's `fsGroup`.
    pub enum FsGroupChangePolicy {
        /// Only when the volume root's ownership does not match already.
        "OnRootMismatch" => OnRootMismatch,
        /// On every mount (Kubernetes' default).
        "Always" => Always,
    }
}

wire_struct! {
    /// Security settings of the pod, for all its containers.
    pub struct PodSecurityContext {
        /// User id the containers run as, unless one sets its own.
        "runAsUser" => run_as_user: Int,
        /// Primary group id of the containers' processes.
        "runAsGroup" => run_as_group: Int,
        /// The kubelet refuses to start a container as root.
        "runAsNonRoot" => run_as_non_root: bool,
        /// Group that owns the pod's volumes and joins every process's groups.
        "fsGroup" => fs_group: Int,
        /// `OnRootMismatch` or `Always`.
        "fsGroupChangePolicy" => fs_group_change_policy: FsGroupChangePolicy,
        /// More group ids of every process.
        "supplementalGroups" => supplemental_groups: Vec<Wire<Int>>,
        /// Seccomp profile of every container that sets none.
        "seccompProfile" => seccomp_profile: SeccompProfile,
    }
}
