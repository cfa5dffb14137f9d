//! Services drawn on the canvas (the headless Services StatefulSets need are made with
//! the StatefulSet, in [`super::statefulset`]).
//!
//! The selected workloads come from the Service's edges: its `selector` map when given
//! (it must pick them all), else the labels their selectors share (one workload: its
//! selector). Without an edge, the `selector` map, else `app: <targetApp>` (the UI's copy
//! of the link).

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{
    ClientIPConfig, Service, ServicePort, ServiceSpec, SessionAffinityConfig,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::compile::context::Context;
use crate::compile::metadata::{Role, app_labels, owned, selector_of, string_map};
use crate::compile::object::Object;
use crate::compile::pod::container_port;
use crate::graph::labels::{Selector, common_selector};
use crate::graph::{GraphNode, Relation, SELECTABLE_KINDS};
use crate::model::IntOrString as WireIntOrString;
use crate::model::kinds::{ServiceData, ServiceType, SessionAffinity};

/// The name of a single-port Service's port, and of every workload's own container port.
const CONTAINER_PORT_NAME: &str = "http";
/// Port of a single-port Service when none is given.
const DEFAULT_PORT: i64 = 80;
/// Kubernetes' own default for `ClientIP` affinity, written out so it is visible.
const CLIENT_IP_TIMEOUT_SECONDS: i32 = 10800;

/// A `v1` Service node.
pub(super) fn service<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &ServiceData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let namespace = node.namespace();
    let linked: Vec<GraphNode<'a>> = cx
        .targets(position, |relation| {
            (relation == Relation::Selects).then_some(())
        })
        .into_iter()
        .map(|(_, target)| target)
        .collect();
    let target_app = cx.graph.target_app(data);
    let selector = if linked.is_empty() {
        string_map(&data.selector).or_else(|| target_app.map(app_labels))
    } else if let Some(selector) = string_map(&data.selector) {
        // Given with edges, the user's own selector (validation checks it picks them all).
        Some(selector)
    } else {
        // The edges win over `targetApp`: the labels every target's selector shares pick
        // all of their pods.
        let selectors: Vec<Selector<'_>> = linked.iter().map(selector_of).collect();
        let common = common_selector(selectors.iter());
        if common.is_empty() {
            cx.skip(node, node.data_path());
            return None;
        }
        Some(owned(&common))
    };
    let fallback = if linked.is_empty() {
        target_app.and_then(|app| cx.find(namespace, app, SELECTABLE_KINDS))
    } else {
        None
    };
    let workloads = match &fallback {
        Some(workload) => std::slice::from_ref(workload),
        None => linked.as_slice(),
    };
    let service_type = data
        .service_type
        .get()
        .copied()
        .unwrap_or(ServiceType::ClusterIp);
    let ports = if data.ports.items().is_empty() {
        single_port(cx, node, data, workloads)
    } else {
        listed_ports(cx, node, data, service_type)
    };
    let (session_affinity, session_affinity_config) = match data.session_affinity.get() {
        Some(SessionAffinity::ClientIp) => (
            Some(SessionAffinity::ClientIp.as_str().to_owned()),
            Some(SessionAffinityConfig {
                client_ip: Some(ClientIPConfig {
                    timeout_seconds: Some(CLIENT_IP_TIMEOUT_SECONDS),
                }),
            }),
        ),
        Some(SessionAffinity::None) => (Some(SessionAffinity::None.as_str().to_owned()), None),
        None => (None, None),
    };
    let mut metadata = cx
        .labels
        .meta(name, namespace, Role::Plain, Some(&data.labels));
    metadata.annotations = string_map(&data.annotations);
    Some(Object::Service(Box::new(Service {
        metadata,
        spec: Some(ServiceSpec {
            type_: Some(service_type.as_str().to_owned()),
            cluster_ip: data.cluster_ip.non_empty().map(str::to_owned),
            selector,
            ports: Some(ports),
            session_affinity,
            session_affinity_config,
            ..ServiceSpec::default()
        }),
        status: None,
    })))
}

