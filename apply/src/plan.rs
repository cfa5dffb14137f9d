//! `plan`: what applying would do, object by object.
//!
//! Creates, updates and unchanged objects are decided by the server, not guessed: each
//! compiled object is sent as a server-side apply with `dryRun=All`, and the result is
//! compared with the live object (server-managed metadata and `status` left out). That
//! sees defaulting, drift (someone edited the live object) and fields other managers own,
//! which a hash of what we sent last time could not. An object that does not exist is a
//! create. Deletions are what the previous inventory recorded and the new output lacks;
//! whether prune may really delete one is decided at apply time (see [`crate::prune`]).

use std::collections::BTreeSet;
use std::fmt;

use kube::api::{Api, DynamicObject, Patch, PatchParams};
use kubegraph::Manifest;
use serde::Serialize;
use serde_json::Value;

use crate::applier::Applier;
use crate::error::ObjectError;
use crate::inventory::{Inventory, InventoryEntry, ObjectRef};
use crate::kinds::Kinds;
use crate::options::ApplyOptions;

/// What would happen to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    /// Not in the cluster yet.
    Create,
    /// In the cluster, and applying would change it.
    Update,
    /// In the cluster exactly as applying would leave it.
    Unchanged,
    /// Recorded by the previous inventory, gone from the output.
    Delete,
}

/// The name JSON uses too: `create`, `update`, `unchanged` or `delete`.
impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
            Action::Delete => "delete",
        })
    }
}

/// One planned change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The node the object comes from (`None` for generated objects).
    pub node_id: Option<String>,
    /// Which object.
    pub object: ObjectRef,
    /// What would happen, or why it cannot be planned.
    pub action: Result<Action, ObjectError>,
}

/// The plan, in apply order, deletions last.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Plan {
    /// One entry per object.
    pub changes: Vec<Change>,
}

impl Plan {
    /// How many objects get `action`.
    pub fn count(&self, action: Action) -> usize {
        self.changes
            .iter()
            .filter(|change| change.action.as_ref() == Ok(&action))
            .count()
    }
}

/// The live object and what a server-side apply would make of it.
pub(crate) struct Preview {
    pub(crate) live: Option<Value>,
    /// `None` when the server could not check it yet: the object is new and its namespace
    /// is about to be created by the same apply.
    pub(crate) applied: Option<Value>,
}

impl Preview {
    pub(crate) fn action(&self) -> Action {
        match (&self.live, &self.applied) {
            (None, _) => Action::Create,
            (Some(live), Some(applied)) if normalize(live) == normalize(applied) => {
                Action::Unchanged
            }
            (Some(_), _) => Action::Update,
        }
    }
}

/// Reads the live object and dry-runs the apply of `manifest` against it.
pub(crate) async fn preview(
    api: &Api<DynamicObject>,
    manifest: &Manifest,
    options: &ApplyOptions,
) -> Result<Preview, ObjectError> {
    let name = manifest.object.name();
    let live = api
        .get_opt(name)
        .await
        .map_err(ObjectError::from_kube)?
        .map(to_value);
    let params = apply_params(options, true);
    let applied = match api
        .patch(name, &params, &Patch::Apply(manifest.object.to_value()))
        .await
    {
        Ok(applied) => Some(to_value(applied)),
        // A new object in a namespace that does not exist yet: the same apply creates
        // the Namespace first, so this is a create the server can only check then.
        Err(kube::Error::Api(status)) if live.is_none() && status.is_not_found() => None,
        Err(error) => return Err(ObjectError::from_kube(error)),
    };
    Ok(Preview { live, applied })
}

/// Server-side apply parameters for our field manager.
pub(crate) fn apply_params(options: &ApplyOptions, dry_run: bool) -> PatchParams {
    let mut params = PatchParams::apply(&options.field_manager);
    params.force = options.force_conflicts;
    params.dry_run = dry_run;
    params
}

pub(crate) fn to_value(object: DynamicObject) -> Value {
    serde_json::to_value(object).unwrap_or_default()
}

