//! Copies in Service, Ingress and HPA data that contradict the edges.
//!
//! On connect the UI copies link results into node data (`targetApp`, `_linkedDeployment`,
//! a path's `serviceName`, `servicePort` and `_linkedService`, an HPA's `scaleTargetName`,
//! `scaleTargetKind` and `_linkedTarget`) and does not update them on every rename or
//! delete. The edge is the source of truth, so a visible copy that disagrees with it is a
//! warning naming both. The designer never shows `_linked*` ids, so one that disagrees
//! with an edge changes nothing and is not reported; without an edge, one naming no node
//! at all is, since the visible copy beside it then refers to a deleted node, and so is a
//! Service's `targetApp` that still selects the workload whose edge was deleted.
//! Paths and messages are built only when something is reported. A copy that contradicts
//! an edge is fixed by writing what the edge says; one naming a deleted node is not (the
//! edge may be drawn again, or the copy cleared).

use crate::diagnostic::{Fix, PatchOperation};
use crate::graph::{GraphEdge, GraphNode, Relation, SELECTABLE_KINDS};
use crate::model::kinds::{HpaData, IngressData, ScaleTargetKind, ServiceData};
use crate::model::{FieldPath, IntOrString, NodeData, NodeKind, Wire};
use crate::validate::Context;

/// The edge that wins, described for messages: `edge "e1" selects deployment "api"`.
fn wins(edge: &GraphEdge<'_>, verb: &str, target: &GraphNode<'_>) -> String {
    format!("edge \"{}\" {verb} {}", edge.id(), target.describe())
}

pub(super) fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    match node.data() {
        Some(NodeData::Service(service)) => check_service(cx, position, node, service),
        Some(NodeData::Ingress(ingress)) => check_ingress(cx, position, node, ingress),
        Some(NodeData::Hpa(hpa)) => check_hpa(cx, position, node, hpa),
        _ => {}
    }
}

fn check_service(cx: &mut Context<'_>, position: usize, node: &GraphNode, service: &ServiceData) {
    let data = || node.data_path();
    let link = (&data as &dyn Fn() -> FieldPath, "_linkedDeployment");
    let consequence = || {
        let app = service.target_app.non_empty().unwrap_or_default();
        format!("targetApp \"{app}\" is not compiled and the Service selects no pods")
    };
    let gone = service.target_app.non_empty().map(|_| Gone {
        what: "the workload the Service selected",
        consequence: &consequence,
        hint: "connect the Service to a workload, or delete it",
    });
    let linked = linked(
        cx,
        node,
        position,
        (Relation::Selects, gone),
        link,
        &service.linked_deployment,
    );
    let Some(first) = linked else {
        still_selects(cx, node, service);
        return;
    };
    // A Service may select several workloads: a copy naming any of them is current (the
    // designer keeps the one connected last); else the first edge is the one named.
    let graph = cx.graph;
    let copied = service.target_app.non_empty();
    let (edge, target) = graph
        .outgoing(position)
        .filter(|(_, relation)| *relation == Relation::Selects)
        .map(|(edge, _)| (edge, graph.at(edge.target)))
        .find(|(_, target)| Some(target.name()) == copied)
        .unwrap_or(first);
    copied_name(
        cx,
        node,
        (&data, "targetApp"),
        &service.target_app,
        target,
        &|| wins(edge, "selects", target),
    );
}

/// Deleting a Service's edge clears its copies only when the other end is a Deployment
/// or StatefulSet; a DaemonSet's stay. Then `targetApp` still selects the pods of the
/// workload `_linkedDeployment` names, although the canvas shows no connection.
fn still_selects(cx: &mut Context<'_>, node: &GraphNode<'_>, service: &ServiceData) {
    let (Some(app), Some(id)) = (
        service.target_app.non_empty(),
        service.linked_deployment.non_empty(),
    ) else {
        return;
    };
    let Some(workload) = cx.graph.node(id) else {
        return;
    };
    // An explicit selector replaces `app: targetApp`.
    let has_selector = service.selector.get().is_some_and(|map| !map.is_empty());
    let selectable = workload
        .kind
        .is_some_and(|kind| SELECTABLE_KINDS.contains(&kind));
    if has_selector || !selectable || app != workload.name() {
        return;
    }
    let message = format!(
        "targetApp \"{app}\" still selects {}, whose edge was deleted: the Service routes to its pods although the canvas shows no connection",
        workload.describe()
    );
    cx.report(
        super::stale_link(node, node.data_path().key("targetApp"), message)
            .hint("draw the edge again to keep the Service, or clear targetApp"),
    );
}

