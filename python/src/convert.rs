//! Every conversion between kubegraph's types and Python objects, in one place.
//!
//! The matches and destructurings here are exhaustive on purpose: a new severity or a new
//! diagnostic field in the core stops this crate from compiling until Python shows it,
//! instead of silently dropping it.

use std::borrow::Cow;

use kubegraph::model::Workflow;
use kubegraph::{Diagnostic, Location, Severity};
use kubegraph_bindings::{self as bindings, Input};
use pyo3::exceptions::{PyTypeError, PyUnicodeDecodeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use serde::Serialize;
use serde_json::Value;

use crate::classes::{PyDiagnostic, PyWorkflow};

/// Every severity, in reporting order.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// The Python name of a severity: the same word the JSON output and the CLI use.
pub(crate) fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The severity called `name`, for diagnostics built from Python.
pub(crate) fn severity_from_name(name: &str) -> Option<Severity> {
    SEVERITIES
        .into_iter()
        .find(|severity| severity_name(*severity) == name)
}

/// A core diagnostic as the Python `Diagnostic`, with the path as a JSON pointer.
pub(crate) fn diagnostic(diagnostic: &Diagnostic) -> PyDiagnostic {
    let Diagnostic {
        code,
        severity,
        message,
        location,
        hint,
    } = diagnostic;
    let Location {
        path: _,
        node_id,
        edge_id,
    } = location;
    PyDiagnostic {
        code: code.as_str().to_owned(),
        severity: severity_name(*severity).to_owned(),
        message: message.clone(),
        node_id: node_id.clone(),
        edge_id: edge_id.clone(),
        // `pointer()` renders the path, and gives `None` for the document as a whole.
        path: diagnostic.pointer(),
        hint: hint.clone(),
    }
}

/// Diagnostics as a Python list of `Diagnostic`.
pub(crate) fn diagnostic_list<'py>(
    py: Python<'py>,
    diagnostics: &[Diagnostic],
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, diagnostics.iter().map(diagnostic))
}

/// Any serializable value as plain Python objects (dict, list, str, int, float, bool,
/// None). Integers stay `int` and floats stay `float`, so `3.0` comes back as `3.0`.
pub(crate) fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// A JSON-like Python object (dict, list, str, int, float, bool, None, in any nesting) as
/// JSON. The error names only the Python type that could not be read, never a value:
/// `values` holds secrets.
pub(crate) fn to_value(object: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    pythonize::depythonize(object).map_err(|error| {
        PyTypeError::new_err(format!(
            "{what} must be JSON-like (dict, list, str, int, float, bool, None): {error}"
        ))
    })
}

/// A workflow argument: a loaded `Workflow`, JSON text (`str` or UTF-8 `bytes`), or a
/// JSON-like value such as a dict. Text and bytes are borrowed, not copied, where the
/// Python version allows it.
#[derive(Debug)]
pub(crate) enum Source<'a> {
    /// Already loaded by `kubegraph.load`: used without reading it again.
    Loaded(&'a Workflow),
    /// JSON text; syntax errors become diagnostics naming line and column.
    Text(Cow<'a, str>),
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
            let bytes = bytes.as_bytes();
            return match std::str::from_utf8(bytes) {
                Ok(text) => Ok(Source::Text(Cow::Borrowed(text))),
                Err(error) => Err(PyUnicodeDecodeError::new_err_from_utf8(
                    object.py(),
                    bytes,
                    error,
                )),
            };
        }
        to_value(object, "a workflow").map(Source::Value)
    }

    /// Reads the workflow through the shared facade (no copy when already loaded); the
    /// error is the parse diagnostic, boxed because it is large next to the workflow.
    pub(crate) fn load(self) -> Result<Cow<'a, Workflow>, Box<Diagnostic>> {
        let loaded = match self {
            Source::Loaded(workflow) => return Ok(Cow::Borrowed(workflow)),
            Source::Text(text) => bindings::load(Input::Text(&text)),
            Source::Value(value) => bindings::load(Input::Value(value)),
        };
        loaded.map(Cow::Owned).map_err(Box::new)
    }
}
