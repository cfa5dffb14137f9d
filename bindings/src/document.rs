//! Documents that update, at the JSON level: open a workflow once, apply the edits a
//! canvas makes as JSON, and get back the diagnostics that appeared and disappeared,
//! always what [`crate::validate`] reports for the edited workflow.

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use kubegraph::document::CompiledObject;
use kubegraph::{Diagnostic, Document, Edit, EditError};

use crate::{CompileOutput, Error, Input, Options, OutputFormat, load, plugins, values};

/// A workflow opened for editing, with the options it is validated with.
#[derive(Debug)]
pub struct OpenDocument {
    document: Document,
    /// What reading the options reported (unreadable plugin definitions), which every
    /// full list repeats as `validate` does.
    options_diagnostics: Vec<Diagnostic>,
    /// The options it was opened with, which `compile` uses unless given others.
    options: Options,
}

/// What one edit changed, each list sorted as `validate` sorts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct UpdateOutput {
    /// Diagnostics that appeared.
    pub added: Vec<Diagnostic>,
    /// Diagnostics that disappeared.
    pub removed: Vec<Diagnostic>,
}

/// A document's compile output, its objects shared with the document
/// ([`OpenDocument::compile_parts`]).
#[derive(Clone, Default)]
pub struct CompiledParts {
    /// The objects in install order; empty when there are errors.
    pub objects: Vec<Arc<CompiledObject>>,
    /// The objects in the requested format (YAML or a JSON `List`); empty when there are
    /// errors.
    pub text: String,
    /// Every diagnostic (errors, warnings, infos), sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts and diagnostics only: a Secret's object and its YAML hold its data.
impl fmt::Debug for CompiledParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CompiledParts")
            .field("objects", &self.objects.len())
            .field("text_bytes", &self.text.len())
            .field("diagnostics", &self.diagnostics)
            .finish()
    }
}

/// Why an edit was not applied; the document is then unchanged.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The edit is not one of the edit shapes (`{"op": "addNode", "node": {...}}`, ...).
    #[error("invalid edit: {0}")]
    InvalidEdit(String),
    /// The edit names what the workflow does not have, or its patch leads nowhere.
    #[error(transparent)]
    Refused(#[from] EditError),
}

/// Opens a workflow; the error is the parse diagnostic.
pub fn open(input: Input<'_>, options: &Options) -> Result<OpenDocument, Diagnostic> {
    let workflow = load(input)?;
    let mut options_diagnostics = Vec::new();
    let plugins = plugins(options, &mut options_diagnostics);
    Ok(OpenDocument {
        document: Document::open(workflow, plugins),
        options_diagnostics,
        options: options.clone(),
    })
}

impl OpenDocument {
    /// Applies one edit given as JSON.
    pub fn apply(&mut self, edit: Value) -> Result<UpdateOutput, DocumentError> {
        let edit =
            Edit::deserialize(&edit).map_err(|e| DocumentError::InvalidEdit(e.to_string()))?;
        let update = self.document.apply(&edit)?;
        Ok(UpdateOutput {
            added: update.added,
            removed: update.removed,
        })
    }

    /// Every diagnostic of the edited workflow, as `validate` reports them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.document.diagnostics();
        all.extend(self.options_diagnostics.iter().cloned());
        kubegraph::diagnostic::sort(&mut all);
        all
    }

    /// The edited workflow as JSON, nothing of the input lost.
    pub fn to_json(&self) -> Value {
        self.document.to_json()
    }

    /// The edited workflow, as the core reads it.
    pub fn workflow(&self) -> &kubegraph::model::Workflow {
        self.document.workflow()
    }

    /// Compiles the edited workflow: what [`crate::compile`] gives for it, reusing the
    /// objects and YAML documents that did not change since the last compile. `options`
    /// (values, format, emitNamespaces) replace those the document was opened with; its
    /// plugins are the document's, so giving others is an error.
    pub fn compile(&mut self, options: Option<&Options>) -> Result<CompileOutput, Error> {
        let parts = self.compile_parts(options)?;
        Ok(CompileOutput {
            objects: parts
                .objects
                .iter()
                .map(|object| object.value.clone())
                .collect(),
            yaml: parts.text,
            diagnostics: parts.diagnostics,
        })
    }

    /// [`OpenDocument::compile`]'s output with the objects as the document keeps them:
    /// an object unchanged since the last compile is the same [`CompiledObject`], so a
    /// binding can hand over again what it made of it last time rather than convert
    /// every object after each edit.
    pub fn compile_parts(&mut self, options: Option<&Options>) -> Result<CompiledParts, Error> {
        let options = match options {
            Some(options) if options.plugins.is_some() => {
                return Err(Error::InvalidOptions(
                    "a document compiles with the plugins it was opened with; \
                     give plugins to open"
                        .to_owned(),
                ));
            }
            Some(options) => options,
            None => &self.options,
        };
        let mut diagnostics = self.options_diagnostics.clone();
        let values = values(options, &mut diagnostics);
        let compiled = self
            .document
            .compile(values.as_ref(), options.emit_namespaces.unwrap_or(true));
        diagnostics.extend(compiled.diagnostics.iter().cloned());
        kubegraph::diagnostic::sort(&mut diagnostics);
        if kubegraph::diagnostic::has_errors(&diagnostics) {
            return Ok(CompiledParts {
                objects: Vec::new(),
                text: String::new(),
                diagnostics,
            });
        }
        let text = match options.format {
            OutputFormat::Yaml => compiled.to_yaml(),
            OutputFormat::Json => compiled.to_json_list(),
        };
        Ok(CompiledParts {
            objects: compiled.objects,
            text,
            diagnostics,
        })
    }
}
