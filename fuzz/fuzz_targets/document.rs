//! Any bytes that read as a workflow are opened as a document and edited as a canvas
//! edits: each of the first nodes given the name, namespace and labels of the next (as
//! patches of its data), removed and added back, given another's data, the id of another
//! node and the id a duplicate's fix would rename it to; each of the first edges
//! removed and added back, reversed, and added again with its id; a node added with a
//! taken id. After every edit the document must report what a fresh validate of the
//! edited workflow reports, its update must be the difference between the lists before
//! and after, and a refused edit must change nothing. The workflow decides what the edits
//! are, so the fuzzer's search over workflows is a search over edit sequences too.

#![no_main]

use kubegraph::diagnostic::sort;
use kubegraph::parse::parse_workflow;
use kubegraph::validate::{ValidateOptions, validate};
use kubegraph::{Diagnostic, Document, Edit, PatchOperation};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

/// How many nodes and edges the edits start from: each takes a few edits, and each edit
/// a full validate to compare with.
const MOST: usize = 6;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(workflow) = parse_workflow(&text) else {
        return;
    };
    let json = serde_json::to_value(&workflow).unwrap_or(Value::Null);
    let list = |name: &str| -> Vec<Value> {
        let items = json[name].as_array().into_iter().flatten();
        items
            .filter(|item| item["id"].is_string())
            .take(MOST)
            .cloned()
            .collect()
    };
    let (nodes, edges) = (list("nodes"), list("edges"));
    let mut document = Document::open(workflow, Vec::new());
    assert_eq!(document.diagnostics(), fresh(&document));
    for edit in edits(&nodes, &edges) {
        apply(&mut document, &edit);
    }
});

/// The edits made, in order, from the first nodes and edges of the workflow.
fn edits(nodes: &[Value], edges: &[Value]) -> Vec<Edit> {
    let id = |item: &Value| item["id"].as_str().unwrap_or_default().to_owned();
    let with_id = |item: &Value, id: &str| {
        let mut item = item.clone();
        item["id"] = json!(id);
        item
    };
    let mut edits = Vec::new();
    for (at, node) in nodes.iter().enumerate() {
        let next = &nodes[(at + 1) % nodes.len()];
        // What name-, namespace- and label-keyed rules compare: a collision, or a key gone.
        for field in ["name", "namespace", "labels"] {
            let value = next["data"][field].clone();
            edits.push(Edit::PatchNodeData {
                id: id(node),
                patch: vec![PatchOperation::Add {
                    path: format!("/{field}"),
                    value,
                }],
            });
        }
        edits.extend([
            Edit::RemoveNode { id: id(node) },
            Edit::AddNode { node: node.clone() },
            Edit::ReplaceNode {
                id: id(node),
                node: with_id(next, &id(node)),
            },
            Edit::ReplaceNode {
                id: id(node),
                node: with_id(node, &id(next)),
            },
            Edit::ReplaceNode {
                id: id(next),
                node: with_id(node, &format!("{}-2", id(next))),
            },
        ]);
    }
    if let Some(first) = nodes.first() {
        edits.push(Edit::AddNode {
            node: first.clone(),
        });
    }
    for edge in edges {
        let mut reversed = edge.clone();
        reversed["source"] = edge["target"].clone();
        reversed["target"] = edge["source"].clone();
        edits.extend([
            Edit::RemoveEdge { id: id(edge) },
            Edit::AddEdge { edge: edge.clone() },
            Edit::ReplaceEdge {
                id: id(edge),
                edge: reversed,
            },
            Edit::AddEdge { edge: edge.clone() },
        ]);
    }
    edits
}

/// Applies `edit`, checking the document against a fresh validate.
fn apply(document: &mut Document, edit: &Edit) {
    let before = document.diagnostics();
    let json = document.to_json();
    match document.apply(edit) {
        Ok(update) => {
            let after = document.diagnostics();
            assert_eq!(after, fresh(document), "after {edit:?}");
            assert_eq!(update.added, difference(&after, &before), "{edit:?}");
            assert_eq!(update.removed, difference(&before, &after), "{edit:?}");
        }
        Err(_) => {
            assert!(
                document.to_json() == json,
                "a refused {edit:?} changed the workflow"
            );
            assert_eq!(document.diagnostics(), before);
        }
    }
}

/// What validate reports for the workflow the document writes.
fn fresh(document: &Document) -> Vec<Diagnostic> {
    let text = document.to_json().to_string();
    let workflow = parse_workflow(&text).expect("a document writes a workflow");
    validate(&workflow, &ValidateOptions::default())
}

fn difference(a: &[Diagnostic], b: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut only: Vec<Diagnostic> = a.iter().filter(|d| !b.contains(d)).cloned().collect();
    sort(&mut only);
    only
}
