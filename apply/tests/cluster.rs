//! Integration tests against a real kube-apiserver and etcd (no controllers).
//!
//! They are ignored by a plain `cargo test`; `run-cluster-tests.sh` starts the servers
//! (scripts/k8s-test-env.sh), sets `KUBEGRAPH_TEST_KUBECONFIG` and runs them with
//! `--ignored`. Every test works in its own namespace: namespaces never finish
//! deleting without controllers, so nothing is cleaned up and names are unique per run.
//! Where readiness is tested, the test plays the controller by writing status itself.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::ConfigMap;
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{Api, DynamicObject, Patch, PatchParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::core::GroupVersionKind;
use kube::{Client, Config, discovery};
use kubegraph::parse::{parse_plugins, parse_values, workflow_from_value};
use kubegraph::{CompileOptions, Manifest, compile};
use kubegraph_apply::store::{ClusterStore, InventoryStore, MemoryStore};
use kubegraph_apply::{
    Action, Applier, ApplyOptions, ApplyReport, Health, InventoryKey, ObjectError, ObjectRef,
    Outcome, StoreError,
};
use serde_json::{Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/workflows");

/// A client for the test cluster named by `KUBEGRAPH_TEST_KUBECONFIG`.
///
/// These tests are `#[ignore]`d so that a plain `cargo test` reports them as not run;
/// `run-cluster-tests.sh` starts the servers and runs them with `--ignored`, and then a
/// missing kubeconfig is a failure, not a pass.
async fn cluster() -> Client {
    let path = std::env::var_os("KUBEGRAPH_TEST_KUBECONFIG")
        .expect("KUBEGRAPH_TEST_KUBECONFIG names the test cluster's kubeconfig (see apply/run-cluster-tests.sh)");
    let kubeconfig = Kubeconfig::read_from(&path).expect("readable kubeconfig");
    let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .expect("usable kubeconfig");
    Client::try_from(config).expect("client")
}

/// A namespace name no earlier run used.
fn namespace(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{prefix}-{:x}{}",
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).unwrap()
}

/// A fixture workflow with every node moved into `namespace`.
fn workflow_in(name: &str, namespace: &str) -> Value {
    let mut workflow: Value = serde_json::from_str(&fixture(name)).unwrap();
    for node in workflow["nodes"].as_array_mut().unwrap() {
        node["data"]["namespace"] = json!(namespace);
    }
    workflow
}

/// What a test starts from: a client, a fresh namespace, a fixture workflow moved into
/// it, and the workflow compiled.
async fn case(prefix: &str, fixture: &str) -> (Client, String, Value, Vec<Manifest>) {
    let ns = namespace(prefix);
    let workflow = workflow_in(fixture, &ns);
    let manifests = compile_value(&workflow);
    (cluster().await, ns, workflow, manifests)
}

fn node<'a>(workflow: &'a mut Value, id: &str) -> &'a mut Value {
    workflow["nodes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|node| node["id"] == id)
        .unwrap()
}

/// Removes a node and its edges.
fn remove_node(workflow: &mut Value, id: &str) {
    workflow["nodes"]
        .as_array_mut()
        .unwrap()
        .retain(|node| node["id"] != id);
    workflow["edges"]
        .as_array_mut()
        .unwrap()
        .retain(|edge| edge["source"] != id && edge["target"] != id);
}

/// Compiles with the storefront's run-time values and the plugin definitions.
fn compile_value(workflow: &Value) -> Vec<Manifest> {
    let workflow = workflow_from_value(workflow.clone()).unwrap();
    let values = parse_values(&fixture("storefront.values.json")).unwrap();
    let plugins = parse_plugins(&fixture("plugins.json")).unwrap();
    let compilation = compile(
        &workflow,
        &CompileOptions {
            values: Some(&values),
            plugins: &plugins,
            ..CompileOptions::default()
        },
    );
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    compilation.objects
}

fn key(namespace: &str) -> InventoryKey {
    InventoryKey {
        workflow_id: namespace.to_owned(),
        cluster: "test".to_owned(),
    }
}

async fn apply(
    client: &Client,
    manifests: &[Manifest],
    namespace: &str,
    store: &impl InventoryStore,
    options: &ApplyOptions,
) -> ApplyReport {
    Applier::new(client.clone())
        .apply(manifests, &key(namespace), store, options)
        .await
        .unwrap()
}

fn pruning() -> ApplyOptions {
    ApplyOptions {
        prune: true,
        ..ApplyOptions::default()
    }
}

