//! `kubegraph.open` and the `Document` class: a workflow opened once and edited as a
//! canvas edits it, through the facade's [`OpenDocument`].

use kubegraph::diagnostic::text;
use kubegraph_bindings::document::{self, DocumentError, OpenDocument};
use pyo3::exceptions::{PyLookupError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::classes::{Manifests, PyCompileResult, PyDiagnostic, diagnostic_list};
use crate::convert::{to_python, to_value};
use crate::source::Source;
use crate::{compile_result, options, workflow_error};

/// A workflow opened for editing with ``kubegraph.open``.
///
/// ``apply`` takes one edit as a dict (``{"op": "patchNodeData", "id": ..., "patch":
/// [...]}``, ``addNode``, ``removeNode``, ``replaceNode``, ``addEdge``, ``removeEdge``,
/// ``replaceEdge``) and returns the diagnostics that appeared and disappeared, always
/// what ``validate`` reports for the edited workflow. ``compile`` reuses the objects that
/// did not change since the last compile.
#[pyclass(module = "kubegraph", name = "Document")]
pub(crate) struct PyDocument {
    document: OpenDocument,
}

/// Opens a workflow (a ``Workflow``, a dict or JSON text) for editing; ``plugins`` are
/// the plugin definitions it is validated and compiled with. Raises ``WorkflowError``
/// when the input is not JSON or not a JSON object.
#[pyfunction]
#[pyo3(signature = (workflow, *, plugins = None))]
pub(crate) fn open(
    py: Python<'_>,
    workflow: &Bound<'_, PyAny>,
    plugins: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyDocument> {
    let options = options(None, plugins)?;
    let source = Source::extract(workflow)?;
    let input = source.document();
    match py.detach(|| document::open(input, &options)) {
        Ok(document) => Ok(PyDocument { document }),
        Err(diagnostic) => {
            let diagnostics = [diagnostic];
            Err(workflow_error(
                py,
                &text::to_text(&diagnostics, None),
                &diagnostics,
            ))
        }
    }
}

#[pymethods]
impl PyDocument {
    /// Applies one edit; returns ``{"added": [...], "removed": [...]}``, the diagnostics
    /// that appeared and disappeared. Raises ``ValueError`` for an edit of no known shape
    /// and ``LookupError`` for one naming what the workflow does not have or whose patch
    /// fails; the document is then unchanged.
    fn apply<'py>(
        &mut self,
        py: Python<'py>,
        edit: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let edit = to_value(edit, "an edit")?;
        let update = py
            .detach(|| self.document.apply(edit))
            .map_err(|error| match error {
                DocumentError::InvalidEdit(_) => PyValueError::new_err(error.to_string()),
                DocumentError::Refused(_) => PyLookupError::new_err(error.to_string()),
            })?;
        let result = PyDict::new(py);
        result.set_item("added", diagnostic_list(py, &update.added)?)?;
        result.set_item("removed", diagnostic_list(py, &update.removed)?)?;
        Ok(result)
    }

    /// Every diagnostic of the edited workflow, as ``validate`` reports them.
    fn diagnostics(&self) -> Vec<PyDiagnostic> {
        self.document
            .diagnostics()
            .iter()
            .map(PyDiagnostic::from)
            .collect()
    }

    /// The edited workflow as a dict, nothing of the input lost.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.document.to_json())
    }

    /// The edited workflow as compact JSON text, nothing of the input lost.
    fn to_json(&self) -> String {
        self.document.to_json().to_string()
    }

    /// Compiles the edited workflow as ``kubegraph.compile`` does, with the document's
    /// plugins, reusing the objects that did not change since the last compile. Raises
    /// ``WorkflowError`` holding every diagnostic when there is any error.
    #[pyo3(signature = (*, values = None))]
    fn compile(
        &mut self,
        py: Python<'_>,
        values: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyCompileResult> {
        let options = options(values, None)?;
        let document = &mut self.document;
        let (parts, report) = py
            .detach(|| {
                let parts = document.compile_parts(Some(&options))?;
                let report = kubegraph::diagnostic::has_errors(&parts.diagnostics)
                    .then(|| text::to_text(&parts.diagnostics, Some(document.workflow())));
                Ok::<_, kubegraph_bindings::Error>((parts, report))
            })
            .map_err(|error| PyValueError::new_err(error.to_string()))?;
        compile_result(
            py,
            report,
            Manifests::Shared(parts.objects),
            &parts.text,
            &parts.diagnostics,
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Document(diagnostics=<{}>)",
            text::summary(&self.document.diagnostics())
        )
    }
}
