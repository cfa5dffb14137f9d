//! Services: something to select, and target ports the selected workload listens on.
//!
//! A Service selects the workloads its edges point to; without an edge, the workloads of
//! its namespace named by its `selector`'s `app` (or else `targetApp`). A Service with
//! none of these gets no endpoints. Workloads declare their port, named `http`, and the
//! numbered target ports of the Services connected to them by edges; so a target port
//! must be one of those numbers or that name.

use std::cell::OnceCell;
use std::net::IpAddr;

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation, WorkflowGraph};
use crate::model::kinds::{HEADLESS, ServiceData, ServiceType};
use crate::model::{FieldPath, Int, IntOrString, NodeData, NodeKind, Wire};
use crate::validate::{Context, FastMap, fast_map, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::ServiceWithoutTarget,
        Code::TargetPortMismatch,
        Code::InvalidClusterIp,
    ],
    check: Check::Keyed(check, recheck),
};

/// The name kubegraph gives a workload's container port.
const CONTAINER_PORT_NAME: &str = "http";

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    let by_name = OnceCell::new();
    let named = |namespace, app| {
        let index = by_name.get_or_init(|| workloads_by_name(graph.nodes()));
        index.get(&(namespace, app)).cloned().unwrap_or_default()
    };
    for (position, node) in graph.nodes_of(&[NodeKind::Service]) {
        check_service(cx, position, node, &named);
    }
}

/// A node's change alters the reports of the Services of its namespace before and after
/// it (which may name it by `app` without an edge), of those whose edges select it, and
/// its own. An edge's alters its source's, whose edges a Service's report reads.
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let graph = cx.graph;
    let services: Vec<usize> = match change {
        Change::Node(change) => {
            let now = graph.at(change.position);
            redo.nodes.insert(now.index);
            let namespaces = [now.namespace(), change.before.namespace()];
            let selecting: Vec<usize> = graph
                .edges_to(change.position)
                .iter()
                .map(|&edge| graph.edges()[edge].source)
                .collect();
            let mut services: Vec<usize> = namespaces
                .iter()
                .flat_map(|&namespace| graph.nodes_in(namespace))
                .copied()
                .chain([change.position])
                .chain(selecting)
                .filter(|&position| graph.at(position).kind == Some(NodeKind::Service))
                .collect();
            services.sort_unstable();
            services.dedup();
            // A new id can bring back the targetApp of a Service linked to it, and an id
            // gone takes it away.
            for id in change.ids_changed(now.id()) {
                services.extend(graph.services_linking(id));
            }
            services
        }
        // The removed node had no edges: its namespace's Services can have changed, and
        // those linked to its id, whose targetApp no longer counts.
        Change::NodeRemoved { before } => graph
            .nodes_in_of(before.namespace(), &[NodeKind::Service])
            .map(|(position, _)| position)
            .chain(graph.services_linking(before.id()))
            .collect(),
        _ => change
            .edge_ends(graph)
            .map(|(source, _)| source)
            .filter(|&source| graph.at(source).kind == Some(NodeKind::Service))
            .collect(),
    };
    let named = |namespace, app| -> Vec<&GraphNode<'_>> {
        graph
            .nodes_in_of(namespace, SELECTED_KINDS)
            .map(|(_, workload)| workload)
            .filter(|workload| workload.name() == app)
            .collect()
    };
    for position in services {
        let node = graph.at(position);
        redo.nodes.insert(node.index);
        check_service(cx, position, node, &named);
    }
}

/// The Service `node` at `position`: something to select, and target ports; `named`
/// finds the workloads of a namespace and name, in input order.
fn check_service<'c>(
    cx: &mut Context<'c>,
    position: usize,
    node: &'c GraphNode<'c>,
    named: &dyn Fn(&'c str, &'c str) -> Vec<&'c GraphNode<'c>>,
) {
    let graph = cx.graph;
    let Some(NodeData::Service(service)) = node.data() else {
        return;
    };
    cluster_ip(cx, node, service);
    let selected: Vec<&GraphNode<'_>> = graph
        .outgoing(position)
        .filter(|(_, relation)| *relation == Relation::Selects)
        .map(|(edge, _)| graph.at(edge.target))
        .collect();
    let linked = !selected.is_empty();
    let workloads = if linked {
        selected
    } else {
        let Some(app) = fallback_app(graph, service) else {
            // A targetApp of a deleted workload is stale-link's to report.
            if service.target_app.non_empty().is_some() {
                return;
            }
            let message = format!(
                "{} selects nothing: it has no edge, no targetApp and no selector",
                node.describe()
            );
            cx.report(
                node_problem(
                    node,
                    node.data_path().key("targetApp"),
                    Code::ServiceWithoutTarget,
                    message,
                )
                .hint("connect the Service to a Deployment, StatefulSet or DaemonSet"),
            );
            return;
        };
        named(node.namespace(), app)
    };
    for workload in workloads {
        if let Some(port) = workload_port(workload) {
            target_ports(cx, node, service, (workload, linked), port);
        }
    }
}

