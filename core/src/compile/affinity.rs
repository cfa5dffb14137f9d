//! A pod's `affinity` and `topologySpreadConstraints`, passed through in Kubernetes'
//! shapes. Validation refuses what the API server would; what is built here is what was
//! given, blank entries left out.

use k8s_openapi::api::core::v1 as k8s;
use k8s_openapi::apimachinery::pkg::apis::meta::v1 as meta;

use super::metadata::string_map;
use crate::model::kinds::{
    Affinity, LabelSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinity,
    PodAffinityTerm, TopologySpreadConstraint,
};
use crate::model::{Int, Wire};

/// The pod's affinity; `None` when no part of it is set.
pub(super) fn affinity(given: &Affinity) -> Option<k8s::Affinity> {
    let affinity = k8s::Affinity {
        node_affinity: given.node_affinity.get().and_then(|node| {
            let required = node.required.get().map(|required| k8s::NodeSelector {
                node_selector_terms: required
                    .node_selector_terms
                    .items()
                    .iter()
                    .map(node_selector_term)
                    .collect(),
            });
            let preferred = list(node.preferred.items(), |term| {
                Some(k8s::PreferredSchedulingTerm {
                    weight: int32(&term.weight),
                    preference: term
                        .preference
                        .get()
                        .map(node_selector_term)
                        .unwrap_or_default(),
                })
            });
            (required.is_some() || preferred.is_some()).then_some(k8s::NodeAffinity {
                required_during_scheduling_ignored_during_execution: required,
                preferred_during_scheduling_ignored_during_execution: preferred,
            })
        }),
        pod_affinity: given.pod_affinity.get().and_then(|pod| {
            let (required, preferred) = pod_affinity(pod)?;
            Some(k8s::PodAffinity {
                required_during_scheduling_ignored_during_execution: required,
                preferred_during_scheduling_ignored_during_execution: preferred,
            })
        }),
        pod_anti_affinity: given.pod_anti_affinity.get().and_then(|pod| {
            let (required, preferred) = pod_affinity(pod)?;
            Some(k8s::PodAntiAffinity {
                required_during_scheduling_ignored_during_execution: required,
                preferred_during_scheduling_ignored_during_execution: preferred,
            })
        }),
    };
    let set = affinity.node_affinity.is_some()
        || affinity.pod_affinity.is_some()
        || affinity.pod_anti_affinity.is_some();
    set.then_some(affinity)
}

/// Required and preferred terms of a pod affinity or anti-affinity; `None` without any.
type Terms = (
    Option<Vec<k8s::PodAffinityTerm>>,
    Option<Vec<k8s::WeightedPodAffinityTerm>>,
);

fn pod_affinity(given: &PodAffinity) -> Option<Terms> {
    let required = list(given.required.items(), |term| Some(pod_affinity_term(term)));
    let preferred = list(given.preferred.items(), |term| {
        Some(k8s::WeightedPodAffinityTerm {
            weight: int32(&term.weight),
            pod_affinity_term: term
                .pod_affinity_term
                .get()
                .map(pod_affinity_term)
                .unwrap_or_default(),
        })
    });
    (required.is_some() || preferred.is_some()).then_some((required, preferred))
}

fn pod_affinity_term(given: &PodAffinityTerm) -> k8s::PodAffinityTerm {
    k8s::PodAffinityTerm {
        label_selector: given.label_selector.get().map(label_selector),
        namespace_selector: given.namespace_selector.get().map(label_selector),
        namespaces: texts(&given.namespaces),
        topology_key: given
            .topology_key
            .non_empty()
            .unwrap_or_default()
            .to_owned(),
        match_label_keys: texts(&given.match_label_keys),
        mismatch_label_keys: texts(&given.mismatch_label_keys),
    }
}

fn node_selector_term(given: &NodeSelectorTerm) -> k8s::NodeSelectorTerm {
    k8s::NodeSelectorTerm {
        match_expressions: list(given.match_expressions.items(), node_requirement),
        match_fields: list(given.match_fields.items(), node_requirement),
    }
}

fn node_requirement(given: &NodeSelectorRequirement) -> Option<k8s::NodeSelectorRequirement> {
    Some(k8s::NodeSelectorRequirement {
        key: given.key.non_empty()?.to_owned(),
        operator: given.operator.get()?.as_str().to_owned(),
        values: texts(&given.values),
    })
}

/// A label selector as given: `{}` (every pod) when both parts are empty.
pub(super) fn label_selector(given: &LabelSelector) -> meta::LabelSelector {
    meta::LabelSelector {
        match_labels: string_map(&given.match_labels),
        match_expressions: list(given.match_expressions.items(), |requirement| {
            Some(meta::LabelSelectorRequirement {
                key: requirement.key.non_empty()?.to_owned(),
                operator: requirement.operator.get()?.as_str().to_owned(),
                values: texts(&requirement.values),
            })
        }),
    }
}

/// The pod's spread constraints; `None` when there are none.
pub(super) fn topology_spread_constraints(
    given: &[TopologySpreadConstraint],
) -> Option<Vec<k8s::TopologySpreadConstraint>> {
    list(given, |constraint| {
        Some(k8s::TopologySpreadConstraint {
            max_skew: int32(&constraint.max_skew),
            topology_key: constraint.topology_key.non_empty()?.to_owned(),
            when_unsatisfiable: constraint.when_unsatisfiable.get()?.as_str().to_owned(),
            label_selector: constraint.label_selector.get().map(label_selector),
            min_domains: constraint
                .min_domains
                .int()
                .and_then(|domains| i32::try_from(domains).ok()),
            match_label_keys: texts(&constraint.match_label_keys),
            node_affinity_policy: constraint
                .node_affinity_policy
                .get()
                .map(|policy| policy.as_str().to_owned()),
            node_taints_policy: constraint
                .node_taints_policy
                .get()
                .map(|policy| policy.as_str().to_owned()),
        })
    })
}

/// The items `build` makes something of; `None` when none.
fn list<T, U>(items: &[T], build: impl Fn(&T) -> Option<U>) -> Option<Vec<U>> {
    let built: Vec<U> = items.iter().filter_map(build).collect();
    (!built.is_empty()).then_some(built)
}

/// The non-blank strings of a list; `None` when none.
fn texts(given: &Wire<Vec<String>>) -> Option<Vec<String>> {
    list(given.items(), |text| {
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    })
}

/// A 32-bit count (validation refuses what does not fit; 0 is never built then).
fn int32(given: &Wire<Int>) -> i32 {
    given
        .int()
        .and_then(|value| i32::try_from(value).ok())
        .unwrap_or_default()
}
