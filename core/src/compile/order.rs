//! Install order: Helm's, then namespace, then name.
//!
//! Namespaces first, then what pods need (policies, Secrets, ConfigMaps, claims), then
//! Services before the workloads behind them, then autoscalers, Jobs and Ingresses; custom
//! resources last, since their definitions (CRDs) are installed separately. The reference
//! applied in edge order (Ingress first) and stopped at the first failure.

use std::ops::Range;

use super::Manifest;
use super::object::Object;
use crate::render::yaml;

/// Puts manifests into install order: by (kind, namespace, name), ties kept in input
/// order, so equal input gives equal output. Each key is computed once (not per
/// comparison): a 10,000-node workflow sorts some 20,000 string pairs.
pub(super) fn sort(manifests: &mut Vec<Manifest>) {
    let mut keyed: Vec<_> = manifests
        .iter()
        .enumerate()
        .map(|(index, manifest)| (key(&manifest.object), index))
        .collect();
    keyed.sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, index)| index).collect();
    let mut slots: Vec<Option<Manifest>> = manifests.drain(..).map(Some).collect();
    manifests.extend(order.into_iter().filter_map(|index| slots[index].take()));
}

/// Objects rendered to YAML one by one as they are built, then put into install order.
/// Each object is written while it is still in the cache and dropped at once, so the
/// memory it used serves the next one: for a large workflow this is several times
/// faster than holding every object until all are built.
#[derive(Debug, Default)]
pub(super) struct YamlDocuments {
    /// The documents, in the order they were pushed.
    text: String,
    /// Each document's install-order key and its bytes in `text`.
    documents: Vec<(OwnedKey, Range<usize>)>,
}

/// [`key`], owned: the object is gone by the time the documents are sorted.
type OwnedKey = (u8, Option<(String, String)>, String, String);

impl YamlDocuments {
    /// Room for about `objects` documents.
    pub(super) fn with_capacity(objects: usize) -> Self {
        YamlDocuments {
            text: String::with_capacity(objects * yaml::BYTES_PER_OBJECT),
            documents: Vec::with_capacity(objects),
        }
    }

    /// Renders `object` as one more document.
    pub(super) fn push(&mut self, object: &Object) {
        let start = self.text.len();
        yaml::write_typed_document(&mut self.text, object)
            .expect("Kubernetes objects serialize to JSON");
        let (rank, custom, namespace, name) = key(object);
        let key = (
            rank,
            custom.map(|(api_version, kind)| (api_version.to_owned(), kind.to_owned())),
            namespace.to_owned(),
            name.to_owned(),
        );
        self.documents.push((key, start..self.text.len()));
    }

    /// The documents as one YAML stream in install order: the bytes
    /// [`Compilation::to_yaml`](super::Compilation::to_yaml) writes for the same objects.
    pub(super) fn into_stream(mut self) -> String {
        // A stable sort: ties keep the order the objects were built in, as `sort` does.
        self.documents
            .sort_by(|(left, _), (right, _)| left.cmp(right));
        let separators = self.documents.len().saturating_sub(1) * yaml::DOCUMENT_SEPARATOR.len();
        let mut stream = String::with_capacity(self.text.len() + separators);
        for (index, (_, range)) in self.documents.into_iter().enumerate() {
            if index > 0 {
                stream.push_str(yaml::DOCUMENT_SEPARATOR);
            }
            stream.push_str(&self.text[range]);
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
