//! The objects that run no pods, read into node data: the inverse of the builders in
//! `compile/kinds/` (the workloads are in [`super::workload`]).

use base64::Engine as _;
use serde_json::{Map, Value, json};

use super::fields::{Fields, Pointer};
use super::labels::Conventions;
use super::workload;
use crate::import::tree;

/// What reading one object needs and gives.
/// No `Debug`: it holds a Secret's values.
pub(super) struct Reading<'a> {
    pub(super) conventions: &'a Conventions,
    pub(super) name: &'a str,
    /// The node data being filled.
    pub(super) data: &'a mut Map<String, Value>,
    /// Pointers of fields read but not carried.
    pub(super) unread: &'a mut Vec<String>,
    /// A Secret's values, by key.
    pub(super) secret_values: Option<Map<String, Value>>,
}

impl Reading<'_> {
    /// Sets `key` when `value` is given.
    pub(super) fn set(&mut self, key: &str, value: Option<&tree::Value>) {
        if let Some(value) = value {
            self.data.insert(key.to_owned(), value.to_json());
        }
    }

    /// Sets each of `keys` that `fields` has, under the same name.
    pub(super) fn set_all(&mut self, fields: &mut Fields<'_>, keys: &[&'static str]) {
        for key in keys {
            self.set(key, fields.take(key));
        }
    }

    /// The labels the compiler would not add, as `key`.
    pub(super) fn labels(&mut self, key: &str, labels: Option<&tree::Value>, workload: bool) {
        let user = self.conventions.user_labels(labels, self.name, workload);
        if !user.is_empty() {
            self.data.insert(key.to_owned(), Value::Object(user));
        }
    }

    /// Reports what `fields` did not read.
    pub(super) fn finish(&mut self, fields: &Fields<'_>) {
        self.unread.extend(fields.unread());
    }
}

/// Metadata the API server writes: meaningless for creating the object again.
const SERVER_METADATA: [&str; 6] = [
    "uid",
    "resourceVersion",
    "creationTimestamp",
    "generation",
    "managedFields",
    "selfLink",
];

/// Marks the metadata the API server writes as read.
pub(super) fn skip_server_metadata(metadata: &mut Fields<'_>) {
    for key in SERVER_METADATA {
        metadata.skip(key);
    }
}

/// Reads the object of node type `node_type` into `cx.data`.
pub(super) fn read<'a>(
    node_type: &str,
    cx: &mut Reading<'_>,
    object: &mut Fields<'a>,
    metadata: &mut Fields<'a>,
) {
    skip_server_metadata(metadata);
    let workload = matches!(
        node_type,
        "deployment" | "statefulset" | "daemonset" | "job" | "cronjob"
    );
    let labels = metadata.take("labels");
    cx.labels("labels", labels, workload);
    if matches!(node_type, "service" | "ingress" | "serviceaccount") {
        cx.set("annotations", metadata.take("annotations"));
    }
    match node_type {
        "service" => service(cx, object),
        "ingress" => ingress(cx, object),
        "configmap" => {
            cx.set("data", object.take("data"));
        }
        "secret" => secret(cx, object),
        "persistentvolumeclaim" => claim(cx, &mut object.of("spec"), true),
        "hpa" => hpa(cx, object),
        "networkpolicy" => network_policy(cx, object),
        "serviceaccount" => {
            cx.set(
                "automountServiceAccountToken",
                object.take("automountServiceAccountToken"),
            );
            cx.set("imagePullSecrets", object.take("imagePullSecrets"));
        }
        _ => workload::read(node_type, cx, object, labels),
    }
}

fn service(cx: &mut Reading<'_>, object: &mut Fields<'_>) {
    let mut spec = object.of("spec");
    cx.set("serviceType", spec.take("type"));
    cx.set("clusterIP", spec.take("clusterIP"));
    cx.set("selector", spec.take("selector"));
    let affinity = spec.take("sessionAffinity");
    cx.set("sessionAffinity", affinity);
    let config = spec.take("sessionAffinityConfig");
    // The compiler writes Kubernetes' default timeout with `ClientIP`; another is lost.
    if config.is_some_and(|config| {
        *config != json!({"clientIP": {"timeoutSeconds": 10800}})
            || affinity.and_then(tree::Value::as_str) != Some("ClientIP")
    }) {
        cx.unread
            .push(spec.pointer().key("sessionAffinityConfig").to_string());
    }
    let ports: Vec<Value> = spec
        .take("ports")
        .and_then(tree::Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(index, port)| {
            let mut fields = Fields::new(Some(port), spec.pointer().key("ports").index(index));
            let mut out = Map::new();
            for key in ["name", "protocol", "port", "targetPort", "nodePort"] {
                fields.copy(key, &mut out, key);
            }
            cx.finish(&fields);
            Value::Object(out)
        })
        .collect();
    if !ports.is_empty() {
        cx.data.insert("ports".into(), Value::Array(ports));
    }
    cx.finish(&spec);
}

