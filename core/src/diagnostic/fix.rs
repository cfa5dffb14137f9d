//! Fixes: the one repair a diagnostic has, when exactly one exists, as data.
//!
//! A [`Fix`] is a title for people ("Delete the edge") and the JSON Patch operations
//! (RFC 6902) that apply it to the workflow the diagnostic was found in. Paths are JSON
//! pointers into that input document, as the diagnostic's own path is. A fix that would
//! need a secret value is never offered: fixes only delete, rename or copy what the
//! workflow already shows. [`crate::fix`] applies them.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::model::FieldPath;
use crate::patch::PatchOperation;

/// One repair, certain enough to apply without asking what was meant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fix {
    /// What applying it does, for a button or a log line: `Delete the edge`.
    pub title: String,
    /// The JSON Patch operations, applied in order, all or none.
    pub edits: Vec<PatchOperation>,
}

impl Fix {
    /// A fix titled `title` made of `edits`.
    pub fn new(title: impl Into<String>, edits: Vec<PatchOperation>) -> Self {
        Fix {
            title: title.into(),
            edits,
        }
    }

    /// Deletes edge number `index`, guarded by its id when it has one (two diagnostics
    /// about one edge then carry the same fix, which is applied once).
    pub fn delete_edge(index: usize, id: Option<&str>) -> Self {
        let path = FieldPath::edge(index);
        let mut edits = Vec::with_capacity(2);
        if let Some(id) = id {
            edits.push(PatchOperation::test(&path.clone().key("id"), id));
        }
        edits.push(PatchOperation::remove(&path));
        Fix::new("Delete the edge", edits)
    }

    /// Sets the text at `path` from `old` to `new`: `Set <label> to "<new>"`.
    pub fn set_text(path: &FieldPath, label: &str, old: &str, new: &str) -> Self {
        Fix::new(
            format!("Set {label} to \"{new}\""),
            vec![
                PatchOperation::test(path, old),
                PatchOperation::replace(path, new),
            ],
        )
    }
}

impl JsonSchema for Fix {
    fn schema_name() -> Cow<'static, str> {
        "Fix".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The one repair of a diagnostic: a title and the JSON Patch (RFC 6902) operations that apply it to the workflow.",
            "type": "object",
            "required": ["title", "edits"],
            "additionalProperties": false,
            "properties": {
                "title": { "type": "string" },
                "edits": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["op", "path"],
                        "additionalProperties": false,
                        "properties": {
                            "op": { "enum": ["test", "add", "remove", "replace"] },
                            "path": { "description": "JSON pointer into the workflow.", "type": "string" },
                            "value": {}
                        }
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_json_patch() {
        let fix = Fix::delete_edge(3, Some("e1"));
        assert_eq!(
            serde_json::to_value(&fix).expect("serializable"),
            serde_json::json!({"title": "Delete the edge", "edits": [
                {"op": "test", "path": "/edges/3/id", "value": "e1"},
                {"op": "remove", "path": "/edges/3"}
            ]})
        );
        let back: Fix = serde_json::from_value(serde_json::to_value(&fix).expect("serializable"))
            .expect("reads back");
        assert_eq!(back, fix);
    }
}
