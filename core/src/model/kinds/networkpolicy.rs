//! NetworkPolicy node data: rules, peers and ports.

use super::common::StringMap;
use super::service::Protocol;
use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{FieldPath, IntOrString};

wire_enum! {
    /// Directions a NetworkPolicy restricts.
    pub enum PolicyType {
        /// Incoming traffic.
        "Ingress" => Ingress,
        /// Outgoing traffic.
        "Egress" => Egress,
    }
}

wire_enum! {
    /// What a peer selects.
    pub enum PeerType {
        /// Pods in the policy's namespace.
        "podSelector" => PodSelector,
        /// Pods in matching namespaces.
        "namespaceSelector" => NamespaceSelector,
        /// An IP range.
        "ipBlock" => IpBlock,
    }
}

wire_struct! {
    /// An IP range with holes.
    pub struct IpBlock {
        /// Range such as `10.0.0.0/16`.
        "cidr" => cidr: String,
        /// Sub-ranges to leave out; each inside `cidr`.
        "except" => except: Vec<String>,
    }
}

wire_struct! {
    /// One side of a connection a rule allows.
    pub struct Peer {
        /// UI bookkeeping id.
        "id" => id: String,
        /// `podSelector`, `namespaceSelector` or `ipBlock`.
        "type" => peer_type: PeerType,
        /// Pod labels to match.
        "podSelector" => pod_selector: StringMap,
        /// Namespace labels to match.
        "namespaceSelector" => namespace_selector: StringMap,
        /// IP range.
        "ipBlock" => ip_block: IpBlock,
        /// UI link bookkeeping: the peer workload's node id.
        "_linkedWorkload" => linked_workload: String,
    }
}

wire_struct! {
    /// A port a rule allows.
    pub struct PolicyPort {
        /// UI bookkeeping id.
        "id" => id: String,
        /// `TCP` (default), `UDP` or `SCTP`.
        "protocol" => protocol: Protocol,
        /// Port number or name.
        "port" => port: IntOrString,
    }
}

wire_struct! {
    /// One allow rule; edges leave the policy from the rule's id to add peers.
    pub struct PolicyRule {
        /// Handle id of the rule on the canvas.
        "id" => id: String,
        /// Allowed sources (ingress rules).
        "from" => from: Vec<Peer>,
        /// Allowed destinations (egress rules).
        "to" => to: Vec<Peer>,
        /// Allowed ports; all ports when absent.
        "ports" => ports: Vec<PolicyPort>,
    }
}

wire_struct! {
    /// Which traffic pods may send and receive (`networking.k8s.io/v1`).
    pub struct NetworkPolicyData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Pods the policy applies to (a copy; the `output` edges win); empty = all.
        "podSelector" => pod_selector: StringMap,
        /// `Ingress`, `Egress` or both.
        "policyTypes" => policy_types: Vec<PolicyType>,
        /// Incoming allow rules.
        "ingressRules" => ingress_rules: Vec<PolicyRule>,
        /// Outgoing allow rules.
        "egressRules" => egress_rules: Vec<PolicyRule>,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Template the node was created from.
        "templateId" => template_id: String,
        /// UI link bookkeeping: selected workloads' node ids.
        "_linkedWorkloads" => linked_workloads: Vec<String>,
    }
}

impl Peer {
    /// What the peer selects: its `type`, or, when it has none, the one selector it holds.
    /// Connecting a workload to a rule's handle appends `{podSelector, _linkedWorkload}`
    /// without a type; a peer with no type and none or several selectors implies nothing.
    pub fn implied_type(&self) -> Option<PeerType> {
        if !self.peer_type.is_missing() {
            return self.peer_type.get().copied();
        }
        let held = [
            (PeerType::PodSelector, self.pod_selector.get().is_some()),
            (
                PeerType::NamespaceSelector,
                self.namespace_selector.get().is_some(),
            ),
            (PeerType::IpBlock, self.ip_block.get().is_some()),
        ];
        let mut present = held.into_iter().filter(|(_, held)| *held);
        match (present.next(), present.next()) {
            (Some((peer_type, _)), None) => Some(peer_type),
            _ => None,
        }
    }
}

/// One peer of one rule of a NetworkPolicy, with where it stands.
#[derive(Clone, Copy, Debug)]
pub struct RulePeer<'a> {
    /// `Ingress` for a `from` peer of `ingressRules`, `Egress` for a `to` peer of
    /// `egressRules`.
    pub direction: PolicyType,
    /// Index of the rule in its list.
    pub rule: usize,
    /// Index of the peer in the rule.
    pub number: usize,
    /// The peer.
    pub peer: &'a Peer,
}

impl RulePeer<'_> {
    /// The peer's path below the node's data path `data`.
    pub fn path(&self, data: FieldPath) -> FieldPath {
        let (rules, peers) = match self.direction {
            PolicyType::Ingress => ("ingressRules", "from"),
            PolicyType::Egress => ("egressRules", "to"),
        };
        data.key(rules)
            .index(self.rule)
            .key(peers)
            .index(self.number)
    }
}

impl NetworkPolicyData {
    /// Every peer of every rule, in order, ingress rules first.
    pub fn peers(&self) -> impl Iterator<Item = RulePeer<'_>> {
        let lists = [
            (PolicyType::Ingress, &self.ingress_rules),
            (PolicyType::Egress, &self.egress_rules),
        ];
        lists.into_iter().flat_map(|(direction, rules)| {
            rules
                .items()
                .iter()
                .enumerate()
                .flat_map(move |(rule, item)| {
                    let peers = match direction {
                        PolicyType::Ingress => &item.from,
                        PolicyType::Egress => &item.to,
                    };
                    peers
                        .items()
                        .iter()
                        .enumerate()
                        .map(move |(number, peer)| RulePeer {
                            direction,
                            rule,
                            number,
                            peer,
                        })
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Peer, PeerType};

    fn peer(json: &str) -> Peer {
        serde_json::from_str(json).expect("a peer")
    }

    #[test]
    fn a_peer_without_a_type_is_of_the_one_selector_it_holds() {
        let linked = peer(r#"{"podSelector": {"app": "api"}, "_linkedWorkload": "node-5"}"#);
        assert_eq!(linked.implied_type(), Some(PeerType::PodSelector));
        let namespaces = peer(r#"{"namespaceSelector": {"team": "a"}}"#);
        assert_eq!(namespaces.implied_type(), Some(PeerType::NamespaceSelector));
        let block = peer(r#"{"ipBlock": {"cidr": "10.0.0.0/8"}}"#);
        assert_eq!(block.implied_type(), Some(PeerType::IpBlock));
    }

    #[test]
    fn a_given_type_wins_and_an_ambiguous_peer_implies_nothing() {
        let typed = peer(r#"{"type": "ipBlock", "podSelector": {"app": "api"}}"#);
        assert_eq!(typed.implied_type(), Some(PeerType::IpBlock));
        let wrong = peer(r#"{"type": "everything", "podSelector": {"app": "api"}}"#);
        assert_eq!(wrong.implied_type(), None);
        let both = peer(r#"{"podSelector": {}, "namespaceSelector": {"team": "a"}}"#);
        assert_eq!(both.implied_type(), None);
        assert_eq!(peer(r#"{"id": "peer-1"}"#).implied_type(), None);
    }
}
