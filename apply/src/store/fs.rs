//! The file-system store: one JSON document per record.
//!
//! Layout under the root: `workflows/<id>.json`, `versions/<workflow>/<number>.json`,
//! `inventories/<cluster>/<workflow>.json`. Every write goes to a temporary file in the
//! same directory, is flushed to disk, then renamed over the record (rename is atomic on
//! POSIX file systems) and the directory is synced: a crash at any point leaves either the
//! previous document or the new one, never a torn one. Leftover temporary files start with
//! a dot and are ignored by reads. Read-modify-write sequences (revision checks, version
//! numbering) hold an exclusive lock on `<root>/.lock`, which also serialises processes.
//!
//! The I/O is blocking: records are small, and the async signatures exist for the
//! in-cluster store.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use kubegraph::model::{Int, Wire, Workflow, WorkflowVersion};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    InventoryStore, Stored, WorkflowStore, check_id, check_revision, version_number,
    version_workflow_id, workflow_id,
};
use crate::error::StoreError;
use crate::inventory::{Inventory, InventoryKey};

/// A store rooted at a directory (created on first write).
#[derive(Debug, Clone)]
pub struct FsStore {
    root: PathBuf,
}

/// Makes temporary names unique within the process (the pid separates processes).
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl FsStore {
    /// A store keeping its records under `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FsStore { root: root.into() }
    }

    fn workflow_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        Ok(self
            .root
            .join("workflows")
            .join(format!("{}.json", check_id(id)?)))
    }

    fn versions_dir(&self, workflow_id: &str) -> Result<PathBuf, StoreError> {
        Ok(self.root.join("versions").join(check_id(workflow_id)?))
    }

    fn inventory_path(&self, key: &InventoryKey) -> Result<PathBuf, StoreError> {
        Ok(self
            .root
            .join("inventories")
            .join(check_id(&key.cluster)?)
            .join(format!("{}.json", check_id(&key.workflow_id)?)))
    }

    /// Holds the store-wide lock until the returned file is dropped.
    fn lock(&self) -> Result<File, StoreError> {
        fs::create_dir_all(&self.root).map_err(io_error(&self.root))?;
        let path = self.root.join(".lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_error(&path))?;
        file.lock().map_err(io_error(&path))?;
        Ok(file)
    }

    /// Writes `value` as the next revision of the record at `path`, if its revision is
    /// still `expected`; returns the new revision.
    fn put_stored<T: Serialize + DeserializeOwned>(
        &self,
        path: &Path,
        what: String,
        value: &T,
        expected: Option<u64>,
    ) -> Result<u64, StoreError> {
        let _lock = self.lock()?;
        let found = read_json::<Stored<T>>(path)?.map(|stored| stored.revision);
        let revision = check_revision(what, expected, found)?;
        write_json(path, &Stored { revision, value })?;
        Ok(revision)
    }
}

impl WorkflowStore for FsStore {
    async fn get_workflow(&self, id: &str) -> Result<Option<Stored<Workflow>>, StoreError> {
        read_json(&self.workflow_path(id)?)
    }

    async fn put_workflow(
        &self,
        workflow: &Workflow,
        expected: Option<u64>,
    ) -> Result<u64, StoreError> {
        let id = workflow_id(workflow)?;
        let path = self.workflow_path(id)?;
        self.put_stored(&path, format!("workflow {id}"), workflow, expected)
    }

    async fn list_workflows(&self) -> Result<Vec<Stored<Workflow>>, StoreError> {
        let mut workflows = Vec::new();
        for path in documents(&self.root.join("workflows"))? {
            if let Some(stored) = read_json::<Stored<Workflow>>(&path)?
                && !stored.value.is_deleted()
            {
                workflows.push(stored);
            }
        }
        Ok(workflows)
    }

    async fn append_version(
        &self,
        version: &WorkflowVersion,
    ) -> Result<WorkflowVersion, StoreError> {
        let dir = self.versions_dir(version_workflow_id(version)?)?;
        let _lock = self.lock()?;
        let last = documents(&dir)?
            .last()
            .and_then(|path| path.file_stem()?.to_str()?.parse::<i64>().ok())
            .unwrap_or_default();
        let mut version = version.clone();
        version.version = Wire::Valid(Int::from(last + 1));
        write_json(&version_path(&dir, last + 1), &version)?;
        Ok(version)
    }

