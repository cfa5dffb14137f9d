//! Applying the edits of the examples that count the instructions of document edits.
//! Include it beside `document.rs`.

use kubegraph::{Document, Edit};

/// Applies `edit(step)` for each of `count` steps; how many diagnostics appeared or went.
pub fn apply_steps(document: &mut Document, count: usize, edit: impl Fn(usize) -> Edit) -> usize {
    let mut changed = 0;
    for step in 0..count {
        let update = document.apply(&edit(step)).expect("the edit applies");
        changed += update.added.len() + update.removed.len();
    }
    changed
}
