//! The links Kubernetes resolves, as edges, with the copies the designer writes into node
//! data when a user connects two nodes (wire-format.md, "Connecting"): a Service's
//! `targetApp` and `_linkedDeployment`, a path's `_linkedService`, a mount's `nodeId` and
//! the workload's `_linked*`, an HPA's `_linkedTarget`.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::Imported;
use crate::import::tree;

const WORKLOADS: [&str; 5] = ["deployment", "statefulset", "daemonset", "job", "cronjob"];
const SELECTABLE: [&str; 3] = ["deployment", "statefulset", "daemonset"];

/// An edge still to be written.
pub(super) struct Link {
    pub(super) source: usize,
    pub(super) target: usize,
    pub(super) handle: String,
}

/// Adds the link copies to the nodes and returns the edges, in node order, and the fields
/// (node, JSON pointer) only an edge could have carried but none does.
pub(super) fn link(nodes: &mut [Imported]) -> (Vec<Value>, Vec<(usize, String)>) {
    mount_paths(nodes);
    let lookup = Lookup::of(nodes);
    let mut links = Vec::new();
    let mut unread = Vec::new();
    for source in 0..nodes.len() {
        let node_type = nodes[source].node_type;
        match node_type {
            "service" => service(nodes, &lookup, source, &mut links),
            "ingress" => ingress(nodes, &lookup, source, &mut links),
            "hpa" => hpa(nodes, &lookup, source, &mut links),
            "networkpolicy" => {
                if !policy(nodes, &lookup, source, &mut links) {
                    unread.push((source, "/spec/podSelector/matchExpressions".to_owned()));
                }
                super::peers::link(nodes, &lookup, source, &mut links);
            }
            node_type if WORKLOADS.contains(&node_type) => {
                workload(nodes, &lookup, source, &mut links);
                env_sources(nodes, &lookup, source);
            }
            _ => {}
        }
    }
    // In the order made: a workload's mounts follow the order of its edges.
    let mut seen = std::collections::BTreeSet::new();
    links.retain(|link| seen.insert((link.source, link.target, link.handle.clone())));
    let edges = links
        .into_iter()
        .map(|link| {
            let source = &nodes[link.source].id;
            let target = &nodes[link.target].id;
            json!({
                "id": format!("reactflow__edge-{source}{}-{target}", link.handle),
                "source": source,
                "target": target,
                "sourceHandle": link.handle,
            })
        })
        .collect();
    (edges, unread)
}

pub(super) fn text<'a>(data: &'a Map<String, Value>, key: &str) -> &'a str {
    data.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The nodes by type, namespace and name, and the selectable workloads by namespace and by
/// label: built once, so that linking stays linear in the number of objects, however many
/// share a namespace. Names are nested, so that a name is looked up as it is.
#[derive(Debug, Default)]
pub(super) struct Lookup {
    by_name: BTreeMap<&'static str, BTreeMap<String, BTreeMap<String, usize>>>,
    selectable: BTreeMap<String, Vec<usize>>,
    /// The selectable workloads by (namespace, key, text value) of a pod template label.
    by_pod_label: LabelIndex,
    /// The same by a label of their own `spec.selector.matchLabels`.
    by_selector_label: LabelIndex,
}

type LabelIndex = BTreeMap<(String, String, String), Vec<usize>>;

impl Lookup {
    fn of(nodes: &[Imported]) -> Self {
        let mut lookup = Lookup::default();
        for (index, node) in nodes.iter().enumerate() {
            let namespace = text(&node.data, "namespace");
            lookup
                .by_name
                .entry(node.node_type)
                .or_default()
                .entry(namespace.to_owned())
                .or_default()
                .entry(text(&node.data, "name").to_owned())
                .or_insert(index);
            if SELECTABLE.contains(&node.node_type) {
                lookup
                    .selectable
                    .entry(namespace.to_owned())
                    .or_default()
                    .push(index);
                let spec = node.object.get("spec");
                for (by, pointer) in [
                    (&mut lookup.by_pod_label, "/template/metadata/labels"),
                    (&mut lookup.by_selector_label, "/selector/matchLabels"),
                ] {
                    let labels = spec
                        .and_then(|spec| spec.pointer(pointer))
                        .and_then(tree::Value::as_object);
                    for (key, value) in labels.into_iter().flatten() {
                        if let Some(value) = value.as_str() {
                            by.entry((namespace.to_owned(), key.clone(), value.to_owned()))
                                .or_default()
                                .push(index);
                        }
                    }
                }
            }
        }
        lookup
    }

