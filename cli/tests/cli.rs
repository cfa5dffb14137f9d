//! The CLI contract: outputs, formats and exit codes (0 no errors, 1 input errors,
//! 2 usage or I/O problems).

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

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

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr")
}

#[test]
fn truncated_input_is_a_parse_diagnostic_with_line_and_column() {
    let output = kubegraph(&[
        "validate",
        &fixture("invalid/truncated.json"),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diagnostics: Value = serde_json::from_str(&stdout(&output)).expect("a JSON array");
    let first = &diagnostics[0];
    assert_eq!(first["code"], "invalid-json");
    assert_eq!(first["severity"], "error");
    let message = first["message"].as_str().expect("message");
    assert!(message.contains("line 1 column"), "{message}");
}

#[test]
fn valid_fixture_validates_with_exit_zero() {
    let output = kubegraph(&["validate", &fixture("storefront.json")]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("0 errors, 0 warnings\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn invalid_fixture_exits_one_and_names_node_kind_name_and_path_in_text() {
    let output = kubegraph(&["validate", &fixture("invalid/bad-fields.json")]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("error[invalid-image]"), "{text}");
    assert!(
        text.contains("--> deployment \"My_App\" (node node-1) at /nodes/0/data/image"),
        "{text}"
    );
    assert!(text.contains("= hint: "), "{text}");
}

#[test]
fn json_diagnostics_have_the_documented_keys_only() {
    let output = kubegraph(&[
        "validate",
        &fixture("invalid/dangling-edge.json"),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let diagnostics: Vec<Value> = serde_json::from_str(&stdout(&output)).expect("a JSON array");
    assert!(!diagnostics.is_empty());
    for diagnostic in &diagnostics {
        for key in diagnostic.as_object().expect("object").keys() {
            assert!(
                [
                    "code", "severity", "message", "nodeId", "edgeId", "path", "hint", "fix"
                ]
                .contains(&key.as_str()),
                "unexpected key {key}"
            );
        }
    }
    assert!(
        diagnostics
            .iter()
            .any(|d| d["edgeId"] == "e1" && d["path"] == "/edges/0/source")
    );
    let dangling = diagnostics
        .iter()
        .find(|d| d["code"] == "dangling-edge")
        .expect("a dangling edge");
    assert_eq!(dangling["fix"]["title"], "Delete the edge");
    assert_eq!(
        dangling["fix"]["edits"].as_array().expect("edits").last(),
        Some(&serde_json::json!({"op": "remove", "path": "/edges/0"}))
    );
}

#[test]
fn compile_prints_manifests_and_never_a_manifest_on_error() {
    let ok = kubegraph(&[
        "compile",
        &fixture("storefront.json"),
        "--values",
        &fixture("storefront.values.json"),
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let documents: Vec<Value> = serde_yaml::Deserializer::from_str(&stdout(&ok))
        .map(|document| serde::Deserialize::deserialize(document).expect("YAML document"))
        .collect();
    assert!(
        documents
            .iter()
            .any(|d| d["kind"] == "Deployment" && d["metadata"]["name"] == "api")
    );

    let bad = kubegraph(&["compile", &fixture("invalid/bad-fields.json")]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        bad.stdout.is_empty(),
        "no manifest on stdout when there is an error"
    );
    assert!(stderr(&bad).contains("error["), "diagnostics go to stderr");
}

#[test]
fn compile_json_is_a_v1_list() {
    let output = kubegraph(&["compile", &fixture("batch-jobs.json"), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let list: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(list["apiVersion"], "v1");
    assert_eq!(list["kind"], "List");
    assert!(
        list["items"]
            .as_array()
            .is_some_and(|items| !items.is_empty())
    );
}

#[test]
fn compile_out_dir_writes_numbered_files_and_a_kustomization() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = kubegraph(&[
        "compile",
        &fixture("node-agent.json"),
        "--out-dir",
        dir.path().to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let kustomization =
        std::fs::read_to_string(dir.path().join("kustomization.yaml")).expect("kustomization.yaml");
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "kustomization.yaml")
        .collect();
    files.sort();
    assert!(
        files
            .first()
            .is_some_and(|name| name.starts_with("01-namespace-")),
        "{files:?}"
    );
    for file in &files {
        assert!(
            kustomization.contains(file.as_str()),
            "{file} not listed in {kustomization}"
        );
    }
}

/// The binary run with `input` on its standard input.
fn kubegraph_reading(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubegraph"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn stdin_is_read_with_a_dash() {
    let output = kubegraph_reading(&["validate", "-", "--format", "json"], b"[1, 2]");
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("invalid-document"));
}

/// The output of a compile from a file and from standard input, written to a pipe, is the
/// same; an empty file is a diagnostic, a directory an I/O problem.
#[test]
fn a_file_and_standard_input_compile_to_the_same_bytes() {
    let file = fixture("storefront.json");
    let text = std::fs::read(&file).expect("fixture");
    for format in ["yaml", "json"] {
        let from_file = kubegraph(&["compile", "--format", format, &file]);
        assert_eq!(from_file.status.code(), Some(0), "{}", stderr(&from_file));
        let from_stdin = kubegraph_reading(&["compile", "--format", format, "-"], &text);
        assert!(from_file.stdout.len() > 1000, "{}", stdout(&from_file));
        assert_eq!(from_file.stdout, from_stdin.stdout, "{format}");
    }

    let dir = tempfile::tempdir().expect("temporary directory");
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").expect("write");
    let empty = kubegraph(&["validate", "--format", "json", &empty.to_string_lossy()]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stdout(&empty).contains("invalid-json"),
        "{}",
        stdout(&empty)
    );
    let directory = kubegraph(&["validate", &dir.path().to_string_lossy()]);
    assert_eq!(directory.status.code(), Some(2));
    assert!(
        stderr(&directory).contains("cannot read"),
        "{}",
        stderr(&directory)
    );
}

#[test]
fn usage_and_io_problems_exit_two() {
    assert_eq!(
        kubegraph(&["validate"]).status.code(),
        Some(2),
        "missing argument"
    );
    assert_eq!(
        kubegraph(&["validate", "--format", "xml", "x.json"])
            .status
            .code(),
        Some(2),
        "bad format"
    );
    let missing = kubegraph(&["validate", "/nonexistent/workflow.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read /nonexistent/workflow.json"));
    assert_eq!(
        kubegraph(&["schema", "no-such-schema"]).status.code(),
        Some(2)
    );
}

#[test]
fn schema_lists_prints_and_writes() {
    let list = stdout(&kubegraph(&["schema"]));
    assert!(
        list.lines().any(|line| line == "workflow")
            && list.lines().any(|line| line == "deployment")
    );
    let workflow: Value =
        serde_json::from_str(&stdout(&kubegraph(&["schema", "workflow"]))).expect("JSON");
    assert_eq!(workflow["title"], "Workflow");
    let dir = tempfile::tempdir().expect("temp dir");
    let output = kubegraph(&["schema", "--out-dir", dir.path().to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(0));
    let committed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas/plugins.schema.json"),
    )
    .expect("committed schema");
    let written =
        std::fs::read_to_string(dir.path().join("plugins.schema.json")).expect("written schema");
    assert_eq!(
        written, committed,
        "`kubegraph schema --out-dir schemas` reproduces the committed files"
    );
}

/// Values of the wrong shape are a mistake in the input wherever they are given: `apply`
/// reads them through the same facade as `compile`, so it prints the same diagnostics and
/// exits with the same code, before it looks for a cluster (the kubeconfig here does not
/// exist).
#[test]
fn wrongly_shaped_values_fail_alike_under_compile_and_apply() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let values = dir.path().join("values.json");
    std::fs::write(&values, r#"{"secrets": ["not", "a", "map"]}"#).expect("values written");
    let values = values.to_string_lossy().into_owned();
    let kubeconfig = dir.path().join("no-such-kubeconfig");
    let workflow = fixture("storefront.json");

    let compiled = kubegraph(&["compile", &workflow, "--values", &values]);
    let applied = kubegraph(&[
        "apply",
        &workflow,
        "--values",
        &values,
        "--kubeconfig",
        &kubeconfig.to_string_lossy(),
    ]);
    assert_eq!(compiled.status.code(), Some(1), "{}", stderr(&compiled));
    assert_eq!(applied.status.code(), compiled.status.code());
    assert!(
        stderr(&compiled).contains("values"),
        "{}",
        stderr(&compiled)
    );
    assert_eq!(stderr(&applied), stderr(&compiled));
    assert_eq!(stdout(&compiled), "");
    assert_eq!(stdout(&applied), "");
}

/// The plugin catalogue endpoint answers `{"plugins": [...]}`; `--plugins` takes that
/// body as it came and compiles exactly as with the bare array.
#[test]
fn plugins_may_be_the_catalogue_body() {
    let bare = std::fs::read_to_string(fixture("plugins.json")).expect("plugins fixture");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let wrapped = dir.path().join("catalogue.json");
    std::fs::write(&wrapped, format!(r#"{{"plugins": {bare}}}"#)).expect("catalogue written");
    let workflow = fixture("cert-manager-plugin.json");
    let with_bare = kubegraph(&["compile", &workflow, "--plugins", &fixture("plugins.json")]);
    let with_wrapped = kubegraph(&[
        "compile",
        &workflow,
        "--plugins",
        wrapped.to_str().expect("path"),
    ]);
    assert_eq!(with_bare.status.code(), Some(0), "{}", stderr(&with_bare));
    assert!(stdout(&with_bare).contains("kind: Certificate"));
    assert_eq!(with_wrapped.status.code(), with_bare.status.code());
    assert_eq!(stdout(&with_wrapped), stdout(&with_bare));
    assert_eq!(stderr(&with_wrapped), stderr(&with_bare));
}

/// A workflow that is not UTF-8 (here Latin-1) is a mistake in the input, not an I/O
/// problem: an `invalid-json` diagnostic naming line and column, exit 1.
#[test]
fn a_workflow_that_is_not_utf8_is_invalid_json() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let latin1 = dir.path().join("latin1.json");
    std::fs::write(&latin1, b"{\n  \"name\": \"caf\xe9\"\n}").expect("workflow written");
    let path = latin1.to_str().expect("path");
    let validated = kubegraph(&["validate", path, "--format", "json"]);
    assert_eq!(validated.status.code(), Some(1), "{}", stderr(&validated));
    let diagnostics: Value = serde_json::from_str(&stdout(&validated)).expect("JSON");
    assert_eq!(diagnostics[0]["code"], "invalid-json");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .is_some_and(|message| message.contains("line 2 column 15")),
        "{diagnostics}"
    );
    let compiled = kubegraph(&["compile", path]);
    assert_eq!(compiled.status.code(), Some(1));
    assert!(
        stderr(&compiled).contains("invalid-json"),
        "{}",
        stderr(&compiled)
    );
    assert!(stdout(&compiled).is_empty());
}

/// A name holding a newline or a terminal escape prints escaped, on the diagnostic's
/// own line, in text output; JSON output keeps JSON's own escaping.
#[test]
fn control_characters_in_names_print_escaped_in_text() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let workflow = dir.path().join("workflow.json");
    std::fs::write(
        &workflow,
        r#"{"name": "shop", "nodes": [{"id": "node-1", "type": "deployment", "position": {"x": 0, "y": 0},
            "data": {"name": "web\nerror[fake]: \u001b[31mred", "image": "nginx:1.27", "replicas": 1, "port": 80}}],
            "edges": []}"#,
    )
    .expect("workflow written");
    let path = workflow.to_str().expect("path");
    let text = kubegraph(&["validate", path]);
    assert_eq!(text.status.code(), Some(1), "{}", stderr(&text));
    let printed = stdout(&text);
    assert!(!printed.contains('\u{1b}'), "{printed}");
    assert!(
        !printed.lines().any(|line| line.starts_with("error[fake]")),
        "{printed}"
    );
    assert!(
        printed.contains(r#"deployment "web\nerror[fake]: \u001b[31mred" (node node-1)"#),
        "{printed}"
    );
    let json = kubegraph(&["validate", path, "--format", "json"]);
    let diagnostics: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert!(
        diagnostics
            .as_array()
            .expect("an array")
            .iter()
            .any(|diagnostic| diagnostic["message"]
                .as_str()
                .is_some_and(|message| message.contains("web\nerror[fake]: \u{1b}[31mred"))),
        "{diagnostics}"
    );
}

// `kubegraph graph`: a diagram on stdout, exit 0 even when the workflow has errors (they
// are marked), exit 1 when the input is not a workflow.

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

// `kubegraph import compose`: the workflow on stdout (or `-o`), secret values only in
// `--values-out`, diagnostics on stderr; exit 1 when the compose file has errors.

fn compose(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/compose")
        .join(name)
        .to_string_lossy()
        .into_owned()
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

// `kubegraph import manifests`: compiled manifests import back into a workflow that
// compiles to the same manifests; Secret values go only to `--values-out`; a directory
// reads like one stream; bad YAML exits 1 with the line.

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
    std::fs::write(path("manifests.yaml"), &compiled.stdout).expect("write manifests");

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
    let workflow = std::fs::read_to_string(path("workflow.json")).expect("workflow written");
    let values: Value = serde_json::from_str(
        &std::fs::read_to_string(path("values.json")).expect("values written"),
    )
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
fn custom_resources_import_as_plugin_nodes_with_their_definitions() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let manifests = dir.path().join("manifests.yaml");
    let manifests = manifests.to_string_lossy();
    let plugins = fixture("plugins.json");
    let compiled = kubegraph(&[
        "compile",
        &fixture("cert-manager-plugin.json"),
        "--plugins",
        &plugins,
    ]);
    assert_eq!(compiled.status.code(), Some(0), "{compiled:?}");
    std::fs::write(&*manifests, &compiled.stdout).expect("write manifests");

    let without = kubegraph(&["import", "manifests", &manifests]);
    assert!(
        stderr(&without).contains("import-unsupported-kind"),
        "{without:?}"
    );
    let workflow = dir.path().join("workflow.json");
    let workflow = workflow.to_string_lossy();
    let with = kubegraph(&[
        "import",
        "manifests",
        &manifests,
        "--plugins",
        &plugins,
        "-o",
        &workflow,
    ]);
    assert_eq!(with.status.code(), Some(0), "{with:?}");
    assert!(
        !stderr(&with).contains("import-unsupported-kind"),
        "{with:?}"
    );
    let again = kubegraph(&["compile", &workflow, "--plugins", &plugins]);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
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
    std::fs::write(
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
