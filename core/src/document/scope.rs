//! Which nodes an edit can change the diagnostics of.
//!
//! A per-node check ([`crate::validate::rules::Check::Nodes`]) reads its node, the nodes
//! its allowed edges lead to or come from, one step further for a claim (the workload it
//! is mounted in and that workload's autoscaler, `shared_claims`), and the nodes its link
//! copies name by id ([`linked_ids`]), the Secrets and ConfigMaps its env variables name
//! by id or name, and whether the workflow has any edge at all. So a
//! change to a node or an edge can change the diagnostics of the nodes within two edges
//! of the nodes whose ids it touches, in the graph before and after the edit, and of the
//! nodes whose copies name those ids ([`super::referrers`]). Uniqueness of names and
//! namespaces is the whole-graph checks'.
//!
//! Most edits leave every edge ending where it did, or only add or take away edges
//! between the nodes they touch: then whatever was within two edges of those nodes before
//! the edit still is after it, and the graph after the edit is all [`affected`] reads.
//! Only removing a node or changing its id moves the ends of other edges; [`near`] reads
//! the workflow before such an edit.

use std::collections::BTreeSet;

use super::Edit;
use crate::graph::WorkflowGraph;
use crate::model::{NodeData, Workflow};
use crate::validate::FastSet;

/// How far a per-node check reads along edges.
const REACH: usize = 2;

/// Adds to `affected` the indexes in the workflow's `nodes` of the nodes within two edges,
/// allowed or not, of the nodes with these `ids` (every node with such an id) or of the
/// node at index `edited`, in the graph after the edit.
pub(super) fn affected(
    graph: &WorkflowGraph<'_>,
    ids: &BTreeSet<String>,
    edited: Option<usize>,
    affected: &mut BTreeSet<usize>,
) {
    let mut frontier: Vec<usize> = ids.iter().filter_map(|id| graph.position(id)).collect();
    frontier.extend(edited.and_then(|index| position_of(graph, index)));
    let duplicates = graph.duplicate_ids().iter().map(|&(position, _)| position);
    frontier.extend(duplicates.filter(|&position| ids.contains(graph.at(position).id())));
    let mut reached: BTreeSet<usize> = frontier.iter().copied().collect();
    for _ in 0..REACH {
        let mut next = Vec::new();
        for &position in &frontier {
            next.extend(
                graph
                    .neighbours(position)
                    .filter(|&end| reached.insert(end)),
            );
        }
        frontier = next;
    }
    affected.extend(reached.into_iter().map(|position| graph.at(position).index));
}

/// Whether `edit` can move the end of an edge it does not name from one node to another
/// (or to none): removing a node, or replacing it with a node of another id. Then the
/// nodes near it before the edit must be found in the workflow before it ([`near`]).
pub(super) fn moves_edge_ends(edit: &Edit) -> bool {
    match edit {
        Edit::RemoveNode { .. } => true,
        Edit::ReplaceNode { id, node } => {
            node.get("id").and_then(serde_json::Value::as_str) != Some(id.as_str())
        }
        _ => false,
    }
}

/// Adds to `affected` the indexes in the workflow's `nodes` of the nodes within two edges
/// of the nodes with these `ids`, read from the workflow as it is: along any edge, allowed
/// or not, and for every node with such an id. That is more than the graph resolves, and
/// much cheaper than building the graph of the workflow before each edit.
pub(super) fn near(workflow: &Workflow, ids: &BTreeSet<String>, affected: &mut BTreeSet<usize>) {
    // Hashed: every edge is looked up twice a step, and ids are short.
    let mut reached: FastSet<&str> = ids.iter().map(String::as_str).collect();
    let mut frontier = reached.clone();
    for _ in 0..REACH {
        let mut next = FastSet::default();
        for (_, edge) in workflow.edges() {
            let (Some(source), Some(target)) = (edge.source.as_str(), edge.target.as_str()) else {
                continue;
            };
            for (from, to) in [(source, target), (target, source)] {
                if frontier.contains(from) && !reached.contains(to) {
                    next.insert(to);
                }
            }
        }
        reached.extend(next.iter().copied());
        frontier = next;
    }
    affected.extend(
        workflow
            .nodes()
            .filter(|(_, node)| node.id.as_str().is_some_and(|id| reached.contains(id)))
            .map(|(index, _)| index),
    );
}

/// Position in [`WorkflowGraph::nodes`] of the node at `index` in the workflow's `nodes`.
pub(super) fn position_of(graph: &WorkflowGraph<'_>, index: usize) -> Option<usize> {
    graph
        .nodes()
        .binary_search_by_key(&index, |node| node.index)
        .ok()
}

/// The node ids a node's copies name, which per-node checks look up: a Service's
/// `_linkedDeployment`, an Ingress path's `_linkedService`, an autoscaler's
/// `_linkedTarget` and a workload's `volumeMounts[].nodeId`.
pub(super) fn linked_ids(data: &NodeData) -> impl Iterator<Item = &str> {
    let (single, paths, mounts) = match data {
        NodeData::Service(service) => (service.linked_deployment.as_str(), &[][..], &[][..]),
        NodeData::Ingress(ingress) => (None, ingress.paths.items(), &[][..]),
        NodeData::Hpa(hpa) => (hpa.linked_target.as_str(), &[][..], &[][..]),
        other => {
            let mounts = other
                .container()
                .and_then(|container| container.volume_mounts);
            (None, &[][..], mounts.map(|m| m.items()).unwrap_or_default())
        }
    };
    let paths = paths.iter().filter_map(|path| path.linked_service.as_str());
    let mounts = mounts.iter().filter_map(|mount| mount.node_id.as_str());
    single.into_iter().chain(paths).chain(mounts).map(str::trim)
}