    /// The first node of one of `types` called `name` in `namespace`.
    fn find(&self, types: &[&'static str], namespace: &str, name: &str) -> Option<usize> {
        types
            .iter()
            .filter_map(|node_type| {
                self.by_name
                    .get(node_type)?
                    .get(namespace)?
                    .get(name)
                    .copied()
            })
            .min()
    }

    /// The Deployments, StatefulSets and DaemonSets of `namespace` whose pod labels may
    /// match `labels`: those with its first label (all of them when it has none with a
    /// text value), in node order.
    fn with_pod_labels(&self, namespace: &str, first: FirstLabel<'_>) -> &[usize] {
        self.labelled(&self.by_pod_label, namespace, first)
    }

    /// The same for the workloads whose own selector may equal `labels`.
    pub(super) fn with_selector(&self, namespace: &str, first: FirstLabel<'_>) -> &[usize] {
        self.labelled(&self.by_selector_label, namespace, first)
    }

    fn labelled<'s>(
        &'s self,
        by: &'s LabelIndex,
        namespace: &str,
        first: FirstLabel<'_>,
    ) -> &'s [usize] {
        let found = match first {
            Some((key, Some(value))) => {
                by.get(&(namespace.to_owned(), key.to_owned(), value.to_owned()))
            }
            _ => self.selectable.get(namespace),
        };
        found.map_or(&[], Vec::as_slice)
    }
}

/// The first label of a selector: its key, and its value when that is text.
pub(super) type FirstLabel<'a> = Option<(&'a str, Option<&'a str>)>;

/// The first label of a selector read from the input.
pub(super) fn first_label(labels: &tree::Map) -> FirstLabel<'_> {
    labels
        .iter()
        .next()
        .map(|(key, value)| (key.as_str(), value.as_str()))
}

/// A Service selects the one workload whose pod labels its selector matches (a Service
/// takes one edge; with several matches the selector alone stays).
fn service(nodes: &mut [Imported], lookup: &Lookup, source: usize, links: &mut Vec<Link>) {
    let Some(selector) = nodes[source]
        .data
        .get("selector")
        .and_then(Value::as_object)
    else {
        return;
    };
    if selector.is_empty() {
        return;
    }
    let namespace = text(&nodes[source].data, "namespace");
    let selected: Vec<usize> = lookup
        .with_pod_labels(
            namespace,
            selector
                .iter()
                .next()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
        .iter()
        .copied()
        .filter(|&index| {
            let node = &nodes[index];
            SELECTABLE.contains(&node.node_type)
                && text(&node.data, "namespace") == namespace
                && node
                    .object
                    .get("spec")
                    .and_then(|spec| spec.pointer("/template/metadata/labels"))
                    .and_then(tree::Value::as_object)
                    .is_some_and(|labels| {
                        selector
                            .iter()
                            .all(|(key, value)| labels.get(key).is_some_and(|label| label == value))
                    })
        })
        .collect();
    let [target] = selected[..] else {
        return;
    };
    let (name, id) = (
        text(&nodes[target].data, "name").to_owned(),
        nodes[target].id.clone(),
    );
    let data = &mut nodes[source].data;
    data.insert("targetApp".into(), json!(name));
    data.insert("_linkedDeployment".into(), json!(id));
    links.push(Link {
        source,
        target,
        handle: "output".into(),
    });
}

/// Each path routes to the Service it names.
fn ingress(nodes: &mut [Imported], lookup: &Lookup, source: usize, links: &mut Vec<Link>) {
    let namespace = text(&nodes[source].data, "namespace").to_owned();
    let routes: Vec<(usize, String, usize)> = nodes[source]
        .data
        .get("paths")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(index, path)| {
            let service = path.get("serviceName").and_then(Value::as_str)?;
            let target = lookup.find(&["service"], &namespace, service)?;
            Some((index, path.get("id")?.as_str()?.to_owned(), target))
        })
        .collect();
    for (index, handle, target) in routes {
        let id = nodes[target].id.clone();
        if let Some(path) = nodes[source]
            .data
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(index))
            .and_then(Value::as_object_mut)
        {
            path.insert("_linkedService".into(), json!(id));
        }
        links.push(Link {
            source,
            target,
            handle,
        });
    }
}

