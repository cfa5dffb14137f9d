//! The compiler: from a validated workflow graph to typed Kubernetes objects.
//!
//! [`compile`] validates and refuses to produce anything when there is an error (a large
//! workflow is validated on a second thread while it is built, and what was built is
//! thrown away on an error). [`compile_to_yaml`] and [`compile_to_json_list`] do the same
//! but render each object as soon as it is built instead of holding them all; all put
//! the objects into install order.
//! Links come from the edges (the source of truth) in the UI's direction; the copies the
//! UI keeps in node data are used only when a node has no edge of that relation.
//!
//! Each node kind has its builder under `kinds/`, named as in [`crate::model::kinds`];
//! the machinery they share sits beside this module: `context` (lookups, and what the
//! builders report or skip), `metadata` (labels), `pod` (the pod template), `workload`,
//! `claim` and `scaling` (what several kinds share), `object` (the output type),
//! `namespace` (the generated Namespaces) and `order` (install order). This module
//! validates, runs the builders and keeps their objects only when validation finds no
//! error.
//!
//! Validation owns every problem with the input: a builder meeting a value it cannot use
//! skips it without a word (and records it, so a test can prove validation reports an
//! error on every such node). Compiling itself reports only what validation cannot know:
//! missing run-time values, the objects it generates or leaves to an autoscaler, an
//! assumed apiVersion, and plugin definitions it cannot use.
//!
//! The output is deterministic: nodes are visited in input order, every map is ordered,
//! and the final order is total over (kind, namespace, name).

mod affinity;
mod claim;
mod container;
mod context;
mod exposed;
mod kinds;
mod metadata;
mod namespace;
mod object;
mod order;
mod parallel;
mod pod;
mod probe;
pub(crate) mod rebuild;
mod scaling;
mod security;
#[cfg(test)]
mod tests;
mod workload;

use serde_json::Value;

pub use object::{CustomResource, Object};

use self::context::{Context, Skipped};
use crate::diagnostic::{self, Diagnostic};
use crate::graph::WorkflowGraph;
use crate::model::{PluginDefinition, RuntimeValues, Workflow};
use crate::render::{self, RenderedFile};
use crate::validate::{ValidateOptions, validate_graph};

/// What compiling needs besides the workflow.
#[derive(Clone, Copy, Debug)]
pub struct CompileOptions<'a> {
    /// Secret and env values supplied at run time (never stored in the workflow).
    pub values: Option<&'a RuntimeValues>,
    /// Plugin definitions for plugin nodes.
    pub plugins: &'a [PluginDefinition],
    /// Emit a Namespace object for every non-default namespace used.
    pub emit_namespaces: bool,
}

impl Default for CompileOptions<'_> {
    fn default() -> Self {
        CompileOptions {
            values: None,
            plugins: &[],
            emit_namespaces: true,
        }
    }
}

/// One compiled object and the node it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// The node's id; `None` for generated objects (Namespaces, headless Services).
    pub node_id: Option<String>,
    /// The object.
    pub object: Object,
}

/// The result of compiling: objects in install order and every diagnostic. When any
/// diagnostic is an error there are no objects.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compilation {
    /// The objects, in install order.
    pub objects: Vec<Manifest>,
    /// Validation and compile diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    /// Whether any diagnostic is an error (then there are no objects).
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }

    /// The objects as JSON values, in install order.
    pub fn values(&self) -> Vec<Value> {
        self.objects
            .iter()
            .map(|manifest| manifest.object.to_value())
            .collect()
    }

    /// The objects as one multi-document YAML stream, in install order: the bytes
    /// [`render::to_yaml`] writes for [`Compilation::values`], written straight from the
    /// typed objects.
    pub fn to_yaml(&self) -> String {
        render::yaml::to_yaml_typed(self.objects.iter().map(|manifest| &manifest.object))
            .expect("Kubernetes objects serialize to JSON")
    }

    /// The objects as a JSON `v1` `List`, in install order, written straight from the
    /// typed objects.
    pub fn to_json_list(&self) -> String {
        render::to_json_list(self.objects.iter().map(|manifest| &manifest.object))
            .expect("Kubernetes objects serialize to JSON")
    }

    /// One file per object, numbered in install order, plus a `kustomization.yaml`.
    pub fn to_directory(&self) -> Vec<RenderedFile> {
        render::to_directory(&self.values())
    }
}

/// The result of [`compile_to_yaml`] (or [`compile_to_json_list`], then `yaml` holds the
/// JSON `List`): the text and every diagnostic. When any diagnostic is an error the text
/// is empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompiledYaml {
    /// The objects as one multi-document YAML stream, in install order.
    pub yaml: String,
    /// Validation and compile diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl CompiledYaml {
    /// Whether any diagnostic is an error (then the stream is empty).
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }
}

