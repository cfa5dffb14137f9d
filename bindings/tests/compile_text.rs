//! `compile_workflow_text` (what the CLI prints) gives the text and diagnostics of
//! `compile_workflow` (what WebAssembly and Python return) for every fixture, valid or
//! not, in both formats.

use std::fs;
use std::path::{Path, PathBuf};

use kubegraph_bindings::{
    Input, Options, OutputFormat, compile_workflow, compile_workflow_text, load,
};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/workflows")
}

fn read_json(path: &Path) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

#[test]
fn the_text_alone_is_the_text_of_the_full_compilation() {
    let plugins = read_json(&fixtures().join("plugins.json"));
    let mut compared = 0;
    for dir in [fixtures(), fixtures().join("invalid")] {
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .expect("fixture directory")
            .map(|entry| entry.expect("fixture entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or_default();
            if name == "plugins.json" || name.ends_with(".values.json") {
                continue;
            }
            let text = fs::read_to_string(&path).expect("fixture");
            let Ok(workflow) = load(Input::Text(&text)) else {
                continue;
            };
            let values = read_json(&path.with_extension("values.json"));
            for format in [OutputFormat::Yaml, OutputFormat::Json] {
                let options = Options {
                    values: values.clone(),
                    plugins: plugins.clone(),
                    format,
                    emit_namespaces: None,
                };
                let full = compile_workflow(&workflow, &options);
                let text_alone = compile_workflow_text(&workflow, &options);
                assert_eq!(text_alone.yaml, full.yaml, "{name} ({format:?})");
                assert_eq!(
                    text_alone.diagnostics, full.diagnostics,
                    "{name} ({format:?})"
                );
                assert!(text_alone.objects.is_empty());
                compared += 1;
            }
        }
    }
    assert!(compared >= 20, "only {compared} compilations compared");
}
