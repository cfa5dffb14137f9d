//! Compiling a large workflow to text on two threads.
//!
//! One thread validates, then builds; the other builds from the start. They take the
//! nodes in chunks, in input order, each rendering what it builds into its own documents
//! (objects are built, written and freed on one thread: handing them to another cost more
//! than it saved). The chunks are then put back in input order, so that the documents,
//! what building reports and the install order are those of building on one thread.
//!
//! The one choice that depends on other nodes' building, which StatefulSet generates a
//! shared headless Service, is decided up front: the first in input order to ask for it.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::context::Context;
use super::namespace::UsedNamespaces;
use super::order::{Rendered, SortedDocuments};
use super::{CompileOptions, VALIDATION_STACK_BYTES, kinds, scaling, validate_for_compile};
use crate::diagnostic::{self, Diagnostic};
use crate::graph::WorkflowGraph;
use crate::model::NodeKind;

/// Nodes a thread takes at a time: enough that taking one is rare, few enough that the
/// two threads finish together.
pub(super) const NODES_PER_CHUNK: usize = 64;

/// Validates `graph` and, when validation finds no error, builds and renders every object
/// on two threads (on this one alone where there are no threads). Returns validation's
/// diagnostics with what building found (unsorted), and the documents unless there is an
/// error.
pub(super) fn compile_to_text<D: Rendered>(
    graph: &WorkflowGraph<'_>,
    options: &CompileOptions<'_>,
    nodes_per_chunk: usize,
) -> (Vec<Diagnostic>, Option<SortedDocuments<D>>) {
    let chunks = Chunks::new(graph, nodes_per_chunk);
    let mut targets = Context::new(graph, options.values, options.plugins);
    scaling::note_scale_targets(&mut targets);
    let scaled = &targets.scaled;
    let validate_then_build = || {
        let diagnostics = validate_for_compile(graph, options);
        if diagnostic::has_errors(&diagnostics) {
            // Nothing built is kept: the other thread stops at its next chunk.
            chunks.stopped.store(true, Ordering::Relaxed);
            return (diagnostics, None);
        }
        (diagnostics, Some(chunks.build::<D>(options, scaled)))
    };
    let (diagnostics, parts) = std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .stack_size(VALIDATION_STACK_BYTES)
            .spawn_scoped(scope, validate_then_build);
        match helper {
            Ok(helper) => {
                let mine = chunks.build::<D>(options, scaled);
                let (diagnostics, theirs) = helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (diagnostics, theirs.map(|theirs| vec![mine, theirs]))
            }
            // No threads here (WebAssembly): this one validates, then builds it all.
            Err(_) => {
                let (diagnostics, part) = validate_then_build();
                (diagnostics, part.map(|part| vec![part]))
            }
        }
    });
    match parts {
        Some(parts) => {
            let (found, documents) = join(parts, graph, options);
            let mut diagnostics = diagnostics;
            diagnostics.extend(found);
            (diagnostics, Some(documents))
        }
        None => (diagnostics, None),
    }
}

/// The nodes of a graph in chunks, handed out in input order to whichever thread asks.
struct Chunks<'g, 'a> {
    graph: &'g WorkflowGraph<'a>,
    size: usize,
    /// The number of the next chunk to hand out.
    next: AtomicUsize,
    /// Set when validation found an error: building stops.
    stopped: AtomicBool,
    /// The StatefulSets that ask for a headless Service, by position: the (namespace,
    /// name) each asks for.
    asking: Vec<(usize, (&'a str, &'a str))>,
    /// For each (namespace, name) asked for, the position of the first StatefulSet to
    /// ask: the one that generates it.
    headless_owners: BTreeMap<(&'a str, &'a str), usize>,
}

/// What one thread built.
struct Part<D> {
    documents: SortedDocuments<D>,
    /// The chunks it built, in the order it took them.
    chunks: Vec<BuiltChunk>,
    namespaces: UsedNamespaces,
}

/// One chunk built by a thread.
struct BuiltChunk {
    number: usize,
    /// Its documents' positions in the thread's documents.
    documents: Range<usize>,
    /// What building its nodes reported.
    found: Vec<Diagnostic>,
}

impl<'g, 'a> Chunks<'g, 'a> {
    fn new(graph: &'g WorkflowGraph<'a>, size: usize) -> Self {
        let asking: Vec<(usize, (&'a str, &'a str))> = graph
            .nodes_of(&[NodeKind::StatefulSet])
            .filter_map(|(position, node)| Some((position, kinds::headless_key(node)?)))
            .collect();
        let mut headless_owners = BTreeMap::new();
        for &(position, key) in &asking {
            headless_owners.entry(key).or_insert(position);
        }
        Chunks {
            graph,
            size: size.max(1),
            next: AtomicUsize::new(0),
            stopped: AtomicBool::new(false),
            asking,
            headless_owners,
        }
    }

    /// The positions of the next chunk's nodes; none when all are taken or building
    /// stopped.
    fn take(&self) -> Option<(usize, Range<usize>)> {
        if self.stopped.load(Ordering::Relaxed) {
            return None;
        }
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        let start = number.checked_mul(self.size)?;
        let nodes = self.graph.nodes().len();
        (start < nodes).then(|| (number, start..nodes.min(start + self.size)))
    }

