//! A small, deterministic YAML emitter for Kubernetes objects.
//!
//! Hand-written instead of going through `serde_yaml` so that the output is
//! stable across library versions, keeps the key order of the input
//! (`serde_json` with `preserve_order`), has `kubectl get -o yaml`'s layout and
//! builds for `wasm32` without extra dependencies. There is one emitter, a
//! `serde::Serializer` (`serializer.rs`): typed objects and `serde_json::Value`s go
//! through it alike.
//!
//! # Layout
//!
//! * 2-space indentation, block mappings; block sequences are written at the
//!   same indentation as their key (`containers:\n- name: x`), like kubectl.
//! * Empty collections are `{}` and `[]`, null is `null`, booleans are
//!   `true`/`false`.
//! * Integers are written as `serde_json` prints them. Floats too, except that
//!   an exponent form gets a `.0` mantissa and an explicit exponent sign
//!   (`1e300` becomes `1.0e+300`), because YAML 1.1 parsers (PyYAML) only read
//!   `1.0e+300` as a float.
//! * Multi-document output puts `---\n` *before* every document but the first.
//! * Strings (values and keys alike) are plain, double-quoted or literal blocks, by
//!   the rules in `scalar.rs`.

/// The `serialize_i8` to `serialize_u64` methods of a serializer: each hands its number,
/// as a `serde_json::Number`, to the serializer's method `$write`.
macro_rules! integer_methods {
    ($write:ident) => {
        integer_methods!($write: serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
            serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
            serialize_u64(u64));
    };
    ($write:ident: $($method:ident($ty:ty)),*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.$write(v.into())
        }
    )*};
}

mod documents;
mod error;
mod key;
mod scalar;
mod serializer;
#[cfg(test)]
mod tests;

use serde_json::Value;

pub(crate) use documents::{Documents, joined_stream, write_documents};
pub use error::Error;
pub use serializer::{BYTES_PER_OBJECT, DOCUMENT_SEPARATOR, YamlWriter, to_yaml_typed};

/// Renders objects as a multi-document YAML stream, as [`to_yaml_typed`] does. Used for
/// `kubectl apply -f` style single-file output.
pub fn to_yaml(objects: &[Value]) -> String {
    to_yaml_typed(objects).expect("a serde_json::Value always serializes")
}

/// Renders a single value as one YAML document (no `---` marker), ending with
/// a newline. Used for one-object-per-file output.
pub fn value_to_yaml(v: &Value) -> String {
    let mut writer = YamlWriter::default();
    writer
        .write_document(v)
        .expect("a serde_json::Value always serializes");
    writer.into_string()
}
