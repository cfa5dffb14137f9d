//! Validation is total and stable: it never panics, whatever JSON arrives (nodes of every
//! known and some unknown types, with every real field name holding values of any JSON
//! type, and edges between any ids and handles) or whatever text is parsed, and the same
//! input always gives the same, sorted, list of diagnostics. Every fix a diagnostic carries
//! removes it and brings no new error, on generated and on edited real workflows.

mod compile_support;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use compile_support::arbitrary;
use compile_support::fixes::assert_fixes_hold;
use compile_support::{plugins, valid_fixtures};
use kubegraph::Diagnostic;
use kubegraph::model::{CheckWire, FieldPath};
use kubegraph::parse::{parse_workflow, workflow_from_value};
use kubegraph::validate::{ValidateOptions, validate};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const NODE_TYPES: &[&str] = &[
    "deployment",
    "service",
    "ingress",
    "configmap",
    "secret",
    "persistentvolumeclaim",
    "statefulset",
    "job",
    "cronjob",
    "daemonset",
    "hpa",
    "networkpolicy",
    "plugin",
    "webhook",
    "conditional",
    "",
];

/// Field names of every kind's data and of the objects nested in it: every property the
/// workflow schema names, the field ids of the fixture plugins, the UI's placeholder key
/// and an empty key. Built once, as recursive strategies are rebuilt for every value.
static FIELDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let schema = Value::from(kubegraph::schema::schema("workflow").expect("workflow schema"));
    let mut names = BTreeSet::new();
    properties(&schema, &mut names);
    names.extend(["secretName", "server", "_new_1716380000000", ""].map(str::to_owned));
    names.into_iter().collect()
});

/// Collects the property names of a schema and of every schema inside it.
fn properties(schema: &Value, names: &mut BTreeSet<String>) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get("properties") {
                names.extend(properties.keys().cloned());
            }
            object.values().for_each(|inner| properties(inner, names));
        }
        Value::Array(items) => items.iter().for_each(|inner| properties(inner, names)),
        _ => {}
    }
}

/// Strings that mean something to some rule, besides arbitrary ones.
const WORDS: &[&str] = &[
    "n0",
    "n1",
    "n2",
    "n3",
    "p1",
    "r1",
    "output",
    "web",
    "api",
    "shop",
    "default",
    "",
    " ",
    "My_App",
    "1api",
    "nginx:1.27",
    "nginx 1.27",
    "10.0.0.0/8",
    "10.1.0.0/24",
    "2001:db8::/32",
    "300.0.0.0/8",
    "Ingress",
    "Egress",
    "podSelector",
    "namespaceSelector",
    "ipBlock",
    "ClusterIP",
    "NodePort",
    "configMap",
    "secret",
    "persistentVolumeClaim",
    "kubernetes.io/tls",
    "tls.crt",
    "1Gi",
    "250m",
    "-1",
    "1GB",
    "@daily",
    "0 0 * * *",
    "0 0 * * * *",
    "http",
    "25%",
    "Deployment",
    "StatefulSet",
    "certificate",
    "certmanager",
    "select",
    "number",
    "text",
    "/etc/config",
    "etc",
    "_new_1",
    "ü→",
    "a/b/c",
    "/",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => ".{0,12}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-70_000i64..70_000).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(FIELDS.as_slice()), inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn node() -> impl Strategy<Value = Value> {
    let data = prop_oneof![
        8 => prop::collection::vec((prop::sample::select(FIELDS.as_slice()), json_value()), 0..10)
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        1 => json_value(),
    ];
    (
        prop::sample::select(&["n0", "n1", "n2", "n3", "n4", "n5"][..]),
        prop::sample::select(NODE_TYPES),
        data,
    )
        .prop_map(|(id, node_type, data)| json!({"id": id, "type": node_type, "data": data}))
}

fn edge() -> impl Strategy<Value = Value> {
    let end = prop::sample::select(&["n0", "n1", "n2", "n3", "n4", "n5", "gone"][..]);
    let handle = prop::option::of(prop::sample::select(
        &["output", "p1", "r1", "path-9", ""][..],
    ));
    (0..8u8, end.clone(), end, handle).prop_map(|(id, source, target, handle)| {
        let mut edge = json!({"id": format!("e{id}"), "source": source, "target": target});
        if let Some(handle) = handle {
            edge["sourceHandle"] = json!(handle);
        }
        edge
    })
}

