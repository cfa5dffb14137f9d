//! Plugin node data: a custom resource described by a plugin definition.

use serde_json::Value;

use crate::model::macros::wire_struct;
use crate::model::plugin::PluginField;

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
    /// The value of the field `id`: `name` and `namespace` from their own keys, the rest
    /// from the keys beside them.
    pub fn field_value(&self, id: &str) -> Option<&Value> {
        self.extra.get(id)
    }
}
