//! Tests every store implementation runs through, and the no-secrets check.

/// The behaviour every implementation must show.
pub(crate) mod contract {
    use kubegraph::model::{Int, Wire, Workflow, WorkflowVersion};

    use crate::error::StoreError;
    use crate::inventory::{Inventory, InventoryEntry, InventoryKey, ObjectRef};
    use crate::store::{InventoryStore, WorkflowStore};

    pub(crate) fn workflow(id: &str, name: &str) -> Workflow {
        Workflow {
            id: Wire::Valid(id.to_owned()),
            name: Wire::Valid(name.to_owned()),
            ..Workflow::default()
        }
    }

    pub(crate) fn inventory(workflow_id: &str, cluster: &str, names: &[&str]) -> Inventory {
        Inventory {
            key: InventoryKey {
                workflow_id: workflow_id.to_owned(),
                cluster: cluster.to_owned(),
            },
            objects: names
                .iter()
                .map(|name| InventoryEntry {
                    node_id: Some(format!("node-{name}")),
                    object: ObjectRef {
                        api_version: "v1".to_owned(),
                        kind: "ConfigMap".to_owned(),
                        namespace: Some("shop".to_owned()),
                        name: (*name).to_owned(),
                    },
                    uid: Some(format!("uid-{name}")),
                })
                .collect(),
        }
    }

    /// The ids of the workflows the store lists.
    async fn listed_ids(store: &impl WorkflowStore) -> Vec<String> {
        store
            .list_workflows()
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.value.id.as_str().unwrap().to_owned())
            .collect()
    }

    /// The stored workflow `id`, which must exist.
    pub(crate) async fn stored_workflow(store: &impl WorkflowStore, id: &str) -> Workflow {
        store.get_workflow(id).await.unwrap().unwrap().value
    }

    pub(crate) async fn workflows(store: &impl WorkflowStore) {
        assert!(store.get_workflow("w1").await.unwrap().is_none());
        let created = store
            .put_workflow(&workflow("w1", "shop"), None)
            .await
            .unwrap();
        assert_eq!(created, 1);
        // Creating again, or replacing with a stale revision, is refused.
        assert!(matches!(
            store.put_workflow(&workflow("w1", "other"), None).await,
            Err(StoreError::Conflict { found: Some(1), .. })
        ));
        let updated = store
            .put_workflow(&workflow("w1", "shop-2"), Some(1))
            .await
            .unwrap();
        assert_eq!(updated, 2);
        assert!(matches!(
            store
                .put_workflow(&workflow("w1", "lost update"), Some(1))
                .await,
            Err(StoreError::Conflict {
                expected: Some(1),
                found: Some(2),
                ..
            })
        ));
        let stored = store.get_workflow("w1").await.unwrap().unwrap();
        assert_eq!((stored.revision, stored.value.name()), (2, "shop-2"));

        store
            .put_workflow(&workflow("w2", "docs"), None)
            .await
            .unwrap();
        assert_eq!(listed_ids(store).await, ["w1", "w2"]);

        // Soft delete: gone from the list, still readable, revision checked.
        assert!(
            store
                .delete_workflow("w1", "2026-06-01T00:00:00Z", 1)
                .await
                .is_err()
        );
        assert_eq!(
            store
                .delete_workflow("w1", "2026-06-01T00:00:00Z", 2)
                .await
                .unwrap(),
            3
        );
        assert_eq!(listed_ids(store).await, ["w2"]);
        assert!(stored_workflow(store, "w1").await.is_deleted());

        assert!(matches!(
            store.put_workflow(&workflow("../escape", "x"), None).await,
            Err(StoreError::InvalidId(_))
        ));
    }

    pub(crate) async fn versions(store: &impl WorkflowStore) {
        let snapshot = |name: &str| WorkflowVersion {
            workflow_id: Wire::Valid("w1".to_owned()),
            name: Wire::Valid(name.to_owned()),
            ..WorkflowVersion::default()
        };
        let first = store.append_version(&snapshot("first")).await.unwrap();
        let second = store.append_version(&snapshot("second")).await.unwrap();
        assert_eq!(first.version, Wire::Valid(Int::from(1)));
        assert_eq!(second.version, Wire::Valid(Int::from(2)));
        let restored = store
            .restore_version("w1", 1, "2026-06-02T00:00:00Z")
            .await
            .unwrap();
        assert_eq!(restored.version, Wire::Valid(Int::from(3)));
        assert_eq!(restored.restored_from, Wire::Valid(Int::from(1)));
        assert_eq!(restored.name.as_str(), Some("first"));
        let names: Vec<_> = store
            .list_versions("w1")
            .await
            .unwrap()
            .iter()
            .map(|v| v.name.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["first", "second", "first"]);
        assert_eq!(
            store
                .get_version("w1", 2)
                .await
                .unwrap()
                .unwrap()
                .name
                .as_str(),
            Some("second")
        );
        assert!(store.get_version("w1", 9).await.unwrap().is_none());
        assert!(store.list_versions("w9").await.unwrap().is_empty());
    }

    pub(crate) async fn inventories(store: &impl InventoryStore) {
        let key = inventory("w1", "staging", &[]).key;
        assert!(store.get_inventory(&key).await.unwrap().is_none());
        let first = store
            .put_inventory(&inventory("w1", "staging", &["a", "b"]), None)
            .await
            .unwrap();
        assert_eq!(first, 1);
        store
            .put_inventory(&inventory("w1", "prod", &["c"]), None)
            .await
            .unwrap();
        let second = store
            .put_inventory(&inventory("w1", "staging", &["b"]), Some(first))
            .await
            .unwrap();
        assert_eq!(second, 2);
        let stored = store.get_stored_inventory(&key).await.unwrap().unwrap();
        assert_eq!(stored.revision, 2);
        assert_eq!(stored.value, inventory("w1", "staging", &["b"]));
        // A writer that read revision 1, or thought there was no inventory, lost the race:
        // refused, and the inventory is left as it was.
        for stale in [Some(first), None] {
            let refused = store
                .put_inventory(&inventory("w1", "staging", &["z"]), stale)
                .await;
            assert!(
                matches!(refused, Err(StoreError::Conflict { .. })),
                "{refused:?}"
            );
        }
        assert_eq!(
            store.get_inventory(&key).await.unwrap(),
            Some(inventory("w1", "staging", &["b"]))
        );
        let prod = inventory("w1", "prod", &[]).key;
        assert_eq!(
            store
                .get_inventory(&prod)
                .await
                .unwrap()
                .unwrap()
                .objects
                .len(),
            1
        );
    }
}

