//! Reading is lossless: every fixture, a messy real-world export, and generated workflows
//! with unknown keys at every level come back equal after parse → write.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

use std::fs;
use std::path::PathBuf;

use kubegraph::model::{NodeData, NodeKind, Workflow};
use kubegraph::parse::parse_workflow;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/workflows")
}

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(fixture_dir())
        .expect("fixture directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            !name.ends_with(".values.json") && name != "plugins.json"
        })
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "expected the shipped fixtures");
    paths
}

fn round_trip(value: &Value) -> Value {
    let workflow = parse_workflow(&value.to_string()).expect("parses");
    serde_json::to_value(&workflow).expect("serializes")
}

#[test]
fn every_fixture_round_trips_unchanged() {
    for path in fixtures() {
        let text = fs::read_to_string(&path).expect("readable");
        let original: Value = serde_json::from_str(&text).expect("fixture is JSON");
        assert_eq!(
            round_trip(&original),
            original,
            "{} changed in a round trip",
            path.display()
        );
    }
}

#[test]
fn messy_export_keeps_floats_nulls_and_ui_state() {
    let text = fs::read_to_string(fixture_dir().join("messy-export.json")).expect("readable");
    let workflow = parse_workflow(&text).expect("parses");
    let written = serde_json::to_string(&workflow).expect("serializes");
    for kept in [
        "\"replicas\":3.0",
        "\"viewport\"",
        "\"positionAbsolute\"",
        "\"envKeys\":null",
        "\"uiCollapsed\":true",
        "\"snapshotKind\":\"manual\"",
        "\"type\":\"webhook\"",
    ] {
        assert!(written.contains(kept), "{kept} missing from {written}");
    }
    let nodes: Vec<_> = workflow.nodes().map(|(_, node)| node).collect();
    let Some(NodeData::Deployment(deployment)) = nodes[0].data() else {
        panic!("node-1 is a deployment");
    };
    assert_eq!(
        deployment.replicas.int(),
        Some(3),
        "3.0 reads as the integer 3"
    );
    assert_eq!(nodes[1].kind(), None, "webhook is not a known kind");
    assert!(matches!(nodes[1].data(), Some(NodeData::Unknown(_))));
    let original: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(serde_json::to_value(&workflow).expect("value"), original);
}

#[test]
fn values_of_the_wrong_type_are_kept_verbatim() {
    let original = json!({
        "nodes": [{"id": "n", "type": "deployment", "data": {"replicas": "three", "port": [1], "labels": "x"}}],
        "edges": "none"
    });
    assert_eq!(round_trip(&original), original);
}

#[test]
fn workflow_status_follows_its_lifecycle() {
    use kubegraph::model::WorkflowStatus::{Archived, Draft, Published};
    let mut workflow: Workflow = parse_workflow(r#"{"status": "draft"}"#).expect("parses");
    workflow.set_status(Published).expect("draft → published");
    workflow.set_status(Archived).expect("published → archived");
    assert!(
        workflow.set_status(Published).is_err(),
        "archived → published must go through draft"
    );
    workflow
        .set_status(Draft)
        .expect("archived → draft (restore)");
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(|x| json!(x)),
        "[a-z0-9 ]{0,12}".prop_map(Value::from),
    ]
}

/// Keys no model declares (they all start with `x`), with values of any type.
fn unknown_fields() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map("x[A-Za-z]{1,8}", json_leaf(), 0..3)
        .prop_map(|fields| fields.into_iter().collect())
}

fn object(base: Value, extra: Map<String, Value>) -> Value {
    let Value::Object(mut map) = base else {
        unreachable!("base is an object")
    };
    map.extend(extra);
    Value::Object(map)
}

/// Labels or a selector: the keys selectors are built from, and others, in any order.
fn label_map() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            "app|version|tier|app.kubernetes.io/name|x[a-z]{1,4}",
            "[a-z0-9-]{0,8}",
        ),
        0..4,
    )
    .prop_map(|pairs| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(key, value)| (key, Value::from(value)))
                .collect(),
        )
    })
}

