//! Metadata shared by every object: the convention labels ([`crate::graph::labels`], where
//! the validator reads them too), annotations and selectors.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use crate::graph::labels::Selector;
pub(super) use crate::graph::labels::{LabelPolicy, Role};
use crate::model::Wire;
use crate::model::kinds::StringMap;

impl LabelPolicy {
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
    // Most are absent or empty: answered before collecting, which allocates to sort.
    let given = given.get().filter(|given| !given.is_empty())?;
    let map: BTreeMap<String, String> = given
        .iter()
        .filter(|(key, _)| !key.trim().is_empty())
        .map(|(key, value)| (key.trim().to_owned(), value.clone()))
        .collect();
    (!map.is_empty()).then_some(map)
}

/// A selector as `matchLabels`.
pub(super) fn label_selector(selector: &Selector<'_>) -> LabelSelector {
    LabelSelector {
        match_labels: Some(owned(selector)),
        match_expressions: None,
    }
}

/// A selector as an owned map (a Service's `selector`).
pub(super) fn owned(selector: &Selector<'_>) -> BTreeMap<String, String> {
    selector
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

pub(super) use crate::graph::labels::node_selector as selector_of;

/// `{app: <name>}`.
pub(super) fn app_labels(name: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("app".to_owned(), name.to_owned())])
}
