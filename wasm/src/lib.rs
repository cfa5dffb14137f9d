//! kubegraph for JavaScript: the `kubegraph` npm package, built with wasm-bindgen.
//!
//! A thin layer over [`kubegraph_bindings`], the facade the CLI and the Python package
//! also wrap, so a canvas validating in the browser gets the answers the server gets,
//! byte for byte. Each export converts its arguments (see `convert.rs`), calls the facade
//! and converts the result to plain JS objects and arrays. User mistakes come back as
//! diagnostics; only arguments the tool cannot run with throw.
//!
//! The TypeScript types of the arguments and results are generated from the Rust types
//! (`types/api.schema.json`, checked by the `types` test) by `build.sh`; the signatures
//! below only name them.

mod convert;
#[cfg(test)]
mod types;

use std::sync::Arc;

use js_sys::{Object, Reflect};
use kubegraph::document::CompiledObject;
use kubegraph_bindings as bindings;
use wasm_bindgen::prelude::*;

// The type names used in the signatures come from `types.d.ts`, which build.sh generates
// next to the `.d.ts` of each target; re-exporting them gives users one import.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
import type { AppliedFixes, CompileOutput, ComposeOutput, Diagnostic, Edit, Fix, FixOutput, GraphFormat, GraphOutput, ImportOutput, JsonSchema, Options, Plugins, SchemaName, UpdateOutput, Workflow } from "./types.js";
export type * from "./types.js";
"#;

/// Checks a workflow and returns every problem found, sorted (an empty array when there
/// is none).
///
/// `workflow` is a workflow object or its JSON text; text that is not JSON gives an
/// `invalid-json` diagnostic naming line and column. Throws a `TypeError` only when
/// `options` has the wrong shape or `workflow` cannot be written as JSON (a cycle).
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Workflow | string")] workflow: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = convert::options(&options)?;
    let text = convert::workflow_text(&workflow)?;
    convert::to_js(&bindings::validate(bindings::Input::Text(&text), &options))
}

/// Compiles a workflow into manifests: `{ objects, yaml, diagnostics }`.
///
/// `objects` and `yaml` are empty when any diagnostic is an error; `yaml` holds a JSON
/// `v1` List instead when `options.format` is `"json"`. Throws like [`validate`].
#[wasm_bindgen(unchecked_return_type = "CompileOutput")]
pub fn compile(
    #[wasm_bindgen(unchecked_param_type = "Workflow | string")] workflow: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = convert::options(&options)?;
    let text = convert::workflow_text(&workflow)?;
    convert::to_js(&bindings::compile(bindings::Input::Text(&text), &options))
}

/// Applies the fix of every diagnostic that has one (only those of `codes`, diagnostic
/// code names, when given), validating again after each round until none is left:
/// `{ workflow, fixed, diagnostics }`, the fixed workflow, the diagnostics whose fix was
/// applied, and what the fixed workflow still reports. Throws like [`validate`], and a
/// `RangeError` for an unknown code.
#[wasm_bindgen(unchecked_return_type = "FixOutput")]
pub fn fix(
    #[wasm_bindgen(unchecked_param_type = "Workflow | string")] workflow: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] codes: JsValue,
) -> Result<JsValue, JsValue> {
    let options = convert::options(&options)?;
    let codes = convert::codes(&codes)?;
    let text = convert::workflow_text(&workflow)?;
    convert::to_js(&bindings::fix(
        bindings::Input::Text(&text),
        &options,
        &codes,
    ))
}

/// Applies fixes taken from the diagnostics of this same workflow (a Fix button passes
/// one, a "fix all" several): `{ workflow, applied, diagnostics }`, the new workflow and,
/// for each fix, whether it applied (one whose guard no longer holds is skipped).
/// Validate the new workflow for the diagnostics that are left. Throws a `TypeError` when
/// `fixes` is not an array of `{title, edits}`.
#[wasm_bindgen(js_name = applyFixes, unchecked_return_type = "AppliedFixes")]
pub fn apply_fixes(
    #[wasm_bindgen(unchecked_param_type = "Workflow | string")] workflow: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Fix[]")] fixes: JsValue,
) -> Result<JsValue, JsValue> {
    let fixes = convert::fixes(&fixes)?;
    let text = convert::workflow_text(&workflow)?;
    convert::to_js(&bindings::apply_fixes(bindings::Input::Text(&text), &fixes))
}

/// The JSON Schema called `name` (`workflow`, `plugins`, `values`, `diagnostic`, or a node
/// type such as `deployment`); throws a `RangeError` listing the names for any other.
#[wasm_bindgen(unchecked_return_type = "JsonSchema")]
pub fn schema(
    #[wasm_bindgen(unchecked_param_type = "SchemaName")] name: &str,
) -> Result<JsValue, JsValue> {
    let schema = bindings::schema(name).map_err(convert::error)?;
    convert::to_js(&schema)
}

/// The version of kubegraph, for example `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    bindings::version().to_owned()
}

// ---------------------------------------------------------------- documents (issue 17)

/// A workflow opened for editing: apply the edits a canvas makes and get back the
/// diagnostics that appeared and disappeared, always what `validate` reports for the
/// edited workflow; compile it again reusing what did not change. Free it with `free()`
/// (or `using`) when the canvas closes.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Document {
    inner: bindings::document::OpenDocument,
    /// The objects the last compile handed out, with the JS object each became.
    handed: Vec<(Arc<CompiledObject>, JsValue)>,
}

