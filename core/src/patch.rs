//! JSON Patch (RFC 6902) on `serde_json` values: the one implementation behind a
//! diagnostic's [`crate::diagnostic::Fix`] and a document's `patchNodeData` edit.
//!
//! A patch applies whole or not at all: every operation applied is logged with how to take
//! it back, and when one fails the earlier ones are undone in place, so keys keep their
//! positions (values are read with `preserve_order`) and unknown fields survive. `move`
//! and `copy` are not needed by kubegraph and not accepted.

use std::hash::{Hash, Hasher};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::FieldPath;

/// One JSON Patch operation; `path` is a JSON pointer (RFC 6901).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum PatchOperation {
    /// Fails the patch unless the value at `path` equals `value`: guards a patch against
    /// being applied to a document it was not computed from.
    Test {
        /// JSON pointer.
        path: String,
        /// The value expected there.
        value: Value,
    },
    /// Sets an object member (replacing one that is there), inserts into an array (`-`
    /// appends), or replaces the whole document (the empty pointer).
    Add {
        /// JSON pointer.
        path: String,
        /// The value to insert.
        value: Value,
    },
    /// Removes the value at `path`, which must exist.
    Remove {
        /// JSON pointer.
        path: String,
    },
    /// Replaces the value at `path`, which must exist.
    Replace {
        /// JSON pointer.
        path: String,
        /// The new value.
        value: Value,
    },
}

/// Why a patch was not applied; the value is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot {op} at \"{pointer}\": {reason}")]
pub struct PatchError {
    /// The operation that failed (`test`, `add`, `remove`, `replace`).
    pub op: &'static str,
    /// Its pointer.
    pub pointer: String,
    /// What is wrong.
    pub reason: &'static str,
}

impl PatchOperation {
    /// `test` that `path` holds `value`.
    pub fn test(path: &FieldPath, value: impl Into<Value>) -> Self {
        PatchOperation::Test {
            path: path.pointer(),
            value: value.into(),
        }
    }

    /// `add` of `value` at `path`.
    pub fn add(path: &FieldPath, value: impl Into<Value>) -> Self {
        PatchOperation::Add {
            path: path.pointer(),
            value: value.into(),
        }
    }

    /// `remove` of `path`.
    pub fn remove(path: &FieldPath) -> Self {
        PatchOperation::Remove {
            path: path.pointer(),
        }
    }

    /// `replace` of `path` by `value`.
    pub fn replace(path: &FieldPath, value: impl Into<Value>) -> Self {
        PatchOperation::Replace {
            path: path.pointer(),
            value: value.into(),
        }
    }

    /// The JSON pointer the operation acts on.
    pub fn path(&self) -> &str {
        match self {
            PatchOperation::Test { path, .. }
            | PatchOperation::Add { path, .. }
            | PatchOperation::Remove { path }
            | PatchOperation::Replace { path, .. } => path,
        }
    }

    /// Points the operation at `path` instead.
    pub fn set_path(&mut self, path: String) {
        match self {
            PatchOperation::Test { path: at, .. }
            | PatchOperation::Add { path: at, .. }
            | PatchOperation::Remove { path: at }
            | PatchOperation::Replace { path: at, .. } => *at = path,
        }
    }

    /// The operation's name in JSON: `test`, `add`, `remove`, `replace`.
    pub fn name(&self) -> &'static str {
        match self {
            PatchOperation::Test { .. } => "test",
            PatchOperation::Add { .. } => "add",
            PatchOperation::Remove { .. } => "remove",
            PatchOperation::Replace { .. } => "replace",
        }
    }
}

// `Value` has no `Hash`; its JSON text is one text per value (keys keep their order).
impl Hash for PatchOperation {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        self.path().hash(state);
        if let PatchOperation::Test { value, .. }
        | PatchOperation::Add { value, .. }
        | PatchOperation::Replace { value, .. } = self
        {
            value.to_string().hash(state);
        }
    }
}

