//! Plugin definitions reach every front end through the facade's `plugins` option: the
//! bare array and the plugin catalogue endpoint's body `{"plugins": [...]}` give the same
//! answers, in compiling and in importing manifests.

use std::fs;
use std::path::{Path, PathBuf};

use kubegraph::Code;
use kubegraph_bindings::{Input, Options, compile, import_manifests, import_manifests_with};
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/workflows")
}

fn compile_with_plugins(plugins: Value) -> kubegraph_bindings::CompileOutput {
    let workflow =
        fs::read_to_string(fixtures().join("cert-manager-plugin.json")).expect("fixture");
    let options = Options {
        plugins: Some(plugins),
        ..Options::default()
    };
    compile(Input::Text(&workflow), &options)
}

#[test]
fn the_catalogue_body_compiles_as_the_bare_array() {
    let text = fs::read_to_string(fixtures().join("plugins.json")).expect("plugins fixture");
    let bare: Value = serde_json::from_str(&text).expect("plugins JSON");
    let from_bare = compile_with_plugins(bare.clone());
    let from_catalogue = compile_with_plugins(json!({ "plugins": bare }));
    assert!(!from_bare.has_errors(), "{:?}", from_bare.diagnostics);
    assert!(from_bare.yaml.contains("kind: Certificate"));
    assert_eq!(from_catalogue.yaml, from_bare.yaml);
    assert_eq!(from_catalogue.objects, from_bare.objects);
    assert_eq!(from_catalogue.diagnostics, from_bare.diagnostics);
}

#[test]
fn a_catalogue_body_whose_plugins_is_not_an_array_is_invalid_plugins() {
    let output = compile_with_plugins(json!({ "plugins": { "id": "certmanager" } }));
    assert!(output.yaml.is_empty());
    assert!(
        output
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.code == Code::InvalidPlugins),
        "{:?}",
        output.diagnostics
    );
}

fn plugin_names(workflow: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = workflow["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|node| node["type"] == "plugin")
        .filter_map(|node| node["data"]["name"].as_str())
        .collect();
    names.sort_unstable();
    names
}

#[test]
fn imported_custom_resources_become_plugin_nodes_with_the_plugins_option() {
    let text = fs::read_to_string(fixtures().join("plugins.json")).expect("plugins fixture");
    let bare: Value = serde_json::from_str(&text).expect("plugins JSON");
    let compiled = compile_with_plugins(bare.clone());
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    let with = |plugins: Value| {
        import_manifests_with(
            &compiled.yaml,
            &Options {
                plugins: Some(plugins),
                ..Options::default()
            },
        )
    };
    let imported = with(bare.clone());
    let drawn: Value = serde_json::from_str(
        &fs::read_to_string(fixtures().join("cert-manager-plugin.json")).expect("fixture"),
    )
    .expect("fixture JSON");
    assert!(!plugin_names(&drawn).is_empty());
    assert_eq!(plugin_names(&imported.workflow), plugin_names(&drawn));
    assert_eq!(with(json!({ "plugins": bare })), imported);

    // Without definitions the custom resources are reported, not imported; definitions
    // that do not read are an error, and the import goes on without them.
    let without = import_manifests(&compiled.yaml);
    assert!(plugin_names(&without.workflow).is_empty());
    assert!(
        without
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.code == Code::ImportUnsupportedKind)
    );
    let broken = with(json!({ "plugins": 3 }));
    assert_eq!(broken.workflow, without.workflow);
    assert_eq!(broken.diagnostics[0].code, Code::InvalidPlugins);
    assert_eq!(broken.diagnostics[1..], without.diagnostics[..]);
}
