//! What every per-kind builder shares: the graph, the options, the label policy, lookups
//! by name for the fall-back links, and the diagnostics only compiling can find.
//!
//! Validation owns every problem with the input and its messages. The builders never
//! rely on it for safety (a large workflow is built while it is validated): a value they
//! cannot use leaves its node or field out, and is recorded here as [`Skipped`], never
//! reported. Compiling keeps nothing built when validation finds an error, and a test
//! proves validation finds one on every node a builder skipped.

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap};

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString as K8sIntOrString;

use super::metadata::LabelPolicy;
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::{GraphNode, Relation, WorkflowGraph};
use crate::model::{FieldPath, IntOrString, NodeKind, PluginDefinition, RuntimeValues};

/// Node positions by namespace and name, in input order: the first and last node of each
/// name, and for every node the next one of the same name. No list per name: a workflow
/// has about as many names as nodes.
#[derive(Debug)]
struct NameIndex<'a> {
    /// Only looked up, never iterated, so a hash map's order cannot reach the output.
    ends: HashMap<(&'a str, &'a str), (usize, usize), foldhash::fast::RandomState>,
    next: Vec<Option<usize>>,
}

impl<'a> NameIndex<'a> {
    fn new(graph: &WorkflowGraph<'a>) -> Self {
        let nodes = graph.nodes();
        let mut ends = HashMap::with_capacity_and_hasher(nodes.len(), Default::default());
        let mut next = vec![None; nodes.len()];
        for (position, node) in nodes.iter().enumerate() {
            if node.name().is_empty() {
                continue;
            }
            ends.entry((node.namespace(), node.name()))
                .and_modify(|(_, last): &mut (usize, usize)| {
                    next[*last] = Some(position);
                    *last = position;
                })
                .or_insert((position, position));
        }
        NameIndex { ends, next }
    }

    /// The positions of the nodes called `name` in `namespace`, in input order.
    fn named(&self, namespace: &str, name: &str) -> impl Iterator<Item = usize> + '_ {
        let first = self.ends.get(&(namespace, name)).map(|&(first, _)| first);
        std::iter::successors(first, |&position| self.next[position])
    }
}

/// Shared state of one compilation.
#[derive(Debug)]
pub(super) struct Context<'a> {
    /// The workflow as a graph.
    pub graph: &'a WorkflowGraph<'a>,
    /// Run-time secret and env values.
    pub values: Option<&'a RuntimeValues>,
    /// Plugin definitions.
    pub plugins: &'a [PluginDefinition],
    /// Convention labels.
    pub labels: &'a LabelPolicy,
    /// The workloads HPAs scale, as (kind, namespace, name), each to its HPA's name.
    pub scaled: BTreeMap<(&'a str, &'a str, &'a str), &'a str>,
    /// Nodes by namespace and name, built on first use: only graphs drawn without some
    /// edges need it.
    by_name: OnceCell<NameIndex<'a>>,
    /// The (namespace, name) pairs looked up across the graph, when an open document
    /// asks for them ([`Context::recording`]): what a node's objects depend on beyond its
    /// edges.
    lookups: Option<RefCell<Vec<(String, String)>>>,
    diagnostics: Vec<Diagnostic>,
    skipped: Vec<Skipped>,
}

/// A value a builder could not use: the node, or the field at `at`, was left out.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Skipped {
    /// The node's id.
    pub node_id: String,
    /// The value left out.
    pub at: FieldPath,
}

