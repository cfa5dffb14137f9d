//! Every Service and NetworkPolicy selects exactly the pods meant, judged on the compiled
//! manifests the way Kubernetes judges them (selectors against pod template labels), not
//! by asking the compiler: a drawn Service or policy the workloads its edges connect it
//! to, a generated headless Service its StatefulSet. Every workload's selector matches its
//! own pods (the API server refuses it otherwise). (Real applications, Istio's Bookinfo
//! among them, are compared with their upstream selectors in `real_apps.rs`.)

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::collections::BTreeSet;
use std::fs;

use compile_support::selection::{Pods, meta, picked, selects};
use compile_support::{fixtures_dir, is_workflow, load};
use serde_json::{Value, json};

/// The names of the workloads the edges leaving node `id` connect it to (`output` or no
/// handle: a Service's targets, a policy's selected pods).
fn connected(workflow: &Value, id: &str) -> BTreeSet<String> {
    let name_of = |target: &str| {
        workflow["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|node| node["id"] == target)
            .and_then(|node| node["data"]["name"].as_str())
            .map(str::to_owned)
    };
    workflow["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|edge| edge["source"] == id)
        .filter(|edge| matches!(edge["sourceHandle"].as_str(), None | Some("output")))
        .filter_map(|edge| name_of(edge["target"].as_str()?))
        .collect()
}

/// Checks one compiled fixture; returns how many selectors it checked.
fn check_fixture(name: &str, raw: &Value, objects: &[Value]) -> usize {
    let mut pods = Vec::new();
    for object in objects {
        let Some(workload) = Pods::of(object) else {
            continue;
        };
        let kind = object["kind"].as_str().unwrap_or_default();
        if kind != "Job" && kind != "CronJob" {
            assert!(
                selects(&object["spec"]["selector"], &workload.labels),
                "{name}: the selector of {kind} {} does not match its pods",
                workload.name
            );
        }
        pods.push(workload);
    }
    let drawn = |kind: &str, object: &Value| {
        raw["nodes"].as_array().into_iter().flatten().find(|node| {
            node["type"] == kind
                && node["data"]["name"].as_str().map(str::trim) == Some(meta(object, "name"))
                && node["data"]["namespace"].as_str().unwrap_or("default")
                    == meta(object, "namespace")
        })
    };
    let mut checked = 0;
    for object in objects {
        let namespace = meta(object, "namespace");
        let (selector, intended) = match object["kind"].as_str() {
            Some("Service") => {
                let intended = match drawn("service", object) {
                    Some(node) => connected(raw, node["id"].as_str().expect("id")),
                    // Generated: the headless Service of the StatefulSets naming it.
                    None => raw["nodes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|node| {
                            node["type"] == "statefulset"
                                && node["data"]["serviceName"].as_str()
                                    == Some(meta(object, "name"))
                        })
                        .filter_map(|node| node["data"]["name"].as_str().map(str::to_owned))
                        .collect(),
                };
                let selector = json!({"matchLabels": object["spec"]["selector"]});
                (selector, intended)
            }
            Some("NetworkPolicy") => {
                let node = drawn("networkpolicy", object).expect("a drawn policy");
                let intended = connected(raw, node["id"].as_str().expect("id"));
                (object["spec"]["podSelector"].clone(), intended)
            }
            _ => continue,
        };
        // Without edges a Service or policy keeps what was drawn, which means no
        // particular workload.
        if intended.is_empty() {
            continue;
        }
        assert_eq!(
            picked(&pods, namespace, &selector),
            intended,
            "{name}: {} {} selects other pods than meant ({selector})",
            object["kind"],
            meta(object, "name")
        );
        checked += 1;
    }
    checked
}

#[test]
fn every_service_and_policy_selects_exactly_its_connected_workloads() {
    let mut checked = 0;
    for entry in fs::read_dir(fixtures_dir()).expect("fixtures") {
        let path = entry.expect("entry").path();
        if !is_workflow(&path) {
            continue;
        }
        let fixture = load(&path);
        let compilation = fixture.compile_without_errors();
        checked += check_fixture(&fixture.name, &fixture.raw, &compilation.values());
    }
    assert!(checked >= 12, "only {checked} selectors were checked");
}

#[test]
fn the_selection_check_can_fail() {
    let raw = json!({"nodes": [
        {"id": "s", "type": "service", "data": {"name": "web"}},
        {"id": "a", "type": "deployment", "data": {"name": "a"}}
    ], "edges": [{"id": "e", "source": "s", "target": "a"}]});
    let pod = |name: &str, app: &str| {
        json!({"kind": "Deployment", "metadata": {"name": name, "namespace": "default"},
            "spec": {"selector": {"matchLabels": {"app": app}},
                "template": {"metadata": {"labels": {"app": app}}}}})
    };
    let service = json!({"kind": "Service", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "shared"}}});
    let good = [pod("a", "shared"), pod("b", "other"), service.clone()];
    assert_eq!(check_fixture("good", &raw, &good), 1);
    let also_b = [pod("a", "shared"), pod("b", "shared"), service];
    let result = std::panic::catch_unwind(|| check_fixture("bad", &raw, &also_b));
    assert!(
        result.is_err(),
        "a Service picking an unconnected workload must fail"
    );
}
