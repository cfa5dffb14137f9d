//! docker-compose files imported into workflows (`tests/fixtures/compose/`): each import
//! (workflow and diagnostics, the secret values left out) is a snapshot, each workflow
//! compiles without errors, and its YAML is written to
//! `$CARGO_TARGET_TMPDIR/kubegraph-manifests/compose-<fixture>.yaml` for
//! `scripts/check-manifests.sh` (Kubernetes' own schemas, strict).

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use kubegraph::compile::{CompileOptions, compile};
use kubegraph::import::compose::{self, ComposeImport};
use kubegraph::{Compilation, parse};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/compose")
}

/// The compose file at `path` imported as `kubegraph import compose` imports it.
fn import_file(path: &Path) -> ComposeImport {
    compose::import_text(&fs::read_to_string(path).expect("fixture reads"))
}

fn import(name: &str) -> ComposeImport {
    import_file(&fixtures().join(name))
}

/// Compiles an import with its values, as `kubegraph compile --values` would.
fn compiled(imported: &ComposeImport) -> Compilation {
    let workflow = parse::workflow_from_value(imported.workflow.clone()).expect("a workflow");
    let values = parse::values_from_value(imported.values.clone()).expect("values");
    compile(
        &workflow,
        &CompileOptions {
            values: Some(&values),
            plugins: &[],
            emit_namespaces: true,
        },
    )
}

/// The snapshot: diagnostics of the import as comments, the names of the secret values
/// (never the values), the diagnostics of compiling, then the workflow.
fn snapshot(imported: &ComposeImport, compilation: Option<&Compilation>) -> String {
    let mut text = String::new();
    for diagnostic in &imported.diagnostics {
        let at = diagnostic.pointer().unwrap_or_default();
        let node = diagnostic.location.node_id.as_deref().unwrap_or("-");
        text.push_str(&format!("# import: {diagnostic} (at {at}, node {node})\n"));
    }
    for (secret, keys) in imported.values["secrets"].as_object().into_iter().flatten() {
        let names: Vec<&str> = keys
            .as_object()
            .into_iter()
            .flatten()
            .map(|(key, _)| key.as_str())
            .collect();
        text.push_str(&format!("# values: {secret}: {}\n", names.join(", ")));
    }
    for diagnostic in compilation
        .map(|c| c.diagnostics.as_slice())
        .unwrap_or_default()
    {
        let node = diagnostic.location.node_id.as_deref().unwrap_or("-");
        text.push_str(&format!("# compile: {diagnostic} (node {node})\n"));
    }
    text.push_str(&serde_json::to_string_pretty(&imported.workflow).expect("JSON"));
    text.push('\n');
    text
}

#[test]
fn every_compose_fixture_imports_to_its_snapshot_and_compiles() {
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kubegraph-manifests");
    fs::create_dir_all(&out_dir).expect("create the manifest directory");
    insta::glob!("../../tests/fixtures/compose", "**/*.y*ml", |path| {
        let imported = import_file(path);
        assert_eq!(
            format!("{:?}", import_file(path)),
            format!("{imported:?}"),
            "imported twice differently"
        );
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("a name");
        if name == "invalid" {
            assert!(imported.has_errors());
            insta::assert_snapshot!(snapshot(&imported, None));
            return;
        }
        assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
        let compilation = compiled(&imported);
        assert!(
            !kubegraph::diagnostic::has_errors(&compilation.diagnostics),
            "{name}: {:#?}",
            compilation.diagnostics
        );
        fs::write(
            out_dir.join(format!("compose-{name}.yaml")),
            compilation.to_yaml(),
        )
        .expect("write the manifests");
        insta::assert_snapshot!(snapshot(&imported, Some(&compilation)));
    });
}

#[test]
fn every_compose_code_is_reported_by_a_fixture() {
    let mut found = BTreeSet::new();
    for entry in fs::read_dir(fixtures()).expect("fixture directory") {
        let path = entry.expect("entry").path();
        if path
            .extension()
            .is_some_and(|extension| extension == "yaml")
        {
            found.extend(import_file(&path).diagnostics.iter().map(|d| d.code));
        }
    }
    for code in compose::CODES {
        assert!(found.contains(code), "no compose fixture reports {code}");
    }
}

