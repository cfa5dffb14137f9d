//! The JSON Schema bundle the package's TypeScript types are generated from.
//!
//! `types/api.schema.json` holds, as `$defs`, the schema of every argument and result of
//! the JS functions, generated here from the Rust types with the core's schema settings.
//! build.sh turns it into `types.d.ts` (json-schema-to-typescript), and the node suite
//! checks the shipped `types.d.ts` against it and the real results against the schemas,
//! so the TypeScript definitions cannot drift from the Rust types without a test failing.
//! `KUBEGRAPH_BLESS=1 cargo test -p kubegraph-wasm` rewrites the committed bundle.

use std::fs;
use std::path::PathBuf;

use kubegraph::Diagnostic;
use kubegraph::Edit;
use kubegraph::model::{PluginDefinition, RuntimeValues, Workflow};
use kubegraph_bindings::document::UpdateOutput;
use kubegraph_bindings::{
    AppliedFixes, CompileOutput, ComposeOutput, Fix, FixOutput, GraphFormat, GraphOutput,
    ImportOutput, Options,
};
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

/// The bundle: one `$defs` entry per exported type, all sharing one set of definitions.
fn bundle() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    // Referenced so that each lands in the shared definitions under its own name.
    for reference in [
        generator.subschema_for::<Workflow>(),
        generator.subschema_for::<Options>(),
        generator.subschema_for::<CompileOutput>(),
        generator.subschema_for::<Diagnostic>(),
        generator.subschema_for::<RuntimeValues>(),
        generator.subschema_for::<PluginDefinition>(),
        generator.subschema_for::<FixOutput>(),
        generator.subschema_for::<AppliedFixes>(),
        generator.subschema_for::<Fix>(),
        generator.subschema_for::<Edit>(),
        generator.subschema_for::<UpdateOutput>(),
        generator.subschema_for::<ImportOutput>(),
        generator.subschema_for::<ComposeOutput>(),
        generator.subschema_for::<GraphFormat>(),
        generator.subschema_for::<GraphOutput>(),
    ] {
        assert!(
            reference.get("$ref").is_some(),
            "every exported type is a named definition"
        );
    }
    let mut defs = generator.take_definitions(true);

    // The facade takes values and plugins as any JSON so that their mistakes come back as
    // diagnostics; TypeScript callers get the documented shapes.
    set_property(
        &mut defs,
        "Options",
        "values",
        json!({ "anyOf": [{ "$ref": "#/$defs/RuntimeValues" }, { "type": "null" }] }),
    );
    // Plugin definitions as `Options.plugins` and `fromManifests` take them.
    defs.insert(
        "Plugins".into(),
        json!({
            "description": "Plugin definitions: an array, or the plugin catalogue's body `{\"plugins\": [...]}`.",
            "anyOf": [
                { "type": "array", "items": { "$ref": "#/$defs/PluginDefinition" } },
                {
                    "description": "The plugin catalogue endpoint's body, as it came.",
                    "type": "object",
                    "required": ["plugins"],
                    "properties": {
                        "plugins": { "type": "array", "items": { "$ref": "#/$defs/PluginDefinition" } }
                    }
                }
            ]
        }),
    );
    set_property(
        &mut defs,
        "Options",
        "plugins",
        json!({ "anyOf": [{ "$ref": "#/$defs/Plugins" }, { "type": "null" }] }),
    );
    set_property(
        &mut defs,
        "CompileOutput",
        "objects",
        json!({ "type": "array", "items": { "$ref": "#/$defs/KubernetesObject" } }),
    );
    // The facade passes the edited workflow on as JSON; it is the workflow it was given.
    for def in ["FixOutput", "AppliedFixes"] {
        set_property(
            &mut defs,
            def,
            "workflow",
            json!({ "anyOf": [{ "$ref": "#/$defs/Workflow" }, { "type": "null" }] }),
        );
    }
    // The importers build their workflow and values as JSON; they are a workflow and
    // run-time values.
    set_property(
        &mut defs,
        "ImportOutput",
        "workflow",
        json!({ "$ref": "#/$defs/Workflow" }),
    );
    set_property(
        &mut defs,
        "ComposeOutput",
        "workflow",
        json!({ "anyOf": [{ "$ref": "#/$defs/Workflow" }, { "type": "null" }] }),
    );
    for def in ["ImportOutput", "ComposeOutput"] {
        set_property(
            &mut defs,
            def,
            "values",
            json!({ "$ref": "#/$defs/RuntimeValues" }),
        );
    }
    // A patch's `value` is any JSON; with only a description, json-schema-to-typescript
    // would make it an object.
    let variants = defs
        .get_mut("PatchOperation")
        .and_then(|def| def.get_mut("oneOf"))
        .and_then(Value::as_array_mut)
        .expect("PatchOperation is a oneOf of its operations");
    for variant in variants {
        if let Some(value) = variant.pointer_mut("/properties/value") {
            value["type"] = json!(["object", "array", "string", "number", "boolean", "null"]);
        }
    }
    defs.insert(
        "KubernetesObject".into(),
        json!({
            "description": "One manifest, as `kubectl apply` takes it.",
            "type": "object",
            "required": ["apiVersion", "kind", "metadata"],
            "properties": {
                "apiVersion": { "type": "string" },
                "kind": { "type": "string" },
                "metadata": { "type": "object" }
            }
        }),
    );
    defs.insert(
        "SchemaName".into(),
        json!({ "description": "A name `schema()` accepts.", "enum": kubegraph::schema::names() }),
    );
    defs.insert(
        "JsonSchema".into(),
        json!({ "description": "A JSON Schema (draft 2020-12).", "type": "object" }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kubegraph.dev/schemas/wasm-api.schema.json",
        "title": "kubegraph",
        "description": "Arguments and results of the kubegraph npm package. Generated from the Rust types by `KUBEGRAPH_BLESS=1 cargo test -p kubegraph-wasm`; do not edit.",
        "$defs": defs
    })
}

/// Replaces one property's schema, failing loudly when the Rust type no longer has it.
fn set_property(defs: &mut Map<String, Value>, def: &str, property: &str, schema: Value) {
    let slot = defs
        .get_mut(def)
        .and_then(|def| def.get_mut("properties"))
        .and_then(|properties| properties.get_mut(property))
        .unwrap_or_else(|| panic!("{def} has no property `{property}`: update types.rs"));
    let description = slot.get("description").cloned();
    *slot = schema;
    if let (Some(description), Value::Object(slot)) = (description, slot) {
        slot.insert("description".into(), description);
    }
}

#[test]
fn committed_bundle_matches_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("types/api.schema.json");
    let mut generated = serde_json::to_string_pretty(&bundle()).expect("serializable");
    generated.push('\n');
    if std::env::var_os("KUBEGRAPH_BLESS").is_some_and(|value| value != "0") {
        fs::create_dir_all(path.parent().expect("has a parent")).expect("create types/");
        fs::write(&path, generated).expect("write the bundle");
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} differs from the Rust types; run `KUBEGRAPH_BLESS=1 cargo test -p kubegraph-wasm` and rebuild",
        path.display()
    );
}