/// An object without what the server maintains on its own, so that two reads of the same
/// desired state compare equal.
pub(crate) fn normalize(object: &Value) -> Value {
    let mut object = object.clone();
    if let Some(map) = object.as_object_mut() {
        map.remove("status");
        if let Some(metadata) = map.get_mut("metadata").and_then(Value::as_object_mut) {
            for key in [
                "managedFields",
                "resourceVersion",
                "generation",
                "creationTimestamp",
                "uid",
                "selfLink",
            ] {
                metadata.remove(key);
            }
        }
    }
    object
}

/// Previous inventory entries that the new output no longer has.
pub(crate) fn removed<'a>(
    manifests: &[Manifest],
    previous: Option<&'a Inventory>,
) -> Vec<&'a InventoryEntry> {
    let current: BTreeSet<ObjectRef> = manifests.iter().map(ObjectRef::of).collect();
    previous
        .into_iter()
        .flat_map(|inventory| &inventory.objects)
        .filter(|entry| !current.contains(&entry.object))
        .collect()
}

/// One compiled object and its preview.
pub(crate) struct ObjectPreview<'a> {
    pub(crate) manifest: &'a Manifest,
    pub(crate) object: ObjectRef,
    pub(crate) preview: Result<Preview, ObjectError>,
}

/// What `plan` and `diff` both look at: a preview of every compiled object, in install
/// order, and the previous inventory's entries the output no longer has.
pub(crate) struct Previews<'a> {
    /// The kinds looked up so far, for looking at the removed objects.
    pub(crate) kinds: Kinds,
    pub(crate) objects: Vec<ObjectPreview<'a>>,
    pub(crate) removed: Vec<&'a InventoryEntry>,
}

impl Applier {
    /// Previews applying `manifests` given the previous inventory. Changes nothing on the
    /// server.
    pub(crate) async fn previews<'a>(
        &self,
        manifests: &'a [Manifest],
        previous: Option<&'a Inventory>,
        options: &ApplyOptions,
    ) -> Previews<'a> {
        let mut kinds = Kinds::new(self.client.clone());
        let mut objects = Vec::with_capacity(manifests.len());
        for manifest in manifests {
            let object = ObjectRef::of(manifest);
            let preview = match kinds.api(&object).await {
                Ok(api) => preview(&api, manifest, options).await,
                Err(error) => Err(error),
            };
            objects.push(ObjectPreview {
                manifest,
                object,
                preview,
            });
        }
        Previews {
            kinds,
            objects,
            removed: removed(manifests, previous),
        }
    }

    /// Plans applying `manifests` (in install order) given the previous inventory. Changes
    /// nothing on the server.
    pub async fn plan(
        &self,
        manifests: &[Manifest],
        previous: Option<&Inventory>,
        options: &ApplyOptions,
    ) -> Plan {
        let previews = self.previews(manifests, previous, options).await;
        let changes = previews.objects.into_iter().map(|previewed| Change {
            node_id: previewed.manifest.node_id.clone(),
            object: previewed.object,
            action: previewed.preview.map(|preview| preview.action()),
        });
        let deletions = previews.removed.into_iter().map(|entry| Change {
            node_id: entry.node_id.clone(),
            object: entry.object.clone(),
            action: Ok(Action::Delete),
        });
        Plan {
            changes: changes.chain(deletions).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn server_maintained_fields_do_not_count_as_changes() {
        let live = json!({
            "metadata": {"name": "web", "resourceVersion": "41", "uid": "u", "generation": 2,
                         "managedFields": [{"manager": "kubegraph"}], "labels": {"app": "web"}},
            "spec": {"replicas": 2},
            "status": {"replicas": 1},
        });
        let applied = json!({
            "metadata": {"name": "web", "resourceVersion": "41", "uid": "u", "generation": 3,
                         "labels": {"app": "web"}},
            "spec": {"replicas": 2},
        });
        let same = Preview {
            live: Some(live.clone()),
            applied: Some(applied),
        };
        assert_eq!(same.action(), Action::Unchanged);
        let changed = Preview {
            live: Some(live),
            applied: Some(
                json!({"metadata": {"name": "web", "labels": {"app": "web"}}, "spec": {"replicas": 3}}),
            ),
        };
        assert_eq!(changed.action(), Action::Update);
        assert_eq!(
            Preview {
                live: None,
                applied: None
            }
            .action(),
            Action::Create
        );
    }
}
