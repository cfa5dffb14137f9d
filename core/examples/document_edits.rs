//! Opens the generated 10,000-node workflow as a document and applies N one-node edits
//! (N from the first argument, default 1) of the kinds a canvas makes: a Deployment's
//! image or replicas changed by JSON Patch, a node renamed. For counting the instructions
//! of one edit with callgrind: (Ir(6) - Ir(1)) / 5.
//!
//! ```text
//! cargo build --release -p kubegraph --example document_edits
//! valgrind --tool=callgrind target/release/examples/document_edits 6
//! ```

// A program of its own: it reads its argument and writes to standard output, which the
// library itself never does.
#![allow(clippy::disallowed_methods)]

#[path = "../benches/support/generated.rs"]
mod generated;

#[path = "../benches/support/document.rs"]
mod document;

#[path = "../benches/support/edits.rs"]
mod edits;

use kubegraph::{Edit, PatchOperation};
use serde_json::json;

/// The edit number `step`: each touches the web Deployment of another application.
fn edit(step: usize) -> Edit {
    let app = 100 + step * 37 % 900;
    let id = format!("n{app}-2");
    let operation = match step % 3 {
        0 => PatchOperation::Replace {
            path: "/image".to_owned(),
            value: json!(format!("ghcr.io/acme/web:2.3.{step}")),
        },
        1 => PatchOperation::Replace {
            path: "/replicas".to_owned(),
            value: json!(step % 5 + 1),
        },
        _ => PatchOperation::Replace {
            path: "/name".to_owned(),
            value: json!(format!("web-{step}")),
        },
    };
    Edit::PatchNodeData {
        id,
        patch: vec![operation],
    }
}

fn main() {
    let count = document::steps();
    let mut document = document::generated_document(10_000);
    let changed = edits::apply_steps(&mut document, count, edit);
    println!("{count} edits, {changed} diagnostics changed");
}
