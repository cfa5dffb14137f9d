//! Conversions between JS values and the facade's Rust types.
//!
//! Inputs go through JSON text: a string is taken as JSON text as it is, and any other
//! value is read exactly as `JSON.stringify` writes it. That is the contract a canvas
//! expects (it would otherwise post the same object as JSON to the server): a property
//! holding `undefined` is absent rather than `null` (the core tells the two apart),
//! `toJSON` is honoured (a `Date` becomes its ISO string), and the facade parses once
//! with the same parser the CLI uses. It is also faster than walking the object from
//! Rust one property at a time. Results are plain objects and arrays in the shape of the
//! CLI's `--format json` (the core's own `Serialize` impls, no second copy of the shape).

use js_sys::{JSON, RangeError, TypeError};
use kubegraph_bindings::{Error, Options};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// The workflow as JSON text: a string as it is, anything else through `JSON.stringify`.
///
/// `undefined`, functions and symbols stringify to nothing and are read as `null`, which
/// the facade reports as an `invalid-document` diagnostic like any other non-object.
/// Throws what `JSON.stringify` throws (a `TypeError` for cycles and `BigInt`s).
pub fn workflow_text(workflow: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = workflow.as_string() {
        return Ok(text);
    }
    Ok(JSON::stringify(workflow)?
        .as_string()
        .unwrap_or_else(|| "null".to_owned()))
}

/// The options object; `undefined` and `null` mean the defaults.
///
/// Unknown keys and wrong types throw a `TypeError`: the caller, not the workflow, has to
/// change.
pub fn options(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let text = JSON::stringify(options)?
        .as_string()
        .unwrap_or_else(|| "null".to_owned());
    let value = serde_json::from_str(&text)
        .map_err(|error| type_error(&format!("invalid options: {error}")))?;
    Options::from_value(value).map_err(error)
}

/// A facade error as the JS error class that fits it.
pub fn error(error: Error) -> JsValue {
    let message = error.to_string();
    match error {
        // The argument has the wrong shape: what JS throws for a wrong argument type.
        Error::InvalidOptions(_) => type_error(&message),
        // The argument is outside the accepted set of names.
        Error::UnknownSchema(..) => RangeError::new(&message).unchecked_into(),
    }
}

/// A result as plain JS objects and arrays (not `Map`s), numbers as numbers.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

fn type_error(message: &str) -> JsValue {
    TypeError::new(message).unchecked_into()
}
