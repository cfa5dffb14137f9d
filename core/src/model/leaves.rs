//! The commonest leaves read straight from JSON tokens: strings, string maps (labels,
//! selectors, ConfigMap data), string lists, and numbers (coordinates, ports, replicas,
//! quantities).
//!
//! Read as a `Value` first (the default of [`ReadJson`]), each string became a
//! `Value::String` and each map a `serde_json::Map` with its own hash index, which was
//! then taken apart into the model; an untagged number-or-string went through serde's
//! buffering of untagged enums. Here a string or a number goes into the model as it is
//! read. Any other shape (a number where a string belongs, a map holding a number, a
//! fraction where an integer belongs) is read on as a `Value` and converted as on the
//! `Value` path, so both ways read the same model and refuse the same values with the
//! same reasons.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::read::FromValue;

use super::Wire;
use super::kinds::StringMap;
use super::stream::{Key, ReadJson, numbers_as_values};
use super::wire::{Float, Int, IntOrString, QuantityText};

impl ReadJson for String {
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        deserializer.deserialize_any(StringLeaf)
    }
}

impl ReadJson for StringMap {
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        deserializer.deserialize_any(StringMapLeaf)
    }
}

impl ReadJson for Vec<String> {
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        deserializer.deserialize_any(StringListLeaf)
    }
}

/// For a scalar leaf: null is null, and a list or object is read as its `Value` (and
/// refused).
macro_rules! null_and_containers_as_values {
    () => {
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Wire::Null)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Value::deserialize(SeqAccessDeserializer::new(seq)).map(Wire::from_owned_value)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Value::deserialize(MapAccessDeserializer::new(map)).map(Wire::from_owned_value)
        }
    };
}

/// For a container leaf: null is null, and any scalar is read as its `Value` (and refused).
macro_rules! scalars_and_null_as_values {
    () => {
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Wire::Null)
        }

        numbers_as_values!(Wire::from_owned_value);

        fn visit_str<E: Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok(Wire::from_owned_value(Value::String(value.to_owned())))
        }
    };
}

struct StringLeaf;

impl<'de> Visitor<'de> for StringLeaf {
    type Value = Wire<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Wire::Valid(value.to_owned()))
    }

    fn visit_string<E: Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Wire::Valid(value))
    }

    null_and_containers_as_values!();

    numbers_as_values!(Wire::from_owned_value);
}

struct StringMapLeaf;

impl<'de> Visitor<'de> for StringMapLeaf {
    type Value = Wire<StringMap>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut strings = StringMap::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match map.next_value::<Value>()? {
                Value::String(text) => {
                    strings.insert(key.into_owned(), text);
                }
                other => {
                    // Not a string map after all: the whole object, as the `Value` path
                    // reads it (a repeated key keeps its first place and its last value).
                    let mut object: Map<String, Value> = strings
                        .into_iter()
                        .map(|(key, text)| (key, Value::String(text)))
                        .collect();
                    object.insert(key.into_owned(), other);
                    while let Some((key, value)) = map.next_entry::<String, Value>()? {
                        object.insert(key, value);
                    }
                    return Ok(Wire::from_owned_value(Value::Object(object)));
                }
            }
        }
        Ok(Wire::Valid(strings))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Wire::from_owned_value)
    }

    scalars_and_null_as_values!();
}

struct StringListLeaf;

impl<'de> Visitor<'de> for StringListLeaf {
    type Value = Wire<Vec<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut strings = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            match item {
                Value::String(text) => strings.push(text),
                other => {
                    // Not a string list after all: the whole list, as the `Value` path reads it.
                    let mut items: Vec<Value> = strings.into_iter().map(Value::String).collect();
                    items.push(other);
                    while let Some(item) = seq.next_element::<Value>()? {
                        items.push(item);
                    }
                    return Ok(Wire::from_owned_value(Value::Array(items)));
                }
            }
        }
        Ok(Wire::Valid(strings))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Wire::from_owned_value)
    }

    scalars_and_null_as_values!();
}

/// A number or a string, as its model reads it; `None` for a value read as a `Value`.
trait NumberLeaf: Sized {
    fn integer(number: Number) -> Option<Self>;

    fn float(_value: f64) -> Option<Self> {
        None
    }

    fn text(_value: &str) -> Option<Self> {
        None
    }
}

impl NumberLeaf for Float {
    fn integer(number: Number) -> Option<Self> {
        Some(Float(number))
    }

    fn float(value: f64) -> Option<Self> {
        Number::from_f64(value).map(Float)
    }
}

