//! The workflow argument of `load`, `validate`, `compile`, `fix` and `apply_fixes`.

use std::borrow::Cow;

use kubegraph::Diagnostic;
use kubegraph::model::Workflow;
use kubegraph_bindings::{self as bindings, Input};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use serde_json::Value;

use crate::classes::PyWorkflow;
use crate::convert::to_value;

/// A workflow argument: a loaded `Workflow`, JSON text (`str` or `bytes`), or a
/// JSON-like value such as a dict. Text and bytes are borrowed, not copied, where the
/// Python version allows it.
#[derive(Debug)]
pub(crate) enum Source<'a> {
    /// Already loaded by `kubegraph.load`: used without reading it again.
    Loaded(&'a Workflow),
    /// JSON text; syntax errors become diagnostics naming line and column.
    Text(Cow<'a, str>),
    /// JSON text as bytes; bytes that are not UTF-8 are a syntax error like any other.
    Bytes(&'a [u8]),
    /// A parsed JSON value.
    Value(Value),
}

impl<'a> Source<'a> {
    /// Takes the workflow argument of `load`, `validate` and `compile`.
    pub(crate) fn extract(object: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(workflow) = object.cast::<PyWorkflow>() {
            return Ok(Source::Loaded(&workflow.get().workflow));
        }
        if let Ok(text) = object.cast::<PyString>() {
            return Ok(Source::Text(text.to_cow()?));
        }
        if let Ok(bytes) = object.cast::<PyBytes>() {
            return Ok(Source::Bytes(bytes.as_bytes()));
        }
        to_value(object, "a workflow").map(Source::Value)
    }

    /// Reads the workflow through the shared facade (no copy when already loaded); the
    /// error is the parse diagnostic, boxed because it is large next to the workflow.
    pub(crate) fn load(self) -> Result<Cow<'a, Workflow>, Box<Diagnostic>> {
        let loaded = match self {
            Source::Loaded(workflow) => return Ok(Cow::Borrowed(workflow)),
            Source::Text(text) => bindings::load(Input::Text(&text)),
            Source::Bytes(bytes) => bindings::load(Input::Bytes(bytes)),
            Source::Value(value) => bindings::load(Input::Value(value)),
        };
        loaded.map(Cow::Owned).map_err(Box::new)
    }

    /// The workflow as the facade's input for editing it as a document (`fix`): a
    /// loaded workflow is written back to JSON, which gives what was read.
    pub(crate) fn document(&self) -> Input<'_> {
        match self {
            Source::Loaded(workflow) => {
                Input::Value(serde_json::to_value(workflow).unwrap_or(Value::Null))
            }
            Source::Text(text) => Input::Text(text),
            Source::Bytes(bytes) => Input::Bytes(bytes),
            Source::Value(value) => Input::Value(value.clone()),
        }
    }
}
