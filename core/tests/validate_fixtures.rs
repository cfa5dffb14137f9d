//! Validation of the shipped fixtures: the diagnostics of every invalid workflow are
//! pinned as JSON snapshots (codes, severities, messages, ids, pointers, hints), and the
//! valid workflows have no errors.

use std::fs;
use std::path::{Path, PathBuf};

use kubegraph::Diagnostic;
use kubegraph::diagnostic::has_errors;
use kubegraph::model::PluginDefinition;
use kubegraph::parse::{parse_plugins, parse_workflow};
use kubegraph::validate::{ValidateOptions, validate};

/// The workflows a canvas user would deploy as they are.
const VALID: &[&str] = &[
    "batch-jobs",
    "cert-manager-plugin",
    "node-agent",
    "postgres-statefulset",
    "storefront",
];

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/workflows")
}

fn plugins() -> Vec<PluginDefinition> {
    let text = fs::read_to_string(fixture_dir().join("plugins.json")).expect("plugins.json");
    parse_plugins(&text).expect("plugin definitions parse")
}

/// Every diagnostic for a workflow file: its parse error, or what validation finds.
fn diagnostics(path: &Path, plugins: &[PluginDefinition]) -> Vec<Diagnostic> {
    let text = fs::read_to_string(path).expect("readable fixture");
    match parse_workflow(&text) {
        Ok(workflow) => validate(&workflow, &ValidateOptions { plugins }),
        Err(diagnostic) => vec![diagnostic],
    }
}

#[test]
fn invalid_fixtures_report_every_problem() {
    let plugins = plugins();
    let mut paths: Vec<PathBuf> = fs::read_dir(fixture_dir().join("invalid"))
        .expect("invalid fixture directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "expected the shipped invalid fixtures");
    for path in paths {
        let found = diagnostics(&path, &plugins);
        assert!(has_errors(&found), "{} has no errors", path.display());
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("name");
        let json = serde_json::to_string_pretty(&found).expect("serializable");
        insta::assert_snapshot!(format!("invalid-{stem}"), json);
    }
}

#[test]
fn valid_fixtures_have_no_errors() {
    let plugins = plugins();
    for name in VALID {
        let found = diagnostics(&fixture_dir().join(format!("{name}.json")), &plugins);
        let errors: Vec<String> = found
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{d} at {}", d.pointer().unwrap_or_default()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let json = serde_json::to_string_pretty(&found).expect("serializable");
        insta::assert_snapshot!(format!("valid-{name}"), json);
    }
}

#[test]
fn validation_is_stable_across_runs() {
    let plugins = plugins();
    for name in VALID {
        let path = fixture_dir().join(format!("{name}.json"));
        assert_eq!(diagnostics(&path, &plugins), diagnostics(&path, &plugins));
    }
}
