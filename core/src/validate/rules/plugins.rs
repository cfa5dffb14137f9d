//! Plugin (custom resource) nodes: a definition for the node type, and field values that
//! fit it: required fields filled, `number` fields numeric, `select` values among the
//! options.
//!
//! The definition is the node type named by `templateId`, preferably from the plugin whose
//! id is the node's `pluginId`. Without one, `validate` warns (compile refuses the node)
//! and the fields the UI copied into `_pluginFields` are checked instead.

use std::borrow::Cow;

use serde_json::Value;

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::NodeData;
use crate::model::kinds::PluginNodeData;
use crate::model::{NodeKind, PluginField, PluginFieldType, find_node_type};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    name: "plugins",
    check: Check::Nodes(&[NodeKind::Plugin], check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let plugins = cx.options.plugins;
    let Some(NodeData::Plugin(data)) = node.data() else {
        return;
    };
    let plugin_id = data.plugin_id.non_empty();
    let definition = data.template_id.non_empty().and_then(|name| {
        find_node_type(plugins, plugin_id, name).or_else(|| find_node_type(plugins, None, name))
    });
    let fields = match definition {
        Some((_, node_type)) => node_type.fields.items(),
        None => {
            unknown(cx, node, data);
            data.plugin_fields.items()
        }
    };
    for field in fields {
        check_field(cx, node, data, field);
    }
}

fn unknown(cx: &mut Context<'_>, node: &GraphNode<'_>, data: &PluginNodeData) {
    let message = match (data.template_id.non_empty(), data.plugin_id.non_empty()) {
        (None, _) => format!(
            "{} has no templateId naming its plugin node type",
            node.describe()
        ),
        (Some(name), Some(plugin)) => {
            format!(
                "no plugin definition has a node type \"{name}\" (pluginId \"{plugin}\"); compile will refuse the node"
            )
        }
        (Some(name), None) => {
            format!("no plugin definition has a node type \"{name}\"; compile will refuse the node")
        }
    };
    cx.report(
        node_problem(
            node,
            node.data_path().key("templateId"),
            Code::UnknownPlugin,
            message,
        )
        .hint("pass the plugin definitions (`--plugins`)"),
    );
}

fn check_field(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    data: &PluginNodeData,
    field: &PluginField,
) {
    let Some(id) = field.id.non_empty() else {
        return;
    };
    let label = field.label.non_empty().unwrap_or(id);
    let value = value_of(data, id);
    let at = || node.data_path().key(id);
    let Some(value) = value.filter(|text| !text.trim().is_empty()) else {
        // The `names` rule reports a missing name.
        if field.required.is_true() && field.default.is_missing() && id != "name" {
            let message = format!("required field \"{label}\" ({id}) is empty");
            cx.report(
                node_problem(node, at(), Code::InvalidPluginValue, message)
                    .hint(format!("fill in {label}")),
            );
        }
        return;
    };
    let value = value.trim();
    match field.field_type.get() {
        Some(PluginFieldType::Number) if value.parse::<f64>().is_err() => {
            let message = format!("field \"{label}\" ({id}) must be a number, found \"{value}\"");
            cx.report(
                node_problem(node, at(), Code::InvalidPluginValue, message)
                    .hint("enter a number such as 3 or 0.5"),
            );
        }
        Some(PluginFieldType::Select) => {
            let options = field.options.items();
            if !options.is_empty() && !options.iter().any(|option| option == value) {
                let message = format!(
                    "field \"{label}\" ({id}) is \"{value}\", which is not one of: {}",
                    options.join(", ")
                );
                cx.report(
                    node_problem(node, at(), Code::InvalidPluginValue, message)
                        .hint("choose one of the listed options"),
                );
            }
        }
        _ => {}
    }
}

/// The value of field `id` as text: `name` and `namespace` from their own keys, the rest
/// from the keys beside them (numbers and booleans as written, other JSON as JSON).
fn value_of<'a>(data: &'a PluginNodeData, id: &str) -> Option<Cow<'a, str>> {
    match id {
        "name" => data.name.as_str().map(Cow::Borrowed),
        "namespace" => data.namespace.as_str().map(Cow::Borrowed),
        _ => match data.field_value(id)? {
            Value::Null => None,
            Value::String(text) => Some(Cow::Borrowed(text)),
            other => Some(Cow::Owned(other.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::model::PluginDefinition;
    use crate::validate::ValidateOptions;
    use crate::validate::tests::{diagnostics_of, diagnostics_with, summary};

    const NODES: &str = r#"{"nodes": [
        {"id": "a", "type": "plugin", "data": {"name": "a", "templateId": "widget", "pluginId": "acme", "size": "ten", "mode": "fast", "extra": ""}},
        {"id": "b", "type": "plugin", "data": {"name": "b", "templateId": "gadget", "pluginId": "acme",
            "_pluginFields": [{"id": "color", "label": "Color", "type": "text", "required": true},
                              {"id": "count", "label": "Count", "type": "number"}],
            "count": "3"}}]}"#;

    #[test]
    fn fields_are_checked_against_the_definition() {
        let plugins: Vec<PluginDefinition> = serde_json::from_str(
            r#"[{"id": "other", "nodeTypes": [{"name": "widget", "fields": [{"id": "never", "required": true}]}]},
                {"id": "acme", "nodeTypes": [{"name": "widget", "fields": [
                    {"id": "size", "label": "Size", "type": "number"},
                    {"id": "mode", "label": "Mode", "type": "select", "options": ["slow", "safe"]},
                    {"id": "extra", "label": "Extra", "type": "text", "required": true},
                    {"id": "tier", "label": "Tier", "type": "text", "required": true, "default": "gold"}]}]}]"#,
        )
        .expect("definitions");
        let found = diagnostics_with("plugins", NODES, ValidateOptions { plugins: &plugins });
        assert_eq!(
            summary(&found),
            [
                ("invalid-plugin-value", "/nodes/0/data/extra".into(), "a"),
                ("invalid-plugin-value", "/nodes/0/data/mode".into(), "a"),
                ("invalid-plugin-value", "/nodes/0/data/size".into(), "a"),
                ("invalid-plugin-value", "/nodes/1/data/color".into(), "b"),
                ("unknown-plugin", "/nodes/1/data/templateId".into(), "b"),
            ]
        );
        assert_eq!(
            found[1].message,
            "field \"Mode\" (mode) is \"fast\", which is not one of: slow, safe"
        );
        assert_eq!(found[4].severity, Severity::Warning);
    }

    #[test]
    fn without_definitions_every_plugin_node_warns() {
        let found = diagnostics_of("plugins", NODES);
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            ["unknown-plugin", "invalid-plugin-value", "unknown-plugin"]
        );
    }
}
