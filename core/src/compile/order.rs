//! Install order: Helm's, then namespace, then name.
//!
//! Namespaces first, then what pods need (policies, ServiceAccounts, Secrets, ConfigMaps, claims), then
//! Services before the workloads behind them, then autoscalers, Jobs and Ingresses; custom
//! resources last, since their definitions (CRDs) are installed separately. The reference
//! applied in edge order (Ingress first) and stopped at the first failure.

use std::borrow::Borrow;
use std::hash::Hash;
use std::io;
use std::ops::Range;

use super::Manifest;
use super::object::Object;
use crate::render::{json, yaml};
use crate::validate::FastMap;

/// Puts manifests into install order: by (kind, namespace, name), ties kept in input
/// order, so equal input gives equal output.
pub(super) fn sort(manifests: &mut Vec<Manifest>) {
    sort_by_object(manifests, |manifest| &manifest.object);
}

/// Puts `items` into install order by the object `object` gives of each, as [`sort`]
/// does.
pub(super) fn sort_by_object<T>(items: &mut Vec<T>, object: impl Fn(&T) -> &Object) {
    let order: Vec<usize> = install_order(items.iter().map(|item| key(object(item)))).collect();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|index| slots[index].take()));
}

/// The positions of `keys` sorted by key, ties in the order given. Each key is computed
/// once (not per comparison): a 10,000-node workflow sorts some 20,000 string pairs.
fn install_order<K: Ord>(keys: impl Iterator<Item = K>) -> impl Iterator<Item = usize> {
    let mut keyed: Vec<(K, usize)> = keys.zip(0..).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, index)| index)
}

/// Rendered documents that can be written out in any order: YAML documents, or the items
/// of a JSON `List`. The documents of one output may be rendered into several (one per
/// thread): a document is then found as (which part, its position there in push order).
pub(super) trait Rendered: Default + Send {
    /// One rendered document: text, or bytes known to be text.
    type Document: ?Sized + 'static;
    /// Room for about `objects` documents.
    fn with_capacity(objects: usize) -> Self;
    /// Renders `object` as one more document.
    fn push(&mut self, object: &Object);
    /// The number of documents, and of their bytes.
    fn size(&self) -> (usize, usize);
    /// The document at `index` (in push order).
    fn document(&self, index: usize) -> &Self::Document;
    /// The output of `documents`, `count` of them and `bytes` long in all.
    fn join<'a>(
        documents: impl Iterator<Item = &'a Self::Document>,
        count: usize,
        bytes: usize,
    ) -> String;
    /// Writes what [`Rendered::join`] returns to `out`, without joining it.
    fn write<'a>(
        documents: impl Iterator<Item = &'a Self::Document>,
        out: &mut impl io::Write,
    ) -> io::Result<()>;
}

/// Where a document is: which part, and its position there in push order.
pub(super) type Place = (usize, usize);

impl Rendered for yaml::Documents {
    type Document = str;

    fn with_capacity(objects: usize) -> Self {
        yaml::Documents::with_capacity(objects)
    }

    fn push(&mut self, object: &Object) {
        yaml::Documents::push(self, object).expect("Kubernetes objects serialize to JSON");
    }

    fn size(&self) -> (usize, usize) {
        yaml::Documents::size(self)
    }

    fn document(&self, index: usize) -> &str {
        yaml::Documents::document(self, index)
    }

    fn join<'a>(documents: impl Iterator<Item = &'a str>, count: usize, bytes: usize) -> String {
        yaml::joined_stream(documents, count, bytes)
    }

    fn write<'a>(
        documents: impl Iterator<Item = &'a str>,
        out: &mut impl io::Write,
    ) -> io::Result<()> {
        yaml::write_documents(documents, out)
    }
}

impl Rendered for json::Documents {
    type Document = [u8];

    fn with_capacity(objects: usize) -> Self {
        json::Documents::with_capacity(objects)
    }

    fn push(&mut self, object: &Object) {
        json::Documents::push(self, object).expect("Kubernetes objects serialize to JSON");
    }

    fn size(&self) -> (usize, usize) {
        json::Documents::size(self)
    }

    fn document(&self, index: usize) -> &[u8] {
        self.item(index)
    }

    fn join<'a>(documents: impl Iterator<Item = &'a [u8]>, count: usize, bytes: usize) -> String {
        json::joined_list(documents, count, bytes)
    }

    fn write<'a>(
        documents: impl Iterator<Item = &'a [u8]>,
        out: &mut impl io::Write,
    ) -> io::Result<()> {
        json::write_items(documents, out)
    }
}

