//! Edges added to and removed from a document: the whole-graph rules recheck only what
//! the edge can change, and what they reported at later edges moves with them.

mod document_support;

use document_support::{apply, open};
use kubegraph::{Diagnostic, Document, Edit, Update};
use serde_json::{Value, json};

/// `(code, pointer)` of each diagnostic of `code`.
fn places<'d>(found: &'d [Diagnostic], code: &str) -> Vec<(&'d str, String)> {
    found
        .iter()
        .filter(|d| d.code.as_str() == code)
        .map(|d| (d.code.as_str(), d.pointer().unwrap_or_default()))
        .collect()
}

fn node(id: &str, kind: &str, name: &str) -> Value {
    json!({"id": id, "type": kind, "data": {"name": name, "image": "nginx:1.27"}})
}

fn edge(id: &str, source: &str, target: &str) -> Value {
    json!({"id": id, "source": source, "target": target})
}

fn add(document: &mut Document, id: &str, source: &str, target: &str) -> Update {
    let edge = edge(id, source, target);
    apply(document, Edit::AddEdge { edge })
}

fn remove(document: &mut Document, id: &str) -> Update {
    apply(document, Edit::RemoveEdge { id: id.into() })
}

/// A Service in front of a Deployment, and a ConfigMap mounted by it.
fn service_and_deployment() -> Document {
    open(json!({
        "nodes": [node("s", "service", "web"), node("d", "deployment", "web"),
                  node("c", "configmap", "cfg")],
        "edges": [edge("e1", "s", "d"), edge("e2", "c", "d")]
    }))
}

#[test]
fn an_edge_closing_a_cycle_reports_it_and_removing_it_clears_it() {
    let mut document = service_and_deployment();
    let update = add(&mut document, "back", "d", "s");
    assert_eq!(
        places(&update.added, "cycle"),
        [("cycle", "/edges/2".to_owned())]
    );
    // An edge off the cycle, before the one reported: the report moves up with it.
    let update = remove(&mut document, "e2");
    assert_eq!(
        places(&update.added, "cycle"),
        [("cycle", "/edges/1".to_owned())]
    );
    assert_eq!(
        places(&update.removed, "cycle"),
        [("cycle", "/edges/2".to_owned())]
    );
    // The wrong-way edge reported is gone, and the cycle with it.
    let update = remove(&mut document, "back");
    assert_eq!(places(&update.removed, "cycle").len(), 1);
    assert_eq!(places(&document.diagnostics(), "cycle"), []);
}

#[test]
fn removing_another_edge_of_a_cycle_clears_its_report() {
    let mut document = service_and_deployment();
    add(&mut document, "back", "d", "s");
    let update = remove(&mut document, "e1");
    assert_eq!(
        places(&update.removed, "cycle"),
        [("cycle", "/edges/2".to_owned())]
    );
    assert_eq!(places(&document.diagnostics(), "cycle"), []);
}

#[test]
fn removing_an_edge_moves_the_reports_and_fixes_of_later_edges() {
    let mut document = service_and_deployment();
    add(&mut document, "loop", "d", "d");
    let found = document.diagnostics();
    let self_loop = found.iter().find(|d| d.code.as_str() == "self-loop");
    let fix = self_loop.and_then(|d| d.fix.as_ref()).expect("a fix");
    assert_eq!(fix.edits[0].path(), "/edges/2/id");
    let update = remove(&mut document, "e1");
    let moved = update.added.iter().find(|d| d.code.as_str() == "self-loop");
    let moved = moved.expect("the self loop, one place up");
    assert_eq!(moved.pointer().as_deref(), Some("/edges/1/target"));
    let fix = moved.fix.as_ref().expect("a fix");
    assert_eq!(fix.edits[0].path(), "/edges/1/id");
}

#[test]
fn a_duplicate_edge_id_names_the_first_edge_by_its_number_as_edges_move() {
    let mut document = service_and_deployment();
    add(&mut document, "e2", "s", "d");
    let message = |document: &Document| {
        let found = document.diagnostics();
        let duplicate = found
            .iter()
            .find(|d| d.code.as_str() == "duplicate-edge-id");
        duplicate.map(|d| d.message.clone())
    };
    assert_eq!(
        message(&document).as_deref(),
        Some("edge id \"e2\" is already used by edge number 1")
    );
    remove(&mut document, "e1");
    assert_eq!(
        message(&document).as_deref(),
        Some("edge id \"e2\" is already used by edge number 0")
    );
}

