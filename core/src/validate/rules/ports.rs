//! Ports: numbers within 1-65535 and names as Kubernetes accepts them, for workload
//! container ports (0 in `port` means none; the names of `ports` are unique), Service
//! ports, Ingress backends and NetworkPolicy rules. NodePorts are allowed only on NodePort and LoadBalancer Services and are allocated from 30000-32767
//! unless the cluster is configured otherwise (a warning outside that range).

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::{ContainerPort, PolicyRule, ServiceData, ServiceType};
use crate::model::{FieldPath, Int, IntOrString, NodeData, NodeKind, Wire};
use crate::validate::syntax::names;
use crate::validate::{Context, FastSet, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidPort, Code::NodePortRange],
    check: Check::Nodes(
        &[
            NodeKind::Deployment,
            NodeKind::StatefulSet,
            NodeKind::DaemonSet,
            NodeKind::Job,
            NodeKind::CronJob,
            NodeKind::Service,
            NodeKind::Ingress,
            NodeKind::NetworkPolicy,
        ],
        check,
    ),
};

const NODE_PORTS: std::ops::RangeInclusive<i64> = 30000..=32767;

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let data = || node.data_path();
    match node.data() {
        Some(NodeData::Deployment(d)) => container_port(cx, node, &d.port),
        Some(NodeData::StatefulSet(d)) => container_port(cx, node, &d.port),
        Some(NodeData::DaemonSet(d)) => container_port(cx, node, &d.port),
        Some(NodeData::Service(service)) => check_service(cx, node, service),
        Some(NodeData::Ingress(ingress)) => {
            for (index, path) in ingress.paths.items().iter().enumerate() {
                // A cleared port box writes 0: the port then comes from the Service.
                if path.given_port().is_some() {
                    let at = || data().key("paths").index(index).key("servicePort");
                    number_or_name(cx, node, &path.service_port, at, "servicePort");
                }
            }
        }
        Some(NodeData::NetworkPolicy(policy)) => {
            rules(cx, node, "ingressRules", policy.ingress_rules.items());
            rules(cx, node, "egressRules", policy.egress_rules.items());
        }
        _ => {}
    }
    if let Some(fields) = node.data().and_then(NodeData::container) {
        container_ports(cx, node, &|| node.data_path(), fields.declared_ports());
        for (list, index, container) in fields.further_containers() {
            let base = || node.data_path().key(list.field()).index(index);
            container_ports(cx, node, &base, container.ports.items());
        }
    }
}

/// A container's named ports (its fields under `base`): each with a number, names valid
/// and unique in the container.
fn container_ports(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    base: &dyn Fn() -> FieldPath,
    ports: &[ContainerPort],
) {
    let mut seen = FastSet::default();
    for (index, port) in ports.iter().enumerate() {
        let at = |key: &str| base().key("ports").index(index).key(key);
        if port.container_port.is_missing() {
            let message = format!("ports[{index}] has no containerPort");
            cx.report(
                super::node_types::missing_field(node, at("containerPort"), message)
                    .hint("set the port number the container listens on"),
            );
        }
        let given = &port.container_port;
        number(cx, node, given, || at("containerPort"), "containerPort");
        let Some(name) = port.name.non_empty() else {
            continue;
        };
        let problem = match names::iana_svc_name(name) {
            Err(problem) => format!("port name \"{name}\" is not valid: it {problem}"),
            Ok(()) if !seen.insert(name) => format!("port name \"{name}\" is used by two ports"),
            Ok(()) => continue,
        };
        cx.report(
            node_problem(node, at("name"), Code::InvalidPort, problem)
                .hint("give every port its own name of at most 15 lower-case letters, digits and '-', with a letter"),
        );
    }
}

