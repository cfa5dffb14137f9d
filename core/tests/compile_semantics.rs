//! Per fixture, the compiled objects honour the graph: Services select their workloads'
//! pods and target their container ports, Ingress backends name existing Service ports,
//! volumes refer to emitted objects, HPAs target existing workloads (which leave replicas
//! to them), StatefulSets have their headless Service, NetworkPolicies keep every rule, peer and port, and run-time
//! values appear only where they belong. Checked on the output as JSON, independently of
//! how the compiler is built.

mod compile_support;

use base64::Engine as _;
use compile_support::{Fixture, invalid_fixtures, valid_fixtures};
use kubegraph::Code;
use serde_json::{Map, Value, json};

#[test]
fn every_valid_fixture_compiles_without_errors() {
    for fixture in valid_fixtures() {
        let compilation = fixture.compile_without_errors();
        assert!(!compilation.objects.is_empty(), "{}", fixture.name);
    }
}

#[test]
fn services_select_their_workloads_and_target_container_ports() {
    for fixture in valid_fixtures() {
        let compilation = fixture.compile();
        let objects = compilation.values();
        // A target port the workload does not declare is reported, unless it is a number
        // of a Service connected by an edge: then it is declared on the container.
        let warned: Vec<&str> = compilation
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == Code::TargetPortMismatch)
            .filter_map(|diagnostic| diagnostic.location.node_id.as_deref())
            .map(|id| node_name(&fixture, id))
            .collect();
        for service in of_kind(&objects, "Service") {
            let name = &service["metadata"]["name"];
            let selector = service["spec"]["selector"]
                .as_object()
                .unwrap_or_else(|| panic!("{}: Service {name} has no selector", fixture.name));
            let selected: Vec<&Value> = pod_owners(&objects)
                .filter(|workload| same_namespace(workload, service))
                .filter(|workload| matches(selector, &pod_template(workload)["metadata"]["labels"]))
                .collect();
            assert!(
                !selected.is_empty(),
                "{}: Service {name} selects no workload",
                fixture.name
            );
            for port in array(&service["spec"]["ports"]) {
                let target = &port["targetPort"];
                let served = selected.iter().any(|workload| {
                    array(&pod_template(workload)["spec"]["containers"][0]["ports"])
                        .iter()
                        .any(|container_port| {
                            container_port["containerPort"] == *target
                                || container_port["name"] == *target
                        })
                });
                let reported = name.as_str().is_some_and(|name| warned.contains(&name));
                assert!(
                    served || reported,
                    "{}: Service {name} targets port {target}, which no selected container has",
                    fixture.name
                );
            }
        }
    }
}

#[test]
fn ingress_backends_name_existing_service_ports() {
    for (fixture, objects) in compiled_fixtures() {
        for ingress in of_kind(&objects, "Ingress") {
            for rule in array(&ingress["spec"]["rules"]) {
                for path in array(&rule["http"]["paths"]) {
                    let backend = &path["backend"]["service"];
                    let service = beside(&objects, "Service", &backend["name"], ingress)
                        .unwrap_or_else(|| {
                            panic!("{}: no Service for backend {backend}", fixture.name)
                        });
                    let port = &backend["port"];
                    let listens = array(&service["spec"]["ports"]).iter().any(|listed| {
                        listed["port"] == port["number"] || listed["name"] == port["name"]
                    });
                    assert!(listens, "{}: backend {backend} names no port", fixture.name);
                }
            }
        }
    }
}

#[test]
fn every_volume_is_scratch_space_or_refers_to_an_emitted_object_or_an_unsupplied_secret() {
    for fixture in valid_fixtures() {
        let compilation = fixture.compile();
        let objects = compilation.values();
        let unsupplied: Vec<&str> = compilation
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == Code::MissingSecretValues)
            .filter_map(|diagnostic| diagnostic.location.node_id.as_deref())
            .filter_map(|id| node(&fixture, id)["data"]["name"].as_str())
            .collect();
        for workload in pod_owners(&objects) {
            let spec = &pod_template(workload)["spec"];
            let mut names: Vec<&Value> = Vec::new();
            for volume in array(&spec["volumes"]) {
                names.push(&volume["name"]);
                let exists =
                    |kind: &str, name: &Value| beside(&objects, kind, name, workload).is_some();
                if volume["configMap"].is_object() {
                    assert!(
                        exists("ConfigMap", &volume["configMap"]["name"]),
                        "{volume}"
                    );
                } else if volume["secret"].is_object() {
                    let secret = &volume["secret"]["secretName"];
                    let supplied_later = secret.as_str().is_some_and(|s| unsupplied.contains(&s));
                    assert!(exists("Secret", secret) || supplied_later, "{volume}");
                } else if volume["emptyDir"].is_object() {
                    // The pod's own scratch space refers to no object.
                } else {
                    let claim = &volume["persistentVolumeClaim"]["claimName"];
                    assert!(exists("PersistentVolumeClaim", claim), "{volume}");
                }
            }
            for template in array(&workload["spec"]["volumeClaimTemplates"]) {
                names.push(&template["metadata"]["name"]);
            }
            for mount in array(&spec["containers"][0]["volumeMounts"]) {
                assert!(names.contains(&&mount["name"]), "{}: {mount}", fixture.name);
            }
        }
    }
}

