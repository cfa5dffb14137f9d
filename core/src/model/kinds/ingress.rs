//! Ingress node data.

use super::common::StringMap;
use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{Int, IntOrString};

wire_enum! {
    /// How an Ingress path matches.
    pub enum PathType {
        /// Path prefix, split on `/`.
        "Prefix" => Prefix,
        /// Exact path.
        "Exact" => Exact,
        /// Up to the ingress controller.
        "ImplementationSpecific" => ImplementationSpecific,
    }
}

wire_struct! {
    /// One routed path; edges leave the Ingress from the path's id.
    pub struct IngressPath {
        /// Handle id of the path on the canvas.
        "id" => id: String,
        /// URL path such as `/api`.
        "path" => path: String,
        /// `Prefix`, `Exact` or `ImplementationSpecific`.
        "pathType" => path_type: PathType,
        /// Backend Service name (a copy; the edge wins).
        "serviceName" => service_name: String,
        /// Backend Service port (a copy; the edge's Service decides); `0` or `""` (a cleared
        /// box) is absent.
        "servicePort" => service_port: IntOrString,
        /// UI link bookkeeping: the Service's node id.
        "_linkedService" => linked_service: String,
    }
}

wire_struct! {
    /// HTTP routing into the cluster (`networking.k8s.io/v1` Ingress).
    pub struct IngressData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Host name; all hosts when absent.
        "host" => host: String,
        /// Routed paths.
        "paths" => paths: Vec<IngressPath>,
        /// Ingress class (the UI defaults to `nginx`).
        "ingressClassName" => ingress_class_name: String,
        /// Terminate TLS.
        "tlsEnabled" => tls_enabled: bool,
        /// Secret holding the certificate.
        "tlsSecretName" => tls_secret_name: String,
        /// Hosts covered by the certificate; `[host]` when absent.
        "tlsHosts" => tls_hosts: Vec<String>,
        /// Annotations, for example for the ingress controller.
        "annotations" => annotations: StringMap,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Template the node was created from.
        "templateId" => template_id: String,
    }
}

impl IngressPath {
    /// The service port as given: `None` when absent, `null` or cleared (a cleared port box
    /// writes `0`, a cleared text box `""`), so the port comes from the Service.
    pub fn given_port(&self) -> Option<&IntOrString> {
        self.service_port.get().filter(|port| match port {
            IntOrString::Int(port) => port.value() != 0,
            IntOrString::String(text) => !matches!(text.trim(), "" | "0"),
        })
    }

    /// The service port when given as a number.
    pub fn port_number(&self) -> Option<i64> {
        match self.given_port()? {
            IntOrString::Int(port) => Some(Int::value(port)),
            IntOrString::String(text) => text.trim().parse().ok(),
        }
    }
}
