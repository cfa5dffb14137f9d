//! Compiling a generated 10,000-node workflow to YAML (validation, compile and rendering,
//! as `kubegraph compile` does it: [`compile_to_yaml`]), against serializing the same
//! objects alone. The ratio shows how close compiling is to the cost of writing the output
//! at all. Goal: under 50 ms for compile + YAML. Criterion also times compiling to objects
//! and then rendering them (`compile().to_yaml()`), compile alone (objects, validation
//! included) and validate alone. Compiling a workflow this large validates it on a
//! second thread while building, so compiling takes less than the sum of its parts.
//!
//! `cargo bench -p kubegraph --bench compile`; a one-line summary with the ratio is
//! printed before criterion's own report. It runs with the CLI's allocator, mimalloc.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};

/// The allocator the CLI and the Python extension use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kubegraph::model::{RuntimeValues, Workflow};
use kubegraph::{Compilation, CompileOptions, CompiledYaml, compile, compile_to_yaml};
use serde_json::{Value, json};

/// Nodes in the generated workflow.
const NODES: usize = 10_000;
/// Namespaces the groups are spread over.
const NAMESPACES: usize = 25;

/// A workflow of `NODES` nodes in groups of twelve (one of each non-plugin kind, wired
/// along every allowed edge), and values for every Secret and env key.
fn generate() -> (Workflow, RuntimeValues) {
    let mut nodes = Vec::with_capacity(NODES);
    let mut edges = Vec::new();
    let mut values = RuntimeValues::default();
    let mut group = 0;
    while nodes.len() < NODES {
        let ns = format!("team-{}", group % NAMESPACES);
        let id = |kind: &str| format!("{kind}-{group}");
        let name = |kind: &str| format!("{kind}-{group}");
        let workload = |kind: &str, port: i64| {
            json!({"name": name(kind), "namespace": ns, "image": "ghcr.io/acme/app:1.2.3", "replicas": 2, "port": port,
                "env": {"MODE": "prod", "FLAG": "true"}, "envKeys": [{"id": "e", "name": "TOKEN"}],
                "labels": {"tier": "backend"},
                "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": "1", "memory": "256Mi"}}})
        };
        let mut sts = workload("db", 5432);
        sts["serviceName"] = json!(format!("db-{group}-headless"));
        sts["volumeClaimTemplates"] = json!([{"id": "t", "name": "data", "accessModes": ["ReadWriteOnce"], "storage": "10Gi"}]);
        let mut job = workload("job", 0);
        job.as_object_mut().map(|map| map.remove("port"));
        job["backoffLimit"] = json!(0);
        let mut cron = job.clone();
        cron["name"] = json!(name("cron"));
        cron["schedule"] = json!("*/5 * * * *");
        let mut daemon = workload("ds", 9100);
        daemon["tolerations"] =
            json!([{"key": "dedicated", "operator": "Exists", "effect": "NoSchedule"}]);
        let group_nodes = [
            ("deployment", "web", workload("web", 8080)),
            ("statefulset", "db", sts),
            ("daemonset", "ds", daemon),
            ("job", "job", job),
            ("cronjob", "cron", cron),
            (
                "service",
                "svc",
                json!({"name": name("svc"), "namespace": ns, "port": 80, "targetPort": 8080, "targetApp": name("web")}),
            ),
            (
                "ingress",
                "ing",
                json!({"name": name("ing"), "namespace": ns, "host": format!("{}.example.com", name("ing")),
                "paths": [{"id": "p1", "path": "/", "pathType": "Prefix", "serviceName": name("svc"), "servicePort": 80}],
                "ingressClassName": "nginx", "tlsEnabled": true, "tlsSecretName": "tls"}),
            ),
            (
                "configmap",
                "cfg",
                json!({"name": name("cfg"), "namespace": ns, "data": {"A": "on", "B": "0123", "C": "multi\nline\n"}}),
            ),
            (
                "secret",
                "sec",
                json!({"name": name("sec"), "namespace": ns, "keys": [{"id": "k", "name": "PASSWORD"}]}),
            ),
            (
                "persistentvolumeclaim",
                "pvc",
                json!({"name": name("pvc"), "namespace": ns, "storage": "5Gi"}),
            ),
            (
                "hpa",
                "hpa",
                json!({"name": name("hpa"), "namespace": ns, "minReplicas": 2, "maxReplicas": 10, "targetCPUUtilization": 70}),
            ),
            (
                "networkpolicy",
                "np",
                json!({"name": name("np"), "namespace": ns, "policyTypes": ["Ingress"],
                "ingressRules": [{"id": "r1", "from": [{"id": "x", "type": "ipBlock", "ipBlock": {"cidr": "10.0.0.0/8"}}],
                    "ports": [{"id": "p", "protocol": "TCP", "port": 8080}]}]}),
            ),
        ];
        for (kind, short, mut data) in group_nodes {
            data["id"] = json!(id(short));
            nodes.push(
                json!({"id": id(short), "type": kind, "position": {"x": 0, "y": 0}, "data": data}),
            );
        }
        let mut link = |source: &str, target: &str, handle: Option<&str>| {
            edges.push(json!({"id": format!("e-{}", edges.len()), "source": id(source), "target": id(target), "sourceHandle": handle}));
        };
        link("svc", "web", None);
        link("ing", "svc", Some("p1"));
        link("cfg", "web", None);
        link("cfg", "cron", None);
        link("sec", "web", None);
        link("sec", "job", None);
        link("pvc", "web", None);
        link("hpa", "web", None);
        link("np", "web", Some("output"));
        link("np", "ds", Some("r1"));
        values
            .secrets
            .insert(id("sec"), [("PASSWORD".to_owned(), "pw".to_owned())].into());
        for workload in ["web", "db", "ds", "job", "cron"] {
            values
                .env_vars
                .insert(id(workload), [("TOKEN".to_owned(), "t".to_owned())].into());
        }
        group += 1;
    }
    nodes.truncate(NODES);
    let kept: std::collections::HashSet<&Value> = nodes.iter().map(|node| &node["id"]).collect();
    edges.retain(|edge| kept.contains(&edge["source"]) && kept.contains(&edge["target"]));
    let workflow = json!({"name": "bench", "nodes": nodes, "edges": edges});
    let workflow =
        kubegraph::parse::workflow_from_value(workflow).expect("generated workflow parses");
    (workflow, values)
}