fn outcomes(report: &ApplyReport) -> BTreeMap<String, Outcome> {
    report
        .objects
        .iter()
        .map(|result| {
            (
                format!("{}/{}", result.object.kind, result.object.name),
                result.outcome.clone(),
            )
        })
        .collect()
}

/// Every `kind/name` whose outcome passes `keep`.
fn names(report: &ApplyReport, keep: impl Fn(&Outcome) -> bool) -> Vec<String> {
    outcomes(report)
        .into_iter()
        .filter(|(_, outcome)| keep(outcome))
        .map(|(name, _)| name)
        .collect()
}

/// Every `kind/name` whose outcome is not `expected`.
fn not(report: &ApplyReport, expected: &Outcome) -> Vec<String> {
    names(report, |outcome| outcome != expected)
}

/// Every `kind/name` the report deleted.
fn deleted(report: &ApplyReport) -> Vec<String> {
    names(report, |outcome| *outcome == Outcome::Deleted)
}

/// Asserts that every object's outcome is `expected` except for `others` (`kind/name`).
#[track_caller]
fn assert_all_but(report: &ApplyReport, expected: &Outcome, others: &[&str]) {
    assert_eq!(not(report, expected), others, "{:#?}", report.objects);
}

async fn dynamic_api(client: &Client, object: &ObjectRef) -> Api<DynamicObject> {
    let (group, version) = object
        .api_version
        .split_once('/')
        .unwrap_or(("", &object.api_version));
    let (resource, _) =
        discovery::pinned_kind(client, &GroupVersionKind::gvk(group, version, &object.kind))
            .await
            .unwrap();
    match &object.namespace {
        Some(namespace) => Api::namespaced_with(client.clone(), namespace, &resource),
        None => Api::all_with(client.clone(), &resource),
    }
}

