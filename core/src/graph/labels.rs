//! The labels kubegraph puts on objects and pods, and the selectors that pick a workload's
//! pods: shared by the validator and the compiler, so both see the same pods.
//!
//! Existing clusters select on the reference's labels (`app`, `managed-by: kubeorch`,
//! `version: v1` on workloads), so they stay, and the recommended `app.kubernetes.io/*`
//! labels are added. A label the user set always wins: real applications route on their own
//! `app` and `version` labels, and overwriting them breaks Service selection and mesh
//! routing. Conventions fill only the keys the user left unset.
//!
//! A workload's selector is its `selector` field when given, else `app: <its app label or
//! name>`, plus `version` when the user set one (so several versions of one app run side by
//! side behind one Service). Selectors are immutable once applied, so a workload that sets
//! neither keeps the reference's `app: <name>`.

use std::collections::BTreeMap;

use super::GraphNode;
use crate::model::kinds::StringMap;
use crate::model::{NodeData, Wire};

/// A selector's `matchLabels`, by key.
pub(crate) type Selector<'a> = BTreeMap<&'a str, &'a str>;

/// The convention labels of every object, given its name.
#[derive(Clone, Debug, Default)]
pub(crate) struct LabelPolicy {
    /// The convention labels of objects that run no pods, with empty names.
    plain: BTreeMap<String, String>,
    /// The same for workloads and their pod templates.
    workload: BTreeMap<String, String>,
}

/// Whether the object runs pods (workloads also get `version: v1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Any object that does not run pods.
    Plain,
    /// Deployment, StatefulSet, DaemonSet, Job, CronJob and their pod templates.
    Workload,
}

/// The convention labels whose value is the object's name.
const NAME_LABELS: [&str; 2] = ["app", "app.kubernetes.io/name"];

impl LabelPolicy {
    /// The policy for a workflow called `workflow_name`.
    pub(crate) fn new(workflow_name: &str) -> Self {
        let part_of = label_value(workflow_name);
        let conventions = |role: Role| -> BTreeMap<String, String> {
            [
                Some(("app", "")),
                Some(("managed-by", "kubeorch")),
                (role == Role::Workload).then_some(("version", "v1")),
                Some(("app.kubernetes.io/name", "")),
                part_of
                    .as_deref()
                    .map(|part_of| ("app.kubernetes.io/part-of", part_of)),
                Some(("app.kubernetes.io/managed-by", "kubegraph")),
            ]
            .into_iter()
            .flatten()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect()
        };
        LabelPolicy {
            plain: conventions(Role::Plain),
            workload: conventions(Role::Workload),
        }
    }

    fn conventions(&self, role: Role) -> &BTreeMap<String, String> {
        match role {
            Role::Plain => &self.plain,
            Role::Workload => &self.workload,
        }
    }

    /// The convention labels, each replaced by the user's label of the same key, and the
    /// user's other labels.
    pub(crate) fn labels(
        &self,
        name: &str,
        role: Role,
        user: Option<&Wire<StringMap>>,
    ) -> BTreeMap<String, String> {
        // A copy of the conventions with the name filled in: cheaper than building the
        // map from pairs, which sorts them, for every object. The name labels are empty
        // there (copied without allocating) and replaced by a copy of the name, allocated
        // at its size rather than grown.
        let mut labels = self.conventions(role).clone();
        for key in NAME_LABELS {
            if let Some(value) = labels.get_mut(key) {
                *value = name.to_owned();
            }
        }
        for (key, value) in user_pairs(user.and_then(Wire::get)) {
            labels.insert(key.to_owned(), value.to_owned());
        }
        labels
    }

    /// The labels of the pods of a workload node, read in place.
    pub(crate) fn pod_labels<'a>(&'a self, node: &GraphNode<'a>) -> PodLabels<'a> {
        PodLabels {
            conventions: &self.workload,
            name: node.name(),
            user: node.data().and_then(user_labels),
        }
    }
}

/// The labels of a workload's pods, looked up without building the map (validation asks
/// for a few keys of many workloads).
#[derive(Clone, Copy, Debug)]
pub(crate) struct PodLabels<'a> {
    conventions: &'a BTreeMap<String, String>,
    name: &'a str,
    user: Option<&'a StringMap>,
}

impl<'a> PodLabels<'a> {
    /// The value of the label `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&'a str> {
        let user = user_pairs(self.user)
            .filter(|(given, _)| *given == key)
            .last();
        if let Some((_, value)) = user {
            return Some(value);
        }
        if NAME_LABELS.contains(&key) {
            return Some(self.name);
        }
        self.conventions.get(key).map(String::as_str)
    }

    /// Whether `set` picks these pods.
    pub(crate) fn matches_set(&self, set: &SetSelector<'_>) -> bool {
        self.matches(&set.labels)
            && set
                .among
                .iter()
                .all(|(key, values)| self.get(key).is_some_and(|value| values.contains(&value)))
    }

    /// Whether `selector` picks these pods: every key present with its value.
    pub(crate) fn matches(&self, selector: &Selector<'_>) -> bool {
        selector
            .iter()
            .all(|(key, value)| self.get(key) == Some(*value))
    }
}

