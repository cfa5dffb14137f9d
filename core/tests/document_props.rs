//! A document that updates reports exactly what a fresh validate of the edited workflow
//! reports, after every edit of a random sequence: adding, removing and replacing nodes
//! and edges (dangling ones, duplicate ids, ids a duplicate's fix would take, edges back
//! along another, closing a cycle, renamed nodes) and patching node data (names,
//! namespaces, replicas, images, ports, selectors, labels, link copies, env key
//! references). Each update's added and removed diagnostics are the difference between
//! the lists before and after, and a refused edit changes nothing.

// The fixtures are read from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::collections::BTreeSet;
use std::fs;
use std::sync::LazyLock;

use compile_support::edits::{ids, pick};
use compile_support::{arbitrary, beside, fixtures_dir, plugins, valid_fixtures};
use kubegraph::diagnostic::sort;
use kubegraph::model::PluginDefinition;
use kubegraph::parse::{parse_plugins, parse_workflow, workflow_from_value};
use kubegraph::validate::{ValidateOptions, validate};
use kubegraph::{Diagnostic, Document, Edit, PatchOperation};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

/// A workflow to start from, with the plugin definitions it is validated with.
struct Start {
    raw: Value,
    plugins: Vec<PluginDefinition>,
}

/// The realistic workflows and one workflow per diagnostic code.
static STARTS: LazyLock<Vec<Start>> = LazyLock::new(|| {
    let mut starts: Vec<Start> = valid_fixtures()
        .into_iter()
        .map(|fixture| Start {
            raw: fixture.raw,
            plugins: plugins(),
        })
        .collect();
    let dir = fixtures_dir().join("../diagnostics");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("diagnostic fixtures")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| compile_support::is_workflow(path))
        .collect();
    paths.sort();
    for path in paths {
        let text = fs::read_to_string(&path).expect("fixture readable");
        // One fixture's definitions are unreadable on purpose: it then has none.
        let plugins = beside(&path, "plugins")
            .and_then(|text| parse_plugins(&text).ok())
            .unwrap_or_default();
        // Documents that are not a workflow object cannot be opened.
        if let Ok(raw @ Value::Object(_)) = serde_json::from_str(&text) {
            starts.push(Start { raw, plugins });
        }
    }
    starts
});

/// Every node and edge of the starting workflows, to add or put in place of another.
static NODES: LazyLock<Vec<Value>> = LazyLock::new(|| items("nodes"));
static EDGES: LazyLock<Vec<Value>> = LazyLock::new(|| items("edges"));

fn items(list: &str) -> Vec<Value> {
    STARTS
        .iter()
        .filter_map(|start| start.raw[list].as_array())
        .flatten()
        .cloned()
        .collect()
}