fn ingress(cx: &mut Reading<'_>, object: &mut Fields<'_>) {
    let mut spec = object.of("spec");
    cx.set("ingressClassName", spec.take("ingressClassName"));
    let rules = spec.take("rules").and_then(tree::Value::as_array);
    let mut paths = Vec::new();
    for (index, rule) in rules.into_iter().flatten().enumerate() {
        let pointer = spec.pointer().key("rules").index(index);
        if index > 0 {
            // The model holds one host.
            cx.unread.push(pointer.to_string());
            continue;
        }
        let mut rule = Fields::new(Some(rule), pointer);
        cx.set("host", rule.take("host"));
        let mut http = rule.of("http");
        for (number, path) in http
            .take("paths")
            .and_then(tree::Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let mut fields = Fields::new(Some(path), http.pointer().key("paths").index(number));
            let mut out = Map::new();
            out.insert("id".into(), json!(format!("path-{}", number + 1)));
            fields.copy("path", &mut out, "path");
            fields.copy("pathType", &mut out, "pathType");
            let mut backend = fields.of("backend");
            let mut service = backend.of("service");
            service.copy("name", &mut out, "serviceName");
            let mut port = service.of("port");
            port.copy("number", &mut out, "servicePort");
            port.copy("name", &mut out, "servicePort");
            for read in [&port, &service, &backend, &fields] {
                cx.finish(read);
            }
            paths.push(Value::Object(out));
        }
        cx.finish(&http);
        cx.finish(&rule);
    }
    cx.data.insert("paths".into(), Value::Array(paths));
    if let Some(tls) = spec.take("tls").and_then(tree::Value::as_array) {
        for (index, entry) in tls.iter().enumerate() {
            let mut fields = Fields::new(Some(entry), spec.pointer().key("tls").index(index));
            if index == 0 {
                cx.data.insert("tlsEnabled".into(), json!(true));
                cx.set("tlsSecretName", fields.take("secretName"));
                cx.set("tlsHosts", fields.take("hosts"));
                cx.finish(&fields);
            } else {
                cx.unread.push(fields.pointer().to_string());
            }
        }
    }
    cx.finish(&spec);
}

fn secret(cx: &mut Reading<'_>, object: &mut Fields<'_>) {
    cx.set("secretType", object.take("type"));
    let mut keys = Vec::new();
    let mut values = Map::new();
    if let Some(data) = object.take("data").and_then(tree::Value::as_object) {
        for (key, encoded) in data {
            let decoded = encoded
                .as_str()
                .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok())
                .and_then(|bytes| String::from_utf8(bytes).ok());
            match decoded {
                Some(text) => {
                    values.insert(key.clone(), Value::String(text));
                }
                // Not text: run-time values are strings, so this one cannot travel.
                None => cx
                    .unread
                    .push(format!("/data/{}", super::fields::escape(key))),
            }
            keys.push(key.clone());
        }
    }
    if let Some(data) = object.take("stringData").and_then(tree::Value::as_object) {
        for (key, value) in data {
            values.insert(key.clone(), value.to_json());
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    }
    let keys: Vec<Value> = keys
        .into_iter()
        .map(|key| json!({"id": format!("key-{key}"), "name": key}))
        .collect();
    cx.data.insert("keys".into(), Value::Array(keys));
    if !values.is_empty() {
        cx.secret_values = Some(values);
    }
}

/// A PVC's spec, or a StatefulSet claim template's (`standalone` false).
pub(super) fn claim(cx: &mut Reading<'_>, spec: &mut Fields<'_>, standalone: bool) {
    cx.set("storageClassName", spec.take("storageClassName"));
    cx.set("accessModes", spec.take("accessModes"));
    if standalone {
        cx.set("volumeMode", spec.take("volumeMode"));
    }
    let mut resources = spec.of("resources");
    let mut requests = resources.of("requests");
    cx.set("storage", requests.take("storage"));
    cx.finish(&requests);
    cx.finish(&resources);
    cx.finish(spec);
}

