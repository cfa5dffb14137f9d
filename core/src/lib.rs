//! kubegraph turns a visual Kubernetes design (a graph of resources and relationships, as
//! React Flow canvases such as KubeOrch's draw it) into validated, deployable manifests.
//!
//! The core does no I/O and reads no environment: it builds for WebAssembly, and the
//! bindings and the CLI all get the same answers from it.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod compile;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod graph;
pub mod import;
pub mod model;
pub mod parse;
pub mod patch;
pub mod render;
pub mod schema;
pub mod validate;

pub use compile::{
    Compilation, CompileOptions, CompiledStream, CompiledYaml, Manifest, Object, compile,
    compile_to_json_list, compile_to_json_list_stream, compile_to_yaml, compile_to_yaml_stream,
};
pub use diagnostic::{Code, Diagnostic, Location, Severity};
pub use document::{Document, Edit, EditError, Update};
pub use patch::PatchOperation;
