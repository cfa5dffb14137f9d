//! What an apply did: per object, per node, and the report that holds both, each with
//! its text (`Display`, what `kubegraph apply` prints) and its JSON form (`Serialize`).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::error::ObjectError;
use crate::inventory::ObjectRef;

/// What happened to one object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Outcome {
    /// Created (or, in a dry run, would be).
    Created,
    /// Changed (or would be).
    Updated,
    /// Already as applied: the server stored nothing.
    Unchanged,
    /// Pruned (or would be).
    Deleted,
    /// Gone from the output but left in the cluster.
    Kept {
        /// Why it was not pruned.
        reason: String,
    },
    /// Failed; the other objects were still attempted.
    Failed {
        /// Why.
        error: ObjectError,
    },
}

/// The result for one object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectResult {
    /// The node it comes from (`None` for generated objects).
    pub node_id: Option<String>,
    /// Which object.
    pub object: ObjectRef,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// `Kind/namespace/name [node]: created`, as `kubegraph apply` prints each object.
impl fmt::Display for ObjectResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.object)?;
        if let Some(node) = &self.node_id {
            write!(f, " [{node}]")?;
        }
        f.write_str(": ")?;
        match &self.outcome {
            Outcome::Created => f.write_str("created"),
            Outcome::Updated => f.write_str("updated"),
            Outcome::Unchanged => f.write_str("unchanged"),
            Outcome::Deleted => f.write_str("deleted"),
            Outcome::Kept { reason } => write!(f, "kept ({reason})"),
            Outcome::Failed { error } => write!(f, "FAILED: {error}"),
        }
    }
}

/// Everything one apply did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Per object, in apply order, prune results last.
    pub objects: Vec<ObjectResult>,
    /// Per node id, for colouring a canvas.
    pub nodes: BTreeMap<String, NodeStatus>,
    /// Whether the inventory was written (never in a dry run).
    pub inventory_written: bool,
}

impl ApplyReport {
    /// No object failed and no node is in error.
    pub fn succeeded(&self) -> bool {
        !self
            .objects
            .iter()
            .any(|result| matches!(result.outcome, Outcome::Failed { .. }))
            && !self
                .nodes
                .values()
                .any(|status| status.status == Health::Error)
    }
}

/// The report as `kubegraph apply` prints it: the plan as carried out, then the per-node
/// status.
impl fmt::Display for ApplyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            f.write_str("dry run: nothing was stored\n")?;
        }
        for result in &self.objects {
            writeln!(f, "{result}")?;
        }
        if !self.nodes.is_empty() {
            f.write_str("\nnodes:\n")?;
            for (node, status) in &self.nodes {
                writeln!(f, "  {node}: {}: {}", status.status, status.message)?;
            }
        }
        Ok(())
    }
}

/// How a node (or object) is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Health {
    /// Everything ready.
    Healthy,
    /// Some of it ready (some replicas available, or some of the node's objects ready).
    Partial,
    /// Not ready yet.
    Pending,
    /// Failed to apply, or failed in the cluster (a failed Job, a stuck rollout).
    Error,
}

/// The status of one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeStatus {
    /// Overall.
    pub status: Health,
    /// What to show next to the node.
    pub message: String,
}

/// The name JSON uses too: `healthy`, `partial`, `pending` or `error`.
impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Health::Healthy => "healthy",
            Health::Partial => "partial",
            Health::Pending => "pending",
            Health::Error => "error",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_map(name: &str) -> ObjectRef {
        ObjectRef {
            api_version: "v1".to_owned(),
            kind: "ConfigMap".to_owned(),
            namespace: Some("shop".to_owned()),
            name: name.to_owned(),
        }
    }

    #[test]
    fn the_text_lists_each_object_then_each_node() {
        let report = ApplyReport {
            dry_run: true,
            objects: vec![
                ObjectResult {
                    node_id: Some("node-1".to_owned()),
                    object: config_map("a"),
                    outcome: Outcome::Created,
                },
                ObjectResult {
                    node_id: None,
                    object: config_map("b"),
                    outcome: Outcome::Kept {
                        reason: "not ours".to_owned(),
                    },
                },
            ],
            nodes: [(
                "node-1".to_owned(),
                NodeStatus {
                    status: Health::Pending,
                    message: "ConfigMap shop/a: dry run, nothing applied".to_owned(),
                },
            )]
            .into(),
            inventory_written: false,
        };
        assert_eq!(
            report.to_string(),
            "dry run: nothing was stored\n\
             ConfigMap shop/a [node-1]: created\n\
             ConfigMap shop/b: kept (not ours)\n\
             \n\
             nodes:\n  \
             node-1: pending: ConfigMap shop/a: dry run, nothing applied\n"
        );
        let json = serde_json::to_value(&report).expect("serializes");
        assert_eq!(json["objects"][0]["outcome"], "created");
        assert_eq!(json["nodes"]["node-1"]["status"], "pending");
    }
}
