//! Behaviour of the compiler on small graphs, one decision per test: edges beat stale
//! copies, copies stand in when there are no edges, secrets and env values, defaults the
//! reference got wrong, plugins, namespaces and install order.

mod compile_support;

use compile_support::{compile_both_ways, compile_json, object, workflow};
use kubegraph::model::{PluginDefinition, RuntimeValues};
use kubegraph::{Code, Compilation, CompileOptions, Diagnostic, Severity};
use serde_json::{Value, json};

fn node(id: &str, node_type: &str, data: Value) -> Value {
    let mut data = data;
    data["id"] = json!(id);
    json!({"id": id, "type": node_type, "position": {"x": 0, "y": 0}, "data": data})
}

fn edge(source: &str, target: &str, handle: Option<&str>) -> Value {
    let id = format!("e-{source}-{}-{target}", handle.unwrap_or(""));
    json!({"id": id, "source": source, "target": target, "sourceHandle": handle})
}

fn graph(nodes: Vec<Value>, edges: Vec<Value>) -> Value {
    json!({"name": "shop", "nodes": nodes, "edges": edges})
}

fn deployment(id: &str, name: &str, port: i64) -> Value {
    node(
        id,
        "deployment",
        json!({"name": name, "image": "nginx:1.27", "replicas": 1, "port": port}),
    )
}

fn codes(compilation: &Compilation) -> Vec<Code> {
    compilation.diagnostics.iter().map(|d| d.code).collect()
}

/// The first diagnostic with `code`; there must be one.
fn diagnostic(compilation: &Compilation, code: Code) -> &Diagnostic {
    compilation
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code:?} in {:#?}", compilation.diagnostics))
}

/// Compiles with the run-time values `values` (as JSON).
fn compile_with_values(json: Value, values: Value) -> Compilation {
    let values: RuntimeValues = serde_json::from_value(values).expect("values");
    let options = CompileOptions {
        values: Some(&values),
        ..CompileOptions::default()
    };
    compile_both_ways(&workflow(json), &options)
}

#[test]
fn the_edge_wins_over_a_stale_copy() {
    let compilation = compile_json(graph(
        vec![
            deployment("d1", "api", 8080),
            deployment("d2", "old", 9090),
            node(
                "s1",
                "service",
                json!({"name": "api", "targetApp": "old", "port": 80}),
            ),
        ],
        vec![edge("s1", "d1", None)],
    ));
    let objects = compilation.values();
    let service = object(&objects, "Service", "api");
    assert_eq!(service["spec"]["selector"], json!({"app": "api"}));
    assert_eq!(
        service["spec"]["ports"][0]["targetPort"], 8080,
        "workload port"
    );
}

#[test]
fn copies_stand_in_for_graphs_without_edges() {
    let compilation = compile_json(graph(
        vec![
            node(
                "d1",
                "deployment",
                json!({
                    "name": "api", "image": "nginx:1.27", "port": 8080,
                    "volumeMounts": [{"type": "configMap", "name": "cfg", "mountPath": "/cfg", "nodeId": "c1"}]
                }),
            ),
            node(
                "c1",
                "configmap",
                json!({"name": "cfg", "data": {"a": "1"}}),
            ),
            node(
                "s1",
                "service",
                json!({"name": "api", "targetApp": "api", "port": 80}),
            ),
            node(
                "i1",
                "ingress",
                json!({"name": "edge", "paths": [
                    {"id": "p1", "path": "/", "pathType": "Prefix", "serviceName": "api", "servicePort": 80}
                ]}),
            ),
            node(
                "h1",
                "hpa",
                json!({"name": "api", "scaleTargetName": "api", "minReplicas": 1, "maxReplicas": 3, "targetCPUUtilization": 80}),
            ),
            node(
                "n1",
                "networkpolicy",
                json!({"name": "deny", "podSelector": {"app": "api"}, "policyTypes": ["Ingress"]}),
            ),
        ],
        vec![],
    ));
    assert!(!compilation.has_errors(), "{:#?}", compilation.diagnostics);
    let objects = compilation.values();
    let pod = &object(&objects, "Deployment", "api")["spec"]["template"]["spec"];
    assert_eq!(pod["volumes"][0]["configMap"]["name"], "cfg");
    assert_eq!(pod["containers"][0]["volumeMounts"][0]["mountPath"], "/cfg");
    assert_eq!(
        object(&objects, "Service", "api")["spec"]["selector"],
        json!({"app": "api"})
    );
    let backend =
        &object(&objects, "Ingress", "edge")["spec"]["rules"][0]["http"]["paths"][0]["backend"];
    assert_eq!(
        backend,
        &json!({"service": {"name": "api", "port": {"number": 80}}})
    );
    let target = &object(&objects, "HorizontalPodAutoscaler", "api")["spec"]["scaleTargetRef"];
    assert_eq!(
        target,
        &json!({"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"})
    );
    let policy = object(&objects, "NetworkPolicy", "deny");
    assert_eq!(
        policy["spec"]["podSelector"],
        json!({"matchLabels": {"app": "api"}})
    );
}

