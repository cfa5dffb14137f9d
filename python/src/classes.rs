//! The Python classes: `Workflow`, `Diagnostic`, `Fix` and `CompileResult`, and how a
//! core diagnostic becomes a Python one.
//!
//! They hold finished data only; every operation goes through `kubegraph-bindings`, so
//! Python gives the answers the CLI and the WebAssembly package give. No `repr` or `str`
//! here shows a secret value: diagnostics never contain one, and a compile result shows
//! its objects as counts per kind.

use std::sync::Arc;

use kubegraph::diagnostic::{Fix, keys, text};
use kubegraph::document::CompiledObject;
use kubegraph::model::Workflow;
use kubegraph::{Code, Diagnostic, Location, Severity};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;

use crate::convert::{severity_names, to_python, to_value};

/// A workflow read by ``kubegraph.load``.
///
/// Everything in the input is kept, unknown fields and React Flow UI state included, so
/// ``to_dict()`` and ``to_json()`` give back what was read. Pass it to ``validate`` or
/// ``compile`` to check or compile it without reading it again.
#[pyclass(frozen, eq, module = "kubegraph", name = "Workflow")]
#[derive(PartialEq)]
pub(crate) struct PyWorkflow {
    pub(crate) workflow: Workflow,
}

#[pymethods]
impl PyWorkflow {
    /// The workflow name (``""`` when it has none).
    #[getter]
    fn name(&self) -> &str {
        self.workflow.name()
    }

    /// The workflow as a dict, exactly as it was read (integers stay ``int``, floats stay
    /// ``float``, key order is kept).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.workflow)
    }

    /// The workflow as compact JSON text, exactly as it was read.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.workflow)
            .map_err(|error| PyValueError::new_err(error.to_string()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Workflow(name={}, nodes={}, edges={})",
            PyString::new(py, self.workflow.name()).repr()?,
            self.workflow.nodes.items().len(),
            self.workflow.edges.items().len()
        ))
    }
}

/// One problem found in a workflow.
///
/// ``code`` is stable (see docs/diagnostics.md), ``severity`` is ``"error"``,
/// ``"warning"`` or ``"info"``, ``path`` is a JSON pointer into the input. Diagnostics
/// compare equal when every field is equal, and never contain a secret value.
#[pyclass(frozen, eq, hash, get_all, module = "kubegraph", name = "Diagnostic")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyDiagnostic {
    /// Stable code, for example ``"invalid-name"``.
    pub(crate) code: String,
    /// ``"error"``, ``"warning"`` or ``"info"``.
    pub(crate) severity: String,
    /// Plain-language description.
    pub(crate) message: String,
    /// The node the problem belongs to.
    pub(crate) node_id: Option<String>,
    /// The edge the problem belongs to.
    pub(crate) edge_id: Option<String>,
    /// JSON pointer to the value, ``None`` for the document as a whole.
    pub(crate) path: Option<String>,
    /// How to fix it, when that can be said.
    pub(crate) hint: Option<String>,
    /// The one repair, when exactly one exists (apply it with ``apply_fixes``).
    pub(crate) fix: Option<PyFix>,
}

/// The one repair of a diagnostic: a ``title`` for people and the JSON Patch (RFC 6902)
/// ``edits`` that apply it to the workflow it was found in. Pass it to ``apply_fixes``.
#[pyclass(frozen, eq, hash, module = "kubegraph", name = "Fix")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyFix {
    pub(crate) fix: Fix,
}

#[pymethods]
impl PyFix {
    /// Builds a fix from its title and JSON Patch operations (dicts with ``op``, ``path``
    /// and, but for ``remove``, ``value``; ``op`` one of test, add, remove, replace).
    #[new]
    fn new(title: String, edits: &Bound<'_, PyAny>) -> PyResult<Self> {
        let edits = to_value(edits, "edits")?;
        let edits = serde_json::from_value(edits).map_err(|error| {
            PyValueError::new_err(format!("not JSON Patch operations: {error}"))
        })?;
        Ok(PyFix {
            fix: Fix { title, edits },
        })
    }

    /// What applying it does, for example ``"Delete the edge"``.
    #[getter]
    fn title(&self) -> &str {
        &self.fix.title
    }

