//! One small workflow per diagnostic code (`tests/fixtures/diagnostics/<code>.json`; its
//! README gives the conventions) goes through what `kubegraph compile` runs: read the
//! workflow, the run-time values and the plugin definitions beside it, validate and
//! compile. Its diagnostics are pinned as JSON snapshots, and every code has a fixture
//! that still reports it.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::fs;
use std::path::{Path, PathBuf};

use compile_support::{compile_like_the_cli, fixture_name, is_workflow};
use kubegraph::{Code, Diagnostic};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diagnostics")
}

/// Every diagnostic `kubegraph compile` reports for a fixture, sorted.
fn compile_diagnostics(path: &Path) -> Vec<Diagnostic> {
    let text = fs::read_to_string(path).expect("readable fixture");
    compile_like_the_cli(&text, path).diagnostics
}

/// The diagnostics as their snapshot shows them, once each is checked to have its code's
/// severity (one meaning per code: its documentation gives its severity).
fn checked_json(found: &[Diagnostic]) -> String {
    for diagnostic in found {
        assert_eq!(
            diagnostic.severity,
            diagnostic.code.severity(),
            "{diagnostic:?}"
        );
    }
    serde_json::to_string_pretty(found).expect("serializable")
}

#[test]
fn every_fixture_reports_its_snapshotted_diagnostics() {
    insta::glob!("../../tests/fixtures/diagnostics", "*.json", |path| {
        if !is_workflow(path) {
            return;
        }
        let json = checked_json(&compile_diagnostics(path));
        insta::assert_snapshot!(json);
    });
}

/// Every diagnostic importing the manifests `<code>.yaml` reports, sorted.
fn import_diagnostics(path: &Path) -> Vec<Diagnostic> {
    let text = fs::read_to_string(path).expect("readable fixture");
    kubegraph::import::manifests::import_manifests(&text).diagnostics
}

#[test]
fn every_import_fixture_reports_its_snapshotted_diagnostics() {
    insta::glob!("../../tests/fixtures/diagnostics", "*.yaml", |path| {
        let json = checked_json(&import_diagnostics(path));
        insta::assert_snapshot!(json);
    });
}

#[test]
fn every_code_has_a_fixture_that_reports_it() {
    // The compose importer's codes have compose files as fixtures, each reported by one
    // of `tests/fixtures/compose/` (core/tests/compose_import.rs checks it).
    let missing: Vec<String> = Code::ALL
        .iter()
        .filter(|code| !kubegraph::import::compose::CODES.contains(code))
        .filter_map(|code| {
            // The codes of importing manifests: `<code>.yaml` manifests to import.
            let manifests = fixtures_dir().join(format!("{code}.yaml"));
            if manifests.exists() {
                let found = import_diagnostics(&manifests);
                return (!found.iter().any(|diagnostic| diagnostic.code == *code))
                    .then(|| format!("{code}: its manifests do not report it, only {found:#?}"));
            }
            let path = fixtures_dir().join(format!("{code}.json"));
            if !path.exists() {
                return Some(format!("{code}: no fixture {}", path.display()));
            }
            let found = compile_diagnostics(&path);
            (!found.iter().any(|diagnostic| diagnostic.code == *code))
                .then(|| format!("{code}: its fixture does not report it, only {found:#?}"))
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_diagnostic_fixture_is_named_after_a_code() {
    for entry in fs::read_dir(fixtures_dir()).expect("diagnostic fixture directory") {
        let path = entry.expect("directory entry").path();
        if is_workflow(&path) {
            let name = fixture_name(&path);
            assert!(
                name.parse::<Code>().is_ok(),
                "{} is named after no diagnostic code",
                path.display()
            );
        }
    }
}
