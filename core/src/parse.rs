//! Reading documents: workflow, run-time values, plugin definitions.
//!
//! A syntax error is a user mistake, so it comes back as a [`Diagnostic`] naming the line
//! and column; reading itself never fails on a field of the wrong type (see
//! [`crate::model::Wire`]), those are reported by validation.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::read::FromObject;
use crate::model::stream;
use crate::model::{PluginDefinition, RuntimeValues, Workflow};

/// Reads a workflow from JSON text.
pub fn parse_workflow(text: &str) -> Result<Workflow, Diagnostic> {
    if let Some(workflow) = stream::read_workflow(text) {
        return Ok(workflow);
    }
    // A syntax error, a document that is not an object, or a rare shape the reader from
    // text leaves to the reader of values: both read the same model.
    let value = parse_json(text, Code::InvalidJson, "workflow")?;
    workflow_from_value(value)
}

/// Reads a workflow from JSON bytes, as a file or standard input holds them. Bytes that
/// are not UTF-8 are a mistake in the input, reported as `invalid-json` with line and
/// column like any other syntax error.
pub fn parse_workflow_bytes(bytes: &[u8]) -> Result<Workflow, Diagnostic> {
    parse_workflow(utf8(bytes, Code::InvalidJson, "workflow")?)
}

/// Reads a workflow from an already parsed JSON value.
pub fn workflow_from_value(value: Value) -> Result<Workflow, Diagnostic> {
    match value {
        // Every field is read totally, so an object is always a workflow.
        Value::Object(object) => Ok(Workflow::from_object(&object)),
        other => Err(Diagnostic::new(
            Code::InvalidDocument,
            format!(
                "a workflow must be a JSON object, found {}",
                json_type(&other)
            ),
        )
        .hint("pass the workflow object itself, with `nodes` and `edges`")),
    }
}

/// Reads a workflow document as a JSON value, to edit it (see [`crate::fix`]); a syntax
/// error is the same `invalid-json` diagnostic [`parse_workflow`] gives.
pub fn parse_document(text: &str) -> Result<Value, Diagnostic> {
    parse_json(text, Code::InvalidJson, "workflow")
}

/// Reads a workflow document from bytes as a JSON value (see [`parse_document`]).
pub fn parse_document_bytes(bytes: &[u8]) -> Result<Value, Diagnostic> {
    parse_document(utf8(bytes, Code::InvalidJson, "workflow")?)
}

/// Reads run-time values (`{"secrets": {...}, "envVars": {...}}`) from JSON text.
pub fn parse_values(text: &str) -> Result<RuntimeValues, Diagnostic> {
    let value = parse_json(text, Code::InvalidValues, "values")?;
    values_from_value(value)
}

/// Reads run-time values from a JSON value.
pub fn values_from_value(value: Value) -> Result<RuntimeValues, Diagnostic> {
    // The serde message would quote the offending value, which may be a secret: name
    // only its place.
    typed(value, Code::InvalidValues, "values").map_err(|diagnostic| {
        diagnostic.hint("expected {\"secrets\": {nodeId: {KEY: \"value\"}}, \"envVars\": {nodeId: {KEY: \"value\"}}} with string values")
    })
}

/// Reads plugin definitions from JSON text (see [`plugins_from_value`]).
pub fn parse_plugins(text: &str) -> Result<Vec<PluginDefinition>, Diagnostic> {
    let value = parse_json(text, Code::InvalidPlugins, "plugin definitions")?;
    plugins_from_value(value)
}

/// Reads plugin definitions from a JSON value: an array, the plugin catalogue endpoint's
/// body `{"plugins": [...]}` (users pass it as it came), or one definition. A definition
/// has no `plugins` field, so an object holding one is always the catalogue's body.
pub fn plugins_from_value(value: Value) -> Result<Vec<PluginDefinition>, Diagnostic> {
    match value {
        Value::Array(_) => typed(value, Code::InvalidPlugins, "plugin definitions"),
        Value::Object(mut object) => match object.remove("plugins") {
            Some(list @ Value::Array(_)) => typed(list, Code::InvalidPlugins, "plugin definitions"),
            Some(other) => Err(Diagnostic::new(
                Code::InvalidPlugins,
                format!(
                    "the `plugins` of a plugin catalogue must be a JSON array, found {}",
                    json_type(&other)
                ),
            )
            .hint("pass the plugin catalogue's body as it came, `{\"plugins\": [...]}`, or the array itself")),
            None => typed(Value::Object(object), Code::InvalidPlugins, "plugin definitions")
                .map(|one| vec![one]),
        },
        other => Err(Diagnostic::new(
            Code::InvalidPlugins,
            format!(
                "plugin definitions must be a JSON array, found {}",
                json_type(&other)
            ),
        )),
    }
}