/// Fields of node data worth patching, with values that matter to some rule.
static PATCHES: LazyLock<Vec<(&'static str, Vec<Value>)>> = LazyLock::new(|| {
    vec![
        (
            "/name",
            vec![
                json!("web"),
                json!("api"),
                json!("db"),
                json!(""),
                json!("Bad_Name"),
            ],
        ),
        (
            "/namespace",
            vec![json!("default"), json!("prod"), json!(""), json!(7)],
        ),
        (
            "/replicas",
            vec![json!(1), json!(3), json!(-1), json!("two"), json!(null)],
        ),
        (
            "/image",
            vec![json!("nginx:1.27"), json!(""), json!("nginx 1.27")],
        ),
        (
            "/port",
            vec![json!(80), json!(8080), json!(0), json!("http")],
        ),
        (
            "/ports",
            vec![json!([{"containerPort": 80, "name": "http"}]), json!([])],
        ),
        (
            "/labels",
            vec![
                json!({"app": "web"}),
                json!({"app": "api", "tier": "db"}),
                json!({}),
            ],
        ),
        (
            "/selector",
            vec![json!({"app": "web"}), json!({"app": "nothing"}), json!({})],
        ),
        ("/targetApp", vec![json!("web"), json!("api"), json!("")]),
        // A StatefulSet's governing Service must be headless.
        (
            "/clusterIP",
            vec![json!("None"), json!("10.0.0.9"), json!("")],
        ),
        ("/targetPort", vec![json!(80), json!("http"), json!(9999)]),
        (
            "/serviceName",
            vec![json!("web"), json!("db-headless"), json!("")],
        ),
        ("/scaleTargetName", vec![json!("web"), json!("api")]),
        ("/minReplicas", vec![json!(1), json!(5)]),
        ("/maxReplicas", vec![json!(2), json!(1)]),
        (
            "/volumeMounts",
            vec![
                json!([{"name": "data", "mountPath": "/data", "type": "persistentVolumeClaim", "nodeId": "node-1"}]),
                json!([]),
            ],
        ),
        ("/storage", vec![json!("1Gi"), json!("1GB")]),
        (
            "/accessModes",
            vec![json!(["ReadWriteOnce"]), json!(["ReadWriteMany"])],
        ),
        ("/paths/0/serviceName", vec![json!("web"), json!("")]),
        ("/schedule", vec![json!("0 0 * * *"), json!("every day")]),
        // Env key references name their Secret or ConfigMap by name or by id, without an
        // edge: the document finds such pods through its index of them.
        (
            "/env",
            vec![
                json!([{"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}]),
                json!([{"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "node-1", "key": "mode"}}}]),
                json!({"LOG_LEVEL": "info"}),
            ],
        ),
        ("/policyTypes", vec![json!(["Ingress"]), json!(["Egress"])]),
    ]
});

/// Link copies that name a node by id, set to an id of the document.
const LINKS: &[&str] = &[
    "/_linkedDeployment",
    "/_linkedTarget",
    "/paths/0/_linkedService",
];

/// The id of an added node or edge, or the new id of a replaced one: a fresh one, that
/// of an existing node or edge, what a duplicate of such an id would be renamed to, or
/// none at all (such a node is reported by its number).
#[derive(Clone, Debug)]
enum NewId {
    Fresh,
    Taken(Index),
    Renamed(Index),
    Missing,
}

fn new_id() -> impl Strategy<Value = NewId> {
    prop_oneof![
        6 => Just(NewId::Fresh),
        2 => any::<Index>().prop_map(NewId::Taken),
        2 => any::<Index>().prop_map(NewId::Renamed),
        1 => Just(NewId::Missing),
    ]
}

/// Gives `item` the id `id`, or takes its id away.
fn set_id(item: &mut Value, id: Option<String>) {
    match id {
        Some(id) => item["id"] = json!(id),
        None => {
            if let Some(fields) = item.as_object_mut() {
                fields.remove("id");
            }
        }
    }
}

/// One step, its choices resolved against the document when it is taken.
#[derive(Clone, Debug)]
enum Step {
    AddNode {
        pool: Index,
        id: NewId,
    },
    RemoveNode {
        at: Index,
    },
    /// A node added with an id that only dangling edges name, as an undo puts back a node
    /// removed before its edges: the edges join the graph.
    AddNamed {
        pool: Index,
        id: Index,
    },
    /// A node no edge names removed, as a canvas removes one after its edges: the
    /// document then updates its graph in place.
    RemoveAlone {
        at: Index,
    },
    ReplaceNode {
        at: Index,
        pool: Index,
        /// A new id, or none to keep the node's.
        id: Option<NewId>,
    },
    AddEdge {
        pool: Index,
        source: Index,
        target: Index,
        dangling: bool,
        id: NewId,
    },
    /// An edge back from the target of an existing edge to its source: a cycle.
    Reverse {
        at: Index,
        id: NewId,
    },
    RemoveEdge {
        at: Index,
    },
    ReplaceEdge {
        at: Index,
        source: Index,
        target: Index,
        /// A new id, or none to keep the edge's.
        id: Option<NewId>,
    },
    Patch {
        at: Index,
        field: Index,
        value: Index,
        op: u8,
    },
    Link {
        at: Index,
        field: Index,
        to: Index,
    },
    Bad {
        kind: u8,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let index = any::<Index>;
    prop_oneof![
        2 => (index(), new_id()).prop_map(|(pool, id)| Step::AddNode { pool, id }),
        2 => index().prop_map(|at| Step::RemoveNode { at }),
        2 => (index(), index()).prop_map(|(pool, id)| Step::AddNamed { pool, id }),
        2 => index().prop_map(|at| Step::RemoveAlone { at }),
        2 => (index(), index(), prop::option::of(new_id())).prop_map(|(at, pool, id)| Step::ReplaceNode { at, pool, id }),
        3 => (index(), index(), index(), prop::bool::weighted(0.2), new_id()).prop_map(|(pool, source, target, dangling, id)| Step::AddEdge { pool, source, target, dangling, id }),
        2 => (index(), new_id()).prop_map(|(at, id)| Step::Reverse { at, id }),
        2 => index().prop_map(|at| Step::RemoveEdge { at }),
        2 => (index(), index(), index(), prop::option::of(new_id())).prop_map(|(at, source, target, id)| Step::ReplaceEdge { at, source, target, id }),
        5 => (index(), index(), index(), 0..3u8).prop_map(|(at, field, value, op)| Step::Patch { at, field, value, op }),
        1 => (index(), index(), index()).prop_map(|(at, field, to)| Step::Link { at, field, to }),
        1 => (0..3u8).prop_map(|kind| Step::Bad { kind }),
    ]
}

/// The node ids the edges of `now` name as their source or target.
fn named(now: &Value) -> Vec<&str> {
    now["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|edge| [edge["source"].as_str(), edge["target"].as_str()])
        .flatten()
        .collect()
}

/// The edit a step makes on the document as it is now; `None` when it has nothing to
/// act on (no node to remove, say).
fn edit(step: &Step, now: &Value, counter: usize) -> Option<Edit> {
    let nodes = ids(now, "nodes");
    let edges = ids(now, "edges");
    let end = |at: Index| pick(&nodes, at).unwrap_or_else(|| "gone".to_owned());
    let new_id = |id: &NewId, taken: &[String], fresh: &str| {
        if let NewId::Missing = id {
            return None;
        }
        let id = match id {
            NewId::Taken(at) => pick(taken, *at),
            // What the fix of a duplicate renames it to, when an id is repeated.
            NewId::Renamed(at) => {
                let repeated: Vec<String> = taken
                    .iter()
                    .filter(|id| taken.iter().filter(|other| other == id).count() > 1)
                    .cloned()
                    .collect();
                pick(
                    if repeated.is_empty() {
                        taken
                    } else {
                        &repeated
                    },
                    *at,
                )
                .map(|id| format!("{id}-2"))
            }
            NewId::Fresh | NewId::Missing => None,
        };
        Some(id.unwrap_or_else(|| format!("{fresh}-{counter}")))
    };
    let node_id = |id: &NewId| new_id(id, &nodes, "added");
    let edge_id = |id: &NewId| new_id(id, &edges, "added-edge");
    Some(match step.clone() {
        Step::AddNode { pool, id } => {
            let mut node = NODES[pool.index(NODES.len())].clone();
            set_id(&mut node, node_id(&id));
            Edit::AddNode { node }
        }
        Step::RemoveNode { at } => Edit::RemoveNode {
            id: pick(&nodes, at)?,
        },
        Step::AddNamed { pool, id } => {
            let missing: Vec<String> = named(now)
                .into_iter()
                .filter(|id| !nodes.iter().any(|node| node == id))
                .map(str::to_owned)
                .collect();
            let mut node = NODES[pool.index(NODES.len())].clone();
            node["id"] = json!(pick(&missing, id)?);
            Edit::AddNode { node }
        }
        Step::RemoveAlone { at } => {
            let named = named(now);
            let alone: Vec<String> = nodes
                .iter()
                .filter(|id| !named.contains(&id.as_str()))
                .cloned()
                .collect();
            Edit::RemoveNode {
                id: pick(&alone, at)?,
            }
        }
        Step::ReplaceNode { at, pool, id: new } => {
            let id = pick(&nodes, at)?;
            let mut node = NODES[pool.index(NODES.len())].clone();
            set_id(
                &mut node,
                new.map_or_else(|| Some(id.clone()), |new| node_id(&new)),
            );
            Edit::ReplaceNode { id, node }
        }
        Step::AddEdge {
            pool,
            source,
            target,
            dangling,
            id,
        } => {
            let mut edge = EDGES[pool.index(EDGES.len())].clone();
            set_id(&mut edge, edge_id(&id));
            edge["source"] = json!(end(source));
            edge["target"] = json!(if dangling {
                "gone".to_owned()
            } else {
                end(target)
            });
            Edit::AddEdge { edge }
        }
        Step::Reverse { at, id } => {
            let all = now["edges"].as_array()?;
            let mut edge = all
                .get(at.index(all.len().max(1)))
                .filter(|edge| edge.is_object())?
                .clone();
            let (source, target) = (edge["source"].clone(), edge["target"].clone());
            edge["source"] = target;
            edge["target"] = source;
            set_id(&mut edge, edge_id(&id));
            Edit::AddEdge { edge }
        }
        Step::RemoveEdge { at } => Edit::RemoveEdge {
            id: pick(&edges, at)?,
        },
        Step::ReplaceEdge {
            at,
            source,
            target,
            id: new_id,
        } => {
            let id = pick(&edges, at)?;
            let old = now["edges"]
                .as_array()?
                .iter()
                .find(|edge| edge["id"] == json!(id))?;
            let mut edge = old.clone();
            edge["source"] = json!(end(source));
            edge["target"] = json!(end(target));
            if let Some(new_id) = new_id {
                set_id(&mut edge, edge_id(&new_id));
            }
            Edit::ReplaceEdge { id, edge }
        }
        Step::Patch {
            at,
            field,
            value,
            op,
        } => {
            let (path, values) = &PATCHES[field.index(PATCHES.len())];
            let value = values[value.index(values.len())].clone();
            let path = (*path).to_owned();
            let operation = match op {
                0 => PatchOperation::Add { path, value },
                1 => PatchOperation::Replace { path, value },
                _ => PatchOperation::Remove { path },
            };
            Edit::PatchNodeData {
                id: pick(&nodes, at)?,
                patch: vec![operation],
            }
        }
        Step::Link { at, field, to } => Edit::PatchNodeData {
            id: pick(&nodes, at)?,
            patch: vec![PatchOperation::Add {
                path: LINKS[field.index(LINKS.len())].to_owned(),
                value: json!(end(to)),
            }],
        },
        Step::Bad { kind } => match kind {
            0 => Edit::RemoveNode {
                id: "no-such-node".to_owned(),
            },
            1 => Edit::RemoveEdge {
                id: "no-such-edge".to_owned(),
            },
            _ => Edit::PatchNodeData {
                id: nodes.first()?.clone(),
                patch: vec![
                    PatchOperation::Add {
                        path: "/image".to_owned(),
                        value: json!("x"),
                    },
                    PatchOperation::Remove {
                        path: "/no/such/field".to_owned(),
                    },
                ],
            },
        },
    })
}

/// What validating the document's JSON afresh reports, read back as text.
fn fresh(document: &Document, plugins: &[PluginDefinition]) -> Vec<Diagnostic> {
    let text = document.to_json().to_string();
    let workflow = parse_workflow(&text).expect("a document writes a workflow");
    validate(&workflow, &ValidateOptions { plugins })
}

fn difference(a: &[Diagnostic], b: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut only: Vec<Diagnostic> = a.iter().filter(|d| !b.contains(d)).cloned().collect();
    sort(&mut only);
    only
}

fn run(raw: Value, plugins: &[PluginDefinition], steps: &[Step]) -> Result<(), TestCaseError> {
    let workflow = workflow_from_value(raw).expect("an object is a workflow");
    let mut document = Document::open(workflow, plugins.to_vec());
    prop_assert_eq!(document.diagnostics(), fresh(&document, plugins));
    for (counter, step) in steps.iter().enumerate() {
        let now = document.to_json();
        let Some(edit) = edit(step, &now, counter) else {
            continue;
        };
        let before = document.diagnostics();
        match document.apply(&edit) {
            Ok(update) => {
                let after = document.diagnostics();
                prop_assert_eq!(&after, &fresh(&document, plugins), "after {:?}", edit);
                prop_assert_eq!(
                    &update.added,
                    &difference(&after, &before),
                    "added by {:?}",
                    edit
                );
                prop_assert_eq!(
                    &update.removed,
                    &difference(&before, &after),
                    "removed by {:?}",
                    edit
                );
            }
            Err(_) => {
                prop_assert_eq!(
                    document.to_json(),
                    now,
                    "a refused {:?} changed the workflow",
                    edit
                );
                prop_assert_eq!(document.diagnostics(), before);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn edited_documents_report_what_validate_reports(
        start in any::<Index>(),
        steps in prop::collection::vec(step(), 1..24),
    ) {
        let start = &STARTS[start.index(STARTS.len())];
        run(start.raw.clone(), &start.plugins, &steps)?;
    }

    #[test]
    fn edited_arbitrary_documents_report_what_validate_reports(
        raw in arbitrary::workflow(true),
        steps in prop::collection::vec(step(), 1..16),
    ) {
        run(raw, &plugins(), &steps)?;
    }
}

#[test]
fn the_starting_workflows_include_edges_and_link_copies() {
    // The sequences above are only as good as what they start from.
    let edges: BTreeSet<bool> = STARTS
        .iter()
        .map(|s| ids(&s.raw, "edges").is_empty())
        .collect();
    assert_eq!(edges, BTreeSet::from([false, true]));
    let text = serde_json::to_string(&*NODES).expect("JSON");
    for copy in [
        "_linkedDeployment",
        "_linkedService",
        "_linkedTarget",
        "nodeId",
    ] {
        assert!(text.contains(copy), "no starting node has {copy}");
    }
}
