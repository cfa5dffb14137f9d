//! The JSON-level document: edits given as JSON, answers identical to `validate`.

use std::sync::Arc;

use kubegraph::document::CompiledObject;
use kubegraph_bindings::document::{DocumentError, open};
use kubegraph_bindings::{CompileOutput, Input, Options, validate};
use serde_json::json;

#[test]
fn a_json_edit_reports_what_validate_reports() {
    let workflow = json!({
        "nodes": [{"id": "a", "type": "deployment", "data": {"name": "web", "image": "nginx:1.27"}}],
        "edges": []
    });
    // Unreadable plugin definitions are reported by every full list, as by validate.
    let options = Options::from_value(json!({"plugins": "not a list"})).expect("options");
    let mut document = open(Input::Value(workflow), &options).expect("opens");
    let update = document
        .apply(json!({"op": "patchNodeData", "id": "a",
                      "patch": [{"op": "replace", "path": "/image", "value": "nginx 1.27"}]}))
        .expect("applies");
    let added: Vec<_> = update.added.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(added, ["invalid-image"]);
    let fresh = validate(Input::Value(document.to_json()), &options);
    assert_eq!(document.diagnostics(), fresh);
    assert!(fresh.iter().any(|d| d.code.as_str() == "invalid-plugins"));
}

#[test]
fn a_bad_edit_is_refused() {
    let mut document = open(
        Input::Text(r#"{"nodes": [], "edges": []}"#),
        &Options::default(),
    )
    .expect("opens");
    let shape = document.apply(json!({"op": "moveNode", "id": "a"}));
    assert!(
        matches!(shape, Err(DocumentError::InvalidEdit(_))),
        "{shape:?}"
    );
    let unknown = document.apply(json!({"op": "removeEdge", "id": "e"}));
    assert_eq!(
        unknown.map_err(|e| e.to_string()),
        Err("no edge has the id \"e\"".to_owned())
    );
    assert_eq!(document.to_json(), json!({"nodes": [], "edges": []}));
}

/// `compile_parts` hands over the document's own objects: those of nodes an edit did not
/// change are the very objects of the last compile, the edited node's are new, and the
/// parts are still `compile`'s output and that of a fresh compile of the edited workflow.
#[test]
fn compile_parts_share_the_unchanged_objects_with_the_last_compile() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/workflows/");
    let read = |name: &str| std::fs::read_to_string(format!("{fixtures}{name}")).expect(name);
    let workflow = read("storefront.json");
    let values: serde_json::Value =
        serde_json::from_str(&read("storefront.values.json")).expect("values");
    for format in ["yaml", "json"] {
        let options =
            Options::from_value(json!({"values": values, "format": format})).expect("options");
        let mut document = open(Input::Text(&workflow), &options).expect("opens");
        let web = document.to_json()["nodes"]
            .as_array()
            .and_then(|nodes| nodes.iter().find(|node| node["type"] == "deployment"))
            .and_then(|node| node["id"].as_str())
            .expect("a Deployment")
            .to_owned();
        let mut last = document.compile_parts(None).expect("compiles");
        for (replicas, image) in [(3, "nginx:1.27"), (4, "nginx 1.27")] {
            document
                .apply(json!({"op": "patchNodeData", "id": web, "patch": [
                    {"op": "replace", "path": "/replicas", "value": replicas},
                    {"op": "replace", "path": "/image", "value": image}]}))
                .expect("applies");
            let parts = document.compile_parts(None).expect("compiles");
            let output = document.compile(None).expect("compiles");
            let as_output = serde_json::to_string(&CompileOutput {
                objects: parts.objects.iter().map(|o| o.value.clone()).collect(),
                yaml: parts.text.clone(),
                diagnostics: parts.diagnostics.clone(),
            })
            .expect("JSON");
            assert_eq!(as_output, serde_json::to_string(&output).expect("JSON"));
            let fresh = kubegraph_bindings::compile(Input::Value(document.to_json()), &options);
            assert_eq!(as_output, serde_json::to_string(&fresh).expect("JSON"));
            // The second edit leaves an invalid image: no objects, the error reported.
            assert_eq!(parts.objects.is_empty(), image.contains(' '), "{format}");
            if !parts.objects.is_empty() {
                let shared = |object: &Arc<CompiledObject>| {
                    last.objects
                        .iter()
                        .any(|before| Arc::ptr_eq(before, object))
                };
                let (kept, new): (Vec<_>, Vec<_>) = parts.objects.iter().partition(|o| shared(o));
                assert_eq!(
                    new.iter()
                        .map(|o| o.manifest.object.kind())
                        .collect::<Vec<_>>(),
                    ["Deployment"],
                    "{format}"
                );
                assert_eq!(kept.len(), parts.objects.len() - 1, "{format}");
            }
            last = parts;
        }
    }
}

/// What a document compiles holds Secret values; Debug output, of the output and of the
/// document that keeps the objects, shows none.
#[test]
fn debug_output_shows_no_secret_value() {
    let workflow = json!({
        "nodes": [{"id": "k1", "type": "secret",
                   "data": {"name": "db", "keys": [{"id": "a", "name": "K"}]}}],
        "edges": []
    });
    let options = Options::from_value(json!({"values": {"secrets": {"k1": {"K": "topsecret"}}}}))
        .expect("options");
    let mut document = open(Input::Value(workflow), &options).expect("opens");
    let output = document.compile(None).expect("compiles");
    assert_eq!(output.objects.len(), 1, "{:?}", output.diagnostics);
    let parts = document.compile_parts(None).expect("compiles");
    assert!(
        parts.text.contains("dG9wc2VjcmV0"),
        "the Secret's data is in its YAML"
    );
    let debug = format!("{output:?} {parts:?} {document:?}");
    assert!(debug.contains("Secret") && debug.contains("db"), "{debug}");
    assert!(
        !debug.contains("topsecret") && !debug.contains("dG9wc2VjcmV0"),
        "{debug}"
    );
}
