//! Each kind of edit on a document, and what its update reports.

mod document_support;

use document_support::{apply, open};
use kubegraph::patch::PatchError;
use kubegraph::{Diagnostic, Edit, EditError, PatchOperation};
use serde_json::{Value, json};

/// `(code, pointer)` of each diagnostic.
fn places(found: &[Diagnostic]) -> Vec<(&str, String)> {
    found
        .iter()
        .map(|d| (d.code.as_str(), d.pointer().unwrap_or_default()))
        .collect()
}

fn deployment(id: &str, name: &str) -> Value {
    json!({"id": id, "type": "deployment", "data": {"name": name, "image": "nginx:1.27"}})
}

#[test]
fn an_edge_to_nowhere_appears_and_goes() {
    let mut document = open(json!({"nodes": [deployment("a", "web")], "edges": []}));
    assert_eq!(document.diagnostics(), []);
    let edge = json!({"id": "e1", "source": "a", "target": "gone"});
    let update = apply(&mut document, Edit::AddEdge { edge });
    assert_eq!(
        places(&update.added),
        [("dangling-edge", "/edges/0/target".to_owned())]
    );
    assert_eq!(update.removed, []);
    let update = apply(&mut document, Edit::RemoveEdge { id: "e1".into() });
    assert_eq!(update.added, []);
    assert_eq!(
        places(&update.removed),
        [("dangling-edge", "/edges/0/target".to_owned())]
    );
}

#[test]
fn removing_a_node_moves_the_diagnostics_of_later_nodes() {
    let mut bad = deployment("b", "api");
    bad["data"]["image"] = json!("nginx 1.27");
    let mut document = open(json!({"nodes": [deployment("a", "web"), bad], "edges": []}));
    let update = apply(&mut document, Edit::RemoveNode { id: "a".into() });
    assert_eq!(
        places(&update.added),
        [("invalid-image", "/nodes/0/data/image".to_owned())]
    );
    assert_eq!(
        places(&update.removed),
        [("invalid-image", "/nodes/1/data/image".to_owned())]
    );
}

#[test]
fn renaming_a_node_reports_and_clears_a_duplicate_resource() {
    let mut document = open(json!({
        "nodes": [deployment("a", "web"), deployment("b", "api")], "edges": []
    }));
    let rename = |name: &str| Edit::PatchNodeData {
        id: "b".into(),
        patch: vec![PatchOperation::Replace {
            path: "/name".into(),
            value: json!(name),
        }],
    };
    let update = apply(&mut document, rename("web"));
    assert!(
        update
            .added
            .iter()
            .any(|d| d.code.as_str() == "duplicate-resource"),
        "{update:?}"
    );
    let update = apply(&mut document, rename("api"));
    assert_eq!(update.added, []);
    assert!(
        update
            .removed
            .iter()
            .any(|d| d.code.as_str() == "duplicate-resource"),
        "{update:?}"
    );
}

#[test]
fn an_autoscaler_two_edges_away_decides_whether_a_claim_is_shared() {
    // The claim's check reads the workload it is mounted in, and that workload's HPA.
    let mut document = open(json!({
        "nodes": [
            {"id": "c", "type": "persistentvolumeclaim", "data": {"name": "data", "accessModes": ["ReadWriteOncePod"]}},
            {"id": "s", "type": "statefulset", "data": {"name": "db", "image": "postgres:16", "replicas": 1}},
            {"id": "h", "type": "hpa", "data": {"name": "db", "minReplicas": 1, "maxReplicas": 1}}
        ],
        "edges": [
            {"id": "e1", "source": "c", "target": "s", "sourceHandle": "output"},
            {"id": "e2", "source": "h", "target": "s", "sourceHandle": "output"}
        ]
    }));
    let scale = |max: i64| Edit::PatchNodeData {
        id: "h".into(),
        patch: vec![PatchOperation::Replace {
            path: "/maxReplicas".into(),
            value: json!(max),
        }],
    };
    let update = apply(&mut document, scale(4));
    let shared = [(
        "single-node-claim-shared",
        "/nodes/0/data/accessModes".to_owned(),
    )];
    assert_eq!(places(&update.added), shared);
    let update = apply(&mut document, scale(1));
    assert_eq!(places(&update.removed), shared);
}

