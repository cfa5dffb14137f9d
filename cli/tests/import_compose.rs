//! `kubegraph import compose`: the workflow on stdout (or `-o`), secret values only in
//! `--values-out`, diagnostics on stderr; exit 1 when the compose file has errors.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn compose(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/compose")
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
fn the_imported_workflow_compiles_with_the_values_written_apart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let workflow = dir.path().join("workflow.json");
    let values = dir.path().join("values.json");
    let output = kubegraph(&[
        "import",
        "compose",
        &compose("web-and-database.yaml"),
        "-o",
        workflow.to_str().expect("UTF-8 path"),
        "--values-out",
        values.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning[compose-not-expressible]"),
        "{stderr}"
    );
    assert!(stderr.contains("at /services/web/depends_on"), "{stderr}");
    let written = std::fs::read_to_string(&workflow).expect("the workflow is written");
    assert!(
        !written.contains("example-only-password"),
        "a secret value in the workflow"
    );
    let values_text = std::fs::read_to_string(&values).expect("the values are written");
    let values_json: Value = serde_json::from_str(&values_text).expect("JSON values");
    assert_eq!(
        values_json["secrets"]["secret/db-env"]["POSTGRES_PASSWORD"],
        "example-only-password"
    );
    let compiled = kubegraph(&[
        "compile",
        workflow.to_str().expect("UTF-8 path"),
        "--values",
        values.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(
        compiled.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let manifests = String::from_utf8_lossy(&compiled.stdout);
    assert!(manifests.contains("kind: StatefulSet"), "{manifests}");
}

#[test]
fn without_values_out_the_secret_values_are_not_printed() {
    let output = kubegraph(&["import", "compose", &compose("web-and-database.yaml")]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let workflow: Value = serde_json::from_str(&stdout).expect("the workflow on stdout");
    assert_eq!(workflow["name"], "shop");
    assert!(!stdout.contains("example-only-password"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("example-only-password"));
    assert!(stderr.contains("--values-out"), "{stderr}");
}

#[test]
fn a_compose_file_with_errors_exits_one_and_names_them() {
    let output = kubegraph(&["import", "compose", &compose("invalid.yaml")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[invalid-compose]"), "{stderr}");
    assert!(stderr.contains("at /services/api/mem_limit"), "{stderr}");
}