/// A security context of either level: some fields, unknown keys inside and within its
/// seccomp profile and capabilities.
fn security_context() -> impl Strategy<Value = Value> {
    (
        prop::option::of(json_leaf()),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(vec![
            "RuntimeDefault",
            "Localhost",
            "Other",
        ])),
        prop::collection::vec(json_leaf(), 0..3),
        unknown_fields(),
    )
        .prop_map(|(user, flag, seccomp, groups, extra)| {
            let mut context = Map::new();
            if let Some(user) = user {
                context.insert("runAsUser".into(), user);
            }
            if let Some(flag) = flag {
                context.insert("privileged".into(), json!(flag));
                context.insert("runAsNonRoot".into(), json!(!flag));
            }
            if let Some(seccomp) = seccomp {
                context.insert(
                    "seccompProfile".into(),
                    json!({"type": seccomp, "localhostProfile": "p.json", "xKept": 1}),
                );
            }
            context.insert("supplementalGroups".into(), json!(groups));
            context.insert(
                "capabilities".into(),
                json!({"drop": ["ALL"], "xKept": null}),
            );
            object(Value::Object(context), extra)
        })
}

/// A further container (an init container or a sidecar): Kubernetes' container fields, an
/// env list with a `valueFrom` source, unknown keys inside and at every level below.
fn further_container() -> impl Strategy<Value = Value> {
    (
        json_leaf(),
        prop::option::of(prop::sample::select(vec!["Always", "OnFailure"])),
        unknown_fields(),
        unknown_fields(),
    )
        .prop_map(|(leaf, restart_policy, extra, inner)| {
            let selector = object(
                json!({"name": "node-2", "key": "password", "optional": leaf}),
                inner.clone(),
            );
            let env = json!([
                object(json!({"name": "A", "valueFrom": {"secretKeyRef": selector}}), inner.clone()),
                {"name": "B", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"},
                    "resourceFieldRef": {"resource": "limits.cpu", "divisor": leaf}}},
                {"name": "C", "value": leaf},
            ]);
            let mut container = json!({
                "name": "c", "image": "busybox", "command": ["sh"], "args": [leaf],
                "ports": [{"name": "http", "containerPort": leaf}],
                "readinessProbe": {"tcpSocket": {"port": "http"}},
                "securityContext": {"runAsUser": leaf},
                "resources": {"limits": {"memory": leaf}},
                "env": env,
                "lifecycle": {"preStop": {"sleep": {"seconds": leaf}},
                    "postStart": object(json!({"httpGet": {"port": leaf}}), inner.clone())},
                "volumeMounts": [object(json!({"name": "v", "mountPath": "/v", "readOnly": leaf}), inner)],
            });
            if let Some(policy) = restart_policy {
                container["restartPolicy"] = json!(policy);
            }
            object(container, extra)
        })
}

