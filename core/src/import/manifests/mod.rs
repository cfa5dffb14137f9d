//! Kubernetes manifests → an editable workflow: the inverse of [`crate::compile()`].
//!
//! Reads a YAML stream (`helm template` output included), a JSON object or a JSON `v1`
//! `List`. Every object of a kind the model has becomes a node whose data holds what the
//! compiler would need to write the object again, and so does every custom resource the
//! given plugin definitions describe (`custom.rs`); the links Kubernetes resolves (Service
//! selectors, Ingress backends, mounted volumes, HPA targets, NetworkPolicy selectors and
//! peers) become edges, with the copies the designer keeps in node data; env references
//! to ConfigMaps and Secrets name their nodes (`env_refs.rs`). Whatever cannot be
//! carried is reported object by object: an import drops nothing in silence. Secret values
//! never enter the workflow; they are returned apart, as run-time values.

mod custom;
mod edges;
mod env_refs;
mod fields;
mod kinds;
mod labels;
mod layout;
mod peers;
mod workload;

use serde_json::{Map, Value, json};

use self::fields::Fields;
use self::labels::Conventions;
use super::tree;
use super::yaml::{self, Schema};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{FieldPath, PluginDefinition};

/// What an import gives (`fromManifests` in JavaScript, `from_manifests` in Python).
#[derive(Clone, Default, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "ImportOutput")]
pub struct ManifestImport {
    /// The imported workflow (`{"name", "nodes", "edges"}`), ready to open on a canvas.
    pub workflow: Value,
    /// The imported Secrets' values as run-time values (`{"secrets": {nodeId: {KEY:
    /// value}}}`, `{"secrets": {}}` when no Secret had data), never part of the workflow:
    /// the shape every import gives.
    pub values: Value,
    /// What could not be imported or carried, object by object; an error when the text
    /// does not parse.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for ManifestImport {
    // The values are the Secrets' data: show whether they are there, never what they are.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManifestImport")
            .field("workflow", &self.workflow)
            .field("values", &"<redacted>")
            .field("diagnostics", &self.diagnostics)
            .finish()
    }
}

/// One object of the input and where it came from (no `Debug`: a Secret's data is in it).
struct Source {
    object: tree::Map,
    /// Position in the input (document or `List` item), for diagnostics.
    index: usize,
}

/// A node made from an object (no `Debug`: a Secret's data is in `object`).
pub(super) struct Imported {
    pub(super) id: String,
    pub(super) node_type: &'static str,
    pub(super) data: Map<String, Value>,
    /// The object's position in the input.
    pub(super) index: usize,
    /// The object as read, for the links resolved later.
    pub(super) object: tree::Map,
}

/// Imports manifests given as text: a YAML stream (read as Kubernetes reads it) or JSON.
/// Custom resources are reported: [`import_manifests_with`] imports them as plugin nodes.
pub fn import_manifests(text: &str) -> ManifestImport {
    import_manifests_with(text, &[])
}

/// Imports manifests given as text, the custom resources that `plugins` describe (their
/// `apiVersion` and kind) as plugin nodes.
pub fn import_manifests_with(text: &str, plugins: &[PluginDefinition]) -> ManifestImport {
    let mut diagnostics = Vec::new();
    let documents = match yaml::read_documents(text, Schema::Kubernetes) {
        Ok(documents) => documents,
        Err(error) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidYaml,
                    format!("the manifests do not parse: {error}"),
                )
                .hint("repair the YAML at the line and column given"),
            );
            return finish(Vec::new(), Map::new(), diagnostics);
        }
    };
    let mut sources = Vec::new();
    for document in documents {
        for key in &document.duplicate_keys {
            diagnostics.push(Diagnostic::new(
                Code::ImportDroppedField,
                format!(
                    "key `{}` is given twice in the document at line {} (line {}): the first value is dropped, as Kubernetes drops it",
                    key.key, document.line, key.line
                ),
            ));
        }
        flatten(document.value, &mut sources, &mut diagnostics);
    }
    import_objects(sources, plugins, diagnostics)
}

