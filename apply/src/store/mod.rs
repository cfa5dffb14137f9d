//! Storage for workflows, their version snapshots and the inventories of what they applied.
//!
//! The traits are async because one implementation talks to the Kubernetes API (kube-rs is
//! async); the in-memory and file-system ones simply finish at once. They are split so the
//! in-cluster store can keep only inventories, as kapp and Helm keep their records in the
//! cluster they describe, while workflows live in a database or on disk.
//!
//! Nothing stored carries a Secret's data or an env value: workflows hold only key names
//! (values arrive at run time, separately), and inventories hold identities.

mod cluster;
mod fs;
mod memory;

use std::future::Future;

use kubegraph::model::{Int, Wire, Workflow, WorkflowVersion};
use serde::{Deserialize, Serialize};

pub use self::cluster::ClusterStore;
pub use self::fs::FsStore;
pub use self::memory::MemoryStore;
use crate::error::StoreError;
use crate::inventory::{Inventory, InventoryKey};

/// A stored record and its revision, for optimistic concurrency: every successful put
/// increments the revision, and a put names the revision it read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored<T> {
    /// Starts at 1 when the record is created.
    pub revision: u64,
    /// The record.
    pub value: T,
}

/// Workflows and their version snapshots.
pub trait WorkflowStore: Sync {
    /// A workflow by id, soft-deleted ones included.
    fn get_workflow(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<Stored<Workflow>>, StoreError>> + Send;

    /// Creates (`expected` = `None`) or replaces (`expected` = the revision read) a
    /// workflow, keyed by its `id`; returns the new revision. Any other current revision is
    /// a [`StoreError::Conflict`] and changes nothing.
    fn put_workflow(
        &self,
        workflow: &Workflow,
        expected: Option<u64>,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Workflows that are not soft-deleted, by id.
    fn list_workflows(
        &self,
    ) -> impl Future<Output = Result<Vec<Stored<Workflow>>, StoreError>> + Send;

    /// Appends a snapshot; the store numbers it (one more than the last) and returns it.
    fn append_version(
        &self,
        version: &WorkflowVersion,
    ) -> impl Future<Output = Result<WorkflowVersion, StoreError>> + Send;

    /// A workflow's snapshots, oldest first.
    fn list_versions(
        &self,
        workflow_id: &str,
    ) -> impl Future<Output = Result<Vec<WorkflowVersion>, StoreError>> + Send;

    /// One snapshot.
    fn get_version(
        &self,
        workflow_id: &str,
        number: i64,
    ) -> impl Future<Output = Result<Option<WorkflowVersion>, StoreError>> + Send;

    /// Soft delete: sets `deleted_at`, keeps the record and its versions.
    fn delete_workflow(
        &self,
        id: &str,
        deleted_at: &str,
        expected: u64,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        async move {
            let stored = self
                .get_workflow(id)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("workflow {id}")))?;
            let mut workflow = stored.value;
            workflow.deleted_at = Wire::Valid(deleted_at.to_owned());
            self.put_workflow(&workflow, Some(expected)).await
        }
    }

    /// Restoring never rewrites history: it appends a new snapshot with the old one's
    /// content and `restored_from` set.
    fn restore_version(
        &self,
        workflow_id: &str,
        number: i64,
        created_at: &str,
    ) -> impl Future<Output = Result<WorkflowVersion, StoreError>> + Send {
        async move {
            let mut version = self
                .get_version(workflow_id, number)
                .await?
                .ok_or_else(|| {
                    StoreError::NotFound(format!("version {number} of {workflow_id}"))
                })?;
            version.restored_from = Wire::Valid(Int::from(number));
            version.created_at = Wire::Valid(created_at.to_owned());
            version.is_automatic = Wire::Valid(false);
            self.append_version(&version).await
        }
    }
}

/// Inventories, one per workflow and cluster, revisioned like workflows: two applies of
/// one workflow at once must not lose each other's records, or prune would later leave
/// objects behind (or delete ones still in use).
pub trait InventoryStore: Sync {
    /// The inventory and its revision, if this workflow was applied to this cluster before.
    fn get_stored_inventory(
        &self,
        key: &InventoryKey,
    ) -> impl Future<Output = Result<Option<Stored<Inventory>>, StoreError>> + Send;

    /// Creates (`expected` = `None`) or replaces (`expected` = the revision read) the
    /// inventory; returns the new revision. Any other current revision is a
    /// [`StoreError::Conflict`] and changes nothing.
    fn put_inventory(
        &self,
        inventory: &Inventory,
        expected: Option<u64>,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// The inventory, if this workflow was applied to this cluster before.
    fn get_inventory(
        &self,
        key: &InventoryKey,
    ) -> impl Future<Output = Result<Option<Inventory>, StoreError>> + Send {
        async move {
            let stored = self.get_stored_inventory(key).await?;
            Ok(stored.map(|stored| stored.value))
        }
    }
}

/// Ids become file names and ConfigMap names: refuse anything that could escape a
/// directory or is empty.
fn check_id(id: &str) -> Result<&str, StoreError> {
    let valid = !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if valid {
        Ok(id)
    } else {
        Err(StoreError::InvalidId(id.to_owned()))
    }
}

/// The id a workflow is stored under.
fn workflow_id(workflow: &Workflow) -> Result<&str, StoreError> {
    check_id(workflow.id.as_str().unwrap_or_default())
}

/// The workflow a snapshot belongs to.
fn version_workflow_id(version: &WorkflowVersion) -> Result<&str, StoreError> {
    check_id(version.workflow_id.as_str().unwrap_or_default())
}

/// A snapshot's number (0 when missing).
fn version_number(version: &WorkflowVersion) -> i64 {
    version.version.get().map(Int::value).unwrap_or_default()
}

/// Checks the revision a put expects against the one found.
fn check_revision(
    what: String,
    expected: Option<u64>,
    found: Option<u64>,
) -> Result<u64, StoreError> {
    if expected == found {
        Ok(found.unwrap_or_default() + 1)
    } else {
        Err(StoreError::Conflict {
            what,
            expected,
            found,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;
