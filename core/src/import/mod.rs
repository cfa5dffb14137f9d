//! Reading what other tools write (Kubernetes manifests, docker-compose files) into workflows.

mod block_yaml;
pub mod compose;
pub mod manifests;
mod tree;
pub mod yaml;

use serde_json::{Map, Value, json};

/// The run-time values an import found, in the shape `compile` takes as `values` and the
/// same for every import: `{"secrets": {nodeId: {KEY: value}}}`, with no Secret when there
/// are none. Never part of the workflow.
fn secret_values(secrets: Map<String, Value>) -> Value {
    json!({ "secrets": secrets })
}
