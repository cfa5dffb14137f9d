//! Property tests: any generated valid workflow compiles without errors or panics,
//! deterministically, and its YAML and JSON outputs parse back to the same objects.
//! Values YAML would misread (`true`, `yes`, `0123`, `1e3`, `null`, `~`, multi-line text)
//! come back as the strings they were, also for YAML 1.1 readers (kubectl, PyYAML).
//!
//! Importing the manifests of a generated workflow (its custom resources with the plugin
//! definitions it was compiled with) and compiling again gives the same bytes.
//!
//! The generator draws random subsets of well-formed nodes of every kind, with valid
//! names, and edges only along allowed pairs within one namespace.

mod compile_support;

use compile_support::arbitrary::{self, AMBIGUOUS_TEXT};
use compile_support::compile_both_ways;
use kubegraph::import::manifests::import_manifests_with;
use kubegraph::model::{PluginDefinition, RuntimeValues};
use kubegraph::{Compilation, CompileOptions};
use proptest::prelude::*;
use serde::Deserialize as _;
use serde_json::{Map, Value, json};

/// Label values YAML 1.1 or 1.2 would read as something other than a string.
const AMBIGUOUS_LABELS: &[&str] = &[
    "true",
    "True",
    "FALSE",
    "yes",
    "no",
    "on",
    "Off",
    "y",
    "N",
    "null",
    "NULL",
    "0123",
    "1e3",
    "1.0",
    "0x1F",
    "0o17",
    "1_000",
    "12e03",
    "2001-01-01",
];

const KINDS: &[(&str, &str)] = &[
    ("deployment", "web"),
    ("statefulset", "db"),
    ("daemonset", "agent"),
    ("job", "migrate"),
    ("cronjob", "report"),
    ("service", "svc"),
    ("ingress", "edge"),
    ("configmap", "cfg"),
    ("secret", "creds"),
    ("persistentvolumeclaim", "vol"),
    ("hpa", "scale"),
    ("networkpolicy", "policy"),
    ("plugin", "cert"),
];

const NAMESPACES: &[&str] = &["default", "shop", "data"];

/// One generated node: its kind, namespace and random picks that shape its data.
#[derive(Clone, Debug)]
struct Spec {
    kind: usize,
    namespace: usize,
    picks: [u32; 6],
}

fn specs() -> impl Strategy<Value = Vec<Spec>> {
    let spec = (0..KINDS.len(), 0..NAMESPACES.len(), any::<[u32; 6]>()).prop_map(
        |(kind, namespace, picks)| Spec {
            kind,
            namespace,
            picks,
        },
    );
    prop::collection::vec(spec, 1..24)
}

/// A node placed in the graph: what edges need to know about it.
struct Placed {
    id: String,
    kind: &'static str,
    namespace: &'static str,
    name: String,
    port: i64,
}

fn pick<T: Copy>(items: &[T], seed: u32) -> T {
    items[seed as usize % items.len()]
}

