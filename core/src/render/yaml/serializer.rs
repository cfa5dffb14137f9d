//! The YAML emitter as a `serde::Serializer`: writes any `Serialize` value straight to
//! YAML text, byte for byte what [`to_yaml`](super::to_yaml) writes for that value's
//! `serde_json::to_value`, without building the `Value` tree first. For a large
//! workflow, building that tree was most of the rendering time (nearly every node of
//! it is an allocation).
//!
//! It mirrors `serde_json`'s value serializer (with `preserve_order`): mapping entries
//! in serialization order, `None`/unit as `null`, non-finite floats as `null`, bytes as a
//! sequence of numbers, enums externally tagged, integer, bool and char map keys as
//! strings. Unlike a `Map`, it cannot merge a key serialized twice; no `Serialize` impl
//! it is used for does that. Float map keys are refused.
//!
//! A collection is written lazily: what precedes its first entry depends on whether it
//! is empty (`{}` and `[]` are written as scalars), which is known only at its first
//! entry or its end.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Number, Value};

use super::{
    DOCUMENT_SEPARATOR, is_plain_key, push_indent, write_inline_scalar, write_key,
    write_string_line,
};

/// The output reserved for each object up front: a manifest is rarely under a kilobyte of
/// YAML, and growing a multi-megabyte output by doubling would copy it again and again.
pub const BYTES_PER_OBJECT: usize = 1024;

/// Renders objects as a multi-document YAML stream, exactly as [`to_yaml`](super::to_yaml)
/// renders their `serde_json` values.
///
/// # Errors
///
/// When a value fails to serialize, or cannot be represented as JSON (a map key that
/// is not a string, integer, bool or char; an integer beyond 64 bits).
pub fn to_yaml_typed<'a, T: Serialize + 'a>(
    objects: impl IntoIterator<Item = &'a T>,
) -> Result<String, Error> {
    let objects = objects.into_iter();
    let mut writer = YamlWriter::with_capacity(objects.size_hint().0 * BYTES_PER_OBJECT);
    for (i, object) in objects.enumerate() {
        if i > 0 {
            writer.text.push_str(DOCUMENT_SEPARATOR);
        }
        writer.write_document(object)?;
    }
    Ok(writer.into_string())
}

/// Struct field names remembered as plain: a few hundred names, each met thousands of
/// times.
const FIELD_SLOTS: usize = 1024;

/// YAML documents written one after another, as [`to_yaml_typed`] writes each.
///
/// It remembers which struct field names (the `&'static str` keys of `Serialize` impls,
/// which never change) need no quoting, so that each is checked once, not at every object:
/// keys are about half of all the strings in a manifest.
pub struct YamlWriter {
    text: String,
    /// Address and length of the field names known to be plain keys, by a hash of the
    /// address. Boxed: it is 16 KiB.
    plain_fields: Box<[(usize, usize); FIELD_SLOTS]>,
}

impl YamlWriter {
    /// An empty writer with room for `bytes` of text.
    pub fn with_capacity(bytes: usize) -> Self {
        YamlWriter {
            text: String::with_capacity(bytes),
            plain_fields: Box::new([(0, 0); FIELD_SLOTS]),
        }
    }

    /// Appends `object` as one YAML document, without a separator.
    ///
    /// # Errors
    ///
    /// As [`to_yaml_typed`]; what was written of the object stays.
    pub fn write_document<T: Serialize + ?Sized>(&mut self, object: &T) -> Result<(), Error> {
        object.serialize(YamlSerializer {
            out: self,
            slot: Slot::Document,
        })
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text written, giving up the writer.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Writes a struct field name at `column` (the indentation already written) and its
    /// `:`.
    fn field_key(&mut self, key: &'static str, column: usize) {
        let address = key.as_ptr() as usize;
        // Names lie side by side in memory: a multiplicative hash spreads them over the
        // slots, where the low bits of their addresses would collide.
        let hash = (address as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54;
        let slot = &mut self.plain_fields[hash as usize % FIELD_SLOTS];
        if *slot == (address, key.len()) || is_plain_key(key) {
            *slot = (address, key.len());
            self.text.push_str(key);
            self.text.push(':');
        } else {
            write_key(&mut self.text, key, column);
        }
    }
}

impl Default for YamlWriter {
    fn default() -> Self {
        YamlWriter::with_capacity(0)
    }
}

/// The text may hold Secret values: only its length is shown.
impl fmt::Debug for YamlWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("YamlWriter")
            .field("bytes", &self.text.len())
            .finish_non_exhaustive()
    }
}

/// Why a value could not be rendered.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Where a value goes, which decides what is written around it.
#[derive(Clone, Copy)]
enum Slot {
    /// A whole document.
    Document,
    /// After `key:`, the key at this column.
    MapValue(usize),
    /// After `- `, the dash at this column.
    SeqItem(usize),
}

impl Slot {
    /// Writes what separates a scalar from its key and returns the owner column that
    /// block scalars are indented from.
    fn begin_scalar(self, out: &mut String) -> usize {
        match self {
            Slot::Document => 0,
            Slot::MapValue(key) => {
                out.push(' ');
                key
            }
            Slot::SeqItem(dash) => dash,
        }
    }
}

/// Writes one value into `out` at `slot`.
struct YamlSerializer<'a> {
    out: &'a mut YamlWriter,
    slot: Slot,
}

