//! Label keys and values: user `labels`, workload `podLabels` and `nodeSelector`, Service
//! `selector`, and NetworkPolicy `podSelector` and peer selectors. Kubernetes rejects the object when a
//! key is not a qualified name (optional DNS prefix and `/`, then at most 63 characters)
//! or a value is not a label value.

use super::{Check, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::GraphNode;
use crate::model::kinds::{PolicyRule, StringMap};
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::syntax::names;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidLabel],
    check: Check::Nodes(NodeKind::ALL, check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(data) = node.data() else { return };
    let at = |key: &str| node.data_path().key(key);
    if let Some(labels) = labels_of(data) {
        check_map(cx, node, labels, "labels", &|| at("labels"));
    }
    if let Some(fields) = data.container() {
        let maps = [
            (fields.pod_labels, "podLabels"),
            (fields.node_selector, "nodeSelector"),
        ];
        for (map, key) in maps {
            if let Some(map) = map {
                check_map(cx, node, map, key, &|| at(key));
            }
        }
    }
    match data {
        NodeData::Service(service) => {
            check_map(cx, node, &service.selector, "selector", &|| at("selector"));
        }
        NodeData::NetworkPolicy(policy) => {
            check_map(cx, node, &policy.pod_selector, "podSelector", &|| {
                at("podSelector")
            });
            check_rules(
                cx,
                node,
                "ingressRules",
                "from",
                policy.ingress_rules.items(),
            );
            check_rules(cx, node, "egressRules", "to", policy.egress_rules.items());
        }
        _ => {}
    }
}

/// The user `labels` of a node kind that has them.
fn labels_of(data: &NodeData) -> Option<&Wire<StringMap>> {
    Some(match data {
        NodeData::Service(d) => &d.labels,
        NodeData::Ingress(d) => &d.labels,
        NodeData::ConfigMap(d) => &d.labels,
        NodeData::Secret(d) => &d.labels,
        NodeData::PersistentVolumeClaim(d) => &d.labels,
        NodeData::Hpa(d) => &d.labels,
        NodeData::NetworkPolicy(d) => &d.labels,
        NodeData::ServiceAccount(d) => &d.labels,
        other => other.container()?.labels?,
    })
}

fn check_rules(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    list: &str,
    side: &str,
    rules: &[PolicyRule],
) {
    for (index, rule) in rules.iter().enumerate() {
        let peers = if side == "from" { &rule.from } else { &rule.to };
        for (number, peer) in peers.items().iter().enumerate() {
            let at = || {
                node.data_path()
                    .key(list)
                    .index(index)
                    .key(side)
                    .index(number)
            };
            check_map(cx, node, &peer.pod_selector, "podSelector", &|| {
                at().key("podSelector")
            });
            check_map(
                cx,
                node,
                &peer.namespace_selector,
                "namespaceSelector",
                &|| at().key("namespaceSelector"),
            );
        }
    }
}

/// Reports every invalid key and value of one map; `at` builds its path only on a problem.
fn check_map(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    map: &Wire<StringMap>,
    what: &str,
    at: &dyn Fn() -> FieldPath,
) {
    let Some(map) = map.get() else { return };
    for (key, value) in map {
        if let Err(problem) = names::qualified_name(key) {
            let message = format!("{what} key \"{key}\" is not a valid label key: {problem}");
            cx.report(
                node_problem(node, at().key(key.as_str()), Code::InvalidLabel, message)
                    .hint("use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.'"),
            );
        }
        if let Err(problem) = names::label_value(value) {
            let message = format!(
                "{what} value \"{value}\" of key \"{key}\" is not a valid label value: it {problem}"
            );
            cx.report(
                node_problem(node, at().key(key.as_str()), Code::InvalidLabel, message)
                    .hint("use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
            );
        }
    }
}

/// An `invalid-label` diagnostic about the value at `at`: every label, including the
/// `app` label a name becomes, is reported through it.
pub(super) fn invalid_label(
    node: &GraphNode<'_>,
    at: FieldPath,
    message: impl Into<String>,
) -> Diagnostic {
    node_problem(node, at, Code::InvalidLabel, message)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn every_label_map_is_checked() {
        let found = diagnostics_of(
            Code::InvalidLabel,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "a", "labels": {"tier": "front end", "ok": "yes"}}},
                          {"id": "s", "type": "service", "data": {"name": "s", "selector": {"bad key": "x"}}},
                          {"id": "ds", "type": "daemonset", "data": {"name": "ds", "nodeSelector": {"kubernetes.io/os": "-linux"}}},
                          {"id": "np", "type": "networkpolicy", "data": {"name": "np", "podSelector": {"/x": "y"},
                              "egressRules": [{"id": "r", "to": [{"type": "namespaceSelector", "namespaceSelector": {"team": "a b"}}]}]}},
                          {"id": "c", "type": "configmap", "data": {"name": "c", "labels": {"example.com/role": "cache"}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-label", "/nodes/0/data/labels/tier".into(), "d"),
                (
                    "invalid-label",
                    "/nodes/1/data/selector/bad key".into(),
                    "s"
                ),
                (
                    "invalid-label",
                    "/nodes/2/data/nodeSelector/kubernetes.io~1os".into(),
                    "ds"
                ),
                (
                    "invalid-label",
                    "/nodes/3/data/egressRules/0/to/0/namespaceSelector/team".into(),
                    "np"
                ),
                (
                    "invalid-label",
                    "/nodes/3/data/podSelector/~1x".into(),
                    "np"
                ),
            ]
        );
        assert!(
            found[0]
                .message
                .starts_with("labels value \"front end\" of key \"tier\"")
        );
    }

    #[test]
    fn pod_labels_and_node_selectors_of_every_kind_are_checked() {
        let found = diagnostics_of(
            Code::InvalidLabel,
            r#"{"nodes": [{"id": "d", "type": "daemonset", "data": {"name": "a", "podLabels": {"tier": "infra", "team": "-ops"}}},
                          {"id": "c", "type": "cronjob", "data": {"name": "c", "nodeSelector": {"pool": "batch jobs"}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-label", "/nodes/0/data/podLabels/team".into(), "d"),
                (
                    "invalid-label",
                    "/nodes/1/data/nodeSelector/pool".into(),
                    "c"
                ),
            ]
        );
    }
}
