//! Fixes keep their promise on every fixture: the diagnostic fixtures (one per code), the
//! workflow fixtures and the designer corpus. Each fix, applied alone, removes its
//! diagnostic and brings no new error (see `compile_support/fixes.rs`); every code that
//! offers a fix is exercised; and fixing a whole workflow leaves none of its fixes.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use compile_support::fixes::{assert_fixes_hold, diagnostics};
use compile_support::{beside, is_workflow, plugins};
use kubegraph::Code;
use kubegraph::fix::fix_workflow;
use kubegraph::model::PluginDefinition;
use kubegraph::parse::parse_plugins;
use kubegraph::validate::ValidateOptions;
use serde_json::Value;

/// Every workflow fixture with the plugin definitions it is read with.
fn fixtures() -> Vec<(String, Value, Vec<PluginDefinition>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut found = Vec::new();
    for directory in ["diagnostics", "workflows", "designer"] {
        let mut paths: Vec<PathBuf> = fs::read_dir(root.join(directory))
            .expect("fixture directory")
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| is_workflow(path))
            .collect();
        paths.sort();
        for path in paths {
            let text = fs::read_to_string(&path).expect("fixture readable");
            let Ok(value) = serde_json::from_str::<Value>(&text) else {
                continue; // the invalid-json fixture
            };
            let plugins = match beside(&path, "plugins") {
                // The invalid-plugins fixture's are unreadable on purpose.
                Some(text) => parse_plugins(&text).unwrap_or_default(),
                None if directory == "workflows" => plugins(),
                None => Vec::new(),
            };
            found.push((format!("{directory}/{}", path.display()), value, plugins));
        }
    }
    found
}

#[test]
fn every_fix_removes_its_diagnostic_and_brings_no_new_error() {
    let mut exercised = BTreeSet::new();
    for (name, value, plugins) in fixtures() {
        let options = ValidateOptions { plugins: &plugins };
        exercised.extend(assert_fixes_hold(&name, &value, &options));
    }
    // Code::has_fix (which docs/diagnostics.md shows) names exactly the codes that fix.
    let missing: Vec<&Code> = Code::ALL
        .iter()
        .filter(|code| code.has_fix() && !exercised.contains(*code))
        .collect();
    assert!(
        missing.is_empty(),
        "no fixture exercises the fix of {missing:?}"
    );
    let unmarked: Vec<&Code> = exercised.iter().filter(|code| !code.has_fix()).collect();
    assert!(
        unmarked.is_empty(),
        "codes that fix without has_fix: {unmarked:?}"
    );
}

#[test]
fn fixing_a_workflow_leaves_no_fix_and_adds_no_error() {
    for (name, value, plugins) in fixtures() {
        let options = ValidateOptions { plugins: &plugins };
        let before = diagnostics(&value, &options);
        let outcome = fix_workflow(value, &options, &|_| true);
        assert!(
            outcome.remaining.iter().all(|d| d.fix.is_none()),
            "{name}: fixes left after fixing: {:#?}",
            outcome.remaining
        );
        let errors_before = before.iter().filter(|d| d.is_error()).count();
        let errors_after = outcome.remaining.iter().filter(|d| d.is_error()).count();
        assert!(
            errors_after <= errors_before,
            "{name}: {errors_before} errors before fixing, {errors_after} after"
        );
    }
}
