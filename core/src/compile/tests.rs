//! The builders never panic, whatever the data: validation normally refuses bad input
//! first, but the builders must not rely on it (and a large workflow is built while it
//! is validated). These tests skip validation, or run it alongside building. What a
//! builder cannot use it skips, and validation reports an error on every such node.

use proptest::prelude::*;
use serde_json::json;

use super::{
    CompileOptions, Manifest, Validation, build_all, compile, compile_each_with,
    compile_to_text_with, order, validate_for_compile,
};
use crate::diagnostic::{self, Severity};
use crate::graph::WorkflowGraph;
use crate::parse::workflow_from_value;

#[path = "../../tests/compile_support/arbitrary.rs"]
mod arbitrary;
#[path = "../../benches/support/generated.rs"]
mod generated;

/// The YAML and the JSON `List` a workflow compiles to, with the diagnostics of each,
/// built on two threads in chunks of `nodes_per_chunk` nodes, or on one (`None`).
fn texts(
    workflow: &crate::model::Workflow,
    options: &CompileOptions<'_>,
    nodes_per_chunk: Option<usize>,
) -> [(Option<String>, Vec<diagnostic::Diagnostic>); 2] {
    let (yaml, yaml_diagnostics) =
        compile_to_text_with::<crate::render::yaml::Documents>(nodes_per_chunk, workflow, options);
    let (json, json_diagnostics) =
        compile_to_text_with::<crate::render::json::Documents>(nodes_per_chunk, workflow, options);
    [
        (yaml.map(order::Ordered::into_stream), yaml_diagnostics),
        (json.map(order::Ordered::into_stream), json_diagnostics),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn building_arbitrary_data_never_panics(workflow in arbitrary::workflow(false)) {
        let workflow = workflow_from_value(workflow).expect("generated workflows parse");
        let graph = WorkflowGraph::new(&workflow);
        let mut manifests = Vec::new();
        let _ = build_all(&graph, &CompileOptions::default(), &mut |node_id, object| {
            manifests.push(Manifest { node_id: node_id.map(str::to_owned), object });
        });
        let mut yaml = order::SortedDocuments::<crate::render::yaml::Documents>::default();
        let mut json = order::SortedDocuments::<crate::render::json::Documents>::default();
        for manifest in &manifests {
            let _ = manifest.object.to_value();
            yaml.push(&manifest.object);
            json.push(&manifest.object);
        }
        order::sort(&mut manifests);
        let _ = yaml.into_ordered().into_stream();
        let _ = json.into_ordered().into_stream();
    }

    /// Validating alongside building (a large workflow, where there are threads) gives
    /// the diagnostics and the objects of validating first, valid workflow or not.
    #[test]
    fn validating_alongside_building_changes_nothing(workflow in arbitrary::workflow(true)) {
        let workflow = workflow_from_value(workflow).expect("generated workflows parse");
        let options = CompileOptions::default();
        let mut results = [Validation::Before, Validation::Alongside].map(|validation| {
            let mut objects = Vec::new();
            let diagnostics =
                compile_each_with(validation, &workflow, &options, |_, object| objects.push(object));
            (diagnostics, objects)
        });
        let [(before, built_before), (alongside, built_alongside)] = &mut results;
        prop_assert_eq!(&before, &alongside);
        if diagnostic::has_errors(before) {
            prop_assert!(built_before.is_empty());
        } else {
            prop_assert_eq!(built_before, built_alongside);
        }
    }

    /// Building on two threads, in chunks of any size, gives the text and the
    /// diagnostics of building on one, valid workflow or not.
    #[test]
    fn building_on_two_threads_changes_nothing(
        workflow in arbitrary::workflow(true),
        nodes_per_chunk in 1usize..4,
    ) {
        let workflow = workflow_from_value(workflow).expect("generated workflows parse");
        let options = CompileOptions::default();
        prop_assert_eq!(
            texts(&workflow, &options, None),
            texts(&workflow, &options, Some(nodes_per_chunk))
        );
    }

    /// A builder never drops a node or a value silently: validation reports an error on
    /// every node a builder skipped something of.
    #[test]
    fn every_skipped_node_has_a_validation_error(workflow in arbitrary::workflow(false)) {
        let workflow = workflow_from_value(workflow).expect("generated workflows parse");
        let graph = WorkflowGraph::new(&workflow);
        let options = CompileOptions::default();
        let (_, skipped) = build_all(&graph, &options, &mut |_, _| {});
        let diagnostics = validate_for_compile(&graph, &options);
        for skipped in &skipped {
            prop_assert!(
                diagnostics.iter().any(|found| found.severity == Severity::Error
                    && found.location.node_id.as_deref() == Some(skipped.node_id.as_str())),
                "{skipped:?} skipped without a validation error: {diagnostics:#?}"
            );
        }
    }
}

/// Every value a builder skips, one node each, is an error validation reports on that
/// node.
#[test]
fn each_skip_has_a_validation_error() {
    let big = 1_i64 << 40;
    let workflow = workflow_from_value(json!({"nodes": [
        {"id": "unnamed", "type": "configmap", "data": {}},
        {"id": "no-image", "type": "deployment", "data": {"name": "a"}},
        {"id": "big-port", "type": "deployment", "data": {"name": "b", "image": "b:1", "port": big}},
        {"id": "bad-service-name", "type": "statefulset", "data": {"name": "c", "image": "c:1",
            "serviceName": 5}},
        {"id": "unnamed-claim", "type": "statefulset", "data": {"name": "d", "image": "d:1",
            "serviceName": "d", "volumeClaimTemplates": [{"storage": "1Gi"}]}},
        {"id": "no-schedule", "type": "cronjob", "data": {"name": "e", "image": "e:1"}},
        {"id": "big-unavailable", "type": "daemonset", "data": {"name": "f", "image": "f:1",
            "maxUnavailable": big}},
        {"id": "no-storage", "type": "persistentvolumeclaim", "data": {"name": "g"}},
        {"id": "no-target", "type": "hpa", "data": {"name": "h", "maxReplicas": 3}},
        {"id": "no-max", "type": "hpa", "data": {"name": "i", "scaleTargetName": "a"}},
        {"id": "portless", "type": "service", "data": {"name": "j", "ports": [{"name": "web"}]}},
        {"id": "no-peer", "type": "networkpolicy", "data": {"name": "k",
            "policyTypes": ["Ingress"], "ingressRules": [{"id": "r1", "from": [{}]}]}},
        {"id": "no-definition", "type": "plugin", "data": {"name": "l", "templateId": "widget"}},
        {"id": "big-min", "type": "hpa", "data": {"name": "m", "scaleTargetName": "a",
            "maxReplicas": 3, "minReplicas": big}},
        {"id": "big-max", "type": "hpa", "data": {"name": "m2", "scaleTargetName": "a",
            "maxReplicas": big, "targetCPUUtilization": 50}},
        {"id": "big-memory", "type": "hpa", "data": {"name": "n2", "scaleTargetName": "a",
            "maxReplicas": 3, "targetMemoryUtilization": big}},
        {"id": "big-cpu", "type": "hpa", "data": {"name": "n", "scaleTargetName": "a",
            "maxReplicas": 3, "targetCPUUtilization": big}},
        {"id": "big-window", "type": "hpa", "data": {"name": "o", "scaleTargetName": "a",
            "maxReplicas": 3, "targetCPUUtilization": 50, "scaleUpStabilization": big}},
        {"id": "big-service-port", "type": "service", "data": {"name": "p2", "port": big}},
        {"id": "big-listed-port", "type": "service", "data": {"name": "q2",
            "ports": [{"port": big}]}},
        {"id": "big-target-port", "type": "service", "data": {"name": "p", "targetPort": big}},
        {"id": "big-listed-target", "type": "service", "data": {"name": "q",
            "ports": [{"port": 80, "targetPort": big}]}},
        {"id": "big-node-port", "type": "service", "data": {"name": "r", "serviceType": "NodePort",
            "ports": [{"port": 80, "nodePort": big}]}},
        {"id": "big-policy-port", "type": "networkpolicy", "data": {"name": "s",
            "policyTypes": ["Ingress"], "ingressRules": [{"id": "r1", "ports": [{"port": big}]}]}},
        {"id": "big-completions", "type": "job", "data": {"name": "t", "image": "t:1",
            "completions": big}},
        {"id": "big-history", "type": "cronjob", "data": {"name": "u", "image": "u:1",
            "schedule": "@daily", "failedJobsHistoryLimit": big}},
        {"id": "big-replicas", "type": "deployment", "data": {"name": "v", "image": "v:1",
            "replicas": big}}
    ]}))
    .expect("workflow parses");
    let graph = WorkflowGraph::new(&workflow);
    let options = CompileOptions::default();
    let (_, skipped) = build_all(&graph, &options, &mut |_, _| {});
    let diagnostics = validate_for_compile(&graph, &options);
    let skipped_nodes: Vec<&str> = skipped.iter().map(|skip| skip.node_id.as_str()).collect();
    let mut unreported = Vec::new();
    for node in graph.nodes() {
        assert!(
            skipped_nodes.contains(&node.id()),
            "{} was not skipped: {skipped:?}",
            node.id()
        );
        let reported = diagnostics.iter().any(|found| {
            found.severity == Severity::Error
                && found.location.node_id.as_deref() == Some(node.id())
        });
        if !reported {
            unreported.push(node.id());
        }
    }
    assert!(unreported.is_empty(), "no validation error: {unreported:?}");
}

/// A plugin node whose definition gives no kind, or no apiVersion, is skipped without a
/// word from the builder: validation reports it.
#[test]
fn plugin_nodes_of_unresolved_kinds_are_skipped_and_reported_by_validation() {
    let plugins = crate::parse::parse_plugins(
        r#"{"plugins": [{"id": "cnpg", "crdGroup": "postgresql.cnpg.io", "crdKinds": ["Cluster"],
            "nodeTypes": [{"name": "database"}]},
            {"id": "groupless", "crdKinds": ["Widget"], "nodeTypes": [{"name": "widget"}]}]}"#,
    )
    .expect("catalogue body");
    let workflow = workflow_from_value(json!({"nodes": [
        {"id": "no-kind", "type": "plugin", "data": {"name": "a", "templateId": "database"}},
        {"id": "no-group", "type": "plugin", "data": {"name": "b", "templateId": "widget"}}
    ]}))
    .expect("workflow parses");
    let graph = WorkflowGraph::new(&workflow);
    let options = CompileOptions {
        plugins: &plugins,
        ..CompileOptions::default()
    };
    let (found, skipped) = build_all(&graph, &options, &mut |_, _| {});
    assert!(found.is_empty(), "{found:#?}");
    let skipped: Vec<&str> = skipped.iter().map(|skip| skip.node_id.as_str()).collect();
    assert_eq!(skipped, ["no-kind", "no-group"]);
    let diagnostics = validate_for_compile(&graph, &options);
    let reported: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|found| found.severity == Severity::Error)
        .map(|found| {
            (
                found.code.as_str(),
                found.location.node_id.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        reported,
        [
            ("unresolved-plugin-kind", "no-kind"),
            ("unresolved-plugin-kind", "no-group")
        ]
    );
}

#[test]
fn a_stateful_set_without_service_name_compiles_without_one_and_without_a_headless_service() {
    let workflow = workflow_from_value(json!({"nodes": [
        {"id": "db", "type": "statefulset", "data": {"name": "db", "image": "postgres:16",
            "serviceName": ""}}
    ]}))
    .expect("workflow parses");
    let compilation = compile(&workflow, &CompileOptions::default());
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    let kinds: Vec<&str> = compilation
        .objects
        .iter()
        .map(|m| m.object.kind())
        .collect();
    assert_eq!(kinds, ["StatefulSet"]);
    let set = compilation.objects[0].object.to_value();
    assert!(set["spec"].get("serviceName").is_none(), "{set}");
    let codes: Vec<&str> = compilation
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["missing-service-name"]);
    assert_eq!(compilation.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn edges_left_by_a_removed_path_or_rule_are_ignored() {
    let workflow = |edges: serde_json::Value| {
        workflow_from_value(json!({"nodes": [
            {"id": "i", "type": "ingress", "data": {"name": "edge", "host": "a.example.com",
                "paths": [{"id": "p1", "path": "/", "pathType": "Prefix"}]}},
            {"id": "s", "type": "service", "data": {"name": "app", "port": 80}},
            {"id": "d", "type": "deployment", "data": {"name": "app", "image": "nginx:1.27",
                "port": 80}},
            {"id": "np", "type": "networkpolicy", "data": {"name": "np",
                "policyTypes": ["Ingress"], "ingressRules": [{"id": "r1"}]}}
        ], "edges": edges}))
        .expect("workflow parses")
    };
    let kept = json!([
        {"id": "e1", "source": "i", "target": "s", "sourceHandle": "p1"},
        {"id": "e2", "source": "s", "target": "d"},
        {"id": "e3", "source": "np", "target": "d", "sourceHandle": "output"}
    ]);
    let mut stale = kept.clone();
    let stale_edges = stale.as_array_mut().expect("edges");
    stale_edges.push(json!({"id": "e4", "source": "i", "target": "s", "sourceHandle": "p9"}));
    stale_edges.push(json!({"id": "e5", "source": "np", "target": "d", "sourceHandle": "r2"}));
    let options = CompileOptions::default();
    let clean = compile(&workflow(kept), &options);
    let with_stale = compile(&workflow(stale), &options);
    assert!(!with_stale.has_errors(), "{:?}", with_stale.diagnostics);
    assert_eq!(with_stale.objects, clean.objects);
    let warned: Vec<&str> = with_stale
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "unknown-handle")
        .map(|d| d.severity.as_str())
        .collect();
    assert_eq!(warned, ["warning", "warning"]);
}

#[test]
fn cleared_boxes_and_port_zero_are_absent() {
    let workflow = workflow_from_value(json!({"nodes": [
        {"id": "d", "type": "deployment", "data": {"name": "app", "image": "nginx:1.27",
            "port": 0, "resources": {"limits": {"cpu": "", "memory": " "},
            "requests": {"cpu": "", "memory": "128Mi"}}}},
        {"id": "s", "type": "statefulset", "data": {"name": "db", "image": "postgres:16",
            "serviceName": "db", "port": 0}}
    ]}))
    .expect("workflow parses");
    let compilation = compile(&workflow, &CompileOptions::default());
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    let objects: Vec<serde_json::Value> = compilation
        .objects
        .iter()
        .map(|manifest| manifest.object.to_value())
        .collect();
    let deployment = objects
        .iter()
        .find(|object| object["kind"] == "Deployment")
        .expect("deployment");
    let container = &deployment["spec"]["template"]["spec"]["containers"][0];
    assert!(container.get("ports").is_none(), "{container}");
    assert_eq!(
        container["resources"],
        json!({"requests": {"memory": "128Mi"}})
    );
    let headless = objects
        .iter()
        .find(|object| object["kind"] == "Service")
        .expect("headless service");
    assert!(headless["spec"].get("ports").is_none(), "{headless}");
}

/// A cleared Ingress port box writes `servicePort: 0`: the port comes from the Service,
/// over an edge and from the copy alike, with no error.
#[test]
fn an_ingress_service_port_of_zero_takes_the_services_port() {
    let workflow = workflow_from_value(json!({"nodes": [
        {"id": "i", "type": "ingress", "data": {"name": "edge", "host": "a.example.com",
            "paths": [
                {"id": "p1", "path": "/", "pathType": "Prefix", "serviceName": "web",
                    "servicePort": 0},
                {"id": "p2", "path": "/api", "pathType": "Prefix", "serviceName": "api",
                    "servicePort": 0}]}},
        {"id": "s", "type": "service", "data": {"name": "web", "port": 8080}},
        {"id": "a", "type": "service", "data": {"name": "api", "port": 9090}}
    ], "edges": [{"id": "e1", "source": "i", "target": "s", "sourceHandle": "p1"}]}))
    .expect("workflow parses");
    let compilation = compile(&workflow, &CompileOptions::default());
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    let ingress = compilation
        .objects
        .iter()
        .map(|manifest| manifest.object.to_value())
        .find(|object| object["kind"] == "Ingress")
        .expect("ingress");
    let paths = &ingress["spec"]["rules"][0]["http"]["paths"];
    let backends: Vec<&serde_json::Value> = paths
        .as_array()
        .expect("paths")
        .iter()
        .map(|path| &path["backend"]["service"])
        .collect();
    assert_eq!(
        backends,
        [
            &json!({"name": "web", "port": {"number": 8080}}),
            &json!({"name": "api", "port": {"number": 9090}})
        ]
    );
}

/// A drawn Service named as a StatefulSet's `serviceName` replaces the generated headless
/// one (one object of that name), compiled as drawn: headless when drawn headless; not
/// headless is compiled as drawn and warned about, never silently.
#[test]
fn a_drawn_governing_service_replaces_the_generated_one() {
    let compiled = |cluster_ip: serde_json::Value| {
        let workflow = workflow_from_value(json!({"nodes": [
            {"id": "db", "type": "statefulset", "data": {"name": "db", "image": "postgres:16",
                "serviceName": "db", "port": 5432}},
            {"id": "s", "type": "service", "data": {"name": "db", "port": 5432,
                "clusterIP": cluster_ip}}
        ], "edges": [{"id": "e", "source": "s", "target": "db"}]}))
        .expect("workflow parses");
        compile(&workflow, &CompileOptions::default())
    };
    for (cluster_ip, warned) in [(json!("None"), false), (json!(""), true)] {
        let compilation = compiled(cluster_ip.clone());
        assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
        let services: Vec<serde_json::Value> = compilation
            .objects
            .iter()
            .map(|manifest| manifest.object.to_value())
            .filter(|object| object["kind"] == "Service")
            .collect();
        assert_eq!(services.len(), 1, "{services:?}");
        assert_eq!(services[0]["metadata"]["name"], "db");
        let headless = services[0]["spec"].get("clusterIP") == Some(&json!("None"));
        assert_eq!(headless, !warned, "{cluster_ip}: {}", services[0]);
        let codes: Vec<&str> = compilation
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(
            codes.contains(&"governing-service-not-headless"),
            warned,
            "{codes:?}"
        );
        assert!(!codes.contains(&"generated-headless-service"), "{codes:?}");
    }
}

/// The edge decides whether a mount exists. A ConfigMap is mounted at its own `mountPath`
/// (the copy is stale), a claim at its copy's path with the copy's `readOnly`, the copy
/// found by node id or, after a canvas import renamed the ids, by kind and name. Without
/// mount edges, in a workflow drawn with edges, a copy naming a deleted node or one whose
/// edge was deleted is left out: the edge decides whether the mount exists.
#[test]
fn mounts_take_the_sources_path_or_the_claims_copy() {
    let workflow = workflow_from_value(json!({"nodes": [
        {"id": "node-1", "type": "deployment", "data": {"name": "api", "image": "nginx:1.27",
            "volumeMounts": [
                {"type": "configMap", "name": "cfg", "mountPath": "/etc/old", "nodeId": "c"},
                {"type": "persistentVolumeClaim", "name": "cache", "mountPath": "/var/cache/app",
                    "readOnly": true, "nodeId": "5f1c-renamed"}]}},
        {"id": "c", "type": "configmap", "data": {"name": "cfg", "mountPath": "/etc/app"}},
        {"id": "node-2", "type": "persistentvolumeclaim", "data": {"name": "cache",
            "storage": "1Gi", "accessModes": ["ReadWriteOnce"]}},
        {"id": "w", "type": "deployment", "data": {"name": "worker", "image": "nginx:1.27",
            "volumeMounts": [
                {"type": "secret", "name": "gone", "mountPath": "/etc/gone", "nodeId": "node-404"},
                {"type": "configMap", "name": "cfg", "mountPath": "/etc/cfg", "nodeId": "c"}]}}
    ], "edges": [
        {"id": "e1", "source": "c", "target": "node-1"},
        {"id": "e2", "source": "node-2", "target": "node-1"}
    ]}))
    .expect("workflow parses");
    let compilation = compile(&workflow, &CompileOptions::default());
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    let container_mounts = |name: &str| {
        let object = compilation
            .objects
            .iter()
            .map(|manifest| manifest.object.to_value())
            .find(|object| object["kind"] == "Deployment" && object["metadata"]["name"] == name)
            .expect("deployment");
        object["spec"]["template"]["spec"]["containers"][0]["volumeMounts"].clone()
    };
    assert_eq!(
        container_mounts("api"),
        json!([
            {"mountPath": "/etc/app", "name": "cfg-volume", "readOnly": true},
            {"mountPath": "/var/cache/app", "name": "cache-volume", "readOnly": true}
        ])
    );
    assert_eq!(container_mounts("worker"), json!(null));
    let stale: Vec<&str> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "stale-link")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        stale,
        [
            "volumeMounts[0] mounts secret \"gone\" of node \"node-404\", which no longer exists; the mount is left out",
            "volumeMounts[1] mounts configMap \"cfg\" of node \"c\", whose edge was deleted; the mount is left out"
        ]
    );
}