#[test]
fn deleting_a_node_a_copy_names_makes_the_copy_stale() {
    // The Service names the workload only through its copies, not through an edge.
    let mut document = open(json!({
        "nodes": [
            {"id": "svc", "type": "service", "data": {"name": "web", "port": 80, "targetApp": "web", "_linkedDeployment": "w"}},
            deployment("w", "web")
        ],
        "edges": []
    }));
    let update = apply(&mut document, Edit::RemoveNode { id: "w".into() });
    assert!(
        update.added.iter().any(
            |d| d.code.as_str() == "stale-link" && d.location.node_id.as_deref() == Some("svc")
        ),
        "{update:?}"
    );
    let update = apply(
        &mut document,
        Edit::AddNode {
            node: deployment("w", "web"),
        },
    );
    assert!(
        update
            .removed
            .iter()
            .any(|d| d.code.as_str() == "stale-link"),
        "{update:?}"
    );
}

#[test]
fn a_second_node_with_an_id_is_a_duplicate_until_replaced() {
    let mut document = open(json!({"nodes": [deployment("a", "web")], "edges": []}));
    let update = apply(
        &mut document,
        Edit::AddNode {
            node: deployment("a", "api"),
        },
    );
    assert_eq!(
        places(&update.added),
        [("duplicate-node-id", "/nodes/1/id".to_owned())]
    );
    // With a duplicated id, the first node is the one meant.
    let update = apply(
        &mut document,
        Edit::ReplaceNode {
            id: "a".into(),
            node: deployment("b", "web"),
        },
    );
    assert_eq!(
        places(&update.removed),
        [("duplicate-node-id", "/nodes/1/id".to_owned())]
    );
}

#[test]
fn a_refused_edit_changes_nothing() {
    let mut document =
        open(json!({"nodes": [deployment("a", "web")], "edges": [], "extra": {"kept": true}}));
    let before = (document.to_json(), document.diagnostics());
    let refused = [
        (
            Edit::RemoveNode { id: "x".into() },
            EditError::UnknownNode("x".into()),
        ),
        (
            Edit::ReplaceEdge {
                id: "e".into(),
                edge: json!({}),
            },
            EditError::UnknownEdge("e".into()),
        ),
    ];
    for (edit, error) in refused {
        assert_eq!(document.apply(&edit), Err(error));
    }
    let half_valid = Edit::PatchNodeData {
        id: "a".into(),
        patch: vec![
            PatchOperation::Replace {
                path: "/image".into(),
                value: json!("bad image"),
            },
            PatchOperation::Remove {
                path: "/replicas".into(),
            },
        ],
    };
    assert!(matches!(
        document.apply(&half_valid),
        Err(EditError::Patch(PatchError { op: "remove", .. }))
    ));
    assert_eq!((document.to_json(), document.diagnostics()), before);
}

#[test]
fn the_written_document_keeps_unknown_fields() {
    let mut document = open(json!({
        "nodes": [{"id": "a", "type": "deployment", "custom": 1, "data": {"name": "web", "image": "nginx:1.27", "ui": {"x": 1}}}],
        "edges": [], "viewport": {"zoom": 2}
    }));
    apply(
        &mut document,
        Edit::PatchNodeData {
            id: "a".into(),
            patch: vec![PatchOperation::Add {
                path: "/replicas".into(),
                value: json!(2),
            }],
        },
    );
    assert_eq!(
        document.to_json(),
        json!({
            "nodes": [{"id": "a", "type": "deployment", "custom": 1, "data": {"name": "web", "image": "nginx:1.27", "ui": {"x": 1}, "replicas": 2}}],
            "edges": [], "viewport": {"zoom": 2}
        })
    );
}

/// A document keeps what it compiled, Secret values included: its Debug output, and
/// that of what it compiles, must not show them.
#[test]
fn debug_output_of_a_compiled_document_shows_no_secret_value() {
    let mut document = open(json!({
        "nodes": [{"id": "k1", "type": "secret",
                   "data": {"name": "db", "keys": [{"id": "a", "name": "K"}]}}],
        "edges": []
    }));
    let values: kubegraph::model::RuntimeValues =
        serde_json::from_value(json!({"secrets": {"k1": {"K": "topsecret"}}})).expect("values");
    let compiled = document.compile(Some(&values), true);
    assert_eq!(compiled.objects.len(), 1, "{:?}", compiled.diagnostics);
    let debug = format!("{compiled:?} {document:?}");
    assert!(debug.contains("Secret") && debug.contains("db"), "{debug}");
    assert!(
        !debug.contains("topsecret") && !debug.contains("dG9wc2VjcmV0"),
        "{debug}"
    );
}
