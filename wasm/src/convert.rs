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

use std::collections::BTreeMap;
use std::sync::Arc;

use js_sys::{
    Array, JSON, JsString, Object, RangeError, Reflect, SyntaxError, TypeError, Uint8Array,
};
use kubegraph::Diagnostic;
use kubegraph::document::CompiledObject;
use kubegraph_bindings::document::DocumentError;
use kubegraph_bindings::{Code, Error, Fix, GraphFormat, Options};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// The workflow as JSON text: a string as it is, anything else through `JSON.stringify`.
///
/// `undefined`, functions and symbols stringify to nothing and are read as `null`, which
/// the facade reports as an `invalid-document` diagnostic like any other non-object.
/// Throws what `JSON.stringify` throws (a `TypeError` for cycles and `BigInt`s).
pub fn workflow_text(workflow: &JsValue) -> Result<String, JsValue> {
    match workflow.dyn_ref::<JsString>() {
        Some(text) => Ok(utf8(text)),
        None => stringified(workflow),
    }
}

/// `JSON.stringify(value)` as Rust text; `null` for what it cannot write (it returns
/// `undefined` then, not a string).
fn stringified(value: &JsValue) -> Result<String, JsValue> {
    let text = JSON::stringify(value)?;
    Ok(if text.is_string() {
        utf8(&text)
    } else {
        "null".to_owned()
    })
}

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder, a global in browsers and in Node.
    type TextEncoder;

    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsString) -> Uint8Array;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A JS string as Rust text, encoded by the platform's `TextEncoder` and copied into the
/// module's memory at once. wasm-bindgen's own string passing copies ASCII one character
/// at a time in JavaScript: 23% of the time of a validate of 1,000 nodes in Node. Lone
/// surrogates become U+FFFD either way.
fn utf8(text: &JsString) -> String {
    let bytes = ENCODER.with(|encoder| encoder.encode(text).to_vec());
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// The options object; `undefined` and `null` mean the defaults.
///
/// Unknown keys and wrong types throw a `TypeError`: the caller, not the workflow, has to
/// change.
pub fn options(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let text = stringified(options)?;
    let value = serde_json::from_str(&text)
        .map_err(|error| type_error(&format!("invalid options: {error}")))?;
    Options::from_value(value).map_err(error)
}

/// The options holding only `plugins`, any JSON (the facade reports definitions that do
/// not read); `undefined` and `null` mean none.
pub fn plugins(plugins: &JsValue) -> Result<Options, JsValue> {
    if plugins.is_undefined() || plugins.is_null() {
        return Ok(Options::default());
    }
    Ok(Options {
        plugins: Some(json_argument(plugins, "plugins")?),
        ..Options::default()
    })
}

/// The diagnostic codes `fix` is limited to; `undefined` and `null` mean every code.
/// Throws a `TypeError` for anything but an array of strings, a `RangeError` for a name
/// that is no code.
pub fn codes(codes: &JsValue) -> Result<Vec<Code>, JsValue> {
    if codes.is_undefined() || codes.is_null() {
        return Ok(Vec::new());
    }
    let names: Vec<String> = json_argument(codes, "codes")?;
    names
        .iter()
        .map(|name| {
            name.parse::<Code>()
                .map_err(|message| RangeError::new(&message).unchecked_into())
        })
        .collect()
}

/// The fixes given to `applyFixes`, as the diagnostics carry them.
pub fn fixes(fixes: &JsValue) -> Result<Vec<Fix>, JsValue> {
    json_argument(fixes, "fixes")
}

/// An argument read through `JSON.stringify`; a wrong shape throws a `TypeError`.
fn json_argument<T: serde::de::DeserializeOwned>(
    value: &JsValue,
    name: &str,
) -> Result<T, JsValue> {
    let text = stringified(value)?;
    serde_json::from_str(&text).map_err(|error| type_error(&format!("invalid {name}: {error}")))
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

/// A result as plain JS objects and arrays (not `Map`s), numbers as numbers: written as
/// JSON text here and read by `JSON.parse`, which builds the objects inside the engine.
/// Building them from Rust takes a call across the boundary for every property and
/// value, several times slower for a compile's objects (see bench/bench.mjs).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|error| type_error(&error.to_string()))?;
    json_to_js(&text)
}

/// JSON text the facade wrote, as JS values ([`to_js`] for text written already).
pub fn json_to_js(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text)
}

fn type_error(message: &str) -> JsValue {
    TypeError::new(message).unchecked_into()
}

// ---------------------------------------------------------------- documents