fn check_ingress(cx: &mut Context<'_>, position: usize, node: &GraphNode, ingress: &IngressData) {
    let paths = ingress.paths.items();
    for (index, path) in paths.iter().enumerate() {
        let at = || node.data_path().key("paths").index(index);
        let link = (&at as &dyn Fn() -> FieldPath, "_linkedService");
        let route = Relation::Route { path: index };
        let gone = path.service_name.non_empty().map(|_| Gone {
            what: "the Service the path routed to",
            consequence: &|| "the path is left out".to_owned(),
            hint: "connect the path's handle to a Service, or delete the path",
        });
        let linked = linked(
            cx,
            node,
            position,
            (route, gone),
            link,
            &path.linked_service,
        );
        let Some((edge, target)) = linked else {
            continue;
        };
        let won = || wins(edge, "routes to", target);
        copied_name(
            cx,
            node,
            (&at, "serviceName"),
            &path.service_name,
            target,
            &won,
        );
        if let (Some(port), Some(NodeData::Service(service))) = (path.given_port(), target.data())
            && let Some(known) = service_port_mismatch(service, port)
        {
            let shown = match port {
                IntOrString::Int(number) => number.value().to_string(),
                IntOrString::String(text) => format!("\"{text}\""),
            };
            let message = format!(
                "servicePort {shown} is not a port of {} ({known}); {}",
                target.describe(),
                won()
            );
            cx.report(
                super::stale_link(node, at().key("servicePort"), message)
                    .hint(format!("set servicePort to one of: {known}")),
            );
        }
    }
}

fn check_hpa(cx: &mut Context<'_>, position: usize, node: &GraphNode, hpa: &HpaData) {
    let data = || node.data_path();
    let link = (&data as &dyn Fn() -> FieldPath, "_linkedTarget");
    let gone = hpa.scale_target_name.non_empty().map(|_| Gone {
        what: "the workload the HPA scaled",
        consequence: &|| "the HPA is left out".to_owned(),
        hint: "connect the HPA to a workload, or delete it",
    });
    let linked = linked(
        cx,
        node,
        position,
        (Relation::Scales, gone),
        link,
        &hpa.linked_target,
    );
    let Some((edge, target)) = linked else { return };
    let won = || wins(edge, "scales", target);
    copied_name(
        cx,
        node,
        (&data, "scaleTargetName"),
        &hpa.scale_target_name,
        target,
        &won,
    );
    let kind = match hpa.scale_target_kind.get() {
        Some(ScaleTargetKind::Deployment) => Some(NodeKind::Deployment),
        Some(ScaleTargetKind::StatefulSet) => Some(NodeKind::StatefulSet),
        None => None,
    };
    if let (Some(copied), Some(actual)) = (hpa.scale_target_kind.get(), target.kind)
        && kind != Some(actual)
    {
        let message = format!(
            "scaleTargetKind \"{copied}\" contradicts the edge: {}, which wins",
            won()
        );
        let wanted = actual.kubernetes_kind().unwrap_or_default();
        let at = data().key("scaleTargetKind");
        // Only the kinds the field can name; the copy is at a key, so no guard is needed.
        let fix = matches!(actual, NodeKind::Deployment | NodeKind::StatefulSet).then(|| {
            Fix::new(
                format!("Set scaleTargetKind to \"{wanted}\""),
                vec![PatchOperation::replace(&at, wanted)],
            )
        });
        cx.report(
            super::stale_link(node, at, message)
                .hint(format!("set scaleTargetKind to \"{wanted}\""))
                .fix(fix),
        );
    }
}

