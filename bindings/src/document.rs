//! Documents that update, at the JSON level: open a workflow once, apply the edits a
//! canvas makes as JSON, and get back the diagnostics that appeared and disappeared,
//! always what [`crate::validate`] reports for the edited workflow.

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
        self.compile_into(options, |objects, yaml, diagnostics| CompileOutput {
            objects: objects.iter().map(|object| object.value.clone()).collect(),
            yaml,
            diagnostics,
        })
    }

    /// [`OpenDocument::compile`]'s output as JSON text, the bytes `serde_json` writes for
    /// it, made of each object's JSON text, which the document keeps while the object is
    /// unchanged ([`CompiledObject::json`]): writing every object again after each edit
    /// cost more than compiling the edited workflow.
    pub fn compile_to_json(&mut self, options: Option<&Options>) -> Result<String, Error> {
        self.compile_into(options, |objects, yaml, diagnostics| {
            let length = objects
                .iter()
                .map(|object| object.json().len() + 1)
                .sum::<usize>();
            let mut text = String::with_capacity(length + yaml.len() + 64);
            text.push_str("{\"objects\":[");
            for (place, object) in objects.iter().enumerate() {
                if place > 0 {
                    text.push(',');
                }
                text.push_str(object.json());
            }
            text.push_str("],\"yaml\":");
            text.push_str(&json_text(&yaml));
            text.push_str(",\"diagnostics\":");
            text.push_str(&json_text(&diagnostics));
            text.push('}');
            text
        })
    }

    /// Compiles, then makes the output of the objects (none when there are errors), the
    /// YAML or JSON text of the requested format, and the sorted diagnostics.
    fn compile_into<T>(
        &mut self,
        options: Option<&Options>,
        output: impl FnOnce(&[Arc<CompiledObject>], String, Vec<Diagnostic>) -> T,
    ) -> Result<T, Error> {
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
            return Ok(output(&[], String::new(), diagnostics));
        }
        let text = match options.format {
            OutputFormat::Yaml => compiled.to_yaml(),
            OutputFormat::Json => {
                kubegraph::render::to_json_list(compiled.objects.iter().map(|object| &object.value))
                    .expect("a serde_json::Value always serializes")
            }
        };
        Ok(output(&compiled.objects, text, diagnostics))
    }
}

/// `value` as compact JSON text; what the facade writes always serializes.
fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