/// Applies `operations` to `document` in order, all or none.
pub fn apply(document: &mut Value, operations: &[PatchOperation]) -> Result<(), PatchError> {
    let mut undo_log = Vec::with_capacity(operations.len());
    for operation in operations {
        match apply_one(document, operation) {
            Ok(Some(undo)) => undo_log.push(undo),
            Ok(None) => {}
            Err(reason) => {
                for undo in undo_log.into_iter().rev() {
                    take_back(document, undo);
                }
                return Err(PatchError {
                    op: operation.name(),
                    pointer: operation.path().to_owned(),
                    reason,
                });
            }
        }
    }
    Ok(())
}

/// The unescaped reference tokens of a JSON pointer (RFC 6901); `None` when it is not one
/// (no leading `/`, or a `~` not followed by `0` or `1`).
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/')
        .map(|token| {
            let bad_escape = token
                .match_indices('~')
                .any(|(at, _)| !matches!(token.as_bytes().get(at + 1), Some(b'0' | b'1')));
            (!bad_escape).then(|| token.replace("~1", "/").replace("~0", "~"))
        })
        .collect()
}

/// An array index as RFC 6901 writes it: digits, without leading zeros.
pub fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    (digits && (token == "0" || !token.starts_with('0')))
        .then(|| token.parse().ok())
        .flatten()
}

/// How to take back one applied operation: the parent it changed, and the change back.
struct Undo {
    parent: Vec<String>,
    change: Change,
}

enum Change {
    /// Put the whole document back.
    Root(Value),
    /// Put the value back under the key, at this position of the object's keys.
    Restore(String, usize, Value),
    /// Remove the key that was added.
    Forget(String),
    /// Put the value back at this index of the array.
    Insert(usize, Value),
    /// Remove the element that was inserted.
    Delete(usize),
    /// Put back the element that was replaced.
    Put(usize, Value),
}

/// Applies one operation; how to undo it, if it changed anything.
fn apply_one(
    document: &mut Value,
    operation: &PatchOperation,
) -> Result<Option<Undo>, &'static str> {
    let mut parent = tokens(operation.path()).ok_or("not a JSON pointer")?;
    if let PatchOperation::Test { value, .. } = operation {
        let found = document.pointer(operation.path()).ok_or("no value there")?;
        return if found == value {
            Ok(None)
        } else {
            Err("another value is there")
        };
    }
    let Some(key) = parent.pop() else {
        return match operation {
            PatchOperation::Add { value, .. } | PatchOperation::Replace { value, .. } => {
                let old = std::mem::replace(document, value.clone());
                Ok(Some(Undo {
                    parent,
                    change: Change::Root(old),
                }))
            }
            _ => Err("the whole document cannot be removed"),
        };
    };
    let change = match (
        operation,
        parent_of(document, &parent).ok_or("no value there")?,
    ) {
        (
            PatchOperation::Add { value, .. } | PatchOperation::Replace { value, .. },
            Value::Object(map),
        ) => match key_position(map, &key) {
            Some(position) => {
                let slot = map.get_mut(&key).ok_or("no member there")?;
                let old = std::mem::replace(slot, value.clone());
                Change::Restore(key, position, old)
            }
            None if matches!(operation, PatchOperation::Add { .. }) => {
                map.insert(key.clone(), value.clone());
                Change::Forget(key)
            }
            None => return Err("no member there"),
        },
        (PatchOperation::Add { value, .. }, Value::Array(items)) => {
            let index = if key == "-" {
                items.len()
            } else {
                array_index(&key)
                    .filter(|&i| i <= items.len())
                    .ok_or("no such array position")?
            };
            items.insert(index, value.clone());
            Change::Delete(index)
        }
        (PatchOperation::Replace { value, .. }, Value::Array(items)) => {
            let index = array_index(&key)
                .filter(|&i| i < items.len())
                .ok_or("no such array position")?;
            Change::Put(index, std::mem::replace(&mut items[index], value.clone()))
        }
        (PatchOperation::Remove { .. }, Value::Object(map)) => {
            let position = key_position(map, &key).ok_or("no member there")?;
            let old = map.shift_remove(&key).ok_or("no member there")?;
            Change::Restore(key, position, old)
        }
        (PatchOperation::Remove { .. }, Value::Array(items)) => {
            let index = array_index(&key)
                .filter(|&i| i < items.len())
                .ok_or("no such array position")?;
            Change::Insert(index, items.remove(index))
        }
        _ => return Err("its parent is neither an object nor an array"),
    };
    Ok(Some(Undo { parent, change }))
}

