//! The one JSON-level facade over kubegraph.
//!
//! The WebAssembly package, the Python package and every command of the CLI (`apply` and
//! `diff` too) call these functions, so they all give the same answers byte for byte:
//! same parsing of the input (text or an already parsed value), same option handling,
//! same diagnostics and the same YAML.
//! User mistakes come back as diagnostics; [`Error`] is only for options the tool cannot
//! run with.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod document;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use kubegraph::Code;
pub use kubegraph::diagnostic::Fix;
use kubegraph::model::{PluginDefinition, RuntimeValues, Workflow};
use kubegraph::{
    Compilation, CompiledStream, Diagnostic, compile as core_compile, fix as core_fix, parse,
    render, validate as core_validate,
};

/// A workflow (or values, or plugin definitions) as JSON text or as a parsed value.
#[derive(Clone, Debug)]
pub enum Input<'a> {
    /// JSON text; syntax errors become diagnostics naming line and column.
    Text(&'a str),
    /// JSON text as bytes, as a file holds them; bytes that are not UTF-8 are an
    /// `invalid-json` diagnostic, like any syntax error.
    Bytes(&'a [u8]),
    /// An already parsed JSON value (a JS object, a Python dict).
    Value(Value),
}

/// How compiled manifests are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Multi-document YAML.
    #[default]
    Yaml,
    /// A `v1` `List` as JSON.
    Json,
}

/// Options of `validate` and `compile`, with the camelCase keys JavaScript uses.
#[derive(Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Run-time values: `{"secrets": {nodeId: {KEY: value}}, "envVars": {...}}`.
    #[serde(default)]
    pub values: Option<Value>,
    /// Plugin definitions: an array, or the plugin catalogue's body `{"plugins": [...]}`.
    #[serde(default)]
    pub plugins: Option<Value>,
    /// Output format of `compile` (`yaml` by default).
    #[serde(default)]
    pub format: OutputFormat,
    /// Emit a Namespace object for each non-default namespace (default true).
    #[serde(default)]
    pub emit_namespaces: Option<bool>,
}

/// The result of `compile`.
#[derive(Clone, Default, Serialize, JsonSchema)]
pub struct CompileOutput {
    /// The manifests as JSON objects, in install order; empty when there are errors.
    pub objects: Vec<Value>,
    /// The manifests in the requested format; empty when there are errors.
    pub yaml: String,
    /// Every diagnostic (errors, warnings, infos), sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl CompileOutput {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        kubegraph::diagnostic::has_errors(&self.diagnostics)
    }
}

/// Counts and diagnostics only: a Secret's object and its YAML hold its data.
impl std::fmt::Debug for CompileOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompileOutput")
            .field("objects", &self.objects.len())
            .field("yaml_bytes", &self.yaml.len())
            .field("diagnostics", &self.diagnostics)
            .finish()
    }
}

/// The result of `fix`.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct FixOutput {
    /// The workflow with the fixes applied (unknown fields and key order kept); `null`
    /// when the input is not JSON or not a workflow object.
    pub workflow: Value,
    /// The diagnostics whose fix was applied, round by round.
    pub fixed: Vec<Diagnostic>,
    /// What validating the fixed workflow reports (all of it, fixable or not).
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of `applyFixes`.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct AppliedFixes {
    /// The workflow with the fixes applied; `null` when the input could not be read.
    pub workflow: Value,
    /// For each fix given, whether it was applied.
    pub applied: Vec<bool>,
    /// Why the workflow could not be read, when it could not.
    pub diagnostics: Vec<Diagnostic>,
}

/// Options that cannot be used at all (as opposed to mistakes in the workflow).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The options object has the wrong shape.
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    /// No schema has this name.
    #[error("unknown schema `{0}`; known schemas: {1}")]
    UnknownSchema(String, String),
}

impl std::fmt::Debug for Options {
    // Run-time values are secrets: show whether they were given, never what they are.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("values", &self.values.as_ref().map(|_| "<redacted>"))
            .field("plugins", &self.plugins.as_ref().map(|_| "<given>"))
            .field("format", &self.format)
            .field("emit_namespaces", &self.emit_namespaces)
            .finish()
    }
}