#[test]
fn every_autoscaler_targets_an_existing_workload_that_leaves_replicas_to_it() {
    for (fixture, objects) in compiled_fixtures() {
        for hpa in of_kind(&objects, "HorizontalPodAutoscaler") {
            let target = &hpa["spec"]["scaleTargetRef"];
            assert_eq!(target["apiVersion"], "apps/v1");
            let kind = target["kind"].as_str().unwrap_or_default();
            let Some(workload) = beside(&objects, kind, &target["name"], hpa) else {
                panic!("{}: HPA target {target} missing", fixture.name);
            };
            // Applying a replica count would reset the scale the HPA chose.
            assert!(
                workload["spec"].get("replicas").is_none(),
                "{}: {target} scaled by an HPA still sets replicas",
                fixture.name
            );
        }
    }
}

#[test]
fn every_stateful_set_has_its_headless_service() {
    for (fixture, objects) in compiled_fixtures() {
        for set in of_kind(&objects, "StatefulSet") {
            let service = beside(&objects, "Service", &set["spec"]["serviceName"], set)
                .unwrap_or_else(|| panic!("{}: no governing Service", fixture.name));
            assert_eq!(service["spec"]["clusterIP"], "None", "{service}");
            let selector = service["spec"]["selector"].as_object().expect("selector");
            assert!(matches(
                selector,
                &set["spec"]["template"]["metadata"]["labels"]
            ));
        }
    }
}

#[test]
fn every_network_policy_keeps_every_rule_peer_and_port() {
    for (fixture, objects) in compiled_fixtures() {
        for policy_node in nodes_of_type(&fixture, "networkpolicy") {
            let data = &policy_node["data"];
            let name = data["name"].as_str().expect("policy name");
            let policy = of_kind(&objects, "NetworkPolicy")
                .find(|policy| policy["metadata"]["name"] == name)
                .unwrap_or_else(|| panic!("{}: NetworkPolicy {name} missing", fixture.name));
            let spec = &policy["spec"];
            assert_eq!(spec["policyTypes"], data["policyTypes"], "{name}");
            let targets: Vec<&str> = edges_from(&fixture, policy_node, |handle| {
                handle.is_none_or(|handle| handle == "output")
            });
            // A linked workload's own selector (`{app: <name>}` unless labels say otherwise).
            let selector_of_workload = |target: &str| {
                pod_owners(&objects)
                    .find(|workload| {
                        workload["metadata"]["name"] == target && same_namespace(workload, policy)
                    })
                    .and_then(|workload| workload["spec"]["selector"]["matchLabels"].as_object())
                    .unwrap_or_else(|| panic!("{name}: workload {target} has no selector"))
            };
            let selectors: Vec<&Map<String, Value>> = sorted(targets.clone())
                .into_iter()
                .map(selector_of_workload)
                .collect();
            match selectors.as_slice() {
                [] => assert_eq!(
                    spec["podSelector"],
                    selector_of(&data["podSelector"]),
                    "{name}"
                ),
                [one] => assert_eq!(spec["podSelector"], json!({"matchLabels": one})),
                several => {
                    // What they share is matched as it is; a key whose values differ, with
                    // `In` their values.
                    for (key, value) in several[0] {
                        let values: Vec<&str> = several
                            .iter()
                            .filter_map(|selector| selector.get(key)?.as_str())
                            .collect();
                        if values.len() < several.len() {
                            continue;
                        }
                        let values = sorted(values);
                        if let [_] = values.as_slice() {
                            assert_eq!(spec["podSelector"]["matchLabels"][key], *value, "{name}");
                        } else {
                            let expression = array(&spec["podSelector"]["matchExpressions"])
                                .iter()
                                .find(|expression| expression["key"] == key.as_str())
                                .unwrap_or_else(|| panic!("{name}: no expression for {key}"));
                            assert_eq!(expression["operator"], "In", "{name}");
                            assert_eq!(expression["values"], json!(values), "{name}");
                        }
                    }
                }
            }
            for (rules_key, out_key, peers_key) in [
                ("ingressRules", "ingress", "from"),
                ("egressRules", "egress", "to"),
            ] {
                let rules = array(&data[rules_key]);
                let compiled = array(&spec[out_key]);
                assert_eq!(compiled.len(), rules.len(), "{name}: {rules_key}");
                for (rule, out) in rules.iter().zip(compiled) {
                    let rule_id = rule["id"].as_str().expect("rule id");
                    let linked =
                        edges_from(&fixture, policy_node, |handle| handle == Some(rule_id));
                    let out_peers = array(&out[peers_key]);
                    for peer in array(&rule[peers_key]) {
                        let expected = match peer["_linkedWorkload"].as_str() {
                            Some(id) if linked.contains(&node_name(&fixture, id)) => {
                                let selector = selector_of_workload(node_name(&fixture, id));
                                json!({"podSelector": {"matchLabels": selector}})
                            }
                            _ => drawn_peer(peer),
                        };
                        assert!(out_peers.contains(&expected), "{name}: {expected} missing");
                    }
                    for workload in &linked {
                        let selector = selector_of_workload(workload);
                        let expected = json!({"podSelector": {"matchLabels": selector}});
                        assert!(out_peers.contains(&expected), "{name}: {expected} missing");
                    }
                    let ports = array(&rule["ports"]);
                    let out_ports = array(&out["ports"]);
                    assert_eq!(out_ports.len(), ports.len(), "{name}: ports");
                    for (port, out_port) in ports.iter().zip(out_ports) {
                        assert_eq!(out_port["port"], port["port"]);
                        let protocol = port["protocol"].as_str().unwrap_or("TCP");
                        assert_eq!(out_port["protocol"], protocol);
                    }
                }
            }
        }
    }
}