/// Opens a workflow (an object or its JSON text) for editing, with the options
/// `validate` takes (its plugins are the document's). Throws a `SyntaxError` for text
/// that is not JSON and a `TypeError` for a value that is not a workflow object (the
/// diagnostic `validate` would report is the error's `diagnostic`), and like `validate`
/// for bad options.
#[wasm_bindgen]
pub fn open(
    #[wasm_bindgen(unchecked_param_type = "Workflow | string")] workflow: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
) -> Result<Document, JsValue> {
    let options = convert::options(&options)?;
    let text = convert::workflow_text(&workflow)?;
    let inner = bindings::document::open(bindings::Input::Text(&text), &options)
        .map_err(|diagnostic| convert::unreadable(&diagnostic))?;
    Ok(Document {
        inner,
        handed: Vec::new(),
    })
}

#[wasm_bindgen]
impl Document {
    /// Applies one edit (`{ op: "patchNodeData", id, patch: [...] }`, `addNode`,
    /// `removeNode`, `replaceNode`, `addEdge`, `removeEdge`, `replaceEdge`):
    /// `{ added, removed }`, the diagnostics that appeared and disappeared. Throws a
    /// `TypeError` for an edit of no known shape and a `RangeError` for one that names
    /// what the workflow does not have or whose patch fails; the document is then
    /// unchanged.
    #[wasm_bindgen(unchecked_return_type = "UpdateOutput")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Edit")] edit: JsValue,
    ) -> Result<JsValue, JsValue> {
        let edit = convert::edit(&edit)?;
        let update = self.inner.apply(edit).map_err(convert::document_error)?;
        convert::to_js(&update)
    }

    /// Every diagnostic of the edited workflow, as `validate` reports them.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        convert::to_js(&self.inner.diagnostics())
    }

    /// The edited workflow, nothing of the input lost (`JSON.stringify(doc)` writes it).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Workflow")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        convert::to_js(&self.inner.to_json())
    }

    /// Compiles the edited workflow: what `compile` gives for it, reusing the objects
    /// that did not change since the last compile. Those are the very JS objects the
    /// last compile returned (frozen, so that one caller's change cannot reach the next
    /// compile; copy one with `structuredClone` to change it), so a canvas can tell what
    /// an edit changed by identity. `options` (values, format, emitNamespaces) replace
    /// those given to `open`; plugins stay the document's, so options with plugins throw
    /// a `TypeError`.
    #[wasm_bindgen(unchecked_return_type = "CompileOutput")]
    pub fn compile(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = if options.is_undefined() || options.is_null() {
            None
        } else {
            Some(convert::options(&options)?)
        };
        let parts = self
            .inner
            .compile_parts(options.as_ref())
            .map_err(convert::error)?;
        let output = Object::new();
        let objects = convert::compiled_objects(&parts.objects, &mut self.handed)?;
        Reflect::set(&output, &"objects".into(), &objects)?;
        Reflect::set(&output, &"yaml".into(), &parts.text.into())?;
        Reflect::set(
            &output,
            &"diagnostics".into(),
            &convert::to_js(&parts.diagnostics)?,
        )?;
        Ok(output.into())
    }
}

// ---------------------------------------------------------------- imports and diagrams (issue 18)

/// Imports Kubernetes manifests (a YAML stream, `helm template` output, a JSON object or
/// `List`) into a workflow: `{ workflow, values, diagnostics }`: the workflow and
/// diagnostics `kubegraph import manifests --format json` prints, and the imported
/// Secrets' data as run-time values in `values`, what `--values-out` writes (never in the
/// workflow; `{ secrets: {} }` when no Secret had data). Text that does not parse is an
/// error diagnostic, not a throw. The custom resources that `plugins` describe become
/// plugin nodes, as with `--plugins`; definitions that do not read are an error
/// diagnostic and the import goes on without them. Throws a `TypeError` only when
/// `plugins` cannot be written as JSON (a cycle).
#[wasm_bindgen(js_name = fromManifests, unchecked_return_type = "ImportOutput")]
pub fn from_manifests(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Plugins | null")] plugins: JsValue,
) -> Result<JsValue, JsValue> {
    let options = convert::plugins(&plugins)?;
    convert::to_js(&bindings::import_manifests_with(text, &options))
}

/// Imports a docker-compose file (YAML text) into a workflow: `{ workflow, values,
/// diagnostics }`, the workflow `kubegraph import compose` prints (`null` when the text is
/// not YAML), the secret values it writes to `--values-out`, and what could not be
/// carried over.
#[wasm_bindgen(js_name = fromCompose, unchecked_return_type = "ComposeOutput")]
pub fn from_compose(text: &str) -> Result<JsValue, JsValue> {
    convert::to_js(&bindings::import_compose(text))
}

/// Draws a workflow as a diagram, `"mermaid"` (the default) or `"dot"`: `{ text,
/// diagnostics }`, what `kubegraph graph` prints and what `validate` reports (the nodes
/// with errors are marked). `text` is empty when the input is not a workflow. Throws like
/// [`validate`], and a `RangeError` for an unknown format.
#[wasm_bindgen(unchecked_return_type = "GraphOutput")]
pub fn graph(
    #[wasm_bindgen(unchecked_param_type = "Workflow | string")] workflow: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GraphFormat | null")] format: JsValue,
) -> Result<JsValue, JsValue> {
    let options = convert::options(&options)?;
    let format = convert::graph_format(&format)?;
    let text = convert::workflow_text(&workflow)?;
    convert::to_js(&bindings::graph(
        bindings::Input::Text(&text),
        &options,
        format,
    ))
}
