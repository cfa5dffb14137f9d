//! The in-cluster inventory store: one ConfigMap per workflow, as kapp and Helm keep their
//! records in the cluster they describe, so every client applying the workflow to that
//! cluster sees the same inventory.
//!
//! The ConfigMap `kubegraph-inventory-<workflow id>` holds the inventory as JSON under
//! `inventory.json` and its revision in an annotation; a write names the ConfigMap's
//! `resourceVersion` it read, so two clients writing at once cannot both succeed. It lives
//! in the cluster it describes, so the key's cluster name is not part of its name. It
//! carries no object contents (see [`crate::inventory`]).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ConfigMap;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Client;
use kube::api::{Api, PostParams};

use super::{InventoryStore, Stored, check_revision};
use crate::error::StoreError;
use crate::inventory::{Inventory, InventoryKey, MANAGED_BY, MANAGED_BY_LABEL};

const DATA_KEY: &str = "inventory.json";
/// The annotation holding the inventory's revision.
const REVISION_ANNOTATION: &str = "kubegraph.dev/inventory-revision";

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

impl ClusterStore {
    /// The ConfigMap, if any; `what` names it in errors.
    async fn config_map(&self, name: &str, what: &str) -> Result<Option<ConfigMap>, StoreError> {
        self.config_maps
            .get_opt(name)
            .await
            .map_err(|source| kube_error(what, source))
    }
}

impl InventoryStore for ClusterStore {
    async fn get_stored_inventory(
        &self,
        key: &InventoryKey,
    ) -> Result<Option<Stored<Inventory>>, StoreError> {
        let name = Self::name(&key.workflow_id)?;
        let what = format!("ConfigMap {}/{name}", self.namespace);
        let Some(config_map) = self.config_map(&name, &what).await? else {
            return Ok(None);
        };
        let Some(revision) = inventory_revision(&config_map) else {
            return Ok(None);
        };
        let Some(text) = config_map.data.and_then(|mut data| data.remove(DATA_KEY)) else {
            return Ok(None);
        };
        let mut inventory: Inventory =
            serde_json::from_str(&text).map_err(|source| StoreError::Json { what, source })?;
        inventory.key = key.clone();
        Ok(Some(Stored {
            revision,
            value: inventory,
        }))
    }

    async fn put_inventory(
        &self,
        inventory: &Inventory,
        expected: Option<u64>,
    ) -> Result<u64, StoreError> {
        let name = Self::name(&inventory.key.workflow_id)?;
        let what = format!("ConfigMap {}/{name}", self.namespace);
        let text = serde_json::to_string(inventory).map_err(|source| StoreError::Json {
            what: what.clone(),
            source,
        })?;
        let current = self.config_map(&name, &what).await?;
        let found = current.as_ref().and_then(inventory_revision);
        let revision = check_revision(inventory.key.to_string(), expected, found)?;
        let config_map = ConfigMap {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                namespace: Some(self.namespace.clone()),
                labels: Some(BTreeMap::from([
                    (MANAGED_BY_LABEL.to_owned(), MANAGED_BY.to_owned()),
                    (
                        "app.kubernetes.io/component".to_owned(),
                        "inventory".to_owned(),
                    ),
                ])),
                annotations: Some(BTreeMap::from([(
                    REVISION_ANNOTATION.to_owned(),
                    revision.to_string(),
                )])),
                // The precondition: the server refuses the write (409) if another client
                // wrote the ConfigMap since it was read above.
                resource_version: current
                    .as_ref()
                    .and_then(|config_map| config_map.metadata.resource_version.clone()),
                ..ObjectMeta::default()
            },
            data: Some(BTreeMap::from([(DATA_KEY.to_owned(), text)])),
            ..ConfigMap::default()
        };
        let written = match current {
            None => {
                self.config_maps
                    .create(&PostParams::default(), &config_map)
                    .await
            }
            Some(_) => {
                self.config_maps
                    .replace(&name, &PostParams::default(), &config_map)
                    .await
            }
        };
        match written {
            Ok(_) => Ok(revision),
            // Written by someone else between the read and the write.
            Err(kube::Error::Api(status)) if status.code == 409 => {
                let now = self.config_map(&name, &what).await?;
                Err(StoreError::Conflict {
                    what: inventory.key.to_string(),
                    expected,
                    found: now.as_ref().and_then(inventory_revision),
                })
            }
            Err(source) => Err(kube_error(&what, source)),
        }
    }
}

/// The revision of the inventory the ConfigMap holds; `None` when it holds none. An
/// inventory written before revisions were recorded is revision 1.
fn inventory_revision(config_map: &ConfigMap) -> Option<u64> {
    config_map.data.as_ref()?.get(DATA_KEY)?;
    let recorded = config_map
        .metadata
        .annotations
        .as_ref()
        .and_then(|annotations| annotations.get(REVISION_ANNOTATION))
        .and_then(|revision| revision.parse().ok());
    Some(recorded.unwrap_or(1))
}

fn kube_error(what: &str, source: kube::Error) -> StoreError {
    StoreError::Kube {
        what: what.to_owned(),
        source: Box::new(source),
    }
}