/// An HPA scales the workload its `scaleTargetRef` names.
fn hpa(nodes: &mut [Imported], lookup: &Lookup, source: usize, links: &mut Vec<Link>) {
    let data = &nodes[source].data;
    let kind = match text(data, "scaleTargetKind") {
        "Deployment" => "deployment",
        "StatefulSet" => "statefulset",
        _ => return,
    };
    let Some(target) = lookup.find(
        &[kind],
        text(data, "namespace"),
        text(data, "scaleTargetName"),
    ) else {
        return;
    };
    let id = nodes[target].id.clone();
    nodes[source].data.insert("_linkedTarget".into(), json!(id));
    links.push(Link {
        source,
        target,
        handle: "output".into(),
    });
}

/// The ConfigMaps, Secrets and claims a workload mounts, its ServiceAccount and its
/// registry Secrets: each an edge to the workload.
fn workload(nodes: &mut [Imported], lookup: &Lookup, target: usize, links: &mut Vec<Link>) {
    let namespace = text(&nodes[target].data, "namespace").to_owned();
    let claims_allowed = matches!(nodes[target].node_type, "deployment" | "statefulset");
    let mounts: Vec<(usize, String, &'static str, usize)> = nodes[target]
        .data
        .get("volumeMounts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(index, mount)| {
            let (node_type, linked) = match mount.get("type")?.as_str()? {
                "configMap" => ("configmap", "_linkedConfigMaps"),
                "secret" => ("secret", "_linkedSecrets"),
                "persistentVolumeClaim" if claims_allowed => {
                    ("persistentvolumeclaim", "_linkedPVCs")
                }
                _ => return None,
            };
            let name = mount.get("name")?.as_str()?;
            let source = lookup.find(&[node_type], &namespace, name)?;
            Some((index, nodes[source].id.clone(), linked, source))
        })
        .collect();
    // An edge mounts a ConfigMap or Secret where its node says: a workload mounting one
    // elsewhere keeps its copies alone (the compiler reads them when there is no edge).
    let copies = nodes[target]
        .data
        .get("volumeMounts")
        .and_then(Value::as_array)
        .map_or(0, |copies| {
            copies
                .iter()
                .filter(|copy| {
                    claims_allowed || copy.get("type") != Some(&json!("persistentVolumeClaim"))
                })
                .count()
        });
    // With an edge for some mounts, the compiler reads no copy: every mount needs its edge.
    let consistent = mounts.len() == copies
        && mounts.iter().all(|(index, _, _, source)| {
            let source = &nodes[*source];
            source.node_type == "persistentvolumeclaim"
                || nodes[target].data["volumeMounts"][*index].get("mountPath")
                    == source.data.get("mountPath")
        });
    let mounts = if consistent { mounts } else { Vec::new() };
    for (index, id, linked, source) in mounts {
        let data = &mut nodes[target].data;
        if let Some(mount) = data
            .get_mut("volumeMounts")
            .and_then(|mounts| mounts.get_mut(index))
            .and_then(Value::as_object_mut)
        {
            mount.insert("nodeId".into(), json!(id));
        }
        let list = data.entry(linked).or_insert_with(|| json!([]));
        if let Some(list) = list.as_array_mut()
            && !list.contains(&json!(id))
        {
            list.push(json!(id));
        }
        links.push(Link {
            source,
            target,
            handle: "output".into(),
        });
    }
    let account = text(&nodes[target].data, "serviceAccountName").to_owned();
    if let Some(source) = lookup.find(&["serviceaccount"], &namespace, &account) {
        links.push(Link {
            source,
            target,
            handle: "output".into(),
        });
    }
    let pull_secrets: Vec<String> = nodes[target]
        .data
        .get("imagePullSecrets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|secret| Some(secret.get("name")?.as_str()?.to_owned()))
        .collect();
    for name in pull_secrets {
        let registry = lookup
            .find(&["secret"], &namespace, &name)
            .filter(|&source| {
                matches!(
                    text(&nodes[source].data, "secretType"),
                    "kubernetes.io/dockerconfigjson" | "kubernetes.io/dockercfg"
                )
            });
        if let Some(source) = registry {
            links.push(Link {
                source,
                target,
                handle: "output".into(),
            });
        }
    }
}

/// Points the workload's env references to Secrets and ConfigMaps at their nodes.
fn env_sources(nodes: &mut [Imported], lookup: &Lookup, workload: usize) {
    // Taken out while the other nodes are looked up, then put back.
    let mut data = std::mem::take(&mut nodes[workload].data);
    let namespace = text(&data, "namespace").to_owned();
    let find = |node_type: &'static str, name: &str| {
        lookup
            .find(&[node_type], &namespace, name)
            .map(|index| nodes[index].id.clone())
    };
    super::env_refs::link(&mut data, &find);
    nodes[workload].data = data;
}

