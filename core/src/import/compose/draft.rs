//! The workflow being built: its nodes and edges, the names taken, the secret values and
//! the diagnostics.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::FieldPath;

/// Where a kind of node is drawn: Services left, workloads in the middle, what they
/// mount right.
#[derive(Clone, Copy)]
pub(super) enum Column {
    Services = 0,
    Workloads = 1,
    Storage = 2,
}

/// Canvas spacing between columns and rows.
const COLUMN_WIDTH: usize = 320;
const ROW_HEIGHT: usize = 160;

/// The workflow under construction.
#[derive(Default)]
pub(super) struct Draft {
    nodes: Vec<Value>,
    edges: Vec<Value>,
    /// Names taken, per Kubernetes kind (node `type`).
    names: BTreeSet<(String, String)>,
    /// Secret node id → `{KEY: value}`.
    secrets: Map<String, Value>,
    diagnostics: Vec<Diagnostic>,
    rows: [usize; 3],
    /// Nodes several services mount, by (what they are made from, its compose name): the
    /// node id and its name.
    shared: BTreeMap<(String, String), (String, String)>,
}

impl Draft {
    /// A Kubernetes name for `wanted`, free among the nodes of `kind`: lower case, letters,
    /// digits and `-`, starting with a letter (Service names must), at most 63 characters;
    /// `-2`, `-3`, ... when taken.
    pub(super) fn name(&mut self, kind: &str, wanted: &str) -> String {
        let base = sanitize(wanted);
        let mut name = base.clone();
        let mut counter = 1;
        while !self.names.insert((kind.to_owned(), name.clone())) {
            counter += 1;
            let suffix = format!("-{counter}");
            name = format!("{}{suffix}", &base[..base.len().min(63 - suffix.len())]);
        }
        name
    }

    /// Adds a node of `kind` named `name` (from [`Self::name`]) with `data` (its `id` and
    /// `name` are set here); returns its id, `<kind>/<name>`.
    pub(super) fn add(
        &mut self,
        kind: &str,
        name: &str,
        column: Column,
        data: Map<String, Value>,
    ) -> String {
        let id = format!("{kind}/{name}");
        let mut full = Map::new();
        full.insert("id".to_owned(), Value::from(id.clone()));
        full.insert("name".to_owned(), Value::from(name));
        full.extend(data);
        let row = &mut self.rows[column as usize];
        self.nodes.push(json!({
            "id": id,
            "type": kind,
            "position": { "x": column as usize * COLUMN_WIDTH, "y": *row * ROW_HEIGHT },
            "data": full,
        }));
        *row += 1;
        id
    }

    /// An edge from `source` to `target` (node ids).
    pub(super) fn connect(&mut self, source: &str, target: &str) {
        self.edges.push(json!({
            "id": format!("{source}->{target}"),
            "source": source,
            "target": target,
        }));
    }

    /// The node made for the compose `source` of `category` (`volume`, `configmap`,
    /// `secret`), as (id, name), when one was made.
    pub(super) fn shared(&self, category: &str, source: &str) -> Option<(String, String)> {
        self.shared
            .get(&(category.to_owned(), source.to_owned()))
            .cloned()
    }

    /// Records the node made for the compose `source` of `category`.
    pub(super) fn share(&mut self, category: &str, source: &str, id: &str, name: &str) {
        self.shared.insert(
            (category.to_owned(), source.to_owned()),
            (id.to_owned(), name.to_owned()),
        );
    }

    /// Records the value of `key` of the Secret node `secret`.
    pub(super) fn secret_value(&mut self, secret: &str, key: &str, value: &str) {
        if let Value::Object(values) = self
            .secrets
            .entry(secret.to_owned())
            .or_insert_with(|| Value::Object(Map::new()))
        {
            values.insert(key.to_owned(), Value::from(value));
        }
    }

    /// Reports a problem at `path` of the compose file, about the node `node` if given.
    pub(super) fn report(
        &mut self,
        code: Code,
        path: FieldPath,
        node: Option<&str>,
        message: String,
    ) {
        let mut diagnostic = Diagnostic::new(code, message).at(path);
        if let Some(node) = node {
            diagnostic = diagnostic.node(node);
        }
        self.diagnostics.push(diagnostic);
    }

    /// The nodes, the edges, the secret values and the diagnostics.
    pub(super) fn into_parts(
        self,
    ) -> (Vec<Value>, Vec<Value>, Map<String, Value>, Vec<Diagnostic>) {
        (self.nodes, self.edges, self.secrets, self.diagnostics)
    }
}

/// `wanted` as a DNS-1035 label.
pub(super) fn sanitize(wanted: &str) -> String {
    let mut name = String::with_capacity(wanted.len());
    for character in wanted.chars() {
        match character.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => name.push(c),
            _ if !name.is_empty() && !name.ends_with('-') => name.push('-'),
            _ => {}
        }
    }
    let mut name = name.trim_end_matches('-').to_owned();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "x-");
    }
    name.truncate(63);
    name.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_dns_labels_and_unique_per_kind() {
        let mut draft = Draft::default();
        assert_eq!(draft.name("service", "My_App.v2"), "my-app-v2");
        assert_eq!(draft.name("service", "my-app-v2"), "my-app-v2-2");
        assert_eq!(draft.name("deployment", "my-app-v2"), "my-app-v2");
        assert_eq!(draft.name("service", "9lives"), "x-9lives");
        assert_eq!(draft.name("service", "__"), "x");
        let long = "a".repeat(80);
        assert_eq!(draft.name("service", &long).len(), 63);
        assert_eq!(
            draft.name("service", &long),
            format!("{}-2", "a".repeat(61))
        );
    }
}
