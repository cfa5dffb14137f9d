//! Node edits that change many edges at once, made as steps that each update the graph in
//! place.
//!
//! Removing a node that edges still name leaves those edges dangling, adding a node that
//! dangling edges name brings them into the graph, and giving a node another id does both.
//! No rule's recheck covers many edges changing together, so such an edit built the graph
//! and reran every whole-graph check again (about 50M instructions on 10,000 nodes).
//! Instead, the edges are first pointed at an id no node has (each an edge replaced in
//! place), then the node, alone now, is removed, added or given its new id in place, then
//! the edges are put back as they were (replaced again). Each step leaves a workflow that
//! could have been read and is answered as any edit is, so the document after the last
//! step is the one the edit makes; what the steps between report and take back cancels
//! out in the update.
//!
//! With repeated ids: removing the first node with an id, or giving it another, moves the
//! edges naming the id to the next node with it, and a node given the id of a later node
//! takes that one's edges; the same steps make both. A step finds an edge by its id, the
//! first edge with it, so an edge whose id another has takes an id of its own while
//! pointed away.

use serde_json::Value;

use super::Edit;
use crate::graph::GraphIndex;
use crate::model::{Wire, Workflow};

/// The most edges a node edit is made in steps for (a node with `n` edges takes `2n + 1`
/// steps). Removing a Deployment that `n` edges name (`examples/document_node_edits.rs`,
/// `remove-hub`) costs, in steps against building the graph and rerunning the whole-graph
/// checks again: on the generated 10,000 nodes about 1.7M + 3.05M·n instructions against
/// 60M, so steps pay up to about 19 edges; on 1,000 nodes 9.2M for 12 edges and 17.2M for
/// 16 against 8.8M, since a step's own rechecks do not shrink with the workflow as a
/// rebuild does. 12 is where the smaller one breaks even.
const MOST_EDGES: usize = 12;

/// How an edit is made.
pub(super) enum Plan {
    /// As it is. A node it adds or removes, if any, is one the graph cannot take in place.
    AsIs,
    /// As it is, adding, removing or giving another id to a node whose ids no edge names,
    /// or adding one whose id an earlier node has (edges name that one): the graph may
    /// take it in place.
    Unnamed,
    /// In these steps. The node edit among them adds, removes or gives another id to a
    /// node whose ids no edge names then, as the steps before it pointed those edges away.
    Steps(Vec<Edit>),
}

/// How `edit` is made: in steps when it adds, removes or gives another id to a node that
/// edges name, unless it cannot be made so (an edge that keeps a repeated id before one
/// of that id the steps would point away, an edge without an id, a node that is not an
/// object with an id, more than [`MOST_EDGES`] edges). The one scan of the edges here also
/// tells the graph that no edge names a node it takes in alone.
pub(super) fn plan(workflow: &Workflow, graph: &GraphIndex, edit: &Edit) -> Plan {
    steps(workflow, graph, edit).unwrap_or(Plan::AsIs)
}

fn steps(workflow: &Workflow, graph: &GraphIndex, edit: &Edit) -> Option<Plan> {
    // The ids whose edges the steps point away: the node's, and for a node given another
    // id, both (edges naming the new one join the graph with it).
    let ids: Vec<&str> = match edit {
        Edit::RemoveNode { id } if graph.index_of(id).is_some() => vec![id],
        Edit::AddNode { node } if !workflow.nodes.is_invalid() => {
            let id = node.get("id").and_then(Value::as_str)?;
            // Edges that name a taken id stay with the first node that has it.
            if graph.index_of(id).is_some() {
                return Some(Plan::Unnamed);
            }
            vec![id]
        }
        Edit::ReplaceNode { id, node } => {
            let at = graph.index_of(id)?;
            let new = node
                .get("id")
                .and_then(Value::as_str)
                .filter(|new| new != id)?;
            // Edges that name an id an earlier node has stay with that node.
            match graph.index_of(new) {
                Some(first) if first < at => vec![id],
                _ => vec![id, new],
            }
        }
        _ => return None,
    };
    // The edges that name the ids: (id, the id while pointed away, the edge as it is).
    let mut named: Vec<(String, String, Value)> = Vec::new();
    // Repeated ids of the edges before that name neither.
    let mut passed: Vec<&str> = Vec::new();
    let repeated = |id: &&str| !graph.only_edge_with(id);
    for (_, edge) in workflow.edges() {
        let names = |end: &Wire<String>| end.as_str().is_some_and(|end| ids.contains(&end));
        if !names(&edge.source) && !names(&edge.target) {
            passed.extend(edge.id.as_str().filter(repeated));
            continue;
        }
        // An edge is replaced by its id, which finds the first edge with it. One whose id
        // is repeated takes an id of its own while pointed away, so that the next with its
        // id is the first then; an edge before them that keeps the id is in the way.
        let edge_id = edge.id.as_str().filter(|id| !passed.contains(id))?;
        if named.len() == MOST_EDGES {
            return None;
        }
        let away_id = if repeated(&edge_id) {
            let pointed_away = |id: &str| named.iter().any(|(_, away, _)| away == id);
            unused(edge_id, |id| !graph.no_edge_with(id) || pointed_away(id))
        } else {
            edge_id.to_owned()
        };
        named.push((
            edge_id.to_owned(),
            away_id,
            serde_json::to_value(edge).ok()?,
        ));
    }
    if named.is_empty() {
        return Some(Plan::Unnamed);
    }
    let away = unused(ids[0], |id| {
        graph.index_of(id).is_some() || ids.contains(&id)
    });
    let pointed_away = |away_id: &str, edge: &Value| {
        let mut edge = edge.clone();
        if let Some(fields) = edge.as_object_mut() {
            for end in ["source", "target"] {
                let named = fields
                    .get_mut(end)
                    .filter(|end| end.as_str().is_some_and(|end| ids.contains(&end)));
                if let Some(named) = named {
                    *named = Value::String(away.clone());
                }
            }
            fields.insert("id".to_owned(), Value::String(away_id.to_owned()));
        }
        edge
    };
    let mut steps: Vec<Edit> = named
        .iter()
        .map(|(id, away_id, edge)| Edit::ReplaceEdge {
            id: id.clone(),
            edge: pointed_away(away_id, edge),
        })
        .collect();
    steps.push(edit.clone());
    steps.extend(
        named
            .into_iter()
            .map(|(_, away_id, edge)| Edit::ReplaceEdge { id: away_id, edge }),
    );
    Some(Plan::Steps(steps))
}

