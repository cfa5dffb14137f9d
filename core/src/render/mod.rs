//! Rendering of compiled Kubernetes objects into text outputs.
//!
//! The compiler produces an ordered list of typed objects (each with `apiVersion`,
//! `kind` and `metadata`); this module turns them into the formats users deploy: a
//! multi-document YAML stream ([`yaml`], written straight from the typed objects or
//! from `serde_json::Value`s with [`to_yaml`]), a `v1` `List` in JSON
//! ([`to_json_list`]) or a Git/Kustomize-ready directory layout ([`to_directory`]).
//! [`graph`] draws the workflow itself as a diagram (Mermaid or DOT).
//! Everything here is pure (no I/O) so it builds for `wasm32`; callers decide where the
//! strings go.

pub mod directory;
pub mod graph;
pub mod json;
pub mod yaml;

pub use directory::{RenderedFile, to_directory};
pub use json::to_json_list;
pub use yaml::{to_yaml, value_to_yaml};
