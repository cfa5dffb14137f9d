//! Run-time values: secret data and env values that are never stored.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Values per node id, then per key.
pub type ValuesByNode = BTreeMap<String, BTreeMap<String, String>>;

/// Secret and env values supplied when compiling (KubeOrch's `trigger_data`).
///
/// They end up only in the Secret or container env they belong to. `Debug` shows the
/// keys, never the values.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuntimeValues {
    /// Secret data by Secret node id, then key.
    #[serde(default)]
    pub secrets: ValuesByNode,
    /// Env values by workload node id, then variable name.
    #[serde(default, rename = "envVars")]
    pub env_vars: ValuesByNode,
}

impl RuntimeValues {
    /// Secret values for a Secret node.
    pub fn secret(&self, node_id: &str) -> Option<&BTreeMap<String, String>> {
        self.secrets.get(node_id)
    }

    /// Env values for a workload node.
    pub fn env(&self, node_id: &str) -> Option<&BTreeMap<String, String>> {
        self.env_vars.get(node_id)
    }
}

struct RedactedKeys<'a>(&'a ValuesByNode);

impl fmt::Debug for RedactedKeys<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(node, values)| {
                (
                    node,
                    values
                        .keys()
                        .map(|key| format!("{key}=<redacted>"))
                        .collect::<Vec<_>>(),
                )
            }))
            .finish()
    }
}

impl fmt::Debug for RuntimeValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeValues")
            .field("secrets", &RedactedKeys(&self.secrets))
            .field("env_vars", &RedactedKeys(&self.env_vars))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_keys_but_never_values() {
        let values: RuntimeValues = serde_json::from_str(
            r#"{"secrets": {"node-7": {"DATABASE_PASSWORD": "s3cr3t-Pa55"}},
                "envVars": {"node-5": {"API_KEY": "pk_live_123"}}}"#,
        )
        .expect("valid values");
        let debug = format!("{values:?}");
        assert!(debug.contains("DATABASE_PASSWORD"));
        assert!(debug.contains("API_KEY"));
        assert!(!debug.contains("s3cr3t-Pa55"));
        assert!(!debug.contains("pk_live_123"));
    }
}