impl Options {
    /// Reads options from a JSON value (`null` means defaults).
    pub fn from_value(value: Value) -> Result<Options, Error> {
        if value.is_null() {
            return Ok(Options::default());
        }
        // serde would also read a struct from an array of its fields in order.
        if !value.is_object() {
            return Err(Error::InvalidOptions(format!(
                "expected an object, found {}",
                parse::json_type(&value)
            )));
        }
        Options::deserialize(&value).map_err(|error| Error::InvalidOptions(error.to_string()))
    }
}

/// Reads a workflow; the error is the parse diagnostic.
pub fn load(input: Input<'_>) -> Result<Workflow, Diagnostic> {
    match input {
        Input::Text(text) => parse::parse_workflow(text),
        Input::Bytes(bytes) => parse::parse_workflow_bytes(bytes),
        Input::Value(value) => parse::workflow_from_value(value),
    }
}

fn plugins(options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Vec<PluginDefinition> {
    match options.plugins.clone().map(parse::plugins_from_value) {
        Some(Ok(plugins)) => plugins,
        Some(Err(diagnostic)) => {
            diagnostics.push(diagnostic);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn values(options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Option<RuntimeValues> {
    match options.values.clone().map(parse::values_from_value) {
        Some(Ok(values)) => Some(values),
        Some(Err(diagnostic)) => {
            diagnostics.push(diagnostic);
            None
        }
        None => None,
    }
}

/// Checks a workflow: every problem, sorted.
pub fn validate(input: Input<'_>, options: &Options) -> Vec<Diagnostic> {
    match load(input) {
        Ok(workflow) => validate_workflow(&workflow, options),
        Err(diagnostic) => vec![diagnostic],
    }
}

/// Checks an already loaded workflow.
pub fn validate_workflow(workflow: &Workflow, options: &Options) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let plugins = plugins(options, &mut diagnostics);
    diagnostics.extend(core_validate::validate(
        workflow,
        &core_validate::ValidateOptions { plugins: &plugins },
    ));
    kubegraph::diagnostic::sort(&mut diagnostics);
    diagnostics
}

/// Reads a workflow as a JSON document, to edit it.
fn document(input: Input<'_>) -> Result<Value, Diagnostic> {
    match input {
        Input::Text(text) => parse::parse_document(text),
        Input::Bytes(bytes) => parse::parse_document_bytes(bytes),
        Input::Value(value) => Ok(value),
    }
}

/// Applies the fixes of the diagnostics of a workflow, only those of `codes` when any are
/// given, validating again after each round (see [`kubegraph::fix`]).
pub fn fix(input: Input<'_>, options: &Options, codes: &[Code]) -> FixOutput {
    let value = match document(input) {
        Ok(value) => value,
        Err(diagnostic) => {
            return FixOutput {
                diagnostics: vec![diagnostic],
                ..FixOutput::default()
            };
        }
    };
    let mut diagnostics = Vec::new();
    let plugins = plugins(options, &mut diagnostics);
    if !value.is_object() {
        // Not a workflow: the `invalid-document` diagnostic says why.
        diagnostics.extend(parse::workflow_from_value(value).err());
        return FixOutput {
            diagnostics,
            ..FixOutput::default()
        };
    }
    let wanted = |diagnostic: &Diagnostic| codes.is_empty() || codes.contains(&diagnostic.code);
    let outcome = core_fix::fix_workflow(
        value,
        &core_validate::ValidateOptions { plugins: &plugins },
        &wanted,
    );
    diagnostics.extend(outcome.remaining);
    kubegraph::diagnostic::sort(&mut diagnostics);
    FixOutput {
        workflow: outcome.workflow,
        fixed: outcome.fixed,
        diagnostics,
    }
}

/// Applies fixes, all taken from the diagnostics of this same workflow, as
/// [`kubegraph::fix::apply_fixes`] composes them (a canvas's Fix button).
pub fn apply_fixes(input: Input<'_>, fixes: &[Fix]) -> AppliedFixes {
    match document(input) {
        Ok(mut workflow) => {
            let fixes: Vec<&Fix> = fixes.iter().collect();
            let applied = core_fix::apply_fixes(&mut workflow, &fixes);
            AppliedFixes {
                workflow,
                applied,
                diagnostics: Vec::new(),
            }
        }
        Err(diagnostic) => AppliedFixes {
            diagnostics: vec![diagnostic],
            ..AppliedFixes::default()
        },
    }
}

/// Compiles a workflow to manifests; on any error, no manifests.
pub fn compile(input: Input<'_>, options: &Options) -> CompileOutput {
    match load(input) {
        Ok(workflow) => compile_workflow(&workflow, options),
        Err(diagnostic) => CompileOutput {
            diagnostics: vec![diagnostic],
            ..CompileOutput::default()
        },
    }
}

/// Compiles an already loaded workflow.
pub fn compile_workflow(workflow: &Workflow, options: &Options) -> CompileOutput {
    let ((objects, yaml), diagnostics) =
        compile_with(workflow, options, |workflow, core_options| {
            let compilation = core_compile::compile(workflow, core_options);
            let objects = compilation.values();
            // Written from the values, which are needed anyway: the bytes are those of
            // the typed objects, and a build that only calls this (the WebAssembly one)
            // then carries one serializer of every Kubernetes type, not three.
            let text = match options.format {
                OutputFormat::Yaml => render::to_yaml(&objects),
                OutputFormat::Json => {
                    render::to_json_list(&objects).expect("a serde_json::Value always serializes")
                }
            };
            ((objects, text), compilation.diagnostics)
        });
    CompileOutput {
        objects,
        yaml,
        diagnostics,
    }
}

/// Compiles an already loaded workflow to text alone, what `kubegraph compile` prints:
/// the same `yaml` and diagnostics as [`compile_workflow`], but `objects` stays empty.
/// Each object is written as it is built ([`kubegraph::compile_to_yaml`],
/// [`kubegraph::compile_to_json_list`]), which is several times faster for a large
/// workflow.
pub fn compile_workflow_text(workflow: &Workflow, options: &Options) -> CompileOutput {
    let compiled = kubegraph::CompiledYaml::from(compile_workflow_stream(workflow, options));
    CompileOutput {
        yaml: compiled.yaml,
        diagnostics: compiled.diagnostics,
        ..CompileOutput::default()
    }
}

/// [`compile_workflow_text`] with the text left in pieces, for a caller that writes it out
/// ([`kubegraph::CompiledStream::write_to`]) rather than holding it whole: the same
/// bytes and diagnostics.
pub fn compile_workflow_stream(workflow: &Workflow, options: &Options) -> CompiledStream {
    let (mut stream, diagnostics) = compile_with(workflow, options, |workflow, core_options| {
        let mut compiled = match options.format {
            OutputFormat::Yaml => core_compile::compile_to_yaml_stream(workflow, core_options),
            OutputFormat::Json => core_compile::compile_to_json_list_stream(workflow, core_options),
        };
        let found = std::mem::take(&mut compiled.diagnostics);
        (compiled, found)
    });
    stream.diagnostics = diagnostics;
    stream
}

/// Compiles an already loaded workflow to the core's objects, each with the node it
/// comes from, what `kubegraph apply` and `diff` send to a cluster: the diagnostics of
/// [`compile_workflow`]; on any error, no objects. `format` is not used.
pub fn compile_workflow_manifests(workflow: &Workflow, options: &Options) -> Compilation {
    let (objects, diagnostics) = compile_with(workflow, options, |workflow, core_options| {
        let compilation = core_compile::compile(workflow, core_options);
        (compilation.objects, compilation.diagnostics)
    });
    Compilation {
        objects,
        diagnostics,
    }
}

/// Reads the plugin definitions and values of `options`, runs `compile` with them, and
/// puts every diagnostic together, sorted; on any error, the default output (nothing).
fn compile_with<T: Default>(
    workflow: &Workflow,
    options: &Options,
    compile: impl FnOnce(&Workflow, &core_compile::CompileOptions<'_>) -> (T, Vec<Diagnostic>),
) -> (T, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let plugins = plugins(options, &mut diagnostics);
    let values = values(options, &mut diagnostics);
    let (output, found) = compile(
        workflow,
        &core_compile::CompileOptions {
            values: values.as_ref(),
            plugins: &plugins,
            emit_namespaces: options.emit_namespaces.unwrap_or(true),
        },
    );
    diagnostics.extend(found);
    kubegraph::diagnostic::sort(&mut diagnostics);
    if kubegraph::diagnostic::has_errors(&diagnostics) {
        return (T::default(), diagnostics);
    }
    (output, diagnostics)
}

/// The JSON Schema called `name`, keywords in the order `kubegraph schema` prints them
/// (`$schema`, `$id`, `title` first): schemars orders them when serializing, while
/// `Value::from` would keep insertion order, and JS objects and Python dicts show it.
pub fn schema(name: &str) -> Result<Value, Error> {
    let schema = kubegraph::schema::schema(name).ok_or_else(|| {
        Error::UnknownSchema(name.to_owned(), kubegraph::schema::names().join(", "))
    })?;
    Ok(serde_json::to_value(&schema).unwrap_or_else(|_| schema.to_value()))
}

/// The version of kubegraph.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Diagnostics as the JSON array every front end prints.
pub fn diagnostics_json(diagnostics: &[Diagnostic]) -> String {
    let mut text = serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

/// The diagram formats of [`graph`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GraphFormat {
    /// A Mermaid flowchart, for Markdown.
    #[default]
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

/// The result of [`graph`].
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct GraphOutput {
    /// The diagram; empty when the input is not a workflow.
    pub text: String,
    /// What validating the workflow reports (the nodes with errors are marked in the
    /// diagram), or why it could not be read.
    pub diagnostics: Vec<Diagnostic>,
}

/// Draws a workflow: nodes with kind and name, edges with their meaning, nodes with an
/// error marked.
pub fn graph(input: Input<'_>, options: &Options, format: GraphFormat) -> GraphOutput {
    match load(input) {
        Ok(workflow) => graph_workflow(&workflow, options, format),
        Err(diagnostic) => GraphOutput {
            text: String::new(),
            diagnostics: vec![diagnostic],
        },
    }
}

/// Draws an already loaded workflow.
pub fn graph_workflow(workflow: &Workflow, options: &Options, format: GraphFormat) -> GraphOutput {
    let diagnostics = validate_workflow(workflow, options);
    let graph = kubegraph::graph::WorkflowGraph::new(workflow);
    let text = match format {
        GraphFormat::Mermaid => render::graph::to_mermaid(&graph, &diagnostics),
        GraphFormat::Dot => render::graph::to_dot(&graph, &diagnostics),
    };
    GraphOutput { text, diagnostics }
}

/// The result of [`import_compose`]: the core's, serialized as it is.
pub use kubegraph::import::compose::ComposeImport as ComposeOutput;

/// Imports a docker-compose file (YAML text) into a workflow.
pub fn import_compose(text: &str) -> ComposeOutput {
    kubegraph::import::compose::import_text(text)
}

/// The result of [`import_manifests`]: the core's, serialized as it is.
pub use kubegraph::import::manifests::ManifestImport as ImportOutput;

/// Imports Kubernetes manifests (a YAML stream, `helm template` output, a JSON object or
/// `List`) into an editable workflow.
pub fn import_manifests(text: &str) -> ImportOutput {
    kubegraph::import::manifests::import_manifests(text)
}

/// Imports Kubernetes manifests with the plugin definitions of `options`: the custom
/// resources they describe become plugin nodes. Definitions that do not read are an error
/// diagnostic, and the import goes on without them.
pub fn import_manifests_with(text: &str, options: &Options) -> ImportOutput {
    let mut diagnostics = Vec::new();
    let plugins = plugins(options, &mut diagnostics);
    let mut output = kubegraph::import::manifests::import_manifests_with(text, &plugins);
    if !diagnostics.is_empty() {
        diagnostics.append(&mut output.diagnostics);
        output.diagnostics = diagnostics;
    }
    output
}
