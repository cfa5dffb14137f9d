//! Validation: every problem in a workflow, each named precisely.
//!
//! [`validate`] builds the [`WorkflowGraph`] once and runs every rule under [`rules`] (one
//! rule per module, each owning its diagnostic codes) against it. Rules push diagnostics
//! into the [`Context`]; the result is sorted into a stable order and never stops at the
//! first problem.

pub mod rules;
pub mod syntax;

use crate::diagnostic::{self, Code, Diagnostic};
use crate::graph::{GraphEdge, GraphNode, WorkflowGraph};
use crate::model::{FieldPath, NodeKind, PluginDefinition, Workflow};
use rules::Check;

/// A hash map for lookups by user-supplied strings: foldhash is several times faster than
/// the standard SipHash on short keys and still seeded per process. Never iterated where
/// order matters.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A [`FastMap`] with room for `capacity` entries.
pub(crate) fn fast_map<K, V>(capacity: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(capacity, Default::default())
}

/// A set for membership tests on user-supplied strings (duplicates), hashed as
/// [`FastMap`]. Never iterated.
pub(crate) type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// What validation needs besides the workflow.
#[derive(Clone, Copy, Debug, Default)]
pub struct ValidateOptions<'a> {
    /// Plugin definitions for plugin nodes.
    pub plugins: &'a [PluginDefinition],
}

/// What every rule gets: the resolved graph, the options, and where to report.
#[derive(Debug)]
pub struct Context<'a> {
    /// The workflow as a graph.
    pub graph: &'a WorkflowGraph<'a>,
    /// The options.
    pub options: ValidateOptions<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    /// A context with no diagnostics yet.
    pub fn new(graph: &'a WorkflowGraph<'a>, options: ValidateOptions<'a>) -> Self {
        Context {
            graph,
            options,
            diagnostics: Vec::new(),
        }
    }

    /// The workflow.
    pub fn workflow(&self) -> &'a Workflow {
        self.graph.workflow
    }

    /// Reports a diagnostic.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The diagnostics reported so far, sorted.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        diagnostic::sort(&mut self.diagnostics);
        self.diagnostics
    }
}

/// A diagnostic about the value at `field` (a full path, usually below the node's data).
pub fn node_problem(
    node: &GraphNode<'_>,
    field: FieldPath,
    code: Code,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(code, message).node(node.id()).at(field)
}

/// A diagnostic about a key of an edge (`target`, `sourceHandle`, ...).
pub fn edge_problem(
    edge: &GraphEdge<'_>,
    key: &str,
    code: Code,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(code, message)
        .edge(edge.id())
        .at(edge.path().key(key))
}

/// Checks a workflow and returns every problem found, sorted by place in the input.
pub fn validate(workflow: &Workflow, options: &ValidateOptions<'_>) -> Vec<Diagnostic> {
    let graph = WorkflowGraph::new(workflow);
    validate_graph(&graph, options)
}

/// Checks an already built graph (the compiler shares it): the whole-graph rules first,
/// then each node once, running every per-node rule for its kind in turn (see
/// [`rules::Check`]).
pub fn validate_graph(graph: &WorkflowGraph<'_>, options: &ValidateOptions<'_>) -> Vec<Diagnostic> {
    let mut context = Context::new(graph, *options);
    let mut by_kind: Vec<Vec<rules::NodeCheck>> = vec![Vec::new(); NodeKind::ALL.len()];
    for rule in rules::ALL {
        match rule.check {
            Check::Graph(check) | Check::Keyed(check, _) => check(&mut context),
            Check::Nodes(kinds, check) => {
                for kind in kinds {
                    by_kind[*kind as usize].push(check);
                }
            }
        }
    }
    for (position, node) in graph.nodes().iter().enumerate() {
        let Some(kind) = node.kind else { continue };
        for check in &by_kind[kind as usize] {
            check(&mut context, position, node);
        }
    }
    context.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Diagnostics of the rule that owns `code`, alone, on a workflow given as JSON.
    pub(crate) fn diagnostics_of(code: Code, json: &str) -> Vec<Diagnostic> {
        diagnostics_with(code, json, ValidateOptions::default())
    }

    /// Diagnostics of the rule that owns `code`, alone, with options (plugin definitions).
    pub(crate) fn diagnostics_with(
        code: Code,
        json: &str,
        options: ValidateOptions<'_>,
    ) -> Vec<Diagnostic> {
        let workflow = crate::parse::parse_workflow(json).expect("test workflow parses");
        let graph = WorkflowGraph::new(&workflow);
        let mut context = Context::new(&graph, options);
        let rule = rules::owner(code).unwrap_or_else(|| panic!("no rule owns {code}"));
        rule.run(&mut context);
        context.finish()
    }

    /// `(code, pointer, node or edge id)` of each diagnostic, for compact assertions.
    /// The title of each diagnostic's fix (`None`: it has none), in reporting order.
    pub(crate) fn fix_titles(found: &[Diagnostic]) -> Vec<Option<&str>> {
        found
            .iter()
            .map(|d| d.fix.as_ref().map(|fix| fix.title.as_str()))
            .collect()
    }

    pub(crate) fn summary(found: &[Diagnostic]) -> Vec<(&str, String, &str)> {
        found
            .iter()
            .map(|d| {
                let owner = d.location.node_id.as_deref();
                let owner = owner.or(d.location.edge_id.as_deref()).unwrap_or_default();
                (d.code.as_str(), d.pointer().unwrap_or_default(), owner)
            })
            .collect()
    }
}
