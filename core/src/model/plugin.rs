//! Plugin definitions: custom resource kinds a canvas can place as nodes.

use serde_json::Value;

use super::macros::{wire_enum, wire_struct};

wire_enum! {
    /// Input widget of a plugin field.
    pub enum PluginFieldType {
        /// One-line text.
        "text" => Text,
        /// A number.
        "number" => Number,
        /// One of `options`.
        "select" => Select,
        /// Multi-line text.
        "textarea" => Textarea,
    }
}

wire_enum! {
    /// How a field's text becomes a spec value (kubegraph extension).
    pub enum PluginValueType {
        /// Kept as a string.
        "string" => String,
        /// Parsed as a number.
        "number" => Number,
        /// `true` or `false`.
        "boolean" => Boolean,
        /// Split on commas into a list of trimmed strings.
        "list" => List,
    }
}

wire_struct! {
    /// One field of a plugin node type.
    pub struct PluginField {
        /// Field id; the key of the value in node data.
        "id" => id: String,
        /// Label shown in the UI.
        "label" => label: String,
        /// Input widget.
        "type" => field_type: PluginFieldType,
        /// Whether a value is required.
        "required" => required: bool,
        /// Default value.
        "default" => default: Value,
        /// Allowed values of a `select` field.
        "options" => options: Vec<String>,
        /// Input hint.
        "placeholder" => placeholder: String,
        /// Dotted path of the value in `spec`, for example `issuerRef.name` (kubegraph
        /// extension; default: the field id as a top-level key).
        "path" => path: String,
        /// How the value is converted (kubegraph extension; default from `type`).
        "valueType" => value_type: PluginValueType,
    }
}

wire_struct! {
    /// A node type offered by a plugin.
    pub struct PluginNodeType {
        /// Type name, matched against a node's `templateId`.
        "name" => name: String,
        /// Display name.
        "displayName" => display_name: String,
        /// Description.
        "description" => description: String,
        /// Category.
        "category" => category: String,
        /// Fields.
        "fields" => fields: Vec<PluginField>,
        /// Example YAML shown by the UI.
        "defaultYaml" => default_yaml: String,
        /// `group/version` of the custom resource (kubegraph extension; default
        /// `<crdGroup>/v1` with a warning).
        "apiVersion" => api_version: String,
        /// Kind of the custom resource (kubegraph extension; default: the `crdKinds` entry
        /// matching the type name).
        "kind" => kind: String,
    }
}

wire_struct! {
    /// A plugin: a set of custom resource node types from one CRD group.
    pub struct PluginDefinition {
        /// Plugin id, matched against a node's `pluginId`.
        "id" => id: String,
        /// Plugin name.
        "name" => name: String,
        /// Display name.
        "displayName" => display_name: String,
        /// Description.
        "description" => description: String,
        /// Category.
        "category" => category: String,
        /// Plugin version.
        "version" => version: String,
        /// API group of the custom resources, for example `cert-manager.io`.
        "crdGroup" => crd_group: String,
        /// Kinds in the group.
        "crdKinds" => crd_kinds: Vec<String>,
        /// Node types.
        "nodeTypes" => node_types: Vec<PluginNodeType>,
    }
}

impl PluginDefinition {
    /// The node type called `name`.
    pub fn node_type(&self, name: &str) -> Option<&PluginNodeType> {
        self.node_types
            .items()
            .iter()
            .find(|node_type| node_type.name.as_str() == Some(name))
    }

    /// The `crdKinds` entry matching a node type name, ignoring case.
    pub fn kind_for(&self, type_name: &str) -> Option<&str> {
        self.crd_kinds
            .items()
            .iter()
            .map(String::as_str)
            .find(|kind| kind.eq_ignore_ascii_case(type_name))
    }
}

/// Finds the plugin and node type a plugin node refers to.
pub fn find_node_type<'a>(
    plugins: &'a [PluginDefinition],
    plugin_id: Option<&str>,
    type_name: &str,
) -> Option<(&'a PluginDefinition, &'a PluginNodeType)> {
    plugins
        .iter()
        .filter(|plugin| plugin_id.is_none() || plugin.id.as_str() == plugin_id)
        .find_map(|plugin| {
            plugin
                .node_type(type_name)
                .map(|node_type| (plugin, node_type))
        })
}
