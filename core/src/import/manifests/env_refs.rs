//! The Secrets and ConfigMaps a container reads into its environment (`valueFrom`'s
//! `secretKeyRef` / `configMapKeyRef`, `envFrom`'s `secretRef` / `configMapRef`). In the
//! model, naming a node is the link (it needs no edge: an edge would mount the object as a
//! volume): a reference to an imported object is rewritten to its node id, which the
//! compiler writes back as the object's name and which, unlike a name, cannot also be
//! another node's id.

use serde_json::{Map, Value, json};

/// The reference keys of `env[].valueFrom` and of `envFrom[]`, with the node type each names.
const KEY_REFS: [(&str, &str); 2] = [("secretKeyRef", "secret"), ("configMapKeyRef", "configmap")];
const OBJECT_REFS: [(&str, &str); 2] = [("secretRef", "secret"), ("configMapRef", "configmap")];

/// Rewrites the references of every container of a workload's data (its own, the init
/// containers and the sidecars); `find` gives the id of the node of a type and name in
/// the workload's namespace.
pub(super) fn link(
    data: &mut Map<String, Value>,
    find: &dyn Fn(&'static str, &str) -> Option<String>,
) {
    container(data, find);
    for list in ["initContainers", "sidecars"] {
        let containers = data.get_mut(list).and_then(Value::as_array_mut);
        for further in containers.into_iter().flatten() {
            if let Some(further) = further.as_object_mut() {
                container(further, find);
            }
        }
    }
}

fn container(fields: &mut Map<String, Value>, find: &dyn Fn(&'static str, &str) -> Option<String>) {
    let env = fields.get_mut("env").and_then(Value::as_array_mut);
    for var in env.into_iter().flatten() {
        if let Some(source) = var.get_mut("valueFrom").and_then(Value::as_object_mut) {
            rename(source, &KEY_REFS, find);
        }
    }
    let env_from = fields.get_mut("envFrom").and_then(Value::as_array_mut);
    for source in env_from.into_iter().flatten() {
        if let Some(source) = source.as_object_mut() {
            rename(source, &OBJECT_REFS, find);
        }
    }
}

/// Gives each reference of `source` naming an imported object that object's node id.
fn rename(
    source: &mut Map<String, Value>,
    refs: &[(&str, &'static str)],
    find: &dyn Fn(&'static str, &str) -> Option<String>,
) {
    for (key, node_type) in refs {
        let Some(reference) = source.get_mut(*key).and_then(Value::as_object_mut) else {
            continue;
        };
        let id = reference
            .get("name")
            .and_then(Value::as_str)
            .and_then(|name| find(node_type, name));
        if let Some(id) = id {
            reference.insert("name".into(), json!(id));
        }
    }
}
