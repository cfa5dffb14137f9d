//! The README's command-line examples run as written and show real output.

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).expect("README.md")
}

/// The fenced blocks of one language, in order.
fn blocks(language: &str) -> Vec<String> {
    let fence = format!("```{language}");
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in readme().lines() {
        match &mut current {
            None if line.trim_end() == fence => current = Some(String::new()),
            Some(block) if line.trim_end() == "```" => {
                found.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    found
}

#[test]
fn cargo_run_examples_succeed_and_print_manifests() {
    let commands: Vec<String> = blocks("sh")
        .iter()
        .flat_map(|block| {
            block
                .replace("\\\n", " ")
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter_map(|line| {
            line.trim()
                .strip_prefix("cargo run -p kubegraph-cli -- ")
                .map(str::to_owned)
        })
        .collect();
    assert!(
        !commands.is_empty(),
        "the README shows `cargo run -p kubegraph-cli -- ...`"
    );
    for command in commands {
        let args: Vec<&str> = command.split_whitespace().collect();
        let output = Command::new(env!("CARGO_BIN_EXE_kubegraph"))
            .args(&args)
            .current_dir(repo())
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "`kubegraph {command}` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("kind: Deployment"),
            "`kubegraph {command}` printed no manifests"
        );
    }
}

#[test]
fn diagnostic_example_is_real_output() {
    let example = blocks("text")
        .into_iter()
        .find(|block| block.starts_with("error["))
        .expect("the README shows a diagnostic");
    let output = Command::new(env!("CARGO_BIN_EXE_kubegraph"))
        .args([
            "validate",
            "tests/fixtures/workflows/invalid/bad-fields.json",
        ])
        .current_dir(repo())
        .output()
        .expect("runs");
    let actual = String::from_utf8_lossy(&output.stdout);
    assert!(
        actual.contains(&example),
        "README example not found in real output:\n{example}\n---\n{actual}"
    );
}

#[test]
fn mermaid_example_is_what_kubegraph_graph_draws() {
    let example = blocks("mermaid")
        .into_iter()
        .next()
        .expect("the README shows a mermaid diagram");
    let output = Command::new(env!("CARGO_BIN_EXE_kubegraph"))
        .args([
            "graph",
            "tests/fixtures/workflows/postgres-statefulset.json",
            "--format",
            "mermaid",
        ])
        .current_dir(repo())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), example);
}
