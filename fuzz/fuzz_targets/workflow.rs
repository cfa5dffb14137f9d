//! Any bytes, read as (lossy) UTF-8, go through parsing, validation and compilation:
//! none may panic, validation must return its diagnostics sorted, a compilation with an
//! error must hold no objects, and compiling straight to YAML must give the diagnostics and
//! the bytes of compiling to objects and rendering them.

#![no_main]

use kubegraph::parse::parse_workflow;
use kubegraph::validate::{ValidateOptions, validate};
use kubegraph::{CompileOptions, compile, compile_to_yaml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(workflow) = parse_workflow(&text) {
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
        if compilation.has_errors() {
            assert!(compilation.objects.is_empty());
            assert!(streamed.yaml.is_empty());
        } else {
            assert!(streamed.yaml == compilation.to_yaml());
        }
    }
});
