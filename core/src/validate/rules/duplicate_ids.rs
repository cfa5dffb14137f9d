//! Node ids and edge ids must be unique: links and the canvas address them by id.
//!
//! A repeated edge id is fixed by renaming the later edge (nothing refers to edges by id).
//! A repeated node id is fixed by renaming the later node only when no edge names the
//! id: otherwise which of the two an edge was drawn to cannot be known.

use std::collections::BTreeSet;
use std::collections::hash_map::Entry;

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Diagnostic, Fix, PatchOperation};
use crate::graph::WorkflowGraph;
use crate::model::{FieldPath, Wire};
use crate::validate::{Context, FastMap, FastSet, fast_map};

pub const RULE: Rule = Rule {
    codes: &[Code::DuplicateNodeId, Code::DuplicateEdgeId],
    check: Check::Keyed(check, recheck),
};

fn check(cx: &mut Context<'_>) {
    node_ids(cx, None);
    edge_ids(cx, None, None);
}

/// A node's change in place that keeps its id keeps the duplicates; one added, removed or
/// given another id reports the node ids again. An edge added, removed or replaced can
/// change whether an edge names a duplicated node id (its fix), whether its id is
/// repeated (not when it is replaced by an edge of the same id), and whether the name a
/// duplicate of another edge's id would be renamed to is taken: those are reported
/// again. A removal also moves every later edge, whose messages name the
/// numbers of the edges first using their ids: while an id is repeated, all is reported
/// again.
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let now = |index: usize| {
        let edge = cx.workflow().edges.items().get(index).and_then(Wire::get);
        edge.and_then(|edge| edge.id.as_str())
    };
    // The ids of the edges changed, and the edge added or replaced and the node ids the
    // removed or replaced one named.
    let (ids, index, named) = match *change {
        Change::Node(ref node) => {
            let now = cx.graph.at(node.position).id();
            return node_ids_changed(cx, &node.ids_changed(now), redo);
        }
        Change::NodeRemoved { ref before } => return node_ids_changed(cx, &[before.id()], redo),
        Change::EdgeRemoved {
            repeated_ids: true, ..
        } => {
            redo.all = true;
            return check(cx);
        }
        Change::EdgeRemoved { id, named, .. } => ([Some(id), None], None, named),
        Change::EdgeAdded { index, .. } => {
            redo.edges.insert(index);
            ([now(index), None], Some(index), [None, None])
        }
        // The edges' ids are those of before: only which node ids edges name can change.
        Change::EdgeReplaced {
            index, id, named, ..
        } if now(index) == Some(id) => {
            return edge_ends_changed(cx, Some(index), named, redo);
        }
        Change::EdgeReplaced {
            index, id, named, ..
        } => {
            redo.edges.insert(index);
            ([now(index), Some(id)], Some(index), named)
        }
    };
    edge_ends_changed(cx, index, named, redo);
    let mut wanted = Vec::new();
    for id in ids.into_iter().flatten() {
        wanted.push(id);
        // The id `<id>-<n>` is what a duplicate of `<id>` may be renamed to.
        let renamed = id
            .rsplit_once('-')
            .filter(|(_, number)| number.parse::<usize>().is_ok());
        wanted.extend(renamed.map(|(base, _)| base));
    }
    edge_ids(cx, Some(&wanted), Some(&mut redo.edges));
}

/// Reports the node ids again after an edge was added or replaced (the one at `index`) or
/// removed, if it names or named (`named`) a duplicated node id: whether an edge names
/// such an id decides the duplicate's fix, and nothing else of theirs depends on edges.
fn edge_ends_changed(
    cx: &mut Context<'_>,
    index: Option<usize>,
    named: [Option<&str>; 2],
    redo: &mut Redo,
) {
    let graph = cx.graph;
    let edge = index.and_then(|index| cx.workflow().edges.items().get(index)?.get());
    let now = edge.map_or([None, None], |edge| {
        [edge.source.as_str(), edge.target.as_str()]
    });
    let duplicated = |id: &str| {
        let mut duplicates = graph.duplicate_ids().iter();
        duplicates.any(|&(position, _)| graph.at(position).id() == id)
    };
    if now.into_iter().chain(named).flatten().any(duplicated) {
        node_ids(cx, Some(&mut redo.nodes));
    }
}

