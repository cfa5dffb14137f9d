//! `diff`: what applying would change, as a readable per-object diff.
//!
//! The "after" side is the server's own answer to a server-side apply with `dryRun=All`,
//! so defaulting, admission and other managers' fields are accounted for; the "before"
//! side is the live object. Both are shown as YAML without the metadata the server
//! maintains. Secret values are never printed: they are replaced by markers that still
//! show whether a value changed.

use std::fmt;

use kube::api::{Api, DynamicObject};
use kubegraph::Manifest;
use kubegraph::render::yaml::value_to_yaml;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;
use similar::TextDiff;

use crate::applier::Applier;
use crate::error::ObjectError;
use crate::inventory::{Inventory, InventoryEntry, ObjectRef};
use crate::options::ApplyOptions;
use crate::plan::{Action, normalize, to_value};

/// The diff of one object.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectDiff {
    /// The node it comes from (`None` for generated objects).
    pub node_id: Option<String>,
    /// Which object.
    pub object: ObjectRef,
    /// What applying would do, or why it cannot be previewed.
    pub action: Result<Action, ObjectError>,
    /// A unified diff (live → applied); empty when unchanged or failed.
    pub diff: String,
}

/// `Kind/namespace/name (node id): update` and the unified diff, as `kubegraph diff`
/// prints each object.
impl fmt::Display for ObjectDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.object)?;
        if let Some(node) = &self.node_id {
            write!(f, " (node {node})")?;
        }
        match &self.action {
            Ok(action) => writeln!(f, ": {action}")?,
            Err(error) => writeln!(f, ": error: {error}")?,
        }
        f.write_str(&self.diff)
    }
}

/// `nodeId`, `object`, `diff`, then `action` (`create`, `update`, `unchanged`, `delete`)
/// or `error`, never both. The diff masks Secret values, as the text does.
impl Serialize for ObjectDiff {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut json = serializer.serialize_struct("ObjectDiff", 4)?;
        json.serialize_field("nodeId", &self.node_id)?;
        json.serialize_field("object", &self.object)?;
        json.serialize_field("diff", &self.diff)?;
        match &self.action {
            Ok(action) => json.serialize_field("action", action)?,
            Err(error) => json.serialize_field("error", error)?,
        }
        json.end()
    }
}

impl Applier {
    /// Diffs `manifests` against the cluster, plus the deletions prune would make of what
    /// the previous inventory recorded. Changes nothing on the server.
    pub async fn diff(
        &self,
        manifests: &[Manifest],
        previous: Option<&Inventory>,
        options: &ApplyOptions,
    ) -> Vec<ObjectDiff> {
        let mut previews = self.previews(manifests, previous, options).await;
        let mut diffs = Vec::with_capacity(previews.objects.len() + previews.removed.len());
        for previewed in previews.objects {
            let (action, diff) = match previewed.preview {
                Ok(preview) => {
                    let after = preview
                        .applied
                        .clone()
                        .unwrap_or_else(|| previewed.manifest.object.to_value());
                    let diff = render(&previewed.object.kind, preview.live.as_ref(), Some(&after));
                    (Ok(preview.action()), diff)
                }
                Err(error) => (Err(error), String::new()),
            };
            diffs.push(ObjectDiff {
                node_id: previewed.manifest.node_id.clone(),
                object: previewed.object,
                action,
                diff,
            });
        }
        for entry in previews.removed {
            let live = match previews.kinds.api(&entry.object).await {
                Ok(api) => live(&api, entry).await,
                Err(error) => Err(error),
            };
            let (action, diff) = match live {
                Ok(live) => (
                    Ok(Action::Delete),
                    live.map(|live| render(&entry.object.kind, Some(&live), None))
                        .unwrap_or_default(),
                ),
                Err(error) => (Err(error), String::new()),
            };
            diffs.push(ObjectDiff {
                node_id: entry.node_id.clone(),
                object: entry.object.clone(),
                action,
                diff,
            });
        }
        diffs
    }
}

async fn live(
    api: &Api<DynamicObject>,
    entry: &InventoryEntry,
) -> Result<Option<Value>, ObjectError> {
    Ok(api
        .get_opt(&entry.object.name)
        .await
        .map_err(ObjectError::from_kube)?
        .map(to_value))
}

/// A unified diff of two object states as YAML, written as `kubegraph compile` writes it.
fn render(kind: &str, before: Option<&Value>, after: Option<&Value>) -> String {
    let mut before = before.map(normalize);
    let mut after = after.map(normalize);
    if kind == "Secret" {
        redact(before.as_mut(), after.as_mut());
    }
    let yaml = |value: Option<&Value>| value.map(value_to_yaml).unwrap_or_default();
    let (before, after) = (yaml(before.as_ref()), yaml(after.as_ref()));
    if before == after {
        return String::new();
    }
    TextDiff::from_lines(&before, &after)
        .unified_diff()
        .context_radius(3)
        .header("live", "applied")
        .to_string()
}

/// Replaces every Secret value with a marker; a value that differs (or exists on one side
/// only) gets a different marker on the applied side, so the diff still shows the change.
fn redact(mut before: Option<&mut Value>, mut after: Option<&mut Value>) {
    for field in ["data", "stringData"] {
        let old = before
            .as_deref()
            .and_then(|value| value.get(field))
            .cloned()
            .unwrap_or_default();
        if let Some(map) = before
            .as_deref_mut()
            .and_then(|value| value.get_mut(field))
            .and_then(Value::as_object_mut)
        {
            map.values_mut()
                .for_each(|value| *value = Value::from("<redacted>"));
        }
        if let Some(map) = after
            .as_deref_mut()
            .and_then(|value| value.get_mut(field))
            .and_then(Value::as_object_mut)
        {
            for (key, value) in map.iter_mut() {
                let marker = if old.get(key) == Some(value) {
                    "<redacted>"
                } else {
                    "<redacted, changed>"
                };
                *value = Value::from(marker);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secret_values_never_appear_but_changes_do() {
        let live = json!({"kind": "Secret", "metadata": {"name": "db"}, "data": {"URL": "cG9zdGdyZXM=", "PASSWORD": "b2xk"}});
        let applied = json!({"kind": "Secret", "metadata": {"name": "db"}, "data": {"URL": "cG9zdGdyZXM=", "PASSWORD": "bmV3"}});
        let diff = render("Secret", Some(&live), Some(&applied));
        assert!(
            !diff.contains("b2xk") && !diff.contains("bmV3") && !diff.contains("cG9zdGdyZXM="),
            "{diff}"
        );
        assert!(diff.contains("-  PASSWORD: <redacted>"), "{diff}");
        assert!(diff.contains("+  PASSWORD: <redacted, changed>"), "{diff}");
        assert!(!diff.contains("URL: <redacted, changed>"), "{diff}");
    }

    #[test]
    fn unchanged_objects_have_an_empty_diff() {
        let object = json!({"kind": "ConfigMap", "metadata": {"name": "a", "resourceVersion": "1"}, "data": {"k": "v"}});
        let mut applied = object.clone();
        applied["metadata"]["resourceVersion"] = json!("2");
        assert_eq!(render("ConfigMap", Some(&object), Some(&applied)), "");
        let changed = json!({"kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "w"}});
        let diff = render("ConfigMap", Some(&object), Some(&changed));
        assert!(diff.contains("-  k: v\n+  k: w"), "{diff}");
    }
}
