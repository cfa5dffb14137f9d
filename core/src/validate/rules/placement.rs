//! A workload's `affinity` and `topologySpreadConstraints`, as the API server validates
//! them: selector requirements whose operator and values agree (`In`/`NotIn` need values,
//! `Exists`/`DoesNotExist` take none, node `Gt`/`Lt` one whole number), node field
//! selectors on `metadata.name` only, at least one required node selector term, weights of
//! preferred terms 1-100, a topology key on every pod affinity term and spread constraint,
//! `maxSkew` at least 1, `minDomains` at least 1 and only with `DoNotSchedule`, no two
//! constraints on one topology key and action, and `matchLabelKeys` only beside a label
//! selector. Label keys and values in selectors are reported as `invalid-label`.
//!
//! A spread constraint whose selector picks none of the workload's own pods is legal but
//! spreads nothing the user meant (the scheduler counts other pods, and the workload's
//! replicas may all land in one zone): a warning. A pod anti-affinity term is not held to
//! this, since keeping away from another application's pods is an ordinary use of it.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, WORKLOAD_KINDS};
use crate::model::kinds::{
    Affinity, ContainerFields, LabelSelector, LabelSelectorOperator, NodeSelectorOperator,
    NodeSelectorRequirement, NodeSelectorTerm, PodAffinity, PodAffinityTerm,
    TopologySpreadConstraint, UnsatisfiableConstraintAction,
};
use crate::model::{FieldPath, Int, NodeData, Wire};
use crate::validate::syntax::names;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::InvalidAffinity,
        Code::InvalidTopologySpread,
        Code::SpreadMissesOwnPods,
    ],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(fields) = node.data().and_then(NodeData::container) else {
        return;
    };
    if let Some(affinity) = fields.affinity.and_then(Wire::unboxed) {
        let mut at = Place {
            cx,
            node,
            code: Code::InvalidAffinity,
        };
        affinity_of(&mut at, affinity);
    }
    let constraints = fields
        .topology_spread_constraints
        .map(Wire::items)
        .unwrap_or_default();
    if !constraints.is_empty() {
        spread(cx, node, &fields, constraints);
    }
}

/// Where problems of one field are reported, and as which code.
struct Place<'c, 'a> {
    cx: &'c mut Context<'a>,
    node: &'c GraphNode<'a>,
    code: Code,
}

impl Place<'_, '_> {
    fn data(&self) -> FieldPath {
        self.node.data_path()
    }

    fn report(&mut self, at: FieldPath, message: String, hint: &str) {
        let message = format!("{}: {message}", self.node.describe());
        self.cx
            .report(node_problem(self.node, at, self.code, message).hint(hint));
    }

    fn missing(&mut self, at: FieldPath, message: String, hint: &str) {
        let message = format!("{}: {message}", self.node.describe());
        self.cx
            .report(super::node_types::missing_field(self.node, at, message).hint(hint));
    }

    /// A label key (a qualified name), reported as `invalid-label`.
    fn label_key(&mut self, at: FieldPath, key: &str) {
        if let Err(problem) = names::qualified_name(key) {
            let message = format!("label key \"{key}\" is not valid: {problem}");
            self.cx.report(
                super::labels::invalid_label(self.node, at, message).hint(
                    "use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.'",
                ),
            );
        }
    }

    /// A weight of a preferred term: 1-100.
    fn weight(&mut self, at: FieldPath, weight: &Wire<Int>) {
        match weight.int() {
            Some(1..=100) => {}
            Some(other) => self.report(
                at,
                format!("weight {other} must be between 1 and 100"),
                "give the term a weight from 1 (a slight preference) to 100",
            ),
            None if !weight.is_invalid() => self.missing(
                at,
                "a preferred term has no weight".to_owned(),
                "give the term a weight from 1 to 100",
            ),
            None => {}
        }
    }

