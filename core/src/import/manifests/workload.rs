//! Deployments, StatefulSets, DaemonSets, Jobs and CronJobs: the workload's own fields and
//! its pod template, the inverse of `compile/pod.rs` and `compile/container.rs`. Mounted
//! ConfigMaps, Secrets and claims become the designer's `volumeMounts` copies (the edges are
//! added in [`super::edges`]).

use serde_json::{Map, Value, json};

use super::fields::{Fields, Pointer};
use super::kinds::{Reading, claim};
use crate::import::tree;

/// The fields of a further container (`initContainers`, `sidecars`) the model carries.
const CONTAINER_KEYS: [&str; 15] = [
    "name",
    "image",
    "command",
    "args",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "ports",
    "imagePullPolicy",
    "securityContext",
    "env",
    "envFrom",
    "resources",
    "volumeMounts",
];

/// Pod spec fields with the same name in the model.
const POD_KEYS: [&str; 9] = [
    "terminationGracePeriodSeconds",
    "serviceAccountName",
    "automountServiceAccountToken",
    "imagePullSecrets",
    "priorityClassName",
    "nodeSelector",
    "tolerations",
    "affinity",
    "topologySpreadConstraints",
];

pub(super) fn read(
    node_type: &str,
    cx: &mut Reading<'_>,
    object: &mut Fields<'_>,
    labels: Option<&tree::Value>,
) {
    let mut spec = object.of("spec");
    match node_type {
        "cronjob" => {
            cx.set_all(
                &mut spec,
                &[
                    "schedule",
                    "concurrencyPolicy",
                    "suspend",
                    "successfulJobsHistoryLimit",
                    "failedJobsHistoryLimit",
                ],
            );
            let mut job_template = spec.of("jobTemplate");
            // The compiler gives the Job template the workload's labels.
            job_template.skip("metadata");
            let mut job_spec = job_template.of("spec");
            job(cx, &mut job_spec, labels);
            cx.finish(&job_spec);
            cx.finish(&job_template);
        }
        "job" => job(cx, &mut spec, labels),
        _ => {
            cx.set("replicas", spec.take("replicas"));
            if node_type == "statefulset" {
                cx.set("serviceName", spec.take("serviceName"));
                // Before the pod template, whose mounts name the claim templates.
                claim_templates(cx, &mut spec);
            }
            let mut selector = spec.of("selector");
            let match_labels = selector.take("matchLabels");
            cx.finish(&selector);
            let mut template = spec.of("template");
            pod_template(cx, &mut template, labels, match_labels);
            cx.finish(&template);
            if node_type == "daemonset" {
                update_strategy(cx, &mut spec);
            }
        }
    }
    cx.finish(&spec);
}

fn job(cx: &mut Reading<'_>, spec: &mut Fields<'_>, labels: Option<&tree::Value>) {
    cx.set_all(
        spec,
        &[
            "completions",
            "parallelism",
            "backoffLimit",
            "activeDeadlineSeconds",
            "ttlSecondsAfterFinished",
        ],
    );
    let mut template = spec.of("template");
    pod_template(cx, &mut template, labels, None);
    cx.finish(&template);
}

fn update_strategy(cx: &mut Reading<'_>, spec: &mut Fields<'_>) {
    let mut strategy = spec.of("updateStrategy");
    cx.set("updateStrategy", strategy.take("type"));
    let mut rolling = strategy.of("rollingUpdate");
    cx.set("maxUnavailable", rolling.take("maxUnavailable"));
    cx.finish(&rolling);
    cx.finish(&strategy);
}

fn claim_templates(cx: &mut Reading<'_>, spec: &mut Fields<'_>) {
    let Some(templates) = spec
        .take("volumeClaimTemplates")
        .and_then(tree::Value::as_array)
    else {
        return;
    };
    let mut out = Vec::new();
    for (index, template) in templates.iter().enumerate() {
        let mut fields = Fields::new(
            Some(template),
            spec.pointer().key("volumeClaimTemplates").index(index),
        );
        // The compiler writes a claim template's `apiVersion` and `kind` itself.
        fields.skip("apiVersion");
        fields.skip("kind");
        let mut metadata = fields.of("metadata");
        let name = metadata.text("name").unwrap_or("");
        let mut data = Map::new();
        data.insert("id".into(), json!(format!("claim-{name}")));
        data.insert("name".into(), json!(name));
        let mut claim_spec = fields.of("spec");
        let mut reading = Reading {
            conventions: cx.conventions,
            name,
            data: &mut data,
            unread: cx.unread,
            secret_values: None,
        };
        claim(&mut reading, &mut claim_spec, false);
        cx.finish(&metadata);
        cx.finish(&fields);
        out.push(Value::Object(data));
    }
    cx.data
        .insert("volumeClaimTemplates".into(), Value::Array(out));
}

