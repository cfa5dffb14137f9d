//! Compiling a document again after edits, rebuilding only what an edit can change.
//!
//! Validation is not run again: the document keeps its diagnostics up to date. The
//! objects of a node are built again only when an edit since the last compile can have
//! changed them ([`crate::compile::rebuild`] lists what a node's build reads):
//! - the node is within two edges of a node or edge an edit touched, or names a touched
//!   node in a link copy, or may hold an env key reference (the scope of the per-node
//!   checks, [`super::scope`], collected edit by edit in [`Pending`]);
//! - it looked up by name a (namespace, name) that a touched node had before or after
//!   its edit, or one whose autoscaler changed;
//! - it is a StatefulSet that starts or stops generating a headless Service (the first
//!   of each name does);
//! - or the run-time values changed (then every node is built again).
//!
//! A built object equal to the last compile's keeps its JSON value and YAML document (and
//! its item of a JSON list, once one was asked for), so only what changed is converted and
//! rendered. The Namespaces are derived again from all objects each time.
//! `core/tests/document_compile_props.rs` checks the stream against
//! [`crate::compile::compile_to_yaml`] after every step of random edit sequences, and the
//! list against [`crate::compile::compile_to_json_list`] after about half of them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::Document;
use crate::compile::rebuild::{self, HeadlessOwners, NodeBuild, Rebuild, ScaleTargets};
use crate::compile::{CompileOptions, Manifest};
use crate::diagnostic::{self, Diagnostic};
use crate::graph::WorkflowGraph;
use crate::model::RuntimeValues;
use crate::render::json;
use crate::render::yaml::{DOCUMENT_SEPARATOR, value_to_yaml};
use crate::validate::{FastMap, FastSet};

/// One compiled object with its JSON value and its YAML document (no `---` marker).
#[derive(Clone)]
pub struct CompiledObject {
    /// The object and the node it comes from.
    pub manifest: Manifest,
    /// The object as JSON.
    pub value: Value,
    /// The object as one YAML document, as [`crate::compile::compile_to_yaml`] writes it.
    pub yaml: String,
    /// The object as an item of a JSON list, rendered the first time a list is asked for:
    /// most documents are shown in one format only.
    json_item: OnceLock<String>,
}

impl CompiledObject {
    /// The object as an item of the list [`CompiledDocument::to_json_list`] writes.
    fn json_item(&self) -> &str {
        self.json_item.get_or_init(|| {
            json::item_text(&self.value).expect("a serde_json::Value always serializes")
        })
    }
}

/// Equal objects are equal whether or not their JSON item was rendered yet.
impl PartialEq for CompiledObject {
    fn eq(&self, other: &Self) -> bool {
        self.manifest == other.manifest && self.value == other.value && self.yaml == other.yaml
    }
}

/// The object's identity only: a Secret's value and its YAML hold its data.
impl fmt::Debug for CompiledObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CompiledObject")
            .field("manifest", &self.manifest)
            .finish_non_exhaustive()
    }
}

/// The result of [`Document::compile`]: the objects in install order and every
/// diagnostic. When any diagnostic is an error there are no objects.
#[derive(Clone, Debug, Default)]
pub struct CompiledDocument {
    /// The objects, in install order; shared with the document, which reuses them.
    pub objects: Vec<Arc<CompiledObject>>,
    /// Validation and compile diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// How many objects were converted and rendered this time (the others were reused).
    pub rendered: usize,
    /// How many objects were built from their nodes this time (the others were kept
    /// from the last compile); the Namespaces, derived from the others, are not counted.
    pub built: usize,
}

impl CompiledDocument {
    /// Whether any diagnostic is an error (then there are no objects).
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }

    /// The objects as one multi-document YAML stream, in install order: the bytes
    /// [`crate::compile::compile_to_yaml`] writes for the workflow as edited.
    pub fn to_yaml(&self) -> String {
        let length = self
            .objects
            .iter()
            .map(|object| object.yaml.len())
            .sum::<usize>()
            + self.objects.len() * DOCUMENT_SEPARATOR.len();
        let mut stream = String::with_capacity(length);
        for (place, object) in self.objects.iter().enumerate() {
            if place > 0 {
                stream.push_str(DOCUMENT_SEPARATOR);
            }
            stream.push_str(&object.yaml);
        }
        stream
    }

    /// The objects as a `v1` `List` in JSON, in install order: the bytes
    /// [`crate::compile::compile_to_json_list`] writes for the workflow as edited (nothing
    /// when a diagnostic is an error). Each object's item is rendered once and reused by
    /// the compiles after that keep the object.
    pub fn to_json_list(&self) -> String {
        if self.has_errors() {
            return String::new();
        }
        json::join_items(self.objects.iter().map(|object| object.json_item()))
    }
}

