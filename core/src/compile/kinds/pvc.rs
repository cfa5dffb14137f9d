//! PersistentVolumeClaims.

use k8s_openapi::api::core::v1::PersistentVolumeClaim;

use crate::compile::claim::{ClaimFields, claim_spec};
use crate::compile::context::Context;
use crate::compile::metadata::Role;
use crate::compile::object::Object;
use crate::graph::GraphNode;
use crate::model::kinds::PersistentVolumeClaimData;

/// A `v1` PersistentVolumeClaim node.
pub(super) fn persistent_volume_claim<'a>(
    cx: &mut Context<'a>,
    node: &GraphNode<'a>,
    data: &PersistentVolumeClaimData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let spec = claim_spec(
        cx,
        node,
        node.data_path(),
        ClaimFields {
            access_modes: &data.access_modes,
            storage_class_name: &data.storage_class_name,
            storage: &data.storage,
            volume_mode: Some(&data.volume_mode),
        },
    )?;
    Some(Object::PersistentVolumeClaim(Box::new(
        PersistentVolumeClaim {
            metadata: cx
                .labels
                .meta(name, node.namespace(), Role::Plain, Some(&data.labels)),
            spec: Some(spec),
            status: None,
        },
    )))
}