/// Validates and compiles a workflow. A large workflow is validated on a second thread
/// while it is built, where the platform has threads.
pub fn compile(workflow: &Workflow, options: &CompileOptions<'_>) -> Compilation {
    let mut objects = Vec::new();
    let diagnostics = compile_each(workflow, options, |node_id, object| {
        objects.push(Manifest {
            node_id: node_id.map(str::to_owned),
            object,
        });
    });
    if diagnostic::has_errors(&diagnostics) {
        objects.clear();
    }
    order::sort(&mut objects);
    Compilation {
        objects,
        diagnostics,
    }
}

/// Validates and compiles a workflow straight to YAML: the bytes
/// [`compile`]`(..).`[`to_yaml()`](Compilation::to_yaml) gives, without holding every
/// object at once, which makes it several times faster for a large workflow.
pub fn compile_to_yaml(workflow: &Workflow, options: &CompileOptions<'_>) -> CompiledYaml {
    compile_to_yaml_stream(workflow, options).into()
}

/// Validates and compiles a workflow straight to a JSON `v1` `List` (in `yaml`): the bytes
/// [`compile`]`(..).`[`to_json_list()`](Compilation::to_json_list) gives, each object
/// written as it is built, as [`compile_to_yaml`] does.
pub fn compile_to_json_list(workflow: &Workflow, options: &CompileOptions<'_>) -> CompiledYaml {
    compile_to_json_list_stream(workflow, options).into()
}

/// [`compile_to_yaml`], with the documents left to be written out one by one
/// ([`CompiledStream::write_to`]) rather than joined into one string.
pub fn compile_to_yaml_stream(workflow: &Workflow, options: &CompileOptions<'_>) -> CompiledStream {
    let (documents, diagnostics) = compile_to_text::<render::yaml::Documents>(workflow, options);
    CompiledStream {
        documents: documents.map(StreamDocuments::Yaml),
        diagnostics,
    }
}

/// [`compile_to_json_list`], with the items left to be written out one by one
/// ([`CompiledStream::write_to`]) rather than joined into one string.
pub fn compile_to_json_list_stream(
    workflow: &Workflow,
    options: &CompileOptions<'_>,
) -> CompiledStream {
    let (documents, diagnostics) = compile_to_text::<render::json::Documents>(workflow, options);
    CompiledStream {
        documents: documents.map(StreamDocuments::Json),
        diagnostics,
    }
}

/// The result of [`compile_to_yaml_stream`] or [`compile_to_json_list_stream`]: every
/// diagnostic, and the text as rendered pieces in install order. Writing them out one by
/// one never holds the output twice, which joining them into one string does (for a large
/// workflow, several megabytes).
#[derive(Debug, Default)]
pub struct CompiledStream {
    /// The documents; none when any diagnostic is an error.
    documents: Option<StreamDocuments>,
    /// Validation and compile diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug)]
enum StreamDocuments {
    Yaml(order::Ordered<render::yaml::Documents>),
    Json(order::Ordered<render::json::Documents>),
}

impl CompiledStream {
    /// Whether any diagnostic is an error (then there is nothing to write).
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }

    /// Writes the text ([`CompiledYaml::yaml`] of the same compilation) to `out`; nothing
    /// when there is an error.
    ///
    /// # Errors
    ///
    /// When `out` fails.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        match &self.documents {
            Some(StreamDocuments::Yaml(documents)) => documents.write_to(out),
            Some(StreamDocuments::Json(documents)) => documents.write_to(out),
            None => Ok(()),
        }
    }
}

impl From<CompiledStream> for CompiledYaml {
    fn from(stream: CompiledStream) -> Self {
        let yaml = match stream.documents {
            Some(StreamDocuments::Yaml(documents)) => documents.into_stream(),
            Some(StreamDocuments::Json(documents)) => documents.into_stream(),
            None => String::new(),
        };
        CompiledYaml {
            yaml,
            diagnostics: stream.diagnostics,
        }
    }
}

/// Compiles, rendering each object into `D` as soon as it is built, and puts the
/// documents into install order; none when there is an error.
fn compile_to_text<D: order::Rendered>(
    workflow: &Workflow,
    options: &CompileOptions<'_>,
) -> (Option<order::Ordered<D>>, Vec<Diagnostic>) {
    let nodes_per_chunk = (Validation::for_workflow(workflow) == Validation::Alongside)
        .then_some(parallel::NODES_PER_CHUNK);
    compile_to_text_with(nodes_per_chunk, workflow, options)
}

