//! Fixtures and helpers shared by the compile and fixture tests. Fixtures are read from the
//! repository (`tests/fixtures/workflows`): `*.json` workflows, `<name>.values.json`
//! run-time values and `plugins.json` plugin definitions passed to every fixture. The
//! diagnostic fixtures (`tests/fixtures/diagnostics`) keep their plugin definitions beside
//! them as `<name>.plugins.json`.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

pub mod arbitrary;
pub mod edits;
pub mod fixes;
pub mod selection;

use std::fs;
use std::path::{Path, PathBuf};

use kubegraph::diagnostic::sort;
use kubegraph::model::{PluginDefinition, RuntimeValues, Workflow};
use kubegraph::parse::{parse_plugins, parse_values, parse_workflow};
use kubegraph::{
    Compilation, CompileOptions, Diagnostic, compile, compile_to_json_list, compile_to_yaml,
};
use serde_json::{Value, json};

/// The fixture directory of the repository.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/workflows")
}

/// A valid workflow fixture with its run-time values, if it has any.
pub struct Fixture {
    /// File name without `.json`.
    pub name: String,
    /// The workflow as JSON.
    pub raw: Value,
    /// The workflow.
    pub workflow: Workflow,
    /// `<name>.values.json`, when present.
    pub values: Option<RuntimeValues>,
}

impl Fixture {
    /// Compiles the fixture with its values and the fixture plugin definitions.
    pub fn compile(&self) -> Compilation {
        let plugins = plugins();
        compile_both_ways(
            &self.workflow,
            &CompileOptions {
                values: self.values.as_ref(),
                plugins: &plugins,
                emit_namespaces: true,
            },
        )
    }

    /// Compiles the fixture, which must give no error.
    pub fn compile_without_errors(&self) -> Compilation {
        let compilation = self.compile();
        assert!(
            !compilation.has_errors(),
            "{}: {:#?}",
            self.name,
            compilation.diagnostics
        );
        compilation
    }
}

/// Compiles to objects, and straight to YAML and to a JSON `List`: all must give the same
/// diagnostics, and the same bytes of YAML and JSON (none on errors). The JSON must be
/// what pretty-printing the objects' `serde_json::Value`s in a `List` writes.
pub fn compile_both_ways(workflow: &Workflow, options: &CompileOptions<'_>) -> Compilation {
    let compilation = compile(workflow, options);
    let streamed = compile_to_yaml(workflow, options);
    assert_eq!(streamed.diagnostics, compilation.diagnostics);
    assert!(
        streamed.yaml == compilation.to_yaml(),
        "compile_to_yaml wrote other bytes than compile().to_yaml()"
    );
    let streamed_json = compile_to_json_list(workflow, options);
    assert_eq!(streamed_json.diagnostics, compilation.diagnostics);
    let json_list = compilation.to_json_list();
    if compilation.has_errors() {
        assert!(streamed_json.yaml.is_empty(), "a JSON list despite errors");
    } else {
        assert!(
            streamed_json.yaml == json_list,
            "compile_to_json_list wrote other bytes than compile().to_json_list()"
        );
    }
    let list = json!({ "apiVersion": "v1", "kind": "List", "metadata": {}, "items": compilation.values() });
    let mut pretty = serde_json::to_string_pretty(&list).expect("a Value serializes");
    pretty.push('\n');
    assert!(
        json_list == pretty,
        "to_json_list wrote other bytes than pretty-printing the objects as values"
    );
    compilation
}

/// What `kubegraph compile` reports and writes for a workflow.
pub struct CliRun {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The compiled objects, when the workflow was read (none on a parse error).
    pub compilation: Option<Compilation>,
}