/// A fraction, or an integer out of range, is refused with a reason naming it, as on the
/// `Value` path.
impl NumberLeaf for Int {
    fn integer(number: Number) -> Option<Self> {
        Int::from_number(number)
    }
}

impl NumberLeaf for IntOrString {
    fn integer(number: Number) -> Option<Self> {
        Int::from_number(number).map(IntOrString::Int)
    }

    fn text(value: &str) -> Option<Self> {
        Some(IntOrString::String(value.to_owned()))
    }
}

impl NumberLeaf for QuantityText {
    fn integer(number: Number) -> Option<Self> {
        Some(QuantityText::Number(Float(number)))
    }

    fn float(value: f64) -> Option<Self> {
        Float::float(value).map(QuantityText::Number)
    }

    fn text(value: &str) -> Option<Self> {
        Some(QuantityText::String(value.to_owned()))
    }
}

macro_rules! number_leaves {
    ($($ty:ty),*) => {
        $(impl ReadJson for $ty {
            fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
                deserializer.deserialize_any(NumberLeafVisitor(PhantomData::<$ty>))
            }
        })*
    };
}

number_leaves!(Float, Int, IntOrString, QuantityText);

struct NumberLeafVisitor<T>(PhantomData<T>);

impl<T: NumberLeaf + FromValue> NumberLeafVisitor<T> {
    fn read(read: Option<T>, value: impl FnOnce() -> Value) -> Wire<T> {
        match read {
            Some(read) => Wire::Valid(read),
            None => Wire::from_owned_value(value()),
        }
    }
}

impl<'de, T: NumberLeaf + FromValue> Visitor<'de> for NumberLeafVisitor<T> {
    type Value = Wire<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Self::read(T::integer(value.into()), || Value::from(value)))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Self::read(T::integer(value.into()), || Value::from(value)))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Self::read(T::float(value), || Value::from(value)))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Self::read(T::text(value), || {
            Value::String(value.to_owned())
        }))
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Wire::from_owned_value(Value::Bool(value)))
    }

    null_and_containers_as_values!();
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::model::Workflow;
    use crate::model::read::FromValue;
    use crate::model::stream::read_workflow;

    /// Read from the text, as from a parsed value.
    fn reads_as_a_value_reads_it(text: &str) -> Workflow {
        let value: Value = serde_json::from_str(text).expect("valid JSON");
        let read = read_workflow(text).expect("read from the text");
        assert_eq!(
            read,
            Workflow::from_value(&value).expect("an object"),
            "{text}"
        );
        read
    }

    #[test]
    fn a_leaf_of_another_shape_is_read_as_the_value_path_reads_it() {
        for text in [
            // A string map with a number in it, before and after a repeated key.
            r#"{"nodes": [{"id": "a", "type": "deployment", "data": {"labels": {"a": "x", "b": 1, "a": "y"}}}]}"#,
            r#"{"nodes": [{"id": "a", "type": "deployment", "data": {"labels": {"b": 1, "a": "x", "b": "z"}}}]}"#,
            // A string list with a number in it, and a list where a string belongs.
            r#"{"tags": ["a", 1, "b"], "nodes": [{"id": ["a"], "type": "service", "data": {"name": 7}}]}"#,
            // Numbers of every kind where integers, numbers and quantities belong.
            r#"{"nodes": [{"id": "a", "type": "deployment", "position": {"x": -0, "y": 1e3},
                "data": {"replicas": 18446744073709551615, "port": 2.5, "resources": {"limits": {"cpu": 0.5, "memory": -3}}}},
                {"id": "b", "type": "service", "position": {"x": 12.75, "y": "top"},
                "data": {"port": -9223372036854775808, "targetPort": 18446744073709551615}},
                {"id": "c", "type": "service", "data": {"port": true, "targetPort": 8.0}},
                {"id": "d", "type": "service", "data": {"port": 80, "targetPort": "http"}}]}"#,
            // A map where a list belongs, a list where a map belongs, and nulls.
            r#"{"tags": {"a": "b"}, "nodes": [{"id": null, "type": "configmap", "data": {"data": ["a"], "name": null}}]}"#,
        ] {
            reads_as_a_value_reads_it(text);
        }
    }

    #[test]
    fn a_repeated_label_keeps_its_first_place_and_its_last_value() {
        let read = reads_as_a_value_reads_it(
            r#"{"nodes": [{"id": "a", "type": "deployment", "data": {"labels": {"a": "x", "b": "y", "a": "z"}}}]}"#,
        );
        let labels =
            serde_json::to_value(&read).expect("a model writes")["nodes"][0]["data"]["labels"]
                .clone();
        assert_eq!(labels.to_string(), r#"{"a":"z","b":"y"}"#);
    }
}
