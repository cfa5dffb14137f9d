//! kubegraph-apply: takes a compiled workflow to a real cluster safely.
//!
//! - [`Applier::plan`] and [`Applier::diff`] preview, with server-side dry runs;
//! - [`Applier::apply`] server-side applies in install order (custom resources last), with
//!   dry run, conflict reporting or forcing, prune, and waiting for readiness, and reports
//!   per object and per node ([`ApplyReport`]);
//! - [`store`] keeps workflows, version snapshots and inventories (in memory, on disk, or
//!   the inventory in the cluster).
//!
//! It is its own crate so that the core and the browser build never pull in an async
//! runtime or TLS. It does not choose a Kubernetes API version for `k8s-openapi`: the
//! binary that links it does.

#![forbid(unsafe_code)]

mod applier;
mod apply;
mod diff;
pub mod error;
pub mod inventory;
mod kinds;
mod options;
mod plan;
mod prune;
mod report;
pub mod store;
mod wait;

pub use applier::Applier;
pub use diff::ObjectDiff;
pub use error::{Error, FieldConflict, ObjectError, StoreError};
pub use inventory::{Inventory, InventoryEntry, InventoryKey, ObjectRef};
pub use options::{ApplyOptions, DEFAULT_FIELD_MANAGER};
pub use plan::{Action, Change, Plan};
pub use report::{ApplyReport, Health, NodeStatus, ObjectResult, Outcome};
