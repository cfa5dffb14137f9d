//! The graph of a document, kept from edit to edit: what [`WorkflowGraph`] resolves,
//! with owned ids and names instead of borrows of the workflow, so the workflow can be
//! edited while it is kept. An edit updates it in place where it can; the graph the rules
//! read is then assembled from it without reading any node's data.

use std::borrow::Cow;

use super::{
    GraphEdge, GraphNode, Ids, Links, NamespaceLists, Namespaces, WorkflowGraph, connections,
    labels, namespace_lists, put_in, take_out,
};
use crate::model::{NodeKind, Wire, Workflow};
use crate::validate::{FastMap, fast_map};

/// A resolved workflow graph that borrows nothing.
#[derive(Debug, Default)]
pub(crate) struct GraphIndex {
    /// Per position in [`WorkflowGraph::nodes`].
    nodes: Vec<Entry>,
    by_id: FastMap<String, usize>,
    /// Per position in [`WorkflowGraph::edges`]: (index in the workflow's `edges`,
    /// source position, target position).
    edges: Vec<(usize, usize, usize)>,
    links: Links,
    by_namespace: NamespaceLists,
    /// How many readable edges have each edge id, and how many ids more than one has: a
    /// removed edge tells the `duplicate_ids` rule whether any id is still repeated.
    edge_ids: FastMap<String, usize>,
    repeated_edge_ids: usize,
}

/// The index is not that of the workflow given: it must be built again.
#[derive(Debug)]
pub(crate) struct Stale;

/// What [`GraphNode`] reads once from a node.
#[derive(Debug)]
struct Entry {
    index: usize,
    kind: Option<NodeKind>,
    id: String,
    name: String,
    namespace: String,
}

impl GraphIndex {
    /// Resolves the workflow as [`WorkflowGraph::new`] does.
    pub(crate) fn new(workflow: &Workflow) -> Self {
        let graph = WorkflowGraph::new(workflow);
        let nodes = graph
            .nodes
            .iter()
            .map(|node| Entry {
                index: node.index,
                kind: node.kind,
                id: node.id.to_owned(),
                name: node.name.to_owned(),
                namespace: node.namespace.to_owned(),
            })
            .collect();
        let mut by_id = fast_map(graph.nodes.len());
        if let Ids::Built(ids) = &graph.by_id {
            by_id.extend(
                ids.iter()
                    .map(|(id, &position)| ((*id).to_owned(), position)),
            );
        }
        let edges = graph
            .edges
            .iter()
            .map(|edge| (edge.index, edge.source, edge.target))
            .collect();
        let mut index = GraphIndex {
            nodes,
            by_id,
            edges,
            by_namespace: namespace_lists(&graph.nodes),
            links: graph.links.into_owned(),
            edge_ids: fast_map(workflow.edges.items().len()),
            repeated_edge_ids: 0,
        };
        for (_, edge) in workflow.edges() {
            index.count_edge_id(edge.id.as_str(), true);
        }
        index
    }

    /// Whether two readable edges have one id.
    pub(crate) fn repeats_edge_ids(&self) -> bool {
        self.repeated_edge_ids > 0
    }

    /// Counts an edge's id in (`added`) or out.
    fn count_edge_id(&mut self, id: Option<&str>, added: bool) {
        let Some(id) = id else { return };
        let was = self.edge_ids.get(id).copied().unwrap_or(0);
        let now = if added {
            was + 1
        } else {
            was.saturating_sub(1)
        };
        if now == 0 {
            self.edge_ids.remove(id);
        } else if let Some(count) = self.edge_ids.get_mut(id) {
            *count = now;
        } else {
            self.edge_ids.insert(id.to_owned(), now);
        }
        match (was, now) {
            (1, 2) => self.repeated_edge_ids += 1,
            (2, 1) => self.repeated_edge_ids -= 1,
            _ => {}
        }
    }

