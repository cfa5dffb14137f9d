//! Applying fixes: the JSON Patch operations of [`Fix`]es on the workflow document.
//!
//! How several fixes compose. Fixes are computed from one document and point into it, so:
//!
//! - identical fixes are applied once (two diagnostics about one edge share its deletion);
//! - fixes are applied from the end of the document backwards (in descending order of the
//!   furthest path they touch, array indexes compared as numbers), so deleting an element
//!   never shifts a path a fix still to be applied uses;
//! - each fix is applied whole or not at all: its `test` operations guard it against a
//!   document that changed under it (a later fix of the same element), and a fix any of
//!   whose operations fails is undone and skipped.
//!
//! What one round of fixes leaves may have fixes of its own (an edge renamed for a duplicate
//! id whose deletion then no longer matched): [`fix_workflow`] validates again after each
//! round, until no fix applies or [`MAX_ROUNDS`] rounds have run. Everything here works on
//! a `serde_json::Value` read with `preserve_order`, so keys keep their order and unknown
//! fields survive.

use std::cmp::Reverse;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Fix, PatchOperation};
use crate::model::Workflow;
use crate::model::read::FromObject;
use crate::patch::{self, array_index, tokens};
use crate::validate::{FastMap, ValidateOptions, fast_map, validate};

/// The most rounds of validate-and-fix [`fix_workflow`] runs.
pub const MAX_ROUNDS: usize = 8;

/// Applies `fixes`, all computed from `document`, as the module documentation describes.
/// Returns, for each fix, whether it was applied (a duplicate of an applied fix counts).
pub fn apply_fixes(document: &mut Value, fixes: &[&Fix]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    // Stable: equal keys keep their input order.
    order.sort_by_cached_key(|&index| Reverse(furthest(fixes[index])));
    let mut applied = vec![false; fixes.len()];
    // Looked up only, never iterated.
    let mut seen: FastMap<&Fix, bool> = fast_map(fixes.len());
    for index in order {
        let fix = fixes[index];
        applied[index] = match seen.get(fix) {
            Some(&done) => done,
            None => {
                let done = apply_fix(document, fix);
                seen.insert(fix, done);
                done
            }
        };
    }
    applied
}

/// Applies one fix whole, or leaves `document` as it was and returns false.
pub fn apply_fix(document: &mut Value, fix: &Fix) -> bool {
    patch::apply(document, &fix.edits).is_ok()
}

/// What [`fix_workflow`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct FixOutcome {
    /// The workflow with the fixes applied.
    pub workflow: Value,
    /// The diagnostics whose fix was applied, round after round.
    pub fixed: Vec<Diagnostic>,
    /// What validating the fixed workflow reports.
    pub remaining: Vec<Diagnostic>,
}

/// Validates `workflow`, applies the fixes of the diagnostics `wanted` selects, and repeats
/// on the result until no such fix applies (at most [`MAX_ROUNDS`] rounds). A document
/// that is not an object is returned unchanged with nothing to fix.
pub fn fix_workflow(
    mut workflow: Value,
    options: &ValidateOptions<'_>,
    wanted: &dyn Fn(&Diagnostic) -> bool,
) -> FixOutcome {
    let mut fixed = Vec::new();
    let mut remaining = validate_value(&workflow, options);
    for _ in 0..MAX_ROUNDS {
        let fixable: Vec<&Diagnostic> = remaining
            .iter()
            .filter(|diagnostic| diagnostic.fix.is_some() && wanted(diagnostic))
            .collect();
        let fixes: Vec<&Fix> = fixable.iter().filter_map(|d| d.fix.as_ref()).collect();
        let applied = apply_fixes(&mut workflow, &fixes);
        if !applied.contains(&true) {
            break;
        }
        fixed.extend(
            fixable
                .iter()
                .zip(&applied)
                .filter(|(_, applied)| **applied)
                .map(|(diagnostic, _)| (*diagnostic).clone()),
        );
        remaining = validate_value(&workflow, options);
    }
    FixOutcome {
        workflow,
        fixed,
        remaining,
    }
}

fn validate_value(workflow: &Value, options: &ValidateOptions<'_>) -> Vec<Diagnostic> {
    match workflow {
        Value::Object(object) => validate(&Workflow::from_object(object), options),
        _ => Vec::new(),
    }
}

/// One step of a JSON pointer, an array index when it is one's canonical decimal form.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Index(usize),
    Key(String),
}

/// The sort key of a fix: the furthest path it changes (its tests only guard).
fn furthest(fix: &Fix) -> Vec<Step> {
    fix.edits
        .iter()
        .filter(|edit| !matches!(edit, PatchOperation::Test { .. }))
        .map(|edit| steps(edit.path()))
        .max()
        .unwrap_or_default()
}

