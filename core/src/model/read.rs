//! Reading the models from a parsed JSON value, each part once.
//!
//! This is the reader of values that arrive parsed (a Python `dict`, a JavaScript object)
//! and of the rare documents the reader of JSON text ([`super::stream`]) leaves to it; the
//! two read the same model (a property test below checks it on arbitrary documents).
//!
//! Through serde, every [`Wire`] field first copies its value (to keep it if refused) and
//! then reads the copy, so a node's data was copied once per level of nesting, five or six
//! times over: parsing took more than ten times as long as validating. Here the value is
//! read in place: only leaves (strings, numbers, enums) are copied into the model, and a
//! refused value is copied to be kept. Leaves still go through serde, so both ways read
//! the same model and refuse a value with the same reason (a property test checks it on
//! arbitrary documents). The value is borrowed rather than taken apart, so the model is
//! allocated in one run while the value is alive, and lies compactly in memory.

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::kinds::StringMap;
use super::stream::ReadJson;
use super::wire::{Float, Int, IntOrString, InvalidValue, QuantityText, Wire};

/// A model read from a JSON value.
pub trait FromValue: Sized {
    /// The model, or the value (refused) with serde's reason.
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>>;

    /// [`FromValue::from_value`] of a value that is not needed afterwards (the reader of
    /// JSON text reads leaves this way), which may move its parts instead of copying them.
    fn from_owned(value: Value) -> Result<Self, Box<InvalidValue>> {
        Self::from_value(&value)
    }
}

/// A model read from a JSON object, which it never refuses: every field is a [`Wire`] and
/// unknown keys are kept in `extra`.
pub trait FromObject: Sized {
    /// The model of `object`.
    fn from_object(object: &Map<String, Value>) -> Self;
}

/// Reads a leaf (or a refused value) through serde.
pub(crate) fn through_serde<T: DeserializeOwned>(value: &Value) -> Result<T, Box<InvalidValue>> {
    T::deserialize(value).map_err(|error| {
        Box::new(InvalidValue {
            raw: value.clone(),
            reason: error.to_string(),
        })
    })
}

impl<T: FromValue> Wire<T> {
    /// The field holding `value` (which was present).
    pub(crate) fn from_value(value: &Value) -> Self {
        if value.is_null() {
            return Wire::Null;
        }
        match T::from_value(value) {
            Ok(read) => Wire::Valid(read),
            Err(refused) => Wire::Invalid(refused),
        }
    }

    /// [`Wire::from_value`] of a value that is not needed afterwards.
    pub(crate) fn from_owned_value(value: Value) -> Self {
        if value.is_null() {
            return Wire::Null;
        }
        match T::from_owned(value) {
            Ok(read) => Wire::Valid(read),
            Err(refused) => Wire::Invalid(refused),
        }
    }
}

/// A list of fields: each item is read on its own, so none refuses the list.
impl<T: FromValue + DeserializeOwned> FromValue for Vec<Wire<T>> {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        match value {
            Value::Array(items) => Ok(items.iter().map(Wire::from_value).collect()),
            other => through_serde(other),
        }
    }
}

/// A list of objects: one item that is not an object refuses the whole list, as serde does.
impl<T: FromObject + DeserializeOwned> FromValue for Vec<T> {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        let objects: Option<Vec<&Map<String, Value>>> = match value {
            Value::Array(items) => items.iter().map(Value::as_object).collect(),
            _ => None,
        };
        match objects {
            Some(objects) => Ok(objects.into_iter().map(T::from_object).collect()),
            None => through_serde(value),
        }
    }
}

/// A large model held boxed (see [`Wire::unboxed`]), read as the model itself.
impl<T: FromValue> FromValue for Box<T> {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        T::from_value(value).map(Box::new)
    }

    fn from_owned(value: Value) -> Result<Self, Box<InvalidValue>> {
        T::from_owned(value).map(Box::new)
    }
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        Ok(value.clone())
    }

    fn from_owned(value: Value) -> Result<Self, Box<InvalidValue>> {
        Ok(value)
    }
}

/// The most common leaf: a string is moved, not copied (serde would copy it).
impl FromValue for String {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        through_serde(value)
    }

    fn from_owned(value: Value) -> Result<Self, Box<InvalidValue>> {
        match value {
            Value::String(text) => Ok(text),
            other => through_serde(&other),
        }
    }
}

/// A string map (labels, env, selectors): its strings are moved when every value is one.
impl FromValue for StringMap {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        through_serde(value)
    }

    fn from_owned(value: Value) -> Result<Self, Box<InvalidValue>> {
        match value {
            Value::Object(object) if object.values().all(Value::is_string) => Ok(object
                .into_iter()
                .filter_map(|(key, value)| match value {
                    Value::String(text) => Some((key, text)),
                    _ => None,
                })
                .collect()),
            other => through_serde(&other),
        }
    }
}