/// [`compile_to_text`], building on two threads in chunks of `nodes_per_chunk` nodes (see
/// [`parallel`]), or without, on this one after validating.
fn compile_to_text_with<D: order::Rendered>(
    nodes_per_chunk: Option<usize>,
    workflow: &Workflow,
    options: &CompileOptions<'_>,
) -> (Option<order::Ordered<D>>, Vec<Diagnostic>) {
    let (diagnostics, documents) = match nodes_per_chunk {
        Some(nodes_per_chunk) => {
            let graph = WorkflowGraph::new(workflow);
            let (mut diagnostics, documents) =
                parallel::compile_to_text::<D>(&graph, options, nodes_per_chunk);
            diagnostic::sort(&mut diagnostics);
            (diagnostics, documents)
        }
        None => {
            let mut documents =
                order::SortedDocuments::<D>::with_capacity(workflow.nodes.items().len());
            let diagnostics =
                compile_each_with(Validation::Before, workflow, options, |_, object| {
                    documents.push(&object);
                });
            (diagnostics, Some(documents))
        }
    };
    let documents = documents
        .filter(|_| !diagnostic::has_errors(&diagnostics))
        .map(order::SortedDocuments::into_ordered);
    (documents, diagnostics)
}

/// When a workflow is validated: compiling throws away what it built when validation
/// finds an error, so building never depends on what validation finds, only whether its
/// result is kept. The output is the same either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Validation {
    /// Validate, then build only when there is no error.
    Before,
    /// Validate on a second thread while this one builds (`Before` where the platform
    /// has no threads, as WebAssembly); compiling to text, the second thread then builds
    /// too ([`parallel`]).
    Alongside,
}

/// Workflows with fewer nodes are validated before building: validating them takes
/// about as long as starting a thread. The fuzzer builds every workflow alongside
/// validation, so that it builds invalid ones too.
const CONCURRENT_VALIDATION_NODES: usize = if cfg!(fuzzing) { 0 } else { 256 };

/// Stack of the thread that validates alongside building.
const VALIDATION_STACK_BYTES: usize = 8 << 20;

impl Validation {
    fn for_workflow(workflow: &Workflow) -> Self {
        if workflow.nodes.items().len() >= CONCURRENT_VALIDATION_NODES {
            Validation::Alongside
        } else {
            Validation::Before
        }
    }
}

/// Validates and builds every object, handing each to `emit` with the id of its node
/// (none for generated objects) as soon as it is final, in build order, not install
/// order. Returns the sorted diagnostics; when one is an error, what was emitted must be
/// thrown away.
fn compile_each(
    workflow: &Workflow,
    options: &CompileOptions<'_>,
    emit: impl FnMut(Option<&str>, Object),
) -> Vec<Diagnostic> {
    compile_each_with(Validation::for_workflow(workflow), workflow, options, emit)
}

/// [`compile_each`], validating as `validation` says.
fn compile_each_with(
    validation: Validation,
    workflow: &Workflow,
    options: &CompileOptions<'_>,
    mut emit: impl FnMut(Option<&str>, Object),
) -> Vec<Diagnostic> {
    let graph = WorkflowGraph::new(workflow);
    let validate = || validate_for_compile(&graph, options);
    let (diagnostics, found) = match validation {
        Validation::Before => (validate(), None),
        Validation::Alongside => std::thread::scope(|scope| {
            // The stack a main thread usually has, not a spawned thread's 2 MiB: the
            // same workflow must validate the same on either.
            let validating = std::thread::Builder::new()
                .stack_size(VALIDATION_STACK_BYTES)
                .spawn_scoped(scope, validate);
            match validating {
                Ok(validating) => {
                    let (found, _) = build_all(&graph, options, &mut emit);
                    let diagnostics = validating
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (diagnostics, Some(found))
                }
                // No threads here (WebAssembly): validate first.
                Err(_) => (validate(), None),
            }
        }),
    };
    if diagnostic::has_errors(&diagnostics) {
        return diagnostics;
    }
    let found = found.unwrap_or_else(|| build_all(&graph, options, &mut emit).0);
    merge(diagnostics, found)
}

/// Validation's diagnostics, with the plugin definitions compiling uses.
fn validate_for_compile(
    graph: &WorkflowGraph<'_>,
    options: &CompileOptions<'_>,
) -> Vec<Diagnostic> {
    validate_graph(
        graph,
        &ValidateOptions {
            plugins: options.plugins,
        },
    )
}

/// Builds every object, then the Namespaces they use, handing each to `emit`; returns
/// what building found to report and what the builders skipped.
fn build_all<'a>(
    graph: &'a WorkflowGraph<'a>,
    options: &CompileOptions<'a>,
    emit: &mut impl FnMut(Option<&str>, Object),
) -> (Vec<Diagnostic>, Vec<Skipped>) {
    let mut cx = Context::new(graph, options.values, options.plugins);
    scaling::note_scale_targets(&mut cx);
    let mut namespaces = namespace::UsedNamespaces::default();
    kinds::build(&mut cx, |node_id, object| {
        namespaces.note(&object);
        emit(node_id, object);
    });
    if options.emit_namespaces {
        for namespace in namespaces.into_objects(cx.labels) {
            emit(None, namespace);
        }
    }
    cx.finish()
}

/// Validation's diagnostics and those only building finds (no code is raised by both),
/// sorted.
fn merge(mut diagnostics: Vec<Diagnostic>, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.extend(found);
    diagnostic::sort(&mut diagnostics);
    diagnostics
}
