//! Any bytes, read as (lossy) UTF-8, go through parsing and then validation: neither may
//! panic, and validation must return its diagnostics sorted.

#![no_main]

use kubegraph::parse::parse_workflow;
use kubegraph::validate::{ValidateOptions, validate};
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
    }
});
