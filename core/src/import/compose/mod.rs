//! docker-compose files turned into a workflow (`kubegraph import compose`).
//!
//! The file arrives as a `serde_json::Value` (YAML is read outside, into the same tree),
//! and comes out as a workflow in the wire format, the run-time values its secrets need
//! (never stored in the workflow), and diagnostics that name what could not be carried
//! over. Per service:
//!
//! - a Deployment, or for a database image a StatefulSet governed by a headless Service
//!   of its name, with claim templates for its named volumes (`service.rs`);
//! - `entrypoint` → `command`, `command` → `args`, split as Compose splits them;
//! - `ports` and `expose` → container ports and a Service (its ports are the container's:
//!   other services call `db:5432`, not the published host port);
//! - `environment` → container env; secret-looking variables → a Secret of the service
//!   read through `secretKeyRef`, the values in the values output (`environment.rs`);
//! - `volumes`, `configs`, `secrets` → claims, ConfigMaps, Secrets and `emptyDir`s mounted
//!   at the same target paths (`volumes.rs`);
//! - `healthcheck` → a readiness probe, never a liveness probe: Docker does not restart an
//!   unhealthy container (`health.rs`);
//! - `deploy.replicas`, `deploy.resources` (and the old `mem_limit`, `cpus`, `scale`) →
//!   replicas, limits and requests in Kubernetes units (`units.rs`).
//!
//! What Kubernetes cannot express, and what kubegraph does not convert, is reported per
//! service and key (`report.rs`).

mod draft;
mod environment;
mod health;
mod report;
mod service;
mod units;
mod volumes;

use std::fmt;

use serde_json::{Map, Value, json};

use super::yaml::{self, Schema};
use crate::diagnostic::{self, Diagnostic};
use crate::model::FieldPath;

use draft::Draft;

pub use report::CODES;

/// A workflow imported from a compose file (`fromCompose` in JavaScript, `from_compose`
/// in Python).
#[derive(Clone, Default, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "ComposeOutput")]
pub struct ComposeImport {
    /// The imported workflow; `null` when the text is not YAML.
    pub workflow: Value,
    /// The run-time values its Secrets need (`{"secrets": {nodeId: {KEY: value}}}`,
    /// `{"secrets": {}}` when the file holds none): the secret values of the compose file,
    /// in the shape every import gives. Keep them apart from the workflow.
    pub values: Value,
    /// What could not be carried over, and why, sorted; paths point into the compose file.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Debug for ComposeImport {
    // The values are secrets: show that they are there, never what they are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComposeImport")
            .field("workflow", &self.workflow)
            .field("values", &"<redacted>")
            .field("diagnostics", &self.diagnostics)
            .finish()
    }
}

impl ComposeImport {
    /// Whether any diagnostic is an error (the compose file itself is wrong).
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }
}

/// Imports a compose file's text, read as Compose reads YAML (the 1.2 core schema, with
/// anchors and merge keys). Text that is not one YAML document gives no workflow (`null`).
pub fn import_text(text: &str) -> ComposeImport {
    let mut draft = Draft::default();
    match yaml::parse_documents(text, Schema::Core) {
        Ok(documents) => match documents.as_slice() {
            [document] => {
                for duplicate in &document.duplicate_keys {
                    draft.invalid(
                        FieldPath::root(),
                        None,
                        format!(
                            "line {}: the key `{}` is given twice in one mapping (Compose refuses \
                                this)",
                            duplicate.line, duplicate.key
                        ),
                    );
                }
                let mut imported = import(&document.value);
                let (_, _, _, mut found) = draft.into_parts();
                found.append(&mut imported.diagnostics);
                diagnostic::sort(&mut found);
                imported.diagnostics = found;
                return imported;
            }
            _ => draft.invalid(
                FieldPath::root(),
                None,
                format!(
                    "a compose file is one YAML document, not {}",
                    documents.len()
                ),
            ),
        },
        Err(error) => draft.invalid(FieldPath::root(), None, format!("not YAML: {error}")),
    }
    let (_, _, _, diagnostics) = draft.into_parts();
    ComposeImport {
        workflow: Value::Null,
        values: super::secret_values(Map::new()),
        diagnostics,
    }
}

/// Imports a compose file read into a JSON value.
pub fn import(compose: &Value) -> ComposeImport {
    let mut draft = Draft::default();
    let Some(file) = compose.as_object() else {
        draft.invalid(
            FieldPath::root(),
            None,
            "a compose file is a mapping with `services`".to_owned(),
        );
        return finish(draft, "compose");
    };
    report::top_level(&mut draft, file);
    let services = file.get("services").and_then(Value::as_object);
    if services.is_none_or(Map::is_empty) {
        draft.invalid(
            FieldPath::root().key("services"),
            None,
            "the compose file has no services".to_owned(),
        );
    }
    for (name, spec) in services.into_iter().flatten() {
        let path = FieldPath::root().key("services").key(name.as_str());
        match spec.as_object() {
            Some(spec) => service::convert(&mut draft, file, name, spec, path),
            None => draft.invalid(path, None, format!("service `{name}` is not a mapping")),
        }
    }
    let project = file
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("compose");
    finish(draft, project)
}

fn finish(draft: Draft, project: &str) -> ComposeImport {
    let (nodes, edges, secrets, mut diagnostics) = draft.into_parts();
    diagnostic::sort(&mut diagnostics);
    ComposeImport {
        workflow: json!({
            "name": project,
            "description": "Imported from a docker-compose file by kubegraph",
            "status": "draft",
            "nodes": nodes,
            "edges": edges,
        }),
        values: super::secret_values(secrets),
        diagnostics,
    }
}
