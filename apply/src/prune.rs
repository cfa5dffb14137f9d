//! Prune: deleting what a workflow no longer produces, and nothing else.
//!
//! An object is deleted only when all three hold: the previous inventory of this workflow
//! recorded it (the caller passes only such entries), it is gone from the new output (ditto),
//! and the live object still carries `app.kubernetes.io/managed-by: kubegraph`. The delete
//! names the recorded uid as a precondition, so an object someone deleted and re-created
//! under the same name is left alone. Propagation is background: the API call returns at
//! once and the garbage collector removes dependents (a Deployment's ReplicaSets).
//!
//! Namespaces are never pruned: deleting one deletes everything in it, including objects
//! no inventory recorded.

use kube::api::{Api, DeleteParams, DynamicObject, Preconditions};

use crate::error::ObjectError;
use crate::inventory::{InventoryEntry, MANAGED_BY, MANAGED_BY_LABEL};
use crate::kinds::Kinds;
use crate::options::ApplyOptions;
use crate::report::{ObjectResult, Outcome};

const NOT_OURS: &str = "no longer labelled app.kubernetes.io/managed-by=kubegraph";
const RECREATED: &str = "re-created by someone else since kubegraph applied it";
const NAMESPACE: &str = "namespaces are never pruned: deleting one deletes everything in it";

/// Handles every removed object (recorded before, gone from the output): prunes it when
/// asked and safe, and returns the results with the entries that stay in the inventory.
pub(crate) async fn prune_removed(
    kinds: &mut Kinds,
    removed: &[&InventoryEntry],
    options: &ApplyOptions,
    apply_failed: bool,
) -> (Vec<ObjectResult>, Vec<InventoryEntry>) {
    let mut results = Vec::with_capacity(removed.len());
    let mut still_recorded = Vec::new();
    for entry in removed {
        let outcome = if !options.prune {
            Outcome::Kept {
                reason: "prune not requested".to_owned(),
            }
        } else if apply_failed {
            // A failed apply may be why an object looks removed (a rename that did not
            // go through): delete nothing on a partial apply.
            Outcome::Kept {
                reason: "not pruned because other objects failed to apply".to_owned(),
            }
        } else {
            match kinds.api(&entry.object).await {
                Ok(api) => prune(&api, entry, options.dry_run).await,
                Err(error) => Outcome::Failed { error },
            }
        };
        if still_ours(&outcome) {
            still_recorded.push((*entry).clone());
        }
        results.push(ObjectResult {
            node_id: entry.node_id.clone(),
            object: entry.object.clone(),
            outcome,
        });
    }
    (results, still_recorded)
}

/// Deletes one removed object if it is still ours.
async fn prune(api: &Api<DynamicObject>, entry: &InventoryEntry, dry_run: bool) -> Outcome {
    if entry.object.kind == "Namespace" && entry.object.api_version == "v1" {
        return Outcome::Kept {
            reason: NAMESPACE.to_owned(),
        };
    }
    let live = match api.get_opt(&entry.object.name).await {
        Ok(Some(live)) => live,
        // Already gone: nothing to do, and nothing left to record.
        Ok(None) => return Outcome::Deleted,
        Err(error) => return failed(error),
    };
    let labelled = live
        .metadata
        .labels
        .as_ref()
        .and_then(|labels| labels.get(MANAGED_BY_LABEL))
        .is_some_and(|value| value == MANAGED_BY);
    if !labelled {
        return Outcome::Kept {
            reason: NOT_OURS.to_owned(),
        };
    }
    if entry.uid.is_some() && live.metadata.uid != entry.uid {
        return Outcome::Kept {
            reason: RECREATED.to_owned(),
        };
    }
    let mut params = DeleteParams::background();
    params.dry_run = dry_run;
    params.preconditions = entry.uid.clone().map(|uid| Preconditions {
        uid: Some(uid),
        resource_version: None,
    });
    match api.delete(&entry.object.name, &params).await {
        Ok(_) => Outcome::Deleted,
        Err(kube::Error::Api(status)) if status.is_not_found() => Outcome::Deleted,
        Err(error) => failed(error),
    }
}

fn failed(error: kube::Error) -> Outcome {
    Outcome::Failed {
        error: ObjectError::from_kube(error),
    }
}

/// Whether a removed object stays in the inventory: it is still in the cluster and still
/// ours (not pruned this time, or the delete failed). Objects that lost our label or were
/// re-created by someone else are no longer ours to delete; a Namespace stays recorded, so
/// that it is never forgotten, but is never deleted either.
fn still_ours(outcome: &Outcome) -> bool {
    match outcome {
        Outcome::Kept { reason } => reason != NOT_OURS && reason != RECREATED,
        Outcome::Failed { .. } => true,
        Outcome::Created | Outcome::Updated | Outcome::Unchanged | Outcome::Deleted => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_objects_still_ours_stay_recorded() {
        let kept = |reason: &str| Outcome::Kept {
            reason: reason.to_owned(),
        };
        assert!(still_ours(&kept("prune not requested")));
        assert!(still_ours(&kept(NAMESPACE)));
        assert!(!still_ours(&kept(NOT_OURS)));
        assert!(!still_ours(&kept(RECREATED)));
        assert!(!still_ours(&Outcome::Deleted));
        let failed = Outcome::Failed {
            error: ObjectError::Request {
                message: "timeout".to_owned(),
            },
        };
        assert!(still_ours(&failed));
    }
}
