//! NetworkPolicies: policy types listed (rules of an unlisted direction are ignored by
//! Kubernetes), every peer carrying what its type needs, and IP blocks with valid CIDRs
//! (IPv4 or IPv6) whose every `except` lies inside the `cidr`.
//!
//! A `podSelector` peer gets its selector from a workload connected to the rule's handle
//! (or the `_linkedWorkload` copy) when it has none of its own; with neither it selects
//! every pod of the namespace, which is valid and only noted.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation, RuleRef};
use crate::model::kinds::{IpBlock, NetworkPolicyData, Peer, PeerType, PolicyType, StringMap};
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::syntax::cidr::{Cidr, parse_cidr};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::AllPodsPeer,
        Code::InvalidCidr,
        Code::IgnoredPolicyRules,
        Code::InvalidPeer,
        Code::MissingPolicyTypes,
    ],
    check: Check::Nodes(&[NodeKind::NetworkPolicy], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::NetworkPolicy(policy)) = node.data() else {
        return;
    };
    policy_types(cx, node, policy);
    let linked: Vec<RuleRef> = graph
        .outgoing(position)
        .filter_map(|(_, relation)| match relation {
            Relation::PolicyPeer(rule) => Some(rule),
            _ => None,
        })
        .collect();
    for item in policy.peers() {
        let rule = RuleRef {
            direction: item.direction,
            index: item.rule,
        };
        let at = || item.path(node.data_path());
        check_peer(cx, node, item.peer, linked.contains(&rule), &at);
    }
}

fn policy_types(cx: &mut Context<'_>, node: &GraphNode<'_>, policy: &NetworkPolicyData) {
    let at = || node.data_path().key("policyTypes");
    if policy.policy_types.is_invalid() {
        return;
    }
    let types = policy.policy_types.items();
    if types.is_empty() {
        let message = format!("{} lists no policy types", node.describe());
        cx.report(
            node_problem(node, at(), Code::MissingPolicyTypes, message)
                .hint("list `Ingress`, `Egress` or both"),
        );
        return;
    }
    let rules = [
        (
            PolicyType::Ingress,
            "ingressRules",
            policy.ingress_rules.items().len(),
        ),
        (
            PolicyType::Egress,
            "egressRules",
            policy.egress_rules.items().len(),
        ),
    ];
    for (direction, key, count) in rules {
        if count > 0 && !types.contains(&direction) {
            let message = format!("{key} are ignored: policyTypes does not list {direction}");
            cx.report(
                node_problem(node, at(), Code::IgnoredPolicyRules, message).hint(format!(
                    "add `{direction}` to policyTypes, or delete the rules"
                )),
            );
        }
    }
}

fn check_peer(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    peer: &Peer,
    has_edge: bool,
    at: &dyn Fn() -> FieldPath,
) {
    let filled = |map: &Wire<StringMap>| map.get().is_some_and(|map| !map.is_empty());
    let problem = match peer.implied_type() {
        None if peer.peer_type.is_invalid() => return,
        None => {
            let message = "peer has no type";
            cx.report(
                super::node_types::missing_field(node, at().key("type"), message)
                    .hint("set type to podSelector, namespaceSelector or ipBlock"),
            );
            return;
        }
        Some(PeerType::PodSelector) => {
            if filled(&peer.pod_selector) || has_edge || peer.linked_workload.non_empty().is_some()
            {
                return;
            }
            // Valid in Kubernetes: the empty selector `{}` compile writes is every pod.
            let message = "podSelector peer has no labels and no workload connected to its rule: it matches every pod of the policy's namespace";
            cx.report(
                node_problem(node, at().key("podSelector"), Code::AllPodsPeer, message).hint(
                    "connect a workload to the rule's handle, or give the peer pod labels, if not every pod is meant",
                ),
            );
            return;
        }
        Some(PeerType::NamespaceSelector) => {
            if filled(&peer.namespace_selector) {
                return;
            }
            (
                "namespaceSelector",
                "namespaceSelector peer has no namespace labels to match".to_owned(),
                "give the peer namespace labels, for example `kubernetes.io/metadata.name: shop`",
            )
        }
        Some(PeerType::IpBlock) => match peer.ip_block.get() {
            Some(block) => return ip_block(cx, node, block, &|| at().key("ipBlock")),
            None => (
                "ipBlock",
                "ipBlock peer has no IP block".to_owned(),
                "give the peer an ipBlock with a cidr such as `10.0.0.0/16`",
            ),
        },
    };
    let (key, message, hint) = problem;
    cx.report(node_problem(node, at().key(key), Code::InvalidPeer, message).hint(hint));
}

