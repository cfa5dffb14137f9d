//! Environment variables given as Kubernetes' list (`[{name, value}, {name, valueFrom}]`)
//! on any container of the pod, checked as the API server checks them: a name, not both
//! `value` and `valueFrom`, exactly one source in `valueFrom`, a `fieldRef` path and a
//! `resourceFieldRef` resource it supports, a name and key in a key reference.
//!
//! A `secretKeyRef` or `configMapKeyRef` naming a Secret or ConfigMap node (by id, or by
//! name in the workload's namespace) links the two as an edge would: the node must be in
//! the workload's namespace (`cross-namespace-link`), and hold the key unless the
//! reference is `optional` (the kubelet would not start the container). A name matching
//! no node is kept as written, for an object made outside the graph: a warning, since
//! the container never starts when that object does not exist.
//!
//! `envFrom` entries are checked alike: exactly one of `configMapRef` and `secretRef`, with
//! a name, naming a node of the workload's namespace or an object outside the graph.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, WORKLOAD_KINDS, holds_key};
use crate::model::kinds::{
    ContainerFields, EnvFromObject, EnvFromSource, EnvVar, EnvVarSource, KeySelector,
};
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::InvalidEnv,
        Code::UnknownConfigKey,
        Code::ExternalKeySource,
    ],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

/// The pod fields `fieldRef` may read in an env variable.
const FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// The resources `resourceFieldRef` may read.
const RESOURCES: [&str; 6] = [
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
];

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let data = node.data();
    if !data
        .and_then(NodeData::pod_extras)
        .is_some_and(|extras| extras.may_have_env_sources())
    {
        return;
    }
    let Some(fields) = data.and_then(NodeData::container) else {
        return;
    };
    list(cx, node, &fields, &|| node.data_path());
    env_from(cx, node, &fields, &|| node.data_path());
    for (list_of, index, container) in fields.further_containers() {
        let at = || node.data_path().key(list_of.field()).index(index);
        list(cx, node, &container.fields(), &at);
        env_from(cx, node, &container.fields(), &at);
    }
}

/// The `envFrom` entries of one container.
fn env_from(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
    base: &dyn Fn() -> FieldPath,
) {
    let sources = fields.env_from.map(Wire::items).unwrap_or_default();
    for (index, source) in sources.iter().enumerate() {
        let at = || base().key("envFrom").index(index);
        env_from_source(cx, node, source, &at);
    }
}

fn env_from_source(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    source: &EnvFromSource,
    at: &dyn Fn() -> FieldPath,
) {
    let what = format!("an envFrom entry of {}", node.describe());
    let refs = [
        (NodeKind::ConfigMap, "configMapRef", &source.config_map_ref),
        (NodeKind::Secret, "secretRef", &source.secret_ref),
    ];
    let given = refs
        .iter()
        .filter(|(_, _, object)| !object.is_missing())
        .count();
    if given != 1 {
        let message = format!(
            "{what} {}; the API server takes exactly one",
            if given == 0 {
                "names neither a ConfigMap nor a Secret"
            } else {
                "names both a ConfigMap and a Secret"
            }
        );
        cx.report(
            node_problem(node, at(), Code::InvalidEnv, message)
                .hint("give one of configMapRef or secretRef per entry"),
        );
    }
    for (kind, key, object) in refs {
        if let Some(object) = object.get() {
            object_ref(cx, node, kind, object, &what, || at().key(key));
        }
    }
}

/// A ConfigMap or Secret all of whose keys a container reads.
fn object_ref(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    kind: NodeKind,
    object: &EnvFromObject,
    what: &str,
    at: impl Fn() -> FieldPath,
) {
    let Some(name) = object.name.non_empty() else {
        if !object.name.is_invalid() {
            let message = format!("{what} names no {kind}");
            cx.report(
                node_problem(node, at().key("name"), Code::InvalidEnv, message)
                    .hint(format!("set the {kind}'s name")),
            );
        }
        return;
    };
    let graph = cx.graph;
    match graph.named_source(node, kind, name) {
        Some(source) => {
            same_namespace(cx, node, source, at().key("name"));
        }
        None if !object.optional.is_true() => {
            external(cx, node, kind, name, what, at().key("name"))
        }
        None => {}
    }
}

