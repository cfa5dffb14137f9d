//! Edges outside the connection table, and edges leaving from a handle the source lacks.
//!
//! Only the pairs in [`graph::ALLOWED_CONNECTIONS`] mean something; any other edge would be
//! ignored silently. Ingress edges must leave from a path and policy edges from `output` or
//! a rule; an edge left behind by a removed path or rule stands for nothing and is ignored
//! with a warning. Edges touching a node of an
//! unknown type are left to the `node-types` rule: that node is left out anyway.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Fix};
use crate::graph::{self, EdgeProblem, GraphEdge, GraphNode};
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, edge_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::ForbiddenConnection, Code::UnknownHandle],
    check: Check::Keyed(check, recheck),
};

fn check(cx: &mut Context<'_>) {
    for position in 0..cx.graph.edges().len() {
        check_edge(cx, position);
    }
}

fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    super::recheck_edges(cx, change, redo, check_edge);
}

/// The edge at `position` in the graph's edges, unless it is a relation.
fn check_edge(cx: &mut Context<'_>, position: usize) {
    let graph = cx.graph;
    let edge = &graph.edges()[position];
    let (source, target) = (graph.at(edge.source), graph.at(edge.target));
    match (graph.relation(position), source.kind, target.kind) {
        (Err(EdgeProblem::Forbidden), Some(kind), Some(_)) => {
            forbidden(cx, edge, kind, (source, target));
        }
        (Err(EdgeProblem::UnknownHandle(handle)), _, _) => {
            unknown_handle(cx, edge, source, handle.as_deref());
        }
        _ => {}
    }
}

fn forbidden(
    cx: &mut Context<'_>,
    edge: &GraphEdge<'_>,
    kind: NodeKind,
    (source, target): (&GraphNode, &GraphNode),
) {
    let allowed: Vec<&str> = graph::allowed_targets(kind)
        .iter()
        .map(|kind| kind.as_str())
        .collect();
    let may = if allowed.is_empty() {
        format!("{kind} nodes are not the source of any connection")
    } else {
        format!("{kind} nodes may connect only to {}", allowed.join(", "))
    };
    let message = format!(
        "{} cannot connect to {}: {may}",
        source.describe(),
        target.describe()
    );
    let hint = match (source.kind, target.kind) {
        (Some(NodeKind::Secret), Some(NodeKind::ServiceAccount)) => {
            "only a Secret of type kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg \
             connects to a serviceaccount (as an image pull secret)"
        }
        (Some(NodeKind::ServiceAccount), _) | (_, Some(NodeKind::ServiceAccount)) => {
            "connect a serviceaccount to the workloads whose pods run as it, and a registry \
             Secret to the serviceaccount, or delete the edge"
        }
        _ => {
            "connect through the right kind (ingress → service → workload; configmap, secret, \
             pvc, hpa or networkpolicy → workload) or delete the edge"
        }
    };
    cx.report(edge_problem(edge, "target", Code::ForbiddenConnection, message).hint(hint));
}

