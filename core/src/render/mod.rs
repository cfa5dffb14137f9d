//! Rendering of compiled Kubernetes objects into text outputs.
//!
//! The compiler produces an ordered list of objects (`serde_json::Value`, each
//! with `apiVersion`, `kind` and `metadata`); this module turns that list into
//! the formats users deploy: a multi-document YAML stream ([`to_yaml`]), a
//! `v1` `List` in JSON ([`to_json_list`]) or a Git/Kustomize-ready directory
//! layout ([`to_directory`]). Everything here is pure (no I/O) so it builds for
//! `wasm32`; callers decide where the strings go.

pub mod directory;
pub mod json;
pub mod yaml;

pub use directory::{RenderedFile, to_directory};
pub use json::to_json_list;
pub use yaml::{to_yaml, value_to_yaml};