/// What the last compile built of each node, and what the edits since then changed.
#[derive(Debug, Default)]
pub(super) struct LastCompile {
    /// Whether `nodes` holds what the last compile built, for the workflow as it was then.
    kept: bool,
    values: Option<RuntimeValues>,
    /// By node id.
    nodes: FastMap<String, NodeObjects>,
    /// The ids of the nodes that looked up each (namespace, name).
    lookups: BTreeMap<(String, String), BTreeSet<String>>,
    scaled: ScaleTargets,
    headless: HeadlessOwners,
    /// The namespaces of the last compile's Namespace objects, and the objects.
    namespace_names: BTreeSet<String>,
    namespaces: Vec<Arc<CompiledObject>>,
    pending: Pending,
    /// Counts compiles.
    generation: u64,
}

/// What one node was built into.
#[derive(Debug)]
struct NodeObjects {
    /// The node's index in the workflow's `nodes` at the last compile.
    index: usize,
    /// The compile that last saw the node (those of nodes gone since are dropped).
    generation: u64,
    objects: Vec<Arc<CompiledObject>>,
    diagnostics: Vec<Diagnostic>,
    lookups: Vec<(String, String)>,
}

/// What the edits since the last compile changed.
#[derive(Debug, Default)]
struct Pending {
    /// Every node must be built again.
    all: bool,
    /// The ids of the nodes whose objects an edit can have changed.
    ids: BTreeSet<String>,
    /// The (namespace, name) of the nodes the edits touched, before and after.
    names: BTreeSet<(String, String)>,
}

/// The objects of the nodes built this time, with the counts of [`CompiledDocument`].
struct Built {
    objects: Vec<Arc<CompiledObject>>,
    diagnostics: Vec<Diagnostic>,
    built: usize,
    rendered: usize,
}

impl LastCompile {
    /// Whether edits must tell what they change: only once a compile kept its objects,
    /// so a document never compiled spends nothing on it.
    pub(super) fn tracks_edits(&self) -> bool {
        self.kept && !self.pending.all
    }

    /// Every node must be built again (the workflow gained or lost its last edge, which
    /// decides whether mount copies are read).
    pub(super) fn all_changed(&mut self) {
        self.pending.all = true;
    }

    /// Notes an edit: the ids of the nodes whose objects it can have changed, and the
    /// (namespace, name) of the nodes it touched, before and after it.
    pub(super) fn edited(
        &mut self,
        ids: impl IntoIterator<Item = String>,
        names: impl IntoIterator<Item = (String, String)>,
    ) {
        self.pending.ids.extend(ids);
        self.pending.names.extend(names);
    }

    /// Builds what the edits since the last compile can have changed, keeping the
    /// objects of the other nodes.
    fn build(&mut self, graph: &WorkflowGraph<'_>, options: &CompileOptions<'_>) -> Built {
        let mut rebuild = Rebuild::new(graph, options);
        let scaled = rebuild.scale_targets();
        let headless = rebuild.headless_owners();
        let pending = std::mem::take(&mut self.pending);
        let all = !self.kept || pending.all || self.values.as_ref() != options.values;
        let dirty = if all {
            FastSet::default()
        } else {
            self.dirty(pending, &scaled, &headless)
        };
        let positions: Vec<usize> = graph
            .nodes()
            .iter()
            .enumerate()
            .filter(|(_, node)| {
                // Diagnostics say where their node is: one moved by a removal is built
                // again when it has any.
                all || dirty.contains(node.id())
                    || self
                        .nodes
                        .get(node.id())
                        .is_none_or(|kept| kept.index != node.index && !kept.diagnostics.is_empty())
            })
            .map(|(position, _)| position)
            .collect();
        let builds = rebuild.build(&positions, &headless);
        let mut built = self.take_builds(graph, builds, all);
        if options.emit_namespaces {
            let objects = built.objects.iter().map(|object| &object.manifest.object);
            if let Some((names, namespaces)) = rebuild.namespaces(objects, &self.namespace_names) {
                let before = std::mem::take(&mut self.namespaces);
                for (place, namespace) in namespaces.into_iter().enumerate() {
                    let manifest = Manifest {
                        node_id: None,
                        object: namespace,
                    };
                    let object = reused(&before, place, manifest, &mut built.rendered);
                    self.namespaces.push(object);
                }
                self.namespace_names = names;
            }
            built.objects.extend(self.namespaces.iter().cloned());
        }
        rebuild::install_order(&mut built.objects, |object| &object.manifest.object);
        if self.values.as_ref() != options.values {
            self.values = options.values.cloned();
        }
        self.scaled = scaled;
        self.headless = headless;
        // Objects are kept by node id: with a duplicated id, the next compile starts over.
        self.kept = graph.duplicate_ids().is_empty();
        built
    }