/// Adds the objects of one document: the document itself, or the items of a `List`.
fn flatten(value: tree::Value, sources: &mut Vec<Source>, diagnostics: &mut Vec<Diagnostic>) {
    match value {
        tree::Value::Null => {}
        tree::Value::Object(mut object)
            if object
                .get("kind")
                .and_then(tree::Value::as_str)
                .is_some_and(|kind| kind.ends_with("List"))
                && object.get("items").is_some_and(tree::Value::is_array) =>
        {
            let Some(tree::Value::Array(items)) = object.remove("items") else {
                return;
            };
            for item in items {
                flatten(item, sources, diagnostics);
            }
        }
        tree::Value::Object(object) => {
            let index = sources.len();
            sources.push(Source { object, index });
        }
        other => diagnostics.push(Diagnostic::new(
            Code::ImportUnsupportedKind,
            format!(
                "a document holds {} rather than a Kubernetes object; it is not imported",
                // A scalar or a list: converted for its type name only, on this rare path.
                crate::parse::json_type(&other.to_json())
            ),
        )),
    }
}

fn import_objects(
    sources: Vec<Source>,
    plugins: &[PluginDefinition],
    mut diagnostics: Vec<Diagnostic>,
) -> ManifestImport {
    let conventions = Conventions::of(sources.iter().map(|source| &source.object));
    let mut nodes: Vec<Imported> = Vec::new();
    let mut secrets = Map::new();
    let mut ids = NodeIds::default();
    for source in sources {
        let kind = source
            .object
            .get("kind")
            .and_then(tree::Value::as_str)
            .unwrap_or("");
        if kind == "Service" && conventions.is_generated_headless(&source.object) {
            continue;
        }
        let api_version = source
            .object
            .get("apiVersion")
            .and_then(tree::Value::as_str)
            .unwrap_or("");
        let built_in = node_type(kind);
        let plugin = match built_in {
            Some(_) => None,
            None => custom::node_type(plugins, api_version, kind),
        };
        let Some(node_type) = built_in.or(plugin.map(|_| "plugin")) else {
            if !(kind == "Namespace" && conventions.is_generated_namespace(&source.object)) {
                diagnostics.push(unsupported(&source, kind));
            }
            continue;
        };
        let mut object = Fields::root(&source.object);
        let mut metadata = object.of("metadata");
        let name = metadata.text("name").unwrap_or("").to_owned();
        let namespace = metadata.text("namespace").unwrap_or("default").to_owned();
        let id = ids.next(node_type, &name, &namespace);
        let mut data = Map::new();
        data.insert("id".into(), json!(id));
        data.insert("name".into(), json!(name));
        data.insert("namespace".into(), json!(namespace));
        data.insert("templateId".into(), json!(format!("core/{node_type}")));
        object.skip("apiVersion");
        object.skip("kind");
        object.skip("status");
        let mut unread = Vec::new();
        if let Some(plugin) = plugin {
            kinds::skip_server_metadata(&mut metadata);
            unread = custom::read(
                &conventions,
                plugin,
                &name,
                &mut object,
                &mut metadata,
                &mut data,
            );
        } else {
            let mut cx = kinds::Reading {
                conventions: &conventions,
                name: &name,
                data: &mut data,
                unread: &mut unread,
                secret_values: None,
            };
            kinds::read(node_type, &mut cx, &mut object, &mut metadata);
            if let Some(values) = cx.secret_values.take() {
                secrets.insert(id.clone(), Value::Object(values));
            }
        }
        unread.extend(metadata.unread());
        unread.extend(object.unread());
        if !unread.is_empty() {
            diagnostics.push(dropped(
                source.index,
                kind,
                &object_name(&source.object),
                &id,
                &unread,
            ));
        }
        nodes.push(Imported {
            id,
            node_type,
            data,
            index: source.index,
            object: source.object,
        });
    }
    let (edges, unread) = edges::link(&mut nodes);
    for (node, pointer) in unread {
        let node = &nodes[node];
        let kind = node
            .object
            .get("kind")
            .and_then(tree::Value::as_str)
            .unwrap_or("");
        diagnostics.push(dropped(
            node.index,
            kind,
            &object_name(&node.object),
            &node.id,
            &[pointer],
        ));
    }
    let positions = layout::positions(&nodes);
    let nodes: Vec<Value> = nodes
        .into_iter()
        .zip(positions)
        .map(|(node, (x, y))| {
            // Moved in, not through `json!`, which would copy the data value by value.
            let mut out = Map::new();
            out.insert("id".into(), Value::String(node.id));
            out.insert("type".into(), node.node_type.into());
            out.insert("position".into(), json!({"x": x, "y": y}));
            out.insert("data".into(), Value::Object(node.data));
            Value::Object(out)
        })
        .collect();
    let mut workflow = Map::new();
    workflow.insert("name".into(), json!(conventions.workflow_name()));
    workflow.insert("nodes".into(), Value::Array(nodes));
    workflow.insert("edges".into(), Value::Array(edges));
    finish(vec![Value::Object(workflow)], secrets, diagnostics)
}

