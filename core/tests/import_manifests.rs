//! One import per source form (`tests/fixtures/manifests/`: a YAML 1.1 stream, a JSON
//! `List`, `helm template` output), pinned as a snapshot of the workflow and the
//! diagnostics; the workflow must compile without errors, and the Secret values appear
//! only in the values returned apart, never in the workflow or the snapshot.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

use std::fs;

use kubegraph::import::manifests::import_manifests;
use kubegraph::parse::{values_from_value, workflow_from_value};
use kubegraph::{CompileOptions, compile};
use serde_json::Value;

#[test]
fn every_manifest_fixture_imports_to_its_snapshot_and_compiles() {
    insta::glob!("../../tests/fixtures/manifests", "*.{yaml,json}", |path| {
        let text = fs::read_to_string(path).expect("fixture readable");
        let import = import_manifests(&text);
        let workflow = workflow_from_value(import.workflow.clone()).expect("workflow reads");
        let values = values_from_value(import.values.clone()).expect("values read");
        let compilation = compile(
            &workflow,
            &CompileOptions {
                values: Some(&values),
                ..CompileOptions::default()
            },
        );
        assert!(!compilation.has_errors(), "{:#?}", compilation.diagnostics);
        let workflow_text = serde_json::to_string_pretty(&import.workflow).expect("JSON");
        // The values file holds the Secrets' values; the snapshot shows their keys only.
        let mut secret_keys = Vec::new();
        if let Value::Object(secrets) = &import.values["secrets"] {
            for (node, keys) in secrets {
                for (key, value) in keys.as_object().into_iter().flatten() {
                    let value = value.as_str().expect("values are text");
                    assert!(
                        !workflow_text.contains(value),
                        "a Secret value is in the workflow"
                    );
                    secret_keys.push(format!("{node}/{key}"));
                }
            }
        }
        let diagnostics = serde_json::to_string_pretty(&import.diagnostics).expect("JSON");
        insta::assert_snapshot!(format!(
            "# values of: {secret_keys:?}\n# diagnostics\n{diagnostics}\n# workflow\n{workflow_text}"
        ));
    });
}

/// Both imports give their run-time values in one shape, `{"secrets": {...}}` (empty when
/// there are none), and neither shows them in `Debug`.
#[test]
fn both_imports_give_values_in_one_shape_never_in_debug() {
    let manifests = fs::read_to_string("../tests/fixtures/manifests/env-and-peers.yaml")
        .expect("fixture readable");
    let compose = fs::read_to_string("../tests/fixtures/compose/web-and-database.yaml")
        .expect("fixture readable");
    let manifest_import = import_manifests(&manifests);
    let compose_import = kubegraph::import::compose::import_text(&compose);
    let secret = |values: &Value, node: &str, key: &str| {
        values["secrets"][node][key].as_str().map(str::to_owned)
    };
    let token = secret(
        &manifest_import.values,
        "secret-worker-credentials",
        "API_TOKEN",
    )
    .expect("the Secret's value is in the values");
    let compose_secrets = compose_import.values["secrets"]
        .as_object()
        .expect("compose values are {\"secrets\": {...}}");
    let compose_secret = compose_secrets
        .values()
        .flat_map(|keys| keys.as_object().into_iter().flatten())
        .find_map(|(_, value)| value.as_str())
        .expect("the compose fixture has a secret value")
        .to_owned();
    for (values, debug, secret) in [
        (
            &manifest_import.values,
            format!("{manifest_import:?}"),
            token,
        ),
        (
            &compose_import.values,
            format!("{compose_import:?}"),
            compose_secret,
        ),
    ] {
        let keys: Vec<&String> = values.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["secrets"]);
        assert!(
            !debug.contains(&secret),
            "a secret value is in Debug: {debug}"
        );
        assert!(debug.contains("<redacted>"));
    }
    for empty in [
        import_manifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n").values,
        import_manifests("not: [yaml").values,
        kubegraph::import::compose::import_text("services: {web: {image: nginx}}").values,
        kubegraph::import::compose::import_text("not: [yaml").values,
    ] {
        assert_eq!(empty, serde_json::json!({"secrets": {}}));
    }
}