    async fn list_versions(&self, workflow_id: &str) -> Result<Vec<WorkflowVersion>, StoreError> {
        let mut versions = Vec::new();
        for path in documents(&self.versions_dir(workflow_id)?)? {
            versions.extend(read_json::<WorkflowVersion>(&path)?);
        }
        versions.sort_by_key(version_number);
        Ok(versions)
    }

    async fn get_version(
        &self,
        workflow_id: &str,
        number: i64,
    ) -> Result<Option<WorkflowVersion>, StoreError> {
        read_json(&version_path(&self.versions_dir(workflow_id)?, number))
    }
}

impl InventoryStore for FsStore {
    async fn get_stored_inventory(
        &self,
        key: &InventoryKey,
    ) -> Result<Option<Stored<Inventory>>, StoreError> {
        read_json(&self.inventory_path(key)?)
    }

    async fn put_inventory(
        &self,
        inventory: &Inventory,
        expected: Option<u64>,
    ) -> Result<u64, StoreError> {
        let path = self.inventory_path(&inventory.key)?;
        self.put_stored(&path, inventory.key.to_string(), inventory, expected)
    }
}

/// Zero-padded so that names sort by number.
fn version_path(dir: &Path, number: i64) -> PathBuf {
    dir.join(format!("{number:010}.json"))
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The records in a directory, sorted by name; temporary files (dot names) are skipped.
fn documents(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io_error(dir)(error)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(io_error(dir))?.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if !name.starts_with('.') && name.ends_with(".json") {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io_error(path)(error)),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|source| StoreError::Json {
            what: path.display().to_string(),
            source,
        })
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec_pretty(value).map_err(|source| StoreError::Json {
        what: path.display().to_string(),
        source,
    })?;
    write_atomic(path, |file| file.write_all(&bytes))
}

/// Writes through a temporary file and renames it over `path`; on any error the temporary
/// file is removed and `path` is untouched.
fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io_error(dir))?;
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("record");
    let temp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            write(&mut file)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temp, path));
    if let Err(error) = written {
        // Best effort: a leftover temporary file is harmless (reads skip it).
        let _ = fs::remove_file(&temp);
        return Err(io_error(path)(error));
    }
    // Make the rename itself durable.
    File::open(dir)
        .and_then(|dir| dir.sync_all())
        .map_err(io_error(dir))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::store::tests::contract::{self, stored_workflow};

    #[tokio::test]
    async fn workflows_versions_and_inventories() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsStore::new(dir.path());
        contract::workflows(&store).await;
        contract::versions(&store).await;
        contract::inventories(&store).await;
        // One document per record, readable by other tools.
        assert!(dir.path().join("workflows/w1.json").is_file());
        assert!(dir.path().join("versions/w1/0000000003.json").is_file());
        assert!(dir.path().join("inventories/staging/w1.json").is_file());
    }

    #[tokio::test]
    async fn a_crash_mid_write_leaves_the_previous_version_readable() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsStore::new(dir.path());
        store
            .put_workflow(&contract::workflow("w1", "before"), None)
            .await
            .unwrap();
        // A process that died while writing leaves a partial temporary file behind.
        let leftover = dir.path().join("workflows/.w1.json.tmp-999-0");
        fs::write(&leftover, br#"{"revision": 2, "value": {"id": "w1", "na"#).unwrap();

        let stored = store.get_workflow("w1").await.unwrap().unwrap();
        assert_eq!((stored.revision, stored.value.name()), (1, "before"));
        assert_eq!(store.list_workflows().await.unwrap().len(), 1);
        // And the next write still works.
        assert_eq!(
            store
                .put_workflow(&contract::workflow("w1", "after"), Some(1))
                .await
                .unwrap(),
            2
        );
        assert_eq!(stored_workflow(&store, "w1").await.name(), "after");
    }

    #[tokio::test]
    async fn a_failed_write_changes_nothing_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsStore::new(dir.path());
        store
            .put_workflow(&contract::workflow("w1", "before"), None)
            .await
            .unwrap();
        let path = store.workflow_path("w1").unwrap();
        let before = fs::read(&path).unwrap();

        // The disk fills up after half of the document.
        let result = write_atomic(&path, |file| {
            file.write_all(br#"{"revision": 2, "val"#)?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        assert!(matches!(result, Err(StoreError::Io { .. })));
        assert_eq!(fs::read(&path).unwrap(), before);
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["w1.json"]);
        assert_eq!(stored_workflow(&store, "w1").await.name(), "before");
    }
}