/// No secret or env value reaches any store.
mod secrets {
    use std::fs;
    use std::path::Path;

    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use kubegraph::model::WorkflowVersion;
    use kubegraph::parse::{parse_values, parse_workflow};
    use kubegraph::{CompileOptions, compile};

    use crate::inventory::{Inventory, InventoryEntry, InventoryKey};
    use crate::store::{FsStore, InventoryStore, MemoryStore, WorkflowStore};

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/workflows");

    /// Saves what a run of the storefront keeps: the workflow, a snapshot and the
    /// inventory of its compiled objects (secret and env values supplied at run time).
    async fn save_storefront(store: &(impl WorkflowStore + InventoryStore)) -> Vec<String> {
        let read = |name: &str| fs::read_to_string(Path::new(FIXTURES).join(name)).unwrap();
        let workflow = parse_workflow(&read("storefront.json")).unwrap();
        let values = parse_values(&read("storefront.values.json")).unwrap();
        let compilation = compile(
            &workflow,
            &CompileOptions {
                values: Some(&values),
                ..CompileOptions::default()
            },
        );
        assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
        assert!(
            compilation
                .objects
                .iter()
                .any(|manifest| manifest.object.kind() == "Secret")
        );

        store.put_workflow(&workflow, None).await.unwrap();
        store
            .append_version(&WorkflowVersion {
                workflow_id: workflow.id.clone(),
                nodes: workflow.nodes.clone(),
                edges: workflow.edges.clone(),
                ..WorkflowVersion::default()
            })
            .await
            .unwrap();
        let inventory = Inventory {
            key: InventoryKey {
                workflow_id: workflow.id.as_str().unwrap().to_owned(),
                cluster: "staging".to_owned(),
            },
            objects: compilation
                .objects
                .iter()
                .map(|manifest| InventoryEntry::applied(manifest, Some("uid".to_owned())))
                .collect(),
        };
        store.put_inventory(&inventory, None).await.unwrap();

        // Every value from the values file, raw and as the Secret's base64.
        let mut secrets = Vec::new();
        for by_key in values.secrets.values().chain(values.env_vars.values()) {
            for value in by_key.values() {
                secrets.push(value.clone());
                secrets.push(STANDARD.encode(value));
            }
        }
        secrets
    }

    #[tokio::test]
    async fn no_secret_or_env_value_reaches_the_memory_store() {
        let store = MemoryStore::new();
        let secrets = save_storefront(&store).await;
        let dump = store.dump();
        assert!(dump.contains("api-db"), "the Secret's identity is recorded");
        for secret in &secrets {
            assert!(
                !dump.contains(secret.as_str()),
                "a secret value reached the store"
            );
        }
    }

    #[tokio::test]
    async fn no_secret_or_env_value_reaches_the_file_system_store() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = save_storefront(&FsStore::new(dir.path())).await;
        let mut stored = String::new();
        let mut pending = vec![dir.path().to_path_buf()];
        while let Some(path) = pending.pop() {
            if path.is_dir() {
                pending.extend(
                    fs::read_dir(&path)
                        .unwrap()
                        .map(|entry| entry.unwrap().path()),
                );
            } else {
                stored.push_str(&fs::read_to_string(&path).unwrap());
            }
        }
        assert!(
            stored.contains("api-db"),
            "the Secret's identity is recorded"
        );
        for secret in &secrets {
            assert!(
                !stored.contains(secret.as_str()),
                "a secret value reached the store"
            );
        }
    }
}
