//! Custom resources from plugin nodes, shaped by the plugin definitions.
//!
//! The reference hard-coded `apiVersion: <crdGroup>/v1`, guessed the kind and wrote a
//! flat spec of strings. A node type may now say its `apiVersion` and `kind`, and each
//! field its `path` (dotted, for nested spec keys) and `valueType`. Without them:
//! `<crdGroup>/v1` with a warning, the `crdKinds` entry matching the type name as the
//! reference matches it (`plugin_kinds` rule), `number` fields as numbers (the designer
//! writes `"3"`), every other value as given, each field id a top-level spec key.
//! `name` and `namespace` go to the metadata, never into the spec. The resource carries
//! the reference's `kubeorch.io/plugin` and `kubeorch.io/node-type` labels, which tools
//! around it select on.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::{Map, Value};

use crate::compile::context::Context;
use crate::compile::metadata::Role;
use crate::compile::object::{CustomResource, Object};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::graph::labels::label_value;
use crate::model::kinds::PluginNodeData;
use crate::model::{ApiVersion, PluginDefinition};
use crate::validate::rules::unusable_value;

/// The label naming the plugin of a custom resource, as the reference writes it.
const PLUGIN_LABEL: &str = "kubeorch.io/plugin";

/// The label naming the plugin node type of a custom resource, as the reference writes it.
const NODE_TYPE_LABEL: &str = "kubeorch.io/node-type";

/// A custom resource for a plugin node; skipped when no definition describes it or gives
/// its kind and apiVersion (validation reports both).
pub(super) fn custom_resource<'a>(
    cx: &mut Context<'a>,
    node: &GraphNode<'a>,
    data: &PluginNodeData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let at = || node.data_path().key("templateId");
    let Some((plugin, node_type)) = data.definition(cx.plugins) else {
        cx.skip(node, at());
        return None;
    };
    let type_name = data.template_id.non_empty().unwrap_or_default();
    // The `plugin_kinds` rule reports a guessed kind, and one it cannot find.
    let resolved = plugin
        .resolve_kind(node_type, type_name)
        .zip(plugin.api_version(node_type));
    let Some((kind, api_version)) = resolved else {
        cx.skip(node, at());
        return None;
    };
    if let ApiVersion::Assumed(group) = api_version {
        cx.report(
            node,
            Code::AssumedApiVersion,
            at(),
            format!("{}: apiVersion {group}/v1 is assumed", node.describe()),
        )
        .hint("add `apiVersion` to the node type in the plugin definition");
    }
    let api_version = api_version.written();
    let mut spec = Map::new();
    for field in node_type.fields.items() {
        let Some(id) = field.id.non_empty() else {
            continue;
        };
        if PluginNodeData::METADATA_FIELDS.contains(&id) {
            continue;
        }
        let Some(input) = data.input(field, id) else {
            continue;
        };
        // The `plugins` rule reports a value that does not convert.
        let Ok(value) = field.spec_value(input.value()) else {
            cx.skip(node, node.data_path().key(id));
            continue;
        };
        let path = field.path.non_empty().unwrap_or(id);
        if let Err(problem) = insert(&mut spec, path, value) {
            cx.push(unusable_value(node, id, &problem));
        }
    }
    Some(Object::Custom(Box::new(CustomResource {
        api_version,
        kind: kind.kind().to_owned(),
        metadata: with_plugin_labels(
            cx.labels.meta(name, node.namespace(), Role::Plain, None),
            plugin,
            type_name,
        ),
        spec,
    })))
}

/// Adds the reference's labels naming the plugin (its `name`, else its id) and the node
/// type, as label values. A label already set keeps its value.
fn with_plugin_labels(
    mut metadata: ObjectMeta,
    plugin: &PluginDefinition,
    type_name: &str,
) -> ObjectMeta {
    let plugin_name = plugin.name.non_empty().or_else(|| plugin.id.non_empty());
    let labels = metadata.labels.get_or_insert_with(BTreeMap::new);
    for (key, value) in [
        (PLUGIN_LABEL, plugin_name),
        (NODE_TYPE_LABEL, Some(type_name)),
    ] {
        if let Some(value) = value.and_then(label_value) {
            labels.entry(key.to_owned()).or_insert(value);
        }
    }
    metadata
}

/// Puts `value` at a dotted `path` of `spec`, creating the objects on the way. Two fields
/// on one path, or a path through a non-object value, are refused.
fn insert(spec: &mut Map<String, Value>, path: &str, value: Value) -> Result<(), String> {
    let segments: Vec<&str> = path.split('.').map(str::trim).collect();
    if segments.iter().any(|segment| segment.is_empty()) {
        return Err(format!("path \"{path}\" has an empty segment"));
    }
    let (last, parents) = segments
        .split_last()
        .ok_or_else(|| "the path is empty".to_owned())?;
    let mut current = spec;
    for segment in parents {
        let entry = current
            .entry((*segment).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        current = entry
            .as_object_mut()
            .ok_or_else(|| format!("path \"{path}\" runs through another field's value"))?;
    }
    if current.contains_key(*last) {
        return Err(format!("path \"{path}\" is used by another field"));
    }
    current.insert((*last).to_owned(), value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dotted_paths_nest_and_conflicts_are_refused() {
        let mut spec = Map::new();
        assert!(insert(&mut spec, "issuerRef.name", json!("le")).is_ok());
        assert!(insert(&mut spec, "issuerRef.kind", json!("ClusterIssuer")).is_ok());
        assert_eq!(
            Value::Object(spec.clone()),
            json!({"issuerRef": {"name": "le", "kind": "ClusterIssuer"}})
        );
        assert!(insert(&mut spec, "issuerRef.name.x", json!(1)).is_err());
        assert!(insert(&mut spec, "issuerRef", json!(1)).is_err());
        assert!(insert(&mut spec, "a..b", json!(1)).is_err());
    }
}