/// The generated workflow (every kind, namespaces, a custom resource) compiles on two
/// threads to the bytes it compiles to on one, whatever the chunk size.
#[test]
fn the_generated_workflow_compiles_the_same_on_two_threads() {
    let workflow = crate::parse::parse_workflow(&generated::generated(600)).expect("parses");
    let plugins = crate::parse::parse_plugins(generated::PLUGINS).expect("plugin definitions");
    let options = CompileOptions {
        plugins: &plugins,
        ..CompileOptions::default()
    };
    let one_thread = texts(&workflow, &options, None);
    for (text, diagnostics) in &one_thread {
        assert!(text.as_ref().is_some_and(|text| text.len() > 100_000));
        assert!(!diagnostic::has_errors(diagnostics), "{diagnostics:#?}");
    }
    for nodes_per_chunk in [1, 7, 64, 1000] {
        assert!(
            texts(&workflow, &options, Some(nodes_per_chunk)) == one_thread,
            "{nodes_per_chunk} nodes per chunk"
        );
    }
}

/// Two StatefulSets asking for the same headless Service in different chunks: the first
/// in input order generates it, whichever thread builds it, and the report is its.
#[test]
fn the_first_statefulset_generates_a_shared_headless_service_on_two_threads() {
    let stateful_set = |id: &str, name: &str| {
        json!({"id": id, "type": "statefulset", "data": {"name": name, "image": "db:1",
            "namespace": "data", "serviceName": "db-headless", "port": 5432}})
    };
    let workflow = workflow_from_value(json!({"nodes": [
        {"id": "cm", "type": "configmap", "data": {"name": "settings", "namespace": "data"}},
        stateful_set("second-in-line", "replica"),
        {"id": "web", "type": "deployment", "data": {"name": "web", "image": "web:1",
            "namespace": "front"}},
        stateful_set("third-in-line", "standby")
    ]}))
    .expect("workflow parses");
    let options = CompileOptions::default();
    let one_thread = texts(&workflow, &options, None);
    let [(Some(yaml), diagnostics), _] = &one_thread else {
        panic!("no YAML: {one_thread:?}");
    };
    assert_eq!(yaml.matches("\n  name: db-headless\n").count(), 1, "{yaml}");
    assert_eq!(yaml.matches("kind: Namespace").count(), 2, "{yaml}");
    let generated: Vec<_> = diagnostics
        .iter()
        .filter(|found| found.code.as_str() == "generated-headless-service")
        .map(|found| found.location.node_id.as_deref())
        .collect();
    assert_eq!(generated, [Some("second-in-line")]);
    for nodes_per_chunk in [1, 2, 3] {
        assert!(
            texts(&workflow, &options, Some(nodes_per_chunk)) == one_thread,
            "{nodes_per_chunk} nodes per chunk"
        );
    }
}