/// The port numbers a Service node listens on, in order (for Ingress backends).
pub(super) fn declared_ports(data: &ServiceData) -> Vec<(Option<&str>, i64)> {
    let listed = data.ports.items();
    if listed.is_empty() {
        return vec![(Some("http"), data.port.int().unwrap_or(DEFAULT_PORT))];
    }
    listed
        .iter()
        .filter_map(|port| Some((port.name.non_empty(), port.port.int()?)))
        .collect()
}

/// The single port named `http`: `port` (default 80) to `targetPort`, which defaults to
/// the selected workloads' container port, then to `port`.
fn single_port(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    data: &ServiceData,
    workloads: &[GraphNode<'_>],
) -> Vec<ServicePort> {
    let port = cx
        .int32(node, || node.data_path().key("port"), data.port.int())
        .unwrap_or(DEFAULT_PORT as i32);
    let target_port = cx
        .int_or_string(
            node,
            || node.data_path().key("targetPort"),
            data.target_port.get(),
        )
        .or_else(|| workloads_port(workloads))
        .unwrap_or(IntOrString::Int(port));
    vec![ServicePort {
        name: Some(CONTAINER_PORT_NAME.to_owned()),
        port,
        target_port: Some(target_port),
        protocol: Some("TCP".to_owned()),
        ..ServicePort::default()
    }]
}

/// The port a single-port Service targets when `targetPort` is not set: the workloads'
/// container port when they share one; the name all their ports have (`http`) when they
/// differ; else the first there is (the others get it added, see [`target_ports`]).
fn workloads_port(workloads: &[GraphNode<'_>]) -> Option<IntOrString> {
    let ports: Vec<Option<i64>> = workloads.iter().map(container_port).collect();
    let first = ports.iter().flatten().next()?;
    let port = i32::try_from(*first).ok()?;
    Some(
        if ports.iter().all(Option::is_some) && ports.iter().any(|other| *other != Some(*first)) {
            IntOrString::String(CONTAINER_PORT_NAME.to_owned())
        } else {
            IntOrString::Int(port)
        },
    )
}

/// The numbered target ports of a Service whose edges select `workloads`, as (name of the
/// Service port, number, protocol): the container ports the selected pods must declare.
/// Named target ports are left out (only a number can be declared).
pub(in crate::compile) fn target_ports<'d>(
    data: &'d ServiceData,
    workloads: &[GraphNode<'_>],
) -> Vec<(Option<&'d str>, i64, &'d str)> {
    let number = |target: &WireIntOrString| match target {
        WireIntOrString::Int(number) => Some(number.value()),
        WireIntOrString::String(text) => text.trim().parse().ok(),
    };
    let listed = data.ports.items();
    if listed.is_empty() {
        let port = data.port.int().unwrap_or(DEFAULT_PORT);
        // A cleared box (`""`) is no target port, as in [`single_port`].
        let given = data.target_port.get().filter(
            |given| !matches!(given, WireIntOrString::String(text) if text.trim().is_empty()),
        );
        let target = match given {
            Some(given) => number(given),
            None => match workloads_port(workloads) {
                Some(IntOrString::Int(port)) => Some(i64::from(port)),
                Some(IntOrString::String(_)) => None,
                None => Some(port),
            },
        };
        return target
            .map(|target| (Some(CONTAINER_PORT_NAME), target, "TCP"))
            .into_iter()
            .collect();
    }
    listed
        .iter()
        .filter_map(|given| {
            let target = match given.target_port.get() {
                Some(target) => number(target)?,
                None => given.port.int()?,
            };
            let protocol = given.protocol.get().map_or("TCP", |p| p.as_str());
            Some((given.name.non_empty(), target, protocol))
        })
        .collect()
}

/// Every entry of `ports`. Kubernetes requires names when there are several: a missing
/// one becomes `port-<number>` (`-<protocol>` added if that is taken). `nodePort` only for
/// NodePort and LoadBalancer Services, where Kubernetes allows it.
fn listed_ports(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    data: &ServiceData,
    service_type: ServiceType,
) -> Vec<ServicePort> {
    let listed = data.ports.items();
    let named: BTreeSet<&str> = listed
        .iter()
        .filter_map(|port| port.name.non_empty())
        .collect();
    let mut used = BTreeSet::new();
    let node_ports = matches!(
        service_type,
        ServiceType::NodePort | ServiceType::LoadBalancer
    );
    let mut ports = Vec::with_capacity(listed.len());
    for (index, given) in listed.iter().enumerate() {
        let at = || node.data_path().key("ports").index(index);
        let Some(port) = cx.int32(node, || at().key("port"), given.port.int()) else {
            if given.port.is_missing() {
                cx.skip(node, at().key("port"));
            }
            continue;
        };
        let protocol = given
            .protocol
            .get()
            .map_or("TCP", |protocol| protocol.as_str());
        let name = match given.name.non_empty() {
            Some(name) => Some(name.to_owned()),
            None if listed.len() > 1 => {
                let mut name = format!("port-{port}");
                if named.contains(name.as_str()) || used.contains(&name) {
                    name = format!("port-{port}-{}", protocol.to_ascii_lowercase());
                }
                Some(name)
            }
            None => None,
        };
        if let Some(name) = &name {
            used.insert(name.clone());
        }
        let target_port = cx
            .int_or_string(node, || at().key("targetPort"), given.target_port.get())
            .unwrap_or(IntOrString::Int(port));
        let node_port = if node_ports {
            cx.int32(node, || at().key("nodePort"), given.node_port.int())
        } else {
            None
        };
        ports.push(ServicePort {
            name,
            port,
            target_port: Some(target_port),
            protocol: Some(protocol.to_owned()),
            node_port,
            ..ServicePort::default()
        });
    }
    ports
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::compile::context::with_context;
    use crate::model::NodeData;

    /// The selector and ports of the Service `s` in front of three versions of reviews.
    fn reviews_service(data: serde_json::Value, ports: [i64; 3]) -> serde_json::Value {
        let version = |id: &str, port: i64| {
            json!({"id": id, "type": "deployment", "data": {"name": format!("reviews-{id}"),
                "image": "reviews:1", "port": port, "labels": {"app": "reviews", "version": id}}})
        };
        let workflow = json!({
            "nodes": [{"id": "s", "type": "service", "data": data},
                version("v1", ports[0]), version("v2", ports[1]), version("v3", ports[2])],
            "edges": [{"id": "1", "source": "s", "target": "v1"}, {"id": "2", "source": "s", "target": "v2"},
                {"id": "3", "source": "s", "target": "v3"}]
        });
        with_context(workflow, |cx| {
            let node = *cx.graph.at(0);
            let Some(NodeData::Service(data)) = node.data() else {
                panic!("service node")
            };
            let value = service(cx, 0, &node, data).expect("compiles").to_value();
            json!({"selector": value["spec"]["selector"], "targetPort": value["spec"]["ports"][0]["targetPort"]})
        })
    }

    #[test]
    fn a_service_in_front_of_several_versions_selects_what_they_share() {
        assert_eq!(
            reviews_service(
                json!({"name": "reviews", "targetApp": "reviews-v3"}),
                [9080; 3]
            ),
            json!({"selector": {"app": "reviews"}, "targetPort": 9080})
        );
        assert_eq!(
            reviews_service(json!({"name": "reviews"}), [9080, 9080, 8080]),
            json!({"selector": {"app": "reviews"}, "targetPort": "http"}),
            "ports that differ are reached by the name every container port has"
        );
        assert_eq!(
            reviews_service(
                json!({"name": "reviews", "selector": {"app": "reviews", "tier": "web"}}),
                [9080; 3]
            )["selector"],
            json!({"app": "reviews", "tier": "web"}),
            "the user's own selector is kept (validation checks it picks them all)"
        );
    }

    #[test]
    fn unnamed_ports_of_a_multi_port_service_get_names() {
        let workflow = json!({"nodes": [{"id": "s", "type": "service", "data": {"name": "dns",
            "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53}, {"name": "port-80", "port": 8080}, {"port": 80}]}}]});
        let names = with_context(workflow, |cx| {
            let node = *cx.graph.at(0);
            let Some(NodeData::Service(data)) = node.data() else {
                panic!("service node")
            };
            listed_ports(cx, &node, data, ServiceType::ClusterIp)
                .into_iter()
                .map(|port| port.name.unwrap_or_default())
                .collect::<Vec<_>>()
        });
        assert_eq!(names, ["port-53", "port-53-tcp", "port-80", "port-80-tcp"]);
    }
}