/// The user's labels with trimmed, non-blank keys, in input order.
fn user_pairs(user: Option<&StringMap>) -> impl Iterator<Item = (&str, &str)> {
    user.into_iter()
        .flatten()
        .map(|(key, value)| (key.trim(), value.as_str()))
        .filter(|(key, _)| !key.is_empty())
}

/// The user `labels` of a workload's data.
fn user_labels(data: &NodeData) -> Option<&StringMap> {
    data.container()?.labels?.get()
}

/// The `selector` field of a Deployment, StatefulSet or DaemonSet. Jobs and CronJobs have
/// none: Kubernetes generates a unique selector for each Job.
pub(crate) fn selector_field(data: &NodeData) -> Option<&Wire<StringMap>> {
    match data {
        NodeData::Deployment(d) => Some(&d.selector),
        NodeData::StatefulSet(d) => Some(&d.selector),
        NodeData::DaemonSet(d) => Some(&d.selector),
        _ => None,
    }
}

/// The workload's explicit selector (see [`given_selector`]).
pub(crate) fn explicit_selector(data: &NodeData) -> Option<Selector<'_>> {
    given_selector(selector_field(data)?)
}

/// A `selector` map as given (a workload's or a Service's), keys trimmed and blank ones
/// left out; `None` when absent or empty (an empty selector would pick every pod, and the
/// designer writes `{}` for "none").
pub(crate) fn given_selector(field: &Wire<StringMap>) -> Option<Selector<'_>> {
    // Almost no node has one: answer without building a map.
    let given = field.get().filter(|map| !map.is_empty())?;
    let selector: Selector<'_> = user_pairs(Some(given)).collect();
    (!selector.is_empty()).then_some(selector)
}

/// The selector of the workload `name` with this data: its `selector` field when given,
/// else `app: <its app label or name>`, plus `version` when its labels set one.
pub(crate) fn workload_selector<'a>(name: &'a str, data: &'a NodeData) -> Selector<'a> {
    if let Some(explicit) = explicit_selector(data) {
        return explicit;
    }
    let user = |key: &str| {
        user_pairs(user_labels(data))
            .filter(|(given, _)| *given == key)
            .last()
            .map(|(_, value)| value)
    };
    let mut selector = Selector::from([("app", user("app").unwrap_or(name))]);
    if let Some(version) = user("version") {
        selector.insert("version", version);
    }
    selector
}

/// The selector of a workload node; `app: <name>` when its data cannot be read.
pub(crate) fn node_selector<'a>(node: &GraphNode<'a>) -> Selector<'a> {
    match node.data() {
        Some(data) => workload_selector(node.name(), data),
        None => Selector::from([("app", node.name())]),
    }
}

/// The labels every selector has with the same value: what selects all of their pods.
pub(crate) fn common_selector<'s, 'a: 's>(
    mut selectors: impl Iterator<Item = &'s Selector<'a>>,
) -> Selector<'a> {
    let Some(first) = selectors.next() else {
        return Selector::new();
    };
    let mut common = first.clone();
    for selector in selectors {
        common.retain(|key, value| selector.get(key) == Some(value));
    }
    common
}

/// What selects the pods of several workloads at once (a NetworkPolicy's `podSelector`):
/// the labels all their selectors share, and for each other key all of them have, `In`
/// the values they have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SetSelector<'a> {
    /// `matchLabels`.
    pub labels: Selector<'a>,
    /// `matchExpressions` with the operator `In`, by key.
    pub among: BTreeMap<&'a str, Vec<&'a str>>,
}

impl SetSelector<'_> {
    /// Whether it selects nothing in particular (every pod).
    pub(crate) fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.among.is_empty()
    }
}

/// The [`SetSelector`] of the workloads with these selectors.
pub(crate) fn set_selector<'a>(selectors: &[Selector<'a>]) -> SetSelector<'a> {
    let mut set = SetSelector::default();
    let Some((first, rest)) = selectors.split_first() else {
        return set;
    };
    for (key, value) in first {
        let mut values = vec![*value];
        for selector in rest {
            match selector.get(key) {
                Some(other) => values.push(other),
                None => {
                    values.clear();
                    break;
                }
            }
        }
        values.sort_unstable();
        values.dedup();
        match values.as_slice() {
            [] => {}
            [one] => {
                set.labels.insert(key, one);
            }
            _ => {
                set.among.insert(key, values);
            }
        }
    }
    set
}

/// `{a: b, c: d}`, for messages.
pub(crate) fn show(selector: &Selector<'_>) -> String {
    let pairs: Vec<String> = selector
        .iter()
        .map(|(key, value)| format!("{key}: {value}"))
        .collect();
    format!("{{{}}}", pairs.join(", "))
}