impl<'a> Context<'a> {
    /// A context for `graph`.
    pub(super) fn new(
        graph: &'a WorkflowGraph<'a>,
        values: Option<&'a RuntimeValues>,
        plugins: &'a [PluginDefinition],
    ) -> Self {
        Context {
            graph,
            values,
            plugins,
            labels: &graph.labels,
            scaled: BTreeMap::new(),
            by_name: OnceCell::new(),
            lookups: None,
            diagnostics: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// This context, recording every lookup by name ([`Context::take_found`]).
    pub(super) fn recording(mut self) -> Self {
        self.lookups = Some(RefCell::new(Vec::new()));
        self
    }

    fn note_lookup(&self, namespace: &str, name: &str) {
        if let Some(lookups) = &self.lookups {
            lookups
                .borrow_mut()
                .push((namespace.to_owned(), name.to_owned()));
        }
    }

    /// What was reported and (when recording) looked up by name since the last call:
    /// what building one node found, when called after each node.
    pub(super) fn take_found(&mut self) -> (Vec<Diagnostic>, Vec<(String, String)>) {
        let lookups = self
            .lookups
            .as_mut()
            .map(|lookups| std::mem::take(lookups.get_mut()))
            .unwrap_or_default();
        (std::mem::take(&mut self.diagnostics), lookups)
    }

    /// The name of the HPA that scales the workload of `kind` called `name` in
    /// `namespace`.
    pub(super) fn scaled_by(&self, kind: &str, namespace: &str, name: &str) -> Option<&'a str> {
        self.note_lookup(namespace, name);
        self.scaled.get(&(kind, namespace, name)).copied()
    }

    /// The first node (in input order) of one of `kinds` called `name` in `namespace`:
    /// how links are found for graphs drawn without edges.
    pub(super) fn find(
        &self,
        namespace: &str,
        name: &str,
        kinds: &[NodeKind],
    ) -> Option<GraphNode<'a>> {
        self.note_lookup(namespace, name);
        self.by_name
            .get_or_init(|| NameIndex::new(self.graph))
            .named(namespace, name)
            .map(|position| *self.graph.at(position))
            .find(|node| node.kind.is_some_and(|kind| kinds.contains(&kind)))
    }

    /// Targets of the allowed edges leaving `position` whose relation `select` accepts,
    /// in input order.
    pub(super) fn targets<T>(
        &self,
        position: usize,
        select: impl Fn(Relation) -> Option<T>,
    ) -> Vec<(T, GraphNode<'a>)> {
        self.graph
            .outgoing(position)
            .filter_map(|(edge, relation)| {
                select(relation).map(|item| (item, *self.graph.at(edge.target)))
            })
            .collect()
    }

    /// Sources of the allowed edges entering `position` whose relation `select` accepts,
    /// in input order.
    pub(super) fn sources<T>(
        &self,
        position: usize,
        select: impl Fn(Relation) -> Option<T>,
    ) -> Vec<(T, GraphNode<'a>)> {
        self.graph
            .incoming(position)
            .filter_map(|(edge, relation)| {
                select(relation).map(|item| (item, *self.graph.at(edge.source)))
            })
            .collect()
    }

