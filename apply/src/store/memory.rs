//! The in-memory store: for tests and for services that keep state elsewhere.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use kubegraph::model::{Int, Wire, Workflow, WorkflowVersion};

use super::{
    InventoryStore, Stored, WorkflowStore, check_id, check_revision, version_number,
    version_workflow_id, workflow_id,
};
use crate::error::StoreError;
use crate::inventory::{Inventory, InventoryKey};

/// Everything in maps behind one lock (each call holds it briefly, never across an await).
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    workflows: BTreeMap<String, Stored<Workflow>>,
    versions: BTreeMap<String, Vec<WorkflowVersion>>,
    inventories: BTreeMap<InventoryKey, Stored<Inventory>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave a map half-updated (each update is
        // one insert), so a poisoned lock is still consistent.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Every stored record as JSON text, for tests that check what reached storage.
    #[cfg(test)]
    pub(crate) fn dump(&self) -> String {
        let state = self.state();
        serde_json::json!({
            "workflows": state.workflows.values().collect::<Vec<_>>(),
            "versions": state.versions,
            "inventories": state.inventories.values().collect::<Vec<_>>(),
        })
        .to_string()
    }
}

impl WorkflowStore for MemoryStore {
    async fn get_workflow(&self, id: &str) -> Result<Option<Stored<Workflow>>, StoreError> {
        Ok(self.state().workflows.get(check_id(id)?).cloned())
    }

    async fn put_workflow(
        &self,
        workflow: &Workflow,
        expected: Option<u64>,
    ) -> Result<u64, StoreError> {
        let id = workflow_id(workflow)?;
        put_stored(
            &mut self.state().workflows,
            id.to_owned(),
            format!("workflow {id}"),
            workflow,
            expected,
        )
    }

    async fn list_workflows(&self) -> Result<Vec<Stored<Workflow>>, StoreError> {
        Ok(self
            .state()
            .workflows
            .values()
            .filter(|stored| !stored.value.is_deleted())
            .cloned()
            .collect())
    }

    async fn append_version(
        &self,
        version: &WorkflowVersion,
    ) -> Result<WorkflowVersion, StoreError> {
        let id = version_workflow_id(version)?.to_owned();
        let mut state = self.state();
        let versions = state.versions.entry(id).or_default();
        let next = versions.last().map(version_number).unwrap_or_default() + 1;
        let mut version = version.clone();
        version.version = Wire::Valid(Int::from(next));
        versions.push(version.clone());
        Ok(version)
    }

    async fn list_versions(&self, workflow_id: &str) -> Result<Vec<WorkflowVersion>, StoreError> {
        Ok(self
            .state()
            .versions
            .get(check_id(workflow_id)?)
            .cloned()
            .unwrap_or_default())
    }

    async fn get_version(
        &self,
        workflow_id: &str,
        number: i64,
    ) -> Result<Option<WorkflowVersion>, StoreError> {
        let state = self.state();
        let versions = state.versions.get(check_id(workflow_id)?);
        Ok(versions
            .into_iter()
            .flatten()
            .find(|version| version_number(version) == number)
            .cloned())
    }
}

impl InventoryStore for MemoryStore {
    async fn get_stored_inventory(
        &self,
        key: &InventoryKey,
    ) -> Result<Option<Stored<Inventory>>, StoreError> {
        Ok(self.state().inventories.get(key).cloned())
    }

    async fn put_inventory(
        &self,
        inventory: &Inventory,
        expected: Option<u64>,
    ) -> Result<u64, StoreError> {
        put_stored(
            &mut self.state().inventories,
            inventory.key.clone(),
            inventory.key.to_string(),
            inventory,
            expected,
        )
    }
}

/// Stores `value` as the next revision of the record at `key`, if its revision is still
/// `expected`; returns the new revision.
fn put_stored<K: Ord, T: Clone>(
    records: &mut BTreeMap<K, Stored<T>>,
    key: K,
    what: String,
    value: &T,
    expected: Option<u64>,
) -> Result<u64, StoreError> {
    let found = records.get(&key).map(|stored| stored.revision);
    let revision = check_revision(what, expected, found)?;
    let value = value.clone();
    records.insert(key, Stored { revision, value });
    Ok(revision)
}

#[cfg(test)]
mod tests {
    use super::MemoryStore;
    use crate::store::tests::contract;

    #[tokio::test]
    async fn workflows_versions_and_inventories() {
        let store = MemoryStore::new();
        contract::workflows(&store).await;
        contract::versions(&store).await;
        contract::inventories(&store).await;
    }
}