    /// A topology key: required, a qualified name.
    fn topology_key(&mut self, at: FieldPath, key: &Wire<String>) {
        match key.non_empty() {
            Some(key) => {
                if let Err(problem) = names::qualified_name(key) {
                    self.report(
                        at,
                        format!("topologyKey \"{key}\" is not a valid label key: {problem}"),
                        "name a node label, for example kubernetes.io/hostname or topology.kubernetes.io/zone",
                    );
                }
            }
            None if !key.is_invalid() => self.missing(
                at,
                "topologyKey is missing".to_owned(),
                "name a node label, for example kubernetes.io/hostname or topology.kubernetes.io/zone",
            ),
            None => {}
        }
    }
}

#[inline(never)]
fn affinity_of(at: &mut Place<'_, '_>, affinity: &Affinity) {
    let base = at.data().key("affinity");
    if let Some(node) = affinity.node_affinity.get() {
        let base = base.clone().key("nodeAffinity");
        if let Some(required) = node.required.get() {
            let path = base
                .clone()
                .key("requiredDuringSchedulingIgnoredDuringExecution");
            let terms = required.node_selector_terms.items();
            if terms.is_empty() && !required.node_selector_terms.is_invalid() {
                at.report(
                    path.clone().key("nodeSelectorTerms"),
                    "required node affinity has no nodeSelectorTerms".to_owned(),
                    "give it at least one term, or remove requiredDuringSchedulingIgnoredDuringExecution",
                );
            }
            for (index, term) in terms.iter().enumerate() {
                node_term(at, path.clone().key("nodeSelectorTerms").index(index), term);
            }
        }
        for (index, term) in node.preferred.items().iter().enumerate() {
            let path = base
                .clone()
                .key("preferredDuringSchedulingIgnoredDuringExecution")
                .index(index);
            at.weight(path.clone().key("weight"), &term.weight);
            if let Some(preference) = term.preference.get() {
                node_term(at, path.key("preference"), preference);
            }
        }
    }
    for (key, pods) in [
        ("podAffinity", &affinity.pod_affinity),
        ("podAntiAffinity", &affinity.pod_anti_affinity),
    ] {
        if let Some(pods) = pods.get() {
            pod_affinity(at, base.clone().key(key), pods);
        }
    }
}

fn pod_affinity(at: &mut Place<'_, '_>, base: FieldPath, pods: &PodAffinity) {
    for (index, term) in pods.required.items().iter().enumerate() {
        let path = base
            .clone()
            .key("requiredDuringSchedulingIgnoredDuringExecution")
            .index(index);
        pod_term(at, path, term);
    }
    for (index, term) in pods.preferred.items().iter().enumerate() {
        let path = base
            .clone()
            .key("preferredDuringSchedulingIgnoredDuringExecution")
            .index(index);
        at.weight(path.clone().key("weight"), &term.weight);
        if let Some(inner) = term.pod_affinity_term.get() {
            pod_term(at, path.key("podAffinityTerm"), inner);
        }
    }
}

fn pod_term(at: &mut Place<'_, '_>, path: FieldPath, term: &PodAffinityTerm) {
    at.topology_key(path.clone().key("topologyKey"), &term.topology_key);
    for (key, selector) in [
        ("labelSelector", &term.label_selector),
        ("namespaceSelector", &term.namespace_selector),
    ] {
        if let Some(selector) = selector.get() {
            label_selector(at, path.clone().key(key), selector);
        }
    }
    for (index, namespace) in term.namespaces.items().iter().enumerate() {
        if let Err(problem) = names::dns1123_label(namespace.trim()) {
            at.report(
                path.clone().key("namespaces").index(index),
                format!("namespace \"{namespace}\" is not a valid namespace: it {problem}"),
                "use at most 63 lower-case letters, digits and '-'",
            );
        }
    }
    label_keys(
        at,
        &path,
        term.label_selector.get(),
        &[
            ("matchLabelKeys", &term.match_label_keys),
            ("mismatchLabelKeys", &term.mismatch_label_keys),
        ],
    );
}

