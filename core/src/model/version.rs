//! Version history: the legacy embedded versions, version documents and diffs.

use super::macros::wire_struct;
use super::{Edge, Int, Node, Wire};

wire_struct! {
    /// A version embedded in the workflow document (legacy `versions` array).
    pub struct LegacyVersion {
        /// Version number.
        "version" => version: Int,
        /// Nodes at that version.
        "nodes" => nodes: Vec<Wire<Node>>,
        /// Edges at that version.
        "edges" => edges: Vec<Wire<Edge>>,
        /// What changed.
        "description" => description: String,
        /// When it was saved.
        "created_at" => created_at: String,
        /// Who saved it.
        "created_by" => created_by: String,
    }
}

wire_struct! {
    /// A version document stored on its own (`workflow_versions`).
    pub struct WorkflowVersion {
        /// Document id.
        "id" => id: String,
        /// Workflow it belongs to.
        "workflow_id" => workflow_id: String,
        /// Version number.
        "version" => version: Int,
        /// Workflow name at that version.
        "name" => name: String,
        /// Nodes at that version.
        "nodes" => nodes: Vec<Wire<Node>>,
        /// Edges at that version.
        "edges" => edges: Vec<Wire<Edge>>,
        /// What changed.
        "description" => description: String,
        /// Optional label such as `v1.2`.
        "tag" => tag: String,
        /// Version this one restored, if any.
        "restored_from" => restored_from: Int,
        /// Saved automatically (on run) rather than by hand.
        "is_automatic" => is_automatic: bool,
        /// Run that created it.
        "run_id" => run_id: String,
        /// Outcome of that run.
        "run_status" => run_status: String,
        /// When it was saved.
        "created_at" => created_at: String,
        /// Who saved it.
        "created_by" => created_by: String,
    }
}

wire_struct! {
    /// What changed between two versions.
    pub struct VersionDiff {
        /// Older version.
        "from_version" => from_version: Int,
        /// Newer version.
        "to_version" => to_version: Int,
        /// Nodes only in the newer version.
        "added_nodes" => added_nodes: Vec<Wire<Node>>,
        /// Nodes only in the older version.
        "removed_nodes" => removed_nodes: Vec<Wire<Node>>,
        /// Nodes in both whose content differs (as in the newer version).
        "modified_nodes" => modified_nodes: Vec<Wire<Node>>,
        /// Edges only in the newer version.
        "added_edges" => added_edges: Vec<Wire<Edge>>,
        /// Edges only in the older version.
        "removed_edges" => removed_edges: Vec<Wire<Edge>>,
    }
}
