//! The convention labels the compiler puts on every object ([`crate::graph::labels`]): an
//! imported label equal to what the compiler would add anyway is left out of the node, so
//! a compiled workflow imports without noise and compiles to the same labels.

use std::collections::BTreeSet;

use serde_json::Map;

use crate::import::tree::{self, Value};

const PART_OF: &str = "app.kubernetes.io/part-of";

/// The workflow name the objects were compiled under, and the namespaces they use.
#[derive(Debug, Default)]
pub(super) struct Conventions {
    /// The `app.kubernetes.io/part-of` value every labelled object shares (the workflow
    /// name the compiler wrote); empty when they share none.
    part_of: String,
    namespaces: BTreeSet<String>,
    /// `(namespace, serviceName)` of every StatefulSet.
    governing: BTreeSet<(String, String)>,
}

impl Conventions {
    pub(super) fn of<'a>(objects: impl Iterator<Item = &'a tree::Map>) -> Self {
        let mut part_of: Option<Option<&str>> = None;
        let mut namespaces = BTreeSet::new();
        let mut governing = BTreeSet::new();
        for object in objects {
            let metadata = object.get("metadata");
            if object.get("kind").and_then(Value::as_str) == Some("StatefulSet")
                && let Some(service) = object
                    .get("spec")
                    .and_then(|spec| spec.get("serviceName"))
                    .and_then(Value::as_str)
            {
                let namespace = metadata
                    .and_then(|metadata| metadata.get("namespace"))
                    .and_then(Value::as_str)
                    .unwrap_or("default");
                governing.insert((namespace.to_owned(), service.to_owned()));
            }
            if let Some(namespace) = metadata
                .and_then(|metadata| metadata.get("namespace"))
                .and_then(Value::as_str)
            {
                namespaces.insert(namespace.to_owned());
            }
            let value = metadata
                .and_then(|metadata| metadata.get("labels"))
                .and_then(|labels| labels.get(PART_OF))
                .and_then(Value::as_str);
            part_of = match part_of {
                None => Some(value),
                Some(shared) if shared == value => Some(shared),
                Some(_) => Some(None),
            };
        }
        Conventions {
            part_of: part_of.flatten().unwrap_or("").to_owned(),
            namespaces,
            governing,
        }
    }

    /// The workflow's name: the shared `part-of` label, so that compiling writes it again.
    pub(super) fn workflow_name(&self) -> &str {
        &self.part_of
    }

    /// The labels the compiler adds to an object called `name` (a workload's and its pods'
    /// also have `version: v1`).
    fn convention<'s>(&'s self, key: &str, name: &'s str, workload: bool) -> Option<&'s str> {
        Some(match key {
            "app" | "app.kubernetes.io/name" => name,
            "managed-by" => "kubeorch",
            "version" if workload => "v1",
            "app.kubernetes.io/managed-by" => "kubegraph",
            PART_OF if !self.part_of.is_empty() => &self.part_of,
            _ => return None,
        })
    }

    /// The labels of `labels` the compiler would not add by itself.
    pub(super) fn user_labels(
        &self,
        labels: Option<&Value>,
        name: &str,
        workload: bool,
    ) -> Map<String, serde_json::Value> {
        labels
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter(|(key, value)| self.convention(key, name, workload) != value.as_str())
            .map(|(key, value)| (key.clone(), value.to_json()))
            .collect()
    }

    /// Whether a Namespace object is one the compiler generates: only convention labels,
    /// nothing else, and used by another object.
    pub(super) fn is_generated_namespace(&self, object: &tree::Map) -> bool {
        let Some(metadata) = object.get("metadata").and_then(Value::as_object) else {
            return false;
        };
        let name = metadata.get("name").and_then(Value::as_str).unwrap_or("");
        let only_name_and_labels = metadata.keys().all(|key| key == "name" || key == "labels");
        let only_metadata = object
            .keys()
            .all(|key| matches!(key.as_str(), "apiVersion" | "kind" | "metadata"));
        only_name_and_labels
            && only_metadata
            && self.namespaces.contains(name)
            && self
                .user_labels(metadata.get("labels"), name, false)
                .is_empty()
    }

    /// Whether a Service is the headless one the compiler generates for a StatefulSet
    /// naming it: no type, no labels or annotations of its own, nothing but a selector and
    /// ports. The StatefulSet's node makes it again.
    pub(super) fn is_generated_headless(&self, object: &tree::Map) -> bool {
        let Some(metadata) = object.get("metadata").and_then(Value::as_object) else {
            return false;
        };
        let name = metadata.get("name").and_then(Value::as_str).unwrap_or("");
        let namespace = metadata
            .get("namespace")
            .and_then(Value::as_str)
            .unwrap_or("default");
        let spec = object.get("spec").and_then(Value::as_object);
        self.governing
            .contains(&(namespace.to_owned(), name.to_owned()))
            && metadata
                .keys()
                .all(|key| matches!(key.as_str(), "name" | "namespace" | "labels"))
            && self
                .user_labels(metadata.get("labels"), name, false)
                .is_empty()
            && spec.is_some_and(|spec| {
                spec.get("clusterIP").and_then(Value::as_str) == Some("None")
                    && spec
                        .keys()
                        .all(|key| matches!(key.as_str(), "clusterIP" | "selector" | "ports"))
                    && spec.get("ports").is_none_or(is_generated_port)
            })
    }
}

/// `[{name: http, port: P, protocol: TCP, targetPort: P}]`, the generated headless port.
fn is_generated_port(ports: &Value) -> bool {
    let Some([port]) = ports.as_array().map(Vec::as_slice) else {
        return false;
    };
    port.as_object().is_some_and(|port| {
        port.len() == 4
            && port.get("name").and_then(Value::as_str) == Some("http")
            && port.get("protocol").and_then(Value::as_str) == Some("TCP")
            && port.get("port").is_some()
            && port.get("port") == port.get("targetPort")
    })
}
