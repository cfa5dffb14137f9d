//! Compiling a document again after edits, reusing what did not change.
//!
//! Validation is not run again: the document keeps its diagnostics up to date. Every
//! object is built again, because what a node becomes depends on more than its
//! neighbours (names looked up across the graph, the autoscalers that target a workload,
//! the first StatefulSet of a name getting the headless Service). Building is the cheap
//! part; each object whose build equals the last compile's keeps its JSON value and YAML
//! document, so only the objects an edit changed are converted and rendered. Reuse is
//! decided by comparing the built objects, so it cannot go stale:
//! `core/tests/document_compile_props.rs` checks the stream against
//! [`crate::compile::compile_to_yaml`] after every step of random edit sequences.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use super::Document;
use crate::compile::{CompileOptions, Manifest, Object, build_validated};
use crate::diagnostic::{self, Diagnostic};
use crate::model::RuntimeValues;
use crate::render::yaml::{DOCUMENT_SEPARATOR, value_to_yaml};

/// One compiled object with its JSON value and its YAML document (no `---` marker).
#[derive(Clone, Debug, PartialEq)]
pub struct CompiledObject {
    /// The object and the node it comes from.
    pub manifest: Manifest,
    /// The object as JSON.
    pub value: Value,
    /// The object as one YAML document, as [`crate::compile::compile_to_yaml`] writes it.
    pub yaml: String,
}

/// The result of [`Document::compile`]: the objects in install order and every
/// diagnostic. When any diagnostic is an error there are no objects.
#[derive(Clone, Debug, Default)]
pub struct CompiledDocument {
    /// The objects, in install order; shared with the document, which reuses them.
    pub objects: Vec<Arc<CompiledObject>>,
    /// Validation and compile diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// How many objects were converted and rendered this time (the others were reused).
    pub rendered: usize,
}

impl CompiledDocument {
    /// Whether any diagnostic is an error (then there are no objects).
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }

    /// The objects as one multi-document YAML stream, in install order: the bytes
    /// [`crate::compile::compile_to_yaml`] writes for the workflow as edited.
    pub fn to_yaml(&self) -> String {
        let length = self
            .objects
            .iter()
            .map(|object| object.yaml.len())
            .sum::<usize>()
            + self.objects.len() * DOCUMENT_SEPARATOR.len();
        let mut stream = String::with_capacity(length);
        for (place, object) in self.objects.iter().enumerate() {
            if place > 0 {
                stream.push_str(DOCUMENT_SEPARATOR);
            }
            stream.push_str(&object.yaml);
        }
        stream
    }
}

/// Who an object is: its node, apiVersion, kind, namespace and name. Only looked up, to
/// find the last compile's object to compare with.
type ObjectKey = (Option<String>, String, String, String, String);

fn key(manifest: &Manifest) -> ObjectKey {
    let object: &Object = &manifest.object;
    (
        manifest.node_id.clone(),
        object.api_version().to_owned(),
        object.kind().to_owned(),
        object.namespace().unwrap_or_default().to_owned(),
        object.name().to_owned(),
    )
}

/// The objects of the last compile that produced any, by who they are.
#[derive(Debug, Default)]
pub(super) struct LastCompile {
    objects: BTreeMap<ObjectKey, Arc<CompiledObject>>,
}

impl Document {
    /// Compiles the workflow as edited: what [`crate::compile::compile`] gives for it, with
    /// the document's plugins, reusing the JSON and YAML of every object that did not
    /// change since the last compile.
    pub fn compile(
        &mut self,
        values: Option<&RuntimeValues>,
        emit_namespaces: bool,
    ) -> CompiledDocument {
        let mut diagnostics = self.diagnostics();
        if diagnostic::has_errors(&diagnostics) {
            return CompiledDocument {
                diagnostics,
                ..CompiledDocument::default()
            };
        }
        let options = CompileOptions {
            values,
            plugins: &self.plugins,
            emit_namespaces,
        };
        let (manifests, found) = build_validated(&self.workflow, &options);
        diagnostics.extend(found);
        diagnostic::sort(&mut diagnostics);
        if diagnostic::has_errors(&diagnostics) {
            return CompiledDocument {
                diagnostics,
                ..CompiledDocument::default()
            };
        }
        let last = std::mem::take(&mut self.last_compile.objects);
        let mut rendered = 0;
        let mut objects = Vec::with_capacity(manifests.len());
        for manifest in manifests {
            let key = key(&manifest);
            let object = match last.get(&key) {
                Some(before) if before.manifest == manifest => Arc::clone(before),
                _ => {
                    rendered += 1;
                    let value = manifest.object.to_value();
                    let yaml = value_to_yaml(&value);
                    Arc::new(CompiledObject {
                        manifest,
                        value,
                        yaml,
                    })
                }
            };
            self.last_compile
                .objects
                .entry(key)
                .or_insert_with(|| Arc::clone(&object));
            objects.push(object);
        }
        CompiledDocument {
            objects,
            diagnostics,
            rendered,
        }
    }
}