fn check_service(cx: &mut Context<'_>, node: &GraphNode<'_>, service: &ServiceData) {
    let data = || node.data_path();
    let ports = service.ports.items();
    if ports.is_empty() {
        number(cx, node, &service.port, || data().key("port"), "port");
        number_or_name(
            cx,
            node,
            &service.target_port,
            || data().key("targetPort"),
            "targetPort",
        );
        return;
    }
    let cluster_ip = matches!(
        service.service_type,
        Wire::Absent | Wire::Null | Wire::Valid(ServiceType::ClusterIp)
    );
    let mut seen = FastSet::default();
    for (index, port) in ports.iter().enumerate() {
        let at = |key: &str| data().key("ports").index(index).key(key);
        if port.port.is_missing() {
            let message = format!("ports[{index}] has no port number");
            cx.report(
                super::node_types::missing_field(node, at("port"), message)
                    .hint("set the port the Service listens on"),
            );
        }
        number(cx, node, &port.port, || at("port"), "port");
        number_or_name(
            cx,
            node,
            &port.target_port,
            || at("targetPort"),
            "targetPort",
        );
        // An unnamed port of several is named `port-<n>` by the compiler.
        if let Some(name) = port.name.non_empty() {
            if let Err(problem) = names::dns1123_label(name) {
                let message = format!("port name \"{name}\" is not valid: it {problem}");
                cx.report(
                    node_problem(node, at("name"), Code::InvalidPort, message)
                        .hint("use lower-case letters, digits and '-'"),
                );
            } else if !seen.insert(name) {
                let message = format!("port name \"{name}\" is used by two ports");
                cx.report(
                    node_problem(node, at("name"), Code::InvalidPort, message)
                        .hint("give every port its own name"),
                );
            }
        }
        let Some(node_port) = port.node_port.int() else {
            continue;
        };
        if cluster_ip {
            let message = format!(
                "nodePort {node_port} is set on a ClusterIP Service, which has no node ports"
            );
            cx.report(
                node_problem(node, at("nodePort"), Code::InvalidPort, message)
                    .hint("set serviceType to NodePort or LoadBalancer, or remove the nodePort"),
            );
        } else if !(1..=65535).contains(&node_port) {
            number(cx, node, &port.node_port, || at("nodePort"), "nodePort");
        } else if !NODE_PORTS.contains(&node_port) {
            let message =
                format!("nodePort {node_port} is outside the default node port range 30000-32767");
            cx.report(
                node_problem(node, at("nodePort"), Code::NodePortRange, message)
                    .hint("choose a port within 30000-32767, or omit it to have one allocated"),
            );
        }
    }
}

fn rules(cx: &mut Context<'_>, node: &GraphNode<'_>, list: &str, rules: &[PolicyRule]) {
    for (index, rule) in rules.iter().enumerate() {
        for (number, port) in rule.ports.items().iter().enumerate() {
            let at = || {
                node.data_path()
                    .key(list)
                    .index(index)
                    .key("ports")
                    .index(number)
                    .key("port")
            };
            number_or_name(cx, node, &port.port, at, "port");
        }
    }
}

/// A workload's container port: 0 means none (the compose importer writes it when a
/// service publishes nothing), anything else must be a port.
fn container_port(cx: &mut Context<'_>, node: &GraphNode<'_>, field: &Wire<Int>) {
    if field.int() != Some(0) {
        number(cx, node, field, || node.data_path().key("port"), "port");
    }
}

/// A port number outside 1-65535.
fn number(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    field: &Wire<Int>,
    at: impl FnOnce() -> FieldPath,
    key: &str,
) {
    if let Some(port) = field.int() {
        out_of_range(cx, node, port, at, key);
    }
}

fn out_of_range(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    port: i64,
    at: impl FnOnce() -> FieldPath,
    key: &str,
) {
    if (1..=65535).contains(&port) {
        return;
    }
    let message = format!("{key} {port} is outside 1-65535");
    cx.report(
        node_problem(node, at(), Code::InvalidPort, message).hint("use a port from 1 to 65535"),
    );
}