/// A list of strings: moved when every item is one.
impl FromValue for Vec<String> {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        through_serde(value)
    }

    fn from_owned(value: Value) -> Result<Self, Box<InvalidValue>> {
        match value {
            Value::Array(items) if items.iter().all(Value::is_string) => Ok(items
                .into_iter()
                .filter_map(|item| match item {
                    Value::String(text) => Some(text),
                    _ => None,
                })
                .collect()),
            other => through_serde(&other),
        }
    }
}

crate::model::wire::leaf_check!(String, StringMap);

impl FromValue for IndexMap<String, Value> {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        match value {
            Value::Object(object) => Ok(object
                .iter()
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect()),
            other => through_serde(other),
        }
    }
}

impl ReadJson for Value {}
impl ReadJson for IndexMap<String, Value> {}

/// Types read from a value through serde (from JSON text, as their `Value`).
macro_rules! read_through_serde {
    ($($ty:ty),* $(,)?) => {
        $(crate::model::read::from_value_through_serde!($ty);

        impl crate::model::stream::ReadJson for $ty {})*
    };
}

/// Types read from a value through serde; from JSON text, see [`super::leaves`].
macro_rules! from_value_through_serde {
    ($($ty:ty),* $(,)?) => {
        $(impl crate::model::read::FromValue for $ty {
            fn from_value(
                value: &serde_json::Value,
            ) -> Result<Self, Box<crate::model::wire::InvalidValue>> {
                crate::model::read::through_serde(value)
            }
        })*
    };
}

/// Leaves: no [`Wire`] fields inside, read through serde.
macro_rules! leaf {
    ($($ty:ty),* $(,)?) => {
        crate::model::wire::leaf_check!($($ty),*);
        crate::model::read::read_through_serde!($($ty),*);
    };
}

leaf!(bool);
crate::model::wire::leaf_check!(Int, Float, IntOrString, QuantityText);
from_value_through_serde!(Int, Float, IntOrString, QuantityText);

