//! Service node data.

use super::common::StringMap;
use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{Int, IntOrString};

wire_enum! {
    /// How a Service is exposed.
    pub enum ServiceType {
        /// Inside the cluster only (default).
        "ClusterIP" => ClusterIp,
        /// On a port of every node.
        "NodePort" => NodePort,
        /// Through a cloud load balancer.
        "LoadBalancer" => LoadBalancer,
    }
}

wire_enum! {
    /// Client affinity of a Service.
    pub enum SessionAffinity {
        /// No affinity (default).
        "None" => None,
        /// Keep a client on one pod (timeout 10800 s).
        "ClientIP" => ClientIp,
    }
}

wire_enum! {
    /// Transport protocols for ports.
    pub enum Protocol {
        /// TCP (default).
        "TCP" => Tcp,
        /// UDP.
        "UDP" => Udp,
        /// SCTP.
        "SCTP" => Sctp,
    }
}

wire_struct! {
    /// One port of a multi-port Service.
    pub struct ServicePort {
        /// Port name (required by Kubernetes when there are several).
        "name" => name: String,
        /// `TCP` (default), `UDP` or `SCTP`.
        "protocol" => protocol: Protocol,
        /// Port the Service listens on.
        "port" => port: Int,
        /// Container port number or name; defaults to `port`.
        "targetPort" => target_port: IntOrString,
        /// Node port (NodePort and LoadBalancer only).
        "nodePort" => node_port: Int,
    }
}

wire_struct! {
    /// A stable address for a set of pods (`v1` Service).
    pub struct ServiceData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name (a DNS-1035 label).
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// `ClusterIP` (default), `NodePort` or `LoadBalancer`.
        "serviceType" => service_type: ServiceType,
        /// `"None"` makes the Service headless (no virtual IP: its DNS name resolves to the
        /// pods, as a StatefulSet's governing Service must); an IP address asks for that
        /// virtual IP; absent or `""`, the cluster allocates one.
        "clusterIP" => cluster_ip: String,
        /// `app` label of the selected workload (a copy; the edge wins).
        "targetApp" => target_app: String,
        /// Port (default 80) when `ports` is absent.
        "port" => port: Int,
        /// Target port; defaults to `port`.
        "targetPort" => target_port: IntOrString,
        /// Several ports.
        "ports" => ports: Vec<ServicePort>,
        /// Explicit pod selector (with edges, it must pick every connected workload).
        "selector" => selector: StringMap,
        /// `None` (default) or `ClientIP`.
        "sessionAffinity" => session_affinity: SessionAffinity,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Annotations.
        "annotations" => annotations: StringMap,
        /// Template the node was created from.
        "templateId" => template_id: String,
        /// UI link bookkeeping: the selected workload's node id.
        "_linkedDeployment" => linked_deployment: String,
    }
}

impl ServiceData {
    /// Whether the Service is headless (`clusterIP: "None"`).
    pub fn is_headless(&self) -> bool {
        self.cluster_ip.non_empty() == Some(HEADLESS)
    }
}

/// The `clusterIP` of a headless Service.
pub const HEADLESS: &str = "None";
