//! The workflow as a petgraph graph, and what each edge means.
//!
//! Edges are the source of truth for links. [`WorkflowGraph`] resolves node ids once and
//! classifies every edge into a [`Relation`] (or the reason it is not one, see
//! `connections.rs`), so the validator and the compiler read links the same way.

mod connections;
mod index;
mod key_sources;
pub(crate) mod labels;

pub use connections::{
    ALLOWED_CONNECTIONS, EdgeProblem, Relation, RuleRef, SELECTABLE_KINDS, WORKLOAD_KINDS,
    allowed_targets,
};
pub(crate) use index::GraphIndex;
pub use key_sources::holds_key;

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::kinds::{IngressPath, ServiceData, VolumeMount};
use crate::model::{Edge, FieldPath, Node, NodeData, NodeKind, Wire, Workflow, trim};
use crate::validate::{FastMap, fast_map};

/// A node that could be read, with its place in the input.
#[derive(Clone, Copy, Debug)]
pub struct GraphNode<'a> {
    /// Index in the workflow's `nodes` array.
    pub index: usize,
    /// The node.
    pub node: &'a Node,
    /// Its kind, `None` for unknown types.
    pub kind: Option<NodeKind>,
    // Read once: node data is large, and rules ask for these again and again.
    id: &'a str,
    name: &'a str,
    namespace: &'a str,
}

impl<'a> GraphNode<'a> {
    pub(crate) fn new(index: usize, node: &'a Node) -> Self {
        GraphNode {
            index,
            node,
            kind: node.kind(),
            id: node.id(),
            name: node.name().map(trim).unwrap_or_default(),
            namespace: node.namespace(),
        }
    }

    /// The node id.
    pub fn id(&self) -> &'a str {
        self.id
    }

    /// The typed data, when readable.
    pub fn data(&self) -> Option<&'a NodeData> {
        self.node.data()
    }

    /// The resource name (empty when missing).
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The namespace (`default` when not given).
    pub fn namespace(&self) -> &'a str {
        self.namespace
    }

    /// Path of this node's data in the input.
    pub fn data_path(&self) -> FieldPath {
        FieldPath::node_data(self.index)
    }

    /// A short description for messages: `deployment "api"`.
    pub fn describe(&self) -> String {
        let kind = self.node.node_type.as_str().unwrap_or("node");
        match self.name {
            "" => format!("{kind} {}", self.id),
            name => format!("{kind} \"{name}\""),
        }
    }
}

/// An edge whose source and target both exist.
#[derive(Clone, Copy, Debug)]
pub struct GraphEdge<'a> {
    /// Index in the workflow's `edges` array.
    pub index: usize,
    /// The edge.
    pub edge: &'a Edge,
    /// Position of the source in [`WorkflowGraph::nodes`].
    pub source: usize,
    /// Position of the target in [`WorkflowGraph::nodes`].
    pub target: usize,
}

impl GraphEdge<'_> {
    /// The edge id (empty when missing).
    pub fn id(&self) -> &str {
        self.edge.id.as_str().unwrap_or_default()
    }

    /// Path of this edge in the input.
    pub fn path(&self) -> FieldPath {
        FieldPath::edge(self.index)
    }
}

/// The workflow's nodes and edges, resolved by id.
#[derive(Debug)]
pub struct WorkflowGraph<'a> {
    /// The workflow.
    pub workflow: &'a Workflow,
    nodes: Vec<GraphNode<'a>>,
    by_id: Ids<'a>,
    edges: Vec<GraphEdge<'a>>,
    /// Built with the graph, or kept by a document from edit to edit ([`GraphIndex`]).
    links: Cow<'a, Links>,
    by_namespace: Namespaces<'a>,
    /// The convention labels of this workflow's objects, shared by the rules and the
    /// compiler that read pod labels.
    pub(crate) labels: labels::LabelPolicy,
}