/// Reports the node ids again after a node's ids `changed` (none when it kept its id): an
/// id that came or went may be what a duplicate's fix renames to, the messages name node
/// numbers, which a removal moves, and the node that is now the first with an id the first
/// left is no longer reported.
fn node_ids_changed(cx: &mut Context<'_>, changed: &[&str], redo: &mut Redo) {
    if changed.is_empty() {
        return;
    }
    let firsts = changed.iter().filter_map(|id| cx.graph.node(id));
    redo.nodes.extend(firsts.map(|node| node.index));
    node_ids(cx, Some(&mut redo.nodes));
}

/// Reports the nodes whose id an earlier node has, adding their indexes in the
/// workflow's `nodes` to `redone`.
fn node_ids(cx: &mut Context<'_>, mut redone: Option<&mut BTreeSet<usize>>) {
    let graph = cx.graph;
    let duplicates = graph.duplicate_ids();
    if duplicates.is_empty() {
        return;
    }
    let linked = linked(graph, duplicates.iter().map(|&(at, _)| graph.at(at).id()));
    let mut taken: FastSet<String> = FastSet::default();
    for &(position, first) in duplicates {
        let (node, first) = (graph.at(position), graph.at(first));
        if let Some(redone) = redone.as_deref_mut() {
            redone.insert(node.index);
        }
        let id = node.id();
        let at = FieldPath::node(node.index).key("id");
        let fix = (!linked.contains(id)).then(|| {
            let fresh = fresh_id(id, &mut taken, |candidate| graph.node(candidate).is_some());
            rename(&at, "node", id, fresh)
        });
        let diagnostic = Diagnostic::new(
            Code::DuplicateNodeId,
            format!(
                "node id \"{id}\" is already used by node number {}",
                first.index
            ),
        )
        .node(id)
        .at(at)
        .hint("give every node its own id; edges would otherwise link to the first one");
        cx.report(diagnostic.fix(fix));
    }
}

/// Which of the `duplicated` node ids an edge names. An edge in the graph names the id of
/// the first node with it, so only the ids whose first node has no edge there are looked
/// for among the edges (a dangling edge may name one): a document reports node ids again
/// on many edits, and hashing every edge's ends each time would cost more than the rest
/// of such an edit.
fn linked<'a>(
    graph: &WorkflowGraph<'a>,
    duplicated: impl Iterator<Item = &'a str>,
) -> FastSet<&'a str> {
    let mut linked = FastSet::default();
    let mut looked_for: FastSet<&str> = FastSet::default();
    for id in duplicated {
        let first = graph.position(id);
        if first.is_some_and(|at| graph.neighbours(at).next().is_some()) {
            linked.insert(id);
        } else {
            looked_for.insert(id);
        }
    }
    if looked_for.is_empty() {
        return linked;
    }
    let wanted = linked.len() + looked_for.len();
    for (_, edge) in graph.workflow.edges() {
        let ends = [edge.source.as_str(), edge.target.as_str()];
        let named = ends.into_iter().flatten();
        linked.extend(named.filter(|end| looked_for.contains(end)));
        if linked.len() == wanted {
            break;
        }
    }
    linked
}

