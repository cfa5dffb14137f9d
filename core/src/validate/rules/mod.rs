//! The validation rules, one per module. Each rule owns the diagnostic codes it lists:
//! they are raised only in its module. A code several rules need (a missing field, an
//! invalid name, label or quantity) is reported through its owner's function, and the
//! compiler reports the plugin codes through the plugins rule's. Each rule has a check,
//! over the whole graph or per node of some kinds; [`ALL`] is the order they run in (the
//! output is sorted anyway).

mod access_modes;
mod annotations;
mod block_volumes;
mod config_data;
mod connections;
mod containers;
mod counts;
mod cross_namespace;
mod cycles;
mod dangling_edges;
mod duplicate_ids;
mod duplicate_resources;
mod egress_dns;
mod empty_arguments;
mod env_vars;
mod field_types;
mod governing_services;
mod hpa;
mod images;
mod ingresses;
mod labels;
mod lifecycle;
mod mounts;
mod names;
mod namespace_wide_policies;
mod network_policies;
mod node_types;
mod placement;
mod plugin_kinds;
mod plugins;
mod pod_labels;
mod ports;
mod probes;
mod pvcs;
mod resources;
mod schedules;
mod secret_types;
mod security_contexts;
mod selectors;
mod self_loops;
mod service_accounts;
mod services;
mod shared_claims;
mod single_target;
mod stale_links;
mod statefulsets;
mod utilization_requests;

pub(crate) use plugins::unusable_value;

use std::collections::BTreeSet;

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::GraphNode;
use crate::model::{NodeKind, Segment, Wire, trim};

/// One validation rule.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The codes this rule reports, and no other rule does.
    pub codes: &'static [Code],
    /// How the rule looks at the workflow.
    pub check: Check,
}

/// A check of the nodes of some kinds, one node at a time, given its position in
/// [`crate::graph::WorkflowGraph::nodes`].
pub type NodeCheck = for<'a> fn(&mut Context<'a>, usize, &'a GraphNode<'a>);