/// Positions in [`WorkflowGraph::nodes`] by namespace, in input order: kept up to date
/// by a document's [`GraphIndex`], for the rechecks of an edit to read a namespace
/// without going through every node. A graph built once makes them only if asked.
#[derive(Debug)]
enum Namespaces<'a> {
    Lazy(OnceLock<NamespaceLists>),
    Kept(&'a NamespaceLists),
}

type NamespaceLists = FastMap<String, Vec<usize>>;

/// The positions of `nodes` by namespace, in input order.
fn namespace_lists(nodes: &[GraphNode<'_>]) -> NamespaceLists {
    let mut lists: NamespaceLists = fast_map(0);
    for (position, node) in nodes.iter().enumerate() {
        put_in(&mut lists, node.namespace, position);
    }
    lists
}

/// Puts `position` into the list of `namespace`, in order.
fn put_in(lists: &mut NamespaceLists, namespace: &str, position: usize) {
    match lists.get_mut(namespace) {
        Some(list) => {
            let at = list.partition_point(|&other| other < position);
            list.insert(at, position);
        }
        None => {
            lists.insert(namespace.to_owned(), vec![position]);
        }
    }
}

/// Takes `position` out of the list of `namespace`, and the list out when it is empty.
fn take_out(lists: &mut NamespaceLists, namespace: &str, position: usize) {
    if let Some(list) = lists.get_mut(namespace) {
        list.retain(|&other| other != position);
        if list.is_empty() {
            lists.remove(namespace);
        }
    }
}

/// Positions in [`WorkflowGraph::nodes`] by node id: borrowed from the workflow for a
/// graph built once, or from a document's [`GraphIndex`].
#[derive(Debug)]
enum Ids<'a> {
    Built(HashMap<&'a str, usize, foldhash::fast::RandomState>),
    Kept(&'a FastMap<String, usize>),
}

impl Ids<'_> {
    fn get(&self, id: &str) -> Option<usize> {
        match self {
            Ids::Built(ids) => ids.get(id).copied(),
            Ids::Kept(ids) => ids.get(id).copied(),
        }
    }
}

/// What the graph knows about its edges and kinds, in positions: it borrows nothing, so
/// a document keeps it and updates it in place.
#[derive(Clone, Debug, Default)]
struct Links {
    relations: Vec<Result<Relation, EdgeProblem>>,
    outgoing: Adjacency,
    incoming: Adjacency,
    by_kind: Vec<Vec<usize>>,
    duplicates: Vec<(usize, usize)>,
}

/// Edge positions grouped by node, each group in input order (compressed rows), so
/// listing a node's edges allocates nothing.
#[derive(Clone, Debug, Default)]
struct Adjacency {
    /// Where each node's group starts in `edges`; one more entry than there are nodes.
    start: Vec<usize>,
    /// Positions in [`WorkflowGraph::edges`].
    edges: Vec<usize>,
}

impl Adjacency {
    /// Groups `edges` by the end chosen by `end`.
    fn new(nodes: usize, edges: &[GraphEdge<'_>], end: fn(&GraphEdge<'_>) -> usize) -> Self {
        let mut start = vec![0; nodes + 1];
        for edge in edges {
            start[end(edge) + 1] += 1;
        }
        for node in 0..nodes {
            start[node + 1] += start[node];
        }
        let mut next = start.clone();
        let mut grouped = vec![0; edges.len()];
        for (position, edge) in edges.iter().enumerate() {
            grouped[next[end(edge)]] = position;
            next[end(edge)] += 1;
        }
        Adjacency {
            start,
            edges: grouped,
        }
    }

    fn of(&self, node: usize) -> &[usize] {
        &self.edges[self.start[node]..self.start[node + 1]]
    }

    /// Puts the edge at `position` in `node`'s group, in input order; the edges at and
    /// after it move one place down.
    fn insert(&mut self, node: usize, position: usize) {
        for edge in &mut self.edges {
            *edge += usize::from(*edge >= position);
        }
        let (start, end) = (self.start[node], self.start[node + 1]);
        let at = start + self.edges[start..end].partition_point(|&edge| edge < position);
        self.edges.insert(at, position);
        for start in &mut self.start[node + 1..] {
            *start += 1;
        }
    }

    /// Adds an empty group for a node appended to the graph.
    fn push_node(&mut self) {
        let end = self.start.last().copied().unwrap_or(0);
        self.start.push(end);
    }

    /// Drops the group of the node at `node`, which has no edges; the nodes after it move
    /// one place up.
    fn remove_empty_node(&mut self, node: usize) {
        debug_assert!(self.of(node).is_empty(), "the node has edges");
        self.start.remove(node);
    }

    /// Takes the edge at `position` out of its group; the edges after it move one place up.
    fn remove(&mut self, position: usize) {
        if let Some(at) = self.edges.iter().position(|&edge| edge == position) {
            self.edges.remove(at);
            // The group holding `at` is the last that starts at or before it.
            let node = self.start.partition_point(|&start| start <= at) - 1;
            for start in &mut self.start[node + 1..] {
                *start -= 1;
            }
        }
        for edge in &mut self.edges {
            *edge -= usize::from(*edge > position);
        }
    }
}

impl<'a> WorkflowGraph<'a> {
    /// Builds the graph. Nodes without a readable id are left out; for a duplicated id the
    /// first node wins (the duplicate is reported by validation).
    pub fn new(workflow: &'a Workflow) -> Self {
        let (node_count, edge_count) = (workflow.nodes.items().len(), workflow.edges.items().len());
        let mut nodes = Vec::with_capacity(node_count);
        let mut by_id = HashMap::with_capacity_and_hasher(node_count, Default::default());
        let mut duplicates = Vec::new();
        for (index, node) in workflow.nodes() {
            let Some(id) = node.id.as_str() else { continue };
            let position = nodes.len();
            nodes.push(GraphNode::new(index, node));
            match by_id.entry(id) {
                Entry::Occupied(first) => duplicates.push((position, *first.get())),
                Entry::Vacant(slot) => {
                    slot.insert(position);
                }
            }
        }
        let mut edges = Vec::with_capacity(edge_count);
        let mut relations = Vec::with_capacity(edge_count);
        for (index, edge) in workflow.edges() {
            let endpoint =
                |field: &Wire<String>| field.as_str().and_then(|id| by_id.get(id).copied());
            let (Some(source), Some(target)) = (endpoint(&edge.source), endpoint(&edge.target))
            else {
                continue;
            };
            let graph_edge = GraphEdge {
                index,
                edge,
                source,
                target,
            };
            relations.push(connections::classify(
                &nodes[source],
                &nodes[target],
                edge,
                source == target,
            ));
            edges.push(graph_edge);
        }
        let mut by_kind = vec![Vec::new(); NodeKind::ALL.len()];
        for (position, node) in nodes.iter().enumerate() {
            if let Some(kind) = node.kind {
                by_kind[kind as usize].push(position);
            }
        }
        let outgoing = Adjacency::new(nodes.len(), &edges, |edge| edge.source);
        let incoming = Adjacency::new(nodes.len(), &edges, |edge| edge.target);
        WorkflowGraph {
            workflow,
            nodes,
            by_id: Ids::Built(by_id),
            edges,
            links: Cow::Owned(Links {
                relations,
                outgoing,
                incoming,
                by_kind,
                duplicates,
            }),
            by_namespace: Namespaces::Lazy(OnceLock::new()),
            labels: labels::LabelPolicy::new(workflow.name()),
        }
    }

    /// Readable nodes with ids, in input order.
    pub fn nodes(&self) -> &[GraphNode<'a>] {
        &self.nodes
    }

    /// Edges whose endpoints exist, in input order.
    pub fn edges(&self) -> &[GraphEdge<'a>] {
        &self.edges
    }

    /// The nodes of these kinds with their positions in [`Self::nodes`], kind by kind,
    /// each kind in input order. Cheaper than filtering every node: node data is large, and
    /// this touches only the nodes asked for.
    pub fn nodes_of<'s>(
        &'s self,
        kinds: &'s [NodeKind],
    ) -> impl Iterator<Item = (usize, &'s GraphNode<'a>)> + 's {
        kinds.iter().flat_map(move |&kind| {
            self.links.by_kind[kind as usize]
                .iter()
                .map(move |&position| (position, &self.nodes[position]))
        })
    }

    /// The positions in [`Self::nodes`] of the nodes of a namespace, in input order.
    pub(crate) fn nodes_in(&self, namespace: &str) -> &[usize] {
        let lists = match &self.by_namespace {
            Namespaces::Kept(lists) => lists,
            Namespaces::Lazy(lists) => lists.get_or_init(|| namespace_lists(&self.nodes)),
        };
        lists.get(namespace).map_or(&[], Vec::as_slice)
    }

    /// The nodes of these kinds in a namespace with their positions in [`Self::nodes`], in
    /// input order: [`Self::nodes_of`] for one namespace.
    pub(crate) fn nodes_in_of<'s>(
        &'s self,
        namespace: &str,
        kinds: &'s [NodeKind],
    ) -> impl Iterator<Item = (usize, &'s GraphNode<'a>)> + 's {
        self.nodes_in(namespace)
            .iter()
            .map(|&position| (position, &self.nodes[position]))
            .filter(|(_, node)| node.kind.is_some_and(|kind| kinds.contains(&kind)))
    }

    /// Nodes whose id an earlier node already has, as (position, position of the first
    /// node with that id) in [`Self::nodes`].
    pub fn duplicate_ids(&self) -> &[(usize, usize)] {
        &self.links.duplicates
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&GraphNode<'a>> {
        self.by_id.get(id).map(|position| &self.nodes[position])
    }

    /// Whether a mount copy names, by `nodeId`, a node this workflow no longer has ("Delete
    /// node" leaves the copies others hold of it). Such a copy must not be compiled.
    pub fn names_a_gone_node(&self, copy: &VolumeMount) -> bool {
        self.links_a_gone_node(&copy.node_id)
    }

    /// Whether a mount copy of a workload without mount edges names, by `nodeId`, a node
    /// that is still there in a workflow drawn with edges: its edge was deleted ("the edge
    /// decides whether the mount exists"), and the copy the designer left must not mount.
    /// Only a workflow without any edge is mounted from its copies.
    pub fn names_a_disconnected_node(&self, copy: &VolumeMount) -> bool {
        !self.edges.is_empty()
            && copy
                .node_id
                .non_empty()
                .is_some_and(|id| self.node(id).is_some())
    }

    /// Whether a mount copy of a workload without mount edges is left out of the output:
    /// it names a node that is gone or no longer connected.
    pub fn copy_left_out(&self, copy: &VolumeMount) -> bool {
        copy.node_id
            .non_empty()
            .is_some_and(|id| !self.edges.is_empty() || self.node(id).is_none())
    }

    /// Whether a link copy (`_linkedDeployment`, a path's `_linkedService`, `_linkedTarget`)
    /// names a node this workflow no longer has: the node was deleted, and the visible
    /// copies beside the link (`targetApp`, `serviceName`, `scaleTargetName`) name
    /// something that is gone. Without an edge, such copies must not be compiled.
    pub fn links_a_gone_node(&self, link: &Wire<String>) -> bool {
        link.non_empty().is_some_and(|id| self.node(id).is_none())
    }

    /// The positions of the Services whose `_linkedDeployment` names `id`: whether their
    /// `targetApp` counts depends on whether a node has that id.
    pub fn services_linking<'s>(&'s self, id: &'s str) -> impl Iterator<Item = usize> + 's {
        self.nodes_of(&[NodeKind::Service])
            .filter(move |(_, node)| match node.data() {
                Some(NodeData::Service(service)) => {
                    service.linked_deployment.non_empty() == Some(id)
                }
                _ => false,
            })
            .map(|(position, _)| position)
    }

    /// An Ingress path's `serviceName` copy, unless `_linkedService` says the Service it
    /// named was deleted: then the path routes nowhere (stale-link says so).
    pub fn path_service<'d>(&self, path: &'d IngressPath) -> Option<&'d str> {
        path.service_name
            .non_empty()
            .filter(|_| !self.links_a_gone_node(&path.linked_service))
    }

    /// A Service's `targetApp` copy, unless `_linkedDeployment` says the workload it named
    /// was deleted: then it selects nothing that is drawn (stale-link says so).
    pub fn target_app<'d>(&self, service: &'d ServiceData) -> Option<&'d str> {
        service
            .target_app
            .non_empty()
            .filter(|_| !self.links_a_gone_node(&service.linked_deployment))
    }

    /// Position in [`Self::nodes`] of the node with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id)
    }

    /// The node at a position in [`Self::nodes`].
    pub fn at(&self, position: usize) -> &GraphNode<'a> {
        &self.nodes[position]
    }

    /// What the edge at a position in [`Self::edges`] means.
    pub fn relation(&self, edge: usize) -> &Result<Relation, EdgeProblem> {
        &self.links.relations[edge]
    }

    /// Edges with their meaning, in input order.
    pub fn relations(
        &self,
    ) -> impl Iterator<Item = (&GraphEdge<'a>, &Result<Relation, EdgeProblem>)> {
        self.edges.iter().zip(&self.links.relations)
    }

    /// Allowed edges leaving the node at `position`, with their relation, in input order.
    pub fn outgoing(&self, position: usize) -> impl Iterator<Item = (&GraphEdge<'a>, Relation)> {
        self.adjacent(self.links.outgoing.of(position))
    }

    /// Allowed edges entering the node at `position`, with their relation, in input order.
    pub fn incoming(&self, position: usize) -> impl Iterator<Item = (&GraphEdge<'a>, Relation)> {
        self.adjacent(self.links.incoming.of(position))
    }

    /// Every edge leaving the node at `position`, allowed or not, as positions in
    /// [`Self::edges`] in input order.
    pub fn edges_from(&self, position: usize) -> &[usize] {
        self.links.outgoing.of(position)
    }

    /// Every edge entering the node at `position`, allowed or not, as positions in
    /// [`Self::edges`] in input order.
    pub fn edges_to(&self, position: usize) -> &[usize] {
        self.links.incoming.of(position)
    }

    /// The nodes at the other end of the edges leaving or entering the node at
    /// `position`, allowed or not, as positions in [`Self::nodes`].
    pub fn neighbours(&self, position: usize) -> impl Iterator<Item = usize> + '_ {
        let targets = self.links.outgoing.of(position).iter();
        let sources = self.links.incoming.of(position).iter();
        targets
            .map(|&edge| self.edges[edge].target)
            .chain(sources.map(|&edge| self.edges[edge].source))
    }

    fn adjacent<'s>(
        &'s self,
        positions: &'s [usize],
    ) -> impl Iterator<Item = (&'s GraphEdge<'a>, Relation)> {
        positions.iter().filter_map(move |&edge| {
            self.links.relations[edge]
                .as_ref()
                .ok()
                .map(|relation| (&self.edges[edge], *relation))
        })
    }

    /// Groups of nodes that reach each other along edges (self loops excluded), each as
    /// positions in [`Self::nodes`] in input order, the groups ordered by their first node.
    /// Kosaraju's algorithm, not Tarjan's: petgraph's Tarjan recurses once per node along
    /// a path, which overflows the stack for a long enough one.
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        let mut graph: DiGraph<usize, ()> =
            DiGraph::with_capacity(self.nodes.len(), self.edges.len());
        for position in 0..self.nodes.len() {
            graph.add_node(position);
        }
        for edge in &self.edges {
            graph.add_edge(NodeIndex::new(edge.source), NodeIndex::new(edge.target), ());
        }
        let mut cycles: Vec<Vec<usize>> = kosaraju_scc(&graph)
            .into_iter()
            .filter(|component| component.len() > 1)
            .map(|component| {
                let mut positions: Vec<usize> =
                    component.iter().map(|index| graph[*index]).collect();
                positions.sort_unstable();
                positions
            })
            .collect();
        cycles.sort();
        cycles
    }
}
