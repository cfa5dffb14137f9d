//! `kubegraph fix`: what it prints, what it writes, and that the fixed workflow keeps every
//! field it had.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixable() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/workflows/invalid/fixable.json")
}

fn kubegraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kubegraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A copy of the fixture to rewrite.
fn copy() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("fixable.json");
    fs::copy(fixable(), &path).expect("fixture copied");
    (dir, path.to_string_lossy().into_owned())
}

#[test]
fn dry_run_prints_each_fix_and_its_operations_and_writes_nothing() {
    let (_dir, path) = copy();
    let before = fs::read(&path).expect("copy readable");
    let output = kubegraph(&["fix", "--dry-run", &path]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(fs::read(&path).expect("copy readable"), before);
    insta::assert_snapshot!(text(&output.stdout));
}

#[test]
fn fixing_in_place_leaves_a_clean_workflow_with_every_other_field() {
    let (_dir, path) = copy();
    let before: Value = serde_json::from_slice(&fs::read(&path).expect("readable")).expect("JSON");
    let output = kubegraph(&["fix", &path]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let report = text(&output.stderr);
    assert_eq!(
        report.lines().filter(|l| l.starts_with("fixed ")).count(),
        9,
        "{report}"
    );
    assert!(
        report.ends_with("9 fixed; left: 0 errors, 0 warnings\n"),
        "{report}"
    );
    let validated = kubegraph(&["validate", &path]);
    assert_eq!(text(&validated.stdout), "0 errors, 0 warnings\n");
    let after: Value = serde_json::from_slice(&fs::read(&path).expect("readable")).expect("JSON");
    // Unknown fields and key order survive; only what was fixed changed.
    assert_eq!(after["description"], before["description"]);
    assert_eq!(
        after["nodes"][0]["position"],
        before["nodes"][0]["position"]
    );
    let keys = |value: &Value| -> Vec<String> {
        value.as_object().expect("object").keys().cloned().collect()
    };
    assert_eq!(
        keys(&after["nodes"][1]["data"]),
        keys(&before["nodes"][1]["data"])
    );
    assert_eq!(
        after["nodes"][0]["data"]["command"],
        serde_json::json!(["nginx"])
    );
    assert_eq!(after["nodes"][3]["data"]["serviceName"], "db-headless");
    let edges: Vec<&str> = after["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|edge| edge["id"].as_str().expect("id"))
        .collect();
    assert_eq!(edges, ["e1", "e2", "e3", "e4"]);
}

#[test]
fn codes_select_the_fixes_and_a_dash_writes_to_stdout() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubegraph"))
        .args([
            "fix",
            "-",
            "--code",
            "dangling-edge",
            "--code",
            "placeholder-key",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let input = fs::read(fixable()).expect("fixture");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), &input).expect("written");
    let output = child.wait_with_output().expect("finished");
    // The self-loop is left, an error.
    assert_eq!(output.status.code(), Some(1));
    let report = text(&output.stderr);
    let fixed: Vec<&str> = report.lines().filter(|l| l.starts_with("fixed ")).collect();
    assert_eq!(fixed.len(), 2, "{report}");
    assert!(fixed[0].starts_with("fixed dangling-edge at /edges/5/target (edge e6)"));
    assert!(fixed[1].starts_with("fixed placeholder-key at /nodes/2/data/data/_new_1716380000000"));
    assert!(report.contains("with a fix not applied"), "{report}");
    let after: Value = serde_json::from_slice(&output.stdout).expect("the fixed workflow");
    assert_eq!(after["edges"].as_array().expect("edges").len(), 6);
    assert_eq!(
        after["nodes"][2]["data"]["data"],
        serde_json::json!({"LOG_LEVEL": "info"})
    );
}

#[test]
fn an_unknown_code_is_a_usage_error() {
    let output = kubegraph(&[
        "fix",
        "--code",
        "no-such-code",
        &fixable().to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("unknown diagnostic code `no-such-code`"));
}
