//! `kubegraph._kubegraph`, the extension module behind the Python package `kubegraph`.
//!
//! A thin shell over `kubegraph-bindings`, the facade the CLI and the WebAssembly package
//! also use, so all three give the same diagnostics and the same YAML byte for byte. This
//! file holds the module functions; `source` reads their workflow argument; `classes` the
//! Python classes; `convert` the conversions between JSON-like values and Python objects.
//! The work itself runs with the GIL released, so other Python threads keep running during
//! a large compile.

mod classes;
mod convert;
mod source;

use kubegraph::Diagnostic;
use kubegraph::diagnostic::text;
use kubegraph_bindings::{self as bindings, Options};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::classes::{PyCompileResult, PyDiagnostic, PyWorkflow, diagnostic_list};
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
    match report {
        Some(report) => Err(workflow_error(py, &report, &output.diagnostics)),
        None => PyCompileResult::new(py, output),
    }
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
    module.add_function(wrap_pyfunction!(load, module)?)?;
    module.add_function(wrap_pyfunction!(validate, module)?)?;
    module.add_function(wrap_pyfunction!(compile, module)?)?;
    module.add_function(wrap_pyfunction!(schema, module)?)?;
    Ok(())
}