/// Reports a reference to a Secret or ConfigMap that is no node of the graph: kept as
/// written, for an object made outside it.
fn external(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    kind: NodeKind,
    name: &str,
    what: &str,
    at: FieldPath,
) {
    let message = format!(
        "{what} reads {kind} \"{name}\", which is no {kind} node of the graph (by id or name); it is kept as written"
    );
    cx.report(
        node_problem(node, at, Code::ExternalKeySource, message).hint(format!(
            "name a {kind} node by its id or name, create the {kind} in the cluster first, or set optional: true"
        )),
    );
}

/// Reports a Secret or ConfigMap node in another namespace than the workload reading it;
/// `false` then.
fn same_namespace(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    source: &GraphNode<'_>,
    at: FieldPath,
) -> bool {
    if source.namespace() == node.namespace() {
        return true;
    }
    let message = format!(
        "{} in namespace \"{}\" cannot give env variables to {} in namespace \"{}\"",
        source.describe(),
        source.namespace(),
        node.describe(),
        node.namespace()
    );
    cx.report(
        super::cross_namespace::link_problem(node, at, message)
            .hint("put both nodes in the same namespace"),
    );
    false
}

/// The variables of one container, when given as a list.
fn list(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
    base: &dyn Fn() -> FieldPath,
) {
    let Some(env) = fields.env.and_then(Wire::get) else {
        return;
    };
    for (index, var) in env.list().iter().enumerate() {
        let at = || base().key("env").index(index);
        variable(cx, node, var, &at);
    }
}

fn variable(cx: &mut Context<'_>, node: &GraphNode<'_>, var: &EnvVar, at: &dyn Fn() -> FieldPath) {
    let name = var.name.non_empty();
    let what = match name {
        Some(name) => format!("env variable {name} of {}", node.describe()),
        None => format!("an env variable of {}", node.describe()),
    };
    let mut invalid = |at: FieldPath, problem: &str, hint: &str| {
        let message = format!("{what} {problem}");
        cx.report(node_problem(node, at, Code::InvalidEnv, message).hint(hint));
    };
    if name.is_none() && !var.name.is_invalid() {
        invalid(
            at().key("name"),
            "has no name; the API server refuses it",
            "name the variable",
        );
    }
    let Some(source) = var.value_from.get() else {
        return;
    };
    if !var.value.is_missing() {
        invalid(
            at().key("value"),
            "sets both value and valueFrom; the API server takes one",
            "keep value for a fixed value, or valueFrom for one read at start",
        );
    }
    let at = || at().key("valueFrom");
    let sources: Vec<&str> = [
        ("secretKeyRef", source.secret_key_ref.is_missing()),
        ("configMapKeyRef", source.config_map_key_ref.is_missing()),
        ("fieldRef", source.field_ref.is_missing()),
        ("resourceFieldRef", source.resource_field_ref.is_missing()),
    ]
    .into_iter()
    .filter_map(|(key, missing)| (!missing).then_some(key))
    .collect();
    match sources.as_slice() {
        [] => invalid(
            at(),
            "has a valueFrom with no source; the API server refuses it",
            "set one of secretKeyRef, configMapKeyRef, fieldRef or resourceFieldRef",
        ),
        [_] => {}
        several => invalid(
            at(),
            &format!(
                "takes its value from {}; the API server takes exactly one source",
                several.join(", ")
            ),
            "keep one of them",
        ),
    }
    if let Some(field) = source.field_ref.get() {
        let path = field.field_path.non_empty().unwrap_or_default();
        if !supported_field_path(path) {
            invalid(
                at().key("fieldRef").key("fieldPath"),
                &format!("reads field \"{path}\", which a variable cannot read"),
                "use metadata.name, metadata.namespace, metadata.uid, metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName, spec.serviceAccountName, status.hostIP(s) or status.podIP(s)",
            );
        }
    }
    if let Some(resource) = source.resource_field_ref.get() {
        let given = resource.resource.non_empty().unwrap_or_default();
        if !RESOURCES.contains(&given) {
            invalid(
                at().key("resourceFieldRef").key("resource"),
                &format!("reads resource \"{given}\", which a variable cannot read"),
                "use limits or requests of cpu, memory or ephemeral-storage, for example limits.memory",
            );
        }
    }
    key_refs(cx, node, source, &what, &at);
}

/// `metadata.labels['app']` and `metadata.annotations['...']` read one key; the other
/// paths are fixed.
fn supported_field_path(path: &str) -> bool {
    if FIELD_PATHS.contains(&path) {
        return true;
    }
    ["metadata.labels['", "metadata.annotations['"]
        .iter()
        .any(|prefix| {
            path.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix("']"))
                .is_some_and(|key| !key.is_empty())
        })
}

