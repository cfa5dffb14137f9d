//! The JSON-level document: edits given as JSON, answers identical to `validate`.

use kubegraph_bindings::document::{DocumentError, open};
use kubegraph_bindings::{Input, Options, validate};
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