fn options(values: &RuntimeValues) -> CompileOptions<'_> {
    CompileOptions {
        values: Some(values),
        ..CompileOptions::default()
    }
}

fn compile_all(workflow: &Workflow, values: &RuntimeValues) -> Compilation {
    compile(workflow, &options(values))
}

fn compile_yaml(workflow: &Workflow, values: &RuntimeValues) -> CompiledYaml {
    compile_to_yaml(workflow, &options(values))
}

fn serialize_only(compilation: &Compilation) -> String {
    compilation.to_yaml()
}

/// Median wall time of `runs` runs. Wall time, not this thread's CPU time: a large
/// workflow is validated on a second thread.
fn median(runs: usize, mut run: impl FnMut()) -> Duration {
    let mut wall: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    wall.sort();
    wall[runs / 2]
}

fn benches(c: &mut Criterion) {
    let (workflow, values) = generate();
    let compilation = compile_all(&workflow, &values);
    assert!(
        !compilation.has_errors(),
        "{:#?}",
        &compilation.diagnostics[..5.min(compilation.diagnostics.len())]
    );
    assert_eq!(compile_yaml(&workflow, &values).yaml, compilation.to_yaml());
    let full = median(15, || {
        black_box(compile_yaml(&workflow, &values));
    });
    let serialize = median(15, || {
        black_box(serialize_only(&compilation));
    });
    let ms = |time: Duration| time.as_secs_f64() * 1e3;
    eprintln!(
        "{NODES} nodes → {} objects, {} bytes of YAML: compile+YAML {:.1} ms, serialize-only {:.1} ms, ratio {:.2}",
        compilation.objects.len(),
        compilation.to_yaml().len(),
        ms(full),
        ms(serialize),
        full.as_secs_f64() / serialize.as_secs_f64()
    );
    let mut group = c.benchmark_group("10k-nodes");
    group.sample_size(20);
    group.bench_function("compile+yaml", |b| {
        b.iter(|| compile_yaml(black_box(&workflow), &values));
    });
    group.bench_function("compile-then-to_yaml", |b| {
        b.iter(|| compile_all(black_box(&workflow), &values).to_yaml());
    });
    group.bench_function("serialize-only", |b| {
        b.iter(|| serialize_only(black_box(&compilation)))
    });
    group.bench_function("compile", |b| {
        b.iter(|| compile_all(black_box(&workflow), &values));
    });
    let options = kubegraph::validate::ValidateOptions::default();
    group.bench_function("validate", |b| {
        b.iter(|| kubegraph::validate::validate(black_box(&workflow), &options));
    });
    group.finish();
}

criterion_group!(compile_benches, benches);

fn main() {
    compile_benches();
    Criterion::default().configure_from_args().final_summary();
}