/// The compiled objects of one fixture, as values.
fn objects(name: &str) -> Vec<Value> {
    compiled(&import(name)).values()
}

fn object<'a>(objects: &'a [Value], kind: &str, name: &str) -> &'a Value {
    objects
        .iter()
        .find(|object| object["kind"] == kind && object["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name}"))
}

#[test]
fn a_database_is_a_stateful_set_governed_by_a_headless_service_with_its_env_and_probe() {
    let objects = objects("web-and-database.yaml");
    let db = object(&objects, "StatefulSet", "db");
    assert_eq!(db["spec"]["serviceName"], "db");
    let service = object(&objects, "Service", "db");
    assert_eq!(service["spec"]["clusterIP"], "None");
    assert_eq!(service["spec"]["ports"][0]["port"], 5432);
    let claim = &db["spec"]["volumeClaimTemplates"][0];
    assert_eq!(claim["metadata"]["name"], "db-data");
    let container = &db["spec"]["template"]["spec"]["containers"][0];
    let mount = container["volumeMounts"]
        .as_array()
        .expect("mounts")
        .iter()
        .find(|mount| mount["name"] == "db-data")
        .expect("the claim is mounted");
    assert_eq!(mount["mountPath"], "/var/lib/postgresql/data");
    // The environment is the container's env, not files: the database can start.
    let env = container["env"].as_array().expect("env");
    assert!(
        env.iter()
            .any(|var| var["name"] == "POSTGRES_USER" && var["value"] == "shop")
    );
    let password = env
        .iter()
        .find(|var| var["name"] == "POSTGRES_PASSWORD")
        .expect("password");
    assert_eq!(
        password["valueFrom"]["secretKeyRef"]["key"],
        "POSTGRES_PASSWORD"
    );
    assert!(password.get("value").is_none());
    assert_eq!(
        container["readinessProbe"]["exec"]["command"],
        serde_json::json!(["/bin/sh", "-c", "pg_isready -U shop -d shop"])
    );
    assert_eq!(container["resources"]["limits"]["memory"], "1Gi");
}

#[test]
fn the_web_service_keeps_command_replicas_resources_and_probe_timing() {
    let objects = objects("web-and-database.yaml");
    let web = object(&objects, "Deployment", "web");
    assert_eq!(web["spec"]["replicas"], 3);
    let container = &web["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(
        container["command"],
        serde_json::json!(["/usr/local/bin/docker-entrypoint.sh"])
    );
    assert_eq!(
        container["args"],
        serde_json::json!([
            "gunicorn",
            "shop.wsgi",
            "--bind",
            "0.0.0.0:8000",
            "--workers",
            "4"
        ])
    );
    assert_eq!(
        container["resources"]["limits"],
        serde_json::json!({"cpu": "500m", "memory": "512Mi"})
    );
    assert_eq!(
        container["resources"]["requests"],
        serde_json::json!({"cpu": "250m", "memory": "256Mi"})
    );
    // Docker never restarts an unhealthy container: a readiness probe, no liveness probe.
    assert!(container.get("livenessProbe").is_none());
    let probe = &container["readinessProbe"];
    assert_eq!(probe["periodSeconds"], 15);
    assert_eq!(probe["timeoutSeconds"], 5);
    assert_eq!(probe["failureThreshold"], 5);
    assert_eq!(probe["initialDelaySeconds"], 30);
    // Other services call the container port, not the published host port.
    let service = object(&objects, "Service", "web");
    assert_eq!(service["spec"]["ports"][0]["port"], 8000);
    assert!(service["spec"].get("clusterIP").is_none());
}