    /// Reports what only compiling can know about a field of `node`'s data.
    pub(super) fn report(
        &mut self,
        node: &GraphNode<'_>,
        code: Code,
        at: FieldPath,
        message: impl Into<String>,
    ) -> Reported<'_> {
        self.diagnostics
            .push(Diagnostic::new(code, message).node(node.id()).at(at));
        let last = self.diagnostics.len() - 1;
        Reported(&mut self.diagnostics[last])
    }

    /// Reports a diagnostic a validation rule made for compiling.
    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records that the value at `at` could not be used, so `node` or that field is left
    /// out. Validation reports why.
    pub(super) fn skip(&mut self, node: &GraphNode<'_>, at: FieldPath) {
        self.skipped.push(Skipped {
            node_id: node.id().to_owned(),
            at,
        });
    }

    /// The diagnostics found while compiling, and what the builders skipped.
    pub(super) fn finish(self) -> (Vec<Diagnostic>, Vec<Skipped>) {
        (self.diagnostics, self.skipped)
    }

    /// The node's name; skipped when it has none (the reference silently used the node
    /// id).
    pub(super) fn require_name(&mut self, node: &GraphNode<'a>) -> Option<&'a str> {
        let name = node.name();
        if name.is_empty() {
            self.skip(node, node.data_path().key("name"));
            return None;
        }
        Some(name)
    }

    /// A required text field; skipped when absent.
    pub(super) fn require_text<'v>(
        &mut self,
        node: &GraphNode<'_>,
        key: &str,
        value: Option<&'v str>,
    ) -> Option<&'v str> {
        if value.is_none() {
            self.skip(node, node.data_path().key(key));
        }
        value
    }

    /// An integer as Kubernetes' `int32`; skipped when it does not fit.
    pub(super) fn int32(
        &mut self,
        node: &GraphNode<'_>,
        at: impl FnOnce() -> FieldPath,
        value: Option<i64>,
    ) -> Option<i32> {
        let value = value?;
        match i32::try_from(value) {
            Ok(value) => Some(value),
            Err(_) => {
                self.skip(node, at());
                None
            }
        }
    }

    /// A port number or name as Kubernetes' `IntOrString`; a string of digits becomes a
    /// number (the canvas writes `"8080"` as often as `8080`).
    pub(super) fn int_or_string(
        &mut self,
        node: &GraphNode<'_>,
        at: impl FnOnce() -> FieldPath,
        value: Option<&IntOrString>,
    ) -> Option<K8sIntOrString> {
        match value? {
            IntOrString::Int(number) => self
                .int32(node, at, Some(number.value()))
                .map(K8sIntOrString::Int),
            IntOrString::String(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return None;
                }
                Some(match text.parse::<i32>() {
                    Ok(number) => K8sIntOrString::Int(number),
                    Err(_) => K8sIntOrString::String(text.to_owned()),
                })
            }
        }
    }
}

/// A diagnostic just reported, to add a hint.
#[derive(Debug)]
pub(super) struct Reported<'c>(&'c mut Diagnostic);

impl Reported<'_> {
    /// Attaches a hint.
    pub(super) fn hint(self, hint: impl Into<String>) -> Self {
        self.0.hint = Some(hint.into());
        self
    }
}

/// Runs `test` with a context for a workflow given as JSON, bypassing validation (for
/// builder behaviour that validation would refuse to reach).
#[cfg(test)]
pub(super) fn with_context<R>(
    json: serde_json::Value,
    test: impl FnOnce(&mut Context<'_>) -> R,
) -> R {
    let workflow = crate::parse::workflow_from_value(json).expect("test workflow parses");
    let graph = WorkflowGraph::new(&workflow);
    let mut cx = Context::new(&graph, None, &[]);
    test(&mut cx)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::graph::SELECTABLE_KINDS;

    #[test]
    fn find_returns_the_first_node_of_a_kind_by_namespace_and_name() {
        let nodes = json!({"nodes": [
            {"id": "svc", "type": "service", "data": {"name": "api"}},
            {"id": "other-ns", "type": "deployment", "data": {"name": "api", "namespace": "jobs"}},
            {"id": "first", "type": "deployment", "data": {"name": "api"}},
            {"id": "second", "type": "statefulset", "data": {"name": "api"}},
            {"id": "unnamed", "type": "deployment", "data": {}}
        ]});
        with_context(nodes, |cx| {
            let found = |namespace: &str, kinds: &[NodeKind]| {
                cx.find(namespace, "api", kinds).map(|node| node.id())
            };
            assert_eq!(found("default", SELECTABLE_KINDS), Some("first"));
            assert_eq!(found("default", &[NodeKind::StatefulSet]), Some("second"));
            assert_eq!(found("default", &[NodeKind::Service]), Some("svc"));
            assert_eq!(found("jobs", SELECTABLE_KINDS), Some("other-ns"));
            assert_eq!(found("jobs", &[NodeKind::Service]), None);
            assert_eq!(
                cx.find("default", "", SELECTABLE_KINDS)
                    .map(|node| node.id()),
                None
            );
        });
    }
}