#[test]
fn copies_of_a_deleted_node_are_never_compiled() {
    // "Delete node" in the settings panel removed deployment d1 and service s2 with their
    // edges; the copies the others hold of them stay, naming nodes that are gone.
    let compilation = compile_json(graph(
        vec![
            deployment("d2", "web", 8080),
            node(
                "s1",
                "service",
                json!({"name": "api", "targetApp": "api", "port": 80, "_linkedDeployment": "d1"}),
            ),
            node(
                "s3",
                "service",
                json!({"name": "web", "targetApp": "web", "port": 80, "_linkedDeployment": "d2"}),
            ),
            node(
                "i1",
                "ingress",
                json!({"name": "edge", "paths": [
                    {"id": "p1", "path": "/", "pathType": "Prefix", "serviceName": "web", "servicePort": 80, "_linkedService": "s3"},
                    {"id": "p2", "path": "/api", "pathType": "Prefix", "serviceName": "api", "servicePort": 80, "_linkedService": "s2"}
                ]}),
            ),
            node(
                "h1",
                "hpa",
                json!({"name": "api", "scaleTargetName": "api", "_linkedTarget": "d1", "minReplicas": 1, "maxReplicas": 3, "targetCPUUtilization": 80}),
            ),
        ],
        vec![
            edge("s3", "d2", Some("output")),
            edge("i1", "s3", Some("p1")),
        ],
    ));
    assert!(!compilation.has_errors(), "{:#?}", compilation.diagnostics);
    let objects = compilation.values();
    assert_eq!(
        object(&objects, "Service", "api")["spec"].get("selector"),
        None
    );
    let paths = &object(&objects, "Ingress", "edge")["spec"]["rules"][0]["http"]["paths"];
    assert_eq!(paths.as_array().map(Vec::len), Some(1));
    assert_eq!(paths[0]["path"], "/");
    assert!(
        !objects
            .iter()
            .any(|o| o["kind"] == "HorizontalPodAutoscaler"),
        "an HPA of a deleted workload is left out"
    );
    let stale: Vec<&str> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::StaleLink)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(stale.len(), 3, "{stale:#?}");
    assert!(stale.iter().any(|m| {
        m.ends_with("so targetApp \"api\" is not compiled and the Service selects no pods")
    }));
    assert!(stale.iter().any(|m| m.ends_with("so the path is left out")));
    assert!(stale.iter().any(|m| m.ends_with("so the HPA is left out")));
}

#[test]
fn an_ingress_routes_to_a_port_its_service_really_has() {
    let compilation = compile_json(graph(
        vec![
            deployment("d1", "api", 8080),
            node("s1", "service", json!({"name": "api", "port": 8080})),
            node(
                "i1",
                "ingress",
                json!({"name": "edge", "host": "shop.example.com", "paths": [
                    {"id": "p1", "path": "/", "pathType": "Prefix", "serviceName": "web", "servicePort": 9999}
                ]}),
            ),
        ],
        vec![edge("s1", "d1", None), edge("i1", "s1", Some("p1"))],
    ));
    let objects = compilation.values();
    let backend =
        &object(&objects, "Ingress", "edge")["spec"]["rules"][0]["http"]["paths"][0]["backend"];
    assert_eq!(
        backend,
        &json!({"service": {"name": "api", "port": {"number": 8080}}})
    );
}