    /// Builds chunks until none is left, as [`kinds::build`] builds their nodes.
    fn build<D: Rendered>(
        &self,
        options: &CompileOptions<'a>,
        scaled: &BTreeMap<(&'a str, &'a str, &'a str), &'a str>,
    ) -> Part<D> {
        let graph = self.graph;
        let mut cx = Context::new(graph, options.values, options.plugins);
        cx.scaled.clone_from(scaled);
        let mut part = Part {
            documents: SortedDocuments::with_capacity(graph.nodes().len()),
            chunks: Vec::new(),
            namespaces: UsedNamespaces::default(),
        };
        while let Some((number, positions)) = self.take() {
            let mut generated = self.generated_elsewhere(positions.clone());
            let first = part.documents.len();
            for position in positions {
                kinds::build_node(
                    &mut cx,
                    position,
                    graph.at(position),
                    &mut generated,
                    &mut |_, object| {
                        part.namespaces.note(&object);
                        part.documents.push(&object);
                    },
                );
            }
            part.chunks.push(BuiltChunk {
                number,
                documents: first..part.documents.len(),
                found: cx.take_found().0,
            });
        }
        part
    }

    /// The headless Services the StatefulSets at `positions` ask for that a StatefulSet
    /// elsewhere generates: as if the nodes before had been built on this thread.
    fn generated_elsewhere(&self, positions: Range<usize>) -> BTreeSet<(String, String)> {
        let start = self
            .asking
            .partition_point(|(position, _)| *position < positions.start);
        self.asking[start..]
            .iter()
            .take_while(|(position, _)| positions.contains(position))
            .filter(|(position, key)| self.headless_owners.get(key) != Some(position))
            .map(|(_, (namespace, name))| ((*namespace).to_owned(), (*name).to_owned()))
            .collect()
    }
}

/// The parts' documents and findings in input order, with the Namespaces they use.
fn join<D: Rendered>(
    parts: Vec<Part<D>>,
    graph: &WorkflowGraph<'_>,
    options: &CompileOptions<'_>,
) -> (Vec<Diagnostic>, SortedDocuments<D>) {
    let mut chunks: Vec<(usize, BuiltChunk)> = Vec::new();
    let mut namespaces = UsedNamespaces::default();
    let mut pieces = Vec::with_capacity(parts.len());
    for (index, part) in parts.into_iter().enumerate() {
        chunks.extend(part.chunks.into_iter().map(|chunk| (index, chunk)));
        namespaces.absorb(part.namespaces);
        pieces.push(part.documents);
    }
    chunks.sort_unstable_by_key(|(_, chunk)| chunk.number);
    let runs: Vec<(usize, Range<usize>)> = chunks
        .iter()
        .map(|(index, chunk)| (*index, chunk.documents.clone()))
        .collect();
    let found = chunks
        .into_iter()
        .flat_map(|(_, chunk)| chunk.found)
        .collect();
    let mut documents = SortedDocuments::joined(pieces, runs);
    if options.emit_namespaces {
        for namespace in namespaces.into_objects(&graph.labels) {
            documents.push(&namespace);
        }
    }
    (found, documents)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use k8s_openapi::api::core::v1::ConfigMap;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    use super::{BuiltChunk, Part, join};
    use crate::compile::CompileOptions;
    use crate::compile::object::Object;
    use crate::compile::order::SortedDocuments;
    use crate::graph::WorkflowGraph;
    use crate::model::Workflow;
    use crate::render::yaml;

    /// A ConfigMap whose install-order key is that of every other one here: only its
    /// place in input order sets where it is written.
    fn config_map(chunk: usize) -> Object {
        Object::ConfigMap(Box::new(ConfigMap {
            metadata: ObjectMeta {
                name: Some("same".to_owned()),
                ..ObjectMeta::default()
            },
            data: Some(BTreeMap::from([("chunk".to_owned(), chunk.to_string())])),
            ..ConfigMap::default()
        }))
    }

    /// The chunks a thread built, each with one ConfigMap.
    fn part(chunks: &[usize]) -> Part<yaml::Documents> {
        let mut documents = SortedDocuments::default();
        let chunks = chunks
            .iter()
            .map(|&number| {
                documents.push(&config_map(number));
                BuiltChunk {
                    number,
                    documents: documents.len() - 1..documents.len(),
                    found: Vec::new(),
                }
            })
            .collect();
        Part {
            documents,
            chunks,
            namespaces: Default::default(),
        }
    }

    /// Documents that tie in install order come out in input order, that is chunk order,
    /// however the threads took the chunks.
    #[test]
    fn chunks_taken_in_turns_are_joined_in_input_order() {
        let workflow = Workflow::default();
        let graph = WorkflowGraph::new(&workflow);
        let parts = vec![part(&[0, 2, 3]), part(&[1, 4])];
        let (_, documents) = join(parts, &graph, &CompileOptions::default());
        let stream = documents.into_ordered().into_stream();
        let chunks: Vec<&str> = stream
            .lines()
            .filter_map(|line| line.strip_prefix("  chunk: "))
            .collect();
        assert_eq!(
            chunks,
            [r#""0""#, r#""1""#, r#""2""#, r#""3""#, r#""4""#],
            "{stream}"
        );
    }
}