/// The pod settings of a workload (containerName, ports, imagePullPolicy, security
/// contexts, nodeSelector, tolerations, init containers, sidecars, env, ...): each
/// absent, of its own shape with unknown keys inside, or a value of any type.
fn pod_settings() -> impl Strategy<Value = Map<String, Value>> {
    let port = (
        prop::option::of("[a-z]{1,16}"),
        prop::option::of(json_leaf()),
        prop::option::of(prop::sample::select(vec!["TCP", "UDP", "SCTP", "tcp"])),
        unknown_fields(),
    )
        .prop_map(|(name, number, protocol, extra)| {
            let mut port = Map::new();
            if let Some(name) = name {
                port.insert("name".into(), json!(name));
            }
            if let Some(number) = number {
                port.insert("containerPort".into(), number);
            }
            if let Some(protocol) = protocol {
                port.insert("protocol".into(), json!(protocol));
            }
            object(Value::Object(port), extra)
        });
    let secret = ("[a-z-]{0,8}", unknown_fields())
        .prop_map(|(name, extra)| object(json!({"name": name}), extra));
    let toleration = (json_leaf(), unknown_fields()).prop_map(|(seconds, extra)| {
        let toleration = json!({"key": "k", "operator": "Exists", "tolerationSeconds": seconds});
        object(toleration, extra)
    });
    let volume = (json_leaf(), json_leaf(), unknown_fields()).prop_map(|(size, path, extra)| {
        let empty_dir = json!({"medium": "Memory", "sizeLimit": size, "xKept": true});
        object(
            json!({"name": "tmp", "emptyDir": empty_dir, "mountPath": path}),
            extra,
        )
    });
    let string_map = prop::collection::btree_map("[a-z./]{1,8}", "[a-z0-9]{0,6}", 0..3)
        .prop_map(|map| json!(map));
    let fields = (
        (
            prop::option::of(prop_oneof![
                "[a-z-]{0,8}".prop_map(Value::from),
                json_leaf()
            ]),
            prop::option::of(prop_oneof![
                prop::collection::vec(port, 0..3).prop_map(Value::from),
                json_leaf()
            ]),
            prop::option::of(prop_oneof![
                prop::sample::select(vec!["Always", "IfNotPresent", "Never", "Sometimes"])
                    .prop_map(Value::from),
                json_leaf()
            ]),
            prop::option::of(json_leaf()),
        ),
        (
            prop::option::of(json_leaf()),
            prop::option::of(json_leaf()),
            prop::option::of(prop_oneof![
                prop::collection::vec(secret, 0..3).prop_map(Value::from),
                json_leaf()
            ]),
            prop::option::of(json_leaf()),
            prop::option::of(string_map.clone()),
            prop::option::of(string_map.clone()),
        ),
        (
            prop::option::of(security_context()),
            prop::option::of(prop_oneof![security_context(), json_leaf()]),
            prop::option::of(string_map.clone()),
            prop::option::of(prop_oneof![
                prop::collection::vec(toleration, 0..3).prop_map(Value::from),
                json_leaf()
            ]),
            prop::option::of(prop_oneof![
                prop::collection::vec(volume, 0..3).prop_map(Value::from),
                json_leaf()
            ]),
        ),
        (
            prop::option::of(prop_oneof![
                prop::collection::vec(further_container(), 0..3).prop_map(Value::from),
                json_leaf()
            ]),
            prop::option::of(prop_oneof![
                prop::collection::vec(further_container(), 0..2).prop_map(Value::from),
                json_leaf()
            ]),
            prop::option::of(prop_oneof![
                further_container().prop_map(|container| container["env"].clone()),
                string_map.clone(),
                json_leaf()
            ]),
        ),
    );
    fields.prop_map(
        |(
            (container_name, ports, pull_policy, grace),
            (account, automount, pull_secrets, priority, annotations, labels),
            (security_context, pod_security_context, node_selector, tolerations, volumes),
            (init_containers, sidecars, env),
        )| {
            [
                ("containerName", container_name),
                ("ports", ports),
                ("imagePullPolicy", pull_policy),
                ("terminationGracePeriodSeconds", grace),
                ("serviceAccountName", account),
                ("automountServiceAccountToken", automount),
                ("imagePullSecrets", pull_secrets),
                ("priorityClassName", priority),
                ("podAnnotations", annotations),
                ("podLabels", labels),
                ("securityContext", security_context),
                ("podSecurityContext", pod_security_context),
                ("nodeSelector", node_selector),
                ("tolerations", tolerations),
                ("volumes", volumes),
                ("initContainers", init_containers),
                ("sidecars", sidecars),
                ("env", env),
            ]
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect()
        },
    )
}

/// A pod label selector with unknown keys in it and in its requirement.
fn label_selector() -> impl Strategy<Value = Value> {
    (label_map(), json_leaf(), unknown_fields()).prop_map(|(labels, values, extra)| {
        let expression = json!({"key": "app", "operator": "In", "values": [values], "xKept": 1});
        object(
            json!({"matchLabels": labels, "matchExpressions": [expression]}),
            extra,
        )
    })
}