/// The pod template: labels beyond the workload's become `podLabels`; the first container
/// is the workload's own, the others sidecars.
fn pod_template(
    cx: &mut Reading<'_>,
    template: &mut Fields<'_>,
    workload_labels: Option<&tree::Value>,
    match_labels: Option<&tree::Value>,
) {
    let mut metadata = template.of("metadata");
    let pod_labels: Map<String, Value> = metadata
        .take("labels")
        .and_then(tree::Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(key, _)| {
            workload_labels
                .and_then(|labels| labels.get(key.as_str()))
                .is_none()
        })
        .map(|(key, value)| (key.clone(), value.to_json()))
        .collect();
    if !pod_labels.is_empty() {
        cx.data
            .insert("podLabels".into(), Value::Object(pod_labels));
    }
    cx.set("podAnnotations", metadata.take("annotations"));
    cx.finish(&metadata);
    if let Some(selector) = match_labels
        && !is_default_selector(selector, cx.name, workload_labels)
    {
        cx.data.insert("selector".into(), selector.to_json());
    }
    let mut spec = template.of("spec");
    cx.set_all(&mut spec, &POD_KEYS);
    cx.set("podSecurityContext", spec.take("securityContext"));
    cx.set("restartPolicy", spec.take("restartPolicy"));
    cx.set("hostPID", spec.take("hostPID"));
    if let Some(host_network) = spec.take("hostNetwork") {
        cx.set("hostNetwork", Some(host_network));
        // The compiler writes it with the host network.
        if spec.object_has("dnsPolicy") && spec.text("dnsPolicy") != Some("ClusterFirstWithHostNet")
        {
            cx.unread.push(spec.pointer().key("dnsPolicy").to_string());
        }
    }
    let volumes = spec.take("volumes").and_then(tree::Value::as_array);
    let volumes: Vec<&tree::Value> = volumes.into_iter().flatten().collect();
    let containers = spec.take("containers").and_then(tree::Value::as_array);
    for (index, container) in containers.into_iter().flatten().enumerate() {
        let pointer = spec.pointer().key("containers").index(index);
        if index == 0 {
            main_container(cx, container, pointer, &volumes);
        } else {
            further(cx, "sidecars", container, pointer, &volumes);
        }
    }
    let inits = spec.take("initContainers").and_then(tree::Value::as_array);
    for (index, container) in inits.into_iter().flatten().enumerate() {
        let pointer = spec.pointer().key("initContainers").index(index);
        further(cx, "initContainers", container, pointer, &volumes);
    }
    empty_dirs(
        cx,
        &volumes,
        containers.and_then(|containers| containers.first()),
    );
    pod_volumes(cx, &volumes, &spec);
    cx.finish(&spec);
}

/// The pod's `emptyDir` volumes in their order, each with where the workload's own
/// container mounts it (an init container or sidecar may mount it alone).
fn empty_dirs(cx: &mut Reading<'_>, volumes: &[&tree::Value], container: Option<&tree::Value>) {
    let mounts = container
        .and_then(|container| container.get("volumeMounts"))
        .and_then(tree::Value::as_array);
    let mut out = Vec::new();
    for volume in volumes {
        let Some(empty_dir) = volume.get("emptyDir") else {
            continue;
        };
        let null = tree::Value::Null;
        let name = volume.get("name").unwrap_or(&null);
        let mut entry = Map::new();
        entry.insert("name".into(), name.to_json());
        entry.insert("emptyDir".into(), empty_dir.to_json());
        let mount = mounts
            .into_iter()
            .flatten()
            .find(|mount| mount.get("name") == Some(name));
        if let Some(mount) = mount {
            for key in ["mountPath", "subPath", "readOnly"] {
                if let Some(value) = mount.get(key) {
                    entry.insert(key.into(), value.to_json());
                }
            }
        }
        out.push(Value::Object(entry));
    }
    if !out.is_empty() {
        cx.data.insert("volumes".into(), Value::Array(out));
    }
}

