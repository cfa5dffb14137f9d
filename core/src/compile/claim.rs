//! The claim spec PersistentVolumeClaim nodes and StatefulSet volume claim templates
//! share.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{PersistentVolumeClaimSpec, VolumeResourceRequirements};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::context::Context;
use crate::graph::GraphNode;
use crate::model::kinds::{AccessMode, VolumeMode};
use crate::model::{FieldPath, Wire};

/// The fields a claim is made of, wherever it is drawn.
#[derive(Clone, Copy, Debug)]
pub(super) struct ClaimFields<'d> {
    /// Access modes (default `[ReadWriteOnce]`).
    pub access_modes: &'d Wire<Vec<AccessMode>>,
    /// Storage class; the cluster default when absent or blank.
    pub storage_class_name: &'d Wire<String>,
    /// Requested size (required).
    pub storage: &'d Wire<String>,
    /// `Filesystem` or `Block`.
    pub volume_mode: Option<&'d Wire<VolumeMode>>,
}

/// The spec of a claim whose fields sit at `at`; `None` (skipped) without a size.
pub(super) fn claim_spec(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    at: FieldPath,
    fields: ClaimFields<'_>,
) -> Option<PersistentVolumeClaimSpec> {
    let Some(storage) = fields.storage.non_empty() else {
        cx.skip(node, at.key("storage"));
        return None;
    };
    let mut access_modes: Vec<String> = Vec::new();
    for mode in fields.access_modes.items() {
        let mode = mode.as_str().to_owned();
        if !access_modes.contains(&mode) {
            access_modes.push(mode);
        }
    }
    if access_modes.is_empty() {
        access_modes.push(AccessMode::ReadWriteOnce.as_str().to_owned());
    }
    Some(PersistentVolumeClaimSpec {
        access_modes: Some(access_modes),
        storage_class_name: fields.storage_class_name.non_empty().map(str::to_owned),
        volume_mode: fields
            .volume_mode
            .and_then(Wire::get)
            .map(|mode| mode.as_str().to_owned()),
        resources: Some(VolumeResourceRequirements {
            requests: Some(BTreeMap::from([(
                "storage".to_owned(),
                Quantity(storage.to_owned()),
            )])),
            limits: None,
        }),
        ..PersistentVolumeClaimSpec::default()
    })
}