/// `matchLabelKeys` (and `mismatchLabelKeys`): label keys, only beside a label selector,
/// none also named by the selector or by both lists.
fn label_keys(
    at: &mut Place<'_, '_>,
    path: &FieldPath,
    selector: Option<&LabelSelector>,
    lists: &[(&str, &Wire<Vec<String>>)],
) {
    let mut seen: Vec<&str> = Vec::new();
    for (list, keys) in lists {
        for (index, key) in keys.items().iter().enumerate() {
            let key = key.trim();
            let key_at = path.clone().key(*list).index(index);
            let Some(selector) = selector else {
                at.report(
                    key_at,
                    format!("{list} needs a labelSelector beside it"),
                    "add the labelSelector the keys refine, or remove them",
                );
                break;
            };
            at.label_key(key_at.clone(), key);
            let in_selector = selector
                .match_labels
                .get()
                .is_some_and(|labels| labels.keys().any(|given| given.trim() == key))
                || selector
                    .match_expressions
                    .items()
                    .iter()
                    .any(|requirement| requirement.key.non_empty() == Some(key));
            if in_selector || seen.contains(&key) {
                at.report(
                    key_at,
                    format!("label key \"{key}\" in {list} is already named by the selector or another key list"),
                    "name each key once",
                );
            }
            seen.push(key);
        }
    }
}

fn node_term(at: &mut Place<'_, '_>, path: FieldPath, term: &NodeSelectorTerm) {
    for (index, requirement) in term.match_expressions.items().iter().enumerate() {
        let path = path.clone().key("matchExpressions").index(index);
        if let Some(key) = requirement.key.non_empty() {
            at.label_key(path.clone().key("key"), key);
        }
        node_requirement(at, path, requirement, false);
    }
    for (index, requirement) in term.match_fields.items().iter().enumerate() {
        let path = path.clone().key("matchFields").index(index);
        if let Some(key) = requirement
            .key
            .non_empty()
            .filter(|key| *key != "metadata.name")
        {
            at.report(
                path.clone().key("key"),
                format!("matchFields key \"{key}\" is not supported"),
                "select nodes by field only with metadata.name; use matchExpressions for labels",
            );
        }
        node_requirement(at, path, requirement, true);
    }
}

fn node_requirement(
    at: &mut Place<'_, '_>,
    path: FieldPath,
    requirement: &NodeSelectorRequirement,
    field: bool,
) {
    use NodeSelectorOperator as Op;
    if requirement.key.non_empty().is_none() && !requirement.key.is_invalid() {
        at.missing(
            path.clone().key("key"),
            "a node selector requirement has no key".to_owned(),
            "name the node label (or metadata.name in matchFields)",
        );
    }
    let Some(operator) = requirement.operator.get() else {
        if requirement.operator.is_missing() {
            at.missing(
                path.key("operator"),
                "a node selector requirement has no operator".to_owned(),
                "set In, NotIn, Exists, DoesNotExist, Gt or Lt",
            );
        }
        return;
    };
    let values = requirement.values.items();
    let problem = match operator {
        Op::In | Op::NotIn if field && values.len() != 1 => {
            Some("a matchFields requirement takes exactly one value")
        }
        Op::In | Op::NotIn if values.is_empty() => Some("In and NotIn need at least one value"),
        Op::Exists | Op::DoesNotExist if field => Some("matchFields supports only In and NotIn"),
        Op::Exists | Op::DoesNotExist if !values.is_empty() => {
            Some("Exists and DoesNotExist take no values")
        }
        Op::Gt | Op::Lt if field => Some("matchFields supports only In and NotIn"),
        Op::Gt | Op::Lt if values.len() != 1 || values[0].trim().parse::<i64>().is_err() => {
            Some("Gt and Lt take exactly one whole number")
        }
        _ => None,
    };
    if let Some(problem) = problem {
        at.report(
            path.key("values"),
            format!("operator {}: {problem}", operator.as_str()),
            "give the values the operator needs",
        );
    }
}

