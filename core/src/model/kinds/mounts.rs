//! Where a mounted ConfigMap, Secret or claim goes: decided once, here, for the compiler
//! and the validator alike.

use std::borrow::Cow;

use super::common::{MountType, VolumeMount};
use crate::model::NodeData;

/// Default mount path of a ConfigMap.
const CONFIG_MAP_PATH: &str = "/etc/config";
/// Default mount path of a Secret.
const SECRET_PATH: &str = "/etc/secrets";

/// The copy the UI (or the compose importer) made in a workload of the mount of node
/// `id`, named `name`, with its index: the copy naming that id, else the one naming its
/// kind and name (a canvas import renames node ids but not the ids inside copies).
pub fn copy_of<'c>(
    copies: &'c [VolumeMount],
    kind: MountType,
    id: &str,
    name: &str,
) -> Option<(usize, &'c VolumeMount)> {
    let of_kind = |(_, copy): &(usize, &VolumeMount)| copy.mount_type.get() == Some(&kind);
    let find = |matches: &dyn Fn(&VolumeMount) -> bool| {
        copies
            .iter()
            .enumerate()
            .filter(of_kind)
            .find(|(_, copy)| matches(copy))
    };
    find(&|copy| copy.node_id.as_str() == Some(id))
        .or_else(|| find(&|copy| copy.name.non_empty() == Some(name)))
}

/// Where `object` is mounted. A ConfigMap or Secret node (`source`) has its own
/// `mountPath`, the one the user sees and edits (the copy goes stale): it wins, else the
/// default. A claim has no such field: the copy's path (the compose importer writes the
/// service's volume target there), else `/data/<name>`. Without a source node (a copy
/// standing alone), the copy's path, else the default.
pub fn mount_path<'a>(
    kind: MountType,
    object: &str,
    source: Option<&'a NodeData>,
    copy: Option<&'a VolumeMount>,
) -> Cow<'a, str> {
    let path = match source {
        Some(NodeData::ConfigMap(config)) => config.mount_path.non_empty(),
        Some(NodeData::Secret(secret)) => secret.mount_path.non_empty(),
        _ => copy.and_then(|copy| copy.mount_path.non_empty()),
    };
    match (kind, path) {
        (_, Some(path)) => Cow::Borrowed(path),
        (MountType::ConfigMap, None) => Cow::Borrowed(CONFIG_MAP_PATH),
        (MountType::Secret, None) => Cow::Borrowed(SECRET_PATH),
        (MountType::PersistentVolumeClaim, None) => Cow::Owned(format!("/data/{object}")),
    }
}
