//! Copies the UI keeps in node data that contradict the edges: one rule, owning
//! `stale-link`, over the copies of Service, Ingress and HPA links ([`links`]), of
//! workload mounts ([`mounts`]) and of NetworkPolicy links ([`policies`]).

mod links;
mod mounts;
mod policies;

use super::{Check, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::GraphNode;
use crate::model::{FieldPath, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::StaleLink],
    check: Check::Nodes(KINDS, check),
};

/// The kinds that keep copies of links: the link sources and the workloads.
const KINDS: &[NodeKind] = &[
    NodeKind::Service,
    NodeKind::Ingress,
    NodeKind::Hpa,
    NodeKind::NetworkPolicy,
    NodeKind::Deployment,
    NodeKind::StatefulSet,
    NodeKind::DaemonSet,
    NodeKind::Job,
    NodeKind::CronJob,
];

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    match node.kind {
        Some(NodeKind::Service | NodeKind::Ingress | NodeKind::Hpa) => {
            links::check(cx, position, node);
        }
        Some(NodeKind::NetworkPolicy) => policies::check(cx, position, node),
        Some(kind) if kind.is_workload() => mounts::check(cx, position, node),
        _ => {}
    }
}

/// A `stale-link` diagnostic about the copy at `at`.
fn stale_link(node: &GraphNode<'_>, at: FieldPath, message: impl Into<String>) -> Diagnostic {
    node_problem(node, at, Code::StaleLink, message)
}
