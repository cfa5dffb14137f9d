//! Node ids and edge ids must be unique: links and the canvas address them by id.
//!
//! A repeated edge id is fixed by renaming the later edge (nothing refers to edges by id).
//! A repeated node id is fixed by renaming the later node only when no edge names the
//! id: otherwise which of the two an edge was drawn to cannot be known.

use std::collections::BTreeSet;
use std::collections::hash_map::Entry;

use super::{Change, Check, NodeChange, Redo, Rule};
use crate::diagnostic::{Code, Diagnostic, Fix, PatchOperation};
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

/// A node's change in place that keeps its id keeps the duplicates. An edge added,
/// removed or replaced can change whether an edge names a duplicated node id (its fix),
/// whether its id is repeated (not when it is replaced by an edge of the same id), and
/// whether the name a duplicate of another edge's id would be renamed to is taken: those
/// are reported again. A removal also moves every later edge, whose messages name the
/// numbers of the edges first using their ids: while an id is repeated, all is reported
/// again.
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let now = |index: usize| {
        let edge = cx.workflow().edges.items().get(index).and_then(Wire::get);
        edge.and_then(|edge| edge.id.as_str())
    };
    let id_kept =
        |node: &NodeChange<'_>| node.ids_changed(cx.graph.at(node.position).id()).is_empty();
    let ids = match *change {
        Change::Node(ref node) if id_kept(node) => return,
        // An id that came or went may be what a duplicate's fix renames to, and the
        // messages name node numbers, which a removal moves.
        Change::Node(_) | Change::NodeRemoved { .. } => {
            node_ids(cx, Some(&mut redo.nodes));
            return;
        }
        Change::EdgeRemoved {
            repeated_ids: true, ..
        } => {
            redo.all = true;
            return check(cx);
        }
        Change::EdgeRemoved { id, .. } => [Some(id), None],
        Change::EdgeAdded { index, .. } => {
            redo.edges.insert(index);
            [now(index), None]
        }
        // The edges' ids are those of before: only which node ids edges name can change.
        Change::EdgeReplaced { index, id, .. } if now(index) == Some(id) => {
            node_ids(cx, Some(&mut redo.nodes));
            return;
        }
        Change::EdgeReplaced { index, id, .. } => {
            redo.edges.insert(index);
            [now(index), Some(id)]
        }
    };
    node_ids(cx, Some(&mut redo.nodes));
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

/// Reports the nodes whose id an earlier node has, adding their indexes in the
/// workflow's `nodes` to `redone`.
fn node_ids(cx: &mut Context<'_>, mut redone: Option<&mut BTreeSet<usize>>) {
    let graph = cx.graph;
    let workflow = cx.workflow();
    // Built only when there is a duplicate: validation of a clean workflow stays as cheap.
    let mut linked: Option<FastSet<&str>> = None;
    let mut taken: FastSet<String> = FastSet::default();
    for &(position, first) in graph.duplicate_ids() {
        let (node, first) = (graph.at(position), graph.at(first));
        if let Some(redone) = redone.as_deref_mut() {
            redone.insert(node.index);
        }
        let id = node.id();
        let at = FieldPath::node(node.index).key("id");
        let linked = linked.get_or_insert_with(|| {
            workflow
                .edges()
                .flat_map(|(_, edge)| [edge.source.as_str(), edge.target.as_str()])
                .flatten()
                .collect()
        });
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
