//! A document compiled again after edits gives what compiling the edited workflow from
//! scratch gives: the same diagnostics and the same YAML, byte for byte, after every step
//! of random edit sequences (data patches, renames, nodes and edges added, removed and
//! replaced), whether it compiles after each edit or after several. And it renders again
//! only the objects an edit changed.

// The fixtures are read from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::sync::LazyLock;

use compile_support::edits::{ids, pick};
use compile_support::{Fixture, plugins, valid_fixtures};
use kubegraph::parse::{parse_plugins, parse_workflow};
use kubegraph::{
    CompileOptions, Document, Edit, PatchOperation, compile_to_json_list, compile_to_yaml,
};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

static FIXTURES: LazyLock<Vec<Fixture>> = LazyLock::new(valid_fixtures);

/// Every node of the fixtures, to add as a copy.
static NODES: LazyLock<Vec<Value>> = LazyLock::new(|| {
    FIXTURES
        .iter()
        .filter_map(|fixture| fixture.raw["nodes"].as_array())
        .flatten()
        .cloned()
        .collect()
});

/// Data fields whose change reaches some object (its own or a neighbour's), with values
/// that keep the workflow compiling and some that do not.
const FIELDS: &[(&str, &[&str])] = &[
    ("/replicas", &["1", "3", "5"]),
    ("/image", &["\"nginx:1.27\"", "\"redis:7.2\""]),
    ("/labels", &["{\"tier\": \"web\"}", "{}"]),
    ("/port", &["80", "8080"]),
    ("/targetPort", &["80", "\"http\""]),
    ("/namespace", &["\"default\"", "\"prod\""]),
    ("/name", &["\"renamed\"", "\"web\"", "\"Bad_Name\""]),
    ("/data", &["{\"LEVEL\": \"debug\"}", "{}"]),
    // What other nodes look up by name: a StatefulSet's headless Service (a second
    // StatefulSet asking for the same one), a Service's workload, an autoscaler's target,
    // an Ingress path's Service.
    ("/serviceName", &["\"web\"", "\"db\"", "\"renamed\""]),
    ("/targetApp", &["\"web\"", "\"renamed\"", "\"db\""]),
    ("/scaleTargetName", &["\"web\"", "\"renamed\"", "\"db\""]),
    ("/scaleTargetKind", &["\"StatefulSet\"", "\"Deployment\""]),
    ("/paths/0/serviceName", &["\"web\"", "\"renamed\""]),
];

