//! ConfigMaps.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ConfigMap;

use crate::compile::context::Context;
use crate::compile::metadata::Role;
use crate::compile::object::Object;
use crate::graph::GraphNode;
use crate::model::kinds::{ConfigMapData, is_placeholder_key};

/// A `v1` ConfigMap: the data map without the UI's `_new_*` placeholders and blank keys.
pub(super) fn config_map<'a>(
    cx: &mut Context<'a>,
    node: &GraphNode<'a>,
    data: &ConfigMapData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let entries: BTreeMap<String, String> = data
        .data
        .get()
        .into_iter()
        .flatten()
        .filter(|(key, _)| !key.trim().is_empty() && !is_placeholder_key(key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    Some(Object::ConfigMap(Box::new(ConfigMap {
        metadata: cx
            .labels
            .meta(name, node.namespace(), Role::Plain, Some(&data.labels)),
        data: (!entries.is_empty()).then_some(entries),
        ..ConfigMap::default()
    })))
}
