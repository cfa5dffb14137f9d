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

/// Who an object is: its node, apiVersion, kind, namespace and name.
type ObjectKey<'a> = (Option<&'a str>, &'a str, &'a str, &'a str, &'a str);

fn key(manifest: &Manifest) -> ObjectKey<'_> {
    let object: &Object = &manifest.object;
    (
        manifest.node_id.as_deref(),
        object.api_version(),
        object.kind(),
        object.namespace().unwrap_or_default(),
        object.name(),
    )
}

/// The objects of the last compile that produced any, in install order.
#[derive(Debug, Default)]
pub(super) struct LastCompile {
    objects: Vec<Arc<CompiledObject>>,
}

impl LastCompile {
    /// The last compile's object equal to `manifest`, now at `place` in install order:
    /// looked for at the same place (an edit seldom moves objects), else as the object
    /// that is who `manifest` is, found through `by_key`, made on the first miss.
    fn reusable<'a>(
        &'a self,
        place: usize,
        manifest: &Manifest,
        by_key: &mut Option<BTreeMap<ObjectKey<'a>, usize>>,
    ) -> Option<&'a Arc<CompiledObject>> {
        if let Some(same) = self.objects.get(place)
            && same.manifest == *manifest
        {
            return Some(same);
        }
        let by_key = by_key.get_or_insert_with(|| {
            let mut by_key = BTreeMap::new();
            for (place, object) in self.objects.iter().enumerate() {
                by_key.entry(key(&object.manifest)).or_insert(place);
            }
            by_key
        });
        let &place = by_key.get(&key(manifest))?;
        let before = &self.objects[place];
        (before.manifest == *manifest).then_some(before)
    }
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
        let last = std::mem::take(&mut self.last_compile);
        let mut by_key = None;
        let mut rendered = 0;
        let mut objects = Vec::with_capacity(manifests.len());
        for (place, manifest) in manifests.into_iter().enumerate() {
            let object = match last.reusable(place, &manifest, &mut by_key) {
                Some(before) => Arc::clone(before),
                None => {
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
            objects.push(object);
        }
        self.last_compile.objects = objects.clone();
        CompiledDocument {
            objects,
            diagnostics,
            rendered,
        }
    }
}