#[test]
fn a_secret_without_values_is_not_emitted_but_still_mounted() {
    let nodes = vec![
        deployment("d1", "api", 8080),
        node(
            "k1",
            "secret",
            json!({"name": "db", "keys": [{"id": "a", "name": "PASSWORD"}]}),
        ),
    ];
    let compilation = compile_json(graph(nodes, vec![edge("k1", "d1", None)]));
    assert!(codes(&compilation).contains(&Code::MissingSecretValues));
    assert!(!compilation.has_errors());
    let objects = compilation.values();
    assert!(objects.iter().all(|object| object["kind"] != "Secret"));
    let pod = &object(&objects, "Deployment", "api")["spec"]["template"]["spec"];
    assert_eq!(
        pod["volumes"][0],
        json!({"name": "db-volume", "secret": {"secretName": "db"}})
    );
    assert_eq!(
        pod["containers"][0]["volumeMounts"][0],
        json!({"mountPath": "/etc/secrets", "name": "db-volume", "readOnly": true})
    );
}

#[test]
fn secret_data_holds_only_listed_keys_with_supplied_values() {
    let compilation = compile_with_values(
        graph(
            vec![node(
                "k1",
                "secret",
                json!({"name": "db", "secretType": "Opaque", "keys": [
                    {"id": "a", "name": "PASSWORD"}, {"id": "b", "name": "USER"}, {"id": "c", "name": "_new_1"}
                ]}),
            )],
            vec![],
        ),
        json!({"secrets": {"k1": {"PASSWORD": "hunter2", "UNLISTED": "x"}}}),
    );
    let objects = compilation.values();
    let secret = object(&objects, "Secret", "db");
    assert_eq!(secret["data"], json!({"PASSWORD": "aHVudGVyMg=="}));
    assert_eq!(secret["type"], "Opaque");
    let warning = diagnostic(&compilation, Code::MissingSecretValues);
    assert!(warning.message.contains("USER"), "{}", warning.message);
    assert!(!format!("{compilation:?}").contains("hunter2"));
}

#[test]
fn run_time_env_values_are_merged_in_place_and_missing_ones_warned() {
    let compilation = compile_with_values(
        graph(
            vec![node(
                "d1",
                "deployment",
                json!({
                    "name": "api", "image": "nginx:1.27", "port": 80,
                    "env": {"MODE": "plain", "LEVEL": "info"},
                    "envKeys": [{"id": "1", "name": "MODE"}, {"id": "2", "name": "TOKEN"}, {"id": "3", "name": "ABSENT"}]
                }),
            )],
            vec![],
        ),
        json!({"envVars": {"d1": {"TOKEN": "t0k3n", "MODE": "from-values"}}}),
    );
    let objects = compilation.values();
    let env =
        &object(&objects, "Deployment", "api")["spec"]["template"]["spec"]["containers"][0]["env"];
    assert_eq!(
        env,
        &json!([
            {"name": "MODE", "value": "from-values"},
            {"name": "LEVEL", "value": "info"},
            {"name": "TOKEN", "value": "t0k3n"}
        ])
    );
    let missing: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::MissingEnvValue)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].message.contains("ABSENT"));
    assert!(!format!("{compilation:?}").contains("t0k3n"));
}

