//! Every Service and NetworkPolicy selects exactly the pods meant, judged on the compiled
//! manifests the way Kubernetes judges them (selectors against pod template labels), not
//! by asking the compiler: a drawn Service or policy the workloads its edges connect it
//! to, a generated headless Service its StatefulSet. Every workload's selector matches its
//! own pods (the API server refuses it otherwise), and Istio's bookinfo compiles to the
//! selectors upstream writes.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use compile_support::{fixtures_dir, is_workflow, load};
use serde_json::{Value, json};

/// The kinds whose pods a selector may pick, and where their pod template is.
const WORKLOADS: &[(&str, &str)] = &[
    ("Deployment", "/spec/template"),
    ("StatefulSet", "/spec/template"),
    ("DaemonSet", "/spec/template"),
    ("Job", "/spec/template"),
    ("CronJob", "/spec/jobTemplate/spec/template"),
];

/// A compiled workload: namespace, name and its pods' labels.
struct Pods {
    namespace: String,
    name: String,
    labels: BTreeMap<String, String>,
}

fn string_map(value: &Value) -> BTreeMap<String, String> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(key, value)| (key.clone(), value.as_str().expect("label value").to_owned()))
        .collect()
}

/// Whether a `LabelSelector` (`matchLabels` and `matchExpressions`) picks these labels.
fn selects(selector: &Value, labels: &BTreeMap<String, String>) -> bool {
    let match_labels = string_map(&selector["matchLabels"])
        .iter()
        .all(|(key, value)| labels.get(key) == Some(value));
    let expressions = selector["matchExpressions"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|requirement| {
            let key = requirement["key"].as_str().expect("key");
            let values: Vec<&str> = requirement["values"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let value = labels.get(key).map(String::as_str);
            match requirement["operator"].as_str().expect("operator") {
                "In" => value.is_some_and(|value| values.contains(&value)),
                "NotIn" => !value.is_some_and(|value| values.contains(&value)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                other => panic!("unknown operator {other}"),
            }
        });
    match_labels && expressions
}

/// The names of the workloads of `namespace` whose pods `selector` picks.
fn picked(pods: &[Pods], namespace: &str, selector: &Value) -> BTreeSet<String> {
    pods.iter()
        .filter(|pods| pods.namespace == namespace && selects(selector, &pods.labels))
        .map(|pods| pods.name.clone())
        .collect()
}

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

fn meta<'v>(object: &'v Value, key: &str) -> &'v str {
    object["metadata"][key].as_str().unwrap_or_default()
}

/// Checks one compiled fixture; returns how many selectors it checked.
fn check_fixture(name: &str, raw: &Value, objects: &[Value]) -> usize {
    let mut pods = Vec::new();
    for object in objects {
        let kind = object["kind"].as_str().unwrap_or_default();
        let Some((_, template)) = WORKLOADS.iter().find(|(known, _)| *known == kind) else {
            continue;
        };
        let labels =
            string_map(&object.pointer(template).expect("pod template")["metadata"]["labels"]);
        if kind != "Job" && kind != "CronJob" {
            assert!(
                selects(&object["spec"]["selector"], &labels),
                "{name}: the selector of {kind} {} does not match its pods",
                meta(object, "name")
            );
        }
        pods.push(Pods {
            namespace: meta(object, "namespace").to_owned(),
            name: meta(object, "name").to_owned(),
            labels,
        });
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
fn bookinfo_selects_as_upstream() {
    let fixture = load(&fixtures_dir().join("bookinfo.json"));
    let objects = fixture.compile_without_errors().values();
    let find = |kind: &str, name: &str| {
        objects
            .iter()
            .find(|object| object["kind"] == kind && meta(object, "name") == name)
            .unwrap_or_else(|| panic!("{kind} {name}"))
    };
    // samples/bookinfo/platform/kube/bookinfo.yaml in istio/istio.
    for app in ["details", "ratings", "reviews", "productpage"] {
        assert_eq!(
            find("Service", app)["spec"]["selector"],
            json!({"app": app})
        );
        assert_eq!(
            find("Service", app)["spec"]["ports"],
            json!([{"name": "http", "port": 9080, "protocol": "TCP", "targetPort": 9080}])
        );
    }
    for (app, version) in [
        ("details", "v1"),
        ("ratings", "v1"),
        ("reviews", "v1"),
        ("reviews", "v2"),
        ("reviews", "v3"),
        ("productpage", "v1"),
    ] {
        let deployment = find("Deployment", &format!("{app}-{version}"));
        let wanted = json!({"app": app, "version": version});
        assert_eq!(deployment["spec"]["selector"]["matchLabels"], wanted);
        let labels = &deployment["spec"]["template"]["metadata"]["labels"];
        assert_eq!(
            (&labels["app"], &labels["version"]),
            (&wanted["app"], &wanted["version"])
        );
    }
    let pods: Vec<Pods> = objects
        .iter()
        .filter(|object| object["kind"] == "Deployment")
        .map(|object| Pods {
            namespace: meta(object, "namespace").to_owned(),
            name: meta(object, "name").to_owned(),
            labels: string_map(&object["spec"]["template"]["metadata"]["labels"]),
        })
        .collect();
    let reviews = json!({"matchLabels": find("Service", "reviews")["spec"]["selector"]});
    assert_eq!(
        picked(&pods, "default", &reviews),
        BTreeSet::from(["reviews-v1", "reviews-v2", "reviews-v3"].map(str::to_owned))
    );
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