/// A pod label selector: requirements whose operator and values agree, valid keys and
/// values.
fn label_selector(at: &mut Place<'_, '_>, path: FieldPath, selector: &LabelSelector) {
    use LabelSelectorOperator as Op;
    for (key, value) in selector.match_labels.get().into_iter().flatten() {
        let key_at = path.clone().key("matchLabels").key(key.as_str());
        at.label_key(key_at.clone(), key.trim());
        label_value(at, key_at, value);
    }
    for (index, requirement) in selector.match_expressions.items().iter().enumerate() {
        let path = path.clone().key("matchExpressions").index(index);
        match requirement.key.non_empty() {
            Some(key) => at.label_key(path.clone().key("key"), key),
            None if !requirement.key.is_invalid() => at.missing(
                path.clone().key("key"),
                "a label selector requirement has no key".to_owned(),
                "name the label",
            ),
            None => {}
        }
        let values = requirement.values.items();
        for (number, value) in values.iter().enumerate() {
            label_value(at, path.clone().key("values").index(number), value);
        }
        let problem = match requirement.operator.get() {
            Some(Op::In | Op::NotIn) if values.is_empty() => "In and NotIn need at least one value",
            Some(Op::Exists | Op::DoesNotExist) if !values.is_empty() => {
                "Exists and DoesNotExist take no values"
            }
            Some(_) => continue,
            None => {
                if requirement.operator.is_missing() {
                    at.missing(
                        path.key("operator"),
                        "a label selector requirement has no operator".to_owned(),
                        "set In, NotIn, Exists or DoesNotExist",
                    );
                }
                continue;
            }
        };
        at.report(
            path.key("values"),
            problem.to_owned(),
            "give the values the operator needs",
        );
    }
}