    /// The JSON Patch operations as dicts: ``{"op": ..., "path": ..., "value": ...}``.
    #[getter]
    fn edits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.fix.edits)
    }

    /// The fix in the JSON shape of a diagnostic's ``fix``: ``{"title", "edits"}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.fix)
    }

    /// A constructor call that gives the fix back.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Fix({}, {})",
            PyString::new(py, &self.fix.title).repr()?,
            self.edits(py)?.repr()?
        ))
    }
}

/// A core diagnostic as the Python `Diagnostic`, with the path as a JSON pointer. The
/// destructuring is exhaustive on purpose: a new diagnostic field in the core stops this
/// crate from compiling until Python shows it, instead of silently dropping it.
impl From<&Diagnostic> for PyDiagnostic {
    fn from(diagnostic: &Diagnostic) -> Self {
        let Diagnostic {
            code,
            severity,
            message,
            location,
            hint,
            fix,
        } = diagnostic;
        let Location {
            path: _,
            node_id,
            edge_id,
        } = location;
        PyDiagnostic {
            code: code.as_str().to_owned(),
            severity: severity.as_str().to_owned(),
            message: message.clone(),
            node_id: node_id.clone(),
            edge_id: edge_id.clone(),
            // `pointer()` renders the path, and gives `None` for the document as a whole.
            path: diagnostic.pointer(),
            hint: hint.clone(),
            fix: fix.clone().map(|fix| PyFix { fix }),
        }
    }
}

/// Diagnostics as a Python list of `Diagnostic`.
pub(crate) fn diagnostic_list<'py>(
    py: Python<'py>,
    diagnostics: &[Diagnostic],
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, diagnostics.iter().map(PyDiagnostic::from))
}

impl PyDiagnostic {
    /// Each field with its Python name and its key in the JSON output, in output order.
    fn fields(&self) -> [(&'static str, &'static str, Option<&String>); 7] {
        [
            ("code", keys::CODE, Some(&self.code)),
            ("severity", keys::SEVERITY, Some(&self.severity)),
            ("message", keys::MESSAGE, Some(&self.message)),
            ("node_id", keys::NODE_ID, self.node_id.as_ref()),
            ("edge_id", keys::EDGE_ID, self.edge_id.as_ref()),
            ("path", keys::PATH, self.path.as_ref()),
            ("hint", keys::HINT, self.hint.as_ref()),
        ]
    }
}

#[pymethods]
impl PyDiagnostic {
    /// Builds a diagnostic, for example to compare with the ones kubegraph reports.
    #[new]
    #[pyo3(signature = (code, severity, message, *, node_id=None, edge_id=None, path=None, hint=None, fix=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        code: String,
        severity: String,
        message: String,
        node_id: Option<String>,
        edge_id: Option<String>,
        path: Option<String>,
        hint: Option<String>,
        fix: Option<Bound<'_, PyFix>>,
    ) -> PyResult<Self> {
        if code.parse::<Code>().is_err() {
            return Err(PyValueError::new_err(format!(
                "unknown diagnostic code {code:?}"
            )));
        }
        if Severity::from_name(&severity).is_none() {
            return Err(PyValueError::new_err(format!(
                "severity must be {}, not {severity:?}",
                severity_names()
            )));
        }
        Ok(PyDiagnostic {
            code,
            severity,
            message,
            node_id,
            edge_id,
            path,
            hint,
            fix: fix.map(|fix| fix.get().clone()),
        })
    }

    /// The diagnostic in the JSON shape ``kubegraph validate --format json`` prints:
    /// camelCase keys, absent fields left out.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (_, key, value) in self.fields() {
            if let Some(value) = value {
                dict.set_item(key, value)?;
            }
        }
        if let Some(fix) = &self.fix {
            dict.set_item(keys::FIX, fix.to_dict(py)?)?;
        }
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = Vec::new();
        for (name, _, value) in self.fields() {
            if let Some(value) = value {
                parts.push(format!("{name}={}", PyString::new(py, value).repr()?));
            }
        }
        if let Some(fix) = &self.fix {
            parts.push(format!("fix={}", fix.__repr__(py)?));
        }
        Ok(format!("Diagnostic({})", parts.join(", ")))
    }

    fn __str__(&self) -> String {
        let place = match (&self.node_id, &self.edge_id, &self.path) {
            (Some(node), _, Some(path)) => format!(" (node {node} at {path})"),
            (Some(node), _, None) => format!(" (node {node})"),
            (None, Some(edge), Some(path)) => format!(" (edge {edge} at {path})"),
            (None, Some(edge), None) => format!(" (edge {edge})"),
            (None, None, Some(path)) => format!(" (at {path})"),
            (None, None, None) => String::new(),
        };
        // One line, as in `kubegraph validate`: names quoted in the message are escaped.
        text::escape_controls(&format!(
            "{}[{}]: {}{place}",
            self.severity, self.code, self.message
        ))
    }
}