/// Builds the workflow and its run-time values from the specs.
fn build(specs: &[Spec]) -> (Value, RuntimeValues) {
    let placed: Vec<Placed> = specs
        .iter()
        .enumerate()
        .map(|(index, spec)| {
            let (kind, short) = KINDS[spec.kind];
            Placed {
                id: format!("node-{index}"),
                kind,
                namespace: NAMESPACES[spec.namespace],
                name: format!("{short}-{index}"),
                port: 1024 + i64::from(spec.picks[0] % 60000),
            }
        })
        .collect();
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut values = RuntimeValues::default();
    let mut scaled = Vec::new();
    for (spec, me) in specs.iter().zip(&placed) {
        let candidates = |kinds: &[&str]| -> Vec<&Placed> {
            placed
                .iter()
                .filter(|other| other.namespace == me.namespace && kinds.contains(&other.kind))
                .collect()
        };
        let mut link = |target: &Placed, handle: Option<&str>| {
            edges.push(json!({
                "id": format!("e{}-{}-{}", edges.len(), me.id, target.id),
                "source": me.id, "target": target.id, "sourceHandle": handle
            }));
        };
        let [a, b, c, d, e, f] = spec.picks;
        let mut data = match me.kind {
            "deployment" | "statefulset" | "daemonset" | "job" | "cronjob" => {
                let mut data = workload(me, spec, &mut values);
                match me.kind {
                    "deployment" => data["replicas"] = json!(a % 5),
                    "statefulset" => {
                        data["replicas"] = json!(1 + a % 3);
                        let services = candidates(&["service"]);
                        data["serviceName"] = match services.first() {
                            Some(service) if b % 3 == 0 => json!(service.name),
                            _ => json!(format!("{}-headless", me.name)),
                        };
                        if c % 2 == 0 {
                            data["volumeClaimTemplates"] = json!([{"id": "t1", "name": format!("claim-{}", me.name),
                                "accessModes": ["ReadWriteOnce"], "storage": "1Gi"}]);
                        }
                    }
                    "daemonset" => {
                        data["maxUnavailable"] = if b % 2 == 0 {
                            json!(1 + b % 3)
                        } else {
                            json!("25%")
                        };
                        data["updateStrategy"] = json!(pick(&["RollingUpdate", "OnDelete"], c));
                        data["nodeSelector"] = json!({"kubernetes.io/os": "linux"});
                        data["tolerations"] = json!([{"key": "dedicated", "operator": "Equal", "value": "infra", "effect": "NoSchedule"}]);
                        data["hostNetwork"] = json!(d % 2 == 0);
                    }
                    "job" | "cronjob" => {
                        data.as_object_mut().map(|map| map.remove("port"));
                        data["command"] = json!(["/bin/run"]);
                        data["args"] = json!(["--mode", pick(AMBIGUOUS_LABELS, b)]);
                        data["backoffLimit"] = json!(b % 4);
                        data["completions"] = json!(1 + c % 3);
                        data["parallelism"] = json!(1 + d % 2);
                        data["ttlSecondsAfterFinished"] = json!(e % 3600);
                        if me.kind == "cronjob" {
                            data["schedule"] =
                                json!(pick(&["*/5 * * * *", "@hourly", "30 2 * * 1-5"], f));
                            data["concurrencyPolicy"] =
                                json!(pick(&["Allow", "Forbid", "Replace"], a));
                        }
                    }
                    _ => {}
                }
                // Whole ConfigMaps and Secrets as env, named by node id or by name.
                let mut env_from = Vec::new();
                if let Some(config) = candidates(&["configmap"]).get(e as usize % 2) {
                    env_from.push(json!({"configMapRef": {"name": config.id}, "prefix": pick(&["CFG_", ""], f)}));
                }
                if let Some(secret) = candidates(&["secret"]).first().filter(|_| f % 2 == 0) {
                    env_from
                        .push(json!({"secretRef": {"name": secret.name, "optional": e % 3 == 0}}));
                }
                if !env_from.is_empty() {
                    data["envFrom"] = json!(env_from);
                }
                data
            }
            "service" => {
                let workloads = candidates(&["deployment", "statefulset", "daemonset"]);
                let mut data = json!({"name": me.name, "serviceType": pick(&["ClusterIP", "NodePort", "LoadBalancer"], b), "port": me.port});
                if let Some(target) = workloads.get(c as usize % (workloads.len() + 1)) {
                    data["targetApp"] = json!(target.name);
                    data["targetPort"] = json!(target.port);
                    link(target, None);
                }
                data
            }
            "ingress" => {
                let services = candidates(&["service"]);
                if services.is_empty() {
                    continue;
                }
                let mut paths = Vec::new();
                for index in 0..=(a % 2) {
                    let service = pick(&services, b.wrapping_add(index));
                    let id = format!("path-{index}");
                    paths.push(
                        json!({"id": id, "path": format!("/p{index}"), "pathType": "Prefix",
                        "serviceName": service.name, "servicePort": service.port}),
                    );
                    link(service, Some(&id));
                }
                let mut data =
                    json!({"name": me.name, "paths": paths, "ingressClassName": "nginx"});
                if c % 2 == 0 {
                    data["host"] = json!(format!("{}.example.com", me.name));
                    data["tlsEnabled"] = json!(d % 2 == 0);
                    data["tlsSecretName"] = json!(format!("{}-tls", me.name));
                }
                data
            }
            "configmap" | "secret" => {
                let workloads =
                    candidates(&["deployment", "statefulset", "daemonset", "job", "cronjob"]);
                for (bit, target) in workloads.iter().enumerate().take(8) {
                    if a & (1 << bit) != 0 {
                        link(target, None);
                    }
                }
                let mount_path = format!("/etc/{}", me.name);
                if me.kind == "configmap" {
                    let entries: Map<String, Value> = (0..=(b % 4))
                        .map(|index| {
                            (
                                format!("key-{index}"),
                                json!(pick(AMBIGUOUS_TEXT, c.wrapping_add(index))),
                            )
                        })
                        .collect();
                    json!({"name": me.name, "data": entries, "mountPath": mount_path})
                } else {
                    let keys: Vec<Value> = (0..=(b % 3))
                        .map(|index| json!({"id": format!("k{index}"), "name": format!("KEY_{index}")}))
                        .collect();
                    if c % 3 != 0 {
                        let supplied = (0..=(b % 3))
                            .map(|index| {
                                (
                                    format!("KEY_{index}"),
                                    pick(AMBIGUOUS_TEXT, d.wrapping_add(index)).to_owned(),
                                )
                            })
                            .collect();
                        values.secrets.insert(me.id.clone(), supplied);
                    }
                    json!({"name": me.name, "secretType": "Opaque", "keys": keys, "mountPath": mount_path})
                }
            }
            "persistentvolumeclaim" => {
                for (bit, target) in candidates(&["deployment", "statefulset"])
                    .iter()
                    .enumerate()
                    .take(8)
                {
                    if a & (1 << bit) != 0 {
                        link(target, None);
                    }
                }
                let mut data = json!({"name": me.name, "storage": format!("{}Gi", 1 + b % 50),
                    "accessModes": [pick(&["ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany"], c)]});
                if d % 2 == 0 {
                    data["storageClassName"] = json!("standard");
                }
                data
            }
            "hpa" => {
                let targets: Vec<&Placed> = candidates(&["deployment", "statefulset"])
                    .into_iter()
                    .filter(|target| !scaled.contains(&target.id))
                    .collect();
                let Some(target) = targets.get(a as usize % targets.len().max(1)) else {
                    continue;
                };
                scaled.push(target.id.clone());
                link(target, None);
                let min = 1 + b % 3;
                json!({"name": me.name, "minReplicas": min, "maxReplicas": min + c % 5,
                    "targetCPUUtilization": 50 + d % 40, "scaleDownStabilization": e % 3600})
            }
            "networkpolicy" => {
                let workloads = candidates(&["deployment", "statefulset", "daemonset"]);
                if let Some(target) = workloads.get(a as usize % (workloads.len() + 1)) {
                    link(target, Some("output"));
                }
                let peer = |index: u32| match index % 3 {
                    0 => {
                        json!({"id": format!("peer-{index}"), "type": "podSelector", "podSelector": {"role": pick(AMBIGUOUS_LABELS, index)}})
                    }
                    1 => {
                        json!({"id": format!("peer-{index}"), "type": "namespaceSelector", "namespaceSelector": {"team": "ops"}})
                    }
                    _ => {
                        json!({"id": format!("peer-{index}"), "type": "ipBlock", "ipBlock": {"cidr": "10.20.0.0/16", "except": ["10.20.5.0/24"]}})
                    }
                };
                let rule = |id: String, key: &str, seed: u32| {
                    let mut rule = json!({"id": id, "ports": [{"id": "p1", "protocol": pick(&["TCP", "UDP"], seed), "port": 1 + seed % 65535}]});
                    rule[key] = json!(
                        (0..seed % 3)
                            .map(|index| peer(seed.wrapping_add(index)))
                            .collect::<Vec<_>>()
                    );
                    rule
                };
                let ingress: Vec<Value> = (0..b % 3)
                    .map(|index| rule(format!("in-{index}"), "from", c.wrapping_add(index)))
                    .collect();
                let egress: Vec<Value> = (0..c % 3)
                    .map(|index| rule(format!("out-{index}"), "to", d.wrapping_add(index)))
                    .collect();
                for (index, rule_value) in ingress.iter().chain(&egress).enumerate() {
                    if let Some(peer) =
                        workloads.get((e as usize).wrapping_add(index) % (workloads.len() + 1))
                    {
                        link(peer, rule_value["id"].as_str());
                    }
                }
                let mut types = vec!["Ingress"];
                if !egress.is_empty() || f % 2 == 0 {
                    types.push("Egress");
                }
                json!({"name": me.name, "policyTypes": types, "ingressRules": ingress, "egressRules": egress})
            }
            _ => json!({"name": me.name, "templateId": "certificate", "pluginId": "certmanager",
                "secretName": format!("{}-tls", me.name), "issuerName": "letsencrypt",
                "dnsNames": "a.example.com, b.example.com", "renewBefore": format!("{}", 60 + a % 600)}),
        };
        data["id"] = json!(me.id);
        if me.namespace != "default" || a % 2 == 0 {
            data["namespace"] = json!(me.namespace);
        }
        nodes.push(
            json!({"id": me.id, "type": me.kind, "position": {"x": 0, "y": 0}, "data": data}),
        );
    }
    let workflow = json!({"name": pick(&["shop", "Web shop 2024", "true", ""], specs.len() as u32), "nodes": nodes, "edges": edges});
    (workflow, values)
}

