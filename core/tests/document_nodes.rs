//! Nodes added to and removed from a document alone, as a canvas adds one from its
//! palette and deletes one after its edges: the document updates its graph in place, and
//! what the whole-graph rules reported at later nodes moves with them.

mod document_support;

use document_support::{apply, open};
use kubegraph::{Diagnostic, Document, Edit, Update};
use serde_json::{Value, json};

fn deployment(id: &str, name: &str) -> Value {
    json!({"id": id, "type": "deployment", "data": {"name": name, "image": "nginx:1.27"}})
}

fn add(document: &mut Document, node: Value) -> Update {
    apply(document, Edit::AddNode { node })
}

fn remove(document: &mut Document, id: &str) -> Update {
    apply(document, Edit::RemoveNode { id: id.into() })
}

/// `(pointer, message)` of each diagnostic of `code`.
fn reports(found: &[Diagnostic], code: &str) -> Vec<(String, String)> {
    found
        .iter()
        .filter(|d| d.code.as_str() == code)
        .map(|d| (d.pointer().unwrap_or_default(), d.message.clone()))
        .collect()
}

#[test]
fn a_node_added_with_a_taken_name_is_a_duplicate_until_the_first_goes() {
    let mut document = open(json!({"nodes": [deployment("d1", "web")], "edges": []}));
    let update = add(&mut document, deployment("d2", "web"));
    let added = reports(&update.added, "duplicate-resource");
    assert_eq!(added.len(), 1, "{:?}", update.added);
    assert_eq!(added[0].0, "/nodes/1/data/name");
    let update = remove(&mut document, "d1");
    assert_eq!(reports(&update.removed, "duplicate-resource").len(), 1);
    assert!(reports(&document.diagnostics(), "duplicate-resource").is_empty());
}

#[test]
fn removing_a_node_moves_the_reports_and_fixes_of_later_nodes() {
    let mut document = open(json!({
        "nodes": [deployment("x", "x"), deployment("dup", "a"), deployment("dup", "b")],
        "edges": []
    }));
    let before = reports(&document.diagnostics(), "duplicate-node-id");
    assert_eq!(
        before,
        [(
            "/nodes/2/id".to_owned(),
            "node id \"dup\" is already used by node number 1".to_owned()
        )]
    );
    remove(&mut document, "x");
    let found = document.diagnostics();
    assert_eq!(
        reports(&found, "duplicate-node-id"),
        [(
            "/nodes/1/id".to_owned(),
            "node id \"dup\" is already used by node number 0".to_owned()
        )]
    );
    let fix = found
        .iter()
        .find_map(|d| d.fix.as_ref())
        .expect("the rename of the later node");
    assert_eq!(fix.edits[0].path(), "/nodes/1/id");
}

#[test]
fn a_service_linked_to_a_removed_workload_says_it_is_gone_until_it_is_back() {
    let service = json!({"id": "s", "type": "service",
        "data": {"name": "web", "namespace": "shop", "targetApp": "web", "_linkedDeployment": "d", "port": 80}});
    let workload = json!({"id": "d", "type": "deployment",
        "data": {"name": "web", "namespace": "shop", "image": "nginx:1.27"}});
    let mut document = open(json!({"nodes": [service, workload.clone()], "edges": []}));
    let pointers = |found: &[Diagnostic]| -> Vec<String> {
        reports(found, "stale-link")
            .into_iter()
            .map(|(pointer, _)| pointer)
            .collect()
    };
    // Without its edge the Service still selects the workload by targetApp.
    assert_eq!(
        pointers(&document.diagnostics()),
        ["/nodes/0/data/targetApp"]
    );
    let update = remove(&mut document, "d");
    assert_eq!(pointers(&update.added), ["/nodes/0/data/_linkedDeployment"]);
    assert_eq!(pointers(&update.removed), ["/nodes/0/data/targetApp"]);
    let update = add(&mut document, workload);
    assert_eq!(pointers(&update.added), ["/nodes/0/data/targetApp"]);
    assert_eq!(
        pointers(&update.removed),
        ["/nodes/0/data/_linkedDeployment"]
    );
}
