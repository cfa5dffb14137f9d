//! What the API server fills in when an object is created, applied alike to upstream's
//! manifests and to kubegraph's, so that leaving a default out and writing it down compare
//! equal. The values are Kubernetes' own (`pkg/apis/core/v1/defaults.go`,
//! `pkg/apis/apps/v1/defaults.go`, `pkg/apis/networking/v1/defaults.go`), for the kinds the
//! corpus holds: Deployment, StatefulSet, Service, NetworkPolicy and the pod template.
//!
//! Left out on purpose: what the server allocates rather than defaults (`clusterIP`,
//! `clusterIPs`, `ipFamilies`, `ipFamilyPolicy`, node ports), which neither side writes, and
//! `status`, which neither side writes either.

use serde_json::{Map, Value, json};

/// The kinds that live in a namespace, of those the corpus and kubegraph write.
const NAMESPACED: &[&str] = &[
    "ConfigMap",
    "CronJob",
    "DaemonSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "Ingress",
    "Job",
    "NetworkPolicy",
    "PersistentVolumeClaim",
    "Secret",
    "Service",
    "ServiceAccount",
    "StatefulSet",
];

/// Applies the API server's defaults to one object.
pub fn apply(object: &mut Value) {
    let kind = object["kind"].as_str().unwrap_or_default().to_owned();
    if NAMESPACED.contains(&kind.as_str()) {
        // `kubectl apply` without `-n` puts the object in the namespace `default`.
        set(&mut object["metadata"], "namespace", json!("default"));
    }
    let Some(spec) = object.get_mut("spec") else {
        return;
    };
    match kind.as_str() {
        "Deployment" => deployment(spec),
        "StatefulSet" => stateful_set(spec),
        "Service" => service(spec),
        "NetworkPolicy" => network_policy(spec),
        _ => {}
    }
}

/// Sets `key` of a JSON object when it is absent.
fn set(object: &mut Value, key: &str, value: Value) {
    if let Some(map) = object.as_object_mut() {
        map.entry(key).or_insert(value);
    }
}

/// The items of a list field, none when absent.
fn items<'v>(object: &'v mut Value, key: &str) -> impl Iterator<Item = &'v mut Value> {
    object
        .get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

fn deployment(spec: &mut Value) {
    set(spec, "replicas", json!(1));
    set(spec, "revisionHistoryLimit", json!(10));
    set(spec, "progressDeadlineSeconds", json!(600));
    set(spec, "strategy", json!({"type": "RollingUpdate"}));
    if spec["strategy"]["type"] == "RollingUpdate" {
        set(
            &mut spec["strategy"],
            "rollingUpdate",
            json!({"maxSurge": "25%", "maxUnavailable": "25%"}),
        );
    }
    pod_template(&mut spec["template"]);
}

fn stateful_set(spec: &mut Value) {
    set(spec, "replicas", json!(1));
    set(spec, "revisionHistoryLimit", json!(10));
    set(spec, "podManagementPolicy", json!("OrderedReady"));
    set(spec, "updateStrategy", json!({"type": "RollingUpdate"}));
    if spec["updateStrategy"]["type"] == "RollingUpdate" {
        set(
            &mut spec["updateStrategy"],
            "rollingUpdate",
            json!({"partition": 0}),
        );
    }
    set(
        spec,
        "persistentVolumeClaimRetentionPolicy",
        json!({"whenDeleted": "Retain", "whenScaled": "Retain"}),
    );
    for claim in items(spec, "volumeClaimTemplates") {
        // The server stores each template as a whole PersistentVolumeClaim.
        set(claim, "apiVersion", json!("v1"));
        set(claim, "kind", json!("PersistentVolumeClaim"));
        set(&mut claim["spec"], "volumeMode", json!("Filesystem"));
    }
    pod_template(&mut spec["template"]);
}

fn service(spec: &mut Value) {
    set(spec, "type", json!("ClusterIP"));
    set(spec, "sessionAffinity", json!("None"));
    set(spec, "internalTrafficPolicy", json!("Cluster"));
    let service_type = spec["type"].as_str().unwrap_or_default().to_owned();
    if service_type == "LoadBalancer" || service_type == "NodePort" {
        set(spec, "externalTrafficPolicy", json!("Cluster"));
    }
    if service_type == "LoadBalancer" {
        set(spec, "allocateLoadBalancerNodePorts", json!(true));
    }
    for port in items(spec, "ports") {
        set(port, "protocol", json!("TCP"));
        let number = port["port"].clone();
        set(port, "targetPort", number);
    }
}

fn network_policy(spec: &mut Value) {
    // Without `policyTypes`, a policy restricts ingress, and egress when it has egress rules.
    if spec.get("policyTypes").is_none() {
        let mut types = vec![json!("Ingress")];
        if spec.get("egress").is_some() {
            types.push(json!("Egress"));
        }
        set(spec, "policyTypes", Value::Array(types));
    }
    for direction in ["ingress", "egress"] {
        for rule in items(spec, direction) {
            for port in items(rule, "ports") {
                set(port, "protocol", json!("TCP"));
            }
        }
    }
}

fn pod_template(template: &mut Value) {
    let spec = &mut template["spec"];
    set(spec, "restartPolicy", json!("Always"));
    set(spec, "dnsPolicy", json!("ClusterFirst"));
    set(spec, "schedulerName", json!("default-scheduler"));
    set(spec, "securityContext", Value::Object(Map::new()));
    set(spec, "terminationGracePeriodSeconds", json!(30));
    for list in ["initContainers", "containers"] {
        for container in items(spec, list) {
            self::container(container);
        }
    }
}

fn container(container: &mut Value) {
    set(
        container,
        "terminationMessagePath",
        json!("/dev/termination-log"),
    );
    set(container, "terminationMessagePolicy", json!("File"));
    let policy = pull_policy(container["image"].as_str().unwrap_or_default());
    set(container, "imagePullPolicy", json!(policy));
    for port in items(container, "ports") {
        set(port, "protocol", json!("TCP"));
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(probe) = container.get_mut(probe) {
            self::probe(probe);
        }
    }
    for env in items(container, "env") {
        if let Some(field) = env.pointer_mut("/valueFrom/fieldRef") {
            set(field, "apiVersion", json!("v1"));
        }
    }
}

fn probe(probe: &mut Value) {
    set(probe, "timeoutSeconds", json!(1));
    set(probe, "periodSeconds", json!(10));
    set(probe, "successThreshold", json!(1));
    set(probe, "failureThreshold", json!(3));
    if let Some(get) = probe.get_mut("httpGet") {
        set(get, "path", json!("/"));
        set(get, "scheme", json!("HTTP"));
    }
    if let Some(grpc) = probe.get_mut("grpc") {
        set(grpc, "service", json!(""));
    }
}

/// `Always` for an image tagged `latest` or not tagged at all, else `IfNotPresent` (an
/// image pinned by digest counts as tagged).
fn pull_policy(image: &str) -> &'static str {
    if image.contains('@') {
        return "IfNotPresent";
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) if tag != "latest" => "IfNotPresent",
        _ => "Always",
    }
}

#[cfg(test)]
mod tests {
    use super::pull_policy;

    #[test]
    fn the_pull_policy_follows_the_tag() {
        assert_eq!(pull_policy("redis:alpine"), "IfNotPresent");
        assert_eq!(pull_policy("redis"), "Always");
        assert_eq!(pull_policy("redis:latest"), "Always");
        assert_eq!(pull_policy("registry:5000/team/app"), "Always");
        assert_eq!(pull_policy("busybox:1.38.0@sha256:fd8d"), "IfNotPresent");
    }
}