/// The ports of `service` when `port` is none of them, listed for the message.
fn service_port_mismatch(service: &ServiceData, port: &IntOrString) -> Option<String> {
    let listed = service.ports.items();
    let (numbers, names): (Vec<i64>, Vec<&str>) = if listed.is_empty() {
        (vec![service.port.int().unwrap_or(80)], Vec::new())
    } else {
        (
            listed.iter().filter_map(|p| p.port.int()).collect(),
            listed.iter().filter_map(|p| p.name.non_empty()).collect(),
        )
    };
    let matches = match port {
        IntOrString::Int(number) => numbers.contains(&number.value()),
        IntOrString::String(text) => match text.trim().parse::<i64>() {
            Ok(number) => numbers.contains(&number),
            Err(_) => names.contains(&text.trim()),
        },
    };
    if matches || numbers.is_empty() {
        return None;
    }
    let mut known: Vec<String> = numbers.iter().map(i64::to_string).collect();
    known.extend(names.iter().map(|name| format!("\"{name}\"")));
    Some(known.join(", "))
}

/// Where a copied field is: its parent's path (built on demand) and its key.
type Place<'f> = (&'f dyn Fn() -> FieldPath, &'static str);

/// A copied name (`targetApp`, `serviceName`, `scaleTargetName`) that differs from the
/// name of the node the edge points to.
fn copied_name(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    (parent, key): Place<'_>,
    field: &Wire<String>,
    target: &GraphNode<'_>,
    wins: &dyn Fn() -> String,
) {
    let Some(copied) = field.non_empty() else {
        return;
    };
    if target.name().is_empty() || copied == target.name() {
        return;
    }
    let message = format!(
        "{key} \"{copied}\" contradicts the edge: {}, which wins",
        wins()
    );
    let hint = format!(
        "reconnect the edge in the UI, or set {key} to \"{}\"",
        target.name()
    );
    let at = parent().key(key);
    let written = field.as_str().unwrap_or(copied);
    let fix = Fix::set_text(&at, key, written, target.name());
    cx.report(super::stale_link(node, at, message).hint(hint).fix(fix));
}

/// What compiling does without a node a visible copy still names (see
/// [`crate::graph::WorkflowGraph::links_a_gone_node`]).
struct Gone<'f> {
    /// The deleted node, as the copy's owner knew it.
    what: &'static str,
    /// What compiling leaves out because of it, written only when reported.
    consequence: &'f dyn Fn() -> String,
    /// How to repair it.
    hint: &'static str,
}

/// The first edge of `relation` leaving `position`, and the node it links to. Without
/// one, the `_linked*` copy at `link` is stale only when it names no node at all; `gone`
/// says what compiling then leaves out, when a visible copy beside the link names it.
fn linked<'a>(
    cx: &mut Context<'a>,
    node: &GraphNode<'_>,
    position: usize,
    (relation, gone): (Relation, Option<Gone<'_>>),
    link: Place<'_>,
    field: &Wire<String>,
) -> Option<(&'a GraphEdge<'a>, &'a GraphNode<'a>)> {
    let graph = cx.graph;
    let found = graph.outgoing(position).find(|(_, r)| *r == relation);
    let Some((edge, _)) = found else {
        dangling(cx, node, link, field, gone);
        return None;
    };
    Some((edge, graph.at(edge.target)))
}

