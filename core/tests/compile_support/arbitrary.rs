//! Arbitrary workflows for the compiler's never-panics property tests, shared by the
//! builders' unit test (`src/compile/tests.rs`, which skips validation) and
//! `compile_props.rs` (through `compile`). It uses only proptest and serde_json, so the
//! library's own tests can include it.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// ConfigMap and secret values YAML would misread or mangle.
pub const AMBIGUOUS_TEXT: &[&str] = &[
    "true",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "null",
    "~",
    "",
    "0123",
    "1e3",
    "-1",
    ".inf",
    "-.Inf",
    ".nan",
    "1_000",
    "0x1F",
    "2001-01-01",
    "12:30:00",
    "a\nb",
    "line\n",
    "\nleading",
    "trailing  ",
    " leading",
    "key: value",
    "- item",
    "#comment",
    "'single'",
    "\"double\"",
    "tab\there",
    "a\r\nb",
    "{a: 1}",
    "[1, 2]",
    "&anchor",
    "*alias",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "<<",
    "=",
    "ünïcödé ✓",
    "x #y",
    "?",
    "-",
    "|",
    ">",
];

/// Every node type, with `webhook` for a type that is no kind.
const NODE_TYPES: &[&str] = &[
    "deployment",
    "statefulset",
    "daemonset",
    "job",
    "cronjob",
    "service",
    "ingress",
    "configmap",
    "secret",
    "persistentvolumeclaim",
    "hpa",
    "networkpolicy",
    "plugin",
    "serviceaccount",
    "webhook",
];

/// Field names of every kind, so arbitrary values land where the compiler reads.
const FIELDS: &[&str] = &[
    "name",
    "namespace",
    "image",
    "port",
    "ports",
    "targetPort",
    "nodePort",
    "replicas",
    "env",
    "envKeys",
    "volumeMounts",
    "paths",
    "keys",
    "data",
    "serviceName",
    "volumeClaimTemplates",
    "ingressRules",
    "egressRules",
    "policyTypes",
    "podSelector",
    "scaleTargetName",
    "scaleTargetKind",
    "minReplicas",
    "maxReplicas",
    "targetCPUUtilization",
    "schedule",
    "maxUnavailable",
    "tolerations",
    "nodeSelector",
    "templateId",
    "pluginId",
    "selector",
    "targetApp",
    "tlsEnabled",
    "tlsHosts",
    "host",
    "storage",
    "accessModes",
    "labels",
    "annotations",
    "resources",
    "command",
    "args",
    "backoffLimit",
    "secretType",
    "updateStrategy",
    "sessionAffinity",
    "serviceType",
    "mountPath",
    "servicePort",
    "dnsNames",
    "renewBefore",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "exec",
    "httpGet",
    "tcpSocket",
    "grpc",
    "periodSeconds",
    "successThreshold",
    "terminationGracePeriodSeconds",
    "clusterIP",
    "readOnly",
    "nodeId",
    "containerName",
    "containerPort",
    "protocol",
    "imagePullPolicy",
    "serviceAccountName",
    "automountServiceAccountToken",
    "imagePullSecrets",
    "priorityClassName",
    "podAnnotations",
    "podLabels",
    "securityContext",
    "podSecurityContext",
    "privileged",
    "allowPrivilegeEscalation",
    "capabilities",
    "add",
    "seccompProfile",
    "localhostProfile",
    "runAsUser",
    "runAsNonRoot",
    "supplementalGroups",
    "tolerationSeconds",
    "operator",
    "subPath",
    "volumes",
    "emptyDir",
    "sizeLimit",
    "medium",
    // Placement and claim template mounts.
    "affinity",
    "nodeAffinity",
    "podAffinity",
    "podAntiAffinity",
    "requiredDuringSchedulingIgnoredDuringExecution",
    "preferredDuringSchedulingIgnoredDuringExecution",
    "nodeSelectorTerms",
    "matchExpressions",
    "matchFields",
    "matchLabels",
    "key",
    "values",
    "weight",
    "preference",
    "podAffinityTerm",
    "labelSelector",
    "topologyKey",
    "topologySpreadConstraints",
    "maxSkew",
    "whenUnsatisfiable",
    "minDomains",
    "matchLabelKeys",
    // Lifecycle hooks.
    "lifecycle",
    "postStart",
    "preStop",
    "sleep",
    "seconds",
];

/// Any JSON value, a few levels deep, with keys the compiler looks for among others.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        prop::sample::select(AMBIGUOUS_TEXT).prop_map(Value::from),
        "[a-z0-9:/%._ -]{0,12}".prop_map(Value::from),
    ];
    let key = prop_oneof![
        prop::sample::select(FIELDS).prop_map(str::to_owned),
        "[a-zA-Z_]{1,8}",
    ];
    leaf.prop_recursive(3, 32, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec((key.clone(), inner), 0..5)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// A workflow of up to eight nodes `node-0`, `node-1`, ... of any type with arbitrary
/// data, and edges between them with arbitrary handles. With `named`, every node has a
/// name, so that more workflows get through validation.
pub fn workflow(named: bool) -> impl Strategy<Value = Value> {
    let node = (
        prop::sample::select(NODE_TYPES),
        prop::collection::vec((prop::sample::select(FIELDS), any_json()), 0..10),
    );
    let edge = (
        0usize..8,
        0usize..8,
        prop::option::of("output|path-0|in-0|p1|r1|"),
    );
    (
        prop::collection::vec(node, 0..8),
        prop::collection::vec(edge, 0..10),
    )
        .prop_map(move |(nodes, edges)| {
            let nodes: Vec<Value> = nodes
                .into_iter()
                .enumerate()
                .map(|(index, (node_type, fields))| {
                    let mut data: Map<String, Value> = fields
                        .into_iter()
                        .map(|(key, value)| (key.to_owned(), value))
                        .collect();
                    if named {
                        data.entry("name")
                            .or_insert_with(|| json!(format!("n{index}")));
                    }
                    json!({"id": format!("node-{index}"), "type": node_type, "data": data})
                })
                .collect();
            let edges: Vec<Value> = edges
                .into_iter()
                .enumerate()
                .map(|(index, (source, target, handle))| {
                    json!({"id": format!("e{index}"), "source": format!("node-{source}"),
                        "target": format!("node-{target}"), "sourceHandle": handle})
                })
                .collect();
            json!({"name": "fuzz", "nodes": nodes, "edges": edges})
        })
}