fn finish(
    workflow: Vec<Value>,
    secrets: Map<String, Value>,
    mut diagnostics: Vec<Diagnostic>,
) -> ManifestImport {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    ManifestImport {
        workflow: workflow
            .into_iter()
            .next()
            .unwrap_or_else(|| json!({"name": "", "nodes": [], "edges": []})),
        values: super::secret_values(secrets),
        diagnostics,
    }
}

/// The node type of a Kubernetes kind.
fn node_type(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "Deployment" => "deployment",
        "Service" => "service",
        "Ingress" => "ingress",
        "ConfigMap" => "configmap",
        "Secret" => "secret",
        "PersistentVolumeClaim" => "persistentvolumeclaim",
        "StatefulSet" => "statefulset",
        "Job" => "job",
        "CronJob" => "cronjob",
        "DaemonSet" => "daemonset",
        "HorizontalPodAutoscaler" => "hpa",
        "NetworkPolicy" => "networkpolicy",
        "ServiceAccount" => "serviceaccount",
        _ => return None,
    })
}

/// Node ids `<type>-<name>`, with the namespace when the name is taken, then a number.
#[derive(Debug, Default)]
struct NodeIds {
    taken: std::collections::BTreeSet<String>,
}

impl NodeIds {
    fn next(&mut self, node_type: &str, name: &str, namespace: &str) -> String {
        let mut id = format!("{node_type}-{name}");
        if self.taken.contains(&id) {
            id = format!("{id}-{namespace}");
            let with_namespace = id.clone();
            let mut n = 2;
            while self.taken.contains(&id) {
                id = format!("{with_namespace}-{n}");
                n += 1;
            }
        }
        self.taken.insert(id.clone());
        id
    }
}

fn object_name(object: &tree::Map) -> String {
    let metadata = object.get("metadata");
    let name = metadata
        .and_then(|metadata| metadata.get("name"))
        .and_then(tree::Value::as_str)
        .unwrap_or("");
    match metadata
        .and_then(|metadata| metadata.get("namespace"))
        .and_then(tree::Value::as_str)
    {
        Some(namespace) => format!("{namespace}/{name}"),
        None => name.to_owned(),
    }
}

fn unsupported(source: &Source, kind: &str) -> Diagnostic {
    let kind = if kind.is_empty() { "(no kind)" } else { kind };
    Diagnostic::new(
        Code::ImportUnsupportedKind,
        format!(
            "{kind} {} (object {}) has no node kind in the workflow model; it is not imported",
            object_name(&source.object),
            source.index + 1
        ),
    )
    .at(FieldPath::root().index(source.index))
    .hint("apply it beside the compiled manifests, or draw it as a plugin node")
}

fn dropped(index: usize, kind: &str, name: &str, id: &str, unread: &[String]) -> Diagnostic {
    Diagnostic::new(
        Code::ImportDroppedField,
        format!(
            "{kind} {name} (object {}): the workflow cannot carry {}; compiling the workflow will not write {}",
            index + 1,
            unread.join(", "),
            if unread.len() == 1 { "it" } else { "them" }
        ),
    )
    .node(id)
    .at(FieldPath::root().index(index))
}
