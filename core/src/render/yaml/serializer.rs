//! The YAML emitter, a `serde::Serializer`: writes any `Serialize` value straight to
//! YAML text, typed objects without building a `serde_json::Value` tree first (for a
//! large workflow, building that tree was most of the rendering time) and `Value`s
//! alike, so both give the same bytes.
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

use std::fmt;

use serde::Serialize;
use serde::ser;
use serde_json::{Number, Value};

use super::error::Error;
use super::key::KeySerializer;
use super::scalar::{is_plain_key, push_indent, write_key, write_number, write_string_line};

/// What precedes every document of a stream but the first.
pub const DOCUMENT_SEPARATOR: &str = "---\n";

/// The output reserved for each object up front: a manifest is rarely under a kilobyte of
/// YAML, and growing a multi-megabyte output by doubling would copy it again and again.
pub const BYTES_PER_OBJECT: usize = 1024;

/// Renders objects as a multi-document YAML stream: each document after the first is
/// preceded by a `---` line; the output ends with a single newline (unless the last value
/// is a `|+` block scalar whose content itself ends with blank lines) and is empty for no
/// objects.
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
    /// Writes `null`, `true` or `false`.
    fn word(self, word: &str) -> Result<(), Error> {
        self.slot.begin_scalar(&mut self.out.text);
        self.out.text.push_str(word);
        self.out.text.push('\n');
        Ok(())
    }

    fn number(self, n: Number) -> Result<(), Error> {
        self.slot.begin_scalar(&mut self.out.text);
        write_number(&mut self.out.text, &n);
        self.out.text.push('\n');
        Ok(())
    }

    /// A float as `serde_json` holds it: a number when finite, else `null`.
    fn float(self, value: Value) -> Result<(), Error> {
        match value {
            Value::Number(n) => self.number(n),
            _ => self.word("null"),
        }
    }

    fn string(self, s: &str) -> Result<(), Error> {
        let owner = self.slot.begin_scalar(&mut self.out.text);
        write_string_line(&mut self.out.text, s, owner);
        Ok(())
    }

    fn collection(self, mapping: bool) -> Compound<'a> {
        // A nested mapping is indented, a sequence in a mapping is not (as kubectl writes
        // them), and the first entry of a collection in a sequence shares the line of its
        // `- `.
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
        self.word(if v { "true" } else { "false" })
    }

    integer_methods!(number);

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        if let Ok(v) = u64::try_from(v) {
            self.serialize_u64(v)
        } else if let Ok(v) = i64::try_from(v) {
            self.serialize_i64(v)
        } else {
            Err(Error::number_out_of_range())
        }
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(v) => self.serialize_u64(v),
            Err(_) => Err(Error::number_out_of_range()),
        }
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(Value::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(Value::from(v))
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
        self.word("null")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.word("null")
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.word("null")
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

/// The sequence-like serializer traits: each entry is a `- ` item.
macro_rules! sequence_impls {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

sequence_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

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

/// The struct serializer traits: each field is a `name:` entry.
macro_rules! struct_impls {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
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
    )*};
}

struct_impls!(SerializeStruct, SerializeStructVariant);