/// What ``kubegraph.compile`` produced.
///
/// ``objects`` are the manifests as dicts in install order, ``yaml`` the same as
/// multi-document YAML (byte for byte what ``kubegraph compile`` prints), ``diagnostics``
/// the warnings and infos. Its ``repr`` shows counts only: Secret data is never printed.
#[pyclass(frozen, module = "kubegraph", name = "CompileResult")]
pub(crate) struct PyCompileResult {
    /// The manifests as JSON, kept until `objects` is first read.
    manifests: Manifests,
    /// The manifests as dicts, built on first access: thousands of dicts cost more than
    /// the compile itself (mostly in Python's cyclic GC), and many callers only want YAML.
    objects: PyOnceLock<Py<PyList>>,
    /// The manifests as multi-document YAML.
    #[pyo3(get)]
    yaml: Py<PyString>,
    /// Every warning and info, sorted.
    #[pyo3(get)]
    diagnostics: Py<PyList>,
    /// What `repr` shows instead of the objects: counts per kind and sizes.
    summary: String,
}

/// The manifests of a compile: values of their own, or a document's objects, shared with
/// the document (a compile after an edit copies none of them).
pub(crate) enum Manifests {
    Owned(Vec<Value>),
    Shared(Vec<Arc<CompiledObject>>),
}

impl Manifests {
    fn values(&self) -> Vec<&Value> {
        match self {
            Manifests::Owned(values) => values.iter().collect(),
            Manifests::Shared(objects) => objects.iter().map(|object| &object.value).collect(),
        }
    }
}

impl PyCompileResult {
    /// Wraps a successful compile: its manifests, their YAML and the diagnostics.
    pub(crate) fn new(
        py: Python<'_>,
        manifests: Manifests,
        yaml: &str,
        diagnostics: &[Diagnostic],
    ) -> PyResult<Self> {
        let summary = format!(
            "objects=<{}>, yaml=<{} characters>, diagnostics=<{}>",
            kind_counts(&manifests.values()),
            yaml.chars().count(),
            text::summary(diagnostics)
        );
        Ok(PyCompileResult {
            yaml: PyString::new(py, yaml).unbind(),
            diagnostics: diagnostic_list(py, diagnostics)?.unbind(),
            manifests,
            objects: PyOnceLock::new(),
            summary,
        })
    }
}

#[pymethods]
impl PyCompileResult {
    /// The manifests as dicts, in install order (the same list on every access).
    #[getter]
    fn objects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let objects = self.objects.get_or_try_init(py, || {
            PyResult::Ok(
                to_python(py, &self.manifests.values())?
                    .cast_into::<PyList>()?
                    .unbind(),
            )
        })?;
        Ok(objects.bind(py).clone())
    }

    fn __repr__(&self) -> String {
        format!("CompileResult({})", self.summary)
    }
}

/// `7 objects: 1 Namespace, 3 Deployment, ...`, kinds in order of first appearance.
fn kind_counts(objects: &[&Value]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for object in objects {
        let kind = object.get("kind").and_then(Value::as_str).unwrap_or("?");
        match counts.iter_mut().find(|(seen, _)| *seen == kind) {
            Some((_, count)) => *count += 1,
            None => counts.push((kind, 1)),
        }
    }
    let kinds: Vec<String> = counts
        .iter()
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect();
    if kinds.is_empty() {
        return "0 objects".to_owned();
    }
    format!("{} objects: {}", objects.len(), kinds.join(", "))
}
