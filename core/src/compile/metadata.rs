//! Label and metadata conventions shared by every object.
//!
//! Existing clusters select on the reference's labels (`app`, `managed-by: kubeorch`,
//! `version: v1` on workloads), so they stay; the recommended `app.kubernetes.io/*` labels
//! are added. Convention labels win over user labels of the same key: a user `app` label
//! would otherwise break the workload selector, which is immutable once applied.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use crate::model::Wire;
use crate::model::kinds::StringMap;

/// Labels every object gets, given its name.
#[derive(Clone, Debug, Default)]
pub(super) struct LabelPolicy {
    /// The convention labels of objects that run no pods, with empty names.
    plain: BTreeMap<String, String>,
    /// The same for workloads and their pod templates.
    workload: BTreeMap<String, String>,
}

/// Whether the object runs pods (workloads also get `version: v1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Any object that does not run pods.
    Plain,
    /// Deployment, StatefulSet, DaemonSet, Job, CronJob and their pod templates.
    Workload,
}

/// The convention labels whose value is the object's name.
const NAME_LABELS: [&str; 2] = ["app", "app.kubernetes.io/name"];

impl LabelPolicy {
    /// The policy for a workflow called `workflow_name`.
    pub(super) fn new(workflow_name: &str) -> Self {
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

    /// The convention labels, then the user's labels of other keys.
    pub(super) fn labels(
        &self,
        name: &str,
        role: Role,
        user: Option<&Wire<StringMap>>,
    ) -> BTreeMap<String, String> {
        let conventions = match role {
            Role::Plain => &self.plain,
            Role::Workload => &self.workload,
        };
        // A copy of the conventions with the name filled in: cheaper than building the
        // map from pairs, which sorts them, for every object.
        let mut labels = conventions.clone();
        for key in NAME_LABELS {
            if let Some(value) = labels.get_mut(key) {
                value.push_str(name);
            }
        }
        let user = user.and_then(Wire::get).into_iter().flatten();
        for (key, value) in user {
            let key = key.trim();
            if !key.is_empty() && !conventions.contains_key(key) {
                labels.insert(key.to_owned(), value.clone());
            }
        }
        labels
    }

    /// Metadata of a namespaced object with the convention labels.
    pub(super) fn meta(
        &self,
        name: &str,
        namespace: &str,
        role: Role,
        user_labels: Option<&Wire<StringMap>>,
    ) -> ObjectMeta {
        object_meta(name, namespace, Some(self.labels(name, role, user_labels)))
    }
}

/// Metadata of a namespaced object with these labels.
pub(super) fn object_meta(
    name: &str,
    namespace: &str,
    labels: Option<BTreeMap<String, String>>,
) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: Some(namespace.to_owned()),
        labels,
        ..ObjectMeta::default()
    }
}

/// A string map (annotations, node selectors, selectors) as a sorted map, blank keys left out; `None` when empty.
pub(super) fn string_map(given: &Wire<StringMap>) -> Option<BTreeMap<String, String>> {
    let map: BTreeMap<String, String> = given
        .get()
        .into_iter()
        .flatten()
        .filter(|(key, _)| !key.trim().is_empty())
        .map(|(key, value)| (key.trim().to_owned(), value.clone()))
        .collect();
    (!map.is_empty()).then_some(map)
}

/// The selector of a workload: always `app: <name>` (selectors are immutable, and
/// existing clusters were created with this one).
pub(super) fn app_selector(name: &str) -> LabelSelector {
    LabelSelector {
        match_labels: Some(app_labels(name)),
        match_expressions: None,
    }
}

/// `{app: <name>}`.
pub(super) fn app_labels(name: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("app".to_owned(), name.to_owned())])
}

/// Turns free text (a workflow name such as `Web shop 2024`) into a valid label value:
/// characters outside `[A-Za-z0-9._-]` become `-`, at most 63 characters, starting and
/// ending with a letter or digit. `None` when nothing is left.
pub(super) fn label_value(text: &str) -> Option<String> {
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
    use super::*;

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
    fn convention_labels_win_over_user_labels() {
        let user: StringMap = [("app".to_owned(), "other".to_owned())]
            .into_iter()
            .collect();
        let labels =
            LabelPolicy::new("shop").labels("api", Role::Workload, Some(&Wire::Valid(user)));
        assert_eq!(labels["app"], "api");
        assert_eq!(labels["version"], "v1");
        assert_eq!(labels["app.kubernetes.io/part-of"], "shop");
    }
}