/// An edit, read through `JSON.stringify` as every argument is; its shape is checked by
/// the facade.
pub fn edit(edit: &JsValue) -> Result<Value, JsValue> {
    json_argument(edit, "edit")
}

/// A workflow `open` cannot read: a `SyntaxError` for text that is not JSON, else a
/// `TypeError`, carrying the diagnostic as `diagnostic`.
pub fn unreadable(diagnostic: &Diagnostic) -> JsValue {
    let error: JsValue = if diagnostic.code == Code::InvalidJson {
        SyntaxError::new(&diagnostic.message).into()
    } else {
        TypeError::new(&diagnostic.message).into()
    };
    if let Ok(value) = to_js(diagnostic) {
        // Setting a property on a fresh error object cannot fail.
        let _ = Reflect::set(&error, &JsValue::from_str("diagnostic"), &value);
    }
    error
}

/// A refused edit as the JS error class that fits it.
pub fn document_error(error: DocumentError) -> JsValue {
    let message = error.to_string();
    match error {
        DocumentError::InvalidEdit(_) => type_error(&message),
        DocumentError::Refused(_) => RangeError::new(&message).unchecked_into(),
    }
}

/// The objects of a document's compile as a JS array, and in `handed` what each became,
/// for the next compile: an object unchanged since the last compile is the same JS object
/// as then, so only the objects of edited nodes are read by `JSON.parse` (reading them
/// all again after every edit took most of the time of a compile), and a canvas can tell
/// what changed by identity, as with immutable state in React. The JS objects are frozen,
/// nested objects and arrays too, since each compile hands them out again.
pub fn compiled_objects(
    objects: &[Arc<CompiledObject>],
    handed: &mut Vec<(Arc<CompiledObject>, JsValue)>,
) -> Result<Array, JsValue> {
    // Keyed by address: `handed` holds the objects, so no other object can have it.
    let before: BTreeMap<*const CompiledObject, &JsValue> = handed
        .iter()
        .map(|(object, value)| (Arc::as_ptr(object), value))
        .collect();
    let fresh: Vec<&Value> = objects
        .iter()
        .filter(|object| !before.contains_key(&Arc::as_ptr(object)))
        .map(|object| &object.value)
        .collect();
    let fresh: Array = to_js(&fresh)?.unchecked_into();
    let array = Array::new_with_length(u32::try_from(objects.len()).unwrap_or(u32::MAX));
    let mut next_fresh = 0;
    let mut keys = BTreeMap::new();
    let mut now = Vec::with_capacity(objects.len());
    for (place, object) in (0..).zip(objects) {
        let value = match before.get(&Arc::as_ptr(object)) {
            Some(value) => JsValue::clone(value),
            None => {
                let value = fresh.get(next_fresh);
                next_fresh += 1;
                freeze(&value, &object.value, &mut keys);
                value
            }
        };
        array.set(place, value.clone());
        now.push((Arc::clone(object), value));
    }
    *handed = now;
    Ok(array)
}

/// Freezes `object`, what `JSON.parse` made of `value`'s text, and the objects and arrays
/// in it, reached through `value` (walking the JS object would ask JS for every key).
/// `keys` keeps each key's JS string: the objects share most of their keys, and passing
/// a string to JS costs more than finding it again.
fn freeze<'a>(object: &JsValue, value: &'a Value, keys: &mut BTreeMap<&'a str, JsValue>) {
    let is_container = |child: &Value| matches!(child, Value::Object(_) | Value::Array(_));
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter().filter(|(_, child)| is_container(child)) {
                let key = keys.entry(key).or_insert_with(|| JsValue::from_str(key));
                if let Ok(inner) = Reflect::get(object, key) {
                    freeze(&inner, child, keys);
                }
            }
        }
        Value::Array(items) => {
            for (place, child) in (0..).zip(items).filter(|(_, child)| is_container(child)) {
                if let Ok(inner) = Reflect::get_u32(object, place) {
                    freeze(&inner, child, keys);
                }
            }
        }
        _ => return,
    }
    Object::freeze(object.unchecked_ref::<Object>());
}

// ---------------------------------------------------------------- diagrams

/// The diagram format of `graph`; `undefined` and `null` mean Mermaid. Throws a
/// `TypeError` for anything but a string, a `RangeError` for a name that is no format.
pub fn graph_format(format: &JsValue) -> Result<GraphFormat, JsValue> {
    if format.is_undefined() || format.is_null() {
        return Ok(GraphFormat::default());
    }
    let name: String = json_argument(format, "format")?;
    serde_json::from_value(Value::String(name))
        .map_err(|error| RangeError::new(&format!("invalid format: {error}")).unchecked_into())
}