/// A workload's container fields, with user labels and env values YAML would misread.
fn workload(me: &Placed, spec: &Spec, values: &mut RuntimeValues) -> Value {
    let [a, b, c, ..] = spec.picks;
    let mut data = json!({
        "name": me.name,
        "image": pick(&["nginx:1.27", "ghcr.io/acme/api:1.2.3", "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"], a),
        "port": me.port,
        "labels": {"tier": pick(AMBIGUOUS_LABELS, b), "flag": pick(AMBIGUOUS_LABELS, c)},
        "env": {"PLAIN": pick(AMBIGUOUS_TEXT, a), "OTHER": pick(AMBIGUOUS_TEXT, b)},
        "envKeys": [{"id": "e1", "name": "TOKEN"}],
        "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "1", "memory": "128Mi"}}
    });
    if c % 2 == 0 {
        data.as_object_mut().map(|map| map.remove("resources"));
    }
    let token = [("TOKEN".to_owned(), pick(AMBIGUOUS_TEXT, c).to_owned())]
        .into_iter()
        .collect();
    values.env_vars.insert(me.id.clone(), token);
    data
}

fn plugins() -> Vec<PluginDefinition> {
    kubegraph::parse::plugins_from_value(json!([{
        "id": "certmanager", "crdGroup": "cert-manager.io", "crdKinds": ["Certificate"],
        "nodeTypes": [{"name": "certificate", "apiVersion": "cert-manager.io/v1", "kind": "Certificate", "fields": [
            {"id": "name", "type": "text"},
            {"id": "secretName", "type": "text"},
            {"id": "issuerName", "type": "text", "path": "issuerRef.name"},
            {"id": "dnsNames", "type": "text", "valueType": "list"},
            {"id": "renewBefore", "type": "number"}
        ]}]
    }]))
    .expect("plugin definitions")
}