fn hpa(cx: &mut Reading<'_>, object: &mut Fields<'_>) {
    let mut spec = object.of("spec");
    let mut target = spec.of("scaleTargetRef");
    cx.set("scaleTargetKind", target.take("kind"));
    cx.set("scaleTargetName", target.take("name"));
    target.skip("apiVersion");
    cx.finish(&target);
    cx.set("minReplicas", spec.take("minReplicas"));
    cx.set("maxReplicas", spec.take("maxReplicas"));
    let metrics = spec.take("metrics").and_then(tree::Value::as_array);
    for (index, metric) in metrics.into_iter().flatten().enumerate() {
        let utilization = |name: &str| {
            let text = |pointer: &str| metric.pointer(pointer).and_then(tree::Value::as_str);
            (text("/type") == Some("Resource")
                && text("/resource/name") == Some(name)
                && text("/resource/target/type") == Some("Utilization")
                && metric
                    .pointer("/resource/target")
                    .and_then(tree::Value::as_object)
                    .is_some_and(|target| target.len() == 2))
            .then(|| metric.pointer("/resource/target/averageUtilization"))
            .flatten()
        };
        if let Some(value) = utilization("cpu") {
            cx.set("targetCPUUtilization", Some(value));
        } else if let Some(value) = utilization("memory") {
            cx.set("targetMemoryUtilization", Some(value));
        } else {
            cx.unread
                .push(spec.pointer().key("metrics").index(index).to_string());
        }
    }
    let mut behavior = spec.of("behavior");
    for (direction, key) in [
        ("scaleDown", "scaleDownStabilization"),
        ("scaleUp", "scaleUpStabilization"),
    ] {
        let mut rules = behavior.of(direction);
        cx.set(key, rules.take("stabilizationWindowSeconds"));
        cx.finish(&rules);
    }
    cx.finish(&behavior);
    cx.finish(&spec);
}

fn network_policy(cx: &mut Reading<'_>, object: &mut Fields<'_>) {
    let mut spec = object.of("spec");
    let mut selector = spec.of("podSelector");
    cx.data.insert(
        "podSelector".into(),
        selector
            .take("matchLabels")
            .map_or_else(|| json!({}), tree::Value::to_json),
    );
    // Written again from the edges to the workloads it picks ([`super::edges`]); the
    // ones no edge gives back are reported there.
    selector.skip("matchExpressions");
    cx.finish(&selector);
    cx.set("policyTypes", spec.take("policyTypes"));
    for (key, peers_key, field) in [
        ("ingress", "from", "ingressRules"),
        ("egress", "to", "egressRules"),
    ] {
        let Some(rules) = spec.take(key).and_then(tree::Value::as_array) else {
            continue;
        };
        let pointer = spec.pointer().key(key);
        let rules: Vec<Value> = rules
            .iter()
            .enumerate()
            .map(|(index, rule)| policy_rule(cx, rule, pointer.index(index), key, index, peers_key))
            .collect();
        cx.data.insert(field.into(), Value::Array(rules));
    }
    cx.finish(&spec);
}

fn policy_rule(
    cx: &mut Reading<'_>,
    rule: &tree::Value,
    pointer: Pointer<'_>,
    direction: &str,
    index: usize,
    peers_key: &'static str,
) -> Value {
    let mut fields = Fields::new(Some(rule), pointer.clone());
    let id = format!("{direction}-{}", index + 1);
    let mut out = Map::new();
    out.insert("id".into(), json!(id));
    let peers: Vec<Value> = fields
        .take(peers_key)
        .and_then(tree::Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(number, peer)| {
            let mut peer_fields = Fields::new(Some(peer), pointer.key(peers_key).index(number));
            let mut out = Map::new();
            out.insert("id".into(), json!(format!("{id}-peer-{}", number + 1)));
            for (key, model) in [
                ("podSelector", "podSelector"),
                ("namespaceSelector", "namespaceSelector"),
            ] {
                if peer_fields.object_has(key) {
                    let mut selector = peer_fields.of(key);
                    out.insert(
                        model.into(),
                        selector
                            .take("matchLabels")
                            .map_or_else(|| json!({}), tree::Value::to_json),
                    );
                    cx.finish(&selector);
                }
            }
            peer_fields.copy("ipBlock", &mut out, "ipBlock");
            cx.finish(&peer_fields);
            Value::Object(out)
        })
        .collect();
    if !peers.is_empty() {
        out.insert(peers_key.into(), Value::Array(peers));
    }
    let ports: Vec<Value> = fields
        .take("ports")
        .and_then(tree::Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(number, port)| {
            let mut port_fields = Fields::new(Some(port), pointer.key("ports").index(number));
            let mut out = Map::new();
            out.insert("id".into(), json!(format!("{id}-port-{}", number + 1)));
            port_fields.copy("protocol", &mut out, "protocol");
            port_fields.copy("port", &mut out, "port");
            cx.finish(&port_fields);
            Value::Object(out)
        })
        .collect();
    if !ports.is_empty() {
        out.insert("ports".into(), Value::Array(ports));
    }
    cx.finish(&fields);
    Value::Object(out)
}