fn workflow() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(node(), 0..10),
        prop::collection::vec(edge(), 0..10),
    )
        .prop_map(|(nodes, edges)| json!({"name": "generated", "nodes": nodes, "edges": edges}))
}

/// Edits to a real workflow: set (or with `null`, remove) a field of a node's data, or
/// repoint an edge end or handle.
fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, String, Value)>> {
    let field = prop_oneof![
        prop::sample::select(FIELDS.as_slice()),
        prop::sample::select(&["source", "target", "sourceHandle"][..]).prop_map(str::to_owned),
    ];
    prop::collection::vec((any::<prop::sample::Index>(), field, json_value()), 1..6)
}

fn apply(workflow: &mut Value, edits: Vec<(prop::sample::Index, String, Value)>) {
    for (at, field, value) in edits {
        let list = if matches!(field.as_str(), "source" | "target" | "sourceHandle") {
            "edges"
        } else {
            "nodes"
        };
        let Some(items) = workflow[list]
            .as_array_mut()
            .filter(|items| !items.is_empty())
        else {
            continue;
        };
        let index = at.index(items.len());
        let item = &mut items[index];
        let target = if list == "nodes" {
            &mut item["data"]
        } else {
            item
        };
        if let Some(object) = target.as_object_mut() {
            match value {
                Value::Null => object.remove(&field),
                value => object.insert(field, value),
            };
        }
    }
}

fn assert_sorted(found: &[Diagnostic]) {
    for pair in found.windows(2) {
        assert!(
            pair[0].sort_key() <= pair[1].sort_key(),
            "not sorted: {pair:#?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validate_is_total_deterministic_and_sorted(value in workflow()) {
        let plugins = plugins();
        for options in [ValidateOptions::default(), ValidateOptions { plugins: &plugins }] {
            let first_read = workflow_from_value(value.clone()).expect("an object is a workflow");
            let again = parse_workflow(&value.to_string()).expect("its text parses too");
            let mut refused = Vec::new();
            first_read.collect_invalid(&mut FieldPath::root(), &mut refused);
            prop_assert_eq!(first_read.has_invalid(), !refused.is_empty());
            let found = validate(&first_read, &options);
            assert_sorted(&found);
            prop_assert_eq!(&found, &validate(&again, &options));
        }
    }

    #[test]
    fn edited_fixtures_stay_total_and_sorted(pick in any::<prop::sample::Index>(), edits in edits()) {
        let plugins = plugins();
        let fixtures = valid_fixtures();
        let mut value = fixtures[pick.index(fixtures.len())].raw.clone();
        apply(&mut value, edits);
        let workflow = workflow_from_value(value).expect("still an object");
        let found = validate(&workflow, &ValidateOptions { plugins: &plugins });
        assert_sorted(&found);
        prop_assert_eq!(&found, &validate(&workflow, &ValidateOptions { plugins: &plugins }));
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        if let Ok(workflow) = parse_workflow(&text) {
            assert_sorted(&validate(&workflow, &ValidateOptions::default()));
        }
    }

    #[test]
    fn cut_or_corrupted_workflows_never_panic(value in workflow(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut text = value.to_string().into_bytes();
        let at = cut.index(text.len().max(1));
        if at < text.len() {
            text[at] = byte;
        }
        let text = String::from_utf8_lossy(&text[..]);
        let half = (0..=text.len() / 2).rev().find(|&at| text.is_char_boundary(at)).unwrap_or(0);
        for candidate in [&text[..], &text[..half]] {
            if let Ok(workflow) = parse_workflow(candidate) {
                assert_sorted(&validate(&workflow, &ValidateOptions::default()));
            }
        }
    }

    #[test]
    fn fixes_of_generated_workflows_keep_their_promise(value in workflow()) {
        let plugins = plugins();
        assert_fixes_hold("generated", &value, &ValidateOptions { plugins: &plugins });
    }

    #[test]
    fn fixes_of_edited_fixtures_keep_their_promise(pick in any::<prop::sample::Index>(), edits in edits()) {
        let plugins = plugins();
        let fixtures = valid_fixtures();
        let mut value = fixtures[pick.index(fixtures.len())].raw.clone();
        apply(&mut value, edits);
        assert_fixes_hold("edited fixture", &value, &ValidateOptions { plugins: &plugins });
    }

    #[test]
    fn fixes_of_compilable_workflows_keep_their_promise(value in arbitrary::workflow(true)) {
        assert_fixes_hold("arbitrary", &value, &ValidateOptions::default());
    }
}
