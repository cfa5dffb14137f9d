//! One import per source form (`tests/fixtures/manifests/`: a YAML 1.1 stream, a JSON
//! `List`, `helm template` output), pinned as a snapshot of the workflow and the
//! diagnostics; the workflow must compile without errors, and the Secret values appear
//! only in the values returned apart, never in the workflow or the snapshot.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

use std::fs;

use kubegraph::import::manifests::import_manifests;
use kubegraph::parse::{values_from_value, workflow_from_value};
use kubegraph::{CompileOptions, compile};
use serde_json::Value;

#[test]
fn every_manifest_fixture_imports_to_its_snapshot_and_compiles() {
    insta::glob!("../../tests/fixtures/manifests", "*.{yaml,json}", |path| {
        let text = fs::read_to_string(path).expect("fixture readable");
        let import = import_manifests(&text);
        let workflow = workflow_from_value(import.workflow.clone()).expect("workflow reads");
        let values = import
            .values
            .clone()
            .map(|values| values_from_value(values).expect("values read"));
        let compilation = compile(
            &workflow,
            &CompileOptions {
                values: values.as_ref(),
                ..CompileOptions::default()
            },
        );
        assert!(!compilation.has_errors(), "{:#?}", compilation.diagnostics);
        let workflow_text = serde_json::to_string_pretty(&import.workflow).expect("JSON");
        // The values file holds the Secrets' values; the snapshot shows their keys only.
        let mut secret_keys = Vec::new();
        if let Some(Value::Object(secrets)) =
            import.values.as_ref().map(|values| &values["secrets"])
        {
            for (node, keys) in secrets {
                for (key, value) in keys.as_object().into_iter().flatten() {
                    let value = value.as_str().expect("values are text");
                    assert!(
                        !workflow_text.contains(value),
                        "a Secret value is in the workflow"
                    );
                    secret_keys.push(format!("{node}/{key}"));
                }
            }
        }
        let diagnostics = serde_json::to_string_pretty(&import.diagnostics).expect("JSON");
        insta::assert_snapshot!(format!(
            "# values of: {secret_keys:?}\n# diagnostics\n{diagnostics}\n# workflow\n{workflow_text}"
        ));
    });
}
