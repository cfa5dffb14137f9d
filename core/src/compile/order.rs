//! Install order: Helm's, then namespace, then name.
//!
//! Namespaces first, then what pods need (policies, Secrets, ConfigMaps, claims), then
//! Services before the workloads behind them, then autoscalers, Jobs and Ingresses; custom
//! resources last, since their definitions (CRDs) are installed separately. The reference
//! applied in edge order (Ingress first) and stopped at the first failure.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Manifest;
use super::object::Object;
use crate::render::yaml;

/// Puts manifests into install order: by (kind, namespace, name), ties kept in input
/// order, so equal input gives equal output.
pub(super) fn sort(manifests: &mut Vec<Manifest>) {
    let order: Vec<usize> =
        install_order(manifests.iter().map(|manifest| key(&manifest.object))).collect();
    let mut slots: Vec<Option<Manifest>> = manifests.drain(..).map(Some).collect();
    manifests.extend(order.into_iter().filter_map(|index| slots[index].take()));
}

/// The positions of `keys` sorted by key, ties in the order given. Each key is computed
/// once (not per comparison): a 10,000-node workflow sorts some 20,000 string pairs.
fn install_order<K: Ord>(keys: impl Iterator<Item = K>) -> impl Iterator<Item = usize> {
    let mut keyed: Vec<(K, usize)> = keys.zip(0..).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, index)| index)
}

/// Objects rendered to YAML one by one as they are built, then put into install order.
/// Each object is written while it is still in the cache and dropped at once, so the
/// memory it used serves the next one: for a large workflow this is several times
/// faster than holding every object until all are built.
#[derive(Debug, Default)]
pub(super) struct YamlDocuments {
    /// The documents, in the order they were pushed.
    text: yaml::YamlWriter,
    /// The names (and custom resources' apiVersions and kinds) of the documents' objects,
    /// one after another: the objects are gone by the time the documents are sorted.
    key_text: String,
    /// Every namespace used, to the number documents refer to it by: a workflow has few
    /// namespaces and many objects.
    namespaces: BTreeMap<String, usize>,
    documents: Vec<Document>,
}

/// Where one document and its install-order key are.
#[derive(Debug)]
struct Document {
    rank: u8,
    /// apiVersion and kind, for custom resources only (see [`key`]).
    custom: Option<(Range<usize>, Range<usize>)>,
    /// The number of the namespace in `namespaces`.
    namespace: usize,
    name: Range<usize>,
    /// The document in `text`.
    text: Range<usize>,
}

impl YamlDocuments {
    /// Room for about `objects` documents.
    pub(super) fn with_capacity(objects: usize) -> Self {
        YamlDocuments {
            text: yaml::YamlWriter::with_capacity(objects * yaml::BYTES_PER_OBJECT),
            key_text: String::with_capacity(objects * 16),
            namespaces: BTreeMap::new(),
            documents: Vec::with_capacity(objects),
        }
    }

    /// Renders `object` as one more document.
    pub(super) fn push(&mut self, object: &Object) {
        let start = self.text.as_str().len();
        self.text
            .write_document(object)
            .expect("Kubernetes objects serialize to JSON");
        let (rank, custom, namespace, name) = key(object);
        let namespace = self.namespace_number(namespace);
        let mut keep = |part: &str| {
            let start = self.key_text.len();
            self.key_text.push_str(part);
            start..self.key_text.len()
        };
        let document = Document {
            rank,
            custom: custom.map(|(api_version, kind)| (keep(api_version), keep(kind))),
            namespace,
            name: keep(name),
            text: start..self.text.as_str().len(),
        };
        self.documents.push(document);
    }

    /// The number of `namespace`, given when it is first seen.
    fn namespace_number(&mut self, namespace: &str) -> usize {
        if let Some(&number) = self.namespaces.get(namespace) {
            return number;
        }
        let number = self.namespaces.len();
        self.namespaces.insert(namespace.to_owned(), number);
        number
    }

    /// The documents as one YAML stream in install order: the bytes
    /// [`Compilation::to_yaml`](super::Compilation::to_yaml) writes for the same objects.
    pub(super) fn into_stream(self) -> String {
        // Each namespace's place among the others, so that sorting compares numbers.
        let mut place_of = vec![0; self.namespaces.len()];
        for (place, &number) in self.namespaces.values().enumerate() {
            place_of[number] = place;
        }
        let key_text = self.key_text.as_str();
        let part = |range: &Range<usize>| &key_text[range.clone()];
        // The order of `key`, with each namespace's place for the namespace.
        let order = install_order(self.documents.iter().map(|document| {
            let custom = document
                .custom
                .as_ref()
                .map(|(api_version, kind)| (part(api_version), part(kind)));
            let namespace = place_of[document.namespace];
            (document.rank, custom, namespace, part(&document.name))
        }));
        let separators = self.documents.len().saturating_sub(1) * yaml::DOCUMENT_SEPARATOR.len();
        let text = self.text.as_str();
        let mut stream = String::with_capacity(text.len() + separators);
        for (place, index) in order.enumerate() {
            if place > 0 {
                stream.push_str(yaml::DOCUMENT_SEPARATOR);
            }
            stream.push_str(&text[self.documents[index].text.clone()]);
        }
        stream
    }
}

/// Rank, then (custom resources only) apiVersion and kind, then namespace, then name.
/// Built-in kinds have no apiVersion and kind in the key rather than empty ones, which
/// sort the same but would cost two string comparisons each time a pair is compared.
fn key(object: &Object) -> (u8, Option<(&str, &str)>, &str, &str) {
    let custom = matches!(object, Object::Custom(_));
    (
        rank(object),
        custom.then(|| (object.api_version(), object.kind())),
        object.namespace().unwrap_or_default(),
        object.name(),
    )
}

/// The place of a kind in Helm's install order (kinds kubegraph never emits omitted).
fn rank(object: &Object) -> u8 {
    match object {
        Object::Namespace(_) => 0,
        Object::NetworkPolicy(_) => 1,
        Object::Secret(_) => 2,
        Object::ConfigMap(_) => 3,
        Object::PersistentVolumeClaim(_) => 4,
        Object::Service(_) => 5,
        Object::DaemonSet(_) => 6,
        Object::Deployment(_) => 7,
        Object::HorizontalPodAutoscaler(_) => 8,
        Object::StatefulSet(_) => 9,
        Object::Job(_) => 10,
        Object::CronJob(_) => 11,
        Object::Ingress(_) => 12,
        Object::Custom(_) => 13,
    }
}
