//! The validation rules, one per file. Each rule has a name (for tests and docs) and a
//! check function; [`ALL`] is the order they run in (the output is sorted anyway).

mod dangling_edges;
mod duplicate_ids;
mod field_types;

use super::Context;

/// One validation rule.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Stable rule name, for example `field-types`.
    pub name: &'static str,
    /// Reports every problem this rule finds.
    pub check: fn(&mut Context<'_>),
}

/// Every rule.
pub const ALL: &[Rule] = &[field_types::RULE, duplicate_ids::RULE, dangling_edges::RULE];

/// The rule called `name`.
pub fn by_name(name: &str) -> Option<Rule> {
    ALL.iter().copied().find(|rule| rule.name == name)
}