fn unknown_handle(
    cx: &mut Context<'_>,
    edge: &GraphEdge<'_>,
    source: &GraphNode,
    handle: Option<&str>,
) {
    let (what, ids): (&str, Vec<&str>) = match source.data() {
        Some(NodeData::Ingress(ingress)) => (
            "one of its paths",
            ingress
                .paths
                .items()
                .iter()
                .filter_map(|p| p.id.as_str())
                .collect(),
        ),
        Some(NodeData::NetworkPolicy(policy)) => (
            "`output` or one of its rules",
            policy
                .ingress_rules
                .items()
                .iter()
                .chain(policy.egress_rules.items())
                .filter_map(|rule| rule.id.as_str())
                .collect(),
        ),
        _ => ("a handle of the node", Vec::new()),
    };
    let named = match handle {
        Some(handle) => format!("from handle \"{handle}\""),
        None => "without a sourceHandle".to_owned(),
    };
    let known = if ids.is_empty() {
        String::new()
    } else {
        format!(" (known ids: {})", ids.join(", "))
    };
    let message = format!(
        "edge leaves {} {named}, which is not {what}{known}; the edge is ignored",
        source.describe()
    );
    cx.report(
        edge_problem(edge, "sourceHandle", Code::UnknownHandle, message).hint(
            "the path or rule was probably removed and the canvas no longer shows the edge: \
             delete the edge from the workflow JSON, or re-add the path or rule and connect it again",
        )
        .fix(Fix::delete_edge(edge.index, edge.edge.id.as_str())),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn forbidden_pairs_list_what_the_source_may_connect_to() {
        let found = diagnostics_of(
            Code::ForbiddenConnection,
            r#"{"nodes": [{"id": "i", "type": "ingress", "data": {"name": "edge", "paths": [{"id": "p1"}]}},
                          {"id": "d", "type": "deployment", "data": {"name": "app"}},
                          {"id": "s", "type": "service", "data": {"name": "app"}},
                          {"id": "w", "type": "webhook", "data": {}}],
                "edges": [{"id": "e1", "source": "i", "target": "d", "sourceHandle": "p1"},
                          {"id": "e2", "source": "d", "target": "s"},
                          {"id": "e3", "source": "w", "target": "d"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("forbidden-connection", "/edges/0/target".into(), "e1"),
                ("forbidden-connection", "/edges/1/target".into(), "e2"),
            ]
        );
        assert_eq!(
            found[0].message,
            "ingress \"edge\" cannot connect to deployment \"app\": ingress nodes may connect only to service"
        );
        assert!(
            found[1]
                .message
                .contains("not the source of any connection")
        );
    }

    /// A registry Secret connects to a ServiceAccount (as its pull secret) and a
    /// ServiceAccount to any workload; another Secret, or an account pointed elsewhere,
    /// does not, and the hint says what does.
    #[test]
    fn service_accounts_take_registry_secrets_and_reach_workloads() {
        let found = diagnostics_of(
            Code::ForbiddenConnection,
            r#"{"nodes": [{"id": "sa", "type": "serviceaccount", "data": {"name": "api"}},
                          {"id": "reg", "type": "secret", "data": {"name": "ghcr", "secretType": "kubernetes.io/dockercfg"}},
                          {"id": "env", "type": "secret", "data": {"name": "env", "secretType": "Opaque"}},
                          {"id": "c", "type": "cronjob", "data": {"name": "report"}},
                          {"id": "svc", "type": "service", "data": {"name": "api"}}],
                "edges": [{"id": "e1", "source": "reg", "target": "sa"},
                          {"id": "e2", "source": "sa", "target": "c"},
                          {"id": "e3", "source": "env", "target": "sa"},
                          {"id": "e4", "source": "sa", "target": "svc"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("forbidden-connection", "/edges/2/target".into(), "e3"),
                ("forbidden-connection", "/edges/3/target".into(), "e4"),
            ]
        );
        let hint = found[0].hint.as_deref().unwrap_or_default();
        assert!(hint.contains("kubernetes.io/dockerconfigjson"), "{hint}");
        assert!(
            found[1].message.ends_with(
                "serviceaccount nodes may connect only to deployment, statefulset, job, cronjob, daemonset"
            ),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn handles_must_name_a_path_or_rule() {
        let found = diagnostics_of(
            Code::ForbiddenConnection,
            r#"{"nodes": [{"id": "i", "type": "ingress", "data": {"name": "edge", "paths": [{"id": "p1"}]}},
                          {"id": "s", "type": "service", "data": {"name": "app"}},
                          {"id": "d", "type": "deployment", "data": {"name": "app"}},
                          {"id": "np", "type": "networkpolicy", "data": {"name": "np", "ingressRules": [{"id": "r1"}]}}],
                "edges": [{"id": "e1", "source": "i", "target": "s", "sourceHandle": "p9"},
                          {"id": "e2", "source": "i", "target": "s"},
                          {"id": "e3", "source": "np", "target": "d", "sourceHandle": "r2"},
                          {"id": "e4", "source": "np", "target": "d", "sourceHandle": "r1"},
                          {"id": "e5", "source": "np", "target": "d", "sourceHandle": "output"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("unknown-handle", "/edges/0/sourceHandle".into(), "e1"),
                ("unknown-handle", "/edges/1/sourceHandle".into(), "e2"),
                ("unknown-handle", "/edges/2/sourceHandle".into(), "e3"),
            ]
        );
        assert!(found[0].message.contains("\"p9\""), "{}", found[0].message);
        assert!(
            found[0].message.contains("known ids: p1"),
            "{}",
            found[0].message
        );
        assert!(found[2].message.contains("`output` or one of its rules"));
        assert!(
            found
                .iter()
                .all(|diagnostic| diagnostic.severity == Severity::Warning)
        );
    }
}
