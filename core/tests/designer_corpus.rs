//! The designer corpus (`tests/fixtures/designer/`, whose README says what each case
//! reproduces): workflows shaped exactly as the reference designer's code paths write them,
//! each in the browser's save form (`<case>.json`, React Flow's objects) and in the form
//! the back end stores (`<case>.stored.json`, derived here by [`stored_form`]). Both forms
//! go through what `kubegraph compile` runs and must give the same diagnostics and the same
//! manifests; the answer is snapshotted once per case, with run-time values redacted. Every
//! case declares the errors it reports: a workflow a cluster accepts reports none.
//! `KUBEGRAPH_BLESS=1` rewrites the committed stored forms; without it they must match.
//! The manifests of cases without errors are written to
//! `$CARGO_TARGET_TMPDIR/kubegraph-manifests/designer-<case>.yaml` for
//! `scripts/check-manifests.sh`.

// This test reads its fixtures, writes the stored forms when blessing and reads
// KUBEGRAPH_BLESS: the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use compile_support::{CliRun, beside, compile_like_the_cli, fixture_name, is_workflow};
use kubegraph::{Code, Severity};
use serde_json::{Map, Value};

/// One case of the corpus and the errors it reports.
struct Case {
    /// The file name of its save form, without `.json`.
    name: &'static str,
    /// Errors the case reports because a cluster would refuse the workflow, or it would
    /// silently misbehave there.
    errors: &'static [Code],
}

const CASES: &[Case] = &[
    Case {
        name: "fresh-nodes",
        // Workloads dropped without an image, an HPA without a target and an Ingress
        // path without a Service: the API server refuses each of them.
        errors: &[Code::MissingField, Code::IngressWithoutBackend],
    },
    Case {
        name: "typical-app",
        errors: &[],
    },
    Case {
        name: "connect-then-delete",
        errors: &[],
    },
    Case {
        name: "cleared-fields",
        errors: &[],
    },
    Case {
        name: "delete-node",
        errors: &[],
    },
    Case {
        name: "renames",
        errors: &[],
    },
    Case {
        name: "removed-handles",
        errors: &[],
    },
    Case {
        name: "compose-import",
        errors: &[],
    },
    Case {
        name: "compose-into-canvas",
        errors: &[],
    },
    Case {
        name: "plugin-select",
        errors: &[],
    },
    Case {
        name: "network-policy",
        errors: &[],
    },
    Case {
        name: "node-agent",
        errors: &[],
    },
    Case {
        name: "storage-mounts",
        // Two ConfigMaps connected to one Deployment both mount at the default
        // /etc/config, and ReadWriteOncePod is combined with ReadWriteOnce.
        errors: &[Code::InvalidMountPath, Code::ReadWriteOncePodCombined],
    },
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/designer")
}

fn bless() -> bool {
    std::env::var_os("KUBEGRAPH_BLESS").is_some_and(|value| value != "0")
}

fn case(name: &str) -> &'static Case {
    CASES
        .iter()
        .find(|case| case.name == name)
        .unwrap_or_else(|| panic!("{name}.json has no entry in CASES"))
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|_| panic!("{} readable", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// What the reference back end keeps of a saved workflow: each node as `{id, type,
/// position, data}` with `name` and `namespace` (and a Deployment's or StatefulSet's
/// `image`) trimmed and `data` returned with its keys sorted at every level (it is a Go
/// map); each edge as `{id, source, target, sourceHandle?, targetHandle?}`, an empty or
/// `null` handle left out. Every other top-level key is kept as it came.
fn stored_form(saved: &Value) -> Value {
    let mut stored = saved.as_object().expect("a workflow object").clone();
    let nodes: Vec<Value> = saved["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(stored_node)
        .collect();
    let edges: Vec<Value> = saved["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(stored_edge)
        .collect();
    stored.insert("nodes".into(), nodes.into());
    stored.insert("edges".into(), edges.into());
    stored.into()
}

fn stored_node(node: &Value) -> Value {
    let mut data = node["data"].clone();
    let trimmed: &[&str] = match node["type"].as_str() {
        Some("deployment" | "statefulset") => &["name", "namespace", "image"],
        _ => &["name", "namespace"],
    };
    for key in trimmed {
        if let Some(text) = data[*key].as_str() {
            data[*key] = text.trim().into();
        }
    }
    let mut stored = Map::new();
    for key in ["id", "type", "position"] {
        stored.insert(key.into(), node[key].clone());
    }
    stored.insert("data".into(), sorted_keys(data));
    stored.into()
}

fn stored_edge(edge: &Value) -> Value {
    let mut stored = Map::new();
    for key in ["id", "source", "target", "sourceHandle", "targetHandle"] {
        match &edge[key] {
            Value::String(text) if !text.is_empty() => {
                stored.insert(key.into(), text.clone().into());
            }
            _ => {}
        }
    }
    stored.into()
}

fn sorted_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, sorted_keys(value)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted_keys).collect()),
        other => other,
    }
}

