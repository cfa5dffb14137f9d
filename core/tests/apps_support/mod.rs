//! The real-application corpus (`tests/apps/`): each application's upstream manifests, its
//! drawing as a workflow, and the check that kubegraph compiles the drawing to what
//! upstream wrote, but for the differences the test lists with a reason each.

// Tests read the corpus from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]
// Each test binary uses a different subset of these helpers (as `compile_support`).
#![allow(dead_code)]

pub mod compare;
pub mod defaults;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Value, json};

use crate::compile_support::compile_like_the_cli;
use crate::compile_support::selection::{Pods, picked};
use compare::{Difference, differences, object_id};

/// The corpus directory of the repository.
pub fn apps_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/apps")
}

/// A difference the test expects, and why.
#[derive(Debug)]
pub struct Expected {
    /// The object, as `Kind namespace/name`.
    pub object: String,
    /// The path in the object (see [`compare`]); `""` for the whole object.
    pub path: String,
    /// Why kubegraph's output differs there.
    pub reason: &'static str,
}

/// A diagnostic the test expects compiling the drawing to report, and why.
#[derive(Debug)]
pub struct ExpectedDiagnostic {
    /// Its code, for example `namespace-wide-policy`.
    pub code: &'static str,
    /// The id of the node it names.
    pub node: &'static str,
    /// Why the drawing, faithful to upstream, gets it.
    pub reason: &'static str,
}

/// An expected difference of `object` at `path`.
pub fn expect(object: &str, path: &str, reason: &'static str) -> Expected {
    Expected {
        object: object.to_owned(),
        path: path.to_owned(),
        reason,
    }
}

/// The labels kubegraph puts on every object by design, with the value each has when
/// the user set none (`None`: the object's name; `version` only on workloads and their
/// pods). The reference producer's `app`, `managed-by` and `version` stay for the
/// clusters it deployed; the `app.kubernetes.io/*` ones are Kubernetes' recommended labels
/// (docs/architecture.md, `core/src/graph/labels.rs`). They are not differences where
/// upstream sets no label of that key; where it does, the values are compared.
const CONVENTIONS: &[(&str, Option<&str>)] = &[
    ("app", None),
    ("app.kubernetes.io/name", None),
    ("app.kubernetes.io/managed-by", Some("kubegraph")),
    ("managed-by", Some("kubeorch")),
    ("version", Some("v1")),
];

/// Where objects hold labels: their own, and their pods'.
const LABELS: &[&str] = &["/metadata/labels", "/spec/template/metadata/labels"];

/// Removes the convention labels (and `app.kubernetes.io/part-of: <workflow>`) that
/// upstream's counterpart does not set.
fn drop_conventions(compiled: &mut Value, upstream: Option<&Value>, workflow: &str) {
    let name = compiled["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for pointer in LABELS {
        let theirs = upstream.and_then(|object| object.pointer(pointer));
        let Some(labels) = compiled.pointer_mut(pointer).and_then(Value::as_object_mut) else {
            continue;
        };
        let part_of = ("app.kubernetes.io/part-of", Some(workflow));
        for (key, value) in CONVENTIONS.iter().chain([&part_of]) {
            let value = value.unwrap_or(&name);
            let upstream_sets = theirs.is_some_and(|theirs| theirs.get(*key).is_some());
            if !upstream_sets && labels.get(*key).and_then(Value::as_str) == Some(value) {
                labels.remove(*key);
            }
        }
        if labels.is_empty() {
            let parent = &pointer[..pointer.rfind('/').unwrap_or_default()];
            if let Some(metadata) = compiled.pointer_mut(parent).and_then(Value::as_object_mut) {
                metadata.remove("labels");
            }
        }
    }
}

/// Every document of every `*.yaml` file in `dir`, in file-name order; empty documents
/// (comments only) left out.
fn upstream_objects(dir: &Path) -> Vec<Value> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("an upstream directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    let mut objects = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("upstream readable");
        for document in serde_yaml::Deserializer::from_str(&text) {
            let value = Value::deserialize(document)
                .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
            if !value.is_null() {
                objects.push(value);
            }
        }
    }
    objects
}

/// What checking one application found.
#[derive(Debug, Default)]
pub struct Report {
    /// Differences no expectation covers, expectations no difference meets, selectors
    /// that pick other pods than upstream's.
    pub problems: Vec<String>,
    /// How many Service and NetworkPolicy selectors were compared.
    pub selectors: usize,
}

