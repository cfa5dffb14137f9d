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
