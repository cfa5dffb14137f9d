//! Importing manifests gives back a workflow that compiles to the same manifests: every
//! workflow fixture and drawn application is compiled, its manifests imported, and the
//! imported workflow compiled again; the two streams must match object by object, except
//! the objects listed below with the reason. The fixtures' plugin definitions are given to
//! the import, so their custom resources come back as plugin nodes.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod apps_support;
mod compile_support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use apps_support::{Expected, apps_dir, compare_with_upstream, expect};
use compile_support::{Fixture, load, plugins, valid_fixtures};
use kubegraph::import::manifests::{ManifestImport, import_manifests, import_manifests_with};
use kubegraph::import::yaml::{Schema, parse_documents};
use kubegraph::parse::{values_from_value, workflow_from_value};
use kubegraph::{Code, CompileOptions, compile};
use serde_json::Value;

/// Objects that may differ after the round trip, and why: (fixture, `Kind/name`, reason).
const EXPECTED_DIFFERENCES: &[(&str, &str, &str)] = &[];

/// The objects of a YAML stream by `Kind/namespace/name`.
fn objects(yaml: &str) -> BTreeMap<String, Value> {
    parse_documents(yaml, Schema::Kubernetes)
        .expect("compiled YAML reads")
        .into_iter()
        .filter(|document| !document.value.is_null())
        .map(|document| {
            let value = document.value;
            let key = format!(
                "{}/{}/{}",
                value["kind"].as_str().unwrap_or(""),
                value["metadata"]["namespace"].as_str().unwrap_or(""),
                value["metadata"]["name"].as_str().unwrap_or("")
            );
            (key, value)
        })
        .collect()
}

/// Compiles an imported workflow with its values and the fixture plugins.
fn compile_import(import: &ManifestImport) -> String {
    let workflow = workflow_from_value(import.workflow.clone()).expect("imported workflow reads");
    let values = values_from_value(import.values.clone()).expect("imported values read");
    let plugins = plugins();
    let compilation = compile(
        &workflow,
        &CompileOptions {
            values: Some(&values),
            plugins: &plugins,
            emit_namespaces: true,
        },
    );
    assert!(
        !compilation.has_errors(),
        "the imported workflow does not compile: {:#?}\n{}",
        compilation.diagnostics,
        serde_json::to_string_pretty(&import.workflow).unwrap_or_default()
    );
    compilation.to_yaml()
}

/// Compiles, imports and compiles again; returns the keys of the objects that differ.
fn round_trip(fixture: &Fixture) -> Vec<String> {
    let first = fixture.compile_without_errors().to_yaml();
    let import = import_manifests_with(&first, &plugins());
    let errors: Vec<_> = import.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", fixture.name);
    let second = compile_import(&import);
    let (before, after) = (objects(&first), objects(&second));
    let mut differing = Vec::new();
    for key in before
        .keys()
        .chain(after.keys().filter(|key| !before.contains_key(*key)))
    {
        if before.get(key) != after.get(key) {
            differing.push(key.clone());
            eprintln!(
                "{}: {key} differs\nbefore: {}\nafter:  {}",
                fixture.name,
                serde_json::to_string(&before.get(key)).unwrap_or_default(),
                serde_json::to_string(&after.get(key)).unwrap_or_default()
            );
        }
    }
    differing
}

