//! Diagnostics: every problem found in a workflow, as data.
//!
//! A [`Diagnostic`] has a stable [`Code`], a [`Severity`], a plain message, a structured
//! [`Location`] (node or edge id plus a path into the input, rendered as a JSON pointer)
//! and, where a fix can be suggested, a hint; where exactly one repair exists, it also
//! carries it as data (a [`Fix`]). Build one with [`Diagnostic::new`] and the chained
//! setters.

mod code;
mod fix;
pub mod text;

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

pub use crate::patch::PatchOperation;
pub use code::{Code, CodeDoc, markdown_table};
pub use fix::Fix;

use crate::model::FieldPath;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The workflow cannot be compiled.
    Error,
    /// The output is produced but probably not what was meant.
    Warning,
    /// Something kubegraph did on the user's behalf.
    Info,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The severity whose [`Severity::as_str`] name is `name`.
    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|severity| severity.as_str() == name)
    }

    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a problem is: the node or edge it belongs to and the path to the value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// Path from the document root.
    pub path: FieldPath,
    /// The node the problem belongs to.
    pub node_id: Option<String>,
    /// The edge the problem belongs to.
    pub edge_id: Option<String>,
}

/// One problem found in a workflow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Severity: always the code's (see [`Code::severity`]).
    pub severity: Severity,
    /// Plain-language description. Never contains a secret value.
    pub message: String,
    /// Where the problem is.
    pub location: Location,
    /// How to fix it, when that can be said.
    pub hint: Option<String>,
    /// The one repair, when exactly one exists, as JSON Patch operations on the input.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `code`, with the code's severity: a code always means one thing.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            location: Location::default(),
            hint: None,
            fix: None,
        }
    }

    /// Attaches the node id.
    pub fn node(mut self, node_id: impl Into<String>) -> Self {
        self.location.node_id = Some(node_id.into());
        self
    }

    /// Attaches the edge id.
    pub fn edge(mut self, edge_id: impl Into<String>) -> Self {
        self.location.edge_id = Some(edge_id.into());
        self
    }

    /// Attaches the path to the value.
    pub fn at(mut self, path: FieldPath) -> Self {
        self.location.path = path;
        self
    }

    /// Attaches a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the one repair (`None`: there is none).
    pub fn fix(mut self, fix: impl Into<Option<Fix>>) -> Self {
        self.fix = fix.into();
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The JSON pointer into the input, `None` for the document as a whole.
    pub fn pointer(&self) -> Option<String> {
        (!self.location.path.is_root()).then(|| self.location.path.pointer())
    }

    /// The order diagnostics are reported in: by place in the input, then severity, then
    /// code, then message, so the same input always gives the same list.
    pub fn sort_key(&self) -> (&FieldPath, Severity, Code, &str, Option<&str>, Option<&str>) {
        (
            &self.location.path,
            self.severity,
            self.code,
            &self.message,
            self.location.node_id.as_deref(),
            self.location.edge_id.as_deref(),
        )
    }
}

/// Sorts diagnostics into their reporting order and drops exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

/// The keys of a diagnostic's JSON form, which every binding shares.
pub mod keys {
    /// The stable code, for example `missing-field`.
    pub const CODE: &str = "code";
    /// `error`, `warning` or `info`.
    pub const SEVERITY: &str = "severity";
    /// The plain message.
    pub const MESSAGE: &str = "message";
    /// The node the problem belongs to, when there is one.
    pub const NODE_ID: &str = "nodeId";
    /// The edge the problem belongs to, when there is one.
    pub const EDGE_ID: &str = "edgeId";
    /// The JSON pointer of the value, when the problem is not about the whole document.
    pub const PATH: &str = "path";
    /// How to fix it, when a fix can be suggested.
    pub const HINT: &str = "hint";
    /// The one repair, `{title, edits}`, when exactly one exists.
    pub const FIX: &str = "fix";
}

impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(keys::CODE, self.code.as_str())?;
        map.serialize_entry(keys::SEVERITY, &self.severity)?;
        map.serialize_entry(keys::MESSAGE, &self.message)?;
        if let Some(node_id) = &self.location.node_id {
            map.serialize_entry(keys::NODE_ID, node_id)?;
        }
        if let Some(edge_id) = &self.location.edge_id {
            map.serialize_entry(keys::EDGE_ID, edge_id)?;
        }
        if let Some(pointer) = self.pointer() {
            map.serialize_entry(keys::PATH, &pointer)?;
        }
        if let Some(hint) = &self.hint {
            map.serialize_entry(keys::HINT, hint)?;
        }
        if let Some(fix) = &self.fix {
            map.serialize_entry(keys::FIX, fix)?;
        }
        map.end()
    }
}

impl JsonSchema for Diagnostic {
    fn schema_name() -> Cow<'static, str> {
        "Diagnostic".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fix = generator.subschema_for::<Fix>();
        let codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
        json_schema!({
            "description": "One problem found in a workflow.",
            "type": "object",
            "required": ["code", "severity", "message"],
            "additionalProperties": false,
            "properties": {
                "code": { "description": "Stable code; see docs/diagnostics.md.", "enum": codes },
                "severity": { "enum": ["error", "warning", "info"] },
                "message": { "type": "string" },
                "nodeId": { "type": "string" },
                "edgeId": { "type": "string" },
                "path": { "description": "JSON pointer into the input.", "type": "string" },
                "hint": { "type": "string" },
                "fix": fix
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_the_documented_shape() {
        let diagnostic = Diagnostic::new(Code::InvalidCount, "replicas must not be negative")
            .node("node-1")
            .at(FieldPath::node_data(0).key("replicas"))
            .hint("use 0 or more");
        let json = serde_json::to_value(&diagnostic).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid-count", "severity": "error",
                "message": "replicas must not be negative", "nodeId": "node-1",
                "path": "/nodes/0/data/replicas", "hint": "use 0 or more"
            })
        );
    }

    #[test]
    fn code_names_are_unique_and_round_trip() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
        }
    }
}