/// Every string of a run-time values file: the secret and env values.
fn runtime_values(path: &Path) -> Vec<String> {
    fn collect(value: &Value, into: &mut Vec<String>) {
        match value {
            Value::String(text) => into.push(text.clone()),
            Value::Array(items) => items.iter().for_each(|item| collect(item, into)),
            Value::Object(map) => map.values().for_each(|item| collect(item, into)),
            _ => {}
        }
    }
    let mut values = Vec::new();
    if let Some(text) = beside(path, "values") {
        collect(
            &serde_json::from_str(&text).expect("values are JSON"),
            &mut values,
        );
    }
    values
}

/// The compiled objects with every Secret's data and every run-time value replaced.
fn redacted(objects: Vec<Value>, secrets: &[String]) -> Vec<Value> {
    fn redact(value: &mut Value, secrets: &[String]) {
        match value {
            Value::String(text) if secrets.contains(text) => *text = "<redacted>".into(),
            Value::Array(items) => items.iter_mut().for_each(|item| redact(item, secrets)),
            Value::Object(map) => map.values_mut().for_each(|item| redact(item, secrets)),
            _ => {}
        }
    }
    objects
        .into_iter()
        .map(|mut object| {
            if object["kind"] == "Secret" {
                for key in ["data", "stringData"] {
                    if let Some(Value::Object(entries)) = object.get_mut(key) {
                        entries
                            .values_mut()
                            .for_each(|value| *value = "<redacted>".into());
                    }
                }
            }
            redact(&mut object, secrets);
            object
        })
        .collect()
}

/// The snapshot of one run: its diagnostics as JSON, then the manifests.
fn snapshot(run: &CliRun, secrets: &[String]) -> String {
    let diagnostics = serde_json::to_string_pretty(&run.diagnostics).expect("serializable");
    let objects = run
        .compilation
        .as_ref()
        .map(|compilation| redacted(compilation.values(), secrets))
        .unwrap_or_default();
    format!(
        "{diagnostics}\n---\n{}",
        kubegraph::render::to_yaml(&objects)
    )
}

#[test]
fn committed_stored_forms_are_what_the_back_end_stores() {
    let mut drift = Vec::new();
    for case in CASES {
        let saved = corpus_dir().join(format!("{}.json", case.name));
        let path = corpus_dir().join(format!("{}.stored.json", case.name));
        let derived = serde_json::to_string_pretty(&stored_form(&read_json(&saved)))
            .expect("serializable")
            + "\n";
        if bless() {
            fs::write(&path, &derived).expect("write the stored form");
        } else if fs::read_to_string(&path).ok().as_deref() != Some(derived.as_str()) {
            drift.push(format!("{} differs from its save form", path.display()));
        }
    }
    assert!(
        drift.is_empty(),
        "{}\nrun `KUBEGRAPH_BLESS=1 cargo test -p kubegraph --test designer_corpus` to update",
        drift.join("\n")
    );
}

#[test]
fn every_case_has_its_save_form() {
    for case in CASES {
        let path = corpus_dir().join(format!("{}.json", case.name));
        assert!(is_workflow(&path), "{} is missing", path.display());
    }
}

#[test]
fn both_forms_give_the_same_answer_and_only_the_declared_errors() {
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kubegraph-manifests");
    fs::create_dir_all(&out_dir).expect("create the manifest directory");
    insta::glob!("../../tests/fixtures/designer", "*.json", |path| {
        if !is_workflow(path) {
            return;
        }
        let name = fixture_name(path);
        let case = case(&name);
        let saved = fs::read_to_string(path).expect("readable save form");
        let stored = serde_json::to_string(&stored_form(&read_json(path))).expect("serializable");
        let from_saved = compile_like_the_cli(&saved, path);
        let from_stored = compile_like_the_cli(&stored, path);
        assert_eq!(
            from_saved.diagnostics, from_stored.diagnostics,
            "{name}: the save form and the stored form report different diagnostics"
        );
        let yaml = |run: &CliRun| run.compilation.as_ref().map(|c| c.to_yaml());
        assert!(
            yaml(&from_saved) == yaml(&from_stored),
            "{name}: the save form and the stored form compile to different manifests"
        );

        let reported: BTreeSet<Code> = from_saved
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .map(|diagnostic| diagnostic.code)
            .collect();
        let declared: BTreeSet<Code> = case.errors.iter().copied().collect();
        assert_eq!(
            reported, declared,
            "{name}: errors reported (left) differ from those its CASES entry declares (right): {:#?}",
            from_saved.diagnostics
        );
        if reported.is_empty() {
            let yaml = yaml(&from_saved).expect("compiled");
            fs::write(out_dir.join(format!("designer-{name}.yaml")), yaml)
                .expect("write the manifests");
        }

        let secrets = runtime_values(path);
        let text = snapshot(&from_saved, &secrets);
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()) && !text.contains(&STANDARD.encode(secret)),
                "{name}: a run-time value is in the snapshot"
            );
        }
        insta::assert_snapshot!(text);
    });
}
