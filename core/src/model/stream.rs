//! Reading the models straight from JSON text, without a `Value` tree.
//!
//! Reading through a [`Value`] (see [`super::read`]) built an object and a `String` per
//! key of the whole document before the model was read from it: most of the time and
//! memory of reading went there. Here the models are read from the text's tokens (see
//! [`super::scan`]): keys are borrowed from the text, objects of known models are read
//! field by field, strings and numbers go into the model as they are read
//! ([`super::leaves`]), and only other leaves (booleans, enums) or an unknown key's value
//! become a small `Value`, which then goes through the same conversions as on the `Value`
//! path. So both ways read the same model (a property test checks it on arbitrary
//! documents).
//!
//! Three rare shapes need a value that was already taken apart, so the fast reader gives
//! up on them and the caller reads the document through a `Value` instead: a node whose
//! `data` comes before its `type` (the type decides how data is read), a node with a
//! second `type` after its data, and a list of objects holding an item that is not an
//! object (the whole list is kept as it came). Syntax errors, and the JSON the scanner
//! leaves to serde_json, also go that way, so an error's message is serde_json's.

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::read::{FromObject, FromValue};
use super::scan::Scanner;
use super::{Wire, Workflow};

/// The workflow in `text`, or `None` when it must be read through a `Value` (a syntax
/// error, a document that is not an object, or one of the rare shapes above).
pub(crate) fn read_workflow(text: &str) -> Option<Workflow> {
    let mut scanner = Scanner::new(text);
    let workflow = (&mut scanner)
        .deserialize_map(ObjectOnly(PhantomData::<Workflow>))
        .ok()?;
    scanner.end().ok()?;
    Some(workflow)
}

/// A model read from JSON tokens into a [`Wire`].
pub(crate) trait ReadJson: FromValue {
    /// The field holding the next value. By default the value is read whole (leaves are
    /// small) and converted as on the `Value` path.
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        Value::deserialize(deserializer).map(Wire::from_owned_value)
    }
}

/// A model read from the entries of a JSON object, which it never refuses.
pub(crate) trait ReadObject: Sized {
    /// The model of the object whose entries `map` yields.
    fn read_object<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads the value of a map entry into the [`Wire`] of its field.
pub(crate) struct WireSeed<T>(PhantomData<T>);

impl<T> WireSeed<T> {
    pub(crate) fn new() -> Self {
        WireSeed(PhantomData)
    }
}

impl<'de, T: ReadJson> DeserializeSeed<'de> for WireSeed<T> {
    type Value = Wire<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Wire<T>, D::Error> {
        T::read_wire(deserializer)
    }
}

/// A key of a JSON object, borrowed from the text unless it holds escapes.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E: Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}

/// The error that sends a document to the `Value` path.
pub(crate) fn needs_value_path<E: Error>() -> E {
    E::custom("this shape is read through a JSON value")
}

/// Visitor methods for values that are neither objects, arrays nor null: each becomes
/// the `Value` it is (as serde_json's own `Value` reads it) and goes to `$convert`.
macro_rules! scalars_as_values {
    ($convert:expr) => {
        crate::model::stream::numbers_as_values!($convert);

        fn visit_str<E: Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok($convert(Value::String(value.to_owned())))
        }

        fn visit_string<E: Error>(self, value: String) -> Result<Self::Value, E> {
            Ok($convert(Value::String(value)))
        }
    };
}

/// [`scalars_as_values`] but for strings: booleans and numbers become their `Value`.
macro_rules! numbers_as_values {
    ($convert:expr) => {
        fn visit_bool<E: Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok($convert(Value::Bool(value)))
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok($convert(Value::from(value)))
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok($convert(Value::from(value)))
        }

        fn visit_f64<E: Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok($convert(Value::from(value)))
        }
    };
}

pub(crate) use {numbers_as_values, scalars_as_values};

