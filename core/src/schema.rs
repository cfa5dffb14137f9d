//! JSON Schemas of every document kubegraph reads or writes, generated from the models.
//!
//! The committed copies under `schemas/` are checked against these by a drift test.

use schemars::Schema;
use schemars::generate::SchemaSettings;

use crate::diagnostic::Diagnostic;
use crate::model::{
    Build, Cluster, NodeKind, PluginDefinition, RuntimeValues, User, VersionDiff, Workflow,
    WorkflowVersion, kind_schema,
};

/// Names of the schemas other than the node data kinds (those are named after the node
/// `type`, for example `deployment`).
const DOCUMENTS: &[&str] = &[
    "workflow",
    "plugins",
    "values",
    "cluster",
    "user",
    "build",
    "diagnostic",
    "workflow-version",
    "version-diff",
];

/// Every schema name, documents first, then node data kinds in their declaration order.
pub fn names() -> Vec<&'static str> {
    DOCUMENTS
        .iter()
        .copied()
        .chain(NodeKind::ALL.iter().map(|kind| kind.as_str()))
        .collect()
}

/// The schema called `name`, or `None` for an unknown name.
pub fn schema(name: &str) -> Option<Schema> {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = match name {
        "workflow" => generator.into_root_schema_for::<Workflow>(),
        "plugins" => generator.into_root_schema_for::<Vec<PluginDefinition>>(),
        "values" => generator.into_root_schema_for::<RuntimeValues>(),
        "cluster" => generator.into_root_schema_for::<Cluster>(),
        "user" => generator.into_root_schema_for::<User>(),
        "build" => generator.into_root_schema_for::<Build>(),
        "diagnostic" => generator.into_root_schema_for::<Diagnostic>(),
        "workflow-version" => generator.into_root_schema_for::<WorkflowVersion>(),
        "version-diff" => generator.into_root_schema_for::<VersionDiff>(),
        other => {
            let kind = NodeKind::from_type(other)?;
            let reference = kind_schema(kind, &mut generator);
            root_from_reference(reference, generator)
        }
    };
    schema.insert(
        "$id".into(),
        format!("https://kubegraph.dev/schemas/{name}.schema.json").into(),
    );
    Some(schema)
}

/// Turns a `$ref` to a definition into a root schema carrying all definitions.
fn root_from_reference(reference: Schema, mut generator: schemars::SchemaGenerator) -> Schema {
    let mut definitions = generator.take_definitions(true);
    let mut root = reference;
    if let Some(target) = root
        .get("$ref")
        .and_then(|value| value.as_str())
        .map(str::to_owned)
    {
        let name = target.trim_start_matches("#/$defs/");
        if let Some(serde_json::Value::Object(body)) = definitions.remove(name) {
            let mut inlined = serde_json::Map::new();
            inlined.insert(
                "$schema".into(),
                "https://json-schema.org/draft/2020-12/schema".into(),
            );
            inlined.extend(body);
            root = Schema::from(inlined);
        }
    }
    let rest: serde_json::Map<_, _> = definitions.into_iter().collect();
    if !rest.is_empty() {
        root.insert("$defs".into(), serde_json::Value::Object(rest));
    }
    root
}

/// The schema text as written to `schemas/<name>.schema.json`: pretty JSON with a final
/// newline.
pub fn schema_text(name: &str) -> Option<String> {
    let schema = schema(name)?;
    let mut text = serde_json::to_string_pretty(&schema).ok()?;
    text.push('\n');
    Some(text)
}
