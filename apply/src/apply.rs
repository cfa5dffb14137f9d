//! `apply`: server-side apply of a compiled workflow, in install order, with results per
//! object and per node.
//!
//! Server-side apply (not get-then-update) sends only the fields the workflow sets, so a
//! re-run without env values or a partial manifest never wipes fields it did not send, and
//! fields owned by someone else are a reported conflict rather than silently overwritten.
//! Every object is attempted even when an earlier one fails; the compiler's install order
//! puts custom resources last. The inventory records only what was really applied.

use kube::api::Patch;
use kubegraph::Manifest;

use crate::applier::Applier;
use crate::error::{Error, ObjectError};
use crate::inventory::{Inventory, InventoryEntry, InventoryKey, ObjectRef};
use crate::kinds::Kinds;
use crate::options::ApplyOptions;
use crate::plan::{self, Action, apply_params, preview};
use crate::prune;
use crate::report::{ApplyReport, ObjectResult, Outcome};
use crate::store::InventoryStore;
use crate::wait::{self, Target};

impl Applier {
    /// Applies `manifests` (a compilation's objects, in install order) as the workflow and
    /// cluster in `key`, keeping the inventory in `store`. Fails as a whole only when the
    /// inventory cannot be read or written; everything else is reported per object.
    pub async fn apply(
        &self,
        manifests: &[Manifest],
        key: &InventoryKey,
        store: &impl InventoryStore,
        options: &ApplyOptions,
    ) -> Result<ApplyReport, Error> {
        let stored = store.get_stored_inventory(key).await?;
        let revision = stored.as_ref().map(|stored| stored.revision);
        let previous = stored.map(|stored| stored.value);
        let mut kinds = Kinds::new(self.client.clone());
        let mut objects = Vec::with_capacity(manifests.len());
        let mut applied = Vec::new();
        let mut targets = Vec::new();
        for manifest in manifests {
            let object = ObjectRef::of(manifest);
            let outcome = match kinds.api(&object).await {
                Ok(api) => match self.apply_one(&api, manifest, options).await {
                    Ok((outcome, uid)) => {
                        applied.push(InventoryEntry::applied(manifest, uid));
                        targets.push(Target {
                            node_id: manifest.node_id.clone(),
                            object: object.clone(),
                            api,
                        });
                        outcome
                    }
                    Err(error) => Outcome::Failed { error },
                },
                Err(error) => Outcome::Failed { error },
            };
            objects.push(ObjectResult {
                node_id: manifest.node_id.clone(),
                object,
                outcome,
            });
        }

        let any_failed = objects
            .iter()
            .any(|result| matches!(result.outcome, Outcome::Failed { .. }));
        let removed = plan::removed(manifests, previous.as_ref());
        let (pruned, mut still_ours) =
            prune::prune_removed(&mut kinds, &removed, options, any_failed).await;
        objects.extend(pruned);

        let inventory_written = !options.dry_run;
        if inventory_written {
            // Applied objects, plus what is still ours: removed objects left in place, and
            // previously recorded objects whose apply failed this time.
            let mut entries = applied;
            for entry in previous.iter().flat_map(|inventory| &inventory.objects) {
                let failed = objects.iter().any(|result| {
                    result.object == entry.object
                        && matches!(result.outcome, Outcome::Failed { .. })
                });
                if failed && !still_ours.contains(entry) {
                    still_ours.push(entry.clone());
                }
            }
            entries.extend(still_ours);
            // Another apply of this workflow since ours began is a conflict: its records
            // would be lost. Applying again sees both.
            let inventory = Inventory {
                key: key.clone(),
                objects: entries,
            };
            store.put_inventory(&inventory, revision).await?;
        }

        let nodes = if options.dry_run {
            wait::dry_run_statuses(&objects)
        } else {
            let timeout = options.wait.then_some(options.timeout);
            wait::node_statuses(&objects, &wait::observe(&targets, timeout).await)
        };
        Ok(ApplyReport {
            dry_run: options.dry_run,
            objects,
            nodes,
            inventory_written,
        })
    }

    /// Applies one object; returns the outcome and the object's uid.
    async fn apply_one(
        &self,
        api: &kube::Api<kube::api::DynamicObject>,
        manifest: &Manifest,
        options: &ApplyOptions,
    ) -> Result<(Outcome, Option<String>), ObjectError> {
        if options.dry_run {
            let preview = preview(api, manifest, options).await?;
            let uid = preview
                .live
                .as_ref()
                .and_then(|live| live.pointer("/metadata/uid"))
                .and_then(|uid| uid.as_str())
                .map(str::to_owned);
            let outcome = match preview.action() {
                Action::Create => Outcome::Created,
                Action::Unchanged => Outcome::Unchanged,
                Action::Update | Action::Delete => Outcome::Updated,
            };
            return Ok((outcome, uid));
        }
        let name = manifest.object.name();
        let before = api
            .get_opt(name)
            .await
            .map_err(ObjectError::from_kube)?
            .and_then(|live| live.metadata.resource_version);
        let after = api
            .patch(
                name,
                &apply_params(options, false),
                &Patch::Apply(manifest.object.to_value()),
            )
            .await
            .map_err(ObjectError::from_kube)?;
        let outcome = match before {
            None => Outcome::Created,
            Some(version) if after.metadata.resource_version.as_ref() == Some(&version) => {
                Outcome::Unchanged
            }
            Some(_) => Outcome::Updated,
        };
        Ok((outcome, after.metadata.uid))
    }
}