#[test]
fn multi_port_services_keep_every_port() {
    let compilation = compile_json(graph(
        vec![
            deployment("d1", "dns", 53),
            node(
                "s1",
                "service",
                json!({"name": "dns", "serviceType": "NodePort", "sessionAffinity": "ClientIP", "ports": [
                    {"name": "dns-udp", "port": 53, "protocol": "UDP", "nodePort": 30053},
                    {"name": "dns-tcp", "port": 53, "protocol": "TCP"},
                    {"name": "metrics", "port": 9153, "targetPort": "9153"}
                ]}),
            ),
        ],
        vec![edge("s1", "d1", None)],
    ));
    let objects = compilation.values();
    let spec = &object(&objects, "Service", "dns")["spec"];
    assert_eq!(
        spec["ports"],
        json!([
            {"name": "dns-udp", "port": 53, "protocol": "UDP", "targetPort": 53, "nodePort": 30053},
            {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
            {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}
        ])
    );
    assert_eq!(spec["type"], "NodePort");
    assert_eq!(
        spec["sessionAffinityConfig"],
        json!({"clientIP": {"timeoutSeconds": 10800}})
    );
}

#[test]
fn job_defaults_and_zero_backoff_are_kept() {
    let compilation = compile_json(graph(
        vec![
            node(
                "j1",
                "job",
                json!({"name": "once", "image": "busybox:1.36", "backoffLimit": 0}),
            ),
            node(
                "c1",
                "cronjob",
                json!({"name": "tick", "image": "busybox:1.36", "schedule": "@hourly"}),
            ),
        ],
        vec![],
    ));
    let objects = compilation.values();
    let job = &object(&objects, "Job", "once")["spec"];
    assert_eq!(job["backoffLimit"], 0);
    assert_eq!(job["template"]["spec"]["restartPolicy"], "Never");
    assert!(
        job.get("selector").is_none(),
        "Kubernetes generates a Job's selector"
    );
    let cron = &object(&objects, "CronJob", "tick")["spec"];
    assert_eq!(
        cron["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"],
        "OnFailure"
    );
}

#[test]
fn daemon_set_update_strategies() {
    let strategies = [
        ("a", json!({"maxUnavailable": 2})),
        ("b", json!({"maxUnavailable": "25%"})),
        ("c", json!({})),
        ("d", json!({"updateStrategy": "OnDelete"})),
    ];
    let daemon_sets = strategies.map(|(name, mut data)| {
        data["name"] = json!(name);
        data["image"] = json!("busybox:1.36");
        node(name, "daemonset", data)
    });
    let compilation = compile_json(graph(daemon_sets.to_vec(), vec![]));
    let objects = compilation.values();
    let strategy = |name| object(&objects, "DaemonSet", name)["spec"]["updateStrategy"].clone();
    let rolling =
        |value: Value| json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": value}});
    assert_eq!(strategy("a"), rolling(json!(2)));
    assert_eq!(strategy("b"), rolling(json!("25%")));
    assert_eq!(strategy("c"), rolling(json!(1)));
    assert_eq!(strategy("d"), json!({"type": "OnDelete"}));
}

#[test]
fn a_drawn_service_of_the_service_name_means_no_generated_one() {
    let set = node(
        "t1",
        "statefulset",
        json!({"name": "db", "serviceName": "db", "image": "postgres:16.3", "port": 5432}),
    );
    let service = node("s1", "service", json!({"name": "db", "port": 5432}));
    let compilation = compile_json(graph(
        vec![set.clone(), service],
        vec![edge("s1", "t1", None)],
    ));
    assert!(!codes(&compilation).contains(&Code::GeneratedHeadlessService));
    assert_eq!(
        compilation
            .objects
            .iter()
            .filter(|m| m.object.kind() == "Service")
            .count(),
        1
    );

    let compilation = compile_json(graph(vec![set], vec![]));
    let generated = diagnostic(&compilation, Code::GeneratedHeadlessService);
    assert_eq!(generated.severity, Severity::Info);
    let service = compilation
        .objects
        .iter()
        .find(|m| m.object.kind() == "Service")
        .expect("generated Service");
    assert_eq!(service.node_id, None);
    let value = service.object.to_value();
    assert_eq!(value["spec"]["clusterIP"], "None");
    assert_eq!(value["spec"]["selector"], json!({"app": "db"}));
    assert_eq!(value["spec"]["ports"][0]["port"], 5432);
}

fn certificate_plugin(extended: bool) -> Vec<PluginDefinition> {
    let mut node_type = json!({
        "name": "certificate",
        "fields": [
            {"id": "name", "type": "text"},
            {"id": "namespace", "type": "text"},
            {"id": "secretName", "type": "text"},
            {"id": "issuerName", "type": "text"},
            {"id": "dnsNames", "type": "text"},
            {"id": "renewBefore", "type": "number"},
            {"id": "isCA", "type": "select", "default": "false"},
            {"id": "comment", "type": "text"}
        ]
    });
    if extended {
        node_type["apiVersion"] = json!("cert-manager.io/v1");
        node_type["kind"] = json!("Certificate");
        node_type["fields"][3]["path"] = json!("issuerRef.name");
        node_type["fields"][4]["valueType"] = json!("list");
        node_type["fields"][6]["valueType"] = json!("boolean");
    }
    let plugin = json!([{"id": "certmanager", "crdGroup": "cert-manager.io",
        "crdKinds": ["Certificate", "Issuer"], "nodeTypes": [node_type]}]);
    kubegraph::parse::plugins_from_value(plugin).expect("plugins")
}

/// A certificate plugin node compiled with `plugins`.
fn compile_certificate(plugins: &[PluginDefinition]) -> Compilation {
    let workflow = workflow(graph(
        vec![node(
            "p1",
            "plugin",
            json!({
                "name": "site", "namespace": "web", "templateId": "certificate", "pluginId": "certmanager",
                "secretName": "site-tls", "issuerName": "letsencrypt", "dnsNames": "a.example.com, b.example.com",
                "renewBefore": "360"
            }),
        )],
        vec![],
    ));
    let options = CompileOptions {
        plugins,
        ..CompileOptions::default()
    };
    compile_both_ways(&workflow, &options)
}

#[test]
fn plugin_nodes_follow_the_extended_definition() {
    let compilation = compile_certificate(&certificate_plugin(true));
    assert!(!codes(&compilation).contains(&Code::AssumedApiVersion));
    let objects = compilation.values();
    let certificate = object(&objects, "Certificate", "site");
    assert_eq!(certificate["apiVersion"], "cert-manager.io/v1");
    assert_eq!(certificate["metadata"]["namespace"], "web");
    assert_eq!(
        certificate["spec"],
        json!({
            "secretName": "site-tls",
            "issuerRef": {"name": "letsencrypt"},
            "dnsNames": ["a.example.com", "b.example.com"],
            "renewBefore": 360,
            "isCA": false
        })
    );
    assert_eq!(
        objects.last(),
        Some(certificate),
        "custom resources come last"
    );
}

#[test]
fn plugin_nodes_without_extensions_use_the_reference_shape_with_a_warning() {
    let compilation = compile_certificate(&certificate_plugin(false));
    assert!(codes(&compilation).contains(&Code::AssumedApiVersion));
    let objects = compilation.values();
    let certificate = object(&objects, "Certificate", "site");
    assert_eq!(
        certificate["spec"]["dnsNames"],
        "a.example.com, b.example.com"
    );
    assert_eq!(certificate["spec"]["renewBefore"], 360);
    assert_eq!(certificate["spec"]["isCA"], "false");
    assert!(certificate["spec"].get("name").is_none());
}

#[test]
fn a_plugin_node_without_a_definition_is_an_error() {
    let compilation = compile_certificate(&[]);
    let unknown = diagnostic(&compilation, Code::UnknownPlugin);
    assert_eq!(unknown.severity, Severity::Error);
    assert!(compilation.objects.is_empty());
}

/// A plugin node as the designer writes it: node type `pg-cluster` of CloudNativePG,
/// whose kind is `Cluster`, numbers as text, `instances` given and `storage` defaulted.
fn compile_pg_cluster(crd_kinds: Value) -> Compilation {
    let plugins = kubegraph::parse::plugins_from_value(json!({"plugins": [{
        "id": "cloudnative-pg", "name": "cloudnative-pg", "crdGroup": "postgresql.cnpg.io",
        "crdKinds": crd_kinds,
        "nodeTypes": [{"name": "pg-cluster", "apiVersion": "postgresql.cnpg.io/v1", "fields": [
            {"id": "name", "type": "text", "required": true},
            {"id": "instances", "type": "number", "default": "1"},
            {"id": "storageSize", "type": "number", "default": " 10 "},
            {"id": "mode", "type": "select", "options": [{"value": "replica", "label": "Replica"}, "primary"]}
        ]}]
    }]}))
    .expect("catalogue body");
    let workflow = workflow(graph(
        vec![node(
            "p1",
            "plugin",
            json!({"name": "orders-db", "templateId": "pg-cluster", "pluginId": "cloudnative-pg",
                "instances": "3", "mode": "replica"}),
        )],
        vec![],
    ));
    compile_both_ways(
        &workflow,
        &CompileOptions {
            plugins: &plugins,
            ..CompileOptions::default()
        },
    )
}

#[test]
fn a_designer_plugin_node_compiles_with_numbers_a_guessed_kind_and_the_reference_labels() {
    let compilation = compile_pg_cluster(json!(["Backup", "Cluster"]));
    let guessed = diagnostic(&compilation, Code::PluginKindGuessed);
    assert_eq!(guessed.severity, Severity::Warning);
    assert!(guessed.message.contains("Cluster"), "{guessed}");
    let objects = compilation.values();
    let cluster = object(&objects, "Cluster", "orders-db");
    assert_eq!(
        cluster["spec"],
        json!({"instances": 3, "storageSize": 10, "mode": "replica"})
    );
    assert_eq!(
        cluster["metadata"]["labels"]["kubeorch.io/plugin"],
        "cloudnative-pg"
    );
    assert_eq!(
        cluster["metadata"]["labels"]["kubeorch.io/node-type"],
        "pg-cluster"
    );
    assert_eq!(cluster["metadata"]["labels"]["app"], "orders-db");
}

#[test]
fn a_plugin_node_whose_kind_cannot_be_resolved_is_refused_by_validation_alone() {
    let compilation = compile_pg_cluster(json!(["Backup", "Pooler"]));
    let found: Vec<(Code, Severity)> = compilation
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.code, diagnostic.severity))
        .collect();
    assert_eq!(found, [(Code::UnresolvedPluginKind, Severity::Error)]);
    assert!(compilation.objects.is_empty());
}