/// A `clusterIP` the API server refuses: neither `"None"` (headless) nor an IP address,
/// or headless on a NodePort or LoadBalancer Service (both need a virtual IP).
fn cluster_ip(cx: &mut Context<'_>, node: &GraphNode<'_>, service: &ServiceData) {
    let Some(value) = service.cluster_ip.non_empty() else {
        return;
    };
    let at = || node.data_path().key("clusterIP");
    if value != HEADLESS && value.parse::<IpAddr>().is_err() {
        let message = format!(
            "clusterIP \"{value}\" of {} is neither \"None\" nor an IP address",
            node.describe()
        );
        cx.report(
            node_problem(node, at(), Code::InvalidClusterIp, message).hint(
                "set \"None\" for a headless Service, or clear it to have an address allocated",
            ),
        );
        return;
    }
    let service_type = service.service_type.get().copied();
    if value == HEADLESS
        && let Some(kind @ (ServiceType::NodePort | ServiceType::LoadBalancer)) = service_type
    {
        let message = format!(
            "{} is headless (clusterIP \"None\") but of type {kind}, which needs a cluster IP; the API server refuses it",
            node.describe()
        );
        cx.report(
            node_problem(node, at(), Code::InvalidClusterIp, message)
                .hint("use type ClusterIP for a headless Service, or clear clusterIP"),
        );
    }
}

/// The `app` a Service without an edge selects: its selector's, else `targetApp` (unless
/// it names a deleted workload).
fn fallback_app<'d>(graph: &WorkflowGraph<'_>, service: &'d ServiceData) -> Option<&'d str> {
    match service.selector.get() {
        Some(selector) if !selector.is_empty() => selector.get("app").map(|app| app.trim()),
        _ => graph.target_app(service),
    }
}

/// The kinds a Service without an edge selects by `app`.
const SELECTED_KINDS: &[NodeKind] = &[
    NodeKind::Deployment,
    NodeKind::StatefulSet,
    NodeKind::DaemonSet,
];

fn workloads_by_name<'g, 'a>(
    nodes: &'g [GraphNode<'a>],
) -> FastMap<(&'a str, &'a str), Vec<&'g GraphNode<'a>>> {
    let mut index: FastMap<(&str, &str), Vec<&GraphNode<'_>>> = fast_map(nodes.len());
    for node in nodes {
        if node.kind.is_some_and(|kind| SELECTED_KINDS.contains(&kind)) {
            index
                .entry((node.namespace(), node.name()))
                .or_default()
                .push(node);
        }
    }
    index
}

fn workload_port(workload: &GraphNode<'_>) -> Option<i64> {
    workload.data()?.container()?.port_number()
}