    /// The ids of the nodes to build again besides those `pending` names.
    fn dirty(
        &self,
        pending: Pending,
        scaled: &ScaleTargets,
        headless: &HeadlessOwners,
    ) -> FastSet<String> {
        let Pending { ids, mut names, .. } = pending;
        let mut dirty: FastSet<String> = ids.into_iter().collect();
        for (_, namespace, name) in changed_keys(&self.scaled, scaled) {
            names.insert((namespace, name));
        }
        for name in &names {
            dirty.extend(self.lookups.get(name).into_iter().flatten().cloned());
        }
        for key in changed_keys(&self.headless, headless) {
            dirty.extend(self.headless.get(&key).cloned());
            dirty.extend(headless.get(&key).cloned());
        }
        dirty
    }

    /// Files what was built in place of what the same nodes were built into before, and
    /// gathers every node's objects and diagnostics in build order.
    fn take_builds(
        &mut self,
        graph: &WorkflowGraph<'_>,
        builds: Vec<NodeBuild>,
        all: bool,
    ) -> Built {
        if all {
            self.nodes.clear();
            self.lookups.clear();
        }
        self.generation += 1;
        let mut built = Built {
            objects: Vec::with_capacity(graph.nodes().len() + 16),
            diagnostics: Vec::new(),
            built: 0,
            rendered: 0,
        };
        let mut builds = builds.into_iter().peekable();
        let mut seen = 0;
        for (position, node) in graph.nodes().iter().enumerate() {
            let id = node.id();
            if let Some(build) = builds.next_if(|build| build.position == position) {
                let old = self.nodes.remove(id);
                if let Some(old) = &old {
                    unfile_lookups(&mut self.lookups, id, &old.lookups);
                }
                let old_objects = old.map(|old| old.objects).unwrap_or_default();
                let objects: Vec<Arc<CompiledObject>> = build
                    .manifests
                    .into_iter()
                    .enumerate()
                    .map(|(place, manifest)| {
                        reused(&old_objects, place, manifest, &mut built.rendered)
                    })
                    .collect();
                built.built += objects.len();
                for lookup in &build.lookups {
                    self.lookups
                        .entry(lookup.clone())
                        .or_default()
                        .insert(id.to_owned());
                }
                let objects = NodeObjects {
                    index: node.index,
                    generation: 0,
                    objects,
                    diagnostics: build.diagnostics,
                    lookups: build.lookups,
                };
                self.nodes.insert(id.to_owned(), objects);
            }
            let Some(kept) = self.nodes.get_mut(id) else {
                continue;
            };
            if kept.generation != self.generation {
                seen += 1;
            }
            kept.index = node.index;
            kept.generation = self.generation;
            built.objects.extend(kept.objects.iter().cloned());
            built.diagnostics.extend(kept.diagnostics.iter().cloned());
        }
        if self.nodes.len() > seen {
            let generation = self.generation;
            let lookups = &mut self.lookups;
            self.nodes.retain(|id, kept| {
                let here = kept.generation == generation;
                if !here {
                    unfile_lookups(lookups, id, &kept.lookups);
                }
                here
            });
        }
        built
    }
}

/// Forgets that the node `id` looked up `lookups`.
fn unfile_lookups(
    filed: &mut BTreeMap<(String, String), BTreeSet<String>>,
    id: &str,
    lookups: &[(String, String)],
) {
    for lookup in lookups {
        if let Some(ids) = filed.get_mut(lookup) {
            ids.remove(id);
            if ids.is_empty() {
                filed.remove(lookup);
            }
        }
    }
}

