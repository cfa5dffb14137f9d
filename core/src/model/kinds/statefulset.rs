//! StatefulSet node data.

use super::common::{AccessMode, UiState};
use super::workload::pod_containers;
use super::workload::{
    container_env, container_process, container_settings, linked_config, mounts_and_template,
    placement, pod_settings, scheduling, workload_identity,
};
use crate::model::Int;
use crate::model::macros::wire_struct;

wire_struct! {
    /// A per-replica volume claim.
    pub struct VolumeClaimTemplate {
        /// UI bookkeeping id.
        "id" => id: String,
        /// Claim name; mounted at `/data/<name>` unless `mountPath` says where.
        "name" => name: String,
        /// Storage class; the cluster default when absent.
        "storageClassName" => storage_class_name: String,
        /// Access modes (default `ReadWriteOnce`).
        "accessModes" => access_modes: Vec<AccessMode>,
        /// Requested size, for example `10Gi`.
        "storage" => storage: String,
        /// Absolute path in the container where the image writes its data (the reference's
        /// `/data/<name>` when absent).
        "mountPath" => mount_path: String,
        /// A path inside the volume to mount instead of its root (a relative path that
        /// does not climb with `..`), as databases that refuse a non-empty root need.
        "subPath" => sub_path: String,
        /// Mount read-only.
        "readOnly" => read_only: bool,
    }
}

wire_struct! {
    /// A stateful workload (`apps/v1` StatefulSet).
    pub struct StatefulSetData {
        ..workload_identity!,
        /// Name of the governing headless Service (optional in Kubernetes; without it the
        /// pods get no stable DNS names).
        "serviceName" => service_name: String,
        /// Container image.
        "image" => image: String,
        /// Desired pod count (default 1).
        "replicas" => replicas: Int,
        /// Container port, named `http`.
        "port" => port: Int,
        ..container_process!,
        ..container_settings!,
        ..container_env!,
        /// Pod selector, a subset of the pod labels; default `app` and `version` labels.
        "selector" => selector: crate::model::kinds::StringMap,
        ..pod_settings!,
        ..pod_containers!,
        ..scheduling!,
        ..placement!,
        /// Per-replica claims.
        "volumeClaimTemplates" => volume_claim_templates: Vec<VolumeClaimTemplate>,
        ..mounts_and_template!,
        ..linked_config!,
        /// UI link bookkeeping.
        "_linkedPVCs" => linked_pvcs: Vec<String>,
        /// Last status the UI showed.
        "_status" => status: UiState,
    }
}
