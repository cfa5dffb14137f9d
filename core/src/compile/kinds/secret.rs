//! Secrets.
//!
//! Secret values are never stored in a workflow: they come only from the run-time values,
//! and only for the keys the node lists. Without any, the Secret is not emitted (a warning
//! says so) and workloads keep referring to it, for a Secret created earlier.

use std::collections::BTreeMap;

use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;

use crate::compile::context::Context;
use crate::compile::metadata::Role;
use crate::compile::object::Object;
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::{SecretData, SecretType, is_placeholder_key};

/// A `v1` Secret with the supplied values of its listed keys, or nothing (with a
/// warning) when no value was supplied. A listed key without a value is left out with a
/// warning; values for keys the node does not list are ignored.
pub(super) fn secret<'a>(
    cx: &mut Context<'a>,
    node: &GraphNode<'a>,
    data: &SecretData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let supplied = cx.values.and_then(|values| values.secret(node.id()));
    let mut entries = BTreeMap::new();
    let mut unsupplied = Vec::new();
    for (index, key) in data.keys.items().iter().enumerate() {
        let Some(key) = key.name.non_empty().filter(|key| !is_placeholder_key(key)) else {
            continue;
        };
        match supplied.and_then(|values| values.get(key)) {
            Some(value) => {
                entries.insert(key.to_owned(), ByteString(value.as_bytes().to_vec()));
            }
            None => unsupplied.push((index, key)),
        }
    }
    if entries.is_empty() {
        cx.report(
            node,
            Code::MissingSecretValues,
            node.data_path().key("keys"),
            format!(
                "no values were supplied for secret \"{name}\"; it is not emitted, and workloads refer to a Secret created earlier"
            ),
        )
        .hint(format!(
            "pass the values (`--values`) under secrets.{}",
            node.id()
        ));
        return None;
    }
    for (index, key) in unsupplied {
        cx.report(
            node,
            Code::MissingSecretValues,
            node.data_path().key("keys").index(index).key("name"),
            format!(
                "no value was supplied for key {key} of secret \"{name}\"; the key is left out"
            ),
        )
        .hint(format!("supply it under secrets.{}.{key}", node.id()));
    }
    let secret_type = data
        .secret_type
        .get()
        .copied()
        .unwrap_or(SecretType::Opaque);
    Some(Object::Secret(Box::new(Secret {
        metadata: cx
            .labels
            .meta(name, node.namespace(), Role::Plain, Some(&data.labels)),
        type_: Some(secret_type.as_str().to_owned()),
        data: Some(entries),
        ..Secret::default()
    })))
}