#[derive(Clone, Debug)]
enum Step {
    Patch {
        at: Index,
        field: Index,
        value: Index,
    },
    AddNode {
        pool: Index,
    },
    RemoveNode {
        at: Index,
    },
    RemoveEdge {
        at: Index,
    },
    AddEdge {
        source: Index,
        target: Index,
    },
    /// Compiles with or without the fixture's run-time values from now on.
    ToggleValues,
    ReplaceEdge {
        at: Index,
        target: Index,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let index = any::<Index>;
    prop_oneof![
        6 => (index(), index(), index()).prop_map(|(at, field, value)| Step::Patch { at, field, value }),
        2 => index().prop_map(|pool| Step::AddNode { pool }),
        1 => index().prop_map(|at| Step::RemoveNode { at }),
        1 => index().prop_map(|at| Step::RemoveEdge { at }),
        1 => (index(), index()).prop_map(|(at, target)| Step::ReplaceEdge { at, target }),
        1 => (index(), index()).prop_map(|(source, target)| Step::AddEdge { source, target }),
        1 => Just(Step::ToggleValues),
    ]
}

/// The edit a step makes on the workflow as it is now; `None` when there is nothing to
/// act on.
fn edit(step: &Step, now: &Value, counter: usize) -> Option<Edit> {
    let nodes = ids(now, "nodes");
    let edges = ids(now, "edges");
    Some(match step.clone() {
        Step::Patch { at, field, value } => {
            let (path, values) = FIELDS[field.index(FIELDS.len())];
            let value: Value = serde_json::from_str(values[value.index(values.len())])
                .expect("the values are JSON");
            // A node without data gets some first: the patch then always applies.
            let id = pick(&nodes, at)?;
            Edit::PatchNodeData {
                id,
                patch: vec![PatchOperation::Add {
                    path: path.to_owned(),
                    value,
                }],
            }
        }
        Step::AddNode { pool } => {
            let mut node = NODES[pool.index(NODES.len())].clone();
            node["id"] = json!(format!("added-{counter}"));
            if node["data"].is_object() {
                node["data"]["name"] = json!(format!("added-{counter}"));
            }
            Edit::AddNode { node }
        }
        Step::RemoveNode { at } => Edit::RemoveNode {
            id: pick(&nodes, at)?,
        },
        Step::RemoveEdge { at } => Edit::RemoveEdge {
            id: pick(&edges, at)?,
        },
        Step::AddEdge { source, target } => Edit::AddEdge {
            edge: json!({
                "id": format!("added-edge-{counter}"),
                "source": pick(&nodes, source)?,
                "target": pick(&nodes, target)?,
            }),
        },
        Step::ToggleValues => return None,
        Step::ReplaceEdge { at, target } => {
            let id = pick(&edges, at)?;
            let mut edge = now["edges"]
                .as_array()?
                .iter()
                .find(|edge| edge["id"] == json!(id))?
                .clone();
            edge["target"] = json!(pick(&nodes, target)?);
            Edit::ReplaceEdge { id, edge }
        }
    })
}

/// Compiles the document and the workflow it holds from scratch, and compares.
fn compare(
    document: &mut Document,
    fixture: &Fixture,
    with_values: bool,
    emit_namespaces: bool,
    json: bool,
    after: &str,
) -> Result<(), TestCaseError> {
    let plugins = plugins();
    let values = fixture.values.as_ref().filter(|_| with_values);
    let compiled = document.compile(values, emit_namespaces);
    let workflow =
        parse_workflow(&document.to_json().to_string()).expect("a document writes a workflow");
    let fresh = compile_to_yaml(
        &workflow,
        &CompileOptions {
            values,
            plugins: &plugins,
            emit_namespaces,
        },
    );
    prop_assert_eq!(&compiled.diagnostics, &fresh.diagnostics, "after {}", after);
    prop_assert_eq!(compiled.to_yaml(), fresh.yaml, "after {}", after);
    if json {
        let fresh = compile_to_json_list(
            &workflow,
            &CompileOptions {
                values,
                plugins: &plugins,
                emit_namespaces,
            },
        );
        prop_assert_eq!(compiled.to_json_list(), fresh.yaml, "after {}", after);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn compiling_an_edited_document_gives_what_compiling_from_scratch_gives(
        start in any::<Index>(),
        steps in prop::collection::vec(
            (step(), prop::bool::weighted(0.6), prop::bool::weighted(0.5)),
            1..20,
        ),
        emit_namespaces in any::<bool>(),
    ) {
        let fixture = &FIXTURES[start.index(FIXTURES.len())];
        let mut document = Document::open(fixture.workflow.clone(), plugins());
        let mut with_values = true;
        compare(&mut document, fixture, with_values, emit_namespaces, true, "opening")?;
        for (counter, (step, compile_now, json)) in steps.iter().enumerate() {
            if matches!(step, Step::ToggleValues) {
                with_values = !with_values;
            }
            let Some(edit) = edit(step, &document.to_json(), counter) else {
                continue;
            };
            if document.apply(&edit).is_err() || !compile_now {
                continue;
            }
            compare(
                &mut document,
                fixture,
                with_values,
                emit_namespaces,
                *json,
                &format!("{edit:?}"),
            )?;
        }
        compare(&mut document, fixture, with_values, emit_namespaces, true, "the last edit")?;
    }
}

/// The fixture with the most objects, opened and compiled once.
fn largest() -> (Document, &'static Fixture, usize) {
    let fixture = FIXTURES
        .iter()
        .max_by_key(|fixture| fixture.compile_without_errors().objects.len())
        .expect("there are fixtures");
    let mut document = Document::open(fixture.workflow.clone(), plugins());
    let objects = document
        .compile(fixture.values.as_ref(), true)
        .objects
        .len();
    (document, fixture, objects)
}

#[test]
fn compiling_again_without_an_edit_renders_nothing() {
    let (mut document, fixture, objects) = largest();
    assert!(objects > 5, "the largest fixture has {objects} objects");
    let again = document.compile(fixture.values.as_ref(), true);
    assert!(!again.has_errors());
    assert_eq!(again.objects.len(), objects);
    assert_eq!(again.rendered, 0);
}

#[test]
fn a_one_node_edit_renders_only_that_nodes_object() {
    let (mut document, fixture, objects) = largest();
    let workflow = document.to_json();
    let deployment = workflow["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|node| node["type"] == "deployment")
        .expect("the largest fixture has a Deployment");
    let id = deployment["id"].as_str().expect("an id").to_owned();
    document
        .apply(&Edit::PatchNodeData {
            id,
            patch: vec![PatchOperation::Add {
                path: "/replicas".to_owned(),
                value: json!(7),
            }],
        })
        .expect("the patch applies");
    let compiled = document.compile(fixture.values.as_ref(), true);
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    assert_eq!(compiled.objects.len(), objects);
    assert_eq!(
        compiled.rendered, 1,
        "only the Deployment is rendered again"
    );
    assert!(compiled.to_yaml().contains("replicas: 7"));
}

#[path = "../benches/support/generated.rs"]
mod generated;

/// The generated workflow of 2,000 nodes (200 ten-node applications), compiled once.
fn generated_document() -> (Document, usize) {
    let workflow = parse_workflow(&generated::generated(2_000)).expect("generated workflow parses");
    let plugins = parse_plugins(generated::PLUGINS).expect("plugin definitions");
    let mut document = Document::open(workflow, plugins);
    let first = document.compile(None, true);
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    let namespaces = first
        .objects
        .iter()
        .filter(|object| object.manifest.object.kind() == "Namespace")
        .count();
    assert_eq!(
        first.built + namespaces,
        first.objects.len(),
        "every object is built at first"
    );
    (document, first.objects.len())
}

/// Compiles the document, checks it against compiling from scratch, and says how many
/// objects it built and rendered.
fn compiled_counts(document: &mut Document) -> (usize, usize) {
    let compiled = document.compile(None, true);
    let plugins = parse_plugins(generated::PLUGINS).expect("plugin definitions");
    let fresh = compile_to_yaml(
        document.workflow(),
        &CompileOptions {
            plugins: &plugins,
            ..CompileOptions::default()
        },
    );
    assert_eq!(compiled.to_yaml(), fresh.yaml);
    (compiled.built, compiled.rendered)
}

/// Replaces the value at `path` in node `id`'s data, as a canvas's JSON Patch does.
fn replace(document: &mut Document, id: &str, path: &str, value: Value) {
    let patch = Edit::PatchNodeData {
        id: id.to_owned(),
        patch: vec![PatchOperation::Replace {
            path: path.to_owned(),
            value,
        }],
    };
    document.apply(&patch).expect("the patch applies");
}

#[test]
fn a_one_node_edit_on_a_large_workflow_builds_only_that_nodes_objects() {
    let (mut document, objects) = generated_document();
    // Application 50's web Deployment gets another image.
    replace(
        &mut document,
        "n50-2",
        "/image",
        json!("ghcr.io/acme/web:9.9.9"),
    );
    let (built, rendered) = compiled_counts(&mut document);
    // The Deployment, and what reads it within two edges: its Service, the Ingress and
    // the policy of its application, never the other applications' nodes.
    assert!(
        (1..=10).contains(&built),
        "{built} objects built of {objects}"
    );
    assert_eq!(rendered, 1, "only the Deployment changed");
    assert_eq!(
        compiled_counts(&mut document),
        (0, 0),
        "nothing changed since"
    );
}

#[test]
fn renaming_a_service_rebuilds_the_nodes_that_name_it_only() {
    let (mut document, objects) = generated_document();
    replace(&mut document, "n50-1", "/name", json!("storefront"));
    let (built, rendered) = compiled_counts(&mut document);
    assert!(
        (1..=10).contains(&built),
        "{built} objects built of {objects}"
    );
    assert!(rendered >= 1);
}
