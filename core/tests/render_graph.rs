//! Workflows drawn as Mermaid and DOT diagrams (`kubegraph graph`): each snapshot shows
//! every node with its kind and name, every edge with its meaning, and the nodes with an
//! error marked.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;

use kubegraph::graph::WorkflowGraph;
use kubegraph::render::graph::{to_dot, to_mermaid};
use kubegraph::validate::{ValidateOptions, validate_graph};

/// The fixtures drawn: a shop, a network policy with rule peers, a whole application, and
/// a workflow with errors (a forbidden connection).
const FIXTURES: &[&str] = &[
    "tests/fixtures/workflows/storefront.json",
    "tests/fixtures/workflows/bookinfo-policy.json",
    "tests/fixtures/workflows/invalid/forbidden-connection.json",
    "tests/apps/bookinfo/workflow.json",
];

fn draw(path: &str) -> (String, String) {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path);
    let text = std::fs::read_to_string(&file).expect("fixture reads");
    let workflow = kubegraph::parse::parse_workflow(&text).expect("fixture parses");
    let graph = WorkflowGraph::new(&workflow);
    let diagnostics = validate_graph(&graph, &ValidateOptions { plugins: &[] });
    (
        to_mermaid(&graph, &diagnostics),
        to_dot(&graph, &diagnostics),
    )
}

#[test]
fn fixtures_draw_as_mermaid_and_dot() {
    for path in FIXTURES {
        let (mermaid, dot) = draw(path);
        let name = path.trim_end_matches(".json").replace('/', "__");
        insta::assert_snapshot!(format!("{name}.mmd"), mermaid);
        insta::assert_snapshot!(format!("{name}.dot"), dot);
        assert_eq!(
            draw(path),
            (mermaid, dot),
            "{path}: drawn twice differently"
        );
    }
}

#[test]
fn a_node_with_an_error_is_marked_and_one_without_is_not() {
    let (mermaid, dot) = draw("tests/fixtures/workflows/invalid/forbidden-connection.json");
    assert!(
        mermaid.contains("class ") && mermaid.contains(" error\n"),
        "{mermaid}"
    );
    assert!(dot.contains("class=\"error\""), "{dot}");
    let (mermaid, dot) = draw("tests/fixtures/workflows/storefront.json");
    assert!(!mermaid.contains("classDef error"), "{mermaid}");
    assert!(!dot.contains("class=\"error\""), "{dot}");
}

#[test]
fn every_edge_of_a_valid_workflow_is_labelled_with_a_meaning() {
    let (mermaid, _) = draw("tests/fixtures/workflows/storefront.json");
    let edges: Vec<&str> = mermaid
        .lines()
        .filter(|line| line.contains("-->"))
        .collect();
    assert!(edges.len() >= 5, "{mermaid}");
    for edge in edges {
        assert!(!edge.contains("invalid"), "{edge}");
    }
    for meaning in ["selects", "routes /", "mounted in"] {
        assert!(mermaid.contains(meaning), "no edge `{meaning}`: {mermaid}");
    }
}
