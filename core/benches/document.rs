//! Editing speed on the generated 10,000-node workflow of the validation benchmark: one
//! edit to an open document (a node's data patched, an edge added and removed, a node
//! added and removed, a node removed among its edges and added back), against
//! building the graph alone and a full validate. The goal is a single-node edit under
//! 1 ms, with the CLI's allocator (mimalloc).

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

/// The allocator the CLI and the Python extension use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kubegraph::graph::WorkflowGraph;
use kubegraph::parse::{parse_plugins, parse_workflow};
use kubegraph::validate::{ValidateOptions, validate};
use kubegraph::{CompileOptions, Document, Edit, PatchOperation, compile_to_yaml};

#[path = "support/generated.rs"]
mod generated;

/// Nodes in the generated workflow.
const NODES: usize = 10_000;

fn replicas(count: i64) -> Edit {
    // A Deployment in the middle of the workflow (`n<app>-2` is each app's web Deployment).
    Edit::PatchNodeData {
        id: format!("n{}-2", NODES / 20),
        patch: vec![PatchOperation::Replace {
            path: "/replicas".to_owned(),
            value: json!(count),
        }],
    }
}

fn bench(c: &mut Criterion) {
    let text = generated::generated(NODES);
    let workflow = parse_workflow(&text).expect("generated workflow parses");
    let plugins = parse_plugins(generated::PLUGINS).expect("plugin definitions");
    let options = ValidateOptions { plugins: &plugins };
    let mut document = Document::open(workflow.clone(), plugins.clone());
    assert_eq!(document.diagnostics(), validate(&workflow, &options));
    let mut count = 1;
    c.bench_function("document: patch one node's data, 10k nodes", |b| {
        b.iter(|| {
            count = 3 - count;
            document.apply(&replicas(count)).expect("applies")
        })
    });
    let edge = json!({"id": "bench-edge", "source": "n7-1", "target": "n7-4"});
    c.bench_function("document: add and remove an edge, 10k nodes", |b| {
        b.iter(|| {
            document
                .apply(&Edit::AddEdge { edge: edge.clone() })
                .expect("applies");
            document
                .apply(&Edit::RemoveEdge {
                    id: "bench-edge".to_owned(),
                })
                .expect("applies")
        })
    });
    let node = json!({"id": "bench-node", "type": "configmap", "position": {"x": 0, "y": 0},
                      "data": {"name": "extra", "namespace": "team-7", "data": {"LEVEL": "debug"}}});
    c.bench_function("document: add and remove a node, 10k nodes", |b| {
        b.iter(|| {
            document
                .apply(&Edit::AddNode { node: node.clone() })
                .expect("applies");
            document
                .apply(&Edit::RemoveNode {
                    id: "bench-node".to_owned(),
                })
                .expect("applies")
        })
    });
    // An application's Deployment with five edges, which stay (dangling) while it is gone.
    let linked = format!("n{}-4", NODES / 20);
    let deployment = document.to_json()["nodes"]
        .as_array()
        .and_then(|nodes| nodes.iter().find(|node| node["id"] == linked.as_str()))
        .cloned()
        .expect("the Deployment is there");
    c.bench_function(
        "document: remove a node among its edges and add it back, 10k nodes",
        |b| {
            b.iter(|| {
                document
                    .apply(&Edit::RemoveNode { id: linked.clone() })
                    .expect("applies");
                document
                    .apply(&Edit::AddNode {
                        node: deployment.clone(),
                    })
                    .expect("applies")
            })
        },
    );
    c.bench_function("graph: build, 10k nodes", |b| {
        b.iter(|| WorkflowGraph::new(&workflow).edges().len())
    });
    c.bench_function("validate: 10k nodes", |b| {
        b.iter(|| validate(&workflow, &options))
    });

    // Compiling again after a one-node edit builds only the objects of the nodes near it,
    // and reuses the YAML of every unchanged object.
    let compile_options = CompileOptions {
        plugins: &plugins,
        ..CompileOptions::default()
    };
    let full = compile_to_yaml(&workflow, &compile_options);
    assert!(!full.has_errors(), "the generated workflow compiles");
    let first = document.compile(None, true);
    assert_eq!(first.to_yaml(), full.yaml);
    document.apply(&replicas(7)).expect("applies");
    let again = document.compile(None, true);
    assert!(again.rendered <= 1, "one node's object at most");
    assert!(again.built <= 10, "the nodes near the edited one only");
    c.bench_function("document: one-node edit, then compile, 10k nodes", |b| {
        b.iter(|| {
            count = 3 - count;
            document.apply(&replicas(count)).expect("applies");
            document.compile(None, true).to_yaml()
        })
    });
    c.bench_function(
        "document: one-node edit, then compile as a JSON list, 10k nodes",
        |b| {
            b.iter(|| {
                count = 3 - count;
                document.apply(&replicas(count)).expect("applies");
                document.compile(None, true).to_json_list()
            })
        },
    );
    c.bench_function("compile_to_yaml: 10k nodes", |b| {
        b.iter(|| compile_to_yaml(&workflow, &compile_options))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
