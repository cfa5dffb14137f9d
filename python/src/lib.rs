//! `kubegraph._kubegraph`, the extension module behind the Python package `kubegraph`.
//!
//! A thin shell over `kubegraph-bindings`, the facade the CLI and the WebAssembly package
//! also use, so all three give the same diagnostics and the same YAML byte for byte. This
//! file holds the module functions; `source` reads their workflow argument; `classes` the
//! Python classes; `document` the `Document` class; `import` the importers and diagrams;
//! `convert` the conversions between JSON-like values and Python objects.
//! The work itself runs with the GIL released, so other Python threads keep running during
//! a large compile.

mod classes;
mod convert;
mod document;
mod import;
mod source;

use kubegraph::Diagnostic;
use kubegraph::diagnostic::text;
use kubegraph_bindings::{self as bindings, Options};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::classes::{
    Manifests, PyCompileResult, PyDiagnostic, PyFix, PyWorkflow, diagnostic_list,
};
use crate::convert::{to_python, to_value};
use crate::source::Source;

/// The same allocator as the CLI (see there): Rust's own allocations only, Python
/// objects still come from Python's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    kubegraph,
    WorkflowError,
    PyValueError,
    "The workflow has errors. ``diagnostics`` holds every diagnostic (errors, warnings \
     and infos); the message lists them as ``kubegraph compile`` does. Neither ever \
     contains a secret value."
);

/// A `WorkflowError` whose message is `report` and whose `diagnostics` are all of them.
fn workflow_error(py: Python<'_>, report: &str, diagnostics: &[Diagnostic]) -> PyErr {
    let error = WorkflowError::new_err(report.trim_end().to_owned());
    let attached = diagnostic_list(py, diagnostics)
        .and_then(|list| error.value(py).setattr("diagnostics", list));
    match attached {
        Ok(()) => error,
        Err(failure) => failure,
    }
}

/// Options from keyword arguments; `None` means not given.
fn options(
    values: Option<&Bound<'_, PyAny>>,
    plugins: Option<&Bound<'_, PyAny>>,
) -> PyResult<Options> {
    Ok(Options {
        values: values
            .map(|values| to_value(values, "values"))
            .transpose()?,
        plugins: plugins
            .map(|plugins| to_value(plugins, "plugins"))
            .transpose()?,
        ..Options::default()
    })
}