fn ip_block(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    block: &IpBlock,
    at: &dyn Fn() -> FieldPath,
) {
    let cidr = match block.cidr.non_empty() {
        Some(text) => parse(cx, node, text, "cidr", &|| at().key("cidr")),
        None if block.cidr.is_invalid() => None,
        None => {
            let message = "ipBlock has no cidr".to_owned();
            cx.report(
                node_problem(node, at().key("cidr"), Code::InvalidPeer, message)
                    .hint("set a range such as `10.0.0.0/16`"),
            );
            None
        }
    };
    for (index, text) in block.except.items().iter().enumerate() {
        let place = || at().key("except").index(index);
        let Some(except) = parse(cx, node, text.trim(), "except", &place) else {
            continue;
        };
        let Some(cidr) = cidr else { continue };
        if !cidr.contains(&except) || except.prefix_len() == cidr.prefix_len() {
            let message = format!(
                "except \"{}\" is not strictly inside cidr \"{cidr}\"; it would exclude nothing",
                text.trim()
            );
            cx.report(
                node_problem(node, place(), Code::InvalidCidr, message)
                    .hint("list only sub-ranges of the cidr, with a longer prefix"),
            );
        }
    }
}

fn parse(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    text: &str,
    key: &str,
    at: &dyn Fn() -> FieldPath,
) -> Option<Cidr> {
    match parse_cidr(text) {
        Ok(cidr) => Some(cidr),
        Err(problem) => {
            let message = format!("{key} \"{text}\" is not a valid CIDR: {problem}");
            cx.report(
                node_problem(node, at(), Code::InvalidCidr, message)
                    .hint("write `address/prefix`, for example `10.0.0.0/16` or `2001:db8::/32`"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::diagnostic::Severity;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn policy_types_peers_and_cidrs_are_checked() {
        let found = diagnostics_of(
            Code::InvalidCidr,
            r#"{"nodes": [{"id": "a", "type": "networkpolicy", "data": {"policyTypes": [], "ingressRules": [{"id": "r1", "from": [
                              {"type": "podSelector"},
                              {"type": "podSelector", "_linkedWorkload": "d"},
                              {"type": "namespaceSelector"},
                              {"type": "ipBlock"},
                              {"type": "ipBlock", "ipBlock": {"cidr": "10.0.0.0/33", "except": ["10.1.0.0/24"]}},
                              {"type": "ipBlock", "ipBlock": {"cidr": "10.0.0.0/16", "except": ["10.1.0.0/24", "10.0.5.0/24", "2001:db8::/64", "10.0.0.0/16"]}},
                              {},
                              {"podSelector": {"app": "d"}, "_linkedWorkload": "d"},
                              {"namespaceSelector": {}}]}]}},
                          {"id": "b", "type": "networkpolicy", "data": {"policyTypes": ["Ingress"],
                              "egressRules": [{"id": "r2", "to": [{"type": "podSelector"}]}]}},
                          {"id": "d", "type": "deployment", "data": {"name": "d"}}],
                "edges": [{"id": "e", "source": "b", "target": "d", "sourceHandle": "r2"}]}"#,
        );
        let peer = |n: usize, rest: &str| format!("/nodes/0/data/ingressRules/0/from/{n}{rest}");
        assert_eq!(
            summary(&found),
            [
                ("all-pods-peer", peer(0, "/podSelector"), "a"),
                ("invalid-peer", peer(2, "/namespaceSelector"), "a"),
                ("invalid-peer", peer(3, "/ipBlock"), "a"),
                ("invalid-cidr", peer(4, "/ipBlock/cidr"), "a"),
                ("invalid-cidr", peer(5, "/ipBlock/except/0"), "a"),
                ("invalid-cidr", peer(5, "/ipBlock/except/2"), "a"),
                ("invalid-cidr", peer(5, "/ipBlock/except/3"), "a"),
                ("missing-field", peer(6, "/type"), "a"),
                ("invalid-peer", peer(8, "/namespaceSelector"), "a"),
                (
                    "missing-policy-types",
                    "/nodes/0/data/policyTypes".into(),
                    "a"
                ),
                (
                    "ignored-policy-rules",
                    "/nodes/1/data/policyTypes".into(),
                    "b"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[4].message,
            "except \"10.1.0.0/24\" is not strictly inside cidr \"10.0.0.0/16\"; it would exclude nothing"
        );
    }
}
