//! Helpers shared by the document tests: open a workflow, and apply an edit while checking
//! the document against a fresh validate of what it now holds.

use kubegraph::parse::{parse_workflow, workflow_from_value};
use kubegraph::validate::{ValidateOptions, validate};
use kubegraph::{Document, Edit, Update};
use serde_json::Value;

pub fn open(workflow: Value) -> Document {
    Document::open(
        workflow_from_value(workflow).expect("a workflow"),
        Vec::new(),
    )
}

/// Applies an edit, checks the document against a fresh validate, and returns the update.
pub fn apply(document: &mut Document, edit: Edit) -> Update {
    let update = document.apply(&edit).expect("the edit applies");
    let text = document.to_json().to_string();
    let fresh = validate(
        &parse_workflow(&text).expect("parses"),
        &ValidateOptions::default(),
    );
    assert_eq!(document.diagnostics(), fresh, "after {edit:?}");
    update
}
