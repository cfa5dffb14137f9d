//! Any bytes, read as (lossy) UTF-8, go through parsing, validation and compilation:
//! none may panic, the reader of JSON text must read the model the reader of parsed values
//! reads, validation must return its diagnostics sorted, a compilation with an error must
//! hold no objects, and compiling straight to YAML must give the diagnostics and the bytes
//! of compiling to objects and rendering them, joined or written out piece by piece.

#![no_main]

use kubegraph::parse::{parse_workflow, workflow_from_value};
use kubegraph::validate::{ValidateOptions, validate};
use kubegraph::{CompileOptions, compile, compile_to_yaml, compile_to_yaml_stream};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_workflow(&text);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        assert!(parsed == workflow_from_value(value));
    }
    if let Ok(workflow) = parsed {
        let found = validate(&workflow, &ValidateOptions::default());
        assert!(
            found
                .windows(2)
                .all(|pair| pair[0].sort_key() <= pair[1].sort_key())
        );
        let options = CompileOptions::default();
        let compilation = compile(&workflow, &options);
        let streamed = compile_to_yaml(&workflow, &options);
        assert_eq!(streamed.diagnostics, compilation.diagnostics);
        let mut written = Vec::new();
        compile_to_yaml_stream(&workflow, &options)
            .write_to(&mut written)
            .expect("a Vec takes every byte");
        assert!(written == streamed.yaml.as_bytes());
        if compilation.has_errors() {
            assert!(compilation.objects.is_empty());
            assert!(streamed.yaml.is_empty());
        } else {
            assert!(streamed.yaml == compilation.to_yaml());
        }
    }
});