/// Reads a workflow from JSON text (``str`` or UTF-8 ``bytes``) or a dict.
///
/// Reading never fails on a field of the wrong type (``validate`` reports those); it
/// raises ``WorkflowError`` only when the input is not JSON or not a JSON object.
#[pyfunction]
fn load(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<PyWorkflow> {
    let source = Source::extract(source)?;
    match py.detach(|| source.load().map(std::borrow::Cow::into_owned)) {
        Ok(workflow) => Ok(PyWorkflow { workflow }),
        Err(diagnostic) => {
            let diagnostics = [*diagnostic];
            Err(workflow_error(
                py,
                &text::to_text(&diagnostics, None),
                &diagnostics,
            ))
        }
    }
}

/// Checks a workflow and returns every problem found, sorted by place in the input.
///
/// ``workflow`` is a ``Workflow``, a dict or JSON text; ``plugins`` the plugin
/// definitions (a list) that plugin nodes use. Problems, a syntax error included, are
/// returned, not raised.
#[pyfunction]
#[pyo3(signature = (workflow, *, plugins = None))]
fn validate(
    py: Python<'_>,
    workflow: &Bound<'_, PyAny>,
    plugins: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<PyDiagnostic>> {
    let options = options(None, plugins)?;
    let source = Source::extract(workflow)?;
    let diagnostics = py.detach(|| match source.load() {
        Ok(workflow) => bindings::validate_workflow(&workflow, &options),
        Err(diagnostic) => vec![*diagnostic],
    });
    Ok(diagnostics.iter().map(PyDiagnostic::from).collect())
}

/// Compiles a workflow into Kubernetes manifests.
///
/// ``values`` are the run-time values (``{"secrets": {nodeId: {KEY: value}}, "envVars":
/// {...}}``), ``plugins`` the plugin definitions. Raises ``WorkflowError`` holding every
/// diagnostic when there is any error; otherwise returns a ``CompileResult``.
#[pyfunction]
#[pyo3(signature = (workflow, *, values = None, plugins = None))]
fn compile(
    py: Python<'_>,
    workflow: &Bound<'_, PyAny>,
    values: Option<&Bound<'_, PyAny>>,
    plugins: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyCompileResult> {
    let options = options(values, plugins)?;
    let source = Source::extract(workflow)?;
    // The error report names nodes by kind and name, which needs the loaded workflow, so
    // it is written here, next to it, exactly as the CLI writes it to stderr.
    let (output, report) = py.detach(|| match source.load() {
        Ok(workflow) => {
            let output = bindings::compile_workflow(&workflow, &options);
            let report = output
                .has_errors()
                .then(|| text::to_text(&output.diagnostics, Some(&workflow)));
            (output, report)
        }
        Err(diagnostic) => {
            let diagnostics = vec![*diagnostic];
            let report = text::to_text(&diagnostics, None);
            (
                bindings::CompileOutput {
                    diagnostics,
                    ..Default::default()
                },
                Some(report),
            )
        }
    });
    compile_result(
        py,
        report,
        Manifests::Owned(output.objects),
        &output.yaml,
        &output.diagnostics,
    )
}

/// The result of a compile, or the `WorkflowError` of its `report` when it had errors.
fn compile_result(
    py: Python<'_>,
    report: Option<String>,
    manifests: Manifests,
    text: &str,
    diagnostics: &[Diagnostic],
) -> PyResult<PyCompileResult> {
    match report {
        Some(report) => Err(workflow_error(py, &report, diagnostics)),
        None => PyCompileResult::new(py, manifests, text, diagnostics),
    }
}

/// Applies the fix of every diagnostic that has one (only those of ``codes``, code names,
/// when given), validating again after each round until none is left.
///
/// Returns a dict: ``workflow`` (the fixed workflow as a dict, unknown fields and key order
/// kept), ``fixed`` (the diagnostics whose fix was applied) and ``diagnostics`` (what the
/// fixed workflow still reports). Raises ``WorkflowError`` when the input is not a JSON
/// object, ``ValueError`` for an unknown code.
#[pyfunction]
#[pyo3(signature = (workflow, *, plugins = None, codes = None))]
fn fix<'py>(
    py: Python<'py>,
    workflow: &Bound<'py, PyAny>,
    plugins: Option<&Bound<'py, PyAny>>,
    codes: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(None, plugins)?;
    let codes = codes
        .unwrap_or_default()
        .iter()
        .map(|name| {
            name.parse::<bindings::Code>()
                .map_err(PyValueError::new_err)
        })
        .collect::<PyResult<Vec<_>>>()?;
    let source = Source::extract(workflow)?;
    let outcome = py.detach(|| bindings::fix(source.document(), &options, &codes));
    if outcome.workflow.is_null() {
        let report = text::to_text(&outcome.diagnostics, None);
        return Err(workflow_error(py, &report, &outcome.diagnostics));
    }
    let result = PyDict::new(py);
    result.set_item("workflow", to_python(py, &outcome.workflow)?)?;
    result.set_item("fixed", diagnostic_list(py, &outcome.fixed)?)?;
    result.set_item("diagnostics", diagnostic_list(py, &outcome.diagnostics)?)?;
    Ok(result)
}

/// Applies fixes taken from the diagnostics of this same workflow (``Fix`` objects, or
/// their ``to_dict()``), as ``kubegraph fix`` composes them.
///
/// Returns ``(workflow, applied)``: the new workflow as a dict and, for each fix, whether
/// it applied (one whose guard no longer holds is skipped). Raises ``WorkflowError`` when
/// the input is not JSON.
#[pyfunction]
fn apply_fixes<'py>(
    py: Python<'py>,
    workflow: &Bound<'py, PyAny>,
    fixes: Vec<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let fixes = fixes
        .iter()
        .map(|fix| match fix.cast::<PyFix>() {
            Ok(fix) => Ok(fix.get().fix.clone()),
            Err(_) => serde_json::from_value(to_value(fix, "a fix")?)
                .map_err(|error| PyValueError::new_err(format!("not a fix: {error}"))),
        })
        .collect::<PyResult<Vec<_>>>()?;
    let source = Source::extract(workflow)?;
    let outcome = py.detach(|| bindings::apply_fixes(source.document(), &fixes));
    if !outcome.diagnostics.is_empty() {
        let report = text::to_text(&outcome.diagnostics, None);
        return Err(workflow_error(py, &report, &outcome.diagnostics));
    }
    PyTuple::new(
        py,
        [
            to_python(py, &outcome.workflow)?,
            to_python(py, &outcome.applied)?,
        ],
    )
}

/// The JSON Schema called ``name`` (for example ``"workflow"``, ``"plugins"``,
/// ``"values"`` or a node type such as ``"deployment"``) as a dict.
///
/// Raises ``ValueError`` for an unknown name, listing the known ones.
#[pyfunction]
fn schema(py: Python<'_>, name: String) -> PyResult<Bound<'_, PyAny>> {
    let schema =
        bindings::schema(&name).map_err(|error| PyValueError::new_err(error.to_string()))?;
    to_python(py, &schema)
}

/// kubegraph: validate and compile Kubernetes workflow graphs into manifests.
#[pymodule]
fn _kubegraph(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", bindings::version())?;
    module.add("WorkflowError", module.py().get_type::<WorkflowError>())?;
    module.add_class::<PyWorkflow>()?;
    module.add_class::<PyDiagnostic>()?;
    module.add_class::<PyCompileResult>()?;
    module.add_class::<PyFix>()?;
    module.add_function(wrap_pyfunction!(load, module)?)?;
    module.add_function(wrap_pyfunction!(validate, module)?)?;
    module.add_function(wrap_pyfunction!(compile, module)?)?;
    module.add_function(wrap_pyfunction!(schema, module)?)?;
    module.add_function(wrap_pyfunction!(fix, module)?)?;
    module.add_function(wrap_pyfunction!(apply_fixes, module)?)?;
    // Documents (issue 17).
    module.add_class::<document::PyDocument>()?;
    module.add_function(wrap_pyfunction!(document::open, module)?)?;
    // Imports and diagrams (issue 18).
    module.add_function(wrap_pyfunction!(import::from_manifests, module)?)?;
    module.add_function(wrap_pyfunction!(import::from_compose, module)?)?;
    module.add_function(wrap_pyfunction!(import::graph, module)?)?;
    Ok(())
}