fn label_value(at: &mut Place<'_, '_>, path: FieldPath, value: &str) {
    if let Err(problem) = names::label_value(value) {
        let message = format!("label value \"{value}\" is not valid: it {problem}");
        at.cx.report(
            super::labels::invalid_label(at.node, path, message)
                .hint("use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
        );
    }
}

// Not inlined: `check` runs for every workload, and most have no constraints; inlined,
// this body made every call pay for its stack frame.
#[inline(never)]
fn spread<'a>(
    cx: &mut Context<'a>,
    node: &'a GraphNode<'a>,
    fields: &ContainerFields<'a>,
    constraints: &'a [TopologySpreadConstraint],
) {
    let own = cx.graph.labels.pod_labels(node);
    let pod_labels = fields.pod_labels.and_then(Wire::get);
    let label = |key: &str| {
        own.get(key).or_else(|| {
            pod_labels?
                .iter()
                .find(|(given, _)| given.trim() == key)
                .map(|(_, value)| value.as_str())
        })
    };
    let mut at = Place {
        cx,
        node,
        code: Code::InvalidTopologySpread,
    };
    for (index, constraint) in constraints.iter().enumerate() {
        let path = at.data().key("topologySpreadConstraints").index(index);
        match constraint.max_skew.int() {
            Some(skew) if skew >= 1 => {}
            Some(skew) => at.report(
                path.clone().key("maxSkew"),
                format!("maxSkew {skew} must be at least 1"),
                "allow a difference of at least 1 pod between domains",
            ),
            None if !constraint.max_skew.is_invalid() => at.missing(
                path.clone().key("maxSkew"),
                "a topology spread constraint has no maxSkew".to_owned(),
                "set maxSkew, for example 1",
            ),
            None => {}
        }
        at.topology_key(path.clone().key("topologyKey"), &constraint.topology_key);
        let action = constraint.when_unsatisfiable.get();
        if constraint.when_unsatisfiable.is_missing() {
            at.missing(
                path.clone().key("whenUnsatisfiable"),
                "a topology spread constraint has no whenUnsatisfiable".to_owned(),
                "set DoNotSchedule or ScheduleAnyway",
            );
        }
        if let Some(domains) = constraint.min_domains.int() {
            let problem = if domains < 1 {
                Some(format!("minDomains {domains} must be at least 1"))
            } else if action != Some(&UnsatisfiableConstraintAction::DoNotSchedule) {
                Some("minDomains is allowed only with whenUnsatisfiable: DoNotSchedule".to_owned())
            } else {
                None
            };
            if let Some(problem) = problem {
                at.report(
                    path.clone().key("minDomains"),
                    problem,
                    "remove minDomains, or use it with DoNotSchedule and a value of 1 or more",
                );
            }
        }
        let key = constraint.topology_key.non_empty();
        let repeated = constraints[..index].iter().any(|earlier| {
            earlier.topology_key.non_empty() == key && earlier.when_unsatisfiable.get() == action
        });
        if repeated && key.is_some() && action.is_some() {
            at.report(
                path.clone().key("topologyKey"),
                format!(
                    "two constraints spread over \"{}\" with {}",
                    key.unwrap_or_default(),
                    action.map_or("", |action| action.as_str())
                ),
                "merge them: one constraint per topology key and action",
            );
        }
        let selector = constraint.label_selector.get();
        if let Some(selector) = selector {
            label_selector(&mut at, path.clone().key("labelSelector"), selector);
        }
        label_keys(
            &mut at,
            &path,
            selector,
            &[("matchLabelKeys", &constraint.match_label_keys)],
        );
        if selector.is_some_and(|selector| !selects(selector, &label)) {
            let message = format!(
                "{}: topologySpreadConstraints[{index}] selects none of its own pods, so it does not spread them",
                node.describe()
            );
            at.cx.report(
                node_problem(
                    node,
                    path.key("labelSelector"),
                    Code::SpreadMissesOwnPods,
                    message,
                )
                .hint("select the workload's pod labels, for example matchLabels {app: <its app label>}"),
            );
        }
    }
}

