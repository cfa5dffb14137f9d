//! `kubegraph graph`: a diagram on stdout, exit 0 even when the workflow has errors (they
//! are marked), exit 1 when the input is not a workflow.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/workflows")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn kubegraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kubegraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn dot_and_mermaid_draw_every_node_and_edge() {
    let dot = kubegraph(&[
        "graph",
        &fixture("postgres-statefulset.json"),
        "--format",
        "dot",
    ]);
    assert_eq!(dot.status.code(), Some(0));
    let text = String::from_utf8(dot.stdout).expect("UTF-8");
    assert!(
        text.starts_with("digraph workflow {\n") && text.ends_with("}\n"),
        "{text}"
    );
    assert_eq!(text.matches(" [label=").count(), 4 + 3, "{text}");
    let mermaid = kubegraph(&["graph", &fixture("postgres-statefulset.json")]);
    assert_eq!(mermaid.status.code(), Some(0));
    let text = String::from_utf8(mermaid.stdout).expect("UTF-8");
    assert!(text.starts_with("flowchart LR\n"), "{text}");
    assert!(text.contains("StatefulSet<br/>"), "{text}");
}

#[test]
fn a_workflow_with_errors_is_drawn_with_them_marked() {
    let output = kubegraph(&["graph", &fixture("invalid/forbidden-connection.json")]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains("-.->|\"invalid: not a connection\"|"),
        "{text}"
    );
}

#[test]
fn input_that_is_not_a_workflow_exits_one_and_says_why() {
    let output = kubegraph(&["graph", &fixture("invalid/truncated.json")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(stderr.contains("invalid-json"), "{stderr}");
}