/// Gives each ConfigMap and Secret node the path its first workload mounts it at (the
/// node's `mountPath` decides where an edge mounts it).
fn mount_paths(nodes: &mut [Imported]) {
    let mut first: BTreeMap<(String, String, String), Value> = BTreeMap::new();
    for workload in nodes
        .iter()
        .filter(|node| WORKLOADS.contains(&node.node_type))
    {
        let namespace = text(&workload.data, "namespace");
        let mounts = workload.data.get("volumeMounts").and_then(Value::as_array);
        for mount in mounts.into_iter().flatten() {
            let key = (
                mount
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
                namespace.to_owned(),
                mount
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            );
            if let Some(path) = mount.get("mountPath") {
                first.entry(key).or_insert_with(|| path.clone());
            }
        }
    }
    for node in nodes.iter_mut() {
        let mount_type = match node.node_type {
            "configmap" => "configMap",
            "secret" => "secret",
            _ => continue,
        };
        let key = (
            mount_type.to_owned(),
            text(&node.data, "namespace").to_owned(),
            text(&node.data, "name").to_owned(),
        );
        if let Some(path) = first.get(&key) {
            node.data.insert("mountPath".into(), path.clone());
        }
    }
}

/// A policy selects the workloads whose pod labels its selector matches: by an edge when
/// that gives the same selector back (one workload whose own selector it is, or the
/// `matchExpressions` the compiler writes for several), else by its `podSelector` alone.
/// `false` when its `matchExpressions` are carried by no edge.
fn policy(nodes: &mut [Imported], lookup: &Lookup, source: usize, links: &mut Vec<Link>) -> bool {
    let Some(selector) = nodes[source]
        .object
        .get("spec")
        .and_then(|spec| spec.get("podSelector"))
        .cloned()
    else {
        return true;
    };
    let labels = selector
        .get("matchLabels")
        .and_then(tree::Value::as_object)
        .cloned()
        .unwrap_or_default();
    let expressions = selector
        .get("matchExpressions")
        .and_then(tree::Value::as_array)
        .cloned()
        .unwrap_or_default();
    if labels.is_empty() && expressions.is_empty() {
        return true;
    }
    let namespace = text(&nodes[source].data, "namespace").to_owned();
    let selected: Vec<usize> = lookup
        .with_pod_labels(&namespace, first_label(&labels))
        .iter()
        .copied()
        .filter(|&index| {
            let node = &nodes[index];
            let pod_labels = node
                .object
                .get("spec")
                .and_then(|spec| spec.pointer("/template/metadata/labels"))
                .and_then(tree::Value::as_object);
            SELECTABLE.contains(&node.node_type)
                && text(&node.data, "namespace") == namespace
                && pod_labels.is_some_and(|pod_labels| {
                    labels
                        .iter()
                        .all(|(key, value)| pod_labels.get(key) == Some(value))
                        && expressions.iter().all(|expression| {
                            expression.get("operator").and_then(tree::Value::as_str) == Some("In")
                                && expression
                                    .get("values")
                                    .and_then(tree::Value::as_array)
                                    .zip(expression.get("key").and_then(tree::Value::as_str))
                                    .is_some_and(|(values, key)| {
                                        pod_labels
                                            .get(key)
                                            .is_some_and(|value| values.contains(value))
                                    })
                        })
                })
        })
        .collect();
    let own_selector = |index: usize| {
        nodes[index]
            .object
            .get("spec")
            .and_then(|spec| spec.pointer("/selector/matchLabels"))
            .and_then(tree::Value::as_object)
            == Some(&labels)
    };
    let by_edges = match selected[..] {
        [one] => expressions.is_empty() && own_selector(one),
        [] => false,
        _ => !expressions.is_empty(),
    };
    if !by_edges {
        return expressions.is_empty();
    }
    let ids: Vec<Value> = selected
        .iter()
        .map(|&index| json!(nodes[index].id))
        .collect();
    nodes[source]
        .data
        .insert("_linkedWorkloads".into(), Value::Array(ids));
    for target in selected {
        links.push(Link {
            source,
            target,
            handle: "output".into(),
        });
    }
    true
}