/// Reports the edges whose id an earlier edge has: of every id, or of the `only` ones
/// (whose edges' indexes in the workflow's `edges` are added to `redone`). A duplicate's
/// fix depends only on the edges of its id and on whether its renamings are taken.
fn edge_ids(cx: &mut Context<'_>, only: Option<&[&str]>, mut redone: Option<&mut BTreeSet<usize>>) {
    let workflow = cx.workflow();
    let mut edge_ids: Option<FastSet<&str>> = None;
    let mut taken: FastSet<String> = FastSet::default();
    let mut first_edge: FastMap<&str, usize> = fast_map(match only {
        Some(_) => 2,
        None => workflow.edges.items().len(),
    });
    for (index, edge) in workflow.edges() {
        let Some(id) = edge.id.as_str() else { continue };
        if only.is_some_and(|only| !only.contains(&id)) {
            continue;
        }
        if let Some(redone) = redone.as_deref_mut() {
            redone.insert(index);
        }
        let first = match first_edge.entry(id) {
            Entry::Occupied(first) => *first.get(),
            Entry::Vacant(slot) => {
                slot.insert(index);
                continue;
            }
        };
        let at = FieldPath::edge(index).key("id");
        let edge_ids = edge_ids.get_or_insert_with(|| {
            workflow
                .edges()
                .filter_map(|(_, edge)| edge.id.as_str())
                .collect()
        });
        let fresh = fresh_id(id, &mut taken, |candidate| edge_ids.contains(candidate));
        cx.report(
            Diagnostic::new(
                Code::DuplicateEdgeId,
                format!("edge id \"{id}\" is already used by edge number {first}"),
            )
            .edge(id)
            .at(at.clone())
            .hint("give every edge its own id")
            .fix(rename(&at, "edge", id, fresh)),
        );
    }
}

/// `<id>-2`, `<id>-3`, ...: the first that is neither `used` nor already handed out.
fn fresh_id(id: &str, taken: &mut FastSet<String>, used: impl Fn(&str) -> bool) -> String {
    let fresh = (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !used(candidate) && !taken.contains(candidate))
        .unwrap_or_default();
    taken.insert(fresh.clone());
    fresh
}

fn rename(at: &FieldPath, what: &str, old: &str, new: String) -> Fix {
    Fix::new(
        format!("Rename the {what} to \"{new}\""),
        vec![
            PatchOperation::test(at, old),
            PatchOperation::replace(at, new),
        ],
    )
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn second_use_of_an_id_is_reported() {
        let found = diagnostics_of(
            Code::DuplicateNodeId,
            r#"{"nodes": [{"id": "a", "type": "configmap", "data": {}}, {"id": "a", "type": "secret", "data": {}}],
                "edges": [{"id": "e", "source": "a", "target": "a"}, {"id": "e", "source": "a", "target": "a"}]}"#,
        );
        let summary: Vec<_> = found
            .iter()
            .map(|d| (d.code.as_str(), d.pointer().unwrap_or_default()))
            .collect();
        assert_eq!(
            summary,
            [
                ("duplicate-edge-id", "/edges/1/id".to_owned()),
                ("duplicate-node-id", "/nodes/1/id".to_owned())
            ]
        );
    }

    #[test]
    fn the_later_duplicate_is_renamed_unless_an_edge_names_the_id() {
        let found = diagnostics_of(
            Code::DuplicateNodeId,
            r#"{"nodes": [{"id": "a", "type": "configmap", "data": {}}, {"id": "a", "type": "secret", "data": {}},
                          {"id": "a-2", "type": "configmap", "data": {}}, {"id": "b", "type": "configmap", "data": {}},
                          {"id": "b", "type": "configmap", "data": {}}],
                "edges": [{"id": "e", "source": "b", "target": "x"}, {"id": "e", "source": "a", "target": "x"},
                          {"id": "e", "source": "a", "target": "x"}]}"#,
        );
        assert_eq!(
            crate::validate::tests::fix_titles(&found),
            [
                Some("Rename the edge to \"e-2\""),
                Some("Rename the edge to \"e-3\""),
                None,
                None
            ]
        );
        let found = diagnostics_of(
            Code::DuplicateNodeId,
            r#"{"nodes": [{"id": "a", "type": "configmap", "data": {}}, {"id": "a", "type": "secret", "data": {}},
                          {"id": "a-2", "type": "configmap", "data": {}}]}"#,
        );
        assert_eq!(
            crate::validate::tests::fix_titles(&found),
            [Some("Rename the node to \"a-3\"")]
        );
    }
}
