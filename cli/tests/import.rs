//! `kubegraph import manifests`: compiled manifests import back into a workflow that
//! compiles to the same manifests; Secret values go only to `--values-out`; a directory
//! reads like one stream; bad YAML exits 1 with the line.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

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

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

#[test]
fn compiled_manifests_import_and_compile_to_the_same_manifests() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let compiled = kubegraph(&[
        "compile",
        &fixture("storefront.json"),
        "--values",
        &fixture("storefront.values.json"),
    ]);
    assert_eq!(compiled.status.code(), Some(0));
    fs::write(path("manifests.yaml"), &compiled.stdout).expect("write manifests");

    let imported = kubegraph(&[
        "import",
        "manifests",
        &path("manifests.yaml"),
        "-o",
        &path("workflow.json"),
        "--values-out",
        &path("values.json"),
    ]);
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    let workflow = fs::read_to_string(path("workflow.json")).expect("workflow written");
    let values: Value =
        serde_json::from_str(&fs::read_to_string(path("values.json")).expect("values written"))
            .expect("values are JSON");
    let password = values["secrets"]["secret-api-db"]["DATABASE_PASSWORD"]
        .as_str()
        .expect("the Secret's value is in the values file");
    assert!(
        !workflow.contains(password),
        "a Secret value is in the workflow"
    );

    let again = kubegraph(&[
        "compile",
        &path("workflow.json"),
        "--values",
        &path("values.json"),
    ]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), stdout(&compiled));
}

#[test]
fn a_directory_imports_as_one_stream_and_json_format_has_diagnostics() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let compiled = kubegraph(&["compile", &fixture("batch-jobs.json"), "--out-dir"]);
    assert_eq!(
        compiled.status.code(),
        Some(2),
        "--out-dir needs a directory"
    );
    let out = dir.path().join("objects");
    let compiled = kubegraph(&[
        "compile",
        &fixture("batch-jobs.json"),
        "--out-dir",
        &out.to_string_lossy(),
    ]);
    assert_eq!(compiled.status.code(), Some(0));
    let imported = kubegraph(&[
        "import",
        "manifests",
        &out.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    let result: Value = serde_json::from_str(&stdout(&imported)).expect("JSON result");
    let types: Vec<&str> = result["workflow"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|node| node["type"].as_str())
        .collect();
    assert!(
        types.contains(&"cronjob") && types.contains(&"job"),
        "{types:?}"
    );
    assert!(result["diagnostics"].is_array());
    assert!(
        result.get("values").is_none(),
        "values only with --values-out"
    );
}

#[test]
fn yaml_that_does_not_parse_exits_one_with_its_line() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("bad.yaml");
    fs::write(
        &file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n",
    )
    .expect("write");
    let output = kubegraph(&["import", "manifests", &file.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        stderr.contains("invalid-yaml") && stderr.contains("line"),
        "{stderr}"
    );
}
