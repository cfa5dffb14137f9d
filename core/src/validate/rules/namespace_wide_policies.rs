//! A NetworkPolicy with no `output` edge and an empty `podSelector` selects every pod of
//! its namespace: a policy just dropped on the canvas (policy type Ingress, no rules)
//! denies all ingress to the namespace. The cluster accepts it: a warning.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::NamespaceWidePolicy],
    check: Check::Nodes(&[NodeKind::NetworkPolicy], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::NetworkPolicy(policy)) = node.data() else {
        return;
    };
    if graph
        .outgoing(position)
        .any(|(_, relation)| relation == Relation::PolicyTarget)
    {
        return;
    }
    // The compiler drops blank keys; a map of another type is reported by `field-types`.
    if policy.pod_selector.is_invalid()
        || policy
            .pod_selector
            .get()
            .is_some_and(|selector| selector.keys().any(|key| !key.trim().is_empty()))
    {
        return;
    }
    let message = format!(
        "{} is connected to no workload and its podSelector is empty: it applies to every pod of namespace \"{}\"",
        node.describe(),
        node.namespace()
    );
    cx.report(
        node_problem(
            node,
            node.data_path().key("podSelector"),
            Code::NamespaceWidePolicy,
            message,
        )
        .hint("connect the policy's output to the workloads it is for"),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn an_unconnected_policy_with_an_empty_selector_covers_the_namespace() {
        let found = diagnostics_of(
            Code::NamespaceWidePolicy,
            r#"{"nodes": [{"id": "fresh", "type": "networkpolicy", "data": {"name": "fresh", "namespace": "shop", "podSelector": {}, "policyTypes": ["Ingress"]}},
                          {"id": "absent", "type": "networkpolicy", "data": {"name": "absent", "policyTypes": ["Ingress"]}},
                          {"id": "labelled", "type": "networkpolicy", "data": {"name": "labelled", "podSelector": {"app": "web"}}},
                          {"id": "linked", "type": "networkpolicy", "data": {"name": "linked", "podSelector": {}}},
                          {"id": "d", "type": "deployment", "data": {"name": "web"}}],
                "edges": [{"id": "e1", "source": "linked", "target": "d", "sourceHandle": "output"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "namespace-wide-policy",
                    "/nodes/0/data/podSelector".into(),
                    "fresh"
                ),
                (
                    "namespace-wide-policy",
                    "/nodes/1/data/podSelector".into(),
                    "absent"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "networkpolicy \"fresh\" is connected to no workload and its podSelector is empty: it applies to every pod of namespace \"shop\""
        );
    }
}
