//! Field wrappers that make reading total and lossless.
//!
//! Canvas front ends send `3.0` for integers, `null` for empty boxes and, now and then, a
//! value of the wrong type. [`Wire`] keeps each of those exactly as it arrived, so a parse
//! never fails on one bad field, every bad field can be reported, and writing the model
//! back gives the input again.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::path::{FieldPath, InvalidField};

/// One field as it arrived: absent, `null`, a value of the expected type, or a value of
/// another type (kept verbatim together with the reason it was refused).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Wire<T> {
    /// The key was not in the input.
    #[default]
    Absent,
    /// The key held `null`.
    Null,
    /// The key held a value of the expected type.
    Valid(T),
    /// The key held a value of another type (boxed: such values are rare, and an inline
    /// one would make every field of every node several times larger).
    Invalid(Box<InvalidValue>),
}

/// A value refused by its field's type, kept so that it survives a round trip.
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidValue {
    /// The value exactly as read.
    pub raw: Value,
    /// Why it was refused, in serde's words (for example "expected an integer").
    pub reason: String,
}

impl<T> Wire<T> {
    /// The value when it has the expected type.
    pub fn get(&self) -> Option<&T> {
        match self {
            Wire::Valid(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the key was missing from the input (used to skip it on output).
    pub fn is_absent(&self) -> bool {
        matches!(self, Wire::Absent)
    }

    /// Whether the field carries no usable value (absent or `null`).
    pub fn is_missing(&self) -> bool {
        matches!(self, Wire::Absent | Wire::Null)
    }

    /// Whether the field holds a value of the wrong type.
    pub fn is_invalid(&self) -> bool {
        matches!(self, Wire::Invalid(_))
    }
}

/// `text` without leading and trailing whitespace, as [`str::trim`] gives it. Names and
/// values are trimmed on every read, and nearly all start and end with a visible ASCII
/// character: checking the two ends first costs a few instructions where `str::trim`
/// decodes characters from both ends.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let visible = |byte: &u8| (b'!'..=b'~').contains(byte);
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(visible) && bytes.last().is_some_and(visible) {
        text
    } else {
        text.trim()
    }
}

impl Wire<String> {
    /// The string value, if present and a string.
    pub fn as_str(&self) -> Option<&str> {
        self.get().map(String::as_str)
    }

    /// The trimmed string value when present and not blank.
    pub fn non_empty(&self) -> Option<&str> {
        self.as_str().map(trim).filter(|text| !text.is_empty())
    }
}

impl Wire<Int> {
    /// The integer value, if present and integral.
    pub fn int(&self) -> Option<i64> {
        self.get().map(Int::value)
    }
}

impl Wire<bool> {
    /// The boolean value, `false` when absent.
    pub fn is_true(&self) -> bool {
        self.get().copied().unwrap_or(false)
    }
}

impl<T> Wire<Vec<T>> {
    /// The items, or an empty slice when absent, null or invalid.
    pub fn items(&self) -> &[T] {
        self.get().map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Large nested models (probes, hooks, security contexts, affinity, resources) are held
/// as `Wire<Box<T>>`: most workloads have none of them, and inline each cost its whole
/// size in every workload node (about 3.4 KB a Deployment), absent or not.
impl<T> Wire<Box<T>> {
    /// The value when it has the expected type.
    pub fn unboxed(&self) -> Option<&T> {
        self.get().map(Box::as_ref)
    }
}

impl<T> From<T> for Wire<T> {
    fn from(value: T) -> Self {
        Wire::Valid(value)
    }
}

impl<T: Serialize> Serialize for Wire<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Wire::Absent | Wire::Null => serializer.serialize_unit(),
            Wire::Valid(value) => value.serialize(serializer),
            Wire::Invalid(invalid) => invalid.raw.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Wire<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(deserializer)?;
        if raw.is_null() {
            return Ok(Wire::Null);
        }
        Ok(match T::deserialize(&raw) {
            Ok(value) => Wire::Valid(value),
            Err(error) => Wire::Invalid(Box::new(InvalidValue {
                raw,
                reason: error.to_string(),
            })),
        })
    }
}

impl<T: JsonSchema> JsonSchema for Wire<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Nullable_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Option<T>>::json_schema(generator)
    }
}

/// A JSON integer that remembers how it was written (`3` or `3.0`).
#[derive(Clone, Debug, PartialEq)]
pub struct Int(serde_json::Number);

impl Int {
    /// The integer value.
    pub fn value(&self) -> i64 {
        integral(&self.0).unwrap_or_default()
    }

    /// The number, if it is an integer in range (as reading one accepts it).
    pub(crate) fn from_number(number: serde_json::Number) -> Option<Int> {
        integral(&number).map(|_| Int(number))
    }
}

impl From<i64> for Int {
    fn from(value: i64) -> Self {
        Int(value.into())
    }
}

fn integral(number: &serde_json::Number) -> Option<i64> {
    if let Some(value) = number.as_i64() {
        return Some(value);
    }
    let float = number.as_f64()?;
    // i64::MAX as f64 rounds up to 2^63, which is out of range: compare strictly.
    let in_range = float >= i64::MIN as f64 && float < i64::MAX as f64;
    (float.fract() == 0.0 && in_range).then_some(float as i64)
}

