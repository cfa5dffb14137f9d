//! Edges: relationships drawn on the canvas, source to target.

use super::macros::wire_struct;

wire_struct! {
    /// A connection between two nodes.
    pub struct Edge {
        /// Edge id, for example `reactflow__edge-node-2-node-3`.
        "id" => id: String,
        /// Source node id.
        "source" => source: String,
        /// Target node id.
        "target" => target: String,
        /// Handle on the source: an Ingress path id, a NetworkPolicy rule id or `output`.
        "sourceHandle" => source_handle: String,
        /// Handle on the target.
        "targetHandle" => target_handle: String,
        /// React Flow edge type.
        "type" => edge_type: String,
    }
}

impl Edge {
    /// The source handle, treating an empty string as none.
    pub fn handle(&self) -> Option<&str> {
        self.source_handle
            .as_str()
            .filter(|handle| !handle.is_empty())
    }
}
