//! A workflow drawn as a diagram: [`mermaid`] (for Markdown: READMEs, pull requests) and
//! [`dot`] (Graphviz), one module per format.
//!
//! Both draw the same [`Drawing`], built from the [`WorkflowGraph`]: every node that has an
//! id, labelled with its kind and name, every edge whose ends exist, labelled with what it
//! means (its [`Relation`] in plain words, or why it means nothing), and the nodes that
//! have an error diagnostic marked. Nodes are named `n0`, `n1`, ... in input order in the
//! output, so an id holding any character cannot break the syntax; the output depends
//! only on the input.

pub mod dot;
pub mod mermaid;

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::graph::{EdgeProblem, Relation, WorkflowGraph};
use crate::model::NodeData;
use crate::model::kinds::PolicyType;

pub use dot::to_dot;
pub use mermaid::to_mermaid;

/// A box of the diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawnNode {
    /// The node id in the workflow (shown by the formats that have tooltips).
    pub id: String,
    /// The Kubernetes kind, the plugin's node type, or the unknown `type` as written.
    pub kind: String,
    /// The resource name (empty when missing).
    pub name: String,
    /// Whether a diagnostic of severity error belongs to this node.
    pub has_error: bool,
}

/// An arrow of the diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawnEdge {
    /// Position of the source in [`Drawing::nodes`].
    pub source: usize,
    /// Position of the target in [`Drawing::nodes`].
    pub target: usize,
    /// What the edge means, in plain words.
    pub label: String,
    /// Whether the edge means nothing (a forbidden pair, a self loop, an unknown handle).
    pub invalid: bool,
}

/// What both formats draw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawing {
    /// The nodes with ids, in input order.
    pub nodes: Vec<DrawnNode>,
    /// The edges whose ends exist, in input order.
    pub edges: Vec<DrawnEdge>,
}

impl Drawing {
    /// The drawing of `graph`, marking the nodes that an error of `diagnostics` names.
    pub fn new(graph: &WorkflowGraph<'_>, diagnostics: &[Diagnostic]) -> Self {
        let failing: BTreeSet<&str> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .filter_map(|diagnostic| diagnostic.location.node_id.as_deref())
            .collect();
        let nodes = graph
            .nodes()
            .iter()
            .map(|node| DrawnNode {
                id: node.id().to_owned(),
                kind: kind_label(node),
                name: node.name().to_owned(),
                has_error: failing.contains(node.id()),
            })
            .collect();
        let edges = graph
            .relations()
            .map(|(edge, relation)| DrawnEdge {
                source: edge.source,
                target: edge.target,
                label: match relation {
                    Ok(relation) => relation_label(graph, edge.source, *relation),
                    Err(problem) => problem_label(problem),
                },
                invalid: relation.is_err(),
            })
            .collect();
        Drawing { nodes, edges }
    }
}

/// `Deployment`, `Plugin certificate`, or the unknown type as written.
fn kind_label(node: &crate::graph::GraphNode<'_>) -> String {
    match (
        node.kind.and_then(|kind| kind.kubernetes_kind()),
        node.data(),
    ) {
        (Some(kind), _) => kind.to_owned(),
        (None, Some(NodeData::Plugin(plugin))) => match plugin.template_id.non_empty() {
            Some(template) => format!("Plugin {template}"),
            None => "Plugin".to_owned(),
        },
        (None, _) => node.node.node_type.as_str().map_or_else(
            || "unknown type".to_owned(),
            |kind| format!("unknown type {kind}"),
        ),
    }
}

/// What an allowed edge means, read from source to target.
fn relation_label(graph: &WorkflowGraph<'_>, source: usize, relation: Relation) -> String {
    match relation {
        Relation::Route { path } => {
            let shown = match graph.at(source).data() {
                Some(NodeData::Ingress(ingress)) => ingress
                    .paths
                    .items()
                    .get(path)
                    .and_then(|path| path.path.as_str()),
                _ => None,
            };
            match shown {
                Some(shown) => format!("routes {shown}"),
                None => format!("routes path {}", path + 1),
            }
        }
        Relation::Selects => "selects".to_owned(),
        Relation::Mounts(_) => "mounted in".to_owned(),
        Relation::Scales => "scales".to_owned(),
        Relation::PolicyTarget => "applies to".to_owned(),
        Relation::PolicyPeer(rule) => match rule.direction {
            PolicyType::Ingress => format!("allows from, ingress rule {}", rule.index + 1),
            PolicyType::Egress => format!("allows to, egress rule {}", rule.index + 1),
        },
        Relation::RunsAs => "identity of".to_owned(),
        Relation::PullsWith => "pull secret of".to_owned(),
    }
}

/// Why an edge means nothing.
fn problem_label(problem: &EdgeProblem) -> String {
    match problem {
        EdgeProblem::SelfLoop => "invalid: self loop".to_owned(),
        EdgeProblem::Forbidden => "invalid: not a connection".to_owned(),
        EdgeProblem::UnknownHandle(Some(handle)) => format!("invalid: no handle {handle}"),
        EdgeProblem::UnknownHandle(None) => "invalid: no handle".to_owned(),
    }
}

/// The node label's two lines: kind, then name (`(no name)` when missing).
fn node_lines(node: &DrawnNode) -> [&str; 2] {
    let name = if node.name.is_empty() {
        "(no name)"
    } else {
        &node.name
    };
    [&node.kind, name]
}