/// An id made from `id` that is not `taken`: the node id the steps point edges at (one no
/// node has), or an edge's id while it is pointed away (one no other edge has).
fn unused(id: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut unused = format!("{id}\u{0}");
    while taken(&unused) {
        unused.push('\u{0}');
    }
    unused
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::document::{Document, Edit, Update};
    use crate::parse::workflow_from_value;
    use crate::validate::{ValidateOptions, validate};

    fn shop() -> Document {
        let node =
            |id: &str, kind: &str, data: Value| json!({"id": id, "type": kind, "data": data});
        let workflow = json!({
            "nodes": [
                node("svc", "service", json!({"name": "web", "targetApp": "web", "port": 80})),
                node("web", "deployment", json!({"name": "web", "image": "nginx:1.27"})),
                node("cfg", "configmap", json!({"name": "web-config", "data": {"A": "1"}})),
            ],
            "edges": [
                {"id": "e1", "source": "svc", "target": "web"},
                {"id": "e2", "source": "cfg", "target": "web"},
            ]
        });
        Document::open(
            workflow_from_value(workflow).expect("a workflow"),
            Vec::new(),
        )
    }

    /// Applies `edit`, checking that the document holds what the edit alone makes of the
    /// workflow, that its diagnostics are what a fresh validate reports, and that nothing
    /// of the steps between shows in the update.
    fn apply(document: &mut Document, edit: Edit) -> Update {
        let mut expected = document.workflow().clone();
        let ids: Vec<Option<String>> = expected
            .nodes
            .items()
            .iter()
            .map(|node| {
                node.get()
                    .and_then(|node| node.id.as_str().map(str::to_owned))
            })
            .collect();
        let first = |id: &str| ids.iter().position(|known| known.as_deref() == Some(id));
        crate::document::edit::apply(&mut expected, &edit, first).expect("the edit applies");
        let update = document.apply(&edit).expect("the edit applies");
        assert_eq!(document.workflow(), &expected);
        let edited = workflow_from_value(document.to_json()).expect("a workflow");
        assert_eq!(
            document.diagnostics(),
            validate(&edited, &ValidateOptions::default())
        );
        let reported = update.added.iter().chain(&update.removed);
        assert!(
            reported
                .map(|diagnostic| format!("{diagnostic:?}"))
                .all(|text| !text.contains("\\0") && !text.contains('\u{0}')),
            "{update:?}"
        );
        update
    }

    /// Replaces the node with the id `id` by `node`, as [`apply`] does.
    fn replace(document: &mut Document, id: &str, node: Value) -> Update {
        let id = id.to_owned();
        apply(document, Edit::ReplaceNode { id, node })
    }

    /// Where each dangling edge is reported.
    fn dangling(found: &[crate::Diagnostic]) -> Vec<String> {
        found
            .iter()
            .filter(|d| d.code.as_str() == "dangling-edge")
            .map(|d| d.pointer().unwrap_or_default())
            .collect()
    }

    #[test]
    fn a_node_removed_before_its_edges_leaves_them_dangling_without_a_rebuild() {
        let mut document = shop();
        let update = apply(&mut document, Edit::RemoveNode { id: "web".into() });
        assert_eq!(
            dangling(&update.added),
            ["/edges/0/target", "/edges/1/target"]
        );
        assert_eq!(document.rebuilds, 0);
    }

    #[test]
    fn a_node_added_back_takes_its_dangling_edges_without_a_rebuild() {
        let mut document = shop();
        let before = document.diagnostics();
        let web = document.to_json()["nodes"][1].clone();
        apply(&mut document, Edit::RemoveNode { id: "web".into() });
        let update = apply(&mut document, Edit::AddNode { node: web });
        assert!(update.added.is_empty(), "{update:?}");
        assert_eq!(dangling(&update.removed).len(), 2, "{update:?}");
        assert_eq!(document.diagnostics(), before);
        assert_eq!(document.rebuilds, 0);
    }

    #[test]
    fn a_node_no_edge_names_is_added_and_removed_without_a_rebuild() {
        let mut document = shop();
        let before = document.diagnostics();
        let node = json!({"id": "jobs", "type": "deployment",
            "data": {"name": "jobs", "image": "busybox:1.37"}});
        apply(&mut document, Edit::AddNode { node });
        apply(&mut document, Edit::RemoveNode { id: "jobs".into() });
        assert_eq!(document.diagnostics(), before);
        assert_eq!(document.rebuilds, 0);
    }

    #[test]
    fn a_node_given_another_id_leaves_its_edges_and_takes_back_theirs_without_a_rebuild() {
        let mut document = shop();
        let before = document.diagnostics();
        let renamed = |id: &str| {
            json!({"id": id, "type": "deployment",
                   "data": {"name": "web", "image": "nginx:1.27"}})
        };
        let update = replace(&mut document, "web", renamed("web-2"));
        assert_eq!(
            dangling(&update.added),
            ["/edges/0/target", "/edges/1/target"]
        );
        let update = replace(&mut document, "web-2", renamed("web"));
        assert_eq!(dangling(&update.removed).len(), 2, "{update:?}");
        assert_eq!(document.diagnostics(), before);
        assert_eq!(document.rebuilds, 0);
    }

    /// A Service whose `_linkedDeployment` names the node: its `targetApp` stops counting
    /// when the node takes another id, and counts again when it takes the id back.
    #[test]
    fn a_node_given_another_id_is_rechecked_with_the_services_linked_to_either_id() {
        let node =
            |id: &str, kind: &str, data: Value| json!({"id": id, "type": kind, "data": data});
        // In a namespace of its own, so that only the ids lead to it.
        let service = json!({"name": "web", "namespace": "front", "targetApp": "web",
                             "port": 80, "_linkedDeployment": "web"});
        let workflow = json!({
            "nodes": [
                node("svc", "service", service),
                node("web", "deployment", json!({"name": "web", "image": "nginx:1.27"})),
            ],
            "edges": []
        });
        let mut document = Document::open(
            workflow_from_value(workflow).expect("a workflow"),
            Vec::new(),
        );
        let web = |id: &str| {
            node(
                id,
                "deployment",
                json!({"name": "web", "image": "nginx:1.27"}),
            )
        };
        let update = replace(&mut document, "web", web("api"));
        assert!(!update.added.is_empty(), "the link is stale: {update:?}");
        let update = replace(&mut document, "api", web("web"));
        assert!(!update.removed.is_empty(), "{update:?}");
        assert_eq!(document.rebuilds, 0);
    }

    /// The id a duplicate's fix would rename it to, taken by another node in place, moves
    /// the fix on to the next free one.
    #[test]
    fn a_node_given_the_id_a_duplicates_fix_names_moves_the_fix_on() {
        let node = |id: &str| json!({"id": id, "type": "configmap", "data": {"name": id}});
        let workflow = json!({"nodes": [node("a"), node("a"), node("b")], "edges": []});
        let mut document = Document::open(
            workflow_from_value(workflow).expect("a workflow"),
            Vec::new(),
        );
        let update = replace(&mut document, "b", node("a-2"));
        let titles = |found: &[crate::Diagnostic]| -> Vec<String> {
            let fixes = found.iter().filter_map(|d| d.fix.as_ref());
            fixes.map(|fix| fix.title.clone()).collect()
        };
        assert_eq!(titles(&update.removed), ["Rename the node to \"a-2\""]);
        assert_eq!(titles(&update.added), ["Rename the node to \"a-3\""]);
        assert_eq!(document.rebuilds, 0);
    }

    /// A node without an id is reported by its number, which a removal before it moves.
    #[test]
    fn a_node_without_an_id_is_renumbered_when_a_node_before_it_goes() {
        let mut document = shop();
        let unnamed = json!({"type": "configmap", "data": {"name": "extra"}});
        apply(&mut document, Edit::AddNode { node: unnamed });
        let update = apply(&mut document, Edit::RemoveNode { id: "svc".into() });
        let messages: Vec<&str> = update.added.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.contains(&"node number 2 has no id"),
            "{messages:?}"
        );
    }

    /// The codes of `found`, in order.
    fn codes(found: &[crate::Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn a_node_whose_id_another_has_is_added_and_takes_the_id_over_without_a_rebuild() {
        let mut document = shop();
        let twin = json!({"id": "web", "type": "deployment",
                          "data": {"name": "web-next", "image": "nginx:1.28"}});
        let update = apply(&mut document, Edit::AddNode { node: twin });
        assert_eq!(codes(&update.added), ["duplicate-node-id"]);
        // The first `web` goes: its edges are the twin's now, and nothing dangles.
        let update = apply(&mut document, Edit::RemoveNode { id: "web".into() });
        assert_eq!(codes(&update.removed), ["duplicate-node-id"]);
        assert!(dangling(&update.added).is_empty(), "{update:?}");
        assert_eq!(document.workflow().edges().count(), 2);
        assert_eq!(document.rebuilds, 0);
    }

    /// A node given the id of a later node becomes the first with it: the edges that
    /// name the id are its now, and the later node is the duplicate.
    #[test]
    fn a_node_given_the_id_of_a_later_node_takes_its_edges_without_a_rebuild() {
        let mut document = shop();
        let api = |name: &str| {
            json!({"id": "api", "type": "deployment",
                   "data": {"name": name, "image": "busybox:1.37"}})
        };
        apply(&mut document, Edit::AddNode { node: api("api") });
        let edge = json!({"id": "e3", "source": "svc", "target": "api"});
        apply(&mut document, Edit::AddEdge { edge });
        let update = replace(&mut document, "web", api("api-next"));
        let duplicate = update
            .added
            .iter()
            .find(|d| d.code.as_str() == "duplicate-node-id")
            .expect("the later node is a duplicate now");
        assert_eq!(duplicate.pointer().as_deref(), Some("/nodes/3/id"));
        // e1 and e2 named `web`, which is gone.
        assert_eq!(
            dangling(&update.added),
            ["/edges/0/target", "/edges/1/target"]
        );
        assert_eq!(document.rebuilds, 0);
    }

    #[test]
    fn a_node_with_many_edges_builds_the_graph_again() {
        let mut document = shop();
        // `cfg` has one edge already, `web` two.
        for number in 1..super::MOST_EDGES {
            let edge = json!({"id": format!("more-{number}"), "source": "cfg", "target": "web"});
            apply(&mut document, Edit::AddEdge { edge });
        }
        let rebuilt = document.rebuilds;
        apply(&mut document, Edit::RemoveNode { id: "cfg".into() });
        assert_eq!(document.rebuilds, rebuilt, "{} edges", super::MOST_EDGES);
        apply(&mut document, Edit::RemoveNode { id: "web".into() });
        assert_eq!(
            document.rebuilds,
            rebuilt + 1,
            "more than {}",
            super::MOST_EDGES
        );
    }

    #[test]
    fn edges_whose_id_another_edge_has_take_ids_of_their_own_while_pointed_away() {
        let mut document = shop();
        let before = document.diagnostics();
        let web = document.to_json()["nodes"][1].clone();
        // A second `e2` that names `web` too, and a second `e1` after them that does not.
        let edges = [
            json!({"id": "e2", "source": "svc", "target": "web"}),
            json!({"id": "e1", "source": "cfg", "target": "svc"}),
        ];
        for edge in edges {
            apply(&mut document, Edit::AddEdge { edge });
        }
        let repeated = document.diagnostics();
        let update = apply(&mut document, Edit::RemoveNode { id: "web".into() });
        assert_eq!(
            dangling(&update.added),
            ["/edges/0/target", "/edges/1/target", "/edges/2/target"]
        );
        apply(&mut document, Edit::AddNode { node: web });
        assert_eq!(document.diagnostics(), repeated);
        assert_ne!(repeated, before, "the repeated ids are reported");
        assert_eq!(document.rebuilds, 0);
    }

    /// An edge that keeps its id while steps point away a later edge of that id would be
    /// the one a step finds by the id.
    #[test]
    fn an_edge_whose_id_an_earlier_edge_keeps_builds_the_graph_again() {
        let mut document = shop();
        let edges = [
            json!({"id": "e9", "source": "svc", "target": "cfg"}),
            json!({"id": "e9", "source": "cfg", "target": "web"}),
        ];
        for edge in edges {
            apply(&mut document, Edit::AddEdge { edge });
        }
        let rebuilt = document.rebuilds;
        apply(&mut document, Edit::RemoveNode { id: "web".into() });
        assert_eq!(document.rebuilds, rebuilt + 1);
    }
}
