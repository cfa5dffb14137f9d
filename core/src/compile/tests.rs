//! The builders never panic, whatever the data: validation normally refuses bad input
//! first, but the builders must not rely on it. These tests skip validation.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::context::with_context;
use super::{build, namespace, order};

const TYPES: &[&str] = &[
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
    "webhook",
];

/// Field names of every kind, so arbitrary values land where the builders read.
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
];

/// Any JSON value, a few levels deep, with keys the builders look for.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z0-9:/%._ -]{0,10}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec((prop::sample::select(FIELDS), inner), 0..5).prop_map(
                |entries| {
                    let map: Map<String, Value> = entries
                        .into_iter()
                        .map(|(key, value)| (key.to_owned(), value))
                        .collect();
                    Value::Object(map)
                }
            ),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn building_arbitrary_data_never_panics(
        nodes in prop::collection::vec(
            (prop::sample::select(TYPES), prop::collection::vec((prop::sample::select(FIELDS), any_json()), 0..10)),
            0..8,
        ),
        edges in prop::collection::vec((0usize..8, 0usize..8, prop::option::of("output|p1|r1|")), 0..10),
    ) {
        let nodes: Vec<Value> = nodes
            .into_iter()
            .enumerate()
            .map(|(index, (node_type, fields))| {
                let data: Map<String, Value> =
                    fields.into_iter().map(|(key, value)| (key.to_owned(), value)).collect();
                json!({"id": format!("n{index}"), "type": node_type, "data": data})
            })
            .collect();
        let edges: Vec<Value> = edges
            .into_iter()
            .map(|(source, target, handle)| {
                json!({"source": format!("n{source}"), "target": format!("n{target}"), "sourceHandle": handle})
            })
            .collect();
        with_context(json!({"nodes": nodes, "edges": edges}), |cx| {
            let mut manifests = build(cx);
            manifests.extend(namespace::namespaces(&cx.labels, &manifests));
            order::sort(&mut manifests);
            for manifest in &manifests {
                let _ = manifest.object.to_value();
            }
        });
    }
}