/// Checks one application of the corpus against upstream's manifests: its drawing against
/// the workflow JSON Schema and a round trip, the diagnostics of compiling it, then its
/// objects. Writes kubegraph's YAML to `out_dir/app-<name>.yaml`
/// for `scripts/check-manifests.sh`.
pub fn check(
    name: &str,
    expected: &[Expected],
    diagnostics: &[ExpectedDiagnostic],
    out_dir: &Path,
) -> Report {
    let dir = apps_dir().join(name);
    let path = dir.join("workflow.json");
    let text = fs::read_to_string(&path).expect("workflow readable");
    let run = compile_like_the_cli(&text, &path);
    let compilation = run.compilation.expect("the workflow parses");
    assert!(
        !compilation.has_errors(),
        "{name}: {:#?}",
        compilation.diagnostics
    );
    fs::write(
        out_dir.join(format!("app-{name}.yaml")),
        compilation.to_yaml(),
    )
    .expect("write the manifests");
    let workflow: Value = serde_json::from_str(&text).expect("JSON");
    let schema = kubegraph::schema::schema("workflow").expect("the workflow schema");
    let validator = jsonschema::validator_for(&Value::from(schema)).expect("a JSON Schema");
    let upstream = upstream_objects(&dir.join("upstream"));
    let mut report = compare_with_upstream(
        workflow["name"].as_str().unwrap_or_default(),
        upstream,
        compilation.values(),
        expected,
    );
    let written = kubegraph::parse::parse_workflow(&text)
        .ok()
        .and_then(|read| serde_json::to_value(read).ok());
    if written.as_ref() != Some(&workflow) {
        report
            .problems
            .push("workflow.json changed in a parse-and-write round trip".to_owned());
    }
    // The drawing uses the fields the published schema documents, with their types.
    for error in validator.iter_errors(&workflow) {
        report.problems.push(format!(
            "workflow.json does not satisfy the schema: {error} at {}",
            error.instance_path()
        ));
    }
    let reported = |wanted: &ExpectedDiagnostic, diagnostic: &kubegraph::Diagnostic| {
        diagnostic.code.as_str() == wanted.code
            && diagnostic.location.node_id.as_deref() == Some(wanted.node)
    };
    for diagnostic in &run.diagnostics {
        if !diagnostics
            .iter()
            .any(|wanted| reported(wanted, diagnostic))
        {
            report
                .problems
                .push(format!("unexpected diagnostic: {diagnostic}"));
        }
    }
    for wanted in diagnostics {
        if !run
            .diagnostics
            .iter()
            .any(|diagnostic| reported(wanted, diagnostic))
        {
            report.problems.push(format!(
                "no longer reported (remove it from the list): {} on {} ({})",
                wanted.code, wanted.node, wanted.reason
            ));
        }
    }
    report
}

/// Compares kubegraph's objects with upstream's, both defaulted as the API server would.
pub fn compare_with_upstream(
    workflow: &str,
    mut upstream: Vec<Value>,
    mut compiled: Vec<Value>,
    expected: &[Expected],
) -> Report {
    upstream.iter_mut().for_each(defaults::apply);
    compiled.iter_mut().for_each(defaults::apply);
    let mut report = Report::default();
    report.selectors = selections(&upstream, &compiled, &mut report.problems);
    for object in &mut compiled {
        let id = object_id(object);
        let theirs = upstream.iter().find(|theirs| object_id(theirs) == id);
        drop_conventions(object, theirs, workflow);
    }
    let found = differences(&upstream, &compiled);
    let covers = |expected: &Expected, difference: &Difference| {
        expected.object == difference.object && expected.path == difference.path
    };
    for difference in &found {
        if !expected.iter().any(|expected| covers(expected, difference)) {
            report.problems.push(format!("unexpected: {difference}"));
        }
    }
    for expected in expected {
        if !found.iter().any(|difference| covers(expected, difference)) {
            report.problems.push(format!(
                "no longer differs (remove it from the list): {} {} ({})",
                expected.object, expected.path, expected.reason
            ));
        }
    }
    report
}

/// Checks that every Service and NetworkPolicy of upstream's picks the same workloads'
/// pods in kubegraph's output as in upstream's: its own selector, and each pod selector
/// among a policy's peers. Returns how many selectors were compared.
fn selections(upstream: &[Value], compiled: &[Value], problems: &mut Vec<String>) -> usize {
    let pods = |objects: &[Value]| -> Vec<Pods> { objects.iter().filter_map(Pods::of).collect() };
    let (upstream_pods, compiled_pods) = (pods(upstream), pods(compiled));
    let mut compared = 0;
    for theirs in upstream {
        let id = object_id(theirs);
        let selectors: Vec<String> = match theirs["kind"].as_str() {
            Some("Service") => vec!["/spec/selector".to_owned()],
            Some("NetworkPolicy") => policy_selectors(theirs),
            _ => continue,
        };
        let Some(ours) = compiled.iter().find(|ours| object_id(ours) == id) else {
            problems.push(format!("{id}: not in kubegraph's output"));
            continue;
        };
        let namespace = theirs["metadata"]["namespace"].as_str().unwrap_or_default();
        for pointer in selectors {
            // A Service's selector is a plain map, and a Service without one picks no pods
            // (its endpoints are managed by hand); a policy's is a `LabelSelector`.
            let picks = |pods: &[Pods], object: &Value| match object.pointer(&pointer) {
                Some(map) if pointer == "/spec/selector" => {
                    picked(pods, namespace, &json!({"matchLabels": map}))
                }
                Some(selector) => picked(pods, namespace, selector),
                None => BTreeSet::new(),
            };
            let want = picks(&upstream_pods, theirs);
            let got = picks(&compiled_pods, ours);
            if want != got {
                problems.push(format!(
                    "{id} {pointer}: picks {got:?}, upstream's picks {want:?}"
                ));
            }
            compared += 1;
        }
    }
    compared
}

/// A policy's own pod selector, and the pod selector of each of its rules' peers.
fn policy_selectors(policy: &Value) -> Vec<String> {
    let mut pointers = vec!["/spec/podSelector".to_owned()];
    for (direction, peers) in [("ingress", "from"), ("egress", "to")] {
        let rules = policy["spec"][direction].as_array().into_iter().flatten();
        for (rule, item) in rules.enumerate() {
            let listed = item[peers].as_array().into_iter().flatten();
            for (peer, value) in listed.enumerate() {
                if value.get("podSelector").is_some() && value.get("namespaceSelector").is_none() {
                    pointers.push(format!(
                        "/spec/{direction}/{rule}/{peers}/{peer}/podSelector"
                    ));
                }
            }
        }
    }
    pointers
}