/// Affinity, topology spread constraints, claim templates with their mounts, and
/// annotations (a ServiceAccount's): each absent, of its own shape with unknown keys at
/// every level, or a value of any type.
fn placement() -> impl Strategy<Value = Map<String, Value>> {
    let affinity = (label_selector(), json_leaf(), unknown_fields(), unknown_fields()).prop_map(
        |(selector, weight, term_extra, extra)| {
            let term = object(
                json!({"labelSelector": selector, "topologyKey": "kubernetes.io/hostname",
                       "namespaces": ["a"], "matchLabelKeys": ["k"]}),
                term_extra,
            );
            let node_term = json!({"matchExpressions": [{"key": "k", "operator": "Gt", "values": ["1"]}],
                                   "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n"]}]});
            object(
                json!({
                    "nodeAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [node_term]},
                        "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": weight, "preference": node_term}]
                    },
                    "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]},
                    "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                        {"weight": weight, "podAffinityTerm": term, "xKept": true}]}
                }),
                extra,
            )
        },
    );
    let constraint = (label_selector(), json_leaf(), json_leaf(), unknown_fields()).prop_map(
        |(selector, skew, domains, extra)| {
            object(
                json!({"maxSkew": skew, "topologyKey": "topology.kubernetes.io/zone",
                       "whenUnsatisfiable": "DoNotSchedule", "labelSelector": selector, "minDomains": domains,
                       "matchLabelKeys": ["pod-template-hash"], "nodeAffinityPolicy": "Honor",
                       "nodeTaintsPolicy": "Ignore"}),
                extra,
            )
        },
    );
    let claim =
        (json_leaf(), json_leaf(), unknown_fields()).prop_map(|(path, read_only, extra)| {
            object(
                json!({"id": "vct-1", "name": "data", "storage": "1Gi", "mountPath": path,
                   "subPath": "pgdata", "readOnly": read_only}),
                extra,
            )
        });
    (
        prop::option::of(prop_oneof![affinity, json_leaf()]),
        prop::option::of(prop_oneof![
            prop::collection::vec(constraint, 0..3).prop_map(Value::from),
            json_leaf()
        ]),
        prop::option::of(prop_oneof![
            prop::collection::vec(claim, 0..2).prop_map(Value::from),
            json_leaf()
        ]),
        prop::option::of(prop_oneof![label_map(), json_leaf()]),
    )
        .prop_map(|(affinity, constraints, claims, annotations)| {
            [
                ("affinity", affinity),
                ("topologySpreadConstraints", constraints),
                ("volumeClaimTemplates", claims),
                ("annotations", annotations),
            ]
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect()
        })
}

fn node() -> impl Strategy<Value = Value> {
    let kinds: Vec<&str> = NodeKind::ALL
        .iter()
        .map(|kind| kind.as_str())
        .chain(["webhook", "parallel"])
        .collect();
    (
        ("node-[0-9]{1,3}", prop::sample::select(kinds), "[a-z][a-z0-9-]{0,10}"),
        (prop::option::of(0u32..10), prop::option::of(json_leaf())),
        (label_map(), prop::option::of(prop_oneof![label_map(), json_leaf()])),
        (unknown_fields(), unknown_fields(), unknown_fields()),
        // Boxed: the value trees of so many fields, inline, overflow a test thread's stack.
        (pod_settings().boxed(), placement().boxed()),
    )
        .prop_map(|((id, kind, name), (replicas, port), (labels, selector), (data_extra, node_extra, position_extra), (pod, placement))| {
            let mut data = json!({"id": id, "name": name, "labels": labels, "paths": [{"id": "p1", "path": "/", "x-ui": true}]});
            if let Some(replicas) = replicas {
                data["replicas"] = json!(replicas);
            }
            if let Some(port) = port {
                data["port"] = port;
            }
            if let Some(selector) = selector {
                data["selector"] = selector;
            }
            let data = object(object(data, pod), placement);
            object(
                json!({
                    "id": id,
                    "type": kind,
                    "position": object(json!({"x": 1.5, "y": 2}), position_extra),
                    "data": object(data, data_extra),
                }),
                node_extra,
            )
        })
}

fn edge() -> impl Strategy<Value = Value> {
    ("e[0-9]", "node-[0-9]", "node-[0-9]", unknown_fields()).prop_map(
        |(id, source, target, extra)| {
            object(json!({"id": id, "source": source, "target": target}), extra)
        },
    )
}

fn workflow() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(node(), 0..6),
        prop::collection::vec(edge(), 0..4),
        unknown_fields(),
    )
        .prop_map(|(nodes, edges, extra)| {
            object(
                json!({"name": "generated", "status": "draft", "nodes": nodes, "edges": edges}),
                extra,
            )
        })
}

proptest! {
    #[test]
    fn generated_workflows_with_unknown_fields_round_trip(original in workflow()) {
        // A workload's selector map is read as one, not kept as an unknown key.
        let workflow = parse_workflow(&original.to_string()).expect("parses");
        for (index, node) in workflow.nodes() {
            let selector = match node.data() {
                Some(NodeData::Deployment(data)) => &data.selector,
                Some(NodeData::StatefulSet(data)) => &data.selector,
                Some(NodeData::DaemonSet(data)) => &data.selector,
                _ => continue,
            };
            let given = &original["nodes"][index]["data"]["selector"];
            prop_assert_eq!(selector.get().is_some(), given.is_object(), "{}", given);
        }
        prop_assert_eq!(round_trip(&original), original);
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = parse_workflow(&text);
    }
}
