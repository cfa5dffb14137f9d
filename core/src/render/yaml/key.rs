//! Map keys: `serde_json` turns integer, bool and char keys into strings and refuses
//! every other kind; so does this serializer, then writes the key.

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Number;

use super::error::Error;
use super::scalar::write_key;

/// Writes a mapping key and its `:`, turning the key types `serde_json` accepts into
/// strings the way it does.
pub(super) struct KeySerializer<'a> {
    pub(super) out: &'a mut String,
    /// Column of the key.
    pub(super) column: usize,
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

    integer_methods!(number);

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.key(&v.to_string())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.key(&v.to_string())
    }

    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.key(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.key(v)
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(Error::key_not_a_string())
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
        Err(Error::key_not_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(Error::key_not_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error::key_not_a_string())
    }
}
