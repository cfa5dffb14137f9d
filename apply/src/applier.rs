//! The applier: a client to the cluster that `plan`, `diff` and `apply` go through.

use std::fmt;

use kube::Client;

/// Applies workflows through one client.
#[derive(Clone)]
pub struct Applier {
    pub(crate) client: Client,
}

impl fmt::Debug for Applier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Applier").finish_non_exhaustive()
    }
}

impl Applier {
    /// An applier talking to the cluster `client` points at.
    pub fn new(client: Client) -> Self {
        Applier { client }
    }
}