fn dangling(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    (parent, key): Place<'_>,
    field: &Wire<String>,
    gone: Option<Gone<'_>>,
) {
    if !cx.graph.links_a_gone_node(field) {
        return;
    }
    let id = field.non_empty().unwrap_or_default();
    let (message, hint) = match gone {
        Some(gone) => (
            format!(
                "{key} \"{id}\" names no node of this workflow: {} was deleted, so {}",
                gone.what,
                (gone.consequence)()
            ),
            gone.hint,
        ),
        None => (
            format!("{key} \"{id}\" names no node of this workflow"),
            "reconnect the node in the UI, or clear the field",
        ),
    };
    cx.report(super::stale_link(node, parent().key(key), message).hint(hint));
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn copies_that_contradict_edges_are_stale() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "i", "type": "ingress", "data": {"name": "i", "paths": [
                              {"id": "p1", "serviceName": "web", "servicePort": 80, "_linkedService": "s"},
                              {"id": "p2", "serviceName": "old", "servicePort": 9090, "_linkedService": "gone"}]}},
                          {"id": "s", "type": "service", "data": {"name": "api", "port": 8080, "targetApp": "web", "_linkedDeployment": "w"}},
                          {"id": "a", "type": "deployment", "data": {"name": "api"}},
                          {"id": "w", "type": "deployment", "data": {"name": "web"}},
                          {"id": "h", "type": "hpa", "data": {"name": "h", "scaleTargetKind": "StatefulSet", "scaleTargetName": "web", "_linkedTarget": "w"}},
                          {"id": "h2", "type": "hpa", "data": {"name": "h2", "_linkedTarget": "node-404"}}],
                "edges": [{"id": "route", "source": "i", "target": "s", "sourceHandle": "p1"},
                          {"id": "sel", "source": "s", "target": "a"},
                          {"id": "scale", "source": "h", "target": "a"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "stale-link",
                    "/nodes/0/data/paths/0/serviceName".into(),
                    "i"
                ),
                (
                    "stale-link",
                    "/nodes/0/data/paths/0/servicePort".into(),
                    "i"
                ),
                (
                    "stale-link",
                    "/nodes/0/data/paths/1/_linkedService".into(),
                    "i"
                ),
                ("stale-link", "/nodes/1/data/targetApp".into(), "s"),
                ("stale-link", "/nodes/4/data/scaleTargetKind".into(), "h"),
                ("stale-link", "/nodes/4/data/scaleTargetName".into(), "h"),
                ("stale-link", "/nodes/5/data/_linkedTarget".into(), "h2"),
            ]
        );
        assert_eq!(
            found[3].message,
            "targetApp \"web\" contradicts the edge: edge \"sel\" selects deployment \"api\", which wins"
        );
        assert_eq!(
            found[1].message,
            "servicePort 80 is not a port of service \"api\" (8080); edge \"route\" routes to service \"api\""
        );
        assert_eq!(
            found[6].message,
            "_linkedTarget \"node-404\" names no node of this workflow"
        );
    }

    #[test]
    fn a_service_still_selecting_a_disconnected_workload_is_stale() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "s", "type": "service", "data": {"name": "agent", "targetApp": "agent", "_linkedDeployment": "d"}},
                          {"id": "d", "type": "daemonset", "data": {"name": "agent"}},
                          {"id": "cleared", "type": "service", "data": {"name": "web", "targetApp": "", "_linkedDeployment": "w"}},
                          {"id": "w", "type": "deployment", "data": {"name": "web"}},
                          {"id": "typed", "type": "service", "data": {"name": "other", "targetApp": "other", "_linkedDeployment": "w"}},
                          {"id": "chosen", "type": "service", "data": {"name": "sel", "targetApp": "agent", "selector": {"tier": "x"}, "_linkedDeployment": "d"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [("stale-link", "/nodes/0/data/targetApp".into(), "s")]
        );
        assert_eq!(
            found[0].message,
            "targetApp \"agent\" still selects daemonset \"agent\", whose edge was deleted: the Service routes to its pods although the canvas shows no connection"
        );
    }

    #[test]
    fn matching_copies_pass() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "s", "type": "service", "data": {"name": "web", "targetApp": "web", "_linkedDeployment": "w"}},
                          {"id": "w", "type": "deployment", "data": {"name": "web"}},
                          {"id": "s2", "type": "service", "data": {"name": "both", "targetApp": "web-v2", "_linkedDeployment": "w2"}},
                          {"id": "w2", "type": "deployment", "data": {"name": "web-v2"}}],
                "edges": [{"id": "sel", "source": "s", "target": "w"},
                          {"id": "sel2", "source": "s2", "target": "w"}, {"id": "sel3", "source": "s2", "target": "w2"}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
