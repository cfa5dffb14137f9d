//! The data models of the workflow format, read losslessly.
//!
//! Every model keeps each known field as a [`Wire`] (absent, null, valid or invalid as
//! read) and every unknown key in `extra`, so parse → write gives back the input.

mod build;
mod cluster;
mod edge;
mod extra;
pub mod kinds;
mod leaves;
mod macros;
mod node;
mod path;
mod plugin;
pub(crate) mod read;
mod scan;
mod sensitive;
pub(crate) mod stream;
mod user;
mod values;
mod version;
pub(crate) mod wire;
mod workflow;

pub use build::{Build, BuildStatus, ProgressOutOfRange};
pub use cluster::{Cluster, ClusterAuthType, ClusterMetadata, ClusterStatus};
pub use edge::Edge;
pub use extra::Extra;
pub use node::{Node, NodeData, NodeKind, Position, kind_schema};
pub use path::{FieldPath, InvalidField, Segment};
pub use plugin::{
    ApiVersion, KindMatch, LabelledOption, PluginDefinition, PluginField, PluginFieldType,
    PluginNodeType, PluginOption, PluginValueType, find_node_type, parse_number,
};
pub use sensitive::Sensitive;
pub use user::{User, UserRole};
pub use values::{RuntimeValues, ValuesByNode};
pub use version::{LegacyVersion, VersionDiff, WorkflowVersion};
pub(crate) use wire::trim;
pub use wire::{CheckWire, Float, Int, IntOrString, InvalidValue, QuantityText, Wire};
pub use workflow::{TransitionError, Workflow, WorkflowStatus};
