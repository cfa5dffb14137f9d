//! Which pods a selector picks, judged on manifests the way Kubernetes judges them:
//! a `LabelSelector` (or a Service's plain map) against the labels of each workload's pod
//! template. Shared by the selection test of the fixtures and the real-application corpus.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// The kinds whose pods a selector may pick, and where their pod template is.
pub const WORKLOADS: &[(&str, &str)] = &[
    ("Deployment", "/spec/template"),
    ("StatefulSet", "/spec/template"),
    ("DaemonSet", "/spec/template"),
    ("Job", "/spec/template"),
    ("CronJob", "/spec/jobTemplate/spec/template"),
];

/// A workload: namespace, name and its pods' labels.
pub struct Pods {
    /// Namespace of the workload.
    pub namespace: String,
    /// Name of the workload.
    pub name: String,
    /// Labels of its pod template.
    pub labels: BTreeMap<String, String>,
}

impl Pods {
    /// The pods of `object`, when it is a workload.
    pub fn of(object: &Value) -> Option<Pods> {
        let kind = object["kind"].as_str()?;
        let (_, template) = WORKLOADS.iter().find(|(known, _)| *known == kind)?;
        let labels = string_map(&object.pointer(template)?["metadata"]["labels"]);
        Some(Pods {
            namespace: meta(object, "namespace").to_owned(),
            name: meta(object, "name").to_owned(),
            labels,
        })
    }
}

/// A metadata field of an object (`name`, `namespace`), empty when absent.
pub fn meta<'v>(object: &'v Value, key: &str) -> &'v str {
    object["metadata"][key].as_str().unwrap_or_default()
}

/// A JSON object of strings as a map (labels, `matchLabels`); empty when absent.
pub fn string_map(value: &Value) -> BTreeMap<String, String> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(key, value)| (key.clone(), value.as_str().expect("label value").to_owned()))
        .collect()
}

/// Whether a `LabelSelector` (`matchLabels` and `matchExpressions`) picks these labels.
pub fn selects(selector: &Value, labels: &BTreeMap<String, String>) -> bool {
    let match_labels = string_map(&selector["matchLabels"])
        .iter()
        .all(|(key, value)| labels.get(key) == Some(value));
    let expressions = selector["matchExpressions"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|requirement| {
            let key = requirement["key"].as_str().expect("key");
            let values: Vec<&str> = requirement["values"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let value = labels.get(key).map(String::as_str);
            match requirement["operator"].as_str().expect("operator") {
                "In" => value.is_some_and(|value| values.contains(&value)),
                "NotIn" => !value.is_some_and(|value| values.contains(&value)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                other => panic!("unknown operator {other}"),
            }
        });
    match_labels && expressions
}

/// The names of the workloads of `namespace` whose pods `selector` picks.
pub fn picked(pods: &[Pods], namespace: &str, selector: &Value) -> BTreeSet<String> {
    pods.iter()
        .filter(|pods| pods.namespace == namespace && selects(selector, &pods.labels))
        .map(|pods| pods.name.clone())
        .collect()
}