impl<'a> YamlSerializer<'a> {
    fn scalar(self, value: &Value) -> Result<(), Error> {
        self.slot.begin_scalar(&mut self.out.text);
        write_inline_scalar(&mut self.out.text, value);
        self.out.text.push('\n');
        Ok(())
    }

    fn string(self, s: &str) -> Result<(), Error> {
        let owner = self.slot.begin_scalar(&mut self.out.text);
        write_string_line(&mut self.out.text, s, owner);
        Ok(())
    }

    fn collection(self, mapping: bool) -> Compound<'a> {
        // Same layout as `write_entry_value` and `write_sequence`: a nested mapping is
        // indented, a sequence in a mapping is not, and the first entry of a collection
        // in a sequence shares the line of its `- `.
        let (column, newline_first, inline_first) = match (self.slot, mapping) {
            (Slot::Document, _) => (0, false, false),
            (Slot::MapValue(key), true) => (key + 2, true, false),
            (Slot::MapValue(key), false) => (key, true, false),
            (Slot::SeqItem(dash), _) => (dash + 2, false, true),
        };
        Compound {
            out: self.out,
            slot: self.slot,
            mapping,
            column,
            newline_first,
            inline_first,
            len: 0,
        }
    }

    /// Starts the one-entry mapping `variant: ...` of an externally tagged enum variant
    /// and returns the slot of its value.
    fn variant(self, variant: &'static str) -> (&'a mut YamlWriter, Slot) {
        let mut map = self.collection(true);
        map.begin_entry();
        map.out.field_key(variant, map.column);
        (map.out, Slot::MapValue(map.column))
    }
}

/// A mapping or sequence being written.
struct Compound<'a> {
    out: &'a mut YamlWriter,
    /// Where the collection itself goes (for writing it as `{}` or `[]`).
    slot: Slot,
    mapping: bool,
    /// Column of the keys or dashes.
    column: usize,
    /// A line break precedes the first entry (a collection after `key:`).
    newline_first: bool,
    /// The first entry continues the current line (a collection after `- `).
    inline_first: bool,
    len: usize,
}

impl Compound<'_> {
    /// Writes what precedes an entry's key or dash.
    fn begin_entry(&mut self) {
        if self.len == 0 && self.newline_first {
            self.out.text.push('\n');
        }
        if self.len > 0 || !self.inline_first {
            push_indent(&mut self.out.text, self.column);
        }
        self.len += 1;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.begin_entry();
        self.out.text.push_str("- ");
        value.serialize(YamlSerializer {
            out: self.out,
            slot: Slot::SeqItem(self.column),
        })
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.begin_entry();
        key.serialize(KeySerializer {
            out: &mut self.out.text,
            column: self.column,
        })
    }

    /// A struct field name: always a string, and remembered once found plain.
    fn field(&mut self, key: &'static str) {
        self.begin_entry();
        self.out.field_key(key, self.column);
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(YamlSerializer {
            out: self.out,
            slot: Slot::MapValue(self.column),
        })
    }

    fn finish(self) -> Result<(), Error> {
        if self.len == 0 {
            self.slot.begin_scalar(&mut self.out.text);
            self.out
                .text
                .push_str(if self.mapping { "{}\n" } else { "[]\n" });
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for YamlSerializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(&Value::Bool(v))
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(&Value::Number(v.into()))
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        if let Ok(v) = u64::try_from(v) {
            self.serialize_u64(v)
        } else if let Ok(v) = i64::try_from(v) {
            self.serialize_i64(v)
        } else {
            Err(Error("number out of range".to_owned()))
        }
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(&Value::Number(v.into()))
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(v) => self.serialize_u64(v),
            Err(_) => Err(Error("number out of range".to_owned())),
        }
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.scalar(&Value::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.scalar(&Value::from(v))
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.collection(false);
        for byte in v {
            seq.element(byte)?;
        }
        seq.finish()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.scalar(&Value::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.scalar(&Value::Null)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.scalar(&Value::Null)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let (out, slot) = self.variant(variant);
        value.serialize(YamlSerializer { out, slot })
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.collection(false))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.collection(false))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.collection(false))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        let (out, slot) = self.variant(variant);
        Ok(YamlSerializer { out, slot }.collection(false))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.collection(true))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.collection(true))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        let (out, slot) = self.variant(variant);
        Ok(YamlSerializer { out, slot }.collection(true))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.value(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key);
        self.value(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key);
        self.value(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// Writes a mapping key and its `:`, turning the key types `serde_json` accepts into
/// strings the way it does.
struct KeySerializer<'a> {
    out: &'a mut String,
    /// Column of the key.
    column: usize,
}

impl KeySerializer<'_> {
    fn key(self, key: &str) -> Result<(), Error> {
        write_key(self.out, key, self.column);
        Ok(())
    }

    fn number(self, n: Number) -> Result<(), Error> {
        self.key(&n.to_string())
    }
}

/// The error for a key `serde_json` would refuse (or, for floats, format differently).
fn key_error() -> Error {
    Error("map key must be a string".to_owned())
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.key(if v { "true" } else { "false" })
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.key(&v.to_string())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(v.into())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.key(&v.to_string())
    }

    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.key(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.key(v)
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.key(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::render::yaml::to_yaml;

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
        #[test]
        fn any_value_renders_the_same(values in prop::collection::vec(any_json(), 0..4)) {
            let typed = to_yaml_typed(&values).expect("serializes");
            prop_assert_eq!(typed, to_yaml(&values));
        }
    }
}
