//! Picking what random edits act on: the ids of a workflow's nodes or edges.

use proptest::sample::Index;
use serde_json::Value;

/// Ids of the workflow's nodes or edges (`list`), in order, duplicates included.
pub fn ids(workflow: &Value, list: &str) -> Vec<String> {
    workflow[list]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["id"].as_str().map(str::to_owned))
        .collect()
}

/// One of `ids`, `None` when there is none.
pub fn pick(ids: &[String], at: Index) -> Option<String> {
    (!ids.is_empty()).then(|| ids[at.index(ids.len())].clone())
}
