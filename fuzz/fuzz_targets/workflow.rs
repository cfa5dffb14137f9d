//! Any bytes, read as (lossy) UTF-8, go through parsing, validation and compilation:
//! none may panic, validation must return its diagnostics sorted, and a compilation with
//! an error must hold no objects.

#![no_main]

use kubegraph::parse::parse_workflow;
use kubegraph::validate::{ValidateOptions, validate};
use kubegraph::{CompileOptions, compile};
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
        let compilation = compile(&workflow, &CompileOptions::default());
        if compilation.has_errors() {
            assert!(compilation.objects.is_empty());
        } else {
            let _ = compilation.to_yaml();
        }
    }
});