#[test]
fn every_fixture_compiles_imports_and_compiles_to_the_same_manifests() {
    let mut failures = Vec::new();
    let mut fixtures = valid_fixtures();
    let apps = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/apps");
    let mut app_dirs: Vec<_> = fs::read_dir(&apps)
        .expect("tests/apps")
        .map(|entry| entry.expect("entry").path().join("workflow.json"))
        .filter(|path| path.exists())
        .collect();
    app_dirs.sort();
    fixtures.extend(app_dirs.iter().map(|path| {
        let mut fixture = load(path);
        fixture.name = path
            .parent()
            .and_then(Path::file_name)
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_owned();
        fixture
    }));
    assert!(fixtures.len() > 10, "the fixtures are found");
    for fixture in &fixtures {
        let differing = round_trip(fixture);
        let expected: Vec<&str> = EXPECTED_DIFFERENCES
            .iter()
            .filter(|(name, _, _)| *name == fixture.name)
            .map(|(_, object, _)| *object)
            .collect();
        if differing != expected {
            failures.push(format!(
                "{}: {differing:?} differ, {expected:?} listed",
                fixture.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Upstream's manifests of one application of the corpus, as one stream in file-name order.
fn upstream_text(app: &str) -> String {
    let dir = apps_dir().join(app).join("upstream");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("an upstream directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            format!(
                "---\n{}\n",
                fs::read_to_string(file).expect("upstream readable")
            )
        })
        .collect()
}

/// Imports upstream's manifests, compiles the workflow and compares the result with
/// upstream, both defaulted as the API server would. `unsupported` lists the kinds the
/// import reports as having no node (and why); those objects are left out of the
/// comparison.
fn assert_imports_to_upstream(app: &str, unsupported: &[(&str, &str)], expected: &[Expected]) {
    let text = upstream_text(app);
    let import = import_manifests(&text);
    let skipped: Vec<&str> = import
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ImportUnsupportedKind)
        .map(|d| d.message.split(' ').next().unwrap_or_default())
        .collect();
    let listed: Vec<&str> = unsupported.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(skipped, listed, "{app}: {:#?}", import.diagnostics);
    let compiled: Vec<Value> = objects(&compile_import(&import)).into_values().collect();
    let upstream: Vec<Value> = parse_documents(&text, Schema::Kubernetes)
        .expect("upstream reads")
        .into_iter()
        .map(|document| document.value)
        .filter(|value| !value.is_null())
        .filter(|value| !listed.iter().any(|kind| value["kind"] == *kind))
        .collect();
    let name = import.workflow["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let report = compare_with_upstream(&name, upstream, compiled, expected);
    assert!(
        report.problems.is_empty(),
        "{app}: {} problems:\n{}",
        report.problems.len(),
        report.problems.join("\n")
    );
}

/// Without the plugin definitions, a custom resource has no node to import into: each is
/// reported, and the rest imports.
#[test]
fn custom_resources_without_their_plugin_definitions_are_reported_one_by_one() {
    for name in ["cert-manager-plugin", "cloudnative-pg-plugin"] {
        let fixture = valid_fixtures()
            .into_iter()
            .find(|fixture| fixture.name == name)
            .expect("the plugin fixture");
        let compiled = fixture.compile_without_errors();
        let custom = compiled
            .values()
            .iter()
            .filter(|object| !object["metadata"]["labels"]["kubeorch.io/plugin"].is_null())
            .count();
        let import = import_manifests(&compiled.to_yaml());
        let unsupported = import
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ImportUnsupportedKind)
            .count();
        assert!(custom > 0, "{name}: the fixture has custom resources");
        assert_eq!(unsupported, custom, "{name}: {:#?}", import.diagnostics);
    }
}

#[test]
fn bookinfo_imports_and_compiles_to_upstream() {
    assert_imports_to_upstream("bookinfo", &[], &[]);
}

#[test]
fn cassandra_imports_and_compiles_to_upstream() {
    let unsupported = [(
        "StorageClass",
        "cluster-wide storage classes have no node kind (reported, kept out of the workflow)",
    )];
    let expected = [expect(
        "StatefulSet default/cassandra",
        "/spec/volumeClaimTemplates/0/metadata/annotations",
        "not carried (import-dropped-field): a claim template holds no annotations in the model; upstream still names its storage class in the volume.beta.kubernetes.io/storage-class annotation",
    )];
    assert_imports_to_upstream("cassandra", &unsupported, &expected);
}

#[test]
fn online_boutique_imports_and_compiles_to_upstream() {
    assert_imports_to_upstream("microservices-demo", &[], &[]);
}