/// Turns free text (a workflow name such as `Web shop 2024`) into a valid label value:
/// characters outside `[A-Za-z0-9._-]` become `-`, at most 63 characters, starting and
/// ending with a letter or digit. `None` when nothing is left.
pub(crate) fn label_value(text: &str) -> Option<String> {
    let replaced: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(63)
        .collect();
    let trimmed = replaced.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The data of one node of type `kind`.
    fn data(kind: &str, value: serde_json::Value) -> NodeData {
        let workflow = crate::parse::workflow_from_value(
            json!({"nodes": [{"id": "n", "type": kind, "data": value}]}),
        )
        .expect("test workflow parses");
        let (_, node) = workflow.nodes().next().expect("one node");
        node.data().expect("readable data").clone()
    }

    #[test]
    fn label_values_are_sanitised() {
        assert_eq!(label_value("storefront").as_deref(), Some("storefront"));
        assert_eq!(
            label_value(" Web shop 2024! ").as_deref(),
            Some("Web-shop-2024")
        );
        assert_eq!(label_value("!!!"), None);
        assert_eq!(label_value(&"a".repeat(80)).map(|v| v.len()), Some(63));
    }

    #[test]
    fn user_labels_win_over_conventions() {
        let user: StringMap = [
            ("app".to_owned(), "details".to_owned()),
            ("version".to_owned(), "v2".to_owned()),
            (
                " app.kubernetes.io/name ".to_owned(),
                "bookinfo-details".to_owned(),
            ),
        ]
        .into_iter()
        .collect();
        let labels =
            LabelPolicy::new("shop").labels("details-v2", Role::Workload, Some(&Wire::Valid(user)));
        assert_eq!(labels["app"], "details");
        assert_eq!(labels["version"], "v2");
        assert_eq!(labels["app.kubernetes.io/name"], "bookinfo-details");
        assert_eq!(labels["app.kubernetes.io/part-of"], "shop");
        assert_eq!(labels["managed-by"], "kubeorch");
    }

    #[test]
    fn pod_labels_read_in_place_equal_the_built_labels() {
        let policy = LabelPolicy::new("bookinfo");
        let workflow = crate::parse::workflow_from_value(json!({"nodes": [{"id": "n",
            "type": "deployment", "data": {"name": "reviews-v3",
            "labels": {"app": "reviews", "tier": "web", "version": "v3"}}}]}))
        .expect("test workflow parses");
        let graph = crate::graph::WorkflowGraph::new(&workflow);
        let node = graph.at(0);
        let fields = node
            .data()
            .and_then(NodeData::container)
            .expect("a workload");
        let built = policy.labels("reviews-v3", Role::Workload, fields.labels);
        let read = policy.pod_labels(node);
        for (key, value) in &built {
            assert_eq!(read.get(key), Some(value.as_str()), "{key}");
        }
        assert_eq!(read.get("absent"), None);
    }

    #[test]
    fn selectors_follow_the_app_and_version_labels_or_keep_the_name() {
        let selector = |kind, value| {
            let node = data(kind, value);
            show(&workload_selector("reviews-v2", &node))
        };
        assert_eq!(selector("deployment", json!({})), "{app: reviews-v2}");
        assert_eq!(
            selector("deployment", json!({"labels": {"tier": "web"}})),
            "{app: reviews-v2}"
        );
        assert_eq!(
            selector(
                "deployment",
                json!({"labels": {"app": "reviews", "version": "v2"}})
            ),
            "{app: reviews, version: v2}"
        );
        assert_eq!(
            selector("statefulset", json!({"labels": {"version": "v2"}})),
            "{app: reviews-v2, version: v2}"
        );
        assert_eq!(
            selector(
                "daemonset",
                json!({"labels": {"app": "reviews"}, "selector": {"app": "reviews", " ": "x"}})
            ),
            "{app: reviews}"
        );
        assert_eq!(
            selector("deployment", json!({"selector": {}})),
            "{app: reviews-v2}"
        );
    }

    #[test]
    fn common_selectors_keep_the_labels_all_share() {
        let v1 = Selector::from([("app", "reviews"), ("version", "v1")]);
        let v2 = Selector::from([("app", "reviews"), ("version", "v2")]);
        let other = Selector::from([("app", "ratings"), ("version", "v1")]);
        assert_eq!(
            show(&common_selector([&v1, &v2].into_iter())),
            "{app: reviews}"
        );
        assert_eq!(
            show(&common_selector([&v1].into_iter())),
            "{app: reviews, version: v1}"
        );
        assert!(common_selector([&v2, &other].into_iter()).is_empty());
        let set = set_selector(&[v1.clone(), v2.clone(), other]);
        assert_eq!(show(&set.labels), "{}");
        assert_eq!(set.among["app"], ["ratings", "reviews"]);
        assert_eq!(set.among["version"], ["v1", "v2"]);
        let set = set_selector(&[v1, v2, Selector::from([("tier", "web")])]);
        assert!(set.is_empty(), "no key all have");
    }
}
