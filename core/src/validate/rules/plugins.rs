//! Plugin (custom resource) nodes: a definition for the node type, and field values that
//! fit it: required fields filled, `number` fields numeric, `select` values among the
//! options.
//!
//! The definition is the node type named by `templateId`, preferably from the plugin whose
//! id is the node's `pluginId`. Without one, `validate` warns (compile refuses the node)
//! and the fields the UI copied into `_pluginFields` are checked instead. The designer
//! writes number fields as text (`"3"`): text that spells a number is one, as compiling
//! reads it. Whether the definition gives the resource's kind is the `plugin_kinds` rule's.

use std::borrow::Cow;

use serde_json::Value;

use super::{Check, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::GraphNode;
use crate::model::NodeData;
use crate::model::kinds::{FieldInput, PluginNodeData};
use crate::model::{NodeKind, PluginField, PluginFieldType, PluginOption, PluginValueType};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::UnknownPlugin, Code::InvalidPluginValue],
    check: Check::Nodes(&[NodeKind::Plugin], check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let plugins = cx.options.plugins;
    let Some(NodeData::Plugin(data)) = node.data() else {
        return;
    };
    let fields = match data.definition(plugins) {
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
                "no plugin definition has a node type \"{name}\" (pluginId \"{plugin}\"); the node cannot be compiled without it"
            )
        }
        (Some(name), None) => {
            format!(
                "no plugin definition has a node type \"{name}\"; the node cannot be compiled without it"
            )
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

/// The error compiling reports for a field value it cannot convert to the field's value
/// type or place at the field's path (validation does not convert values).
pub(crate) fn unusable_value(node: &GraphNode<'_>, id: &str, problem: &str) -> Diagnostic {
    let message = format!("{}: field {id}: {problem}", node.describe());
    node_problem(
        node,
        node.data_path().key(id),
        Code::InvalidPluginValue,
        message,
    )
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
    let value = value.filter(|text| !text.trim().is_empty());
    let Some(value) = value.as_deref().map(str::trim) else {
        // The `names` rule reports a missing name.
        if field.required.is_true() && field.default.is_missing() && id != "name" {
            let message = format!("required field \"{label}\" ({id}) is empty");
            cx.report(
                node_problem(node, at(), Code::InvalidPluginValue, message)
                    .hint(format!("fill in {label}")),
            );
        }
        check_default(cx, node, data, field, id, label);
        return;
    };
    if field.field_type.get() == Some(&PluginFieldType::Select) {
        let options: Vec<&str> = field
            .options
            .items()
            .iter()
            .filter_map(PluginOption::value)
            .collect();
        if !options.is_empty() && !options.contains(&value) {
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
    // A value kept as given needs no conversion (and no copy).
    if field.value_type().is_none() || PluginNodeData::METADATA_FIELDS.contains(&id) {
        return;
    }
    let Some(given) = data.field_value(id) else {
        return;
    };
    // Converted as compiling converts it, which then leaves the value out in silence.
    if let Err(problem) = field.spec_value(given) {
        let (message, hint) = if field.value_type() == Some(PluginValueType::Number) {
            (
                format!("field \"{label}\" ({id}) must be a number, found \"{value}\""),
                "enter a number such as 3 or 0.5",
            )
        } else {
            (
                format!("field \"{label}\" ({id}): {problem}"),
                "enter a value of the field's type",
            )
        };
        cx.report(node_problem(node, at(), Code::InvalidPluginValue, message).hint(hint));
    }
}

/// A field left empty gets its default, which must convert as a value would.
fn check_default(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    data: &PluginNodeData,
    field: &PluginField,
    id: &str,
    label: &str,
) {
    if field.value_type().is_none() || PluginNodeData::METADATA_FIELDS.contains(&id) {
        return;
    }
    let Some(FieldInput::Default(default)) = data.input(field, id) else {
        return;
    };
    if let Err(problem) = field.spec_value(default) {
        let message =
            format!("the default of field \"{label}\" ({id}) in the plugin definition: {problem}");
        cx.report(
            node_problem(
                node,
                node.data_path().key(id),
                Code::InvalidPluginValue,
                message,
            )
            .hint(format!(
                "fill in {label}, or correct its default in the plugin definition"
            )),
        );
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
    use crate::diagnostic::Code;
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
        let found = diagnostics_with(
            Code::UnknownPlugin,
            NODES,
            ValidateOptions { plugins: &plugins },
        );
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
        assert_eq!(found[4].severity, Severity::Error);
    }

    #[test]
    fn without_definitions_every_plugin_node_warns() {
        let found = diagnostics_of(Code::UnknownPlugin, NODES);
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            ["unknown-plugin", "invalid-plugin-value", "unknown-plugin"]
        );
    }

    #[test]
    fn designer_options_and_numbers_written_as_text_are_read() {
        let plugins: Vec<PluginDefinition> = serde_json::from_str(
            r#"[{"id": "cnpg", "nodeTypes": [{"name": "pg-cluster", "fields": [
                {"id": "instances", "label": "Instances", "type": "number", "default": "1"},
                {"id": "mode", "label": "Mode", "type": "select",
                 "options": [{"value": "replica", "label": "Replica"}, "primary"]}]}]}]"#,
        )
        .expect("definitions");
        let node = |id: &str, instances: &str, mode: &str| {
            format!(
                r#"{{"id": "{id}", "type": "plugin", "data": {{"name": "{id}", "templateId": "pg-cluster",
                    "instances": {instances}, "mode": "{mode}"}}}}"#
            )
        };
        let nodes = [
            node("fine", r#"" 3 ""#, "replica"),
            node("plain-option", "2", "primary"),
            node("labels-are-not-values", r#""3""#, "Replica"),
            node("no-number", r#""3 pods""#, "primary"),
            node("not-finite", r#""NaN""#, "primary"),
        ]
        .join(",");
        let found = diagnostics_with(
            Code::UnknownPlugin,
            &format!(r#"{{"nodes": [{nodes}]}}"#),
            ValidateOptions { plugins: &plugins },
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-plugin-value",
                    "/nodes/2/data/mode".into(),
                    "labels-are-not-values"
                ),
                (
                    "invalid-plugin-value",
                    "/nodes/3/data/instances".into(),
                    "no-number"
                ),
                (
                    "invalid-plugin-value",
                    "/nodes/4/data/instances".into(),
                    "not-finite"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "field \"Mode\" (mode) is \"Replica\", which is not one of: replica, primary"
        );
        assert_eq!(
            found[1].message,
            "field \"Instances\" (instances) must be a number, found \"3 pods\""
        );
    }

    #[test]
    fn defaults_and_extended_value_types_convert_as_compiling_converts_them() {
        let plugins: Vec<PluginDefinition> = serde_json::from_str(
            r#"[{"id": "acme", "nodeTypes": [{"name": "widget", "fields": [
                {"id": "size", "label": "Size", "type": "number", "default": "ten"},
                {"id": "isCA", "label": "Is CA", "type": "select", "valueType": "boolean"}]}]}]"#,
        )
        .expect("definitions");
        let found = diagnostics_with(
            Code::UnknownPlugin,
            r#"{"nodes": [
                {"id": "a", "type": "plugin", "data": {"name": "a", "templateId": "widget", "isCA": "yes"}},
                {"id": "b", "type": "plugin", "data": {"name": "b", "templateId": "widget", "size": "4", "isCA": "false"}}]}"#,
            ValidateOptions { plugins: &plugins },
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-plugin-value", "/nodes/0/data/isCA".into(), "a"),
                ("invalid-plugin-value", "/nodes/0/data/size".into(), "a"),
            ]
        );
        assert_eq!(
            found[0].message,
            "field \"Is CA\" (isCA): expected true or false"
        );
        assert_eq!(
            found[1].message,
            "the default of field \"Size\" (size) in the plugin definition: expected a number"
        );
    }
}
