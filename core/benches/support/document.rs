//! A generated workflow opened as a document, for the examples that count the
//! instructions of document edits and compiles. Include it beside `generated.rs`.

use kubegraph::Document;
use kubegraph::parse::{parse_plugins, parse_workflow};

use super::generated;

/// How many steps to run: the program's first argument, 1 when absent or not a number.
pub fn steps() -> usize {
    std::env::args()
        .nth(1)
        .and_then(|given| given.parse().ok())
        .unwrap_or(1)
}

/// The generated workflow of `nodes` nodes, opened with its plugin definitions.
pub fn generated_document(nodes: usize) -> Document {
    let text = generated::generated(nodes);
    let workflow = parse_workflow(&text).expect("generated workflow parses");
    let plugins = parse_plugins(generated::PLUGINS).expect("plugin definitions");
    Document::open(workflow, plugins)
}
