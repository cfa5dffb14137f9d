//! Edits a canvas makes, in the shapes React Flow's node and edge changes and RFC 6902
//! JSON Patch already use, and how each is applied to the workflow model.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Edge, Node, Wire, Workflow};

/// One change to a workflow. Nodes and edges are addressed by id; with a duplicated id,
/// the first one in the list is meant (as the graph resolves edges).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Edit {
    /// Appends a node (its JSON as the canvas stores it).
    AddNode {
        /// The node.
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
        node: Value,
    },
    /// Appends an edge.
    AddEdge {
        /// The edge.
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

/// One RFC 6902 operation, its pointer relative to a node's `data`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum PatchOperation {
    /// Adds a member, inserts into an array (`-` appends), or replaces the whole value.
    Add {
        /// Where.
        path: String,
        /// What.
        value: Value,
    },
    /// Removes the value, which must exist.
    Remove {
        /// Where.
        path: String,
    },
    /// Replaces the value, which must exist.
    Replace {
        /// Where.
        path: String,
        /// The new value.
        value: Value,
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
    /// A patch operation's pointer does not lead where the operation needs.
    #[error("cannot {op} at \"{pointer}\": {reason}")]
    Patch {
        /// The operation (`add`, `remove`, `replace`).
        op: &'static str,
        /// Its pointer.
        pointer: String,
        /// What is wrong.
        reason: String,
    },
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

/// Applies `edit` to `workflow`, or leaves it unchanged and says why.
pub(super) fn apply(workflow: &mut Workflow, edit: &Edit) -> Result<Changed, EditError> {
    match edit {
        Edit::AddNode { node } => {
            let nodes = list_mut(&mut workflow.nodes, "nodes")?;
            nodes.push(Wire::from_value(node));
            Ok(Changed::Node(nodes.len() - 1))
        }
        Edit::RemoveNode { id } => {
            let index = node_index(workflow, id)?;
            list_mut(&mut workflow.nodes, "nodes")?.remove(index);
            Ok(Changed::NodeRemoved(index))
        }
        Edit::ReplaceNode { id, node } => {
            let index = node_index(workflow, id)?;
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
            let index = node_index(workflow, id)?;
            let nodes = list_mut(&mut workflow.nodes, "nodes")?;
            let patched = patch_data(&nodes[index], patch)?;
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

fn node_index(workflow: &Workflow, id: &str) -> Result<usize, EditError> {
    workflow
        .nodes()
        .find(|(_, node)| node.id.as_str() == Some(id))
        .map(|(index, _)| index)
        .ok_or_else(|| EditError::UnknownNode(id.to_owned()))
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
fn patch_data(node: &Wire<Node>, patch: &[PatchOperation]) -> Result<Value, EditError> {
    let mut value = serde_json::to_value(node).unwrap_or(Value::Null);
    let Value::Object(object) = &mut value else {
        return Err(EditError::Patch {
            op: patch.first().map_or("patch", PatchOperation::name),
            pointer: String::new(),
            reason: "the node is not an object".to_owned(),
        });
    };
    let mut data = object.get("data").cloned().unwrap_or(Value::Null);
    for operation in patch {
        operation.apply(&mut data)?;
    }
    object.insert("data".to_owned(), data);
    Ok(value)
}

impl PatchOperation {
    fn name(&self) -> &'static str {
        match self {
            PatchOperation::Add { .. } => "add",
            PatchOperation::Remove { .. } => "remove",
            PatchOperation::Replace { .. } => "replace",
        }
    }

    fn pointer(&self) -> &str {
        match self {
            PatchOperation::Add { path, .. }
            | PatchOperation::Remove { path }
            | PatchOperation::Replace { path, .. } => path,
        }
    }

    /// Applies this operation to `root`; on an error `root` is unchanged.
    pub(super) fn apply(&self, root: &mut Value) -> Result<(), EditError> {
        let fail = |reason: &str| EditError::Patch {
            op: self.name(),
            pointer: self.pointer().to_owned(),
            reason: reason.to_owned(),
        };
        let tokens = tokens(self.pointer()).ok_or_else(|| fail("not a JSON pointer"))?;
        let Some((last, parents)) = tokens.split_last() else {
            return match self {
                PatchOperation::Add { value, .. } | PatchOperation::Replace { value, .. } => {
                    *root = value.clone();
                    Ok(())
                }
                PatchOperation::Remove { .. } => Err(fail("the whole data cannot be removed")),
            };
        };
        let mut parent = root;
        for token in parents {
            parent = child(parent, token).ok_or_else(|| fail("no value there"))?;
        }
        match (self, parent) {
            (PatchOperation::Add { value, .. }, Value::Object(object)) => {
                object.insert(last.clone(), value.clone());
            }
            (PatchOperation::Add { value, .. }, Value::Array(items)) => {
                let at = match last.as_str() {
                    "-" => items.len(),
                    token => array_index(token)
                        .filter(|&at| at <= items.len())
                        .ok_or_else(|| fail("no such array position"))?,
                };
                items.insert(at, value.clone());
            }
            (PatchOperation::Remove { .. }, Value::Object(object)) => {
                object
                    .shift_remove(last)
                    .ok_or_else(|| fail("no member there"))?;
            }
            (PatchOperation::Remove { .. }, Value::Array(items)) => {
                let at = array_index(last)
                    .filter(|&at| at < items.len())
                    .ok_or_else(|| fail("no such array position"))?;
                items.remove(at);
            }
            (PatchOperation::Replace { value, .. }, parent) => {
                *child(parent, last).ok_or_else(|| fail("no value there"))? = value.clone();
            }
            _ => return Err(fail("its parent is neither an object nor an array")),
        }
        Ok(())
    }
}

/// The reference tokens of an RFC 6901 pointer, unescaped; `None` when it is not one.
fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/')
        .map(|token| {
            // `~` must be followed by 0 or 1.
            let bad_escape = token
                .match_indices('~')
                .any(|(at, _)| !matches!(token.as_bytes().get(at + 1), Some(b'0' | b'1')));
            (!bad_escape).then(|| token.replace("~1", "/").replace("~0", "~"))
        })
        .collect()
}

/// An array index as RFC 6901 writes it: digits, without leading zeros.
fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    (digits && (token == "0" || !token.starts_with('0')))
        .then(|| token.parse().ok())
        .flatten()
}

fn child<'v>(value: &'v mut Value, token: &str) -> Option<&'v mut Value> {
    match value {
        Value::Object(object) => object.get_mut(token),
        Value::Array(items) => array_index(token).and_then(|at| items.get_mut(at)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patched(mut data: Value, operation: Value) -> Result<Value, EditError> {
        let operation: PatchOperation = serde_json::from_value(operation).expect("an operation");
        operation.apply(&mut data)?;
        Ok(data)
    }

    #[test]
    fn operations_follow_rfc_6902() {
        let data = json!({"replicas": 1, "ports": [80], "labels": {"a/b": "x", "c~d": "y"}});
        let cases = [
            (
                json!({"op": "add", "path": "/image", "value": "nginx"}),
                "/image",
                json!("nginx"),
            ),
            (
                json!({"op": "add", "path": "/ports/0", "value": 443}),
                "/ports",
                json!([443, 80]),
            ),
            (
                json!({"op": "add", "path": "/ports/-", "value": 443}),
                "/ports",
                json!([80, 443]),
            ),
            (
                json!({"op": "replace", "path": "/labels/a~1b", "value": "z"}),
                "/labels/a~1b",
                json!("z"),
            ),
            (
                json!({"op": "remove", "path": "/labels/c~0d"}),
                "/labels",
                json!({"a/b": "x"}),
            ),
            (
                json!({"op": "remove", "path": "/ports/0"}),
                "/ports",
                json!([]),
            ),
        ];
        for (operation, at, expected) in cases {
            let result = patched(data.clone(), operation.clone()).expect("applies");
            assert_eq!(result.pointer(at), Some(&expected), "{operation}");
        }
    }

    #[test]
    fn operations_that_lead_nowhere_are_refused() {
        let data = json!({"replicas": 1, "ports": [80]});
        for operation in [
            json!({"op": "replace", "path": "/image", "value": "x"}),
            json!({"op": "remove", "path": "/image"}),
            json!({"op": "add", "path": "/missing/key", "value": 1}),
            json!({"op": "add", "path": "/ports/2", "value": 1}),
            json!({"op": "add", "path": "/ports/01", "value": 1}),
            json!({"op": "add", "path": "/replicas/x", "value": 1}),
            json!({"op": "add", "path": "replicas", "value": 1}),
            json!({"op": "add", "path": "/a~2b", "value": 1}),
            json!({"op": "remove", "path": ""}),
        ] {
            let refused = patched(data.clone(), operation.clone());
            assert!(
                matches!(refused, Err(EditError::Patch { .. })),
                "{operation}: {refused:?}"
            );
        }
    }

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
