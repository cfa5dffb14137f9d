//! Reading an object field by field, so that whatever was not read can be reported: an
//! import drops nothing in silence.

use serde_json::{Map, Value};

/// The fields of one JSON object being read, and the JSON pointer where it sits in its
/// Kubernetes object.
/// No `Debug`: the object may be a Secret.
pub(super) struct Fields<'a> {
    object: &'a Map<String, Value>,
    pointer: String,
    read: Vec<&'a str>,
}

/// An empty object, for a field that is absent.
static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl<'a> Fields<'a> {
    /// The object at `value` (an absent or non-object value reads as empty; a non-object is
    /// reported by [`Fields::of`]'s caller through [`Fields::unread`] of its parent).
    pub(super) fn new(value: Option<&'a Value>, pointer: impl Into<String>) -> Self {
        Fields {
            object: value.and_then(Value::as_object).unwrap_or(&EMPTY),
            pointer: pointer.into(),
            read: Vec::new(),
        }
    }

    /// The fields of `object`.
    pub(super) fn from_map(object: &'a Map<String, Value>, pointer: impl Into<String>) -> Self {
        Fields {
            object,
            pointer: pointer.into(),
            read: Vec::new(),
        }
    }

    /// The object under `key`, as fields of their own (the key counts as read).
    pub(super) fn of(&mut self, key: &'a str) -> Fields<'a> {
        let value = self.take(key);
        Fields::new(value, format!("{}/{}", self.pointer, escape(key)))
    }

    /// Whether `key` is present.
    pub(super) fn object_has(&self, key: &str) -> bool {
        self.object.contains_key(key)
    }

    /// The value of `key`, marked as read.
    pub(super) fn take(&mut self, key: &'a str) -> Option<&'a Value> {
        self.read.push(key);
        self.object.get(key)
    }

    /// The text of `key`, marked as read.
    pub(super) fn text(&mut self, key: &'a str) -> Option<&'a str> {
        self.take(key).and_then(Value::as_str)
    }

    /// Marks `key` as read without using it (a value the compiler writes anyway).
    pub(super) fn skip(&mut self, key: &'a str) {
        self.read.push(key);
    }

    /// Copies `key` into `into` under `as_key` when present.
    pub(super) fn copy(&mut self, key: &'a str, into: &mut Map<String, Value>, as_key: &str) {
        if let Some(value) = self.take(key) {
            into.insert(as_key.to_owned(), value.clone());
        }
    }

    /// The JSON pointer of this object.
    pub(super) fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The pointers of the keys present but not read, in input order.
    pub(super) fn unread(&self) -> Vec<String> {
        self.object
            .keys()
            .filter(|key| !self.read.contains(&key.as_str()))
            .map(|key| format!("{}/{}", self.pointer, escape(key)))
            .collect()
    }
}

/// A key as a JSON pointer segment (borrowed when nothing needs escaping, as most keys).
pub(super) fn escape(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1").into()
    } else {
        key.into()
    }
}
