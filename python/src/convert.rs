//! Conversions between JSON-like values and Python objects, and the names of severities.

use kubegraph::Severity;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// The severity names as a message lists them: `"error", "warning" or "info"`.
pub(crate) fn severity_names() -> String {
    let [error, warning, info] = Severity::ALL.map(Severity::as_str);
    format!("\"{error}\", \"{warning}\" or \"{info}\"")
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
