//! The input side of an import: a JSON-like value whose objects are vectors of entries in
//! input order, found by comparing keys one by one. The objects of a manifest are small,
//! read once and looked up a few times: a `serde_json` map for each (an index hashed with
//! SipHash) was a fifth of a manifest import's instructions. What an import writes (node
//! data, the workflow) stays `serde_json`; input subtrees copied into it are converted on
//! the way ([`Value::to_json`], or `From` when moved).

use serde_json::Number;

/// A value read from YAML or JSON.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// An object: its entries in input order, each key once (the readers see to it).
#[derive(Debug, Clone, Default)]
pub(crate) struct Map {
    entries: Vec<(String, Value)>,
}

impl Value {
    /// The member `key` of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// The value at a JSON pointer (RFC 6901), as `serde_json::Value::pointer` finds it.
    pub(crate) fn pointer(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |value, token| {
            // Borrowed unless escaped, as almost every token is.
            let token: std::borrow::Cow<'_, str> = if token.contains('~') {
                token.replace("~1", "/").replace("~0", "~").into()
            } else {
                token.into()
            };
            match value {
                Value::Object(map) => map.get(&token),
                Value::Array(items) => {
                    // No sign and no leading zero, as serde_json reads an index.
                    if token.starts_with('+') || (token.starts_with('0') && token.len() > 1) {
                        return None;
                    }
                    items.get(token.parse::<usize>().ok()?)
                }
                _ => None,
            }
        })
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub(crate) fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub(crate) fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    pub(crate) fn is_i64(&self) -> bool {
        matches!(self, Value::Number(number) if number.is_i64())
    }

    pub(crate) fn is_u64(&self) -> bool {
        matches!(self, Value::Number(number) if number.is_u64())
    }

    /// The same value as `serde_json`, copied.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(flag) => serde_json::Value::Bool(*flag),
            Value::Number(number) => serde_json::Value::Number(number.clone()),
            Value::String(text) => serde_json::Value::String(text.clone()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_json).collect())
            }
            Value::Object(map) => serde_json::Value::Object(map.to_json()),
        }
    }
}

impl Map {
    pub(crate) const fn new() -> Self {
        Map {
            entries: Vec::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.find(key).map(|(_, value)| value)
    }

    /// The position and value of `key`.
    pub(crate) fn find(&self, key: &str) -> Option<(usize, &Value)> {
        self.entries
            .iter()
            .enumerate()
            .find_map(|(at, (name, value))| (name == key).then_some((at, value)))
    }

    /// Where `key` is among the entries.
    pub(crate) fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(name, _)| name == key)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Appends an entry; the caller knows `key` is not there yet, or checks afterwards
    /// ([`Map::has_duplicate_keys`]).
    pub(crate) fn push(&mut self, key: String, value: Value) {
        self.entries.push((key, value));
    }

    /// Replaces the value of the entry at `at`, keeping its place.
    pub(crate) fn replace(&mut self, at: usize, value: Value) {
        if let Some(entry) = self.entries.get_mut(at) {
            entry.1 = value;
        }
    }

    /// Removes `key`, keeping the order of the others.
    pub(crate) fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.position(key)?;
        Some(self.entries.remove(at).1)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.entries.iter().map(|(key, value)| (key, value))
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(key, _)| key)
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, value)| value)
    }

    /// Whether some key is given twice: pairwise for a few keys, sorted for many, so that
    /// a mapping of many keys is checked in n log n.
    pub(crate) fn has_duplicate_keys(&self) -> bool {
        const PAIRWISE: usize = 16;
        if self.entries.len() <= PAIRWISE {
            return self
                .entries
                .iter()
                .enumerate()
                .any(|(at, (key, _))| self.entries[..at].iter().any(|(other, _)| other == key));
        }
        let mut keys: Vec<&str> = self.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys.windows(2).any(|pair| pair[0] == pair[1])
    }

    /// The same object as `serde_json`, copied.
    pub(crate) fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut out = serde_json::Map::with_capacity(self.entries.len());
        for (key, value) in &self.entries {
            out.insert(key.clone(), value.to_json());
        }
        out
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a String, &'a Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(key, value)| (key, value))
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl From<Value> for serde_json::Value {
    /// Moves the strings rather than copying them.
    fn from(value: Value) -> Self {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(flag) => serde_json::Value::Bool(flag),
            Value::Number(number) => serde_json::Value::Number(number),
            Value::String(text) => serde_json::Value::String(text),
            Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(Into::into).collect())
            }
            Value::Object(map) => serde_json::Value::Object(map.into()),
        }
    }
}

impl From<Map> for serde_json::Map<String, serde_json::Value> {
    fn from(map: Map) -> Self {
        let mut out = serde_json::Map::with_capacity(map.entries.len());
        for (key, value) in map.entries {
            out.insert(key, value.into());
        }
        out
    }
}

/// Objects are equal with the same entries in any order, as `serde_json` compares them.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(key, value)| other.get(key).is_some_and(|other| value == other))
    }
}

/// Equal to the `serde_json` value with the same content (objects in any order).
impl PartialEq<serde_json::Value> for Value {
    fn eq(&self, other: &serde_json::Value) -> bool {
        match (self, other) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Number(a), serde_json::Value::Number(b)) => a == b,
            (Value::String(a), serde_json::Value::String(b)) => a == b,
            (Value::Array(a), serde_json::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a == b)
            }
            (Value::Object(a), serde_json::Value::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl PartialEq<serde_json::Map<String, serde_json::Value>> for Map {
    fn eq(&self, other: &serde_json::Map<String, serde_json::Value>) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(key, value)| other.get(key).is_some_and(|other| value == other))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(entries: &[(&str, Value)]) -> Value {
        let mut map = Map::new();
        for (key, value) in entries {
            map.push((*key).to_owned(), value.clone());
        }
        Value::Object(map)
    }

    #[test]
    fn converts_in_order_and_compares_as_serde_json_does() {
        let value = object(&[
            ("b", Value::Number(1.into())),
            ("a", Value::Array(vec![Value::Null, Value::Bool(true)])),
            ("c~/d", Value::String("x".into())),
        ]);
        let json = json!({"b": 1, "a": [null, true], "c~/d": "x"});
        assert_eq!(value.to_json(), json);
        assert_eq!(
            serde_json::to_string(&serde_json::Value::from(value.clone())).ok(),
            serde_json::to_string(&json).ok()
        );
        assert!(value == json);
        let reordered = object(&[
            ("a", Value::Array(vec![Value::Null, Value::Bool(true)])),
            ("c~/d", Value::String("x".into())),
            ("b", Value::Number(1.into())),
        ]);
        assert_eq!(value, reordered);
        assert_eq!(value.pointer("/a/1"), Some(&Value::Bool(true)));
        assert_eq!(value.pointer("/c~0~1d").and_then(Value::as_str), Some("x"));
        assert_eq!(value.pointer("/a/01"), None);
        assert_eq!(value.pointer(""), Some(&value));
    }

    #[test]
    fn duplicate_keys_are_found_in_small_and_large_objects() {
        for size in [3, 40] {
            let mut map = Map::new();
            for n in 0..size {
                map.push(format!("k{n}"), Value::Null);
            }
            assert!(!map.has_duplicate_keys());
            map.push("k1".into(), Value::Null);
            assert!(map.has_duplicate_keys());
        }
    }
}
