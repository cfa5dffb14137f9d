//! Opens the generated 10,000-node workflow as a document and applies N edge edits (N
//! from the first argument, default 1) of the kinds a canvas makes: with `add` (the
//! default), a Service connected to a second Deployment of its application; with
//! `remove`, a ConfigMap's edge to its Deployment deleted, which moves every later edge
//! one place up; with `replace`, that edge drawn to the other Deployment. For counting the instructions of one edge edit with callgrind:
//! (Ir(6) - Ir(1)) / 5.
//!
//! ```text
//! cargo build --release -p kubegraph --example document_edge_edits
//! valgrind --tool=callgrind target/release/examples/document_edge_edits 6 remove
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

use kubegraph::Edit;
use serde_json::json;

/// The edit number `step` of the kind `mode`: each touches another application, in the
/// middle of the workflow.
fn edit(step: usize, mode: &str) -> Edit {
    let app = 100 + step * 37 % 900;
    let mounted = format!("e-n{app}-5-x-n{app}-4");
    match mode {
        "remove" => Edit::RemoveEdge { id: mounted },
        "replace" => {
            let edge = json!({"id": mounted, "source": format!("n{app}-5"), "target": format!("n{app}-2")});
            Edit::ReplaceEdge { id: mounted, edge }
        }
        _ => {
            let edge = json!({
                "id": format!("added-{step}"),
                "source": format!("n{app}-1"),
                "target": format!("n{app}-4"),
            });
            Edit::AddEdge { edge }
        }
    }
}

fn main() {
    let count = document::steps();
    let mode = std::env::args().nth(2).unwrap_or_default();
    let mut document = document::generated_document(10_000);
    let changed = edits::apply_steps(&mut document, count, |step| edit(step, &mode));
    println!("{count} edge edits, {changed} diagnostics changed");
}
