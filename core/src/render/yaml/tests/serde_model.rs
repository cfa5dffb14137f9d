//! Typed values render as their `serde_json` values do, through every part of serde's
//! data model.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::{Serialize, ser};
use serde_json::{Value, json};

use super::parse;
use crate::render::yaml::{DOCUMENT_SEPARATOR, to_yaml, to_yaml_typed, value_to_yaml};

/// Renders `values` both ways and checks the bytes are the same.
fn assert_same<T: Serialize>(values: &[T]) {
    let typed = to_yaml_typed(values).expect("serializes");
    let through_values: Vec<Value> = values
        .iter()
        .map(|value| serde_json::to_value(value).expect("to value"))
        .collect();
    assert_eq!(typed, to_yaml(&through_values));
}

/// Field names a YAML reader would take for something else, beside plain ones, in
/// every document: remembering plain names must not let an unsafe one through.
#[derive(Serialize)]
struct Fields {
    name: &'static str,
    #[serde(rename = "yes")]
    affirmative: bool,
    #[serde(rename = "on")]
    switch: u8,
    #[serde(rename = "a: b")]
    colon: u8,
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
}

#[test]
fn field_names_are_quoted_when_needed_in_every_document() {
    let fields = || Fields {
        name: "x",
        affirmative: true,
        switch: 1,
        colon: 2,
        api_version: "v1",
    };
    let objects = [fields(), fields(), fields()];
    let document = "name: x\n\"yes\": true\n\"on\": 1\n\"a: b\": 2\napiVersion: v1\n";
    assert_eq!(
        to_yaml_typed(&objects).expect("serializes"),
        [document; 3].join(DOCUMENT_SEPARATOR)
    );
    assert_same(&objects);
}

#[test]
fn layouts_match_the_value_renderer() {
    let long_key = "k".repeat(1200);
    assert_same(&[
        json!({}),
        json!([]),
        json!(null),
        json!("a\nb\n"),
        json!({ "a": {}, "b": [], "c": [{}, [], [[]], [{}], { "d": [] }] }),
        json!([[1, [2, [3]]], { "x": { "y": { "z": "  lead\nline" } } }, "s\n\n"]),
        json!({ "m": [{ "k": "a\nb", "l": ["c\n", { "n": " x\ny" }] }] }),
        json!({ long_key: 1, "yes": "no", "a: b": "#c", "": "", "\u{7}": "\t" }),
        json!({ "f": [1e300, -1.5e-7, 0.1, 2.0, -0.0, 12345678901234567890u64, -3] }),
    ]);
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(Vec<u8>),
    Tuple(i8, Option<u16>),
    Struct { a: (), b: BTreeMap<i32, char> },
}

#[derive(Serialize)]
struct Typed {
    none: Option<String>,
    nan: f64,
    small: f32,
    big: i128,
    bytes: serde_bytes_like::Bytes,
    shapes: Vec<Shape>,
    keyed: BTreeMap<bool, Shape>,
    empty: Vec<Shape>,
}

/// `&[u8]` serialized as bytes rather than as a sequence.
mod serde_bytes_like {
    pub struct Bytes(pub &'static [u8]);

    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }
}

#[test]
fn serde_data_model_matches_serde_json() {
    let typed = Typed {
        none: None,
        nan: f64::NAN,
        small: 0.1,
        big: -5,
        bytes: serde_bytes_like::Bytes(b"hi"),
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(vec![]),
            Shape::Newtype(vec![1, 2]),
            Shape::Tuple(-1, None),
            Shape::Struct {
                a: (),
                b: [(1, 'x'), (-2, '\n')].into(),
            },
            Shape::Struct {
                a: (),
                b: BTreeMap::new(),
            },
        ],
        keyed: [(true, Shape::Unit), (false, Shape::Tuple(0, Some(7)))].into(),
        empty: vec![],
    };
    assert_same(&[typed]);
    assert!(to_yaml_typed(&[FloatKey]).is_err());
}

/// A map with a float key, which `serde_json` would format with `f32`/`f64` rules
/// of its own.
struct FloatKey;

impl Serialize for FloatKey {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map([(1.5, 1)])
    }
}

/// Any JSON value, a few levels deep, with strings that need every style.
fn any_json() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        "[a-z]{0,3}",
        Just("true".to_owned()),
        Just("0123".to_owned()),
        "[ a\\n:#\\-\\t]{0,6}",
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text.clone().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::vec((text.clone(), inner), 0..5)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Any JSON value reads back as itself. (`Value`s and typed values go through the
    /// same emitter: this checks it against an independent reader instead.)
    #[test]
    fn any_value_reads_back_as_itself(values in prop::collection::vec(any_json(), 0..4)) {
        for value in &values {
            prop_assert_eq!(&parse(&value_to_yaml(value)), value);
        }
    }
}
