//! Validation: every problem in a workflow, each named precisely.
//!
//! [`validate`] builds the [`WorkflowGraph`] once and runs every rule under [`rules`] (one
//! rule per file) against it. Rules push diagnostics into the [`Context`]; the result is
//! sorted into a stable order and never stops at the first problem.

pub mod rules;

use crate::diagnostic::{self, Code, Diagnostic};
use crate::graph::{GraphNode, WorkflowGraph};
use crate::model::{FieldPath, PluginDefinition, Workflow};

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

    /// Reports a diagnostic about a field of a node's data.
    pub fn report_field(
        &mut self,
        node: &GraphNode<'_>,
        field: FieldPath,
        code: Code,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::new(code, message).node(node.id()).at(field));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The diagnostics reported so far, sorted.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        diagnostic::sort(&mut self.diagnostics);
        self.diagnostics
    }
}

/// Checks a workflow and returns every problem found, sorted by place in the input.
pub fn validate(workflow: &Workflow, options: &ValidateOptions<'_>) -> Vec<Diagnostic> {
    let graph = WorkflowGraph::new(workflow);
    validate_graph(&graph, options)
}

/// Checks an already built graph (the compiler shares it).
pub fn validate_graph(graph: &WorkflowGraph<'_>, options: &ValidateOptions<'_>) -> Vec<Diagnostic> {
    let mut context = Context::new(graph, *options);
    for rule in rules::ALL {
        (rule.check)(&mut context);
    }
    context.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Diagnostics of one rule alone on a workflow given as JSON.
    pub(crate) fn diagnostics_of(rule: &str, json: &str) -> Vec<Diagnostic> {
        let workflow = crate::parse::parse_workflow(json).expect("test workflow parses");
        let graph = WorkflowGraph::new(&workflow);
        let mut context = Context::new(&graph, ValidateOptions::default());
        let rule = rules::by_name(rule).unwrap_or_else(|| panic!("no rule named {rule}"));
        (rule.check)(&mut context);
        context.finish()
    }
}
