//! NetworkPolicies, with every rule, peer and port of the node.
//!
//! The reference rendered no rules at all (its template read capitalised keys the UI never
//! writes), which Kubernetes reads as "allow everything" for the listed directions. Here
//! each rule, peer and port is mapped, and the edges add the rest:
//!
//! - `output` edges pick the pods the policy applies to: one workload gives its selector,
//!   several the labels their selectors share plus `In` for the keys whose values differ
//!   (`app In [<names>]` for default selectors; the reference kept only the last). Without
//!   such edges, the node's `podSelector` map (empty = every pod).
//! - An edge from a rule's handle makes the workload a peer of that rule (`from` for
//!   ingress rules, `to` for egress rules), replacing the peer the UI copied for it.

use std::collections::BTreeMap;

use k8s_openapi::api::networking::v1::{
    IPBlock, NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer,
    NetworkPolicyPort, NetworkPolicySpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, LabelSelectorRequirement};

use crate::compile::context::Context;
use crate::compile::metadata::{Role, label_selector, owned, selector_of, string_map};
use crate::compile::object::Object;
use crate::graph::labels::{Selector, set_selector};
use crate::graph::{GraphNode, Relation, RuleRef};
use crate::model::FieldPath;
use crate::model::kinds::{NetworkPolicyData, Peer, PeerType, PolicyRule, PolicyType};

/// A `networking.k8s.io/v1` NetworkPolicy node.
pub(super) fn network_policy<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &NetworkPolicyData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let mut targets: Vec<Selector<'a>> = cx
        .targets(position, |relation| {
            (relation == Relation::PolicyTarget).then_some(())
        })
        .iter()
        .map(|(_, workload)| selector_of(workload))
        .collect();
    targets.sort_unstable();
    targets.dedup();
    let pod_selector = if targets.is_empty() {
        LabelSelector {
            match_labels: string_map(&data.pod_selector),
            match_expressions: None,
        }
    } else {
        let set = set_selector(&targets);
        if set.is_empty() {
            // It would select every pod of the namespace; validation refuses it.
            cx.skip(node, node.data_path().key("podSelector"));
            return None;
        }
        LabelSelector {
            match_labels: (!set.labels.is_empty()).then(|| owned(&set.labels)),
            match_expressions: (!set.among.is_empty()).then(|| {
                set.among
                    .iter()
                    .map(|(key, values)| LabelSelectorRequirement {
                        key: (*key).to_owned(),
                        operator: "In".to_owned(),
                        values: Some(values.iter().map(|value| (*value).to_owned()).collect()),
                    })
                    .collect()
            }),
        }
    };
    let mut linked: BTreeMap<RuleRef, Vec<GraphNode<'a>>> = BTreeMap::new();
    for (rule, workload) in cx.targets(position, |relation| match relation {
        Relation::PolicyPeer(rule) => Some(rule),
        _ => None,
    }) {
        let peers = linked.entry(rule).or_default();
        if !peers.iter().any(|known| known.id() == workload.id()) {
            peers.push(workload);
        }
    }
    let mut rules = |direction: PolicyType, list: &[PolicyRule], key: &str| {
        list.iter()
            .enumerate()
            .map(|(index, rule)| {
                let workloads = linked
                    .get(&RuleRef { direction, index })
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let at = node.data_path().key(key).index(index);
                let peers_key = if direction == PolicyType::Ingress {
                    "from"
                } else {
                    "to"
                };
                let given = if direction == PolicyType::Ingress {
                    &rule.from
                } else {
                    &rule.to
                };
                let peers = peers(
                    cx,
                    node,
                    given.items(),
                    workloads,
                    at.clone().key(peers_key),
                );
                (peers, ports(cx, node, rule, &at))
            })
            .collect::<Vec<_>>()
    };
    let ingress: Vec<NetworkPolicyIngressRule> = rules(
        PolicyType::Ingress,
        data.ingress_rules.items(),
        "ingressRules",
    )
    .into_iter()
    .map(|(from, ports)| NetworkPolicyIngressRule { from, ports })
    .collect();
    let egress: Vec<NetworkPolicyEgressRule> =
        rules(PolicyType::Egress, data.egress_rules.items(), "egressRules")
            .into_iter()
            .map(|(to, ports)| NetworkPolicyEgressRule { to, ports })
            .collect();
    let mut policy_types: Vec<String> = Vec::new();
    for policy_type in data.policy_types.items() {
        let policy_type = policy_type.as_str().to_owned();
        if !policy_types.contains(&policy_type) {
            policy_types.push(policy_type);
        }
    }
    Some(Object::NetworkPolicy(Box::new(NetworkPolicy {
        metadata: cx
            .labels
            .meta(name, node.namespace(), Role::Plain, Some(&data.labels)),
        spec: Some(NetworkPolicySpec {
            pod_selector: Some(pod_selector),
            policy_types: (!policy_types.is_empty()).then_some(policy_types),
            ingress: (!ingress.is_empty()).then_some(ingress),
            egress: (!egress.is_empty()).then_some(egress),
        }),
    })))
}

