//! Edits a canvas makes, in the shapes React Flow's node and edge changes and RFC 6902
//! JSON Patch already use, and how each is applied to the workflow model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Edge, Node, Wire, Workflow};
use crate::patch::{self, PatchError, PatchOperation};

/// One change to a workflow. Nodes and edges are addressed by id; with a duplicated id,
/// the first one in the list is meant (as the graph resolves edges).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Edit {
    /// Appends a node (its JSON as the canvas stores it).
    AddNode {
        /// The node.
        #[schemars(with = "crate::model::Node")]
        node: Value,
    },
    /// Removes a node. Its edges stay, as React Flow leaves them to separate changes.
    RemoveNode {
        /// The node's id.
        id: String,
    },
    /// Replaces a node in place (its id may change).
    ReplaceNode {
        /// The id of the node replaced.
        id: String,
        /// The new node.
        #[schemars(with = "crate::model::Node")]
        node: Value,
    },
    /// Appends an edge.
    AddEdge {
        /// The edge.
        #[schemars(with = "crate::model::Edge")]
        edge: Value,
    },
    /// Removes an edge.
    RemoveEdge {
        /// The edge's id.
        id: String,
    },
    /// Replaces an edge in place.
    ReplaceEdge {
        /// The id of the edge replaced.
        id: String,
        /// The new edge.
        #[schemars(with = "crate::model::Edge")]
        edge: Value,
    },
    /// Applies JSON Patch operations to a node's `data`, in order, all or none.
    PatchNodeData {
        /// The node's id.
        id: String,
        /// The operations, with pointers relative to the node's `data`.
        patch: Vec<PatchOperation>,
    },
}

/// Why an edit could not be applied; the document is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No node has this id.
    #[error("no node has the id \"{0}\"")]
    UnknownNode(String),
    /// No edge has this id.
    #[error("no edge has the id \"{0}\"")]
    UnknownEdge(String),
    /// The workflow's `nodes` or `edges` is not a list, so nothing can be added to it.
    #[error("the workflow's \"{0}\" is not a list")]
    NotAList(&'static str),
    /// The node to patch is not a JSON object.
    #[error("the node \"{0}\" is not an object")]
    NotAnObject(String),
    /// A patch operation failed (a pointer that leads nowhere, a failed `test`).
    #[error(transparent)]
    Patch(#[from] PatchError),
}

/// What an applied edit changed, in terms the recheck needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Changed {
    /// The node at this index was added, replaced or patched.
    Node(usize),
    /// The node at this index was removed: later nodes moved one place up.
    NodeRemoved(usize),
    /// The edge at this index was added or replaced.
    Edge(usize),
    /// The edge at this index was removed: later edges moved one place up.
    EdgeRemoved(usize),
}

/// Applies `edit` to `workflow`, or leaves it unchanged and says why. `first_node` finds
/// the index of the first readable node with an id (the document's graph knows it).
pub(super) fn apply(
    workflow: &mut Workflow,
    edit: &Edit,
    first_node: impl Fn(&str) -> Option<usize>,
) -> Result<Changed, EditError> {
    let node_index =
        |id: &String| first_node(id).ok_or_else(|| EditError::UnknownNode(id.to_owned()));
    match edit {
        Edit::AddNode { node } => {
            let nodes = list_mut(&mut workflow.nodes, "nodes")?;
            nodes.push(Wire::from_value(node));
            Ok(Changed::Node(nodes.len() - 1))
        }
        Edit::RemoveNode { id } => {
            let index = node_index(id)?;
            list_mut(&mut workflow.nodes, "nodes")?.remove(index);
            Ok(Changed::NodeRemoved(index))
        }
        Edit::ReplaceNode { id, node } => {
            let index = node_index(id)?;
            list_mut(&mut workflow.nodes, "nodes")?[index] = Wire::from_value(node);
            Ok(Changed::Node(index))
        }
        Edit::AddEdge { edge } => {
            let edges = list_mut(&mut workflow.edges, "edges")?;
            edges.push(Wire::from_value(edge));
            Ok(Changed::Edge(edges.len() - 1))
        }
        Edit::RemoveEdge { id } => {
            let index = edge_index(workflow, id)?;
            list_mut(&mut workflow.edges, "edges")?.remove(index);
            Ok(Changed::EdgeRemoved(index))
        }
        Edit::ReplaceEdge { id, edge } => {
            let index = edge_index(workflow, id)?;
            list_mut(&mut workflow.edges, "edges")?[index] = Wire::from_value(edge);
            Ok(Changed::Edge(index))
        }
        Edit::PatchNodeData { id, patch } => {
            let index = node_index(id)?;
            let nodes = list_mut(&mut workflow.nodes, "nodes")?;
            let patched = patch_data(&nodes[index], id, patch)?;
            nodes[index] = Wire::from_value(&patched);
            Ok(Changed::Node(index))
        }
    }
}

/// The list of `nodes` or `edges`, made an empty list when absent or null.
fn list_mut<'w, T>(
    list: &'w mut Wire<Vec<Wire<T>>>,
    name: &'static str,
) -> Result<&'w mut Vec<Wire<T>>, EditError> {
    if list.is_missing() {
        *list = Wire::Valid(Vec::new());
    }
    match list {
        Wire::Valid(items) => Ok(items),
        _ => Err(EditError::NotAList(name)),
    }
}

fn edge_index(workflow: &Workflow, id: &str) -> Result<usize, EditError> {
    workflow
        .edges()
        .find(|(_, edge): &(usize, &Edge)| edge.id.as_str() == Some(id))
        .map(|(index, _)| index)
        .ok_or_else(|| EditError::UnknownEdge(id.to_owned()))
}

/// The node as JSON with `patch` applied to its `data` (a node without `data` starts
/// from `null`, so only a whole-value `add` or `replace` gives it one).
fn patch_data(node: &Wire<Node>, id: &str, patch: &[PatchOperation]) -> Result<Value, EditError> {
    let mut value = serde_json::to_value(node).unwrap_or(Value::Null);
    let Value::Object(object) = &mut value else {
        return Err(EditError::NotAnObject(id.to_owned()));
    };
    let mut data = object.get("data").cloned().unwrap_or(Value::Null);
    patch::apply(&mut data, patch)?;
    object.insert("data".to_owned(), data);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn edits_read_as_json() {
        let edit: Edit = serde_json::from_value(json!({
            "op": "patchNodeData", "id": "n1",
            "patch": [{"op": "replace", "path": "/replicas", "value": 3}]
        }))
        .expect("an edit");
        assert_eq!(
            edit,
            Edit::PatchNodeData {
                id: "n1".to_owned(),
                patch: vec![PatchOperation::Replace {
                    path: "/replicas".to_owned(),
                    value: json!(3)
                }]
            }
        );
    }
}