/// The keys whose entries differ between `before` and `now` (present in one only, or
/// with another value).
fn changed_keys<K: Ord + Clone, V: PartialEq>(
    before: &BTreeMap<K, V>,
    now: &BTreeMap<K, V>,
) -> Vec<K> {
    let gone = before
        .iter()
        .filter(|(key, value)| now.get(key) != Some(value))
        .map(|(key, _)| key.clone());
    let new = now
        .iter()
        .filter(|(key, _)| !before.contains_key(key))
        .map(|(key, _)| key.clone());
    gone.chain(new).collect()
}

/// The object of `manifest`, the one at `place` among the objects it is built with: one of
/// `before` when equal (keeping its JSON and YAML; looked for at the same place first),
/// else converted and rendered, counted in `rendered`.
fn reused(
    before: &[Arc<CompiledObject>],
    place: usize,
    manifest: Manifest,
    rendered: &mut usize,
) -> Arc<CompiledObject> {
    let same = before
        .get(place)
        .filter(|object| object.manifest == manifest)
        .or_else(|| before.iter().find(|object| object.manifest == manifest));
    if let Some(same) = same {
        return Arc::clone(same);
    }
    *rendered += 1;
    let value = manifest.object.to_value();
    let yaml = value_to_yaml(&value);
    Arc::new(CompiledObject {
        manifest,
        value,
        yaml,
        json_item: OnceLock::new(),
    })
}

impl Document {
    /// Compiles the workflow as edited: what [`crate::compile::compile`] gives for it, with
    /// the document's plugins, building again only the objects the edits since the last
    /// compile can have changed, and rendering again only those that did change.
    pub fn compile(
        &mut self,
        values: Option<&RuntimeValues>,
        emit_namespaces: bool,
    ) -> CompiledDocument {
        let mut diagnostics = self.diagnostics();
        if diagnostic::has_errors(&diagnostics) {
            return CompiledDocument {
                diagnostics,
                ..CompiledDocument::default()
            };
        }
        let options = CompileOptions {
            values,
            plugins: &self.plugins,
            emit_namespaces,
        };
        let graph = self
            .index
            .graph(&self.workflow)
            .unwrap_or_else(|| WorkflowGraph::new(&self.workflow));
        let built = self.last_compile.build(&graph, &options);
        diagnostics.extend(built.diagnostics);
        diagnostic::sort(&mut diagnostics);
        if diagnostic::has_errors(&diagnostics) {
            return CompiledDocument {
                diagnostics,
                ..CompiledDocument::default()
            };
        }
        CompiledDocument {
            objects: built.objects,
            diagnostics,
            rendered: built.rendered,
            built: built.built,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::document::{Document, Edit};
    use crate::parse::workflow_from_value;
    use crate::patch::PatchOperation;

    /// After a one-node edit, a JSON list renders the item of the edited node's object
    /// only: the others come with their item from the last list.
    #[test]
    fn a_json_list_after_an_edit_renders_only_the_changed_objects_item() {
        let workflow = json!({
            "nodes": [
                {"id": "svc", "type": "service",
                 "data": {"name": "web", "targetApp": "web", "port": 80}},
                {"id": "web", "type": "deployment", "data": {"name": "web", "image": "nginx:1.27"}},
                {"id": "cfg", "type": "configmap", "data": {"name": "cfg", "data": {"A": "1"}}},
            ],
            "edges": []
        });
        let mut document = Document::open(workflow_from_value(workflow).unwrap(), Vec::new());
        let first = document.compile(None, true);
        assert!(!first.has_errors(), "{:?}", first.diagnostics);
        assert!(first.to_json_list().contains("\"image\": \"nginx:1.27\""));
        document
            .apply(&Edit::PatchNodeData {
                id: "web".to_owned(),
                patch: vec![PatchOperation::Replace {
                    path: "/image".to_owned(),
                    value: json!("nginx:1.28"),
                }],
            })
            .unwrap();
        let second = document.compile(None, true);
        let rendered: Vec<&str> = second
            .objects
            .iter()
            .filter(|object| object.json_item.get().is_none())
            .map(|object| object.manifest.object.kind())
            .collect();
        assert_eq!(rendered, ["Deployment"]);
        assert!(second.to_json_list().contains("\"image\": \"nginx:1.28\""));
    }
}
