//! `kubegraph.from_manifests`, `kubegraph.from_compose` and `kubegraph.graph` (issue 18):
//! manifests and docker-compose files imported into workflows, and workflows drawn as
//! diagrams, through the facade the CLI uses.

use kubegraph::Diagnostic;
use kubegraph_bindings::{self as bindings, GraphFormat};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde_json::Value;

use crate::classes::diagnostic_list;
use crate::convert::to_python;
use crate::options;
use crate::source::Source;

/// The text argument of the importers: ``str``, or ``bytes`` holding UTF-8.
fn read_text(object: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = object.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    if let Ok(bytes) = object.cast::<PyBytes>() {
        return String::from_utf8(bytes.as_bytes().to_vec())
            .map_err(|_| PyValueError::new_err("the text is not UTF-8"));
    }
    Err(PyTypeError::new_err(format!(
        "expected str or bytes, found {}",
        object.get_type().name()?
    )))
}

/// An import's result as a dict: ``workflow``, ``values`` and ``diagnostics``.
fn imported<'py>(
    py: Python<'py>,
    workflow: &Value,
    values: &Value,
    diagnostics: &[Diagnostic],
) -> PyResult<Bound<'py, PyDict>> {
    let result = PyDict::new(py);
    result.set_item("workflow", to_python(py, workflow)?)?;
    result.set_item("values", to_python(py, values)?)?;
    result.set_item("diagnostics", diagnostic_list(py, diagnostics)?)?;
    Ok(result)
}

/// Imports Kubernetes manifests (a YAML stream, ``helm template`` output, a JSON object
/// or ``List``; ``str`` or UTF-8 ``bytes``) into a workflow. The custom resources that
/// ``plugins`` (plugin definitions, as ``validate`` takes them) describe become plugin
/// nodes; definitions that do not read are an error diagnostic and the import goes on.
///
/// Returns a dict: ``workflow`` (ready to open on a canvas), ``values`` (the imported
/// Secrets' data as run-time values, never part of the workflow; ``{"secrets": {}}`` when
/// no Secret had data) and ``diagnostics`` (what could not be imported or carried; an error when
/// the text does not parse).
#[pyfunction]
#[pyo3(signature = (text, *, plugins = None))]
pub(crate) fn from_manifests<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    plugins: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let text = read_text(text)?;
    let options = options(None, plugins)?;
    let output = py.detach(|| bindings::import_manifests_with(&text, &options));
    imported(py, &output.workflow, &output.values, &output.diagnostics)
}

/// Imports a docker-compose file (YAML, ``str`` or UTF-8 ``bytes``) into a workflow.
///
/// Returns a dict: ``workflow`` (``None`` when the text is not YAML), ``values`` (the
/// secret values of the compose file as run-time values; keep them apart from the
/// workflow) and ``diagnostics`` (what could not be carried over, and why).
#[pyfunction]
pub(crate) fn from_compose<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let text = read_text(text)?;
    let output = py.detach(|| bindings::import_compose(&text));
    imported(py, &output.workflow, &output.values, &output.diagnostics)
}

/// Draws a workflow (a ``Workflow``, a dict or JSON text) as a diagram, ``"mermaid"``
/// or ``"dot"``.
///
/// Returns a dict: ``text`` (the diagram, the nodes with errors marked; ``""`` when the
/// input is not a workflow) and ``diagnostics`` (what ``validate`` reports, or why the
/// input could not be read). Raises ``ValueError`` for an unknown format.
#[pyfunction]
#[pyo3(signature = (workflow, *, format = "mermaid", plugins = None))]
pub(crate) fn graph<'py>(
    py: Python<'py>,
    workflow: &Bound<'py, PyAny>,
    format: &str,
    plugins: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let format: GraphFormat = serde_json::from_value(Value::String(format.to_owned()))
        .map_err(|error| PyValueError::new_err(format!("invalid format: {error}")))?;
    let options = options(None, plugins)?;
    let source = Source::extract(workflow)?;
    let output = py.detach(|| match source.load() {
        Ok(workflow) => bindings::graph_workflow(&workflow, &options, format),
        Err(diagnostic) => bindings::GraphOutput {
            text: String::new(),
            diagnostics: vec![*diagnostic],
        },
    });
    let result = PyDict::new(py);
    result.set_item("text", output.text)?;
    result.set_item("diagnostics", diagnostic_list(py, &output.diagnostics)?)?;
    Ok(result)
}
