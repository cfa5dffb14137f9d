//! NetworkPolicy peers that are one workload's pods: an edge from the rule's handle to
//! that workload, as the designer draws it, with the peer's `_linkedWorkload` copy. The
//! compiler writes such a peer as the workload's selector, so a peer is linked only when
//! its selector is exactly one workload's (`podSelector.matchLabels` alone, equal to the
//! workload's `spec.selector.matchLabels`); any other peer stays as written.

use serde_json::{Value, json};

use super::Imported;
use super::edges::{Link, Lookup, first_label, text};
use crate::import::tree;

/// The rules of a policy: (spec key, peers key, node data key).
const RULES: [(&str, &str, &str); 2] = [
    ("ingress", "from", "ingressRules"),
    ("egress", "to", "egressRules"),
];

/// Links the peers of policy `source` that select one workload.
pub(super) fn link(nodes: &mut [Imported], lookup: &Lookup, source: usize, links: &mut Vec<Link>) {
    let namespace = text(&nodes[source].data, "namespace").to_owned();
    let mut linked = Vec::new();
    for (spec_key, peers_key, rules_key) in RULES {
        let rules = nodes[source]
            .object
            .get("spec")
            .and_then(|spec| spec.get(spec_key))
            .and_then(tree::Value::as_array);
        for (rule, given) in rules.into_iter().flatten().enumerate() {
            let peers = given.get(peers_key).and_then(tree::Value::as_array);
            for (peer, given) in peers.into_iter().flatten().enumerate() {
                let Some(labels) = workload_labels(given) else {
                    continue;
                };
                let mut selected = lookup
                    .with_selector(&namespace, first_label(labels))
                    .iter()
                    .filter(|&&index| own_selector(&nodes[index]) == Some(labels));
                if let (Some(&target), None) = (selected.next(), selected.next()) {
                    linked.push((rules_key, peers_key, rule, peer, target));
                }
            }
        }
    }
    for (rules_key, peers_key, rule, peer, target) in linked {
        let id = nodes[target].id.clone();
        let rule = nodes[source]
            .data
            .get_mut(rules_key)
            .and_then(|rules| rules.get_mut(rule))
            .and_then(Value::as_object_mut);
        let Some(rule) = rule else {
            continue;
        };
        let handle = text(rule, "id").to_owned();
        let peer = rule
            .get_mut(peers_key)
            .and_then(|peers| peers.get_mut(peer))
            .and_then(Value::as_object_mut);
        if let Some(peer) = peer {
            peer.insert("_linkedWorkload".into(), json!(id));
            links.push(Link {
                source,
                target,
                handle,
            });
        }
    }
}

/// The labels of a peer that is a `podSelector` with `matchLabels` and nothing else.
fn workload_labels(peer: &tree::Value) -> Option<&tree::Map> {
    let peer = peer.as_object()?;
    let selector = peer.get("podSelector")?.as_object()?;
    let labels = selector.get("matchLabels")?.as_object()?;
    (peer.len() == 1 && selector.len() == 1 && !labels.is_empty()).then_some(labels)
}

/// A workload's `spec.selector.matchLabels`, when that is its whole selector.
fn own_selector(node: &Imported) -> Option<&tree::Map> {
    let selector = node.object.get("spec")?.get("selector")?.as_object()?;
    (selector.len() == 1)
        .then(|| selector.get("matchLabels")?.as_object())
        .flatten()
}
