//! Plugin node data: a custom resource described by a plugin definition.

use serde_json::Value;

use crate::model::macros::wire_struct;
use crate::model::plugin::{PluginDefinition, PluginField, PluginNodeType, find_node_type};

wire_struct! {
    /// A custom resource node. Field values sit beside these keys, one per field id,
    /// and are kept in `extra`.
    pub struct PluginNodeData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// The plugin's node type name, for example `certificate`.
        "templateId" => template_id: String,
        /// Plugin id, for example `certmanager`.
        "pluginId" => plugin_id: String,
        /// Plugin category.
        "pluginCategory" => plugin_category: String,
        /// Display name.
        "displayName" => display_name: String,
        /// Field definitions the UI copied from the plugin.
        "_pluginFields" => plugin_fields: Vec<PluginField>,
    }
}

impl PluginNodeData {
    /// Field ids that are metadata (their own keys), never spec values.
    pub const METADATA_FIELDS: &'static [&'static str] = &["name", "namespace"];

    /// The value of the field `id`: `name` and `namespace` from their own keys, the rest
    /// from the keys beside them.
    pub fn field_value(&self, id: &str) -> Option<&Value> {
        self.extra.get(id)
    }

    /// The plugin and node type describing this node: the node type named by
    /// `templateId`, from the plugin whose id is `pluginId` when one has it, else from any
    /// plugin.
    pub fn definition<'p>(
        &self,
        plugins: &'p [PluginDefinition],
    ) -> Option<(&'p PluginDefinition, &'p PluginNodeType)> {
        let name = self.template_id.non_empty()?;
        find_node_type(plugins, self.plugin_id.non_empty(), name)
            .or_else(|| find_node_type(plugins, None, name))
    }

    /// The value field `id` puts in the spec: the node's own, else the field's default;
    /// `None` when both are blank.
    pub fn input<'a>(&'a self, field: &'a PluginField, id: &str) -> Option<FieldInput<'a>> {
        if let Some(given) = self.field_value(id).filter(|value| !is_blank(value)) {
            return Some(FieldInput::Given(given));
        }
        field
            .default
            .get()
            .filter(|value| !is_blank(value))
            .map(FieldInput::Default)
    }
}

/// Where a plugin field's value comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldInput<'a> {
    /// Typed on the canvas.
    Given(&'a Value),
    /// The field's default in the definition.
    Default(&'a Value),
}

impl<'a> FieldInput<'a> {
    /// The value, wherever it came from.
    pub fn value(self) -> &'a Value {
        match self {
            FieldInput::Given(value) | FieldInput::Default(value) => value,
        }
    }
}

/// Whether a field holds no value (`null` or blank text, as a cleared box writes).
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}
