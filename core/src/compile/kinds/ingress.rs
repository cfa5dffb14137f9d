//! Ingresses: one rule (host optional) with a backend per routable path.
//!
//! A path's Service comes from the edge leaving the path's handle; without an edge, from
//! the path's `serviceName` copy. The port is the path's `servicePort` (0 or "" is absent) when the Service
//! really listens on it, else the Service's first port: a stale copy must not route to a
//! port that does not exist.

use std::collections::BTreeMap;

use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTLS, ServiceBackendPort,
};

use super::service::declared_ports;
use crate::compile::context::Context;
use crate::compile::metadata::{Role, string_map};
use crate::compile::object::Object;
use crate::graph::{GraphNode, Relation};
use crate::model::kinds::{IngressData, IngressPath, PathType};
use crate::model::{IntOrString, NodeData, NodeKind};

/// A `networking.k8s.io/v1` Ingress node.
pub(super) fn ingress<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &IngressData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let namespace = node.namespace();
    let mut routes: BTreeMap<usize, GraphNode<'_>> = BTreeMap::new();
    for (path, service) in cx.targets(position, |relation| match relation {
        Relation::Route { path } => Some(path),
        _ => None,
    }) {
        routes.entry(path).or_insert(service);
    }
    let mut paths = Vec::new();
    for (index, path) in data.paths.items().iter().enumerate() {
        let backend = match routes.get(&index) {
            Some(service) => linked_backend(service, path),
            None => copied_backend(cx, namespace, path),
        };
        let Some(backend) = backend else { continue };
        paths.push(HTTPIngressPath {
            path: Some(path.path.non_empty().unwrap_or("/").to_owned()),
            path_type: path
                .path_type
                .get()
                .copied()
                .unwrap_or(PathType::Prefix)
                .as_str()
                .to_owned(),
            backend: IngressBackend {
                service: Some(backend),
                resource: None,
            },
        });
    }
    let host = data.host.non_empty();
    let rules = (host.is_some() || !paths.is_empty()).then(|| {
        vec![IngressRule {
            host: host.map(str::to_owned),
            http: (!paths.is_empty()).then_some(HTTPIngressRuleValue { paths }),
        }]
    });
    let tls = data.tls_enabled.is_true().then(|| {
        let listed: Vec<String> = data
            .tls_hosts
            .items()
            .iter()
            .map(|host| host.trim())
            .filter(|host| !host.is_empty())
            .map(str::to_owned)
            .collect();
        let hosts = if listed.is_empty() {
            host.map(|host| vec![host.to_owned()])
        } else {
            Some(listed)
        };
        vec![IngressTLS {
            hosts,
            secret_name: data.tls_secret_name.non_empty().map(str::to_owned),
        }]
    });
    let mut metadata = cx
        .labels
        .meta(name, namespace, Role::Plain, Some(&data.labels));
    metadata.annotations = string_map(&data.annotations);
    Some(Object::Ingress(Box::new(Ingress {
        metadata,
        spec: Some(IngressSpec {
            ingress_class_name: data.ingress_class_name.non_empty().map(str::to_owned),
            rules,
            tls,
            default_backend: None,
        }),
        status: None,
    })))
}

/// The backend for a path linked to a Service node.
fn linked_backend(service: &GraphNode<'_>, path: &IngressPath) -> Option<IngressServiceBackend> {
    let Some(NodeData::Service(data)) = service.data() else {
        return None;
    };
    let ports = declared_ports(data);
    let port = match path.given_port() {
        Some(IntOrString::String(text)) if text.trim().parse::<i64>().is_err() => {
            let text = text.trim();
            ports
                .iter()
                .any(|(name, _)| *name == Some(text))
                .then(|| by_name(text))
        }
        _ => path
            .port_number()
            .filter(|wanted| ports.iter().any(|(_, port)| port == wanted))
            .and_then(by_number),
    };
    let port = port.or_else(|| ports.first().and_then(|(_, port)| by_number(*port)))?;
    Some(IngressServiceBackend {
        name: service.name().to_owned(),
        port: Some(port),
    })
}

/// The backend from the path's own copy, for graphs drawn without edges: the Service
/// node of that name when there is one, else the name and port exactly as copied.
fn copied_backend(
    cx: &Context<'_>,
    namespace: &str,
    path: &IngressPath,
) -> Option<IngressServiceBackend> {
    // A copy of a deleted Service routes nowhere: the path is left out.
    let service_name = cx.graph.path_service(path)?;
    if let Some(service) = cx.find(namespace, service_name, &[NodeKind::Service]) {
        return linked_backend(&service, path);
    }
    let port = match path.given_port()? {
        IntOrString::String(text) if text.trim().parse::<i64>().is_err() => by_name(text.trim()),
        _ => by_number(path.port_number()?)?,
    };
    Some(IngressServiceBackend {
        name: service_name.to_owned(),
        port: Some(port),
    })
}

fn by_number(port: i64) -> Option<ServiceBackendPort> {
    Some(ServiceBackendPort {
        number: Some(i32::try_from(port).ok()?),
        name: None,
    })
}

fn by_name(name: &str) -> ServiceBackendPort {
    ServiceBackendPort {
        name: Some(name.to_owned()),
        number: None,
    }
}
