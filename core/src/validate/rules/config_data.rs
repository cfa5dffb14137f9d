//! ConfigMap data keys and Secret key names: valid keys (`[-._a-zA-Z0-9]+`, as they
//! become file names when mounted), each once, and ConfigMap data within 1 MiB. The UI's
//! `_new_<millis>` placeholder rows and empty key names are dropped, with a warning; its
//! fix deletes the row, offered for a ConfigMap only when the row holds no value (a typed
//! value may still want a name).

use super::{Check, Rule};
use crate::diagnostic::{Code, Fix, PatchOperation};
use crate::graph::GraphNode;
use crate::model::kinds::{ConfigMapData, SecretData, is_placeholder_key};
use crate::model::{FieldPath, NodeData, NodeKind, trim};
use crate::validate::syntax::names;
use crate::validate::{Context, FastSet, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::DataTooLarge,
        Code::InvalidDataKey,
        Code::PlaceholderKey,
    ],
    check: Check::Nodes(&[NodeKind::ConfigMap, NodeKind::Secret], check),
};

/// Kubernetes' limit on the data of one ConfigMap or Secret.
const MAX_DATA_BYTES: usize = 1024 * 1024;

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    match node.data() {
        Some(NodeData::ConfigMap(config)) => config_map(cx, node, config),
        Some(NodeData::Secret(secret)) => secret_keys(cx, node, secret),
        _ => {}
    }
}

fn config_map(cx: &mut Context<'_>, node: &GraphNode<'_>, config: &ConfigMapData) {
    let Some(data) = config.data.get() else {
        return;
    };
    let at = || node.data_path().key("data");
    let mut total = 0usize;
    for (key, value) in data {
        total = total.saturating_add(key.len()).saturating_add(value.len());
        let delete = || {
            let row = at().key(key.as_str());
            value
                .trim()
                .is_empty()
                .then(|| delete_row(vec![PatchOperation::remove(&row)]))
        };
        key_name(cx, node, key, &|| at().key(key.as_str()), &delete);
    }
    if total > MAX_DATA_BYTES {
        let message = format!(
            "the data of {} has {total} bytes, more than Kubernetes' limit of {MAX_DATA_BYTES} (1 MiB)",
            node.describe()
        );
        cx.report(
            node_problem(node, at(), Code::DataTooLarge, message)
                .hint("split the data over several ConfigMaps, or mount it from a volume"),
        );
    }
}

fn secret_keys(cx: &mut Context<'_>, node: &GraphNode<'_>, secret: &SecretData) {
    let mut seen = FastSet::default();
    for (index, key) in secret.keys.items().iter().enumerate() {
        let row = || node.data_path().key("keys").index(index);
        let at = || row().key("name");
        // Guarded by what the row shows, never by a value: Secret rows hold names only.
        let delete = || {
            let guards = [("id", &key.id), ("name", &key.name)]
                .into_iter()
                .filter_map(|(field, wire)| {
                    Some(PatchOperation::test(&row().key(field), wire.as_str()?))
                });
            let mut edits: Vec<PatchOperation> = guards.collect();
            edits.push(PatchOperation::remove(&row()));
            Some(delete_row(edits))
        };
        let name = key.name.as_str().unwrap_or_default();
        if !key_name(cx, node, name, &at, &delete) {
            continue;
        }
        if !seen.insert(name.trim()) {
            let message = format!("key \"{}\" is listed twice", name.trim());
            cx.report(
                node_problem(node, at(), Code::InvalidDataKey, message)
                    .hint("delete one of the rows"),
            );
        }
    }
}

fn delete_row(edits: Vec<PatchOperation>) -> Fix {
    Fix::new("Delete the row", edits)
}

/// Checks one key; whether it is kept (not a placeholder and valid). `delete` is the fix
/// of a placeholder: deleting its row, when that is certain.
fn key_name(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    key: &str,
    at: &dyn Fn() -> FieldPath,
    delete: &dyn Fn() -> Option<Fix>,
) -> bool {
    let trimmed = trim(key);
    if trimmed.is_empty() || is_placeholder_key(trimmed) {
        let message = if trimmed.is_empty() {
            "a key with an empty name is dropped".to_owned()
        } else {
            format!("placeholder key \"{trimmed}\" is dropped")
        };
        let diagnostic = node_problem(node, at(), Code::PlaceholderKey, message)
            .hint("name the key in the UI, or delete the row");
        cx.report(diagnostic.fix(delete()));
        return false;
    }
    if let Err(problem) = names::config_map_key(key) {
        let message = format!("key \"{key}\" is not a valid data key: it {problem}");
        cx.report(
            node_problem(node, at(), Code::InvalidDataKey, message)
                .hint("use letters, digits, '-', '_' and '.'"),
        );
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::diagnostic::Severity;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn keys_are_valid_unique_and_placeholders_warn() {
        let found = diagnostics_of(
            Code::InvalidDataKey,
            r#"{"nodes": [{"id": "c", "type": "configmap", "data": {"data": {"_new_1716380000000": "", "my key": "x", "": "y", "ok.conf": "z"}}},
                          {"id": "s", "type": "secret", "data": {"keys": [{"id": "1", "name": "API_KEY"}, {"id": "2", "name": "API_KEY"},
                              {"id": "3"}, {"id": "4", "name": "a/b"}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("placeholder-key", "/nodes/0/data/data/".into(), "c"),
                (
                    "placeholder-key",
                    "/nodes/0/data/data/_new_1716380000000".into(),
                    "c"
                ),
                ("invalid-data-key", "/nodes/0/data/data/my key".into(), "c"),
                ("invalid-data-key", "/nodes/1/data/keys/1/name".into(), "s"),
                ("placeholder-key", "/nodes/1/data/keys/2/name".into(), "s"),
                ("invalid-data-key", "/nodes/1/data/keys/3/name".into(), "s"),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[1].message,
            "placeholder key \"_new_1716380000000\" is dropped"
        );
    }

    #[test]
    fn config_map_data_is_limited_to_one_mebibyte() {
        let big = "x".repeat(1024 * 1024);
        let json = format!(
            r#"{{"nodes": [{{"id": "c", "type": "configmap", "data": {{"data": {{"file": "{big}"}}}}}}]}}"#
        );
        let found = diagnostics_of(Code::InvalidDataKey, &json);
        assert_eq!(
            summary(&found),
            [("data-too-large", "/nodes/0/data/data".into(), "c")]
        );
    }

    #[test]
    fn a_placeholder_row_is_deleted_only_when_it_holds_nothing() {
        let found = diagnostics_of(
            Code::PlaceholderKey,
            r#"{"nodes": [{"id": "c", "type": "configmap", "data": {"data": {"_new_1": "", "_new_2": "typed"}}},
                          {"id": "s", "type": "secret", "data": {"keys": [{"id": "k1", "name": "A"}, {"id": "k2", "name": ""}]}}]}"#,
        );
        assert_eq!(
            crate::validate::tests::fix_titles(&found),
            [Some("Delete the row"), None, Some("Delete the row")]
        );
        let secret_row = found[2].fix.as_ref().expect("a fix");
        assert_eq!(
            serde_json::to_value(&secret_row.edits).expect("serializable"),
            serde_json::json!([
                {"op": "test", "path": "/nodes/1/data/keys/1/id", "value": "k2"},
                {"op": "test", "path": "/nodes/1/data/keys/1/name", "value": ""},
                {"op": "remove", "path": "/nodes/1/data/keys/1"}
            ])
        );
    }
}
