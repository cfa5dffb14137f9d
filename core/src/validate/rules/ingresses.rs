//! Ingresses: at least one routable path, a certificate Secret when TLS is on, and no
//! `kubernetes.io/ingress.class` annotation naming another class than `ingressClassName`
//! (the API server rejects the Ingress).
//!
//! A path routes when an edge leaves from its handle to a Service, or (for graphs without
//! edges) it names a service and a port. An Ingress with no routable path serves only
//! 404s (an error); a path that routes nowhere among others is left out (a warning of its own).

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::kinds::{IngressData, IngressPath};
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::IngressWithoutBackend,
        Code::PathWithoutBackend,
        Code::TlsWithoutSecret,
        Code::IngressClassConflict,
    ],
    check: Check::Nodes(&[NodeKind::Ingress], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::Ingress(ingress)) = node.data() else {
        return;
    };
    let at = |key: &str| node.data_path().key(key);
    if ingress.tls_enabled.is_true() && ingress.tls_secret_name.non_empty().is_none() {
        let message = format!("{} enables TLS without a tlsSecretName", node.describe());
        cx.report(
            node_problem(node, at("tlsSecretName"), Code::TlsWithoutSecret, message)
                .hint("name the Secret holding the certificate, or turn TLS off"),
        );
    }
    check_class(cx, node, ingress);
    let paths = ingress.paths.items();
    let mut routed = vec![false; paths.len()];
    for (_, relation) in graph.outgoing(position) {
        if let Relation::Route { path } = relation {
            routed[path] = true;
        }
    }
    // A copy naming a deleted Service routes nowhere; stale-link says so and why.
    let copies_gone = |path: &IngressPath| {
        path.service_name.non_empty().is_some() && graph.path_service(path).is_none()
    };
    for (index, path) in paths.iter().enumerate() {
        routed[index] |= graph.path_service(path).is_some() && path.given_port().is_some();
    }
    if !routed.contains(&true) {
        let message = format!(
            "{} has no path that routes to a Service; it would serve only 404s",
            node.describe()
        );
        cx.report(
            node_problem(node, at("paths"), Code::IngressWithoutBackend, message)
                .hint("connect a path's handle to a Service"),
        );
        return;
    }
    for (index, path) in paths.iter().enumerate() {
        if routed[index] || copies_gone(path) {
            continue;
        }
        let shown = path.path.as_str().unwrap_or_default();
        let message = format!(
            "path \"{shown}\" of {} routes nowhere and is left out",
            node.describe()
        );
        cx.report(
            node_problem(
                node,
                at("paths").index(index),
                Code::PathWithoutBackend,
                message,
            )
            .hint("connect the path's handle to a Service, or delete the path"),
        );
    }
}

/// The deprecated class annotation, which the API server compares with the class field.
const CLASS_ANNOTATION: &str = "kubernetes.io/ingress.class";

/// Both class fields set and different: the API server refuses the Ingress. The class is
/// compared as compiled (trimmed), the annotation as written.
fn check_class(cx: &mut Context<'_>, node: &GraphNode<'_>, ingress: &IngressData) {
    let Some(class) = ingress.ingress_class_name.non_empty() else {
        return;
    };
    let Some(annotated) = ingress
        .annotations
        .get()
        .and_then(|annotations| annotations.get(CLASS_ANNOTATION))
    else {
        return;
    };
    if annotated == class {
        return;
    }
    let message = format!(
        "{} has ingressClassName \"{class}\" but its {CLASS_ANNOTATION} annotation says \"{annotated}\"; Kubernetes rejects the Ingress",
        node.describe()
    );
    let at = node.data_path().key("annotations").key(CLASS_ANNOTATION);
    cx.report(
        node_problem(node, at, Code::IngressClassConflict, message)
            .hint("delete the deprecated annotation and keep ingressClassName"),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn ingresses_need_a_backend_and_a_certificate() {
        let found = diagnostics_of(
            Code::IngressWithoutBackend,
            r#"{"nodes": [{"id": "none", "type": "ingress", "data": {"name": "none", "paths": [{"id": "p1", "path": "/"}], "tlsEnabled": true}},
                          {"id": "some", "type": "ingress", "data": {"name": "some", "paths": [
                              {"id": "p1", "path": "/"}, {"id": "p2", "path": "/old"}, {"id": "p3", "path": "/api", "serviceName": "api", "servicePort": 80}]}},
                          {"id": "empty", "type": "ingress", "data": {"name": "empty", "tlsEnabled": true, "tlsSecretName": "cert"}},
                          {"id": "s", "type": "service", "data": {"name": "web"}}],
                "edges": [{"id": "e1", "source": "some", "target": "s", "sourceHandle": "p1"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "ingress-without-backend",
                    "/nodes/0/data/paths".into(),
                    "none"
                ),
                (
                    "tls-without-secret",
                    "/nodes/0/data/tlsSecretName".into(),
                    "none"
                ),
                (
                    "path-without-backend",
                    "/nodes/1/data/paths/1".into(),
                    "some"
                ),
                (
                    "ingress-without-backend",
                    "/nodes/2/data/paths".into(),
                    "empty"
                ),
            ]
        );
    }

    #[test]
    fn an_annotated_class_must_match_the_class_field() {
        let mut found = diagnostics_of(
            Code::IngressClassConflict,
            r#"{"nodes": [{"id": "a", "type": "ingress", "data": {"name": "a", "ingressClassName": "nginx", "annotations": {"kubernetes.io/ingress.class": "traefik"}}},
                          {"id": "b", "type": "ingress", "data": {"name": "b", "ingressClassName": " nginx ", "annotations": {"kubernetes.io/ingress.class": "nginx"}}},
                          {"id": "c", "type": "ingress", "data": {"name": "c", "ingressClassName": "", "annotations": {"kubernetes.io/ingress.class": "traefik"}}},
                          {"id": "d", "type": "ingress", "data": {"name": "d", "annotations": {"kubernetes.io/ingress.class": "traefik"}}}]}"#,
        );
        found.retain(|found| found.code == Code::IngressClassConflict);
        assert_eq!(
            summary(&found),
            [(
                "ingress-class-conflict",
                "/nodes/0/data/annotations/kubernetes.io~1ingress.class".into(),
                "a"
            )]
        );
        assert_eq!(
            found[0].message,
            "ingress \"a\" has ingressClassName \"nginx\" but its kubernetes.io/ingress.class annotation says \"traefik\"; Kubernetes rejects the Ingress"
        );
    }
}
