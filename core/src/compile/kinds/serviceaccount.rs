//! ServiceAccounts.

use k8s_openapi::api::core::v1::ServiceAccount;

use crate::compile::context::Context;
use crate::compile::metadata::{Role, string_map};
use crate::compile::object::Object;
use crate::compile::pod::image_pull_secrets;
use crate::graph::GraphNode;
use crate::model::kinds::ServiceAccountData;

/// A `v1` ServiceAccount: labels, annotations, whether its token is mounted, and the
/// image pull secrets of its `imagePullSecrets` and of the registry Secrets connected to it.
pub(super) fn service_account<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &ServiceAccountData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let mut metadata = cx
        .labels
        .meta(name, node.namespace(), Role::Plain, Some(&data.labels));
    metadata.annotations = string_map(&data.annotations);
    Some(Object::ServiceAccount(Box::new(ServiceAccount {
        metadata,
        automount_service_account_token: data.automount_service_account_token.get().copied(),
        image_pull_secrets: image_pull_secrets(cx, position, &data.image_pull_secrets),
        secrets: None,
    })))
}
