//! PersistentVolumeClaim node data.

use super::common::{AccessMode, StringMap};
use crate::model::macros::{wire_enum, wire_struct};

wire_enum! {
    /// Whether a volume is a file system or a raw block device.
    pub enum VolumeMode {
        /// A file system (default).
        "Filesystem" => Filesystem,
        /// A raw block device.
        "Block" => Block,
    }
}

wire_struct! {
    /// A request for storage (`v1` PersistentVolumeClaim).
    pub struct PersistentVolumeClaimData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name; mounted at `/data/<name>`.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Storage class; the cluster default when absent or empty.
        "storageClassName" => storage_class_name: String,
        /// Access modes (default `ReadWriteOnce`).
        "accessModes" => access_modes: Vec<AccessMode>,
        /// Requested size, for example `10Gi`.
        "storage" => storage: String,
        /// `Filesystem` (default) or `Block`.
        "volumeMode" => volume_mode: VolumeMode,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Template the node was created from.
        "templateId" => template_id: String,
    }
}