/// Runs what `kubegraph compile` runs on a workflow's text, with the run-time values and
/// plugin definitions beside the fixture at `path` (`<name>.values.json`,
/// `<name>.plugins.json`): the parse error of the workflow alone, or the diagnostics of
/// its values and plugin definitions and of compiling.
pub fn compile_like_the_cli(text: &str, path: &Path) -> CliRun {
    let workflow = match parse_workflow(text) {
        Ok(workflow) => workflow,
        Err(diagnostic) => {
            return CliRun {
                diagnostics: vec![diagnostic],
                compilation: None,
            };
        }
    };
    let mut diagnostics = Vec::new();
    let plugins = match beside(path, "plugins").map(|text| parse_plugins(&text)) {
        Some(Ok(plugins)) => plugins,
        Some(Err(diagnostic)) => {
            diagnostics.push(diagnostic);
            Vec::new()
        }
        None => Vec::new(),
    };
    let values = match beside(path, "values").map(|text| parse_values(&text)) {
        Some(Ok(values)) => Some(values),
        Some(Err(diagnostic)) => {
            diagnostics.push(diagnostic);
            None
        }
        None => None,
    };
    let options = CompileOptions {
        values: values.as_ref(),
        plugins: &plugins,
        emit_namespaces: true,
    };
    let compilation = compile_both_ways(&workflow, &options);
    diagnostics.extend(compilation.diagnostics.iter().cloned());
    sort(&mut diagnostics);
    CliRun {
        diagnostics,
        compilation: Some(compilation),
    }
}

/// The plugin definitions of the fixture set.
pub fn plugins() -> Vec<PluginDefinition> {
    let text = fs::read_to_string(fixtures_dir().join("plugins.json")).expect("plugins.json");
    parse_plugins(&text).expect("plugin definitions parse")
}

/// Every valid workflow fixture, by name.
pub fn valid_fixtures() -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("fixture directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| is_workflow(path))
        .collect();
    paths.sort();
    paths.iter().map(|path| load(path)).collect()
}

/// Whether a path is a workflow fixture (not plugins, not values).
pub fn is_workflow(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    path.is_file()
        && name.ends_with(".json")
        && name != "plugins.json"
        && !name.ends_with(".values.json")
        && !name.ends_with(".plugins.json")
        && !name.ends_with(".stored.json")
}

/// A fixture's name: its file name without `.json`.
pub fn fixture_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .expect("file name")
        .to_owned()
}

/// The text of the file `<name>.<kind>.json` beside a workflow fixture, if there is one
/// (`kind` is `values` or `plugins`).
pub fn beside(path: &Path, kind: &str) -> Option<String> {
    let path = path.with_file_name(format!("{}.{kind}.json", fixture_name(path)));
    path.exists()
        .then(|| fs::read_to_string(&path).expect("fixture readable"))
}

/// Reads one workflow fixture and its values file.
pub fn load(path: &Path) -> Fixture {
    let text = fs::read_to_string(path).expect("fixture readable");
    let name = fixture_name(path);
    let values = beside(path, "values").map(|text| parse_values(&text).expect("values parse"));
    Fixture {
        raw: serde_json::from_str(&text).expect("fixture is JSON"),
        workflow: parse_workflow(&text).expect("fixture parses"),
        name,
        values,
    }
}

/// The invalid fixtures that still parse, by name.
pub fn invalid_fixtures() -> Vec<(String, Workflow)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(fixtures_dir().join("invalid"))
        .expect("invalid fixture directory")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let text = fs::read_to_string(path).ok()?;
            let workflow = parse_workflow(&text).ok()?;
            let name = path.file_stem()?.to_str()?.to_owned();
            Some((name, workflow))
        })
        .collect()
}

/// A workflow from inline JSON.
pub fn workflow(json: Value) -> Workflow {
    kubegraph::parse::workflow_from_value(json).expect("test workflow parses")
}

/// Compiles an inline workflow with default options; it must have no errors.
pub fn compile_json(json: Value) -> Compilation {
    let compilation = compile_both_ways(&workflow(json), &CompileOptions::default());
    assert!(!compilation.has_errors(), "{:#?}", compilation.diagnostics);
    compilation
}

/// The compiled object of `kind` called `name` (any namespace).
pub fn object<'v>(objects: &'v [Value], kind: &str, name: &str) -> &'v Value {
    objects
        .iter()
        .find(|object| object["kind"] == kind && object["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name} in {objects:#?}"))
}