/// Takes back an operation [`apply_one`] just applied: the places it names exist.
fn take_back(document: &mut Value, Undo { parent, change }: Undo) {
    if let Change::Root(old) = change {
        *document = old;
        return;
    }
    match (parent_of(document, &parent), change) {
        (Some(Value::Object(map)), Change::Restore(key, position, value)) => {
            map.shift_insert(position, key, value);
        }
        (Some(Value::Object(map)), Change::Forget(key)) => {
            map.shift_remove(&key);
        }
        (Some(Value::Array(items)), Change::Insert(index, value)) => items.insert(index, value),
        (Some(Value::Array(items)), Change::Delete(index)) => {
            items.remove(index);
        }
        (Some(Value::Array(items)), Change::Put(index, value)) => items[index] = value,
        _ => {}
    }
}

fn key_position(map: &Map<String, Value>, key: &str) -> Option<usize> {
    map.keys().position(|candidate| candidate == key)
}

fn parent_of<'v>(document: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(document, |value, token| match value {
        Value::Object(map) => map.get_mut(token),
        Value::Array(items) => array_index(token).and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn patched(mut data: Value, operation: Value) -> Result<Value, PatchError> {
        let operation: PatchOperation = serde_json::from_value(operation).expect("an operation");
        apply(&mut data, &[operation])?;
        Ok(data)
    }

    #[test]
    fn operations_follow_rfc_6902() {
        let data = json!({"replicas": 1, "ports": [80], "labels": {"a/b": "x", "c~d": "y"}});
        let cases = [
            (
                json!({"op": "replace", "path": "/replicas", "value": 3}),
                "/replicas",
                json!(3),
            ),
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
            (
                json!({"op": "replace", "path": "", "value": {"replicas": 2}}),
                "",
                json!({"replicas": 2}),
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
            json!({"op": "test", "path": "/replicas", "value": 2}),
        ] {
            let refused = patched(data.clone(), operation.clone());
            assert!(refused.is_err(), "{operation}: {refused:?}");
        }
    }

    #[test]
    fn a_failing_operation_takes_back_the_earlier_ones_in_place() {
        let original = json!({"a": 1, "b": [1, 2], "c": {"d": 3}, "e": 4});
        let mut document = original.clone();
        let operations: Vec<PatchOperation> = serde_json::from_value(json!([
            {"op": "remove", "path": "/a"},
            {"op": "add", "path": "/b/0", "value": 0},
            {"op": "replace", "path": "/c/d", "value": 5},
            {"op": "add", "path": "/f", "value": 6},
            {"op": "replace", "path": "", "value": null},
            {"op": "test", "path": "/e", "value": 5}
        ]))
        .expect("operations");
        let refused = apply(&mut document, &operations).expect_err("the test fails");
        assert_eq!(refused.to_string(), "cannot test at \"/e\": no value there");
        assert_eq!(document.to_string(), original.to_string());
    }

    #[test]
    fn operations_read_and_write_as_json_patch() {
        let operations = vec![
            PatchOperation::test(&FieldPath::edge(3).key("id"), "e1"),
            PatchOperation::remove(&FieldPath::edge(3)),
        ];
        let json = serde_json::to_value(&operations).expect("serializable");
        assert_eq!(
            json,
            json!([
                {"op": "test", "path": "/edges/3/id", "value": "e1"},
                {"op": "remove", "path": "/edges/3"}
            ])
        );
        let back: Vec<PatchOperation> = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, operations);
        assert!(
            serde_json::from_value::<PatchOperation>(
                json!({"op": "move", "from": "/a", "path": "/b"})
            )
            .is_err()
        );
    }
}