    /// The graph of `workflow`, which must be the workflow this index was built or last
    /// updated from; `None` if it is not (a node the index knows is gone).
    pub(crate) fn graph<'a>(&'a self, workflow: &'a Workflow) -> Option<WorkflowGraph<'a>> {
        // Filled in place: collecting options would grow the lists step by step.
        let mut nodes = Vec::with_capacity(self.nodes.len());
        for position in 0..self.nodes.len() {
            nodes.push(self.node_at(workflow, position)?);
        }
        let all_edges = workflow.edges.items();
        let mut edges = Vec::with_capacity(self.edges.len());
        for &(index, source, target) in &self.edges {
            let edge = all_edges.get(index).and_then(Wire::get)?;
            edges.push(GraphEdge {
                index,
                edge,
                source,
                target,
            });
        }
        Some(WorkflowGraph {
            workflow,
            nodes,
            by_id: Ids::Kept(&self.by_id),
            edges,
            links: Cow::Borrowed(&self.links),
            by_namespace: Namespaces::Kept(&self.by_namespace),
            labels: labels::LabelPolicy::new(workflow.name()),
        })
    }

    /// The index in the workflow's `nodes` of the first node with this id.
    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(id)
            .map(|&position| self.nodes[position].index)
    }

    /// Takes in the node at `index` of the workflow's `nodes`, changed in place: its kind,
    /// name and namespace, and what its edges mean. Given another id, it is taken in only
    /// when `unnamed` (the caller knows no edge names its old or new id); other nodes may
    /// have either (see [`Self::leave_id`] and [`Self::join_id`]). `false` when the change
    /// is not of these sorts (the node is new or unreadable): then the index must be built
    /// again.
    pub(crate) fn node_changed(
        &mut self,
        workflow: &Workflow,
        index: usize,
        unnamed: bool,
    ) -> bool {
        let Ok(position) = self.nodes.binary_search_by_key(&index, |entry| entry.index) else {
            return false;
        };
        let Some(node) = workflow.nodes.items().get(index).and_then(Wire::get) else {
            return false;
        };
        let Some(id) = node.id.as_str() else {
            return false;
        };
        if id != self.nodes[position].id {
            if !unnamed {
                return false;
            }
            let old = std::mem::replace(&mut self.nodes[position].id, id.to_owned());
            self.leave_id(position, &old);
            self.join_id(position, id);
        }
        let entry = &mut self.nodes[position];
        let now = GraphNode::new(index, node);
        set_text(&mut entry.name, now.name);
        if entry.namespace != now.namespace {
            take_out(&mut self.by_namespace, &entry.namespace, position);
            put_in(&mut self.by_namespace, now.namespace, position);
            set_text(&mut entry.namespace, now.namespace);
        }
        if entry.kind != now.kind {
            let by_kind = &mut self.links.by_kind;
            if let Some(kind) = entry.kind {
                by_kind[kind as usize].retain(|&other| other != position);
            }
            if let Some(kind) = now.kind {
                let list = &mut by_kind[kind as usize];
                let at = list.partition_point(|&other| other < position);
                list.insert(at, position);
            }
            entry.kind = now.kind;
        }
        let links = &self.links;
        let around: Vec<usize> = links
            .outgoing
            .of(position)
            .iter()
            .chain(links.incoming.of(position))
            .copied()
            .collect();
        for edge in around {
            let (edge_index, source, target) = self.edges[edge];
            let (Some(from), Some(to), Some(drawn)) = (
                self.node_at(workflow, source),
                self.node_at(workflow, target),
                workflow.edges.items().get(edge_index).and_then(Wire::get),
            ) else {
                return false;
            };
            let relation = connections::classify(&from, &to, drawn, source == target);
            self.links.relations[edge] = relation;
        }
        true
    }

    /// Takes in the node at `index` of the workflow's `nodes`, just appended, which the
    /// caller knows no edge names or whose id an earlier node has (edges name that one).
    /// `false` unless it is the last node, readable, with an id: such a node joins the
    /// graph alone, and nothing else in it changes.
    pub(crate) fn node_added(&mut self, workflow: &Workflow, index: usize) -> bool {
        let nodes = workflow.nodes.items();
        if index + 1 != nodes.len() {
            return false;
        }
        let Some(node) = nodes[index].get().filter(|node| node.id.as_str().is_some()) else {
            return false;
        };
        let now = GraphNode::new(index, node);
        let position = self.nodes.len();
        if let Some(kind) = now.kind {
            self.links.by_kind[kind as usize].push(position);
        }
        self.links.outgoing.push_node();
        self.links.incoming.push_node();
        put_in(&mut self.by_namespace, now.namespace, position);
        self.join_id(position, now.id);
        self.nodes.push(Entry {
            index,
            kind: now.kind,
            id: now.id.to_owned(),
            name: now.name.to_owned(),
            namespace: now.namespace.to_owned(),
        });
        true
    }

    /// Whether the first node with the id `id` has no edge in the graph. An edge that
    /// names the id with its other end dangling is not in the graph: the caller knows there
    /// is none, and then removing the node changes nothing else (a later node with the id
    /// takes it over alone).
    pub(crate) fn alone(&self, id: &str) -> bool {
        self.by_id.get(id).is_some_and(|&position| {
            let links = &self.links;
            links.outgoing.of(position).is_empty() && links.incoming.of(position).is_empty()
        })
    }

    /// Takes the node at `position` off its id `id`. If it was the first with the id, the
    /// next node with it (if any) is the first now: edges name that one.
    fn leave_id(&mut self, position: usize, id: &str) {
        let duplicates = &mut self.links.duplicates;
        if self.by_id.get(id) != Some(&position) {
            duplicates.retain(|&(node, _)| node != position);
            return;
        }
        // In order of position: the first that names this node as first is the next.
        match duplicates.iter().position(|&(_, first)| first == position) {
            None => {
                self.by_id.remove(id);
            }
            Some(at) => {
                let (next, _) = duplicates.remove(at);
                for (_, first) in duplicates
                    .iter_mut()
                    .filter(|(_, first)| *first == position)
                {
                    *first = next;
                }
                self.by_id.insert(id.to_owned(), next);
            }
        }
    }

    /// Gives the node at `position` the id `id`: it is the first with it unless an earlier
    /// node has it, and a later node that was the first is one of its duplicates now.
    fn join_id(&mut self, position: usize, id: &str) {
        let duplicates = &mut self.links.duplicates;
        match self.by_id.get(id).copied() {
            None => {
                self.by_id.insert(id.to_owned(), position);
            }
            Some(first) if first < position => insert_duplicate(duplicates, (position, first)),
            Some(first) => {
                for (_, was) in duplicates.iter_mut().filter(|(_, was)| *was == first) {
                    *was = position;
                }
                insert_duplicate(duplicates, (first, position));
                self.by_id.insert(id.to_owned(), position);
            }
        }
    }

    /// Whether no readable edge has the id `id`.
    pub(crate) fn no_edge_with(&self, id: &str) -> bool {
        !self.edge_ids.contains_key(id)
    }

    /// Whether exactly one readable edge has the id `id`.
    pub(crate) fn only_edge_with(&self, id: &str) -> bool {
        self.edge_ids.get(id) == Some(&1)
    }

    /// Forgets the node that was at `index` of the workflow's `nodes`, which [`Self::alone`]
    /// said was alone before it was removed: the nodes after it moved one place up, a
    /// later node with its id is the first with it now, and the rest of the graph stays
    /// as it was. `false` when no node of the graph was there.
    pub(crate) fn node_removed(&mut self, index: usize) -> bool {
        let Ok(position) = self.nodes.binary_search_by_key(&index, |entry| entry.index) else {
            return false;
        };
        let above = |at: &mut usize| *at -= usize::from(*at > position);
        let entry = self.nodes.remove(position);
        for later in &mut self.nodes[position..] {
            later.index -= 1;
        }
        self.leave_id(position, &entry.id);
        self.by_id.values_mut().for_each(above);
        for (_, source, target) in &mut self.edges {
            above(source);
            above(target);
        }
        if let Some(kind) = entry.kind {
            self.links.by_kind[kind as usize].retain(|&other| other != position);
        }
        for list in &mut self.links.by_kind {
            list.iter_mut().for_each(above);
        }
        take_out(&mut self.by_namespace, &entry.namespace, position);
        for list in self.by_namespace.values_mut() {
            list.iter_mut().for_each(above);
        }
        for (node, first) in &mut self.links.duplicates {
            above(node);
            above(first);
        }
        self.links.outgoing.remove_empty_node(position);
        self.links.incoming.remove_empty_node(position);
        true
    }

    /// Takes in the edge at `index` of the workflow's `edges`, just appended. `false` when
    /// it is not the last edge: then the index must be built again.
    pub(crate) fn edge_added(&mut self, workflow: &Workflow, index: usize) -> bool {
        if index + 1 != workflow.edges.items().len() {
            return false;
        }
        // The last edge in input order goes last.
        self.edge_put(workflow, index)
    }

    /// Takes in the edge at `index` of the workflow's `edges`, put in place of the edge
    /// with the id `old_id`. The positions of the old edge's source and target if it was
    /// in the graph, or `Err` when the index must be built again.
    pub(crate) fn edge_replaced(
        &mut self,
        workflow: &Workflow,
        index: usize,
        old_id: &str,
    ) -> Result<Option<(usize, usize)>, Stale> {
        self.count_edge_id(Some(old_id), false);
        let ends = self.edge_taken(index);
        if self.edge_put(workflow, index) {
            Ok(ends)
        } else {
            Err(Stale)
        }
    }

    /// Forgets the edge that was at `index` of the workflow's `edges`, with the id `id`:
    /// the edges after it moved one place up. The positions of its source and target, if
    /// it was in the graph.
    pub(crate) fn edge_removed(&mut self, index: usize, id: &str) -> Option<(usize, usize)> {
        self.count_edge_id(Some(id), false);
        let ends = self.edge_taken(index);
        for (at, _, _) in &mut self.edges {
            *at -= usize::from(*at > index);
        }
        ends
    }

    /// Puts the edge at `index` of the workflow's `edges` in the graph, among the others
    /// in input order, unless it is unreadable or dangling. `false` when the index is not
    /// that of `workflow`.
    fn edge_put(&mut self, workflow: &Workflow, index: usize) -> bool {
        let Some(edge) = workflow.edges.items().get(index).and_then(Wire::get) else {
            return true;
        };
        self.count_edge_id(edge.id.as_str(), true);
        let end = |field: &Wire<String>| field.as_str().and_then(|id| self.by_id.get(id).copied());
        let (Some(source), Some(target)) = (end(&edge.source), end(&edge.target)) else {
            return true;
        };
        let (Some(from), Some(to)) = (
            self.node_at(workflow, source),
            self.node_at(workflow, target),
        ) else {
            return false;
        };
        let relation = connections::classify(&from, &to, edge, source == target);
        let position = self.edges.partition_point(|&(at, _, _)| at < index);
        self.edges.insert(position, (index, source, target));
        self.links.relations.insert(position, relation);
        self.links.outgoing.insert(source, position);
        self.links.incoming.insert(target, position);
        true
    }

    /// Takes the edge at `index` of the workflow's `edges` out of the graph, leaving the
    /// indexes of the others as they are; the positions of its source and target, if it
    /// was in the graph.
    fn edge_taken(&mut self, index: usize) -> Option<(usize, usize)> {
        let position = self
            .edges
            .binary_search_by_key(&index, |&(at, _, _)| at)
            .ok()?;
        let (_, source, target) = self.edges.remove(position);
        let _ = self.links.relations.remove(position);
        self.links.outgoing.remove(position);
        self.links.incoming.remove(position);
        Some((source, target))
    }

    /// The node at `position`, as the graph of `workflow` has it.
    fn node_at<'a>(&'a self, workflow: &'a Workflow, position: usize) -> Option<GraphNode<'a>> {
        let entry = &self.nodes[position];
        let node = workflow.nodes.items().get(entry.index)?.get()?;
        Some(GraphNode {
            index: entry.index,
            node,
            kind: entry.kind,
            id: &entry.id,
            name: &entry.name,
            namespace: &entry.namespace,
        })
    }
}

/// Files a (node, first node with its id) pair among `duplicates`, in order of position
/// as the graph lists them and the rules report them.
fn insert_duplicate(duplicates: &mut Vec<(usize, usize)>, duplicate: (usize, usize)) {
    let at = duplicates.partition_point(|&(node, _)| node < duplicate.0);
    duplicates.insert(at, duplicate);
}

/// Replaces `text` with `now`, keeping its allocation when they are equal.
fn set_text(text: &mut String, now: &str) {
    if text != now {
        now.clone_into(text);
    }
}