#[test]
fn run_time_values_appear_only_where_they_belong() {
    let engine = base64::engine::general_purpose::STANDARD;
    for fixture in valid_fixtures() {
        let Some(values) = &fixture.values else {
            continue;
        };
        let compilation = fixture.compile();
        let owned: Vec<(&str, &str)> = values
            .secrets
            .iter()
            .chain(&values.env_vars)
            .flat_map(|(node, by_key)| {
                by_key
                    .values()
                    .map(move |value| (node.as_str(), value.as_str()))
            })
            .collect();
        assert!(!owned.is_empty(), "{}: values file is empty", fixture.name);
        for manifest in &compilation.objects {
            let text = serde_json::to_string(&manifest.object.to_value()).expect("JSON");
            for (owner, value) in &owned {
                let encoded = engine.encode(value);
                let is_owner = manifest.node_id.as_deref() == Some(*owner);
                let is_secret = manifest.object.kind() == "Secret";
                let has_raw = text.contains(value);
                let has_encoded = text.contains(&encoded);
                if is_owner && is_secret {
                    assert!(
                        has_encoded && !has_raw,
                        "{}: Secret keeps values as base64",
                        fixture.name
                    );
                } else if is_owner {
                    assert!(
                        has_raw,
                        "{}: env value missing from its workload",
                        fixture.name
                    );
                } else {
                    assert!(
                        !has_raw && !has_encoded,
                        "{}: a value leaked into {} {}",
                        fixture.name,
                        manifest.object.kind(),
                        manifest.object.name()
                    );
                }
            }
        }
        let shown = format!("{compilation:?}");
        let messages: String = compilation
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        for (_, value) in &owned {
            assert!(!shown.contains(value) && !shown.contains(&engine.encode(value)));
            assert!(!messages.contains(value));
        }
    }
}

#[test]
fn compiling_twice_gives_the_same_bytes() {
    for fixture in valid_fixtures() {
        let first = fixture.compile();
        let second = fixture.compile();
        assert_eq!(first.to_yaml(), second.to_yaml(), "{}", fixture.name);
        assert_eq!(
            first.to_json_list(),
            second.to_json_list(),
            "{}",
            fixture.name
        );
        assert_eq!(first, second, "{}", fixture.name);
    }
}

