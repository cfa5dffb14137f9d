//! The in-cluster inventory store: one ConfigMap per workflow, as kapp and Helm keep their
//! records in the cluster they describe, so every client applying the workflow to that
//! cluster sees the same inventory.
//!
//! The ConfigMap `kubegraph-inventory-<workflow id>` holds the inventory as JSON under
//! `inventory.json`. It lives in the cluster it describes, so the key's cluster name is not
//! part of its name. It carries no object contents (see [`crate::inventory`]).

use k8s_openapi::api::core::v1::ConfigMap;
use kube::Client;
use kube::api::{Api, Patch, PatchParams};
use serde_json::json;

use super::InventoryStore;
use crate::error::StoreError;
use crate::inventory::{Inventory, InventoryKey, MANAGED_BY, MANAGED_BY_LABEL};

const DATA_KEY: &str = "inventory.json";
const FIELD_MANAGER: &str = "kubegraph-inventory";

/// Inventories kept in ConfigMaps of one namespace.
#[derive(Clone)]
pub struct ClusterStore {
    config_maps: Api<ConfigMap>,
    namespace: String,
}

impl std::fmt::Debug for ClusterStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClusterStore")
            .field("namespace", &self.namespace)
            .finish_non_exhaustive()
    }
}

impl ClusterStore {
    /// A store writing ConfigMaps into `namespace` (which must exist).
    pub fn new(client: Client, namespace: &str) -> Self {
        ClusterStore {
            config_maps: Api::namespaced(client, namespace),
            namespace: namespace.to_owned(),
        }
    }

    /// The ConfigMap's name; the id must already be a valid name part.
    fn name(workflow_id: &str) -> Result<String, StoreError> {
        let valid = !workflow_id.is_empty()
            && workflow_id.len() <= 200
            && workflow_id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if valid {
            Ok(format!("kubegraph-inventory-{workflow_id}"))
        } else {
            Err(StoreError::InvalidId(workflow_id.to_owned()))
        }
    }
}

impl InventoryStore for ClusterStore {
    async fn get_inventory(&self, key: &InventoryKey) -> Result<Option<Inventory>, StoreError> {
        let name = Self::name(&key.workflow_id)?;
        let what = format!("ConfigMap {}/{name}", self.namespace);
        let config_map =
            self.config_maps
                .get_opt(&name)
                .await
                .map_err(|source| StoreError::Kube {
                    what: what.clone(),
                    source: Box::new(source),
                })?;
        let Some(text) = config_map
            .and_then(|config_map| config_map.data)
            .and_then(|mut data| data.remove(DATA_KEY))
        else {
            return Ok(None);
        };
        let mut inventory: Inventory =
            serde_json::from_str(&text).map_err(|source| StoreError::Json { what, source })?;
        inventory.key = key.clone();
        Ok(Some(inventory))
    }

    async fn put_inventory(&self, inventory: &Inventory) -> Result<(), StoreError> {
        let name = Self::name(&inventory.key.workflow_id)?;
        let what = format!("ConfigMap {}/{name}", self.namespace);
        let text = serde_json::to_string(inventory).map_err(|source| StoreError::Json {
            what: what.clone(),
            source,
        })?;
        let config_map = json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {
                "name": name,
                "namespace": self.namespace,
                "labels": {
                    MANAGED_BY_LABEL: MANAGED_BY,
                    "app.kubernetes.io/component": "inventory",
                },
            },
            "data": { DATA_KEY: text },
        });
        // Server-side apply with force: the inventory has a single writer by design.
        self.config_maps
            .patch(
                &name,
                &PatchParams::apply(FIELD_MANAGER).force(),
                &Patch::Apply(config_map),
            )
            .await
            .map_err(|source| StoreError::Kube {
                what,
                source: Box::new(source),
            })?;
        Ok(())
    }
}