/// Every workflow the repository holds (fixtures, the designer corpus of what real
/// producers write, real applications drawn from their upstream manifests) compiles on
/// two threads, in chunks of one and of two nodes, to what it compiles to on one: they
/// are smaller than the size that takes two threads in use, so this is where they do.
#[test]
// Reads the repository's fixtures: I/O in a test, not in the library.
#[allow(clippy::disallowed_methods)]
fn every_workflow_in_the_repository_compiles_the_same_on_two_threads() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests");
    let read = |path: std::path::PathBuf| std::fs::read_to_string(path).expect("fixture reads");
    let plugins = crate::parse::parse_plugins(&read(root.join("fixtures/workflows/plugins.json")))
        .expect("plugin definitions");
    let mut workflows = Vec::new();
    for dir in ["fixtures/workflows", "fixtures/designer", "apps"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("directory reads") {
            let path = entry.expect("entry").path();
            let path = if path.is_dir() {
                path.join("workflow.json")
            } else {
                path
            };
            let name = path.to_string_lossy().into_owned();
            if path.is_file()
                && name.ends_with(".json")
                && !name.ends_with(".values.json")
                && !name.ends_with("plugins.json")
            {
                workflows.push(path);
            }
        }
    }
    let mut compiled = 0;
    for path in &workflows {
        let Ok(workflow) = crate::parse::parse_workflow(&read(path.clone())) else {
            continue;
        };
        let values = path.with_extension("values.json");
        let values = values
            .is_file()
            .then(|| crate::parse::parse_values(&read(values)).expect("values parse"));
        let options = CompileOptions {
            plugins: &plugins,
            values: values.as_ref(),
            ..CompileOptions::default()
        };
        let one_thread = texts(&workflow, &options, None);
        compiled += usize::from(one_thread[0].0.is_some());
        for nodes_per_chunk in [1, 2] {
            assert!(
                texts(&workflow, &options, Some(nodes_per_chunk)) == one_thread,
                "{}: {nodes_per_chunk} nodes per chunk",
                path.display()
            );
        }
    }
    assert!(
        compiled >= 30,
        "{compiled} of {} workflows compiled",
        workflows.len()
    );
}