#[test]
fn mounts_keep_their_target_paths() {
    let objects = objects("volumes-configs-secrets.yaml");
    let proxy = object(&objects, "Deployment", "proxy");
    let mounts = &proxy["spec"]["template"]["spec"]["containers"][0]["volumeMounts"];
    let paths: BTreeSet<&str> = mounts
        .as_array()
        .expect("mounts")
        .iter()
        .filter_map(|mount| mount["mountPath"].as_str())
        .collect();
    for path in [
        "/etc/nginx/nginx.conf",
        "/usr/share/nginx/html",
        "/var/cache/nginx",
        "/run/nginx",
        "/etc/nginx/proxy_params",
        "/run/secrets/site-certificate",
    ] {
        assert!(paths.contains(path), "{path} not mounted: {paths:?}");
    }
    assert!(!paths.contains("/var/run/docker.sock"));
    // One claim for the volume two services mount, named as Docker names it.
    let claims: Vec<&Value> = objects
        .iter()
        .filter(|object| object["kind"] == "PersistentVolumeClaim")
        .collect();
    assert!(
        claims
            .iter()
            .any(|claim| claim["metadata"]["name"] == "shared-uploads")
    );
    assert_eq!(
        claims
            .iter()
            .filter(|claim| claim["metadata"]["name"] == "shared-uploads")
            .count(),
        1
    );
}

/// Values shaped like compose files: keys and scalars from Compose's vocabulary, nested at
/// random, so that every reader of a service key meets wrong types and odd values.
fn compose_like() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    const KEYS: &[&str] = &[
        "services",
        "web",
        "db",
        "image",
        "build",
        "ports",
        "expose",
        "environment",
        "volumes",
        "configs",
        "secrets",
        "healthcheck",
        "test",
        "interval",
        "timeout",
        "retries",
        "start_period",
        "disable",
        "deploy",
        "replicas",
        "resources",
        "limits",
        "reservations",
        "cpus",
        "memory",
        "mem_limit",
        "command",
        "entrypoint",
        "source",
        "target",
        "type",
        "read_only",
        "name",
        "file",
        "content",
        "published",
        "protocol",
        "depends_on",
        "condition",
        "network_mode",
        "restart",
        "networks",
        "scale",
    ];
    const SCALARS: &[&str] = &[
        "postgres:16",
        "nginx",
        "8080:80",
        "80/udp",
        "1-3",
        "512m",
        "1.5g",
        "0.5",
        "1m30s",
        "db-data:/var/lib/data",
        "./conf/a.conf:/etc/a.conf:ro",
        "/host:/in",
        "/cache",
        "a:b:c:d",
        "CMD",
        "CMD-SHELL",
        "NONE",
        "echo 'open",
        "PASSWORD=x",
        "KEY",
        "volume",
        "bind",
        "tmpfs",
        "",
        "-",
        "é",
        "no",
        "host",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-5i64..70_000).prop_map(Value::from),
        proptest::sample::select(SCALARS).prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..5).prop_map(
                |entries| Value::Object(
                    entries
                        .into_iter()
                        .map(|(key, value)| (key.to_owned(), value))
                        .collect()
                )
            ),
        ]
    })
}

proptest::proptest! {
    /// Any input imports without panicking, twice alike, into a workflow kubegraph reads,
    /// validates and compiles without panicking.
    #[test]
    fn any_compose_like_value_imports_into_a_readable_workflow(file in compose_like()) {
        let services = serde_json::json!({ "services": file });
        for input in [&file, &services] {
            let imported = compose::import(input);
            proptest::prop_assert_eq!(
                format!("{imported:?}"),
                format!("{:?}", compose::import(input))
            );
            let workflow = parse::workflow_from_value(imported.workflow.clone())
                .expect("the import is a workflow");
            parse::values_from_value(imported.values.clone()).expect("the values are values");
            compile(&workflow, &CompileOptions { values: None, plugins: &[], emit_namespaces: true });
        }
    }
}

#[test]
fn secret_values_reach_the_values_only() {
    let imported = import("web-and-database.yaml");
    let password = "example-only-password";
    assert_eq!(
        imported.values["secrets"]["secret/db-env"]["POSTGRES_PASSWORD"],
        password
    );
    assert!(!imported.workflow.to_string().contains(password));
    assert!(!format!("{imported:?}").contains(password));
    for diagnostic in &imported.diagnostics {
        assert!(!diagnostic.message.contains(password), "{diagnostic}");
    }
}