#[test]
fn an_added_edge_taking_the_name_a_duplicate_would_get_changes_its_fix() {
    let mut document = service_and_deployment();
    add(&mut document, "e1", "c", "d");
    let title = |document: &Document| {
        let found = document.diagnostics();
        let duplicate = found
            .iter()
            .find(|d| d.code.as_str() == "duplicate-edge-id");
        duplicate.and_then(|d| Some(d.fix.as_ref()?.title.clone()))
    };
    assert_eq!(
        title(&document).as_deref(),
        Some("Rename the edge to \"e1-2\"")
    );
    add(&mut document, "e1-2", "c", "s");
    assert_eq!(
        title(&document).as_deref(),
        Some("Rename the edge to \"e1-3\"")
    );
}

#[test]
fn an_edge_drawn_to_a_duplicated_node_id_takes_away_its_rename() {
    let mut document = open(json!({
        "nodes": [node("a", "configmap", "one"), node("a", "secret", "two"),
                  node("d", "deployment", "web")],
        "edges": []
    }));
    let fixed = |document: &Document| {
        let found = document.diagnostics();
        let duplicate = found
            .iter()
            .find(|d| d.code.as_str() == "duplicate-node-id");
        duplicate.expect("a duplicate node id").fix.is_some()
    };
    assert!(fixed(&document));
    add(&mut document, "e", "a", "d");
    assert!(!fixed(&document));
    remove(&mut document, "e");
    assert!(fixed(&document));
}

#[test]
fn a_second_target_comes_and_goes_with_its_edge() {
    let mut document = open(json!({
        "nodes": [node("h", "hpa", "h"), node("a", "deployment", "a"),
                  node("b", "deployment", "b")],
        "edges": [edge("e1", "h", "a")]
    }));
    let update = add(&mut document, "e2", "h", "b");
    assert_eq!(
        places(&update.added, "multiple-targets"),
        [("multiple-targets", "/edges/1/target".to_owned())]
    );
    // The first is gone: the other is the only target, and no longer a second.
    let update = remove(&mut document, "e1");
    assert_eq!(
        places(&update.removed, "multiple-targets"),
        [("multiple-targets", "/edges/1/target".to_owned())]
    );
    assert_eq!(places(&document.diagnostics(), "multiple-targets"), []);
}

#[test]
fn a_replaced_edge_takes_its_reports_with_it() {
    let mut document = open(json!({
        "nodes": [node("h", "hpa", "h"), node("a", "deployment", "a"),
                  node("b", "deployment", "b"), node("s", "service", "web")],
        "edges": [edge("e1", "h", "a"), edge("e2", "h", "b")]
    }));
    assert_eq!(
        places(&document.diagnostics(), "multiple-targets"),
        [("multiple-targets", "/edges/1/target".to_owned())]
    );
    // Drawn to no node: no second target any more, and a dangling edge in its place.
    let dangling = edge("e2", "h", "gone");
    let update = apply(
        &mut document,
        Edit::ReplaceEdge {
            id: "e2".into(),
            edge: dangling,
        },
    );
    assert_eq!(places(&update.removed, "multiple-targets").len(), 1);
    assert_eq!(
        places(&update.added, "dangling-edge"),
        [("dangling-edge", "/edges/1/target".to_owned())]
    );
    // Turned into an edge back to a Service in front of its target: a cycle, reported,
    // then gone with the edge put in its place (a duplicate id).
    add(&mut document, "e3", "s", "a");
    let back = edge("back", "a", "s");
    let update = apply(
        &mut document,
        Edit::ReplaceEdge {
            id: "e2".into(),
            edge: back,
        },
    );
    assert_eq!(
        places(&update.added, "cycle"),
        [("cycle", "/edges/1".to_owned())]
    );
    let twin = edge("e1", "s", "b");
    let update = apply(
        &mut document,
        Edit::ReplaceEdge {
            id: "back".into(),
            edge: twin,
        },
    );
    assert_eq!(places(&update.removed, "cycle").len(), 1);
    assert_eq!(
        places(&update.added, "duplicate-edge-id"),
        [("duplicate-edge-id", "/edges/1/id".to_owned())]
    );
}