/// Whether a pod with the labels `label` gives is picked by `selector`.
fn selects<'l>(selector: &LabelSelector, label: &impl Fn(&str) -> Option<&'l str>) -> bool {
    use LabelSelectorOperator as Op;
    let labels = selector.match_labels.get().into_iter().flatten();
    labels
        .into_iter()
        .all(|(key, value)| label(key.trim()) == Some(value.as_str()))
        && selector
            .match_expressions
            .items()
            .iter()
            .all(|requirement| {
                let value = requirement.key.non_empty().and_then(label);
                let among = |value: &str| {
                    requirement
                        .values
                        .items()
                        .iter()
                        .any(|given| given == value)
                };
                match requirement.operator.get() {
                    Some(Op::In) => value.is_some_and(among),
                    Some(Op::NotIn) => !value.is_some_and(among),
                    Some(Op::Exists) => value.is_some(),
                    Some(Op::DoesNotExist) => value.is_none(),
                    None => true,
                }
            })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    /// Operators and values, weights, terms and topology keys, as the API server checks
    /// them; a well-formed affinity gives nothing.
    #[test]
    fn affinity_is_checked_as_the_api_server_checks_it() {
        let found = diagnostics_of(
            Code::InvalidAffinity,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "affinity": {
                "nodeAffinity": {
                    "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                        {"matchExpressions": [
                            {"key": "disk", "operator": "In", "values": []},
                            {"key": "gpu", "operator": "Exists", "values": ["yes"]},
                            {"key": "cores", "operator": "Gt", "values": ["many"]},
                            {"key": "zone", "operator": "In", "values": ["a"]}],
                         "matchFields": [{"key": "metadata.labels", "operator": "In", "values": ["n1"]}]}]},
                    "preferredDuringSchedulingIgnoredDuringExecution": [
                        {"weight": 101, "preference": {"matchExpressions": [{"key": "ssd", "operator": "Exists"}]}}]},
                "podAntiAffinity": {
                    "requiredDuringSchedulingIgnoredDuringExecution": [
                        {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "NotIn"}]}}],
                    "preferredDuringSchedulingIgnoredDuringExecution": [
                        {"weight": 50, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                                           "labelSelector": {"matchLabels": {"app": "web"}}}}]}}}},
                {"id": "ok", "type": "statefulset", "data": {"name": "db", "affinity": {
                    "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                        {"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["n1"]}]}]}},
                    "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                        {"topologyKey": "topology.kubernetes.io/zone", "labelSelector": {"matchLabels": {"app": "cache"}},
                         "matchLabelKeys": ["pod-template-hash"]}]}}}}]}"#,
        );
        let at = "/nodes/0/data/affinity";
        let required = format!(
            "{at}/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0"
        );
        let anti = format!("{at}/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0");
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-affinity",
                    format!(
                        "{at}/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/weight"
                    ),
                    "d"
                ),
                (
                    "invalid-affinity",
                    format!("{required}/matchExpressions/0/values"),
                    "d"
                ),
                (
                    "invalid-affinity",
                    format!("{required}/matchExpressions/1/values"),
                    "d"
                ),
                (
                    "invalid-affinity",
                    format!("{required}/matchExpressions/2/values"),
                    "d"
                ),
                (
                    "invalid-affinity",
                    format!("{required}/matchFields/0/key"),
                    "d"
                ),
                (
                    "invalid-affinity",
                    format!("{anti}/labelSelector/matchExpressions/0/values"),
                    "d"
                ),
                ("missing-field", format!("{anti}/topologyKey"), "d"),
            ]
        );
    }

    /// maxSkew, minDomains with its action, repeated key and action, matchLabelKeys without
    /// a selector; a selector missing the workload's own pods is a warning, one matching
    /// them (by a convention label, a user label or a podLabels key) is not.
    #[test]
    fn spread_constraints_are_valid_and_spread_the_workloads_own_pods() {
        let found = diagnostics_of(
            Code::InvalidTopologySpread,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web",
                "labels": {"tier": "front"}, "podLabels": {"track": "stable"},
                "topologySpreadConstraints": [
                    {"maxSkew": 0, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
                     "labelSelector": {"matchLabels": {"app": "web"}}},
                    {"maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway",
                     "minDomains": 2, "labelSelector": {"matchLabels": {"tier": "front"}}},
                    {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
                     "matchLabelKeys": ["pod-template-hash"]},
                    {"maxSkew": 2, "topologyKey": "node.acme.io/rack", "whenUnsatisfiable": "DoNotSchedule",
                     "labelSelector": {"matchExpressions": [{"key": "track", "operator": "In", "values": ["stable"]}]}},
                    {"maxSkew": 1, "topologyKey": "node.acme.io/row", "whenUnsatisfiable": "ScheduleAnyway",
                     "labelSelector": {"matchLabels": {"app": "wbe"}}}]}}]}"#,
        );
        let at = "/nodes/0/data/topologySpreadConstraints";
        assert_eq!(
            summary(&found),
            [
                ("invalid-topology-spread", format!("{at}/0/maxSkew"), "d"),
                ("invalid-topology-spread", format!("{at}/1/minDomains"), "d"),
                (
                    "invalid-topology-spread",
                    format!("{at}/2/matchLabelKeys/0"),
                    "d"
                ),
                (
                    "invalid-topology-spread",
                    format!("{at}/2/topologyKey"),
                    "d"
                ),
                (
                    "spread-misses-own-pods",
                    format!("{at}/4/labelSelector"),
                    "d"
                ),
            ]
        );
        assert_eq!(found[4].severity, Severity::Warning);
    }
}