/// Whether the selector is the one the compiler derives: `app` (the app label or the name),
/// plus `version` when the user labels set one.
fn is_default_selector(selector: &tree::Value, name: &str, labels: Option<&tree::Value>) -> bool {
    let label = |key: &str| {
        labels
            .and_then(|labels| labels.get(key))
            .and_then(tree::Value::as_str)
    };
    let mut expected = Map::new();
    expected.insert("app".into(), json!(label("app").unwrap_or(name)));
    if let Some(version) = label("version").filter(|version| *version != "v1") {
        expected.insert("version".into(), json!(version));
    }
    selector
        .as_object()
        .is_some_and(|selector| *selector == expected)
}

/// Appends a further container, reporting what the model cannot carry.
fn further(
    cx: &mut Reading<'_>,
    list: &str,
    container: &tree::Value,
    pointer: Pointer<'_>,
    volumes: &[&tree::Value],
) {
    let mut fields = Fields::new(Some(container), pointer);
    let mut out = Map::new();
    for key in CONTAINER_KEYS {
        fields.copy(key, &mut out, key);
    }
    // A mounted ConfigMap, Secret or claim's volume is `<object>-volume` in the compiled
    // pod: the container's mounts must name it so.
    if let Some(mounts) = out.get_mut("volumeMounts").and_then(Value::as_array_mut) {
        for mount in mounts.iter_mut().filter_map(Value::as_object_mut) {
            let name = mount.get("name").and_then(Value::as_str).unwrap_or("");
            if let Some((_, object)) = mounted_object(volumes, name) {
                mount.insert("name".into(), json!(format!("{object}-volume")));
            }
        }
    }
    if list == "initContainers" {
        fields.copy("restartPolicy", &mut out, "restartPolicy");
    }
    cx.finish(&fields);
    let entry = cx.data.entry(list).or_insert_with(|| json!([]));
    if let Some(items) = entry.as_array_mut() {
        items.push(Value::Object(out));
    }
}

/// The workload's own container.
fn main_container(
    cx: &mut Reading<'_>,
    container: &tree::Value,
    pointer: Pointer<'_>,
    volumes: &[&tree::Value],
) {
    let mut fields = Fields::new(Some(container), pointer.clone());
    if let Some(name) = fields.text("name")
        && name != cx.name
    {
        cx.data.insert("containerName".into(), json!(name));
    }
    // The same fields as a further container's, but for the name, the ports and the
    // mounts, which the model holds in its own way for the workload's container.
    for key in CONTAINER_KEYS {
        if !matches!(key, "name" | "ports" | "volumeMounts") {
            cx.set(key, fields.take(key));
        }
    }
    match fields.take("ports").and_then(tree::Value::as_array) {
        Some(ports) if ports.len() == 1 && is_http_port(&ports[0]) => {
            cx.set("port", ports[0].get("containerPort"));
        }
        Some(ports) => {
            cx.data.insert(
                "ports".into(),
                Value::Array(ports.iter().map(tree::Value::to_json).collect()),
            );
        }
        // No port: the compiler writes the single `port` when one is given.
        None => {
            cx.data.insert("port".into(), json!(0));
        }
    }
    let mounts = fields.take("volumeMounts").and_then(tree::Value::as_array);
    for (index, mount) in mounts.into_iter().flatten().enumerate() {
        volume_mount(cx, mount, pointer.key("volumeMounts").index(index), volumes);
    }
    cx.finish(&fields);
}

/// `{name: http, containerPort, protocol: TCP}`, the port the compiler writes for `port`.
fn is_http_port(port: &tree::Value) -> bool {
    port.as_object().is_some_and(|port| {
        port.len() == 3
            && port.get("name").and_then(tree::Value::as_str) == Some("http")
            && port.get("protocol").and_then(tree::Value::as_str) == Some("TCP")
            && port.get("containerPort").is_some_and(tree::Value::is_i64)
    })
}

