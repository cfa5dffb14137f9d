//! The promise every fix keeps: applied alone to the workflow its diagnostic was found in,
//! it applies, its diagnostic (same code, same place) is gone, and no error appears that
//! was not there before. Places after a deleted array element are compared where they
//! were before the deletion. A cycle is reported at one of its edges, chosen by the order
//! of the edges: deleting an edge may name another edge of a cycle that was there before,
//! so cycles are compared by count.

use std::collections::BTreeSet;

use kubegraph::Code;
use kubegraph::diagnostic::{Diagnostic, PatchOperation};
use kubegraph::fix::apply_fix;
use kubegraph::parse::workflow_from_value;
use kubegraph::validate::{ValidateOptions, validate};
use serde_json::Value;

/// The diagnostics of a workflow given as a value (none for a document that is not one).
pub fn diagnostics(document: &Value, options: &ValidateOptions<'_>) -> Vec<Diagnostic> {
    workflow_from_value(document.clone())
        .map(|workflow| validate(&workflow, options))
        .unwrap_or_default()
}

/// Checks every fix of `document`'s diagnostics; the codes whose fixes were checked.
pub fn assert_fixes_hold(name: &str, document: &Value, options: &ValidateOptions<'_>) -> Vec<Code> {
    let before = diagnostics(document, options);
    let errors: BTreeSet<(Code, String)> = before
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.pointer().unwrap_or_default()))
        .collect();
    let mut checked = Vec::new();
    for diagnostic in &before {
        let Some(fix) = &diagnostic.fix else { continue };
        let mut fixed = document.clone();
        assert!(
            apply_fix(&mut fixed, fix),
            "{name}: the fix of {diagnostic:?} does not apply"
        );
        let removed: Vec<Vec<String>> = fix
            .edits
            .iter()
            .filter_map(|edit| match edit {
                PatchOperation::Remove { path } => Some(tokens(path)),
                _ => None,
            })
            .filter(|path| {
                let parent = &path[..path.len() - 1];
                document
                    .pointer(&pointer(parent))
                    .is_some_and(Value::is_array)
            })
            .collect();
        let place_before =
            |d: &Diagnostic| before_removal(&removed, &d.pointer().unwrap_or_default());
        let after = diagnostics(&fixed, options);
        let own = diagnostic.pointer().unwrap_or_default();
        assert!(
            !after
                .iter()
                .any(|d| d.code == diagnostic.code && place_before(d) == own),
            "{name}: after \"{}\" {} is still reported at {own}",
            fix.title,
            diagnostic.code
        );
        let cycles = |found: &[Diagnostic]| found.iter().filter(|d| d.code == Code::Cycle).count();
        assert!(
            cycles(&after) <= cycles(&before),
            "{name}: \"{}\" (for {} at {own}) brings a new cycle",
            fix.title,
            diagnostic.code
        );
        for error in after
            .iter()
            .filter(|d| d.is_error() && d.code != Code::Cycle)
        {
            assert!(
                errors.contains(&(error.code, place_before(error))),
                "{name}: \"{}\" (for {} at {own}) brings a new error: {error:?}",
                fix.title,
                diagnostic.code
            );
        }
        checked.push(diagnostic.code);
    }
    checked
}

fn tokens(pointer: &str) -> Vec<String> {
    pointer.split('/').skip(1).map(str::to_owned).collect()
}

fn pointer(tokens: &[String]) -> String {
    tokens.iter().map(|token| format!("/{token}")).collect()
}

/// Where `after` (a pointer after the removals) was before them: an index at or after a removed
/// element of the same array was one higher.
fn before_removal(removed: &[Vec<String>], after: &str) -> String {
    let mut place = tokens(after);
    for path in removed.iter().rev() {
        let (parent, index) = (&path[..path.len() - 1], &path[path.len() - 1]);
        let (Ok(index), true) = (index.parse::<usize>(), place.starts_with(parent)) else {
            continue;
        };
        if let Some(Ok(at)) = place.get(parent.len()).map(|token| token.parse::<usize>())
            && at >= index
        {
            place[parent.len()] = (at + 1).to_string();
        }
    }
    pointer(&place)
}