fn target_ports(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    service: &ServiceData,
    (workload, linked): (&GraphNode<'_>, bool),
    port: i64,
) {
    let ports = service.ports.items();
    if ports.is_empty() {
        // Unset, a single port's target follows the workload's port (as the compiler does).
        if service.target_port.is_missing() {
            return;
        }
        let at = || node.data_path().key("targetPort");
        compare(
            cx,
            node,
            (&service.target_port, &service.port),
            (workload, linked),
            port,
            &at,
        );
        return;
    }
    for (index, entry) in ports.iter().enumerate() {
        let at = || node.data_path().key("ports").index(index).key("targetPort");
        compare(
            cx,
            node,
            (&entry.target_port, &entry.port),
            (workload, linked),
            port,
            &at,
        );
    }
}

/// Reports a target port (a listed port's defaults to its port) that is not `port` or
/// `http`. A number is never wrong for a workload `linked` by an edge: the compiler
/// declares it on the workload's container.
/// Whether the workload lists the target port in its `ports`, by number or by name.
fn declares(workload: &GraphNode<'_>, target_port: &Wire<IntOrString>) -> bool {
    let Some(fields) = workload.data().and_then(NodeData::container) else {
        return false;
    };
    let numbered = |number: i64| {
        fields
            .declared_ports()
            .iter()
            .any(|port| port.container_port.int() == Some(number))
    };
    match target_port.get() {
        Some(IntOrString::Int(number)) => numbered(number.value()),
        Some(IntOrString::String(text)) => {
            let text = text.trim();
            fields.has_port_named(text) || text.parse::<i64>().is_ok_and(numbered)
        }
        None => false,
    }
}

fn compare(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    (target_port, service_port): (&Wire<IntOrString>, &Wire<Int>),
    (workload, linked): (&GraphNode<'_>, bool),
    port: i64,
    at: &dyn Fn() -> FieldPath,
) {
    let numbered = match target_port.get() {
        Some(IntOrString::Int(_)) => true,
        Some(IntOrString::String(text)) => text.trim().parse::<i64>().is_ok(),
        None => !target_port.is_invalid(),
    };
    if linked && numbered || declares(workload, target_port) {
        return;
    }
    let shown = match target_port.get() {
        Some(IntOrString::Int(number)) if number.value() == port => return,
        Some(IntOrString::Int(number)) => number.value().to_string(),
        Some(IntOrString::String(text)) => {
            let text = text.trim();
            if text == CONTAINER_PORT_NAME || text.parse::<i64>() == Ok(port) {
                return;
            }
            format!("\"{text}\"")
        }
        None if target_port.is_invalid() => return,
        None => match service_port.int().unwrap_or(80) {
            number if number == port => return,
            number => format!("{number} (the port, as targetPort is not set)"),
        },
    };
    let message = format!(
        "targetPort {shown} is not a port of {} (it listens on {port})",
        workload.describe()
    );
    cx.report(
        node_problem(node, at(), Code::TargetPortMismatch, message)
            .hint(format!("set targetPort to {port}")),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::diagnostic::Severity;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn services_need_a_target_and_matching_ports() {
        let found = diagnostics_of(
            Code::ServiceWithoutTarget,
            r#"{"nodes": [{"id": "lone", "type": "service", "data": {"name": "lone"}},
                          {"id": "s1", "type": "service", "data": {"name": "web", "targetApp": "web", "port": 80, "targetPort": 8080}},
                          {"id": "s2", "type": "service", "data": {"name": "web2", "targetApp": "web", "port": 80}},
                          {"id": "s3", "type": "service", "data": {"name": "multi", "ports": [{"port": 3000}, {"port": 80, "targetPort": "http"}, {"port": 81, "targetPort": "metrics"}]}},
                          {"id": "s4", "type": "service", "data": {"name": "sel", "selector": {"app": "web"}, "targetPort": 3000}},
                          {"id": "w", "type": "deployment", "data": {"name": "web", "port": 3000}},
                          {"id": "s5", "type": "service", "data": {"name": "linked", "ports": [{"port": 80, "targetPort": 9090}, {"port": 81, "targetPort": "grpc"}]}}],
                "edges": [{"id": "e3", "source": "s3", "target": "w"}, {"id": "e5", "source": "s5", "target": "w"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "service-without-target",
                    "/nodes/0/data/targetApp".into(),
                    "lone"
                ),
                (
                    "target-port-mismatch",
                    "/nodes/1/data/targetPort".into(),
                    "s1"
                ),
                (
                    "target-port-mismatch",
                    "/nodes/3/data/ports/2/targetPort".into(),
                    "s3"
                ),
                (
                    "target-port-mismatch",
                    "/nodes/6/data/ports/1/targetPort".into(),
                    "s5"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[1].message,
            "targetPort 8080 is not a port of deployment \"web\" (it listens on 3000)"
        );
        assert!(
            !found
                .iter()
                .any(|d| d.location.node_id.as_deref() == Some("s2")),
            "an unset targetPort follows the workload's port"
        );
    }

    #[test]
    fn target_ports_the_workload_lists_by_name_or_number_match() {
        let found = diagnostics_of(
            Code::TargetPortMismatch,
            r#"{"nodes": [{"id": "w", "type": "deployment", "data": {"name": "api", "ports": [
                              {"name": "grpc", "containerPort": 9090}, {"name": "metrics", "containerPort": 9100}]}},
                          {"id": "s", "type": "service", "data": {"name": "api", "ports": [
                              {"name": "grpc", "port": 9090, "targetPort": "grpc"},
                              {"name": "metrics", "port": 9100, "targetPort": "9100"},
                              {"name": "admin", "port": 8081, "targetPort": "admin"}]}}],
                "edges": [{"id": "e", "source": "s", "target": "w"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "target-port-mismatch",
                "/nodes/1/data/ports/2/targetPort".into(),
                "s"
            )]
        );
    }

    #[test]
    fn cluster_ip_is_none_or_an_address_and_headless_only_without_node_ports() {
        let found = diagnostics_of(
            Code::InvalidClusterIp,
            r#"{"nodes": [{"id": "a", "type": "service", "data": {"name": "a", "clusterIP": "None"}},
                          {"id": "b", "type": "service", "data": {"name": "b", "clusterIP": ""}},
                          {"id": "c", "type": "service", "data": {"name": "c", "clusterIP": "10.96.0.20"}},
                          {"id": "d", "type": "service", "data": {"name": "d", "clusterIP": "none"}},
                          {"id": "e", "type": "service", "data": {"name": "e", "clusterIP": "None", "serviceType": "NodePort"}},
                          {"id": "f", "type": "service", "data": {"name": "f", "clusterIP": "None", "serviceType": "LoadBalancer"}}]}"#,
        );
        let found: Vec<_> = found
            .into_iter()
            .filter(|d| d.code == Code::InvalidClusterIp)
            .collect();
        assert_eq!(
            summary(&found),
            [
                ("invalid-cluster-ip", "/nodes/3/data/clusterIP".into(), "d"),
                ("invalid-cluster-ip", "/nodes/4/data/clusterIP".into(), "e"),
                ("invalid-cluster-ip", "/nodes/5/data/clusterIP".into(), "f"),
            ]
        );
        assert_eq!(
            found[1].message,
            "service \"e\" is headless (clusterIP \"None\") but of type NodePort, which needs a cluster IP; the API server refuses it"
        );
    }
}