/// One mount of the workload's container: a ConfigMap, Secret or claim becomes a
/// `volumeMounts` copy, an `emptyDir` a `volumes` entry, a claim template its `mountPath`.
fn volume_mount(
    cx: &mut Reading<'_>,
    mount: &tree::Value,
    pointer: Pointer<'_>,
    volumes: &[&tree::Value],
) {
    let mut fields = Fields::new(Some(mount), pointer.clone());
    let name = fields.text("name").unwrap_or("");
    let mount_path = fields.take("mountPath").map(tree::Value::to_json);
    let sub_path = fields.take("subPath").map(tree::Value::to_json);
    let read_only = fields.take("readOnly").map(tree::Value::to_json);
    cx.finish(&fields);
    let volume = volumes
        .iter()
        .find(|volume| volume.get("name").and_then(tree::Value::as_str) == Some(name));
    let source = mounted_object(volumes, name);
    let mut copy = Map::new();
    if let Some((mount_type, object)) = source {
        copy.insert("type".into(), json!(mount_type));
        copy.insert("name".into(), json!(object));
        copy.insert("mountPath".into(), mount_path.unwrap_or(Value::Null));
        if mount_type == "persistentVolumeClaim" && read_only.is_some() {
            copy.insert("readOnly".into(), read_only.unwrap_or(Value::Null));
        }
        if let Some(sub_path) = sub_path {
            copy.insert("subPath".into(), sub_path);
        }
        let entry = cx.data.entry("volumeMounts").or_insert_with(|| json!([]));
        if let Some(items) = entry.as_array_mut() {
            items.push(Value::Object(copy));
        }
        return;
    }
    // The pod's own volumes are read with the pod ([`empty_dirs`]).
    if volume.is_some_and(|volume| volume.get("emptyDir").is_some()) {
        return;
    }
    // A StatefulSet's claim template is mounted by its own name.
    if volume.is_none()
        && let Some(templates) = cx
            .data
            .get_mut("volumeClaimTemplates")
            .and_then(Value::as_array_mut)
        && let Some(template) = templates
            .iter_mut()
            .find(|template| template.get("name").and_then(Value::as_str) == Some(name))
        && let Some(template) = template.as_object_mut()
    {
        template.insert("mountPath".into(), mount_path.unwrap_or(Value::Null));
        if let Some(sub_path) = sub_path {
            template.insert("subPath".into(), sub_path);
        }
        if let Some(read_only) = read_only {
            template.insert("readOnly".into(), read_only);
        }
        return;
    }
    cx.unread.push(pointer.to_string());
}

/// Reports pod volumes of sources the model has no place for, and the options of object
/// volumes (`items`, `defaultMode`, ...) the compiler does not write.
fn pod_volumes(cx: &mut Reading<'_>, volumes: &[&tree::Value], spec: &Fields<'_>) {
    for (index, volume) in volumes.iter().enumerate() {
        let pointer = spec.pointer().key("volumes").index(index);
        let source = OBJECT_SOURCES
            .iter()
            .find(|(key, _, _)| volume.get(key).is_some());
        if let Some((key, name_key, _)) = source {
            let mut fields = Fields::new(volume.get(key), pointer.key(key));
            fields.skip(name_key);
            cx.finish(&fields);
        } else if volume.get("emptyDir").is_none() {
            cx.unread.push(pointer.to_string());
        }
    }
}

/// The object sources of pod volumes: (volume key, the key naming the object, the mount
/// type of the designer's copies).
const OBJECT_SOURCES: [(&str, &str, &str); 3] = [
    ("configMap", "name", "configMap"),
    ("secret", "secretName", "secret"),
    (
        "persistentVolumeClaim",
        "claimName",
        "persistentVolumeClaim",
    ),
];

/// The mount type and object name of the pod volume `name`, when a ConfigMap, Secret or
/// claim backs it.
fn mounted_object<'v>(volumes: &[&'v tree::Value], name: &str) -> Option<(&'static str, &'v str)> {
    let volume = volumes
        .iter()
        .find(|volume| volume.get("name").and_then(tree::Value::as_str) == Some(name))?;
    OBJECT_SOURCES
        .into_iter()
        .find_map(|(key, name_key, mount_type)| {
            let object = volume.get(key)?.get(name_key)?.as_str()?;
            Some((mount_type, object))
        })
}