fn parse_json(text: &str, code: Code, what: &str) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|error| {
        let problem = match error.classify() {
            serde_json::error::Category::Eof => "the document ends too early".to_owned(),
            _ => strip_position(&error.to_string()),
        };
        Diagnostic::new(
            code,
            format!(
                "{what} is not valid JSON: {problem} at line {} column {}",
                error.line(),
                error.column()
            ),
        )
        .hint("fix the JSON syntax at that position; a cut-off export must be taken again")
    })
}

fn utf8<'a>(bytes: &'a [u8], code: Code, what: &str) -> Result<&'a str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let line_start = valid
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
        // Columns count bytes, as serde_json's do for syntax errors.
        let column = valid.len() - line_start + 1;
        Diagnostic::new(
            code,
            format!(
                "{what} is not UTF-8 text: byte 0x{:02x} at line {line} column {column} is not part of a UTF-8 character",
                bytes[error.valid_up_to()]
            ),
        )
        .hint("save the file as UTF-8 (JSON is UTF-8 text); an editor's \"save with encoding\" does it")
    })
}

fn typed<T: DeserializeOwned>(value: Value, code: Code, what: &str) -> Result<T, Diagnostic> {
    T::deserialize(&value).map_err(|error| {
        let message = error.to_string();
        let redacted = without_quoted_value(&message).unwrap_or(message);
        Diagnostic::new(code, format!("{what} could not be read: {redacted}"))
    })
}

/// serde's `invalid type: string "...", expected ...` quotes the value, which could be
/// long or sensitive: this keeps only the JSON type and the expectation, as
/// `found string, expected ...`. `None` for any other message.
pub(crate) fn without_quoted_value(message: &str) -> Option<String> {
    match (message.find("invalid type: "), message.find(", expected")) {
        (Some(start), Some(end)) if start < end => {
            let found = &message[start + "invalid type: ".len()..end];
            let kind = found.split_whitespace().next().unwrap_or(found);
            Some(format!("found {kind}{}", &message[end..]))
        }
        _ => None,
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

/// The JSON type of a value, for messages that must not quote the value.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_input_names_line_and_column() {
        let error = parse_workflow("{\n  \"name\": \"x\",\n  \"nodes\": [").expect_err("truncated");
        assert_eq!(error.code, Code::InvalidJson);
        assert!(error.message.contains("line 3 column"), "{}", error.message);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_invalid_json_naming_line_and_column() {
        let error = parse_workflow_bytes(b"{\n  \"name\": \"caf\xe9\"\n}").expect_err("Latin-1");
        assert_eq!(error.code, Code::InvalidJson);
        assert!(
            error.message.contains("byte 0xe9 at line 2 column 15"),
            "{}",
            error.message
        );
        let cut = parse_workflow_bytes(b"{\"name\": \"\xe2\x82").expect_err("cut character");
        assert_eq!(cut.code, Code::InvalidJson);
        assert_eq!(
            parse_workflow_bytes(br#"{"name": "caf\u00e9"}"#).expect("UTF-8"),
            parse_workflow(r#"{"name": "caf\u00e9"}"#).expect("text")
        );
    }

    #[test]
    fn a_list_is_not_a_workflow() {
        let error = parse_workflow("[1, 2]").expect_err("not an object");
        assert_eq!(error.code, Code::InvalidDocument);
    }

    #[test]
    fn the_catalogue_body_gives_the_plugins_of_the_bare_array() {
        let definitions = r#"[{"id": "cert-manager", "crdGroup": "cert-manager.io",
            "crdKinds": ["Certificate"], "nodeTypes": [{"name": "certificate"}]}]"#;
        let bare = parse_plugins(definitions).expect("bare array");
        let wrapped =
            parse_plugins(&format!(r#"{{"plugins": {definitions}}}"#)).expect("catalogue body");
        assert_eq!(wrapped, bare);
        assert_eq!(bare.len(), 1);
        assert_eq!(bare[0].id.as_str(), Some("cert-manager"));
    }

    #[test]
    fn a_catalogue_body_whose_plugins_is_not_an_array_is_invalid() {
        for plugins in [r#"{}"#, r#""cert-manager""#, "null", "3"] {
            let error =
                parse_plugins(&format!(r#"{{"plugins": {plugins}}}"#)).expect_err("not an array");
            assert_eq!(error.code, Code::InvalidPlugins, "{plugins}");
            assert!(
                error.message.contains("must be a JSON array"),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn bad_values_never_quote_the_value() {
        let error =
            parse_values(r#"{"secrets": {"node-1": {"KEY": 12345678}}}"#).expect_err("number");
        assert!(!error.message.contains("12345678"), "{}", error.message);
    }
}