/// Objects rendered (YAML documents or JSON list items) one by one as they are built,
/// then put into install order. Each object is written while it is still in the cache and
/// dropped at once (see [`yaml::Documents`]); what is kept of it is its install-order key.
#[derive(Debug)]
pub(super) struct SortedDocuments<D> {
    /// The documents, in parts: pushing renders into the last.
    parts: Vec<D>,
    /// The names of the documents' objects, one after another: the objects are gone by
    /// the time the documents are sorted.
    names: String,
    /// Every namespace used: a workflow has few namespaces and many objects.
    namespaces: Numbering<String>,
    /// Every apiVersion and kind of a custom resource.
    custom_kinds: Numbering<(String, String)>,
    /// The install-order key of each document, in push order.
    keys: Vec<DocumentKey>,
}

/// The install-order key of one document, and where it is.
#[derive(Debug)]
struct DocumentKey {
    rank: u8,
    /// The number of its apiVersion and kind in `custom_kinds` (custom resources only).
    custom_kind: Option<usize>,
    /// The number of its namespace in `namespaces`.
    namespace: usize,
    name: Range<usize>,
    place: Place,
}

impl<D: Rendered> Default for SortedDocuments<D> {
    fn default() -> Self {
        SortedDocuments::with_capacity(0)
    }
}

impl<D: Rendered> SortedDocuments<D> {
    /// Room for about `objects` documents.
    pub(super) fn with_capacity(objects: usize) -> Self {
        SortedDocuments {
            parts: vec![D::with_capacity(objects)],
            names: String::with_capacity(objects * 16),
            namespaces: Numbering::default(),
            custom_kinds: Numbering::default(),
            keys: Vec::with_capacity(objects),
        }
    }

    /// The number of documents pushed.
    pub(super) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Renders `object` as one more document.
    pub(super) fn push(&mut self, object: &Object) {
        let last = self.parts.len() - 1;
        let place = (last, self.parts[last].size().0);
        self.parts[last].push(object);
        let (rank, custom, namespace, name) = key(object);
        let name_start = self.names.len();
        self.names.push_str(name);
        let key = DocumentKey {
            rank,
            // Custom resources are few: their key is copied to look it up.
            custom_kind: custom.map(|(api_version, kind)| {
                self.custom_kinds
                    .number(&(api_version.to_owned(), kind.to_owned()))
            }),
            namespace: self.namespaces.number(namespace),
            name: name_start..self.names.len(),
            place,
        };
        self.keys.push(key);
    }

    /// The documents of `pieces`, in the order `runs` gives them: each run is a range of
    /// positions (in push order) in one of the pieces. Pushing more renders into the last
    /// piece's last part.
    pub(super) fn joined(
        pieces: Vec<Self>,
        runs: impl IntoIterator<Item = (usize, Range<usize>)>,
    ) -> Self {
        let mut names = String::new();
        let mut namespaces = Numbering::default();
        let mut custom_kinds = Numbering::default();
        let mut keys = Vec::with_capacity(pieces.iter().map(SortedDocuments::len).sum());
        // Each piece's numbers and parts, as the joined documents number them.
        let mut first_part = 0;
        let renumbered: Vec<_> = pieces
            .iter()
            .map(|piece| {
                let numbers = (
                    namespaces.renumber(&piece.namespaces),
                    custom_kinds.renumber(&piece.custom_kinds),
                    first_part,
                );
                first_part += piece.parts.len();
                numbers
            })
            .collect();
        for (index, range) in runs {
            let piece = &pieces[index];
            let (namespace_numbers, custom_kind_numbers, first_part) = &renumbered[index];
            for key in &piece.keys[range] {
                let name_start = names.len();
                names.push_str(&piece.names[key.name.clone()]);
                keys.push(DocumentKey {
                    rank: key.rank,
                    custom_kind: key.custom_kind.map(|number| custom_kind_numbers[number]),
                    namespace: namespace_numbers[key.namespace],
                    name: name_start..names.len(),
                    place: (first_part + key.place.0, key.place.1),
                });
            }
        }
        let mut parts: Vec<D> = pieces.into_iter().flat_map(|piece| piece.parts).collect();
        if parts.is_empty() {
            parts.push(D::default());
        }
        SortedDocuments {
            parts,
            names,
            namespaces,
            custom_kinds,
            keys,
        }
    }