fn compile_generated(workflow: &Value, values: &RuntimeValues) -> Compilation {
    let workflow = kubegraph::parse::workflow_from_value(workflow.clone()).expect("parses");
    let plugins = plugins();
    compile_both_ways(
        &workflow,
        &CompileOptions {
            values: Some(values),
            plugins: &plugins,
            emit_namespaces: true,
        },
    )
}

/// Every YAML document of a stream, as JSON (an empty stream reads as one empty
/// document, which is not an object).
fn parse_yaml_stream(yaml: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(yaml)
        .map(|document| Value::deserialize(document).expect("each document is valid YAML"))
        .filter(|document| !document.is_null())
        .collect()
}

/// Plain (unquoted) scalars YAML 1.1 resolves to something other than a string.
fn yaml_1_1_non_string(scalar: &str) -> bool {
    let lower = scalar.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "y" | "yes" | "n" | "no" | "true" | "false" | "on" | "off" | "null" | "~" | ""
    ) || scalar.parse::<f64>().is_ok()
        || scalar.starts_with("0x")
        || scalar.starts_with("0o")
        || scalar.contains('_') && scalar.replace('_', "").parse::<f64>().is_ok()
        || lower.starts_with(".inf")
        || lower.starts_with("-.inf")
        || lower == ".nan"
        || (scalar.len() == 10
            && scalar.as_bytes().get(4) == Some(&b'-')
            && scalar
                .get(..4)
                .is_some_and(|year| year.parse::<u32>().is_ok()))
        || scalar.contains(':') && scalar.split(':').all(|part| part.parse::<u32>().is_ok())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_workflows_compile_deterministically_and_parse_back(specs in specs()) {
        let (workflow, values) = build(&specs);
        let compilation = compile_generated(&workflow, &values);
        prop_assert!(!compilation.has_errors(), "{:#?}\n{workflow:#}", compilation.diagnostics);
        let again = compile_generated(&workflow, &values);
        let yaml = compilation.to_yaml();
        prop_assert_eq!(&yaml, &again.to_yaml());
        prop_assert_eq!(compilation.to_json_list(), again.to_json_list());

        let objects = compilation.values();
        // Rendered from the typed objects, the same bytes as from their values.
        prop_assert_eq!(&yaml, &kubegraph::render::to_yaml(&objects));
        prop_assert_eq!(&parse_yaml_stream(&yaml), &objects);
        let list: Value = serde_json::from_str(&compilation.to_json_list()).expect("JSON list");
        prop_assert_eq!(&list["kind"], "List");
        prop_assert_eq!(list["items"].as_array().expect("items"), &objects);

        // YAML 1.1 readers (kubectl's, PyYAML) must see strings too: no plain scalar a
        // 1.1 reader would turn into a boolean, null, number or date.
        for line in yaml.lines() {
            let scalar = line.trim_start().trim_start_matches("- ");
            let value = scalar.split_once(": ").map_or(scalar, |(_, value)| value);
            let plain = !value.starts_with(['\'', '"', '|', '>', '{', '[']);
            if plain && (scalar.contains(": ") || line.trim_start().starts_with("- ")) {
                prop_assert!(
                    !yaml_1_1_non_string(value) || is_number_field(line),
                    "YAML 1.1 would misread {line:?}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the data, compiling never panics, and output (when there is any) parses.
    #[test]
    fn arbitrary_node_data_never_panics(workflow in arbitrary::workflow(true)) {
        let values: RuntimeValues = serde_json::from_value(json!({
            "secrets": {"node-0": {"KEY": "v"}, "node-1": {"a": "~"}},
            "envVars": {"node-0": {"TOKEN": "t"}}
        })).expect("values");
        let compilation = compile_generated(&workflow, &values);
        if compilation.has_errors() {
            prop_assert!(compilation.objects.is_empty());
        } else {
            let (yaml, objects) = (compilation.to_yaml(), compilation.values());
            prop_assert_eq!(&yaml, &kubegraph::render::to_yaml(&objects));
            prop_assert_eq!(parse_yaml_stream(&yaml), objects);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_workflows_import_back_to_the_same_manifests(specs in specs()) {
        prop_assume!(!specs.is_empty());
        let (workflow, values) = build(&specs);
        let compilation = compile_generated(&workflow, &values);
        prop_assert!(!compilation.has_errors(), "{:#?}\n{workflow:#}", compilation.diagnostics);
        let yaml = compilation.to_yaml();
        let import = import_manifests_with(&yaml, &plugins());
        prop_assert!(
            import.diagnostics.is_empty(),
            "{:#?}\n{yaml}",
            import.diagnostics
        );
        let imported_values =
            kubegraph::parse::values_from_value(import.values).expect("values read");
        let again = compile_generated(&import.workflow, &imported_values);
        prop_assert!(
            !again.has_errors(),
            "{:#?}\n{:#}",
            again.diagnostics,
            import.workflow
        );
        prop_assert_eq!(yaml, again.to_yaml());
    }
}

/// Lines whose value is meant to be a number or boolean (ports, counts, flags).
fn is_number_field(line: &str) -> bool {
    let key = line
        .trim_start()
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or_default();
    matches!(
        key,
        "replicas"
            | "port"
            | "containerPort"
            | "targetPort"
            | "nodePort"
            | "number"
            | "minReplicas"
            | "maxReplicas"
            | "averageUtilization"
            | "stabilizationWindowSeconds"
            | "backoffLimit"
            | "completions"
            | "parallelism"
            | "ttlSecondsAfterFinished"
            | "maxUnavailable"
            | "readOnly"
            | "optional"
            | "hostNetwork"
            | "timeoutSeconds"
            | "renewBefore"
            | "suspend"
            | "successfulJobsHistoryLimit"
            | "failedJobsHistoryLimit"
            | "activeDeadlineSeconds"
            | "tolerationSeconds"
    )
}

#[test]
fn ambiguous_values_come_back_as_the_same_strings() {
    let data: Map<String, Value> = AMBIGUOUS_TEXT
        .iter()
        .enumerate()
        .map(|(index, text)| (format!("key-{index}"), json!(text)))
        .collect();
    let labels: Map<String, Value> = AMBIGUOUS_LABELS
        .iter()
        .enumerate()
        .map(|(index, text)| (format!("label-{index}"), json!(text)))
        .collect();
    let workflow = json!({"name": "true", "nodes": [
        {"id": "c", "type": "configmap", "data": {"name": "cfg", "data": data, "labels": labels}}
    ], "edges": []});
    let compilation = compile_generated(&workflow, &RuntimeValues::default());
    assert!(!compilation.has_errors(), "{:#?}", compilation.diagnostics);
    let parsed = parse_yaml_stream(&compilation.to_yaml());
    let config = &parsed[0];
    assert_eq!(config["data"], Value::Object(data));
    for (key, value) in &labels {
        assert_eq!(&config["metadata"]["labels"][key], value);
    }
    assert_eq!(
        config["metadata"]["labels"]["app.kubernetes.io/part-of"],
        "true"
    );
}