/// The resourceVersion of every compiled object that exists.
async fn resource_versions(client: &Client, manifests: &[Manifest]) -> BTreeMap<String, String> {
    let mut versions = BTreeMap::new();
    for manifest in manifests {
        let object = ObjectRef::of(manifest);
        if let Some(live) = dynamic_api(client, &object)
            .await
            .get_opt(&object.name)
            .await
            .unwrap()
        {
            versions.insert(
                format!("{}/{}", object.kind, object.name),
                live.metadata.resource_version.unwrap(),
            );
        }
    }
    versions
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn apply_then_apply_again_changes_nothing() {
    let (client, ns, _, manifests) = case("kg-reapply", "storefront.json").await;
    let store = MemoryStore::new();

    let first = apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    assert_all_but(&first, &Outcome::Created, &[]);
    assert!(first.inventory_written);
    let inventory = store.get_inventory(&key(&ns)).await.unwrap().unwrap();
    assert_eq!(inventory.objects.len(), manifests.len());
    assert!(inventory.objects.iter().all(|entry| entry.uid.is_some()));
    let before = resource_versions(&client, &manifests).await;
    assert_eq!(before.len(), manifests.len());

    let second = apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    assert_all_but(&second, &Outcome::Unchanged, &[]);
    assert_eq!(
        resource_versions(&client, &manifests).await,
        before,
        "no object got a new resourceVersion"
    );

    let plan = Applier::new(client.clone())
        .plan(&manifests, Some(&inventory), &ApplyOptions::default())
        .await;
    assert_eq!(plan.count(Action::Unchanged), manifests.len(), "{plan:#?}");
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn changing_one_node_updates_only_its_object() {
    let (client, ns, mut workflow, manifests) = case("kg-change", "storefront.json").await;
    let store = MemoryStore::new();
    apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    let before = resource_versions(&client, &manifests).await;

    node(&mut workflow, "node-3")["data"]["image"] = json!("ghcr.io/acme/shop-web:2.4.0");
    let changed = compile_value(&workflow);
    let inventory = store.get_inventory(&key(&ns)).await.unwrap();
    let plan = Applier::new(client.clone())
        .plan(&changed, inventory.as_ref(), &ApplyOptions::default())
        .await;
    let updates: Vec<_> = plan
        .changes
        .iter()
        .filter(|change| change.action == Ok(Action::Update))
        .collect();
    assert_eq!(updates.len(), 1, "{plan:#?}");
    assert_eq!(updates[0].node_id.as_deref(), Some("node-3"));

    let report = apply(&client, &changed, &ns, &store, &ApplyOptions::default()).await;
    assert_all_but(&report, &Outcome::Unchanged, &["Deployment/web"]);
    assert_eq!(outcomes(&report)["Deployment/web"], Outcome::Updated);
    let after = resource_versions(&client, &changed).await;
    let moved: Vec<_> = after
        .iter()
        .filter(|(name, version)| before[*name] != **version)
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(moved, ["Deployment/web"]);
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn prune_deletes_exactly_the_removed_node() {
    let (client, ns, mut workflow, manifests) = case("kg-prune", "storefront.json").await;
    let store = MemoryStore::new();
    apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;

    // Made by hand with exactly our labels, but never applied by this workflow.
    let config_maps: Api<ConfigMap> = Api::namespaced(client.clone(), &ns);
    let hand_made: ConfigMap = serde_json::from_value(json!({
        "metadata": {"name": "hand-made", "labels": {
            "app.kubernetes.io/managed-by": "kubegraph", "app.kubernetes.io/part-of": "storefront",
            "app": "api-config", "managed-by": "kubeorch"}},
        "data": {"note": "not in any inventory"},
    }))
    .unwrap();
    config_maps
        .create(&PostParams::default(), &hand_made)
        .await
        .unwrap();

    remove_node(&mut workflow, "node-6");
    // The ConfigMap is also mounted by the api Deployment; drop the mount with the node.
    node(&mut workflow, "node-5")["data"]["volumeMounts"]
        .as_array_mut()
        .unwrap()
        .retain(|mount| mount["nodeId"] != "node-6");
    let manifests = compile_value(&workflow);

    let kept = apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    assert!(
        matches!(&outcomes(&kept)["ConfigMap/api-config"], Outcome::Kept { reason } if reason.contains("prune not requested")),
        "{:#?}",
        kept.objects
    );
    assert!(config_maps.get_opt("api-config").await.unwrap().is_some());

    let before = resource_versions(&client, &manifests).await;
    let pruned = apply(&client, &manifests, &ns, &store, &pruning()).await;
    assert_eq!(
        deleted(&pruned),
        ["ConfigMap/api-config"],
        "{:#?}",
        pruned.objects
    );
    assert_all_but(&pruned, &Outcome::Unchanged, &["ConfigMap/api-config"]);
    assert!(
        config_maps.get_opt("api-config").await.unwrap().is_none(),
        "pruned"
    );
    assert!(
        config_maps.get_opt("hand-made").await.unwrap().is_some(),
        "not in the inventory: survives"
    );
    assert_eq!(
        resource_versions(&client, &manifests).await,
        before,
        "nothing else touched"
    );
    let inventory = store.get_inventory(&key(&ns)).await.unwrap().unwrap();
    assert!(
        inventory
            .objects
            .iter()
            .all(|entry| entry.object.name != "api-config")
    );
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn a_conflicting_field_manager_is_reported_and_force_takes_over() {
    let (client, ns, _, manifests) = case("kg-conflict", "storefront.json").await;
    let store = MemoryStore::new();
    apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;

    let deployments: Api<Deployment> = Api::namespaced(client.clone(), &ns);
    let other = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 5}});
    deployments
        .patch(
            "web",
            &PatchParams::apply("other-tool").force(),
            &Patch::Apply(other),
        )
        .await
        .unwrap();

    let report = apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    let Outcome::Failed {
        error: ObjectError::Conflict { conflicts },
    } = &outcomes(&report)["Deployment/web"]
    else {
        panic!("expected a conflict: {:#?}", report.objects);
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].manager, "other-tool");
    assert_eq!(conflicts[0].fields, [".spec.replicas"]);
    assert_eq!(report.nodes["node-3"].status, Health::Error);
    assert!(
        report.nodes["node-3"]
            .message
            .contains("other-tool owns .spec.replicas"),
        "{:?}",
        report.nodes["node-3"]
    );
    // One failure does not hide or stop the others.
    assert_all_but(&report, &Outcome::Unchanged, &["Deployment/web"]);
    assert!(!report.succeeded());
    assert_eq!(
        deployments.get("web").await.unwrap().spec.unwrap().replicas,
        Some(5),
        "not forced"
    );

    let forced = apply(
        &client,
        &manifests,
        &ns,
        &store,
        &ApplyOptions {
            force_conflicts: true,
            ..ApplyOptions::default()
        },
    )
    .await;
    assert_eq!(outcomes(&forced)["Deployment/web"], Outcome::Updated);
    assert_eq!(
        deployments.get("web").await.unwrap().spec.unwrap().replicas,
        Some(2)
    );
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn dry_run_and_diff_change_nothing() {
    let (client, ns, mut workflow, manifests) = case("kg-dry", "storefront.json").await;
    let store = MemoryStore::new();
    let dry_run = ApplyOptions {
        dry_run: true,
        ..ApplyOptions::default()
    };

    // Into an empty cluster: everything would be created, nothing is.
    let report = apply(&client, &manifests, &ns, &store, &dry_run).await;
    assert_all_but(&report, &Outcome::Created, &[]);
    assert!(resource_versions(&client, &manifests).await.is_empty());
    assert!(store.get_inventory(&key(&ns)).await.unwrap().is_none());

    apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    let before = resource_versions(&client, &manifests).await;
    node(&mut workflow, "node-6")["data"]["data"]["CACHE_TTL_SECONDS"] = json!("600");
    node(&mut workflow, "node-3")["data"]["replicas"] = json!(4);
    let changed = compile_value(&workflow);

    let report = apply(&client, &changed, &ns, &store, &dry_run).await;
    assert_all_but(
        &report,
        &Outcome::Unchanged,
        &["ConfigMap/api-config", "Deployment/web"],
    );

    let inventory = store.get_inventory(&key(&ns)).await.unwrap();
    let diffs = Applier::new(client.clone())
        .diff(&changed, inventory.as_ref(), &ApplyOptions::default())
        .await;
    let shown: Vec<_> = diffs
        .iter()
        .filter(|diff| !diff.diff.is_empty())
        .map(|diff| diff.object.name.as_str())
        .collect();
    assert_eq!(shown, ["api-config", "web"], "{diffs:#?}");
    let config_map = diffs
        .iter()
        .find(|diff| diff.object.name == "api-config")
        .unwrap();
    assert!(
        config_map.diff.contains("-  CACHE_TTL_SECONDS: \"300\"")
            && config_map.diff.contains("+  CACHE_TTL_SECONDS: \"600\""),
        "{}",
        config_map.diff
    );
    assert!(
        diffs
            .iter()
            .find(|diff| diff.object.name == "web" && diff.object.kind == "Deployment")
            .unwrap()
            .diff
            .contains("+  replicas: 4")
    );

    assert_eq!(
        resource_versions(&client, &changed).await,
        before,
        "dry run and diff stored nothing"
    );
    let config_maps: Api<ConfigMap> = Api::namespaced(client.clone(), &ns);
    assert_eq!(
        config_maps.get("api-config").await.unwrap().data.unwrap()["CACHE_TTL_SECONDS"],
        "300"
    );
}

/// Plays the Deployment and Ingress controllers: reports every Deployment rolled out and
/// every Ingress with an address.
async fn play_controller(client: Client, ns: String) {
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), &ns);
    for deployment in deployments.list(&Default::default()).await.unwrap() {
        let name = deployment.metadata.name.unwrap();
        let replicas = deployment.spec.and_then(|spec| spec.replicas).unwrap_or(1);
        let status = json!({"status": {
            "observedGeneration": deployment.metadata.generation, "replicas": replicas,
            "updatedReplicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas}});
        deployments
            .patch_status(&name, &PatchParams::default(), &Patch::Merge(status))
            .await
            .unwrap();
    }
    let ingresses: Api<Ingress> = Api::namespaced(client, &ns);
    for ingress in ingresses.list(&Default::default()).await.unwrap() {
        let status = json!({"status": {"loadBalancer": {"ingress": [{"ip": "10.0.0.200"}]}}});
        ingresses
            .patch_status(
                &ingress.metadata.name.unwrap(),
                &PatchParams::default(),
                &Patch::Merge(status),
            )
            .await
            .unwrap();
    }
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn wait_reports_healthy_once_the_controller_reports_ready() {
    let (client, ns, _, manifests) = case("kg-ready", "storefront.json").await;
    let store = MemoryStore::new();
    let report = apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    assert_eq!(
        report.nodes["node-3"].status,
        Health::Pending,
        "no controller yet: {:?}",
        report.nodes
    );

    // The controller reports while the apply waits.
    let controller = tokio::spawn({
        let (client, ns) = (client.clone(), ns.clone());
        async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            play_controller(client, ns).await;
        }
    });
    let options = ApplyOptions {
        wait: true,
        timeout: Duration::from_secs(60),
        ..ApplyOptions::default()
    };
    let report = apply(&client, &manifests, &ns, &store, &options).await;
    controller.await.unwrap();
    let unhealthy: Vec<_> = report
        .nodes
        .iter()
        .filter(|(_, status)| status.status != Health::Healthy)
        .collect();
    assert!(unhealthy.is_empty(), "{unhealthy:#?}");
    assert_eq!(
        report.nodes.len(),
        9,
        "one status per node: {:?}",
        report.nodes.keys()
    );
    assert!(
        report.nodes["node-3"].message.contains("2 of 2 available"),
        "{:?}",
        report.nodes["node-3"]
    );
    // `api` is scaled by an HPA, so its manifest leaves replicas to it and the API
    // server's default of one applies (no HPA controller runs here).
    assert!(
        report.nodes["node-5"].message.contains("1 of 1 available"),
        "{:?}",
        report.nodes["node-5"]
    );
    assert!(report.succeeded());
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn wait_times_out_with_pending_nodes() {
    let (client, ns, _, manifests) = case("kg-pending", "storefront.json").await;
    let options = ApplyOptions {
        wait: true,
        timeout: Duration::from_secs(3),
        ..ApplyOptions::default()
    };
    let started = std::time::Instant::now();
    let report = apply(&client, &manifests, &ns, &MemoryStore::new(), &options).await;
    assert!(started.elapsed() >= Duration::from_secs(3));
    for node in ["node-1", "node-3", "node-5"] {
        let status = &report.nodes[node];
        assert_eq!(status.status, Health::Pending, "{node}: {status:?}");
        assert!(
            status.message.starts_with("timed out after 3 s"),
            "{node}: {status:?}"
        );
    }
    assert_eq!(
        report.nodes["node-6"].status,
        Health::Healthy,
        "a ConfigMap is ready once applied"
    );
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn a_plugin_resource_needs_its_crd_and_applies_once_installed() {
    let (client, ns, _, manifests) = case("kg-plugin", "cert-manager-plugin.json").await;
    let store = MemoryStore::new();
    let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
    // A server reused from an earlier run has the CRD: remove it (the API server's own
    // CRD finalizer runs without controllers) and wait until it is gone.
    let crd_name = "certificates.cert-manager.io";
    if crds.get_opt(crd_name).await.unwrap().is_some() {
        crds.delete(crd_name, &Default::default()).await.unwrap();
        for _ in 0..120 {
            if crds.get_opt(crd_name).await.unwrap().is_none() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
    assert!(
        crds.get_opt(crd_name).await.unwrap().is_none(),
        "the CRD is absent before the test installs it"
    );

    let report = apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
    let failed = report
        .objects
        .iter()
        .find(|result| result.object.kind == "Certificate")
        .unwrap();
    assert_eq!(failed.node_id.as_deref(), Some("node-1"));
    assert!(
        matches!(&failed.outcome, Outcome::Failed { error: ObjectError::MissingKind { kind, .. } } if kind == "Certificate"),
        "{failed:?}"
    );
    let message = failed.to_string();
    assert!(
        message.contains("node-1") && message.contains("Certificate"),
        "{message}"
    );
    assert_eq!(report.nodes["node-1"].status, Health::Error);
    assert!(
        report.nodes["node-1"].message.contains("Certificate"),
        "{:?}",
        report.nodes["node-1"]
    );
    // The others still apply.
    assert_all_but(
        &report,
        &Outcome::Created,
        &["Certificate/docs-example-com"],
    );
    let inventory = store.get_inventory(&key(&ns)).await.unwrap().unwrap();
    assert!(
        inventory
            .objects
            .iter()
            .all(|entry| entry.object.kind != "Certificate"),
        "only what was applied"
    );

    let crd: CustomResourceDefinition = serde_json::from_value(json!({
        "metadata": {"name": "certificates.cert-manager.io"},
        "spec": {
            "group": "cert-manager.io", "scope": "Namespaced",
            "names": {"plural": "certificates", "singular": "certificate", "kind": "Certificate", "listKind": "CertificateList"},
            "versions": [{"name": "v1", "served": true, "storage": true,
                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}],
        },
    }))
    .unwrap();
    crds.create(&PostParams::default(), &crd).await.unwrap();
    // Established, and visible to discovery.
    let mut report = None;
    for _ in 0..60 {
        let attempt = apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;
        let missing = attempt.objects.iter().any(|result| {
            matches!(
                result.outcome,
                Outcome::Failed {
                    error: ObjectError::MissingKind { .. }
                }
            )
        });
        report = Some(attempt);
        if !missing {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let report = report.unwrap();
    assert_eq!(
        outcomes(&report)["Certificate/docs-example-com"],
        Outcome::Created,
        "{:#?}",
        report.objects
    );
    assert!(report.succeeded(), "{:#?}", report.objects);
    let certificate = dynamic_api(
        &client,
        &ObjectRef {
            api_version: "cert-manager.io/v1".to_owned(),
            kind: "Certificate".to_owned(),
            namespace: Some(ns.clone()),
            name: "docs-example-com".to_owned(),
        },
    )
    .await
    .get("docs-example-com")
    .await
    .unwrap();
    assert_eq!(
        certificate.data["spec"]["secretName"],
        "docs-example-com-tls"
    );
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn the_cluster_store_keeps_the_inventory_in_a_config_map_without_secrets() {
    let (client, ns, mut workflow, manifests) = case("kg-store", "storefront.json").await;
    // The inventory lives in the workflow's own namespace, created by the first apply.
    let store = ClusterStore::new(client.clone(), &ns);
    let namespaces: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(client.clone());
    namespaces
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": ns}})).unwrap(),
        )
        .await
        .unwrap();
    apply(&client, &manifests, &ns, &store, &ApplyOptions::default()).await;

    let config_maps: Api<ConfigMap> = Api::namespaced(client.clone(), &ns);
    let stored = config_maps
        .get(&format!("kubegraph-inventory-{ns}"))
        .await
        .unwrap();
    let text = serde_json::to_string(&stored.data).unwrap();
    assert!(text.contains("api-db"), "the Secret's identity is recorded");
    let values: Value = serde_json::from_str(&fixture("storefront.values.json")).unwrap();
    for by_node in values.as_object().unwrap().values() {
        for by_key in by_node.as_object().unwrap().values() {
            for value in by_key.as_object().unwrap().values() {
                assert!(
                    !text.contains(value.as_str().unwrap()),
                    "a secret value reached the ConfigMap"
                );
            }
        }
    }
    let inventory = store.get_inventory(&key(&ns)).await.unwrap().unwrap();
    assert_eq!(inventory.objects.len(), manifests.len());

    // Prune works from the in-cluster inventory too.
    remove_node(&mut workflow, "node-8");
    let report = apply(&client, &compile_value(&workflow), &ns, &store, &pruning()).await;
    assert_eq!(
        deleted(&report),
        ["HorizontalPodAutoscaler/api"],
        "{:#?}",
        report.objects
    );

    // Each apply wrote a revision; a client still holding the first one (another apply
    // that began before the second) is refused instead of overwriting the newer records.
    let stored = store
        .get_stored_inventory(&key(&ns))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.revision, 2);
    let refused = store.put_inventory(&stored.value, Some(1)).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { .. })),
        "{refused:?}"
    );
    assert_eq!(
        store.put_inventory(&stored.value, Some(2)).await.unwrap(),
        3
    );
}

#[tokio::test]
#[ignore = "needs a kube-apiserver; run apply/run-cluster-tests.sh"]
async fn prune_never_deletes_a_namespace() {
    let client = cluster().await;
    let (old, new) = (namespace("kg-move-from"), namespace("kg-move-to"));
    let store = MemoryStore::new();
    let workflow_key = key(&old);
    let applier = Applier::new(client.clone());
    let first = compile_value(&workflow_in("storefront.json", &old));
    applier
        .apply(&first, &workflow_key, &store, &pruning())
        .await
        .unwrap();

    // The whole workflow moves to another namespace.
    let moved = compile_value(&workflow_in("storefront.json", &new));
    let report = applier
        .apply(&moved, &workflow_key, &store, &pruning())
        .await
        .unwrap();
    let removed: Vec<_> = report.objects[moved.len()..].iter().collect();
    assert_eq!(removed.len(), first.len());
    for result in &removed {
        if result.object.kind == "Namespace" {
            assert!(
                matches!(&result.outcome, Outcome::Kept { reason } if reason.contains("never pruned")),
                "{result}"
            );
        } else {
            assert_eq!(result.outcome, Outcome::Deleted, "{result}");
        }
    }
    let namespaces: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(client.clone());
    let live = namespaces.get(&old).await.unwrap();
    assert!(
        live.metadata.deletion_timestamp.is_none(),
        "the old namespace is not being deleted"
    );
    let inventory = store.get_inventory(&workflow_key).await.unwrap().unwrap();
    assert!(
        inventory
            .objects
            .iter()
            .any(|entry| entry.object.kind == "Namespace" && entry.object.name == old)
    );
}