    /// The documents in install order: what [`Ordered::into_stream`] gives are the bytes
    /// [`Compilation::to_yaml`](super::Compilation::to_yaml) (or
    /// [`to_json_list`](super::Compilation::to_json_list)) writes for the same objects.
    pub(super) fn into_ordered(self) -> Ordered<D> {
        // The order of `key`, with the place of each namespace (and custom kind) among the
        // others for the strings: sorting then compares one number, and names only
        // between documents of the same kind and namespace.
        let namespace_place = self.namespaces.places();
        let custom_kind_place = self.custom_kinds.places();
        let order = install_order(self.keys.iter().map(|key| {
            let custom_kind = key
                .custom_kind
                .map_or(0, |number| custom_kind_place[number]);
            let kind_and_namespace =
                packed_key(key.rank, custom_kind, namespace_place[key.namespace]);
            (kind_and_namespace, &self.names[key.name.clone()])
        }))
        .map(|position| self.keys[position].place)
        .collect();
        Ordered {
            parts: self.parts,
            order,
        }
    }
}

/// Rendered documents and the order to write them in.
#[derive(Debug)]
pub(super) struct Ordered<D> {
    parts: Vec<D>,
    order: Vec<Place>,
}

impl<D: Rendered> Ordered<D> {
    /// The documents joined in order.
    pub(super) fn into_stream(self) -> String {
        let (count, bytes) = self
            .parts
            .iter()
            .map(D::size)
            .fold((0, 0), |(count, bytes), (more, longer)| {
                (count + more, bytes + longer)
            });
        D::join(self.documents(), count, bytes)
    }

    /// Writes what [`Ordered::into_stream`] returns to `out`, without joining it.
    pub(super) fn write_to(&self, out: &mut impl io::Write) -> io::Result<()> {
        D::write(self.documents(), out)
    }

    /// The documents in order.
    fn documents(&self) -> impl Iterator<Item = &D::Document> {
        self.order
            .iter()
            .map(|&(part, index)| self.parts[part].document(index))
    }
}

/// Rank, custom kind and namespace places in one number that sorts as the three would:
/// eight bits of rank, then 28 bits for each place (there are fewer kinds and namespaces
/// than documents, and never 2^28 documents).
fn packed_key(rank: u8, custom_kind: usize, namespace: usize) -> u64 {
    (u64::from(rank) << 56) | ((custom_kind as u64) << 28) | namespace as u64
}

/// Numbers for values in the order first seen, and the place of each in sorted order.
/// Looked up by hash (once per object, where an ordered map compared strings a dozen
/// times); the places come from sorting, so no order depends on the hash.
#[derive(Debug)]
struct Numbering<K>(FastMap<K, usize>);

impl<K> Default for Numbering<K> {
    fn default() -> Self {
        Numbering(FastMap::default())
    }
}

impl<K: Ord + Hash> Numbering<K> {
    /// The number of `value`, given when it is first seen.
    fn number<Q>(&mut self, value: &Q) -> usize
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(&number) = self.0.get(value) {
            return number;
        }
        let number = self.0.len();
        self.0.insert(value.to_owned(), number);
        number
    }

    /// The number here of each value of `other`, by its number there.
    fn renumber(&mut self, other: &Numbering<K>) -> Vec<usize>
    where
        K: Clone,
    {
        let mut numbers = vec![0; other.0.len()];
        for (value, &number) in &other.0 {
            numbers[number] = self.number(value);
        }
        numbers
    }

    /// The place in sorted order of each number.
    fn places(&self) -> Vec<usize> {
        let mut sorted: Vec<(&K, usize)> =
            self.0.iter().map(|(key, &number)| (key, number)).collect();
        sorted.sort_unstable();
        let mut place_of = vec![0; sorted.len()];
        for (place, (_, number)) in sorted.into_iter().enumerate() {
            place_of[number] = place;
        }
        place_of
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
        Object::ServiceAccount(_) => 2,
        Object::Secret(_) => 3,
        Object::ConfigMap(_) => 4,
        Object::PersistentVolumeClaim(_) => 5,
        Object::Service(_) => 6,
        Object::DaemonSet(_) => 7,
        Object::Deployment(_) => 8,
        Object::HorizontalPodAutoscaler(_) => 9,
        Object::StatefulSet(_) => 10,
        Object::Job(_) => 11,
        Object::CronJob(_) => 12,
        Object::Ingress(_) => 13,
        Object::Custom(_) => 14,
    }
}