/// A port given as a number (or digits) within 1-65535, or as an IANA service name; `""`
/// (a cleared box) is absent.
fn number_or_name(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    field: &Wire<IntOrString>,
    at: impl FnOnce() -> FieldPath,
    key: &str,
) {
    let name = match field.get() {
        Some(IntOrString::Int(port)) => return out_of_range(cx, node, port.value(), at, key),
        Some(IntOrString::String(text)) => text.trim(),
        None => return,
    };
    if name.is_empty() {
        // A cleared box (NetworkPolicy "Add Port" writes `port: ""`): absent, as compile
        // reads it.
        return;
    }
    if let Ok(port) = name.parse::<i64>() {
        return out_of_range(cx, node, port, at, key);
    }
    if let Err(problem) = names::iana_svc_name(name) {
        let message = format!("{key} \"{name}\" is not a valid port name: it {problem}");
        cx.report(
            node_problem(node, at(), Code::InvalidPort, message)
                .hint("use a number from 1 to 65535, or a name of at most 15 lower-case letters, digits and '-'"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::diagnostic::Severity;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn ports_are_in_range_and_named_properly() {
        let found = diagnostics_of(
            Code::NodePortRange,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"port": 70000}},
                          {"id": "s", "type": "service", "data": {"port": null, "targetPort": "Web_Port"}},
                          {"id": "m", "type": "service", "data": {"serviceType": "NodePort", "ports": [
                              {"name": "http", "port": 80, "nodePort": 8080},
                              {"name": "http", "port": 0, "targetPort": "8443"},
                              {"targetPort": 99999, "nodePort": 30001}]}},
                          {"id": "c", "type": "service", "data": {"ports": [{"name": "a", "port": 80, "nodePort": 30080}]}},
                          {"id": "i", "type": "ingress", "data": {"paths": [{"id": "p", "servicePort": "http"}, {"id": "q", "servicePort": 70000}, {"id": "z", "servicePort": 0}]}},
                          {"id": "np", "type": "networkpolicy", "data": {"egressRules": [{"id": "r", "ports": [{"port": "dns-"}]}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-port", "/nodes/0/data/port".into(), "d"),
                ("invalid-port", "/nodes/1/data/targetPort".into(), "s"),
                (
                    "node-port-range",
                    "/nodes/2/data/ports/0/nodePort".into(),
                    "m"
                ),
                ("invalid-port", "/nodes/2/data/ports/1/name".into(), "m"),
                ("invalid-port", "/nodes/2/data/ports/1/port".into(), "m"),
                ("missing-field", "/nodes/2/data/ports/2/port".into(), "m"),
                (
                    "invalid-port",
                    "/nodes/2/data/ports/2/targetPort".into(),
                    "m"
                ),
                ("invalid-port", "/nodes/3/data/ports/0/nodePort".into(), "c"),
                (
                    "invalid-port",
                    "/nodes/4/data/paths/1/servicePort".into(),
                    "i"
                ),
                (
                    "invalid-port",
                    "/nodes/5/data/egressRules/0/ports/0/port".into(),
                    "np"
                ),
            ]
        );
        assert_eq!(found[0].message, "port 70000 is outside 1-65535");
        assert_eq!(found[2].severity, Severity::Warning);
    }

    #[test]
    fn a_workload_port_of_zero_is_no_port() {
        let found = diagnostics_of(
            Code::InvalidPort,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"port": 0}},
                          {"id": "s", "type": "statefulset", "data": {"port": 0}},
                          {"id": "x", "type": "daemonset", "data": {"port": 0}},
                          {"id": "v", "type": "service", "data": {"port": 0}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [("invalid-port", "/nodes/3/data/port".into(), "v")]
        );
    }

    #[test]
    fn a_cleared_port_box_is_absent() {
        let found = diagnostics_of(
            Code::InvalidPort,
            r#"{"nodes": [{"id": "np", "type": "networkpolicy", "data": {"policyTypes": ["Ingress"],
                              "ingressRules": [{"id": "r1", "ports": [{"protocol": "TCP", "port": ""}]}]}},
                          {"id": "v", "type": "service", "data": {"port": 80, "targetPort": " "}}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn declared_container_ports_have_numbers_and_unique_names() {
        let found = diagnostics_of(
            Code::NodePortRange,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"ports": [
                    {"name": "grpc", "containerPort": 5050},
                    {"name": "grpc", "containerPort": 5051},
                    {"name": "prometheus-metrics", "containerPort": 9090},
                    {"name": "admin"},
                    {"containerPort": 0, "protocol": "UDP"}]}},
                {"id": "c", "type": "cronjob", "data": {"ports": [{"name": "Metrics", "containerPort": 70000}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-port", "/nodes/0/data/ports/1/name".into(), "d"),
                ("invalid-port", "/nodes/0/data/ports/2/name".into(), "d"),
                (
                    "missing-field",
                    "/nodes/0/data/ports/3/containerPort".into(),
                    "d"
                ),
                (
                    "invalid-port",
                    "/nodes/0/data/ports/4/containerPort".into(),
                    "d"
                ),
                (
                    "invalid-port",
                    "/nodes/1/data/ports/0/containerPort".into(),
                    "c"
                ),
                ("invalid-port", "/nodes/1/data/ports/0/name".into(), "c"),
            ]
        );
        assert_eq!(found[0].message, "port name \"grpc\" is used by two ports");
        assert!(
            found[1]
                .message
                .starts_with("port name \"prometheus-metrics\" is not valid"),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn further_containers_name_their_ports_uniquely() {
        let found = diagnostics_of(
            Code::NodePortRange,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "port": 8080,
                "initContainers": [{"name": "proxy", "ports": [{"name": "http", "containerPort": 15001}]}],
                "sidecars": [{"name": "exporter", "ports": [{"name": "metrics", "containerPort": 9100},
                    {"name": "metrics", "containerPort": 70000}]}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-port",
                    "/nodes/0/data/sidecars/0/ports/1/containerPort".into(),
                    "d"
                ),
                (
                    "invalid-port",
                    "/nodes/0/data/sidecars/0/ports/1/name".into(),
                    "d"
                ),
            ]
        );
    }
}