fn steps(pointer: &str) -> Vec<Step> {
    tokens(pointer)
        .unwrap_or_default()
        .into_iter()
        .map(|token| match array_index(&token) {
            Some(index) => Step::Index(index),
            None => Step::Key(token),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::diagnostic::Code;

    fn fixes_of(document: &Value) -> Vec<Diagnostic> {
        validate_value(document, &ValidateOptions::default())
            .into_iter()
            .filter(|diagnostic| diagnostic.fix.is_some())
            .collect()
    }

    #[test]
    fn fixes_of_one_document_compose_from_the_end_backwards() {
        let mut document = json!({"name": "w", "nodes": [
                {"id": "n1", "type": "deployment", "x-keep": 1, "data": {"name": "api", "image": "nginx"}}],
            "edges": [
                {"id": "e0", "source": "gone", "target": "nowhere", "style": {"a": 1}},
                {"id": "e1", "source": "n1", "target": "n1"},
                {"id": "e2", "source": "n1", "target": "gone"}],
            "zeta": true});
        let found = fixes_of(&document);
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                Code::DanglingEdge,
                Code::DanglingEdge,
                Code::SelfLoop,
                Code::DanglingEdge
            ]
        );
        // Both ends of e0 share one fix, applied once.
        assert_eq!(found[0].fix, found[1].fix);
        let fixes: Vec<&Fix> = found.iter().filter_map(|d| d.fix.as_ref()).collect();
        assert_eq!(apply_fixes(&mut document, &fixes), [true; 4]);
        assert_eq!(
            document.to_string(),
            r#"{"name":"w","nodes":[{"id":"n1","type":"deployment","x-keep":1,"data":{"name":"api","image":"nginx"}}],"edges":[],"zeta":true}"#
        );
    }

    #[test]
    fn a_fix_that_no_longer_matches_is_skipped_whole() {
        let original = json!({"nodes": [], "edges": [{"id": "e", "a": 1, "b": 2, "c": 3}]});
        let mut document = original.clone();
        let fix = Fix::new(
            "Half applies",
            vec![
                PatchOperation::Remove {
                    path: "/edges/0/a".into(),
                },
                PatchOperation::Replace {
                    path: "/edges/0/b".into(),
                    value: json!(9),
                },
                PatchOperation::Add {
                    path: "/edges/0/d".into(),
                    value: json!(4),
                },
                PatchOperation::Test {
                    path: "/edges/0/id".into(),
                    value: json!("other"),
                },
            ],
        );
        assert!(!apply_fix(&mut document, &fix));
        // Undone in place: the removed key is back where it was.
        assert_eq!(document.to_string(), original.to_string());
        let gone = Fix::new(
            "Gone",
            vec![PatchOperation::Remove {
                path: "/edges/5".into(),
            }],
        );
        assert!(!apply_fix(&mut document, &gone));
        assert_eq!(document, original);
    }

    #[test]
    fn fixing_repeats_until_nothing_is_left_to_fix() {
        // The second e is both dangling and a duplicate id: the rename applies first (its
        // path is further), which the deletion's guard then refuses; the next round
        // deletes the renamed edge. `fixed` lists each round in reporting order.
        let document = json!({"nodes": [{"id": "n1", "type": "configmap", "data": {"name": "c"}}],
            "edges": [{"id": "e", "source": "n1", "target": "n1"}, {"id": "e", "source": "n1", "target": "gone"}]});
        let outcome = fix_workflow(document, &ValidateOptions::default(), &|_| true);
        assert_eq!(outcome.workflow["edges"], json!([]));
        let fixed: Vec<Code> = outcome.fixed.iter().map(|d| d.code).collect();
        assert_eq!(
            fixed,
            [Code::SelfLoop, Code::DuplicateEdgeId, Code::DanglingEdge]
        );
        assert!(outcome.remaining.is_empty(), "{:#?}", outcome.remaining);
    }

    #[test]
    fn only_the_wanted_fixes_apply() {
        let document = json!({"nodes": [{"id": "n1", "type": "configmap", "data": {"name": "c"}}],
            "edges": [{"id": "e", "source": "n1", "target": "n1"}, {"id": "f", "source": "n1", "target": "gone"}]});
        let outcome = fix_workflow(document, &ValidateOptions::default(), &|d| {
            d.code == Code::SelfLoop
        });
        assert_eq!(
            outcome.workflow["edges"],
            json!([{"id": "f", "source": "n1", "target": "gone"}])
        );
        assert_eq!(outcome.remaining.len(), 1);
        assert_eq!(outcome.remaining[0].code, Code::DanglingEdge);
    }
}
