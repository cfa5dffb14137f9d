//! Plugin definitions: custom resource kinds a canvas can place as nodes.

use serde_json::Value;

use super::macros::{wire_enum, wire_struct};
use super::read::{leaf, read_through_serde};

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
    /// An option of a `select` field as the designer writes it.
    pub struct LabelledOption {
        /// The value stored in node data.
        "value" => value: String,
        /// The text shown in the list.
        "label" => label: String,
    }
}

/// An option of a `select` field: `{value, label}` as the designer writes it, or a plain
/// string, its own label.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PluginOption {
    /// A plain string.
    Plain(String),
    /// `{value, label}`.
    Labelled(LabelledOption),
}

impl PluginOption {
    /// The value a field holds when this option is chosen.
    pub fn value(&self) -> Option<&str> {
        match self {
            PluginOption::Plain(value) => Some(value),
            PluginOption::Labelled(option) => option.value.as_str(),
        }
    }
}

leaf!(PluginOption);
read_through_serde!(Vec<PluginOption>);

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
        "options" => options: Vec<PluginOption>,
        /// Input hint.
        "placeholder" => placeholder: String,
        /// Dotted path of the value in `spec`, for example `issuerRef.name` (kubegraph
        /// extension; default: the field id as a top-level key).
        "path" => path: String,
        /// How the value is converted (kubegraph extension; default from `type`).
        "valueType" => value_type: PluginValueType,
    }
}

impl PluginField {
    /// How the field's value becomes a spec value: its `valueType`, else a number for a
    /// `number` field; `None` keeps the value as given.
    pub fn value_type(&self) -> Option<PluginValueType> {
        self.value_type.get().copied().or_else(|| {
            (self.field_type.get() == Some(&PluginFieldType::Number))
                .then_some(PluginValueType::Number)
        })
    }

    /// The spec value of `raw` (the node's value or the default): converted as
    /// [`Self::value_type`] says. The error says what was expected and never quotes the
    /// value.
    pub fn spec_value(&self, raw: &Value) -> Result<Value, String> {
        let Some(value_type) = self.value_type() else {
            return Ok(raw.clone());
        };
        match (value_type, raw) {
            (PluginValueType::String, Value::String(_)) => Ok(raw.clone()),
            (PluginValueType::String, Value::Number(_) | Value::Bool(_)) => {
                Ok(Value::String(raw.to_string()))
            }
            (PluginValueType::Number, Value::Number(_)) => Ok(raw.clone()),
            (PluginValueType::Number, Value::String(text)) => parse_number(text)
                .map(Value::Number)
                .ok_or_else(|| "expected a number".to_owned()),
            (PluginValueType::Boolean, Value::Bool(_)) => Ok(raw.clone()),
            (PluginValueType::Boolean, Value::String(text)) => match text.trim() {
                t if t.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
                t if t.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
                _ => Err("expected true or false".to_owned()),
            },
            (PluginValueType::List, Value::String(text)) => Ok(Value::Array(
                text.split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| Value::String(item.to_owned()))
                    .collect(),
            )),
            (PluginValueType::List, Value::Array(items)) => Ok(Value::Array(items.clone())),
            (value_type, _) => Err(format!("expected a {value_type} value")),
        }
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
        /// matching the type name, case, `-` and `_` ignored, else the first containing it
        /// or contained in it).
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

    /// The kind of the custom resource a node type makes: the node type's own `kind`, else
    /// the `crdKinds` entry matching the type name as the reference matches it, ignoring
    /// case, `-` and `_`. An equal entry is exact; else the first entry, in `crdKinds`
    /// order, that contains the name or is contained in it is a guess.
    pub fn resolve_kind<'d>(
        &'d self,
        node_type: &'d PluginNodeType,
        type_name: &str,
    ) -> Option<KindMatch<'d>> {
        if let Some(kind) = node_type.kind.non_empty() {
            return Some(KindMatch::Exact(kind));
        }
        let name = normalise(type_name);
        if name.is_empty() {
            return None;
        }
        let kinds: Vec<(&str, String)> = self
            .crd_kinds
            .items()
            .iter()
            .map(|kind| (kind.as_str(), normalise(kind)))
            .filter(|(_, normalised)| !normalised.is_empty())
            .collect();
        if let Some((kind, _)) = kinds.iter().find(|(_, kind)| *kind == name) {
            return Some(KindMatch::Exact(kind));
        }
        let mut candidates = kinds
            .iter()
            .filter(|(_, kind)| kind.contains(&name) || name.contains(kind.as_str()))
            .map(|(kind, _)| *kind);
        let kind = candidates.next()?;
        Some(KindMatch::Guessed {
            kind,
            others: candidates.collect(),
        })
    }

    /// The apiVersion of a node type's custom resource: its own, else `<crdGroup>/v1`
    /// (assumed, as the reference does); `None` without either.
    pub fn api_version<'d>(&'d self, node_type: &'d PluginNodeType) -> Option<ApiVersion<'d>> {
        match node_type.api_version.non_empty() {
            Some(api_version) => Some(ApiVersion::Given(api_version)),
            None => self.crd_group.non_empty().map(ApiVersion::Assumed),
        }
    }
}

