//! The workflow document: nodes, edges and bookkeeping.

use super::macros::{wire_enum, wire_struct};
use super::version::LegacyVersion;
use super::{Edge, Int, Node, Wire};

wire_enum! {
    /// Publication state of a workflow.
    pub enum WorkflowStatus {
        /// Being edited.
        "draft" => Draft,
        /// Released for deployment.
        "published" => Published,
        /// Retired; read-only.
        "archived" => Archived,
    }
}

impl WorkflowStatus {
    /// Whether a workflow may move from `self` to `next`.
    ///
    /// Drafts get published or archived; a published workflow can go back to draft for
    /// edits or be archived; an archived one can only be restored as a draft.
    pub fn can_transition_to(self, next: WorkflowStatus) -> bool {
        use WorkflowStatus::{Archived, Draft, Published};
        matches!(
            (self, next),
            (Draft, Published)
                | (Draft, Archived)
                | (Published, Draft)
                | (Published, Archived)
                | (Archived, Draft)
        )
    }
}

/// A status change that the lifecycle does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TransitionError<S> {
    /// The current status.
    pub from: S,
    /// The status asked for.
    pub to: S,
}

impl<S: std::fmt::Display> std::fmt::Display for TransitionError<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot move from {} to {}", self.from, self.to)
    }
}

impl<S: std::fmt::Debug + std::fmt::Display> std::error::Error for TransitionError<S> {}

wire_struct! {
    /// A workflow as the canvas stores it (snake_case keys at this level).
    pub struct Workflow {
        /// Document id (24 hex characters).
        "id" => id: String,
        /// Workflow name; the `app.kubernetes.io/part-of` label of every object.
        "name" => name: String,
        /// Description.
        "description" => description: String,
        /// Target cluster name.
        "cluster_id" => cluster_id: String,
        /// `draft`, `published` or `archived`.
        "status" => status: WorkflowStatus,
        /// Tags.
        "tags" => tags: Vec<String>,
        /// Resources.
        "nodes" => nodes: Vec<Wire<Node>>,
        /// Relationships.
        "edges" => edges: Vec<Wire<Edge>>,
        /// Legacy embedded history.
        "versions" => versions: Vec<LegacyVersion>,
        /// Current version number.
        "current_version" => current_version: Int,
        /// Owner id.
        "owner_id" => owner_id: String,
        /// Team id.
        "team_id" => team_id: String,
        /// Creation time (RFC 3339).
        "created_at" => created_at: String,
        /// Last update (RFC 3339).
        "updated_at" => updated_at: String,
        /// Soft-deletion time; set means deleted.
        "deleted_at" => deleted_at: String,
        /// Last run time.
        "last_run_at" => last_run_at: String,
        /// Runs so far.
        "run_count" => run_count: Int,
        /// Successful runs.
        "success_count" => success_count: Int,
        /// Failed runs.
        "failure_count" => failure_count: Int,
    }
}

impl Workflow {
    /// Nodes that could be read, with their index in `nodes`.
    pub fn nodes(&self) -> impl Iterator<Item = (usize, &Node)> {
        self.nodes
            .items()
            .iter()
            .enumerate()
            .filter_map(|(index, node)| node.get().map(|node| (index, node)))
    }

    /// Edges that could be read, with their index in `edges`.
    pub fn edges(&self) -> impl Iterator<Item = (usize, &Edge)> {
        self.edges
            .items()
            .iter()
            .enumerate()
            .filter_map(|(index, edge)| edge.get().map(|edge| (index, edge)))
    }

    /// The workflow name, or an empty string.
    pub fn name(&self) -> &str {
        self.name.as_str().unwrap_or_default()
    }

    /// Whether the workflow was soft-deleted.
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.non_empty().is_some()
    }

    /// Moves the workflow to `next` when the lifecycle allows it.
    pub fn set_status(
        &mut self,
        next: WorkflowStatus,
    ) -> Result<(), TransitionError<WorkflowStatus>> {
        let current = self.status.get().copied().unwrap_or(WorkflowStatus::Draft);
        if !current.can_transition_to(next) {
            return Err(TransitionError {
                from: current,
                to: next,
            });
        }
        self.status = Wire::Valid(next);
        Ok(())
    }
}