/// The Secret and ConfigMap key references of a source.
fn key_refs(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    source: &EnvVarSource,
    what: &str,
    at: &dyn Fn() -> FieldPath,
) {
    let refs = [
        (NodeKind::Secret, "secretKeyRef", &source.secret_key_ref),
        (
            NodeKind::ConfigMap,
            "configMapKeyRef",
            &source.config_map_key_ref,
        ),
    ];
    for (kind, key, selector) in refs {
        if let Some(selector) = selector.get() {
            key_ref(cx, node, kind, selector, what, || at().key(key));
        }
    }
}

fn key_ref(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    kind: NodeKind,
    selector: &KeySelector,
    what: &str,
    at: impl Fn() -> FieldPath,
) {
    let mut missing = false;
    for (field, given) in [("name", &selector.name), ("key", &selector.key)] {
        if given.non_empty().is_none() && !given.is_invalid() {
            missing = true;
            let message = format!("{what} names no {kind} {field}");
            cx.report(
                node_problem(node, at().key(field), Code::InvalidEnv, message)
                    .hint(format!("set the {kind}'s {field}")),
            );
        }
    }
    let (Some(name), Some(key)) = (selector.name.non_empty(), selector.key.non_empty()) else {
        return;
    };
    let optional = selector.optional.is_true();
    let graph = cx.graph;
    let Some(source) = graph.key_source(node, kind, selector) else {
        if !optional && !missing {
            external(cx, node, kind, name, what, at().key("name"));
        }
        return;
    };
    if !same_namespace(cx, node, source, at().key("name")) {
        return;
    }
    if !optional && !holds_key(source, key) {
        let message = format!(
            "{what} reads key \"{key}\" of {}, which has no such key; the container would not start",
            source.describe()
        );
        cx.report(
            node_problem(node, at().key("key"), Code::UnknownConfigKey, message).hint(format!(
                "name a key of {}, add the key, or set optional: true",
                source.describe()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    /// A Secret `s` (keys `password`) and a ConfigMap `c` (key `LEVEL`) in `shop`, a Secret
    /// `o` in `other`, and a Deployment in `shop` with `env` as given.
    fn workflow(env: &str) -> String {
        format!(
            r#"{{"nodes": [{{"id": "d", "type": "deployment", "data": {{"name": "web", "namespace": "shop", "env": {env}}}}},
                {{"id": "s", "type": "secret", "data": {{"name": "db", "namespace": "shop", "keys": [{{"name": "password"}}]}}}},
                {{"id": "c", "type": "configmap", "data": {{"name": "settings", "namespace": "shop", "data": {{"LEVEL": "info", "_new_1": ""}}}}}},
                {{"id": "o", "type": "secret", "data": {{"name": "elsewhere", "namespace": "other", "keys": [{{"name": "password"}}]}}}}]}}"#
        )
    }

    #[test]
    fn variables_the_api_server_refuses_are_errors() {
        let found = diagnostics_of(
            Code::InvalidEnv,
            &workflow(
                r#"[{"value": "x"},
                    {"name": "A", "value": "x", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                    {"name": "B", "valueFrom": {}},
                    {"name": "C", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels"}, "resourceFieldRef": {"resource": "limits.gpu"}}},
                    {"name": "D", "valueFrom": {"secretKeyRef": {"key": "password"}}},
                    {"name": "E", "valueFrom": {"fieldRef": {"fieldPath": "metadata.annotations['team']"}}}]"#,
            ),
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-env", "/nodes/0/data/env/0/name".into(), "d"),
                ("invalid-env", "/nodes/0/data/env/1/value".into(), "d"),
                ("invalid-env", "/nodes/0/data/env/2/valueFrom".into(), "d"),
                ("invalid-env", "/nodes/0/data/env/3/valueFrom".into(), "d"),
                (
                    "invalid-env",
                    "/nodes/0/data/env/3/valueFrom/fieldRef/fieldPath".into(),
                    "d"
                ),
                (
                    "invalid-env",
                    "/nodes/0/data/env/3/valueFrom/resourceFieldRef/resource".into(),
                    "d"
                ),
                (
                    "invalid-env",
                    "/nodes/0/data/env/4/valueFrom/secretKeyRef/name".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(
            found[3].message,
            "env variable C of deployment \"web\" takes its value from fieldRef, resourceFieldRef; the API server takes exactly one source"
        );
    }

    #[test]
    fn key_references_resolve_to_nodes_by_id_or_name_in_the_namespace() {
        let found = diagnostics_of(
            Code::UnknownConfigKey,
            &workflow(
                r#"[{"name": "A", "valueFrom": {"secretKeyRef": {"name": "s", "key": "password"}}},
                    {"name": "B", "valueFrom": {"secretKeyRef": {"name": "db", "key": "passwd"}}},
                    {"name": "C", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "LEVEL"}}},
                    {"name": "D", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "_new_1"}}},
                    {"name": "E", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "MISSING", "optional": true}}},
                    {"name": "F", "valueFrom": {"secretKeyRef": {"name": "c", "key": "LEVEL"}}},
                    {"name": "G", "valueFrom": {"secretKeyRef": {"name": "vault-token", "key": "t", "optional": true}}},
                    {"name": "H", "valueFrom": {"secretKeyRef": {"name": "o", "key": "password"}}},
                    {"name": "I", "valueFrom": {"secretKeyRef": {"name": "elsewhere", "key": "password"}}}]"#,
            ),
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "unknown-config-key",
                    "/nodes/0/data/env/1/valueFrom/secretKeyRef/key".into(),
                    "d"
                ),
                (
                    "unknown-config-key",
                    "/nodes/0/data/env/3/valueFrom/configMapKeyRef/key".into(),
                    "d"
                ),
                (
                    "external-key-source",
                    "/nodes/0/data/env/5/valueFrom/secretKeyRef/name".into(),
                    "d"
                ),
                (
                    "cross-namespace-link",
                    "/nodes/0/data/env/7/valueFrom/secretKeyRef/name".into(),
                    "d"
                ),
                (
                    "external-key-source",
                    "/nodes/0/data/env/8/valueFrom/secretKeyRef/name".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(found[2].severity, Severity::Warning);
        assert_eq!(
            found[3].message,
            "secret \"elsewhere\" in namespace \"other\" cannot give env variables to deployment \"web\" in namespace \"shop\""
        );
    }

    #[test]
    fn further_containers_and_plain_maps_are_checked_alike() {
        let found = diagnostics_of(
            Code::InvalidEnv,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "env": {"A": "1"},
                "initContainers": [{"name": "i", "env": [{"name": "X", "valueFrom": {"resourceFieldRef": {"resource": "requests.ephemeral-storage"}}}]}],
                "sidecars": [{"name": "s", "env": [{"name": "Y", "valueFrom": {"fieldRef": {"fieldPath": "status.podIPs"}}},
                    {"name": "Z", "valueFrom": {"fieldRef": {"fieldPath": "spec.hostname"}}}]}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "invalid-env",
                "/nodes/0/data/sidecars/0/env/1/valueFrom/fieldRef/fieldPath".into(),
                "d"
            )]
        );
    }

    #[test]
    fn env_from_names_one_object_found_by_id_or_name_in_the_namespace() {
        let found = diagnostics_of(
            Code::InvalidEnv,
            &workflow(
                r#"{"A": "1"}, "envFrom": [{"secretRef": {"name": "s"}, "prefix": "DB_"},
                {"configMapRef": {"name": "settings"}},
                {"prefix": "X_"},
                {"configMapRef": {"name": "c"}, "secretRef": {"name": "db"}},
                {"secretRef": {}},
                {"secretRef": {"name": "vault", "optional": true}},
                {"secretRef": {"name": "vault"}},
                {"secretRef": {"name": "elsewhere"}},
                {"configMapRef": {"name": "db"}}]"#,
            ),
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-env", "/nodes/0/data/envFrom/2".into(), "d"),
                ("invalid-env", "/nodes/0/data/envFrom/3".into(), "d"),
                (
                    "invalid-env",
                    "/nodes/0/data/envFrom/4/secretRef/name".into(),
                    "d"
                ),
                (
                    "external-key-source",
                    "/nodes/0/data/envFrom/6/secretRef/name".into(),
                    "d"
                ),
                (
                    "external-key-source",
                    "/nodes/0/data/envFrom/7/secretRef/name".into(),
                    "d"
                ),
                (
                    "external-key-source",
                    "/nodes/0/data/envFrom/8/configMapRef/name".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(
            found[1].message,
            "an envFrom entry of deployment \"web\" names both a ConfigMap and a Secret; the API server takes exactly one"
        );
    }
}
