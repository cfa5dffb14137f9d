//! A generated workflow of realistic ten-node applications (ingress, services,
//! deployments, configuration, HPA, policy and a rotating batch, stateful, daemon or
//! plugin workload), about one edge per node, each copy in its own namespace. With the
//! plugin definitions [`PLUGINS`] it is valid: validating it gives no error. Shared by the
//! validation benchmark and the `generate_workflow` example.

use serde_json::{Value, json};

/// The plugin definitions of the generated plugin nodes (a cert-manager Certificate with a
/// secret name), as the `--plugins` file holds them.
pub const PLUGINS: &str = r#"[{"id": "certmanager", "name": "certmanager", "displayName": "Cert-Manager", "version": "1.14.0",
  "crdGroup": "cert-manager.io", "crdKinds": ["Certificate"],
  "nodeTypes": [{"name": "certificate", "displayName": "Certificate", "fields": [
    {"id": "name", "label": "Name", "type": "text", "required": true},
    {"id": "namespace", "label": "Namespace", "type": "text", "required": false, "default": "default"},
    {"id": "secretName", "label": "Secret Name", "type": "text", "required": true}]}]}]"#;

fn app(k: usize, nodes: &mut Vec<Value>, edges: &mut Vec<Value>) {
    let ns = format!("team-{k}");
    let id = |i: usize| format!("n{k}-{i}");
    let mut node = |i: usize, kind: &str, data: Value| {
        let mut data = data;
        data["id"] = json!(id(i));
        data["namespace"] = json!(ns);
        nodes.push(json!({"id": id(i), "type": kind, "position": {"x": i * 100, "y": k * 100}, "data": data}));
    };
    node(
        0,
        "ingress",
        json!({"name": "shop", "host": format!("shop-{k}.example.com"), "ingressClassName": "nginx",
        "paths": [{"id": "p1", "path": "/", "pathType": "Prefix", "serviceName": "web", "servicePort": 80, "_linkedService": id(1)},
                  {"id": "p2", "path": "/api", "pathType": "Prefix", "serviceName": "api", "servicePort": 8080, "_linkedService": id(3)}],
        "tlsEnabled": true, "tlsSecretName": "shop-tls", "annotations": {"nginx.ingress.kubernetes.io/proxy-body-size": "8m"}}),
    );
    node(
        1,
        "service",
        json!({"name": "web", "serviceType": "ClusterIP", "targetApp": "web", "port": 80, "targetPort": 3000, "_linkedDeployment": id(2)}),
    );
    node(
        2,
        "deployment",
        json!({"name": "web", "image": "ghcr.io/acme/web:2.3.1", "replicas": 2, "port": 3000,
        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": "500m", "memory": "256Mi"}},
        "labels": {"tier": "frontend"}}),
    );
    node(
        3,
        "service",
        json!({"name": "api", "serviceType": "ClusterIP", "targetApp": "api", "port": 8080, "_linkedDeployment": id(4)}),
    );
    node(
        4,
        "deployment",
        json!({"name": "api", "image": "ghcr.io/acme/api:1.14.0", "replicas": 3, "port": 8080,
        "env": {"LOG_LEVEL": "info"}, "envKeys": [{"id": "e1", "name": "API_KEY"}],
        "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
        "volumeMounts": [{"type": "configMap", "name": "api-config", "mountPath": "/etc/config", "nodeId": id(5)},
                         {"type": "secret", "name": "api-db", "mountPath": "/etc/secrets", "nodeId": id(6)}],
        "_linkedConfigMaps": [id(5)], "_linkedSecrets": [id(6)]}),
    );
    node(
        5,
        "configmap",
        json!({"name": "api-config", "data": {"FEATURES": "on", "CACHE_TTL": "300"}}),
    );
    node(
        6,
        "secret",
        json!({"name": "api-db", "secretType": "Opaque", "keys": [{"id": "k1", "name": "DATABASE_URL"}]}),
    );
    node(
        7,
        "hpa",
        json!({"name": "api", "scaleTargetKind": "Deployment", "scaleTargetName": "api", "minReplicas": 3, "maxReplicas": 12,
        "targetCPUUtilization": 70, "_linkedTarget": id(4)}),
    );
    node(
        8,
        "networkpolicy",
        json!({"name": "api-allow-web", "podSelector": {"app": "api"}, "policyTypes": ["Ingress"],
        "ingressRules": [{"id": "r1", "from": [{"id": "peer", "type": "podSelector", "podSelector": {"app": "web"}, "_linkedWorkload": id(2)}],
                          "ports": [{"id": "port", "protocol": "TCP", "port": 8080}]}],
        "_linkedWorkloads": [id(4)]}),
    );
    let (kind, data) = match k % 5 {
        0 => (
            "cronjob",
            json!({"name": "report", "schedule": "30 2 * * 1-5", "image": "ghcr.io/acme/report:0.9", "concurrencyPolicy": "Forbid"}),
        ),
        1 => (
            "job",
            json!({"name": "migrate", "image": "ghcr.io/acme/migrate:0.9", "completions": 1, "backoffLimit": 0}),
        ),
        2 => (
            "daemonset",
            json!({"name": "agent", "image": "fluent/fluent-bit:3.0.4", "port": 2020, "nodeSelector": {"kubernetes.io/os": "linux"},
            "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoExecute", "tolerationSeconds": 3600}]}),
        ),
        3 => (
            "statefulset",
            json!({"name": "db", "serviceName": "db-headless", "image": "postgres:16.3", "replicas": 1, "port": 5432,
            "volumeClaimTemplates": [{"id": "v1", "name": "pgdata", "accessModes": ["ReadWriteOnce"], "storage": "50Gi"}]}),
        ),
        _ => (
            "plugin",
            json!({"name": "shop-cert", "templateId": "certificate", "pluginId": "certmanager",
            "_pluginFields": [{"id": "secretName", "label": "Secret Name", "type": "text", "required": true}], "secretName": "shop-tls"}),
        ),
    };
    node(9, kind, data);
    let mut edge = |source: usize, target: usize, handle: Option<&str>| {
        let mut edge = json!({"id": format!("e-{}-{}-{}", id(source), handle.unwrap_or("x"), id(target)), "source": id(source), "target": id(target)});
        if let Some(handle) = handle {
            edge["sourceHandle"] = json!(handle);
        }
        edges.push(edge);
    };
    edge(0, 1, Some("p1"));
    edge(0, 3, Some("p2"));
    edge(1, 2, None);
    edge(3, 4, None);
    edge(5, 4, None);
    edge(6, 4, None);
    edge(7, 4, None);
    edge(8, 4, Some("output"));
    edge(8, 2, Some("r1"));
    if k % 5 < 2 {
        edge(6, 9, None);
    }
}

/// A workflow of at least `nodes` nodes (rounded up to whole applications of ten), as
/// JSON text.
pub fn generated(nodes: usize) -> String {
    let apps = nodes.div_ceil(10);
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    for k in 0..apps {
        app(k, &mut nodes, &mut edges);
    }
    json!({"name": "generated", "status": "draft", "nodes": nodes, "edges": edges}).to_string()
}
