//! Egress policies that leave no way to DNS. Once a policy restricts egress, pods may only
//! reach what its rules allow; a policy that allows, say, a database port but not port 53
//! leaves its pods unable to resolve any name, the database's included, which shows up
//! as timeouts far from the cause. A policy with no egress rule at all denies all egress,
//! which is a deliberate pattern, so only policies that allow something are checked.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::{PolicyPort, PolicyRule, PolicyType};
use crate::model::{IntOrString, NodeData, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::EgressWithoutDns],
    check: Check::Nodes(&[NodeKind::NetworkPolicy], check),
};

/// The port DNS servers listen on.
const DNS_PORT: i64 = 53;

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(NodeData::NetworkPolicy(policy)) = node.data() else {
        return;
    };
    let restricts_egress = policy.policy_types.items().contains(&PolicyType::Egress);
    let rules = policy.egress_rules.items();
    if !restricts_egress || rules.is_empty() || rules.iter().any(allows_dns) {
        return;
    }
    let message = format!(
        "{} restricts egress and allows no traffic to port {DNS_PORT}: the pods it selects cannot resolve names",
        node.describe()
    );
    cx.report(
        node_problem(
            node,
            node.data_path().key("egressRules"),
            Code::EgressWithoutDns,
            message,
        )
        .hint(
            "add an egress rule to port 53, UDP and TCP (for example to the kube-system namespace)",
        ),
    );
}

/// Whether a rule lets DNS through: it allows every port, or port 53 (by number or by
/// the usual names), whatever the peers (the DNS server's address is the cluster's).
fn allows_dns(rule: &PolicyRule) -> bool {
    let ports = rule.ports.items();
    ports.is_empty() || ports.iter().any(is_dns_port)
}

fn is_dns_port(port: &PolicyPort) -> bool {
    match port.port.get() {
        // A port entry without a port allows every port of its protocol.
        None => !port.port.is_invalid(),
        Some(IntOrString::Int(number)) => number.value() == DNS_PORT,
        Some(IntOrString::String(name)) => {
            matches!(name.trim(), "53" | "dns" | "dns-tcp" | "domain")
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn egress_rules_without_port_53_are_reported() {
        let found = diagnostics_of(
            Code::EgressWithoutDns,
            r#"{"nodes": [
                {"id": "db-only", "type": "networkpolicy", "data": {"name": "a", "policyTypes": ["Egress"],
                    "egressRules": [{"id": "r", "ports": [{"port": 5432}]}, {"id": "s", "ports": [{"port": "https"}]}]}},
                {"id": "with-dns", "type": "networkpolicy", "data": {"name": "b", "policyTypes": ["Ingress", "Egress"],
                    "egressRules": [{"id": "r", "ports": [{"port": 5432}]}, {"id": "d", "ports": [{"protocol": "UDP", "port": 53}]}]}},
                {"id": "all-ports", "type": "networkpolicy", "data": {"name": "c", "policyTypes": ["Egress"],
                    "egressRules": [{"id": "r", "to": [{"type": "namespaceSelector", "namespaceSelector": {"team": "a"}}]}]}},
                {"id": "deny-all", "type": "networkpolicy", "data": {"name": "d", "policyTypes": ["Egress"], "egressRules": []}},
                {"id": "ingress-only", "type": "networkpolicy", "data": {"name": "e", "policyTypes": ["Ingress"],
                    "egressRules": [{"id": "r", "ports": [{"port": 5432}]}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "egress-without-dns",
                "/nodes/0/data/egressRules".into(),
                "db-only"
            )]
        );
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Warning);
    }
}
