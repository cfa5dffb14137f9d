//! One builder per node kind, named as the kinds of [`crate::model::kinds`]: each turns a
//! node's data into its Kubernetes object.

mod configmap;
mod cronjob;
mod daemonset;
mod deployment;
mod hpa;
mod ingress;
mod job;
mod networkpolicy;
mod plugin;
mod pvc;
mod secret;
mod service;
mod serviceaccount;
mod statefulset;

pub(super) use service::target_ports;

use std::collections::BTreeSet;

use super::context::Context;
use super::object::Object;
use crate::graph::{GraphNode, WorkflowGraph};
use crate::model::NodeData;

/// Builds every node's object (in input order), plus the headless Services StatefulSets
/// need, and hands each to `emit` with its node's id (none for a generated object).
/// Nodes of unknown types are skipped; validation has warned about them.
pub(super) fn build<'a>(cx: &mut Context<'a>, mut emit: impl FnMut(Option<&'a str>, Object)) {
    let graph: &WorkflowGraph<'_> = cx.graph;
    let mut headless = BTreeSet::new();
    for (position, node) in graph.nodes().iter().enumerate() {
        build_node(cx, position, node, &mut headless, &mut emit);
    }
}

/// Builds the object of the node at `position` and, for a StatefulSet, the headless
/// Service it needs unless `headless` holds its (namespace, name) already (an earlier
/// StatefulSet generated it), handing each to `emit` as [`build`] does.
pub(super) fn build_node<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    headless: &mut BTreeSet<(String, String)>,
    emit: &mut impl FnMut(Option<&'a str>, Object),
) {
    let Some(data) = node.data() else { return };
    let object = match data {
        NodeData::Deployment(data) => deployment::deployment(cx, position, node, data),
        NodeData::StatefulSet(data) => statefulset::stateful_set(cx, position, node, data),
        NodeData::DaemonSet(data) => daemonset::daemon_set(cx, position, node, data),
        NodeData::Job(data) => job::job(cx, position, node, data),
        NodeData::CronJob(data) => cronjob::cron_job(cx, position, node, data),
        NodeData::Service(data) => service::service(cx, position, node, data),
        NodeData::Ingress(data) => ingress::ingress(cx, position, node, data),
        NodeData::ConfigMap(data) => configmap::config_map(cx, node, data),
        NodeData::Secret(data) => secret::secret(cx, node, data),
        NodeData::PersistentVolumeClaim(data) => pvc::persistent_volume_claim(cx, node, data),
        NodeData::Hpa(data) => hpa::horizontal_pod_autoscaler(cx, position, node, data),
        NodeData::NetworkPolicy(data) => networkpolicy::network_policy(cx, position, node, data),
        NodeData::Plugin(data) => plugin::custom_resource(cx, node, data),
        NodeData::ServiceAccount(data) => serviceaccount::service_account(cx, position, node, data),
        NodeData::Unknown(_) => None,
    };
    if let Some(object) = object {
        emit(Some(node.id()), object);
    }
    if let NodeData::StatefulSet(data) = data
        && let Some(service) = statefulset::headless_service(cx, node, data, headless)
    {
        emit(None, service);
    }
}

/// The (namespace, Service name) whose headless Service the StatefulSet `node` generates
/// when it is the first StatefulSet in input order to ask for it and no Service node has
/// that name.
pub(super) fn headless_key<'a>(node: &GraphNode<'a>) -> Option<(&'a str, &'a str)> {
    match node.data() {
        Some(NodeData::StatefulSet(data)) => statefulset::headless_key(node, data),
        _ => None,
    }
}
