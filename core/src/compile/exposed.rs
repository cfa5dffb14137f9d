//! The ports a workload's container declares: its own `port`, named `http`, and every
//! numbered target port of the Services whose edges select it that it does not declare
//! yet, named after the Service port, so named ports, network policies and meshes see
//! what the Services send to.

use k8s_openapi::api::core::v1::ContainerPort;

use super::kinds::target_ports;
use crate::graph::{GraphNode, Relation, WorkflowGraph};
use crate::model::NodeData;

/// The container ports of the workload at `position`: its own (`own`: its `ports`, or
/// its `port` named `http`) and the target ports of the Services selecting it that it
/// does not declare; `None` when there are none.
pub(super) fn container_ports(
    graph: &WorkflowGraph<'_>,
    position: usize,
    own: Vec<ContainerPort>,
) -> Option<Vec<ContainerPort>> {
    let mut ports = own;
    for (edge, relation) in graph.incoming(position) {
        let Some(NodeData::Service(service)) = graph.at(edge.source).data() else {
            continue;
        };
        if relation != Relation::Selects {
            continue;
        }
        let workloads: Vec<GraphNode<'_>> = graph
            .outgoing(edge.source)
            .filter(|(_, relation)| *relation == Relation::Selects)
            .map(|(edge, _)| *graph.at(edge.target))
            .collect();
        for (name, number, protocol) in target_ports(service, &workloads) {
            let Some(number) = i32::try_from(number)
                .ok()
                .filter(|n| (1..=65535).contains(n))
            else {
                continue;
            };
            let known = ports.iter().any(|port| {
                port.container_port == number && port.protocol.as_deref() == Some(protocol)
            });
            if known {
                continue;
            }
            let name = name
                .map(str::to_owned)
                .filter(|name| is_port_name(name))
                .or_else(|| Some(format!("port-{number}")))
                .filter(|name| !ports.iter().any(|port| port.name.as_ref() == Some(name)));
            ports.push(declared(name, number, protocol));
        }
    }
    (!ports.is_empty()).then_some(ports)
}

fn declared(name: Option<String>, port: i32, protocol: &str) -> ContainerPort {
    ContainerPort {
        name,
        container_port: port,
        protocol: Some(protocol.to_owned()),
        ..ContainerPort::default()
    }
}

/// Whether `name` can name a container port (an IANA service name): at most 15 lower-case
/// letters, digits and '-', with a letter, no '-' at either end and no "--".
fn is_port_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 15
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::compile::context::with_context;

    #[test]
    fn service_target_ports_the_workload_lacks_are_declared() {
        let workflow = json!({
            "nodes": [
                {"id": "w", "type": "deployment", "data": {"name": "api", "image": "api:1", "port": 8080}},
                {"id": "grpc", "type": "service", "data": {"name": "api-grpc", "ports": [
                    {"name": "grpc", "port": 9090},
                    {"name": "metrics-exporter-port", "port": 80, "targetPort": 9100},
                    {"name": "web", "port": 80, "targetPort": 8080},
                    {"name": "named", "port": 81, "targetPort": "http"}]}},
                {"id": "plain", "type": "service", "data": {"name": "api", "port": 80, "targetPort": 9090}},
                {"id": "cleared", "type": "service", "data": {"name": "api-2", "port": 7070, "targetPort": ""}}
            ],
            "edges": [
                {"id": "1", "source": "grpc", "target": "w"},
                {"id": "2", "source": "plain", "target": "w"},
                {"id": "3", "source": "cleared", "target": "w"}
            ]
        });
        let own = vec![declared(Some("http".to_owned()), 8080, "TCP")];
        let ports = with_context(workflow, |cx| container_ports(cx.graph, 0, own));
        let ports: Vec<(Option<String>, i32)> = ports
            .unwrap_or_default()
            .into_iter()
            .map(|port| (port.name, port.container_port))
            .collect();
        assert_eq!(
            ports,
            [
                (Some("http".to_owned()), 8080),
                (Some("grpc".to_owned()), 9090),
                (Some("port-9100".to_owned()), 9100),
            ]
        );
    }

    #[test]
    fn port_names_follow_kubernetes() {
        for good in ["http", "grpc-web", "p80"] {
            assert!(is_port_name(good), "{good}");
        }
        for bad in ["", "80", "-a", "a-", "a--b", "Grpc", "a-very-long-name-x"] {
            assert!(!is_port_name(bad), "{bad}");
        }
    }
}
