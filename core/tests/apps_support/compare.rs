//! Compares two sets of manifests object by object (matched by kind, namespace and name)
//! and field by field, naming every difference by object and path.
//!
//! Lists whose items Kubernetes identifies by a key (its strategic-merge keys: containers,
//! env and volumes by `name`, mounts by `mountPath`, container ports by `containerPort`,
//! Service ports by `port`) are compared item by item by that key, so that order alone is
//! no difference; a path names such an item as `containers[server]`. Other lists are
//! compared by position.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use indexmap::IndexMap;
use serde_json::Value;

/// One object as `Kind namespace/name` (`Kind name` when cluster-scoped).
pub fn object_id(object: &Value) -> String {
    let kind = object["kind"].as_str().unwrap_or_default();
    let name = object["metadata"]["name"].as_str().unwrap_or_default();
    match object["metadata"]["namespace"].as_str() {
        Some(namespace) => format!("{kind} {namespace}/{name}"),
        None => format!("{kind} {name}"),
    }
}

/// A field (or a whole object, at path `""`) that differs.
#[derive(Debug)]
pub struct Difference {
    /// The object, as [`object_id`] writes it.
    pub object: String,
    /// Where in the object, `""` for the object itself.
    pub path: String,
    /// Upstream's value, `None` when upstream has none.
    pub upstream: Option<Value>,
    /// kubegraph's value, `None` when kubegraph wrote none.
    pub compiled: Option<Value>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |value: &Option<Value>| match value {
            Some(value) => value.to_string(),
            None => "(absent)".to_owned(),
        };
        write!(
            f,
            "{} {}: upstream {}, kubegraph {}",
            self.object,
            if self.path.is_empty() {
                "(object)"
            } else {
                &self.path
            },
            show(&self.upstream),
            show(&self.compiled)
        )
    }
}

/// Every difference between upstream's objects and kubegraph's.
pub fn differences(upstream: &[Value], compiled: &[Value]) -> Vec<Difference> {
    let by_id = |objects: &[Value]| -> BTreeMap<String, Value> {
        objects
            .iter()
            .map(|object| (object_id(object), object.clone()))
            .collect()
    };
    let upstream = by_id(upstream);
    let compiled = by_id(compiled);
    let mut found = Vec::new();
    let ids: BTreeSet<&String> = upstream.keys().chain(compiled.keys()).collect();
    for id in ids {
        compare(
            id,
            String::new(),
            upstream.get(id),
            compiled.get(id),
            &mut found,
        );
    }
    found
}

fn compare(
    object: &str,
    path: String,
    upstream: Option<&Value>,
    compiled: Option<&Value>,
    found: &mut Vec<Difference>,
) {
    if let (Some(left), Some(right)) = (upstream, compiled) {
        let field = path.rsplit('/').next().unwrap_or_default();
        if let Some(children) = children(field, left, right) {
            for (segment, (left, right)) in children {
                compare(object, format!("{path}{segment}"), left, right, found);
            }
            return;
        }
    }
    if upstream != compiled {
        found.push(Difference {
            object: object.to_owned(),
            path,
            upstream: upstream.cloned(),
            compiled: compiled.cloned(),
        });
    }
}

/// Both sides' children of two objects or two lists, by the path segment that names each
/// (`/key`, `[merge key]`, `/index`), in upstream's order then kubegraph's; `None` when the
/// two are not both objects or both lists.
fn children<'v>(field: &str, left: &'v Value, right: &'v Value) -> Option<Pairs<'v>> {
    let (left, right): (Segments<'v>, Segments<'v>) = match (left, right) {
        (Value::Object(left), Value::Object(right)) => {
            let named = |map: &'v serde_json::Map<String, Value>| {
                map.iter()
                    .map(|(key, value)| (format!("/{key}"), value))
                    .collect()
            };
            (named(left), named(right))
        }
        (Value::Array(left), Value::Array(right)) => {
            match (keyed(field, left), keyed(field, right)) {
                (Some(left), Some(right)) => (left, right),
                _ => {
                    let indexed = |items: &'v [Value]| {
                        items
                            .iter()
                            .enumerate()
                            .map(|(index, value)| (format!("/{index}"), value))
                            .collect()
                    };
                    (indexed(left), indexed(right))
                }
            }
        }
        _ => return None,
    };
    let mut pairs = Pairs::new();
    for (segment, value) in &left {
        pairs.insert(segment.clone(), (Some(*value), right.get(segment).copied()));
    }
    for (segment, value) in right {
        pairs.entry(segment).or_insert((None, Some(value)));
    }
    Some(pairs)
}

/// Children by path segment, in order.
type Segments<'v> = IndexMap<String, &'v Value>;

/// Upstream's and kubegraph's child of each path segment.
type Pairs<'v> = IndexMap<String, (Option<&'v Value>, Option<&'v Value>)>;

/// The items of a list by their strategic-merge key, when the list has one and every item
/// holds a distinct value of it.
fn keyed<'v>(field: &str, items: &'v [Value]) -> Option<Segments<'v>> {
    let keys: &[&str] = match field {
        "containers" | "initContainers" | "env" | "volumes" | "imagePullSecrets" => &["name"],
        "volumeMounts" => &["mountPath"],
        // A container's ports, or a Service's.
        "ports" => &["containerPort", "port"],
        _ => return None,
    };
    let key = keys
        .iter()
        .find(|key| items.iter().all(|item| item.get(**key).is_some()))?;
    let map: Segments<'v> = items
        .iter()
        .map(|item| match &item[*key] {
            Value::String(text) => (format!("[{text}]"), item),
            other => (format!("[{other}]"), item),
        })
        .collect();
    (map.len() == items.len()).then_some(map)
}
