//! Well-known open-source applications (`tests/apps/`: upstream's manifests, vendored with
//! their licence and commit, and each drawn as a workflow) compile to what upstream wrote.
//! Both sides get the API server's defaults (`apps_support/defaults.rs`), then are compared
//! object by object and field by field (`apps_support/compare.rs`): every difference must
//! be listed below with its reason, and every listed difference must still occur, so the
//! list cannot go stale. The same holds for the diagnostics of compiling each drawing.
//! Every Service and NetworkPolicy of upstream's must pick the same pods in kubegraph's
//! output as in upstream's. kubegraph's YAML is also written to
//! `$CARGO_TARGET_TMPDIR/kubegraph-manifests/app-<name>.yaml` for
//! `scripts/check-manifests.sh`, which checks it against Kubernetes' own schemas.
//!
//! Two kinds of reasons: "not yet expressible: <field>" marks what the node model cannot
//! describe yet (remove the entry once it can: the test then fails until it is gone), and
//! "by design" marks what kubegraph writes differently on purpose. The labels kubegraph
//! adds to every object by design (`apps_support::CONVENTIONS`) are not differences where
//! upstream sets no label of that key.

// Tests read the corpus from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod apps_support;
mod compile_support;

use std::fs;
use std::path::{Path, PathBuf};

use apps_support::{Expected, ExpectedDiagnostic, check, compare_with_upstream, expect};
use serde_json::json;

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kubegraph-manifests");
    fs::create_dir_all(&dir).expect("create the manifest directory");
    dir
}

fn assert_matches_upstream(
    name: &str,
    expected: &[Expected],
    diagnostics: &[ExpectedDiagnostic],
    selectors: usize,
) {
    let report = check(name, expected, diagnostics, &out_dir());
    assert!(
        report.problems.is_empty(),
        "{name}: {} problems:\n{}",
        report.problems.len(),
        report.problems.join("\n")
    );
    assert_eq!(
        report.selectors, selectors,
        "{name}: another number of Service and NetworkPolicy selectors was compared"
    );
}

#[test]
fn online_boutique_compiles_to_upstream() {
    let diagnostics = [ExpectedDiagnostic {
        code: "namespace-wide-policy",
        node: "node-25",
        reason: "upstream's deny-all policy selects every pod of the namespace on purpose",
    }];
    // 12 Services; 13 policies and the 15 pod selectors of their peers.
    assert_matches_upstream("microservices-demo", &[], &diagnostics, 12 + 13 + 15);
}

#[test]
fn bookinfo_compiles_to_upstream() {
    assert_matches_upstream("bookinfo", &[], &[], 4);
}

#[test]
fn cassandra_compiles_to_upstream() {
    let statefulset = "StatefulSet default/cassandra";
    let claim = "/spec/volumeClaimTemplates/0";
    let storage_class = "by design: a claim template's storage class is the storageClassName field, which replaced the volume.beta.kubernetes.io/storage-class annotation upstream still uses";
    let expected = [
        expect(
            statefulset,
            &format!("{claim}/metadata/annotations"),
            storage_class,
        ),
        expect(
            statefulset,
            &format!("{claim}/spec/storageClassName"),
            storage_class,
        ),
        expect(
            "StorageClass fast",
            "",
            "not expressible, and not planned: a StorageClass (no node kind draws one; a cluster usually provides them)",
        ),
    ];
    assert_matches_upstream("cassandra", &expected, &[], 1);
}

#[test]
fn the_comparison_fails_on_an_unlisted_difference_and_on_a_stale_entry() {
    let deployment = |image: &str| {
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": image}]}}}})
    };
    let service = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}});
    let upstream = vec![deployment("nginx:1.27"), service.clone()];
    let same = compare_with_upstream(
        "shop",
        upstream.clone(),
        vec![deployment("nginx:1.27"), service.clone()],
        &[],
    );
    assert!(same.problems.is_empty(), "{:?}", same.problems);
    assert_eq!(same.selectors, 1);

    let image = "/spec/template/spec/containers[web]/image";
    let changed = compare_with_upstream(
        "shop",
        upstream.clone(),
        vec![deployment("nginx:1.28"), service.clone()],
        &[],
    );
    assert_eq!(changed.problems.len(), 1, "{:?}", changed.problems);
    assert!(
        changed.problems[0].contains(image),
        "{:?}",
        changed.problems
    );

    let listed = [expect("Deployment default/web", image, "a test")];
    let stale = compare_with_upstream(
        "shop",
        upstream.clone(),
        vec![deployment("nginx:1.27"), service.clone()],
        &listed,
    );
    assert_eq!(stale.problems.len(), 1, "{:?}", stale.problems);
    assert!(stale.problems[0].starts_with("no longer differs"));

    let mut elsewhere = service;
    elsewhere["spec"]["selector"] = json!({"app": "api"});
    let moved = compare_with_upstream(
        "shop",
        upstream,
        vec![deployment("nginx:1.27"), elsewhere],
        &[],
    );
    assert!(
        moved
            .problems
            .iter()
            .any(|problem| problem.contains("picks {}")),
        "a Service picking other pods must be reported: {:?}",
        moved.problems
    );
}
