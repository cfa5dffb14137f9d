//! Custom resources as plugin nodes: the inverse of `compile/kinds/plugin.rs`.
//!
//! A plugin node holds no object verbatim: its definition says the resource's
//! `apiVersion` and kind, and which spec key each of its fields fills (the field's `path`,
//! else its id). So a custom resource imports only with the plugin definitions that
//! describe it, and only what those fields cover; the rest of its spec is reported, as any
//! field the model cannot carry. Each value is kept as the spec holds it when the compiler
//! writes it back unchanged (a number for a number field, a list for a list field), else
//! it is reported too.

use serde_json::{Map, Value, json};

use super::fields::{Fields, escape};
use super::labels::Conventions;
use crate::model::kinds::PluginNodeData;
use crate::model::{PluginDefinition, PluginField, PluginNodeType};

/// The labels the compiler puts on every custom resource, naming its plugin and node type.
const PLUGIN_LABELS: [&str; 2] = ["kubeorch.io/plugin", "kubeorch.io/node-type"];

/// The plugin node type whose custom resource has this `apiVersion` and `kind`.
pub(super) fn node_type<'p>(
    plugins: &'p [PluginDefinition],
    api_version: &str,
    kind: &str,
) -> Option<(&'p PluginDefinition, &'p PluginNodeType)> {
    plugins.iter().find_map(|plugin| {
        plugin.node_types.items().iter().find_map(|node_type| {
            let type_name = node_type.name.non_empty()?;
            let made = plugin.resolve_kind(node_type, type_name)?;
            let version = plugin.api_version(node_type)?.written();
            (made.kind() == kind && version == api_version).then_some((plugin, node_type))
        })
    })
}

/// Fills the data of a plugin node from its custom resource; returns the pointers of what
/// its fields do not cover.
pub(super) fn read(
    conventions: &Conventions,
    (plugin, node_type): (&PluginDefinition, &PluginNodeType),
    name: &str,
    object: &mut Fields<'_>,
    metadata: &mut Fields<'_>,
    data: &mut Map<String, Value>,
) -> Vec<String> {
    let mut unread = Vec::new();
    data.insert("templateId".into(), json!(node_type.name.as_str()));
    for (key, value) in [
        ("pluginId", &plugin.id),
        ("pluginCategory", &plugin.category),
        ("displayName", &node_type.display_name),
    ] {
        if let Some(value) = value.as_str() {
            data.insert(key.into(), json!(value));
        }
    }
    // The designer copies the definition's fields into the node, to draw its form.
    data.insert(
        "_pluginFields".into(),
        serde_json::to_value(node_type.fields.items()).unwrap_or(Value::Null),
    );
    let mut labels = conventions.user_labels(metadata.take("labels"), name, false);
    labels.retain(|key, _| !PLUGIN_LABELS.contains(&key.as_str()));
    if !labels.is_empty() {
        unread.push(metadata.pointer().key("labels").to_string());
    }
    let mut spec = object
        .take("spec")
        .and_then(crate::import::tree::Value::as_object)
        .map(crate::import::tree::Map::to_json)
        .unwrap_or_default();
    for field in node_type.fields.items() {
        let Some(id) = field.id.non_empty() else {
            continue;
        };
        if PluginNodeData::METADATA_FIELDS.contains(&id) {
            continue;
        }
        let path = field.path.non_empty().unwrap_or(id);
        let Some(value) = take_path(&mut spec, path) else {
            continue;
        };
        if written_back(field, &value) {
            data.insert(id.to_owned(), value);
        } else {
            unread.push(format!(
                "/spec/{}",
                path.split('.').map(escape).collect::<Vec<_>>().join("/")
            ));
        }
    }
    leaves(&spec, "/spec", &mut unread);
    unread
}

/// Whether the compiler writes `value` back as it is: converted by the field's type to
/// itself, and not blank (a blank value gives the field's default, or nothing).
fn written_back(field: &PluginField, value: &Value) -> bool {
    let blank = value.is_null() || value.as_str().is_some_and(|text| text.trim().is_empty());
    !blank && field.spec_value(value).as_ref() == Ok(value)
}

/// Removes the value at a dotted `path` of `spec`, and the objects it leaves empty.
fn take_path(spec: &mut Map<String, Value>, path: &str) -> Option<Value> {
    let (first, rest) = match path.split_once('.') {
        Some((first, rest)) => (first.trim(), Some(rest)),
        None => (path.trim(), None),
    };
    let Some(rest) = rest else {
        return spec.remove(first);
    };
    let inner = spec.get_mut(first)?.as_object_mut()?;
    let value = take_path(inner, rest);
    if inner.is_empty() {
        spec.remove(first);
    }
    value
}

/// The pointers of the values left in `spec`.
fn leaves(spec: &Map<String, Value>, pointer: &str, out: &mut Vec<String>) {
    for (key, value) in spec {
        let at = format!("{pointer}/{}", escape(key));
        match value.as_object() {
            Some(inner) if !inner.is_empty() => leaves(inner, &at, out),
            _ => out.push(at),
        }
    }
}