/// A custom resource kind found for a plugin node type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KindMatch<'d> {
    /// Named by the node type, or a `crdKinds` entry equal to the type name.
    Exact(&'d str),
    /// A `crdKinds` entry containing the type name or contained in it (`pg-cluster` →
    /// `Cluster`); `others` are the further entries that match so, in `crdKinds` order.
    Guessed {
        /// The kind chosen.
        kind: &'d str,
        /// The other candidates.
        others: Vec<&'d str>,
    },
}

impl<'d> KindMatch<'d> {
    /// The kind, however it was found.
    pub fn kind(&self) -> &'d str {
        match self {
            KindMatch::Exact(kind) | KindMatch::Guessed { kind, .. } => kind,
        }
    }
}

/// The apiVersion of a plugin node type's custom resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiVersion<'d> {
    /// Given by the node type.
    Given(&'d str),
    /// `<group>/v1` from the plugin's `crdGroup`, assumed.
    Assumed(&'d str),
}

impl ApiVersion<'_> {
    /// The `apiVersion` the custom resource is written with: as given, or `<group>/v1`.
    pub fn written(&self) -> String {
        match self {
            ApiVersion::Given(given) => (*given).to_owned(),
            ApiVersion::Assumed(group) => format!("{group}/v1"),
        }
    }
}

/// A kind or type name as the reference compares them: lower case, without `-` and `_`.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The number a plugin field's text spells (surrounding blanks ignored): an integer when
/// it is one, else a finite float. The designer writes number fields as text (`"3"`).
pub fn parse_number(text: &str) -> Option<serde_json::Number> {
    let text = text.trim();
    if let Ok(integer) = text.parse::<i64>() {
        return Some(integer.into());
    }
    text.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn field(definition: Value) -> PluginField {
        serde_json::from_value(definition).expect("a field")
    }

    #[test]
    fn values_convert_by_type() {
        let list = field(json!({"id": "hosts", "valueType": "list"}));
        assert_eq!(
            list.spec_value(&json!(" a.example.com, b.example.com ,")),
            Ok(json!(["a.example.com", "b.example.com"]))
        );
        let number = field(json!({"id": "instances", "type": "number"}));
        assert_eq!(number.spec_value(&json!("42")), Ok(json!(42)));
        assert_eq!(number.spec_value(&json!(" 3 ")), Ok(json!(3)));
        assert_eq!(number.spec_value(&json!("2.5")), Ok(json!(2.5)));
        assert!(number.spec_value(&json!("ten")).is_err());
        assert!(number.spec_value(&json!("inf")).is_err());
        let boolean = field(json!({"id": "isCA", "type": "select", "valueType": "boolean"}));
        assert_eq!(boolean.spec_value(&json!("TRUE")), Ok(json!(true)));
        let text = field(json!({"id": "note", "valueType": "string"}));
        assert_eq!(text.spec_value(&json!(3)), Ok(json!("3")));
        let select = field(json!({"id": "mode", "type": "select"}));
        assert_eq!(select.spec_value(&json!("3")), Ok(json!("3")));
    }

    #[test]
    fn options_are_labelled_objects_or_plain_strings() {
        let select = field(json!({"id": "mode", "type": "select",
            "options": [{"value": "replica", "label": "Replica", "icon": "r"}, "primary", {"label": "No value"}]}));
        let values: Vec<Option<&str>> = select
            .options
            .items()
            .iter()
            .map(PluginOption::value)
            .collect();
        assert_eq!(values, [Some("replica"), Some("primary"), None]);
        assert_eq!(
            serde_json::to_value(&select).expect("serialisable")["options"][0],
            json!({"value": "replica", "label": "Replica", "icon": "r"})
        );
    }

    #[test]
    fn kinds_are_matched_ignoring_case_dashes_and_underscores() {
        let plugin: PluginDefinition =
            serde_json::from_value(json!({"crdGroup": "postgresql.cnpg.io",
            "crdKinds": ["Backup", "ScheduledBackup", "Cluster", ""],
            "nodeTypes": [{"name": "x"}]}))
            .expect("a plugin");
        let node_type = &plugin.node_types.items()[0];
        let resolve = |name: &str| plugin.resolve_kind(node_type, name);
        assert_eq!(
            resolve("scheduled_backup"),
            Some(KindMatch::Exact("ScheduledBackup"))
        );
        assert_eq!(resolve("CLUSTER"), Some(KindMatch::Exact("Cluster")));
        assert_eq!(
            resolve("pg-cluster"),
            Some(KindMatch::Guessed {
                kind: "Cluster",
                others: vec![]
            })
        );
        assert_eq!(
            resolve("scheduled-backups"),
            Some(KindMatch::Guessed {
                kind: "Backup",
                others: vec!["ScheduledBackup"]
            })
        );
        assert_eq!(resolve("database"), None);
        assert_eq!(resolve("-_"), None);
    }
}
