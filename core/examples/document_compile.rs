//! Opens the generated 10,000-node workflow as a document, compiles it, then applies N
//! one-node edits (N from the first argument, default 1), compiling after each. For
//! counting the instructions of one edit and compile with callgrind:
//! (Ir(6) - Ir(1)) / 5.
//!
//! ```text
//! cargo build --release -p kubegraph --example document_compile
//! valgrind --tool=callgrind target/release/examples/document_compile 6
//! ```

// A program of its own: it reads its argument and writes to standard output, which the
// library itself never does.
#![allow(clippy::disallowed_methods)]

#[path = "../benches/support/generated.rs"]
mod generated;

#[path = "../benches/support/document.rs"]
mod document;

use kubegraph::{Edit, PatchOperation};
use serde_json::json;

/// The edit number `step`: the replicas of another application's web Deployment.
fn edit(step: usize) -> Edit {
    let app = 100 + step * 37 % 900;
    Edit::PatchNodeData {
        id: format!("n{app}-2"),
        patch: vec![PatchOperation::Replace {
            path: "/replicas".to_owned(),
            value: json!(step % 5 + 2),
        }],
    }
}

fn main() {
    let count = document::steps();
    let mut document = document::generated_document(10_000);
    let mut rendered = document.compile(None, true).rendered;
    for step in 1..count {
        document.apply(&edit(step)).expect("the edit applies");
        rendered += document.compile(None, true).rendered;
    }
    println!("{count} compiles, {rendered} objects rendered");
}
