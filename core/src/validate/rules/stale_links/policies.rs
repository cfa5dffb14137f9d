//! NetworkPolicy copies that contradict the policy's edges.
//!
//! Edges from the `output` handle select the pods the policy applies to; edges from a rule
//! handle add peers to that rule. The UI copies these into `_linkedWorkloads`, the
//! `podSelector` (`app: <name>`) and each peer's `_linkedWorkload` and `podSelector`. Once
//! edges exist they win, so a visible selector naming another workload is stale. The
//! designer never shows the `_linked*` ids and nothing reads them: they are not checked
//! (a canvas import renames node ids but not these, which would give one warning each).
//! A selector copy linked to one workload is fixed by naming that workload.

use crate::diagnostic::Fix;
use crate::graph::{GraphNode, Relation, RuleRef};
use crate::model::kinds::{NetworkPolicyData, StringMap};
use crate::model::{FieldPath, NodeData, Wire};
use crate::validate::Context;

pub(super) fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::NetworkPolicy(policy)) = node.data() else {
        return;
    };
    let mut targets = Vec::new();
    let mut peers: Vec<(RuleRef, &GraphNode<'_>)> = Vec::new();
    for (edge, relation) in graph.outgoing(position) {
        match relation {
            Relation::PolicyTarget => targets.push(graph.at(edge.target)),
            Relation::PolicyPeer(rule) => peers.push((rule, graph.at(edge.target))),
            _ => {}
        }
    }
    selector(
        cx,
        node,
        &|| node.data_path().key("podSelector"),
        &policy.pod_selector,
        &targets,
    );
    check_peers(cx, node, policy, &peers);
}

fn check_peers(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    policy: &NetworkPolicyData,
    peers: &[(RuleRef, &GraphNode<'_>)],
) {
    for item in policy.peers() {
        let rule = RuleRef {
            direction: item.direction,
            index: item.rule,
        };
        let linked: Vec<&GraphNode<'_>> = peers
            .iter()
            .filter(|(at, _)| *at == rule)
            .map(|(_, target)| *target)
            .collect();
        let at = || item.path(node.data_path());
        let place = || at().key("podSelector");
        selector(cx, node, &place, &item.peer.pod_selector, &linked);
    }
}

/// A copied `app` selector that names none of the workloads the edges name.
fn selector(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    at: &dyn Fn() -> FieldPath,
    field: &Wire<StringMap>,
    linked: &[&GraphNode<'_>],
) {
    let Some(app) = field.get().and_then(|selector| selector.get("app")) else {
        return;
    };
    if linked.is_empty() || linked.iter().any(|target| target.name() == app.as_str()) {
        return;
    }
    let message = format!(
        "podSelector app \"{app}\" contradicts the edges, which name {}; the edges win",
        names(linked)
    );
    let place = at().key("app");
    let fix = match linked {
        [only] => Some(Fix::set_text(&place, "podSelector app", app, only.name())),
        _ => None,
    };
    cx.report(
        super::stale_link(node, place, message)
            .hint("reconnect the workload in the UI to refresh the selector")
            .fix(fix),
    );
}

fn names(nodes: &[&GraphNode<'_>]) -> String {
    let described: Vec<String> = nodes.iter().map(|node| node.describe()).collect();
    described.join(", ")
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn policy_copies_must_agree_with_policy_edges() {
        let found = diagnostics_of(
            Code::StaleLink,
            r#"{"nodes": [{"id": "np", "type": "networkpolicy", "data": {"name": "np",
                              "podSelector": {"app": "old"}, "_linkedWorkloads": ["a", "node-404"],
                              "ingressRules": [{"id": "r1", "from": [
                                  {"id": "p1", "type": "podSelector", "podSelector": {"app": "a"}, "_linkedWorkload": "a"},
                                  {"id": "p2", "type": "podSelector", "_linkedWorkload": "gone"}]}]}},
                          {"id": "a", "type": "deployment", "data": {"name": "a"}},
                          {"id": "b", "type": "deployment", "data": {"name": "b"}}],
                "edges": [{"id": "e1", "source": "np", "target": "b", "sourceHandle": "output"},
                          {"id": "e2", "source": "np", "target": "b", "sourceHandle": "r1"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "stale-link",
                    "/nodes/0/data/ingressRules/0/from/0/podSelector/app".into(),
                    "np"
                ),
                ("stale-link", "/nodes/0/data/podSelector/app".into(), "np"),
            ]
        );
        assert_eq!(
            found[0].message,
            "podSelector app \"a\" contradicts the edges, which name deployment \"b\"; the edges win"
        );
    }
}