#[test]
fn invalid_fixtures_give_errors_and_no_objects() {
    let invalid = invalid_fixtures();
    assert!(!invalid.is_empty());
    for (name, workflow) in invalid {
        let compilation = kubegraph::compile(&workflow, &kubegraph::CompileOptions::default());
        assert!(
            compilation.has_errors(),
            "{name}: {:#?}",
            compilation.diagnostics
        );
        assert!(compilation.objects.is_empty(), "{name}");
        assert!(compilation.values().is_empty(), "{name}");
    }
}

// --- helpers over the output as JSON ---

/// Every valid fixture with its compiled objects as JSON.
fn compiled_fixtures() -> Vec<(Fixture, Vec<Value>)> {
    valid_fixtures()
        .into_iter()
        .map(|fixture| {
            let objects = fixture.compile().values();
            (fixture, objects)
        })
        .collect()
}

fn of_kind<'v>(objects: &'v [Value], kind: &'v str) -> impl Iterator<Item = &'v Value> {
    objects.iter().filter(move |object| object["kind"] == kind)
}

/// Objects that own a pod template.
fn pod_owners(objects: &[Value]) -> impl Iterator<Item = &Value> {
    objects.iter().filter(|object| {
        matches!(
            object["kind"].as_str(),
            Some("Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob")
        )
    })
}

fn pod_template(workload: &Value) -> &Value {
    if workload["kind"] == "CronJob" {
        &workload["spec"]["jobTemplate"]["spec"]["template"]
    } else {
        &workload["spec"]["template"]
    }
}

fn same_namespace(a: &Value, b: &Value) -> bool {
    a["metadata"]["namespace"] == b["metadata"]["namespace"]
}

/// The object of `kind` called `name` in the namespace of `neighbour`.
fn beside<'v>(
    objects: &'v [Value],
    kind: &str,
    name: &Value,
    neighbour: &Value,
) -> Option<&'v Value> {
    objects.iter().find(|object| {
        object["kind"] == kind
            && object["metadata"]["name"] == *name
            && same_namespace(object, neighbour)
    })
}

fn matches(selector: &Map<String, Value>, labels: &Value) -> bool {
    selector.iter().all(|(key, value)| labels[key] == *value)
}

fn array(value: &Value) -> &[Value] {
    value.as_array().map(Vec::as_slice).unwrap_or_default()
}

fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names.dedup();
    names
}

/// A label selector for a `{key: value}` map (empty map: all).
fn selector_of(map: &Value) -> Value {
    match map.as_object() {
        Some(map) if !map.is_empty() => json!({"matchLabels": map}),
        _ => json!({}),
    }
}

/// The compiled form of a peer as drawn.
fn drawn_peer(peer: &Value) -> Value {
    match peer["type"].as_str() {
        Some("podSelector") => json!({"podSelector": selector_of(&peer["podSelector"])}),
        Some("namespaceSelector") => {
            json!({"namespaceSelector": selector_of(&peer["namespaceSelector"])})
        }
        _ => {
            let mut block = json!({"cidr": peer["ipBlock"]["cidr"]});
            if !array(&peer["ipBlock"]["except"]).is_empty() {
                block["except"] = peer["ipBlock"]["except"].clone();
            }
            json!({"ipBlock": block})
        }
    }
}

// --- helpers over the fixture as JSON ---

fn node<'f>(fixture: &'f Fixture, id: &str) -> &'f Value {
    array(&fixture.raw["nodes"])
        .iter()
        .find(|node| node["id"] == id)
        .unwrap_or_else(|| panic!("{}: no node {id}", fixture.name))
}

fn node_name<'f>(fixture: &'f Fixture, id: &str) -> &'f str {
    node(fixture, id)["data"]["name"]
        .as_str()
        .unwrap_or_default()
}

fn nodes_of_type<'f>(fixture: &'f Fixture, node_type: &'f str) -> impl Iterator<Item = &'f Value> {
    array(&fixture.raw["nodes"])
        .iter()
        .filter(move |node| node["type"] == node_type)
}

/// Names of the targets of the edges leaving `source` from a handle `accept` takes.
fn edges_from<'f>(
    fixture: &'f Fixture,
    source: &Value,
    accept: impl Fn(Option<&str>) -> bool,
) -> Vec<&'f str> {
    array(&fixture.raw["edges"])
        .iter()
        .filter(|edge| edge["source"] == source["id"])
        .filter(|edge| accept(edge["sourceHandle"].as_str()))
        .filter_map(|edge| edge["target"].as_str())
        .map(|target| node_name(fixture, target))
        .collect()
}