#[test]
fn namespaces_are_emitted_first_unless_turned_off() {
    let json = graph(
        vec![
            node(
                "d1",
                "deployment",
                json!({"name": "api", "namespace": "shop", "image": "nginx:1.27"}),
            ),
            node(
                "d2",
                "deployment",
                json!({"name": "api", "image": "nginx:1.27"}),
            ),
            node(
                "d3",
                "deployment",
                json!({"name": "agent", "namespace": "kube-system", "image": "nginx:1.27"}),
            ),
        ],
        vec![],
    );
    let compilation = compile_json(json.clone());
    let kinds: Vec<(&str, Option<&str>, &str)> = compilation
        .objects
        .iter()
        .map(|m| (m.object.kind(), m.object.namespace(), m.object.name()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Namespace", None, "shop"),
            ("Deployment", Some("default"), "api"),
            ("Deployment", Some("kube-system"), "agent"),
            ("Deployment", Some("shop"), "api"),
        ]
    );
    let options = CompileOptions {
        emit_namespaces: false,
        ..CompileOptions::default()
    };
    let compilation = compile_both_ways(&workflow(json), &options);
    assert!(
        compilation
            .objects
            .iter()
            .all(|m| m.object.kind() != "Namespace")
    );
}

#[test]
fn user_labels_win_and_only_app_and_version_reach_the_selector() {
    let compilation = compile_json(json!({"name": "Web shop 2024", "nodes": [
        node("d1", "deployment", json!({"name": "api", "image": "nginx:1.27", "labels": {"tier": "true", "app": "other"}})),
        node("d2", "deployment", json!({"name": "web", "image": "nginx:1.27", "labels": {"tier": "frontend"}})),
        node("d3", "statefulset", json!({"name": "details-v1", "image": "nginx:1.27",
            "labels": {"app": "details", "version": "v2", "app.kubernetes.io/name": "details"}}))
    ], "edges": []}));
    let objects = compilation.values();
    let api = object(&objects, "Deployment", "api");
    let labels = json!({
        "app": "other", "app.kubernetes.io/managed-by": "kubegraph", "app.kubernetes.io/name": "api",
        "app.kubernetes.io/part-of": "Web-shop-2024", "managed-by": "kubeorch", "tier": "true", "version": "v1"
    });
    assert_eq!(api["metadata"]["labels"], labels);
    assert_eq!(api["spec"]["template"]["metadata"]["labels"], labels);
    assert_eq!(
        api["spec"]["selector"],
        json!({"matchLabels": {"app": "other"}})
    );
    // Neither `app` nor `version` set: the selector of earlier versions, unchanged.
    let web = object(&objects, "Deployment", "web");
    assert_eq!(
        web["spec"]["selector"],
        json!({"matchLabels": {"app": "web"}})
    );
    assert_eq!(
        web["spec"]["template"]["metadata"]["labels"]["tier"],
        "frontend"
    );
    let details = object(&objects, "StatefulSet", "details-v1");
    let pod_labels = &details["spec"]["template"]["metadata"]["labels"];
    assert_eq!(pod_labels["app"], "details");
    assert_eq!(pod_labels["version"], "v2");
    assert_eq!(pod_labels["app.kubernetes.io/name"], "details");
    assert_eq!(
        details["spec"]["selector"],
        json!({"matchLabels": {"app": "details", "version": "v2"}})
    );
}

#[test]
fn debug_output_shows_no_data() {
    let values: RuntimeValues =
        serde_json::from_value(json!({"secrets": {"k1": {"K": "topsecret"}}})).expect("values");
    let workflow = workflow(graph(
        vec![node(
            "k1",
            "secret",
            json!({"name": "db", "keys": [{"id": "a", "name": "K"}]}),
        )],
        vec![],
    ));
    let options = CompileOptions {
        values: Some(&values),
        ..CompileOptions::default()
    };
    let compilation = compile_both_ways(&workflow, &options);
    let debug = format!("{compilation:?} {options:?}");
    assert!(debug.contains("Secret") && debug.contains("db"), "{debug}");
    assert!(
        !debug.contains("topsecret") && !debug.contains("dG9wc2VjcmV0"),
        "{debug}"
    );
}