impl Serialize for Int {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)
            .map_err(|_| D::Error::custom("expected an integer"))?;
        match integral(&number) {
            Some(_) => Ok(Int(number)),
            None => Err(D::Error::custom(format!(
                "expected an integer, found {number}"
            ))),
        }
    }
}

impl JsonSchema for Int {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Int".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer" })
    }
}

/// A JSON number of any kind, written back exactly as read (canvas coordinates).
#[derive(Clone, Debug, PartialEq)]
pub struct Float(pub serde_json::Number);

impl Float {
    /// The value as a float.
    pub fn value(&self) -> f64 {
        self.0.as_f64().unwrap_or_default()
    }
}

impl Serialize for Float {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Float {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Number::deserialize(deserializer)
            .map(Float)
            .map_err(|_| D::Error::custom("expected a number"))
    }
}

impl JsonSchema for Float {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Float".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number" })
    }
}

/// An integer or a string, as Kubernetes' `IntOrString` (ports, `maxUnavailable`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum IntOrString {
    /// A number such as `8080` or `1`.
    Int(Int),
    /// A string such as `"http"` or `"25%"`.
    String(String),
}

/// A resource quantity as typed: Kubernetes accepts `"250m"` as well as a bare `1`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum QuantityText {
    /// A quantity string such as `"512Mi"`.
    String(String),
    /// A bare number such as `1` or `0.5`.
    Number(Float),
}

impl QuantityText {
    /// The quantity as Kubernetes would read it.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            QuantityText::String(text) => Cow::Borrowed(trim(text)),
            QuantityText::Number(number) => Cow::Owned(number.0.to_string()),
        }
    }
}

/// Walks a model and reports every value that was refused by its field's type.
pub trait CheckWire {
    /// Pushes an [`InvalidField`] for each refused value under `at`.
    fn collect_invalid(&self, at: &mut FieldPath, out: &mut Vec<InvalidField>);

    /// [`CheckWire::collect_invalid`] for the value under the key `key` of `at`.
    fn collect_invalid_under(&self, key: &str, at: &mut FieldPath, out: &mut Vec<InvalidField>) {
        at.push_key(key);
        self.collect_invalid(at, out);
        at.pop();
    }

    /// Whether any value below was refused. Builds no paths, so checking a large valid
    /// document this way is much cheaper than collecting.
    fn has_invalid(&self) -> bool {
        let mut found = Vec::new();
        self.collect_invalid(&mut FieldPath::root(), &mut found);
        !found.is_empty()
    }
}

impl<T: CheckWire> CheckWire for Wire<T> {
    fn collect_invalid(&self, at: &mut FieldPath, out: &mut Vec<InvalidField>) {
        match self {
            Wire::Valid(value) => value.collect_invalid(at, out),
            Wire::Invalid(invalid) => out.push(InvalidField {
                path: at.clone(),
                reason: invalid.reason.clone(),
            }),
            Wire::Absent | Wire::Null => {}
        }
    }

    fn has_invalid(&self) -> bool {
        match self {
            Wire::Valid(value) => value.has_invalid(),
            Wire::Invalid(_) => true,
            Wire::Absent | Wire::Null => false,
        }
    }
}

impl<T: CheckWire> CheckWire for Box<T> {
    fn collect_invalid(&self, at: &mut FieldPath, out: &mut Vec<InvalidField>) {
        T::collect_invalid(self, at, out);
    }

    fn has_invalid(&self) -> bool {
        T::has_invalid(self)
    }
}

impl<T: CheckWire> CheckWire for Vec<T> {
    fn collect_invalid(&self, at: &mut FieldPath, out: &mut Vec<InvalidField>) {
        for (index, item) in self.iter().enumerate() {
            at.push_index(index);
            item.collect_invalid(at, out);
            at.pop();
        }
    }

    fn has_invalid(&self) -> bool {
        self.iter().any(T::has_invalid)
    }
}

/// Collects the refused values of each field under its key, in order.
pub(crate) fn collect_fields(
    fields: &[(&str, &dyn CheckWire)],
    at: &mut FieldPath,
    out: &mut Vec<InvalidField>,
) {
    for (key, field) in fields {
        field.collect_invalid_under(key, at, out);
    }
}

/// Types whose values hold no [`Wire`] fields of their own.
macro_rules! leaf_check {
    ($($ty:ty),* $(,)?) => {
        $(impl crate::model::CheckWire for $ty {
            fn collect_invalid(
                &self,
                _: &mut crate::model::FieldPath,
                _: &mut Vec<crate::model::InvalidField>,
            ) {
            }

            fn has_invalid(&self) -> bool {
                false
            }
        })*
    };
}

// Any JSON value is valid here, so it is read whole. Typed leaves (strings, numbers, enums)
// are declared with `read::leaf!`, which also reads them through serde.
leaf_check!(Value, indexmap::IndexMap<String, Value>);

pub(crate) use leaf_check;
