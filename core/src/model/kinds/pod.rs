//! Pod and container settings every workload kind shares, in Kubernetes' own shapes
//! (`core/v1` ContainerPort, LocalObjectReference), so a user who knows Kubernetes
//! guesses right.

use super::service::Protocol;
use crate::model::Int;
use crate::model::macros::{wire_enum, wire_struct};

wire_struct! {
    /// A port the container listens on.
    pub struct ContainerPort {
        /// IANA service name (at most 15 characters), unique in the container; Services,
        /// probes and meshes refer to the port by it.
        "name" => name: String,
        /// Port number, 1-65535.
        "containerPort" => container_port: Int,
        /// `TCP` (default), `UDP` or `SCTP`.
        "protocol" => protocol: Protocol,
    }
}

wire_enum! {
    /// When the kubelet pulls the container image.
    pub enum ImagePullPolicy {
        /// Pull on every start.
        "Always" => Always,
        /// Pull only when the node lacks the image.
        "IfNotPresent" => IfNotPresent,
        /// Never pull: the image must be on the node.
        "Never" => Never,
    }
}

wire_struct! {
    /// A Secret of the pod's namespace holding registry credentials.
    pub struct ImagePullSecret {
        /// Secret name.
        "name" => name: String,
    }
}

wire_enum! {
    /// Where an `emptyDir` volume lives.
    pub enum StorageMedium {
        /// The node's disk (Kubernetes' default).
        "" => Default,
        /// A tmpfs in memory, counted against the container's memory limit.
        "Memory" => Memory,
    }
}

wire_struct! {
    /// Scratch space that lives as long as the pod (`core/v1` EmptyDirVolumeSource).
    pub struct EmptyDir {
        /// `""` (the node's disk, default) or `Memory`.
        "medium" => medium: StorageMedium,
        /// The most the volume may hold, for example `1Gi`; the pod is evicted beyond it.
        "sizeLimit" => size_limit: String,
    }
}

wire_struct! {
    /// A volume of the pod and where its container mounts it: Kubernetes' volume entry
    /// (`name`, `emptyDir`) with the fields of its mount beside it.
    pub struct PodVolume {
        /// Volume name (a DNS-1123 label), unique in the pod.
        "name" => name: String,
        /// The volume: scratch space of the pod.
        "emptyDir" => empty_dir: EmptyDir,
        /// Absolute path in the container; not mounted when absent.
        "mountPath" => mount_path: String,
        /// A path inside the volume to mount instead of its root.
        "subPath" => sub_path: String,
        /// Mount read-only.
        "readOnly" => read_only: bool,
    }
}