/// The peers of one rule: each drawn peer, the one the UI copied for a linked workload
/// replaced by `podSelector: {app: <name>}`, and linked workloads without a copy added.
/// `None` (all peers) only when the rule has none at all, as on the canvas.
fn peers(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    given: &[Peer],
    workloads: &[GraphNode<'_>],
    at: FieldPath,
) -> Option<Vec<NetworkPolicyPeer>> {
    let mut used = vec![false; workloads.len()];
    let mut peers = Vec::with_capacity(given.len() + workloads.len());
    for (index, peer) in given.iter().enumerate() {
        let linked = peer
            .linked_workload
            .non_empty()
            .and_then(|id| workloads.iter().position(|workload| workload.id() == id));
        if let Some(position) = linked {
            used[position] = true;
            peers.push(workload_peer(&workloads[position]));
        } else if let Some(peer) = drawn_peer(peer) {
            peers.push(peer);
        } else {
            cx.skip(node, at.clone().index(index));
        }
    }
    for (workload, used) in workloads.iter().zip(used) {
        if !used {
            peers.push(workload_peer(workload));
        }
    }
    (!peers.is_empty()).then_some(peers)
}

/// The peer for a linked workload's pods: its selector.
fn workload_peer(workload: &GraphNode<'_>) -> NetworkPolicyPeer {
    NetworkPolicyPeer {
        pod_selector: Some(label_selector(&selector_of(workload))),
        ..NetworkPolicyPeer::default()
    }
}

/// A peer as drawn: the selector or block its `type` names (every one given when the
/// type is missing). An empty selector map means "all" (`{}`), as in Kubernetes. `None`
/// when nothing usable is left (an IP block needs a CIDR).
fn drawn_peer(peer: &Peer) -> Option<NetworkPolicyPeer> {
    let selector = |map| LabelSelector {
        match_labels: string_map(map),
        match_expressions: None,
    };
    let ip_block = || {
        let block = peer.ip_block.get()?;
        Some(IPBlock {
            cidr: block.cidr.non_empty()?.to_owned(),
            except: {
                let except: Vec<String> = block
                    .except
                    .items()
                    .iter()
                    .map(|cidr| cidr.trim())
                    .filter(|cidr| !cidr.is_empty())
                    .map(str::to_owned)
                    .collect();
                (!except.is_empty()).then_some(except)
            },
        })
    };
    let result = match peer.implied_type() {
        Some(PeerType::PodSelector) => NetworkPolicyPeer {
            pod_selector: Some(selector(&peer.pod_selector)),
            ..NetworkPolicyPeer::default()
        },
        Some(PeerType::NamespaceSelector) => NetworkPolicyPeer {
            namespace_selector: Some(selector(&peer.namespace_selector)),
            ..NetworkPolicyPeer::default()
        },
        Some(PeerType::IpBlock) => NetworkPolicyPeer {
            ip_block: Some(ip_block()?),
            ..NetworkPolicyPeer::default()
        },
        None => NetworkPolicyPeer {
            pod_selector: peer
                .pod_selector
                .get()
                .map(|_| selector(&peer.pod_selector)),
            namespace_selector: peer
                .namespace_selector
                .get()
                .map(|_| selector(&peer.namespace_selector)),
            ip_block: ip_block(),
        },
    };
    let empty = result.pod_selector.is_none()
        && result.namespace_selector.is_none()
        && result.ip_block.is_none();
    (!empty).then_some(result)
}

/// The ports of a rule, protocol `TCP` unless given; a port without a number or name
/// allows every port of its protocol.
fn ports(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    rule: &PolicyRule,
    at: &FieldPath,
) -> Option<Vec<NetworkPolicyPort>> {
    let mut ports = Vec::with_capacity(rule.ports.items().len());
    for (index, port) in rule.ports.items().iter().enumerate() {
        let protocol = port
            .protocol
            .get()
            .map_or("TCP", |protocol| protocol.as_str());
        ports.push(NetworkPolicyPort {
            protocol: Some(protocol.to_owned()),
            port: cx.int_or_string(
                node,
                || at.clone().key("ports").index(index).key("port"),
                port.port.get(),
            ),
            end_port: None,
        });
    }
    (!ports.is_empty()).then_some(ports)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::compile::context::with_context;
    use crate::model::NodeData;

    #[test]
    fn a_header_linked_to_several_workloads_selects_them_all() {
        let workload = |id: &str| json!({"id": id, "type": "deployment", "data": {"name": id, "image": "nginx:1.27"}});
        let workflow = json!({
            "nodes": [
                {"id": "p", "type": "networkpolicy", "data": {"name": "p", "policyTypes": ["Ingress"],
                    "ingressRules": [{"id": "r1", "from": [
                        {"id": "x", "type": "podSelector", "podSelector": {"app": "stale"}, "_linkedWorkload": "web"},
                        {"id": "y", "type": "namespaceSelector", "namespaceSelector": {}}
                    ]}]}},
                workload("web"), workload("api"), workload("batch")
            ],
            "edges": [
                {"id": "1", "source": "p", "target": "web", "sourceHandle": "output"},
                {"id": "2", "source": "p", "target": "api"},
                {"id": "3", "source": "p", "target": "web", "sourceHandle": "r1"},
                {"id": "4", "source": "p", "target": "batch", "sourceHandle": "r1"}
            ]
        });
        let value = with_context(workflow, |cx| {
            let node = *cx.graph.at(0);
            let Some(NodeData::NetworkPolicy(data)) = node.data() else {
                panic!("policy node")
            };
            network_policy(cx, 0, &node, data)
                .expect("compiles")
                .to_value()
        });
        assert_eq!(
            value["spec"]["podSelector"],
            json!({"matchExpressions": [{"key": "app", "operator": "In", "values": ["api", "web"]}]})
        );
        assert_eq!(
            value["spec"]["ingress"][0]["from"],
            json!([
                {"podSelector": {"matchLabels": {"app": "web"}}},
                {"namespaceSelector": {}},
                {"podSelector": {"matchLabels": {"app": "batch"}}}
            ])
        );
    }
}
