//! Layout: scalars, numbers, long keys, nesting and document streams.

use serde_json::{Value, json};

use super::{parse, yaml_to_json};
use crate::render::yaml::{to_yaml, value_to_yaml};

#[test]
fn scalars_and_numbers() {
    let v = json!({
        "null": null, "t": true, "f": false, "int": 42, "neg": -7,
        "big": u64::MAX, "float": 1.5, "exp": 1e300, "small": 1e-7,
        "emptyMap": {}, "emptyList": [], "": "empty key"
    });
    let text = value_to_yaml(&v);
    assert_eq!(
        text,
        "\"null\": null\nt: true\nf: false\nint: 42\nneg: -7\nbig: 18446744073709551615\n\
         float: 1.5\nexp: 1.0e+300\nsmall: 1.0e-7\nemptyMap: {}\nemptyList: []\n\
         \"\": empty key\n"
    );
    assert_eq!(parse(&text), v);
}

#[test]
fn long_keys_use_explicit_form() {
    let long = "k".repeat(1500);
    let v = json!({ &long: { "a": [1, 2] }, "short": [long.clone()] });
    let text = value_to_yaml(&v);
    assert!(text.starts_with("? kkk"), "{}", &text[..20]);
    assert_eq!(parse(&text), v);
}

#[test]
fn snapshot_of_small_object() {
    let v = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web",
            "labels": { "app.kubernetes.io/name": "web", "tier": "on" },
            "annotations": {}
        },
        "spec": {
            "containers": [{
                "name": "web",
                "image": "nginx:1.27",
                "args": ["--port", "8080"],
                "env": [{ "name": "DEBUG", "value": "true" }],
                "ports": [{ "containerPort": 8080 }],
                "command": []
            }],
            "nodeSelector": { "disk": "ssd" },
            "script": "set -e\necho ok\n"
        }
    });
    let expected = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    tier: \"on\"
  annotations: {}
spec:
  containers:
  - name: web
    image: nginx:1.27
    args:
    - \"--port\"
    - \"8080\"
    env:
    - name: DEBUG
      value: \"true\"
    ports:
    - containerPort: 8080
    command: []
  nodeSelector:
    disk: ssd
  script: |
    set -e
    echo ok
";
    assert_eq!(value_to_yaml(&v), expected);
    assert_eq!(parse(expected), v);
}

fn realistic_objects() -> Vec<Value> {
    vec![
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "name": "api",
                "namespace": "shop",
                "labels": { "app.kubernetes.io/name": "api", "version": "1.0" },
                "annotations": { "kubegraph.io/checksum": "0123abc", "enabled": "yes" }
            },
            "spec": {
                "replicas": 3,
                "selector": { "matchLabels": { "app.kubernetes.io/name": "api" } },
                "strategy": { "type": "RollingUpdate",
                              "rollingUpdate": { "maxSurge": "25%", "maxUnavailable": 0 } },
                "template": {
                    "metadata": { "labels": { "app.kubernetes.io/name": "api" } },
                    "spec": {
                        "containers": [{
                            "name": "api",
                            "image": "ghcr.io/shop/api:2.1.0",
                            "command": ["/bin/sh", "-c"],
                            "args": ["exec api --listen :8080 # not a comment"],
                            "env": [
                                { "name": "PORT", "value": "8080" },
                                { "name": "FEATURE_X", "value": "off" },
                                { "name": "RATIO", "value": "0.5" },
                                { "name": "EMPTY", "value": "" },
                                { "name": "DB_PASSWORD", "valueFrom": {
                                    "secretKeyRef": { "name": "db", "key": "password" } } }
                            ],
                            "ports": [{ "containerPort": 8080, "protocol": "TCP" }],
                            "resources": {
                                "requests": { "cpu": "100m", "memory": "128Mi" },
                                "limits": { "cpu": 1, "memory": "1Gi" }
                            },
                            "readinessProbe": { "httpGet": { "path": "/healthz", "port": 8080 },
                                                "periodSeconds": 10 },
                            "volumeMounts": [{ "name": "config", "mountPath": "/etc/api",
                                               "readOnly": true }]
                        }],
                        "volumes": [{ "name": "config",
                                      "configMap": { "name": "api-config" } }],
                        "tolerations": [],
                        "securityContext": {}
                    }
                }
            }
        }),
        json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": { "name": "api-config", "namespace": "shop" },
            "data": {
                "fluent-bit.conf": "[SERVICE]\n    Flush 5\n",
                "parsers.conf": "  indented first line\nsecond\n",
                "no-newline.txt": "line1\nline2",
                "blank-lines.txt": "a\n\nb\n\n\n",
                "true": "1e3",
                "1e3": "null",
                "app.properties": "key=value\n# comment: yes\n"
            }
        }),
        json!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": { "name": "db", "namespace": "shop" },
            "type": "Opaque",
            "data": { "password": "cGFzc3dvcmQ=", "user": "YWRtaW4=" },
            "stringData": { ".dockerconfigjson": "{\"auths\":{}}" }
        }),
    ]
}

#[test]
fn realistic_objects_round_trip() {
    let objects = realistic_objects();
    for object in &objects {
        assert_eq!(&parse(&value_to_yaml(object)), object);
    }
    let stream = to_yaml(&objects);
    let docs: Vec<Value> = serde_yaml::Deserializer::from_str(&stream)
        .map(|d| {
            yaml_to_json(
                <serde_yaml::Value as serde::Deserialize>::deserialize(d).expect("document"),
            )
        })
        .collect();
    assert_eq!(docs, objects);
    assert!(stream.contains("  fluent-bit.conf: |\n    [SERVICE]\n        Flush 5\n"));
}

#[test]
fn stream_separators() {
    assert_eq!(to_yaml(&[]), "");
    assert_eq!(to_yaml(&[json!({ "a": 1 })]), "a: 1\n");
    assert_eq!(
        to_yaml(&[json!({ "a": 1 }), json!({ "b": 2 }), json!({})]),
        "a: 1\n---\nb: 2\n---\n{}\n"
    );
}