/// The field of a model read from an object; any other value is read whole and refused
/// (or accepted) as on the `Value` path.
pub(crate) fn read_object_wire<'de, T, D>(deserializer: D) -> Result<Wire<T>, D::Error>
where
    T: ReadObject + FromValue,
    D: Deserializer<'de>,
{
    deserializer.deserialize_any(ObjectOr(PhantomData))
}

struct ObjectOr<T>(PhantomData<T>);

impl<'de, T: ReadObject + FromValue> Visitor<'de> for ObjectOr<T> {
    type Value = Wire<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Wire<T>, A::Error> {
        T::read_object(map).map(Wire::Valid)
    }

    fn visit_unit<E: Error>(self) -> Result<Wire<T>, E> {
        Ok(Wire::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Wire<T>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Wire::from_owned_value)
    }

    scalars_as_values!(Wire::from_owned_value);
}

/// A model that must be an object; anything else sends the document to the `Value` path.
struct ObjectOnly<T>(PhantomData<T>);

impl<'de, T: ReadObject> DeserializeSeed<'de> for ObjectOnly<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: ReadObject> Visitor<'de> for ObjectOnly<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_object(map)
    }
}

/// A large model held boxed, read as the model itself.
impl<T: ReadJson> ReadJson for Box<T> {
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        Ok(match T::read_wire(deserializer)? {
            Wire::Absent => Wire::Absent,
            Wire::Null => Wire::Null,
            Wire::Valid(read) => Wire::Valid(Box::new(read)),
            Wire::Invalid(refused) => Wire::Invalid(refused),
        })
    }
}

/// A list of fields: each item is read on its own, so none refuses the list.
impl<T: ReadJson + DeserializeOwned> ReadJson for Vec<Wire<T>> {
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        deserializer.deserialize_any(ListOf(PhantomData::<WireSeed<T>>))
    }
}

/// A list of objects. One item that is not an object refuses the whole list, kept as it
/// came: that list is read through a `Value`.
impl<T: ReadObject + FromObject + DeserializeOwned> ReadJson for Vec<T> {
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        deserializer.deserialize_any(ListOf(PhantomData::<ObjectOnly<T>>))
    }
}

/// A list whose items `S` reads; any other value is read whole and converted as on the
/// `Value` path.
struct ListOf<S>(PhantomData<S>);

impl<'de, S> Visitor<'de> for ListOf<S>
where
    S: DeserializeSeed<'de> + Default,
    Vec<S::Value>: FromValue,
{
    type Value = Wire<Vec<S::Value>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(S::default())? {
            items.push(item);
        }
        Ok(Wire::Valid(items))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Wire::Null)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Wire::from_owned_value)
    }

    scalars_as_values!(Wire::from_owned_value);
}

impl<T> Default for WireSeed<T> {
    fn default() -> Self {
        WireSeed::new()
    }
}

impl<T> Default for ObjectOnly<T> {
    fn default() -> Self {
        ObjectOnly(PhantomData)
    }
}

/// Where the object of a model comes from: a parsed `Value` object or JSON tokens. Code
/// that picks the model to read (a node's data, by its type) is written once for both.
pub(crate) trait ObjectSource<'de> {
    type Error;

    /// The model `T` of the object.
    fn read<T: FromObject + ReadObject>(self) -> Result<T, Self::Error>;
}

impl ObjectSource<'_> for &Map<String, Value> {
    type Error = Infallible;

    fn read<T: FromObject + ReadObject>(self) -> Result<T, Infallible> {
        Ok(T::from_object(self))
    }
}

/// The entries of an object being read from JSON tokens.
pub(crate) struct Entries<A>(pub(crate) A);

impl<'de, A: MapAccess<'de>> ObjectSource<'de> for Entries<A> {
    type Error = A::Error;

    fn read<T: FromObject + ReadObject>(self) -> Result<T, A::Error> {
        T::read_object(self.0)
    }
}