/// How a rule looks at the workflow.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// Once over the whole graph: ids, edges, comparisons between nodes.
    Graph(fn(&mut Context<'_>)),
    /// Once over the whole graph, with a [`Recheck`] of what a change in place can alter,
    /// for a document's edits.
    Keyed(fn(&mut Context<'_>), Recheck),
    /// Once per node of these kinds. Validation runs all checks of a node together, while
    /// its data is still in the processor's cache: node data is large and scattered, and
    /// reading it afresh for every rule dominated the cost.
    Nodes(&'static [NodeKind], NodeCheck),
}

/// Reports again the diagnostics of a whole-graph rule that a change in place can alter
/// (a node changed with its id kept, added or removed alone, an edge added, removed or
/// replaced), and says in
/// [`Redo`] where they are: exactly what the whole-graph check reports there, no more.
/// Its diagnostics elsewhere must be those of before (with those of a removed edge
/// dropped and the later edges' moved one place up, and likewise for a removed node).
pub type Recheck = fn(&mut Context<'_>, &Change<'_>, &mut Redo);

/// A change in place, as a [`Recheck`] sees it in the graph after it.
#[derive(Debug)]
pub enum Change<'a> {
    /// A node changed, its id kept, or appended alone (see [`NodeChange::added`]).
    Node(NodeChange<'a>),
    /// A node removed from the workflow's `nodes` that had no edge and whose id no edge
    /// names: the nodes after it moved one place up, a later node with its id (if any) is
    /// the first with it now, and nothing else in the graph changed.
    NodeRemoved {
        /// The node as it was (its `index` is the one it had).
        before: GraphNode<'a>,
    },
    /// An edge appended to the workflow's `edges`.
    EdgeAdded {
        /// Its index in the workflow's `edges`.
        index: usize,
        /// Its position in [`crate::graph::WorkflowGraph::edges`]; `None` when it is not
        /// in the graph (unreadable, or an end names no node).
        position: Option<usize>,
    },
    /// An edge removed from the workflow's `edges`: the edges after it moved one place up.
    EdgeRemoved {
        /// The index it had in the workflow's `edges`.
        index: usize,
        /// The positions of its source and target in
        /// [`crate::graph::WorkflowGraph::nodes`], when it was in the graph.
        ends: Option<(usize, usize)>,
        /// Its id.
        id: &'a str,
        /// The node ids it named as its source and target, whether or not a node has them.
        named: [Option<&'a str>; 2],
        /// Whether two edges still have one id.
        repeated_ids: bool,
    },
    /// An edge put in place of another in the workflow's `edges`.
    EdgeReplaced {
        /// Its index in the workflow's `edges`.
        index: usize,
        /// Its position in [`crate::graph::WorkflowGraph::edges`], when it is in the graph.
        position: Option<usize>,
        /// The positions of the replaced edge's source and target, when it was in the
        /// graph.
        ends: Option<(usize, usize)>,
        /// The replaced edge's id.
        id: &'a str,
        /// The node ids the replaced edge named as its source and target, whether or not a
        /// node has them.
        named: [Option<&'a str>; 2],
    },
}

impl Change<'_> {
    /// The positions of the source and target of the edges added, removed or replaced
    /// that are (or were) in the graph.
    pub fn edge_ends(
        &self,
        graph: &crate::graph::WorkflowGraph<'_>,
    ) -> impl Iterator<Item = (usize, usize)> {
        let (now, before) = match self {
            Change::Node(_) | Change::NodeRemoved { .. } => (None, None),
            Change::EdgeAdded { position, .. } => (*position, None),
            Change::EdgeRemoved { ends, .. } => (None, *ends),
            Change::EdgeReplaced { position, ends, .. } => (*position, *ends),
        };
        let now = now.map(|position| {
            let edge = &graph.edges()[position];
            (edge.source, edge.target)
        });
        now.into_iter().chain(before)
    }
}

/// A node changed in place, as a [`Recheck`] sees it: its id kept, or given another while
/// no edge names the old or the new one. Other nodes may have either: the first node with
/// an id is the one [`crate::graph::WorkflowGraph::node`] finds.
#[derive(Debug)]
pub struct NodeChange<'a> {
    /// Its position in [`crate::graph::WorkflowGraph::nodes`].
    pub position: usize,
    /// The node as it was; for an added node, the node as it is.
    pub before: GraphNode<'a>,
    /// The node was just appended to the workflow's `nodes`, with an id no edge names or
    /// an earlier node has: it joined the graph alone.
    pub added: bool,
}

impl<'a> NodeChange<'a> {
    /// The ids that came or went with the change, given the node's id `now`: its id when
    /// it was added, its old and new ones when it was given another.
    pub fn ids_changed(&self, now: &'a str) -> Vec<&'a str> {
        if self.added {
            vec![now]
        } else if self.before.id() != now {
            vec![self.before.id(), now]
        } else {
            Vec::new()
        }
    }
}

/// Where a [`Recheck`] reported again: the diagnostics located at these nodes and edges
/// (indexes in the workflow's `nodes` and `edges`), or all of the rule's.
#[derive(Debug, Default)]
pub struct Redo {
    /// Every diagnostic of the rule was reported again.
    pub all: bool,
    /// Indexes in the workflow's `nodes`.
    pub nodes: BTreeSet<usize>,
    /// Indexes in the workflow's `edges`.
    pub edges: BTreeSet<usize>,
}

impl Redo {
    /// Whether `diagnostic` is located where the recheck reported again.
    pub fn covers(&self, diagnostic: &Diagnostic) -> bool {
        match diagnostic.location.path.segments() {
            _ if self.all => true,
            [Segment::Key(list), Segment::Index(index), ..] if list == "nodes" => {
                self.nodes.contains(index)
            }
            [Segment::Key(list), Segment::Index(index), ..] if list == "edges" => {
                self.edges.contains(index)
            }
            _ => false,
        }
    }
}

impl Rule {
    /// Runs this rule alone.
    pub fn run(&self, cx: &mut Context<'_>) {
        match self.check {
            Check::Graph(check) | Check::Keyed(check, _) => check(cx),
            Check::Nodes(kinds, check) => {
                let graph = cx.graph;
                for (position, node) in graph.nodes_of(kinds) {
                    check(cx, position, node);
                }
            }
        }
    }
}

/// The [`Recheck`] of a rule that reads only nodes' own fields, kind, namespace and name,
/// which no edge changes: a node's change, addition or removal is rechecked by `node`,
/// given the node's position in [`crate::graph::WorkflowGraph::nodes`] (`None` once
/// removed) and the node as it was.
fn nodes_only(
    cx: &mut Context<'_>,
    change: &Change<'_>,
    redo: &mut Redo,
    node: fn(&mut Context<'_>, Option<usize>, &GraphNode<'_>, &mut Redo),
) {
    match change {
        Change::Node(change) => node(cx, Some(change.position), &change.before, redo),
        Change::NodeRemoved { before } => node(cx, None, before, redo),
        _ => {}
    }
}

/// A [`Recheck`] for a rule whose diagnostics are each about one edge, found by
/// `check_edge` (given the edge's position in [`crate::graph::WorkflowGraph::edges`]):
/// a node's change can alter only those of the edges leaving or entering it, an added or
/// replaced edge only its own, and a removed edge only its own, which are gone.
fn recheck_edges(
    cx: &mut Context<'_>,
    change: &Change<'_>,
    redo: &mut Redo,
    check_edge: fn(&mut Context<'_>, usize),
) {
    let graph = cx.graph;
    let mut edges: Vec<usize> = match change {
        Change::Node(change) => {
            let mut edges = graph.edges_from(change.position).to_vec();
            edges.extend(graph.edges_to(change.position));
            edges
        }
        Change::EdgeAdded { index, position }
        | Change::EdgeReplaced {
            index, position, ..
        } => {
            // What was reported at a replaced edge goes, whether or not the new one is in
            // the graph.
            redo.edges.insert(*index);
            position.iter().copied().collect()
        }
        Change::EdgeRemoved { .. } | Change::NodeRemoved { .. } => Vec::new(),
    };
    edges.sort_unstable();
    edges.dedup();
    for edge in edges {
        redo.edges.insert(graph.edges()[edge].index);
        check_edge(cx, edge);
    }
}

/// The trimmed text of a required text field, reporting `missing()` when it is absent,
/// null or blank. `None` then, and for a value of another type (`field-types` reports
/// it).
pub(super) fn required_text<'f>(
    cx: &mut Context<'_>,
    field: &'f Wire<String>,
    missing: impl FnOnce() -> Diagnostic,
) -> Option<&'f str> {
    match field {
        Wire::Invalid(_) => None,
        Wire::Valid(text) if !trim(text).is_empty() => Some(trim(text)),
        _ => {
            cx.report(missing());
            None
        }
    }
}

/// Every rule.
pub const ALL: &[Rule] = &[
    field_types::RULE,
    duplicate_ids::RULE,
    dangling_edges::RULE,
    node_types::RULE,
    self_loops::RULE,
    connections::RULE,
    cycles::RULE,
    single_target::RULE,
    selectors::RULE,
    cross_namespace::RULE,
    stale_links::RULE,
    mounts::RULE,
    names::RULE,
    labels::RULE,
    annotations::RULE,
    duplicate_resources::RULE,
    images::RULE,
    counts::RULE,
    ports::RULE,
    resources::RULE,
    schedules::RULE,
    hpa::RULE,
    network_policies::RULE,
    egress_dns::RULE,
    config_data::RULE,
    secret_types::RULE,
    services::RULE,
    ingresses::RULE,
    statefulsets::RULE,
    governing_services::RULE,
    pvcs::RULE,
    access_modes::RULE,
    block_volumes::RULE,
    shared_claims::RULE,
    utilization_requests::RULE,
    namespace_wide_policies::RULE,
    empty_arguments::RULE,
    probes::RULE,
    lifecycle::RULE,
    security_contexts::RULE,
    containers::RULE,
    env_vars::RULE,
    plugins::RULE,
    plugin_kinds::RULE,
    service_accounts::RULE,
    pod_labels::RULE,
    placement::RULE,
];

/// The rule that reports `code`, if validation reports it.
pub fn owner(code: Code) -> Option<Rule> {
    ALL.iter().copied().find(|rule| rule.codes.contains(&code))
}