/// `envFrom` and `valueFrom` name their ConfigMap or Secret node by id (the link, with no
/// edge: an edge would mount it as a volume) and a policy peer that is one workload's pods
/// is an edge from its rule's handle; compiling gives each back as it was.
#[test]
fn env_references_and_policy_peers_link_to_their_nodes_and_compile_back() {
    let text = fs::read_to_string("../tests/fixtures/manifests/env-and-peers.yaml")
        .expect("fixture readable");
    let import = import_manifests(&text);
    assert!(import.diagnostics.is_empty(), "{:#?}", import.diagnostics);
    let nodes = import.workflow["nodes"].as_array().expect("nodes");
    let worker = nodes
        .iter()
        .find(|node| node["id"] == "deployment-worker")
        .expect("the worker");
    assert_eq!(
        worker["data"]["envFrom"],
        serde_json::json!([
            {"configMapRef": {"name": "configmap-worker-settings"}},
            {"prefix": "SECRET_", "secretRef": {"name": "secret-worker-credentials", "optional": true}}
        ])
    );
    let names: Vec<&Value> = worker["data"]["env"]
        .as_array()
        .expect("env list")
        .iter()
        .map(|var| {
            let source = &var["valueFrom"];
            &source
                .get("secretKeyRef")
                .unwrap_or(&source["configMapKeyRef"])["name"]
        })
        .collect();
    assert_eq!(
        names,
        [
            "secret-worker-credentials",
            "configmap-worker-settings",
            "vault-token"
        ]
    );
    let edges: Vec<(&str, &str, &str)> = import.workflow["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|edge| {
            (
                edge["source"].as_str().unwrap_or(""),
                edge["sourceHandle"].as_str().unwrap_or(""),
                edge["target"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        edges,
        [
            ("networkpolicy-worker", "output", "deployment-worker"),
            ("networkpolicy-worker", "ingress-1", "deployment-web"),
        ]
    );
    let policy = nodes
        .iter()
        .find(|node| node["id"] == "networkpolicy-worker")
        .expect("the policy");
    assert_eq!(
        policy["data"]["ingressRules"][0]["from"][0]["_linkedWorkload"],
        "deployment-web"
    );
    let workflow = workflow_from_value(import.workflow.clone()).expect("workflow reads");
    let values = values_from_value(import.values.clone()).expect("values read");
    let compiled = compile(
        &workflow,
        &CompileOptions {
            values: Some(&values),
            ..CompileOptions::default()
        },
    );
    assert!(!compiled.has_errors(), "{:#?}", compiled.diagnostics);
    let given = kubegraph::import::yaml::parse_documents(
        &text,
        kubegraph::import::yaml::Schema::Kubernetes,
    )
    .expect("fixture reads");
    let find = |objects: &[Value], kind: &str, name: &str| {
        objects
            .iter()
            .find(|object| object["kind"] == kind && object["metadata"]["name"] == name)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let given: Vec<Value> = given.into_iter().map(|document| document.value).collect();
    let again = compiled.values();
    for pointer in [
        "/spec/template/spec/containers/0/envFrom",
        "/spec/template/spec/containers/0/env",
    ] {
        assert_eq!(
            find(&again, "Deployment", "worker").pointer(pointer),
            find(&given, "Deployment", "worker").pointer(pointer),
            "{pointer}"
        );
    }
    for pointer in ["/spec/ingress", "/spec/egress", "/spec/podSelector"] {
        assert_eq!(
            find(&again, "NetworkPolicy", "worker").pointer(pointer),
            find(&given, "NetworkPolicy", "worker").pointer(pointer),
            "{pointer}"
        );
    }
}