pub(crate) use {from_value_through_serde, leaf, read_through_serde};

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    use crate::model::read::{FromObject, FromValue};
    use crate::model::stream::read_workflow;
    use crate::model::{NodeKind, Workflow};

    /// Keys the models know (so that generated documents hit typed fields with values of
    /// every type), and a few they do not.
    const KEYS: &[&str] = &[
        "id",
        "name",
        "type",
        "data",
        "nodes",
        "edges",
        "source",
        "target",
        "sourceHandle",
        "position",
        "x",
        "namespace",
        "image",
        "replicas",
        "port",
        "ports",
        "targetPort",
        "labels",
        "env",
        "envKeys",
        "resources",
        "requests",
        "limits",
        "cpu",
        "volumeMounts",
        "mountPath",
        "paths",
        "path",
        "pathType",
        "keys",
        "data",
        "ingressRules",
        "from",
        "podSelector",
        "ipBlock",
        "cidr",
        "except",
        "tags",
        "status",
        "selector",
        "serviceType",
        "volumeClaimTemplates",
        "accessModes",
        "tolerations",
        "_linkedSecrets",
        "initContainers",
        "sidecars",
        "valueFrom",
        "secretKeyRef",
        "extra",
        "width",
    ];
    /// Every node type, and one this version does not know.
    fn node_type() -> impl Strategy<Value = &'static str> {
        let mut types: Vec<&str> = NodeKind::ALL.iter().map(|kind| kind.as_str()).collect();
        types.push("mystery");
        prop::sample::select(types)
    }

    /// Any JSON value, its objects keyed mostly by the models' own keys.
    fn document() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i32>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            node_type().prop_map(Value::from),
            "[a-z0-9 ./:-]{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                object(inner),
            ]
        })
    }

    fn object(values: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
        prop::collection::vec((prop::sample::select(KEYS), values), 0..6).prop_map(|entries| {
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key.to_owned(), value))
                    .collect(),
            )
        })
    }

    /// A node as a canvas writes it (a known or unknown type, data of any shape, other
    /// keys), or any value at all.
    fn node() -> impl Strategy<Value = Value> {
        let shaped = (node_type(), object(document()), object(document())).prop_map(
            |(kind, data, mut node)| {
                node["type"] = kind.into();
                node["data"] = data;
                node
            },
        );
        prop_oneof![3 => shaped, 1 => document()]
    }

    /// A workflow with generated nodes and edges besides other keys.
    fn workflow() -> impl Strategy<Value = Value> {
        (
            object(document()),
            prop::collection::vec(node(), 0..6),
            prop::collection::vec(document(), 0..4),
        )
            .prop_map(|(mut workflow, nodes, edges)| {
                workflow["nodes"] = nodes.into();
                workflow["edges"] = edges.into();
                workflow
            })
    }

    fn same_as_serde(document: Value) {
        let through_serde = serde::Deserialize::deserialize(&document);
        let read = Workflow::from_value(&document);
        match (through_serde, read) {
            (Ok(expected), Ok(read)) => assert_eq!(read, expected),
            (Err(expected), Err(refused)) => {
                let expected: serde_json::Error = expected;
                assert_eq!(refused.reason, expected.to_string());
            }
            (expected, read) => panic!("serde gave {expected:?}, reading gave {read:?}"),
        }
    }

    #[test]
    fn a_workflow_reads_as_serde_reads_it() {
        same_as_serde(json!({"name": "shop", "tags": ["a", 1], "nodes": [
            {"id": "n1", "type": "deployment", "width": 3, "data": {"name": "api", "replicas": "3",
                "volumeMounts": [{"name": "c"}, "oops"], "envKeys": [{"id": "e", "name": "K"}], "x": [1]}},
            {"id": "n2", "type": "ingress", "data": {"paths": [{"id": "p", "path": "/"}], "tls": true}},
            {"id": "n3", "type": "mystery", "data": {"anything": {"goes": [1]}}},
            "not a node", null, {"type": "service", "data": "not data"}],
            "edges": [{"id": "e1", "source": "n1", "target": 2}, 7]}));
        same_as_serde(json!(["not", "a", "workflow"]));
        same_as_serde(
            json!({"nodes": [{"type": "deployment", "data": [1]}, {"type": "job", "data": null}]}),
        );
    }

    /// The reader of JSON text reads the model the reader of values reads, or leaves the
    /// document to it; written compactly or pretty, with the keys as they come.
    fn text_reads_as_value(document: &Value) {
        let through_value = match document {
            Value::Object(object) => Some(Workflow::from_object(object)),
            _ => None,
        };
        for text in [
            document.to_string(),
            serde_json::to_string_pretty(document).expect("a value prints"),
        ] {
            if let Some(read) = read_workflow(&text) {
                assert_eq!(Some(read), through_value, "{text}");
            }
        }
    }

    #[test]
    fn text_reads_as_a_value_reads_it() {
        let canvas = json!({"name": "shop", "tags": ["a", 1], "nodes": [
            {"id": "n1", "type": "deployment", "width": 3, "data": {"name": "api", "replicas": "3",
                "resources": {"limits": {"cpu": 1, "memory": [1]}, "requests": "lots"},
                "envKeys": [{"id": "e", "name": "K"}], "labels": {"a": "b", "c": 1}, "x": [1]}},
            {"id": "n2", "type": "ingress", "data": {"paths": [{"id": "p", "path": "/"}], "tls": true}},
            {"id": "n3", "type": "mystery", "data": {"anything": {"goes": [1]}}},
            {"id": "n4", "type": 4, "data": {"name": "typed as a number"}},
            {"id": "n5", "type": "job", "data": [1, {"a": null}]},
            {"id": "n6", "type": "job", "data": null, "position": {"x": 1.5, "y": -2}},
            "not a node", null, {"type": "service", "data": "not data"}],
            "edges": [{"id": "e1", "source": "n1", "target": 2}, 7, {"id": "e\u{e9}\"\n"}],
            "versions": {"not": "a list"}, "current_version": 3.0, "run_count": 2.5});
        text_reads_as_value(&canvas);
        assert!(
            read_workflow(&canvas.to_string()).is_some(),
            "a canvas that writes each node's type before its data is read from the text"
        );
        // Keys with escapes are read as the value reader reads them.
        let escaped = r#"{"n\u0061me": "shop", "nodes": [{"id": "a", "type": "service",
            "d\u0061ta": {"n\u0061me": "web", "x\ty": 1}}], "\"odd\"": [true]}"#;
        let value: Value = serde_json::from_str(escaped).expect("valid JSON");
        assert_eq!(
            read_workflow(escaped),
            Some(Workflow::from_value(&value).expect("an object"))
        );
    }

    #[test]
    fn shapes_that_need_a_parsed_value_are_left_to_the_value_reader() {
        for text in [
            // The type decides how the data is read.
            r#"{"nodes": [{"data": {"name": "a"}, "type": "service"}]}"#,
            r#"{"nodes": [{"type": "job", "data": {}, "type": "service"}]}"#,
            // A list of objects with one item that is not an object is kept whole.
            r#"{"nodes": [{"type": "service", "data": {"ports": [{"port": 80}, 3]}}]}"#,
            // Not an object, or not JSON.
            "[1, 2]",
            r#"{"nodes": [}"#,
            r#"{"name": "a"} trailing"#,
            // serde_json's limits, which only a parse of the whole document applies.
            r#"{"extra": 1e400}"#,
        ] {
            assert_eq!(read_workflow(text), None, "{text}");
        }
        assert_eq!(
            crate::parse::parse_workflow(
                r#"{"nodes": [{"data": {"name": "a"}, "type": "service"}]}"#
            )
            .expect("read through a value")
            .nodes()
            .filter_map(|(_, node)| node.name())
            .collect::<Vec<_>>(),
            ["a"]
        );
    }

    proptest! {
        #[test]
        fn any_workflow_reads_from_text_as_from_a_value(workflow in workflow()) {
            text_reads_as_value(&workflow);
        }

        #[test]
        fn any_document_reads_from_text_as_from_a_value(document in document()) {
            text_reads_as_value(&document);
        }

        #[test]
        fn any_workflow_reads_as_serde_reads_it(workflow in workflow()) {
            same_as_serde(workflow);
        }

        #[test]
        fn any_document_reads_as_serde_reads_it(document in document()) {
            same_as_serde(document);
        }
    }
}
