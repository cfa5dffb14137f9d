//! Opens the generated 10,000-node workflow as a document and applies N node edits (N
//! from the first argument, default 1) of the kinds a canvas makes: with `add` (the
//! default), a ConfigMap dropped from the palette into an application's namespace; with
//! `remove`, a node deleted after its edges were (as React Flow deletes them), in the
//! middle of the workflow, which moves every later node one place up; with
//! `remove-linked`, an application's Deployment deleted while its five edges are still
//! there (they are left dangling); with `rename`, that Deployment given another id (its
//! five edges left dangling); with `remove-hub E [NODES]`, that Deployment deleted when E
//! edges name it (ConfigMaps of other applications drawn to it), on a workflow of NODES
//! nodes (10,000 unless given): where making the edit in steps stops paying
//! (`MOST_EDGES` in `document/detach.rs`); with `add-twin`, a copy of that Deployment added
//! with its id (a duplicate id, as a paste from another file makes); with `remove-first`,
//! that Deployment deleted while such a copy, added beforehand, takes its id and its five
//! edges over. For counting the instructions of one node edit
//! with callgrind: (Ir(6) - Ir(1)) / 5.
//!
//! ```text
//! cargo build --release -p kubegraph --example document_node_edits
//! valgrind --tool=callgrind target/release/examples/document_node_edits 6 remove
//! ```

// A program of its own: it reads its arguments and writes to standard output, which the
// library itself never does.
#![allow(clippy::disallowed_methods)]

#[path = "../benches/support/generated.rs"]
mod generated;

#[path = "../benches/support/document.rs"]
mod document;

#[path = "../benches/support/edits.rs"]
mod edits;

use kubegraph::{Document, Edit};
use serde_json::{Value, json};

/// The most edits of one run: `remove` deletes one prepared node per edit.
const MOST: usize = 10;

/// Draws ConfigMaps of other applications to the Deployment of each application an edit
/// will remove, until `edges` edges name it, whatever the number of edits, so that
/// (Ir(6) - Ir(1)) counts the removals alone.
fn prepare_hubs(document: &mut Document, edges: usize, apps: usize) {
    for step in 0..MOST {
        let app = app(step, apps);
        for extra in 0..edges.saturating_sub(5) {
            let edge = json!({
                "id": format!("hub-{app}-{extra}"),
                "source": format!("n{}-5", (apps - 1 - extra - step * apps / 25) % apps),
                "target": format!("n{app}-4"),
            });
            document
                .apply(&Edit::AddEdge { edge })
                .expect("an edge between nodes that are there");
        }
    }
}

/// The applications of the generated 10,000 nodes, ten nodes each.
const APPS: usize = 1000;

/// The application edit number `step` touches, in the middle of a workflow of `apps`.
fn app(step: usize, apps: usize) -> usize {
    apps / 10 + step * 37 % (apps * 9 / 10)
}

/// Deletes the edges of the ConfigMap of each application an edit will remove it from,
/// whatever the number of edits, so that (Ir(6) - Ir(1)) counts the removals alone.
fn prepare_removals(document: &mut Document) {
    for step in 0..MOST {
        let id = format!("n{}-5", app(step, APPS));
        let edges: Vec<String> = document
            .workflow()
            .edges()
            .filter(|(_, edge)| {
                edge.source.as_str() == Some(&id) || edge.target.as_str() == Some(&id)
            })
            .filter_map(|(_, edge)| edge.id.as_str().map(str::to_owned))
            .collect();
        for id in edges {
            document
                .apply(&Edit::RemoveEdge { id })
                .expect("the edge is there");
        }
    }
}

fn edit(step: usize, mode: &str, renamed: &[Value], apps: usize) -> Edit {
    let app = app(step, apps);
    match mode {
        "rename" => Edit::ReplaceNode {
            id: format!("n{app}-4"),
            node: renamed[step].clone(),
        },
        "remove" => Edit::RemoveNode {
            id: format!("n{app}-5"),
        },
        "remove-linked" | "remove-hub" | "remove-first" => Edit::RemoveNode {
            id: format!("n{app}-4"),
        },
        "add-twin" => Edit::AddNode {
            node: renamed[step].clone(),
        },
        _ => Edit::AddNode {
            node: json!({
                "id": format!("added-{step}"),
                "type": "configmap",
                "position": {"x": 0, "y": app * 100},
                "data": {"name": format!("extra-{step}"), "namespace": format!("team-{app}"), "data": {"LEVEL": "debug"}},
            }),
        },
    }
}

/// The Deployment of each of `count` edits, as it is, with the id `id` makes of its id.
fn deployments(document: &Document, count: usize, id: impl Fn(&str) -> String) -> Vec<Value> {
    let workflow = document.to_json();
    let nodes = workflow["nodes"].as_array().cloned().unwrap_or_default();
    (0..count)
        .filter_map(|step| {
            let was = format!("n{}-4", app(step, APPS));
            let mut node = nodes
                .iter()
                .find(|node| node["id"] == was.as_str())?
                .clone();
            node["id"] = json!(id(&was));
            Some(node)
        })
        .collect()
}

fn main() {
    let count = document::steps().min(MOST);
    let mode = std::env::args().nth(2).unwrap_or_default();
    let number = |place: usize| std::env::args().nth(place).and_then(|n| n.parse().ok());
    let nodes = if mode == "remove-hub" {
        number(4).unwrap_or(10 * APPS)
    } else {
        10 * APPS
    };
    let mut document = document::generated_document(nodes);
    match mode.as_str() {
        "remove-linked" | "rename" | "add-twin" | "remove-first" => {}
        "remove-hub" => prepare_hubs(&mut document, number(3).unwrap_or(5), nodes / 10),
        _ => prepare_removals(&mut document),
    }
    let renamed = match mode.as_str() {
        "rename" => deployments(&document, count, |id| format!("{id}-renamed")),
        "add-twin" => deployments(&document, count, str::to_owned),
        "remove-first" => {
            // Every edit's twin is there before the first edit.
            for twin in deployments(&document, MOST, str::to_owned) {
                document
                    .apply(&Edit::AddNode { node: twin })
                    .expect("a node can be added");
            }
            Vec::new()
        }
        _ => Vec::new(),
    };
    let changed = edits::apply_steps(&mut document, count, |step| {
        edit(step, &mode, &renamed, nodes / 10)
    });
    println!("{count} node edits, {changed} diagnostics changed");
}
