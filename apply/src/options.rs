//! How to apply: the switches `plan`, `diff` and `apply` share.

use std::time::Duration;

/// The field manager kubegraph applies as unless told otherwise.
pub const DEFAULT_FIELD_MANAGER: &str = "kubegraph";

/// How to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyOptions {
    /// Server-side dry run (`dryRun=All`): the server validates and admits everything,
    /// nothing is stored, no inventory is written.
    pub dry_run: bool,
    /// Take over fields other field managers own instead of reporting the conflict.
    pub force_conflicts: bool,
    /// Delete objects the previous inventory recorded that the output no longer has.
    pub prune: bool,
    /// Wait until every object is ready (or `timeout` passes).
    pub wait: bool,
    /// How long `wait` waits.
    pub timeout: Duration,
    /// The field manager to apply as.
    pub field_manager: String,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        ApplyOptions {
            dry_run: false,
            force_conflicts: false,
            prune: false,
            wait: false,
            timeout: Duration::from_secs(300),
            field_manager: DEFAULT_FIELD_MANAGER.to_owned(),
        }
    }
}
