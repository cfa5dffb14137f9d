//! Validation of the shipped fixtures: the diagnostics of every invalid workflow are
//! pinned as JSON snapshots (codes, severities, messages, ids, pointers, hints), and the
//! valid workflows have no errors.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::fs;
use std::path::Path;

use compile_support::{fixture_name, is_workflow, plugins};
use kubegraph::Diagnostic;
use kubegraph::diagnostic::has_errors;
use kubegraph::model::PluginDefinition;
use kubegraph::parse::parse_workflow;
use kubegraph::validate::{ValidateOptions, validate};

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
    let mut checked = 0;
    insta::glob!("../../tests/fixtures/workflows/invalid", "*.json", |path| {
        let found = diagnostics(path, &plugins);
        assert!(has_errors(&found), "{} has no errors", path.display());
        let json = serde_json::to_string_pretty(&found).expect("serializable");
        insta::assert_snapshot!(json);
        checked += 1;
    });
    assert!(checked >= 5, "expected the shipped invalid fixtures");
}

/// Every workflow beside the invalid ones is one a canvas user would deploy as it is.
#[test]
fn valid_fixtures_have_no_errors() {
    let plugins = plugins();
    insta::glob!("../../tests/fixtures/workflows", "*.json", |path| {
        if !is_workflow(path) {
            return;
        }
        let found = diagnostics(path, &plugins);
        let errors: Vec<String> = found
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{d} at {}", d.pointer().unwrap_or_default()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", fixture_name(path));
        let json = serde_json::to_string_pretty(&found).expect("serializable");
        insta::assert_snapshot!(json);
    });
}

#[test]
fn validation_is_stable_across_runs() {
    let plugins = plugins();
    insta::glob!("../../tests/fixtures/workflows", "*.json", |path| {
        if is_workflow(path) {
            assert_eq!(diagnostics(path, &plugins), diagnostics(path, &plugins));
        }
    });
}
