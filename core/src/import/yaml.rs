//! Multi-document YAML text → JSON values, read the way the consumer of the text reads it.
//!
//! Kubernetes reads manifests with `sigs.k8s.io/yaml`, which is go-yaml v2: YAML 1.1 scalars
//! (`yes`, `on`, `Y` are booleans, `017` is octal) turned into JSON (a mapping key `on:`
//! becomes `"true"`, a whole float becomes an integer). docker-compose reads YAML 1.2's core
//! schema. Only plain scalars are resolved: a quoted or block scalar is always a string,
//! unless an explicit core tag (`!!int "3"`) says otherwise. Anchors, aliases and merge keys
//! (`<<`) are expanded. Errors name the line and column; nothing here panics on any input.

use std::collections::{BTreeMap, BTreeSet};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::Number;

use super::tree::{Map, Value};

/// How plain scalars are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// YAML 1.1 as Kubernetes reads it (`sigs.k8s.io/yaml`, go-yaml v2).
    Kubernetes,
    /// YAML 1.2 core schema (docker-compose).
    Core,
}

/// One document of the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlDocument {
    /// The document as JSON; `Value::Null` for an empty document.
    pub value: serde_json::Value,
    /// 1-based line where the document starts (its `---`, or its first token).
    pub line: usize,
    /// Keys given twice in one mapping (the last one wins, as in Kubernetes' reader).
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// One document as the import reads it: [`YamlDocument`] with an import-local value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub(crate) value: Value,
    pub(crate) line: usize,
    pub(crate) duplicate_keys: Vec<DuplicateKey>,
}

impl From<Document> for YamlDocument {
    fn from(document: Document) -> Self {
        YamlDocument {
            value: document.value.into(),
            line: document.line,
            duplicate_keys: document.duplicate_keys,
        }
    }
}

/// A mapping key given twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// 1-based line of its second appearance.
    pub line: usize,
}

/// Why a text is not YAML that can become JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct YamlError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Alias expansion stops past this many values (a "billion laughs" document).
const MAX_ALIAS_VALUES: usize = 1_000_000;

/// Reads every document of a YAML stream.
///
/// # Errors
///
/// The first syntax error, an alias to an unknown anchor, a key that is not a scalar, or
/// alias expansion past a million values.
pub fn parse_documents(text: &str, schema: Schema) -> Result<Vec<YamlDocument>, YamlError> {
    read_documents(text, schema).map(|documents| documents.into_iter().map(Into::into).collect())
}

/// Reads every document of a YAML stream as [`parse_documents`] does, into the import's
/// own values.
pub(crate) fn read_documents(text: &str, schema: Schema) -> Result<Vec<Document>, YamlError> {
    match super::block_yaml::read(text, schema) {
        Some(documents) => Ok(documents),
        None => parse_events(text, schema),
    }
}

/// Reads the stream event by event: any YAML, and the errors.
pub(super) fn parse_events(text: &str, schema: Schema) -> Result<Vec<Document>, YamlError> {
    let mut builder = Builder {
        schema,
        anchors: Vec::new(),
        stack: Vec::new(),
        documents: Vec::new(),
        current: None,
        aliased_values: 0,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(scan_error)?;
        builder.event(event, span)?;
    }
    Ok(builder.documents)
}

fn scan_error(error: ScanError) -> YamlError {
    YamlError {
        line: error.marker().line(),
        column: error.marker().col() + 1,
        message: error.info().to_owned(),
    }
}

fn error_at(span: Span, message: impl Into<String>) -> YamlError {
    YamlError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message: message.into(),
    }
}

/// A collection being filled.
enum Open {
    Sequence {
        anchor: usize,
        items: Vec<Value>,
    },
    Mapping {
        anchor: usize,
        entries: Entries,
        /// Keys that came from a merge (`<<`): an explicit key replaces them silently.
        merged: BTreeSet<String>,
        /// The key read, waiting for its value.
        key: Option<(String, Span)>,
    },
}

struct Builder {
    schema: Schema,
    /// Anchored values by anchor id, with how many values each holds.
    anchors: Vec<Option<(Value, usize)>>,
    stack: Vec<Open>,
    documents: Vec<Document>,
    current: Option<Document>,
    aliased_values: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::DocumentStart(_) => {
                self.current = Some(Document {
                    value: Value::Null,
                    line: span.start.line(),
                    duplicate_keys: Vec::new(),
                });
            }
            Event::DocumentEnd => {
                if let Some(document) = self.current.take() {
                    self.documents.push(document);
                }
                self.anchors.clear();
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = self.scalar(&text, style, tag.as_deref(), span)?;
                self.remember(anchor, &value);
                self.add(value, span)?;
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Open::Sequence {
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => self.stack.push(Open::Mapping {
                anchor,
                entries: Entries::default(),
                merged: BTreeSet::new(),
                key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let (anchor, value) = match self.stack.pop() {
                    Some(Open::Sequence { anchor, items }) => (anchor, Value::Array(items)),
                    Some(Open::Mapping {
                        anchor, entries, ..
                    }) => (anchor, Value::Object(entries.map)),
                    None => return Err(error_at(span, "unbalanced collection end")),
                };
                self.remember(anchor, &value);
                self.add(value, span)?;
            }
            Event::Alias(id) => {
                let Some(Some((value, size))) = self.anchors.get(id) else {
                    return Err(error_at(span, "alias to an unknown anchor"));
                };
                self.aliased_values += size;
                if self.aliased_values > MAX_ALIAS_VALUES {
                    return Err(error_at(
                        span,
                        "aliases expand to more than a million values",
                    ));
                }
                let value = value.clone();
                self.add(value, span)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, value: &Value) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some((value.clone(), count_values(value)));
    }

    /// Puts a finished value into the collection being filled, or makes it the document.
    fn add(&mut self, value: Value, span: Span) -> Result<(), YamlError> {
        let schema = self.schema;
        match self.stack.last_mut() {
            None => {
                if let Some(document) = self.current.as_mut() {
                    document.value = value;
                }
            }
            Some(Open::Sequence { items, .. }) => items.push(value),
            Some(Open::Mapping {
                entries,
                merged,
                key,
                ..
            }) => match key.take() {
                None => *key = Some((key_text(value, schema, span)?, span)),
                Some((name, key_span)) if name == "<<" => merge(entries, merged, value, key_span)?,
                Some((name, key_span)) => {
                    let explicit_twice = entries.contains_key(&name) && !merged.contains(&name);
                    merged.remove(&name);
                    if explicit_twice && let Some(document) = self.current.as_mut() {
                        document.duplicate_keys.push(DuplicateKey {
                            key: name.clone(),
                            line: key_span.start.line(),
                        });
                    }
                    entries.insert(name, value);
                }
            },
        }
        Ok(())
    }

    fn scalar(
        &self,
        text: &str,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<Value, YamlError> {
        let core_tag = tag
            .filter(|tag| tag.is_yaml_core_schema())
            .map(|tag| tag.suffix.as_str());
        match core_tag {
            Some("str") => return Ok(Value::String(text.to_owned())),
            Some(kind @ ("int" | "float" | "bool" | "null")) => {
                let value = resolve_plain(text, self.schema);
                let fits = match kind {
                    "int" => value.is_i64() || value.is_u64(),
                    "float" => value.is_number(),
                    "bool" => value.is_boolean(),
                    _ => value.is_null(),
                };
                return if fits {
                    Ok(value)
                } else {
                    Err(error_at(span, format!("`{text}` is not a valid !!{kind}")))
                };
            }
            _ => {}
        }
        if style == ScalarStyle::Plain {
            Ok(resolve_plain(text, self.schema))
        } else {
            Ok(Value::String(text.to_owned()))
        }
    }
}

/// A plain scalar's value in `schema`.
pub(super) fn resolve_plain(text: &str, schema: Schema) -> Value {
    match schema {
        Schema::Kubernetes => resolve_yaml11(text),
        Schema::Core => resolve_core(text),
    }
}

fn key_text(value: Value, schema: Schema, span: Span) -> Result<String, YamlError> {
    scalar_key(value, schema).map_err(|message| error_at(span, message))
}

/// A mapping key as JSON text: Kubernetes' reader writes `on:` as `"true"`, `1:` as `"1"`.
pub(super) fn scalar_key(value: Value, schema: Schema) -> Result<String, &'static str> {
    match value {
        Value::String(text) => Ok(text),
        Value::Bool(flag) => Ok(flag.to_string()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Null if schema == Schema::Core => Ok("null".to_owned()),
        Value::Null => Err("a mapping key may not be null"),
        Value::Array(_) | Value::Object(_) => Err("a mapping key must be a scalar"),
    }
}

/// Applies a merge key: the merged mappings' keys fill only keys not given explicitly; of
/// several merged mappings the first one wins.
fn merge(
    entries: &mut Entries,
    merged: &mut BTreeSet<String>,
    value: Value,
    span: Span,
) -> Result<(), YamlError> {
    let sources = match value {
        Value::Object(map) => vec![map],
        Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                Value::Object(map) => Ok(map),
                _ => Err(error_at(span, "a merge key takes mappings only")),
            })
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(error_at(
                span,
                "a merge key takes a mapping or a list of mappings",
            ));
        }
    };
    let mut filled = BTreeSet::new();
    for source in sources {
        for (key, value) in source {
            let free =
                !entries.contains_key(&key) || (merged.contains(&key) && !filled.contains(&key));
            if free && filled.insert(key.clone()) {
                merged.insert(key.clone());
                entries.insert(key, value);
            }
        }
    }
    Ok(())
}

/// A mapping being filled by the event reader. Keys are found by comparing them one by
/// one while there are few, then through an ordered index, so that a mapping of many keys
/// still reads in n log n.
#[derive(Default)]
struct Entries {
    map: Map,
    /// The position of the first `index.len()` keys, once there are more than [`Entries::SCAN`].
    index: BTreeMap<String, usize>,
}

impl Entries {
    const SCAN: usize = 32;

    fn position(&mut self, key: &str) -> Option<usize> {
        if self.map.len() <= Self::SCAN {
            return self.map.position(key);
        }
        // Entries are only ever added: index those added since.
        let indexed = self.index.len();
        for (at, name) in self.map.keys().enumerate().skip(indexed) {
            self.index.insert(name.clone(), at);
        }
        self.index.get(key).copied()
    }

    fn contains_key(&mut self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key`, in its place when it is there already.
    fn insert(&mut self, key: String, value: Value) {
        match self.position(&key) {
            Some(at) => self.map.replace(at, value),
            None => self.map.push(key, value),
        }
    }
}

fn count_values(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_values).sum(),
        Value::Object(map) => map.values().map(count_values).sum(),
        _ => 0,
    }
}

/// go-yaml v2's resolution of a plain scalar, as `sigs.k8s.io/yaml` turns it into JSON.
fn resolve_yaml11(text: &str) -> Value {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        _ => {}
    }
    match text.as_bytes()[0] {
        b'+' | b'-' | b'0'..=b'9' => {
            let plain: std::borrow::Cow<'_, str> = if text.contains('_') {
                text.replace('_', "").into()
            } else {
                text.into()
            };
            if let Some(number) = go_parse_int(&plain) {
                return number;
            }
            if is_yaml_float(&plain)
                && let Ok(float) = plain.parse::<f64>()
            {
                return json_float(float, true);
            }
            Value::String(text.to_owned())
        }
        // `.5` is a float; `.inf` and `.nan` have no JSON form and stay text.
        b'.' => match text.parse::<f64>() {
            Ok(float) if float.is_finite() && is_yaml_float(text) => json_float(float, true),
            _ => Value::String(text.to_owned()),
        },
        _ => Value::String(text.to_owned()),
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint`: a sign, then `0x`, `0o`, `0b` or a
/// leading `0` (octal) prefix.
fn go_parse_int(text: &str) -> Option<Value> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(rest) = unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        (16, rest)
    } else if let Some(rest) = unsigned
        .strip_prefix("0o")
        .or_else(|| unsigned.strip_prefix("0O"))
    {
        (8, rest)
    } else if let Some(rest) = unsigned
        .strip_prefix("0b")
        .or_else(|| unsigned.strip_prefix("0B"))
    {
        (2, rest)
    } else if unsigned.len() > 1 && unsigned.starts_with('0') {
        (8, &unsigned[1..])
    } else {
        (10, unsigned)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        let value = i64::try_from(magnitude)
            .map(|m| -m)
            .ok()
            .or((magnitude == 1 << 63).then_some(i64::MIN))?;
        Some(Value::Number(value.into()))
    } else {
        Some(Value::Number(magnitude.into()))
    }
}

/// go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (also YAML 1.2's core
/// float, less its `.inf`/`.nan`).
fn is_yaml_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => !fraction.is_empty() && digits(fraction),
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => !mantissa.is_empty() && digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    mantissa_ok && exponent_ok
}

/// A float as JSON. Go's encoder writes a whole float as an integer (`1.0` → `1`), and so
/// the API server sees an integer; YAML 1.2 readers keep the float.
fn json_float(float: f64, whole_as_integer: bool) -> Value {
    // Within ±2^53 a whole f64 is exactly an integer.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if whole_as_integer && float.fract() == 0.0 && float.abs() <= EXACT {
        #[expect(clippy::cast_possible_truncation, reason = "whole and within ±2^53")]
        return Value::Number((float as i64).into());
    }
    Number::from_f64(float).map_or(Value::Null, Value::Number)
}

/// YAML 1.2 core schema resolution.
fn resolve_core(text: &str) -> Value {
    match text {
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(value) = text.parse::<i64>() {
            return Value::Number(value.into());
        }
        if let Ok(value) = text.trim_start_matches('+').parse::<u64>() {
            return Value::Number(value.into());
        }
    }
    if let Some(value) = text
        .strip_prefix("0o")
        .and_then(|octal| u64::from_str_radix(octal, 8).ok())
        .or_else(|| {
            text.strip_prefix("0x")
                .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        })
    {
        return Value::Number(value.into());
    }
    if is_yaml_float(text)
        && let Ok(float) = text.parse::<f64>()
    {
        return json_float(float, false);
    }
    Value::String(text.to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn one(text: &str, schema: Schema) -> Value {
        let documents = parse_documents(text, schema).unwrap();
        assert_eq!(documents.len(), 1, "{documents:?}");
        documents.into_iter().next().unwrap().value
    }

    #[test]
    fn kubernetes_reads_yaml_1_1_booleans_and_keys() {
        let value = one(
            "on: yes\nflags: [y, N, Off, TRUE, 'yes', \"on\", yEs]\n1: x\n",
            Schema::Kubernetes,
        );
        assert_eq!(
            value,
            json!({"true": true, "flags": [true, false, false, true, "yes", "on", "yEs"], "1": "x"})
        );
    }

    #[test]
    fn core_schema_keeps_yaml_1_1_words_as_text() {
        let value = one(
            "on: yes\nflags: [y, true, False, 1.0, 017, 0o17]\n",
            Schema::Core,
        );
        assert_eq!(
            value,
            json!({"on": "yes", "flags": ["y", true, false, 1.0, 17, 15]})
        );
    }

    #[test]
    fn kubernetes_numbers_follow_go() {
        let value = one(
            "[017, 0o17, 0x1F, -0x10, 0b101, 1_000, 08, 1.0, 1e3, 1.5, .5, +7, 12:30, 1.2.3, .inf, -0, 18446744073709551615]",
            Schema::Kubernetes,
        );
        assert_eq!(
            value,
            json!([
                15,
                15,
                31,
                -16,
                5,
                1000,
                8,
                1,
                1000,
                1.5,
                0.5,
                7,
                "12:30",
                "1.2.3",
                ".inf",
                0,
                18_446_744_073_709_551_615_u64
            ])
        );
    }

    #[test]
    fn nulls_and_quoted_scalars() {
        let value = one(
            "a: ~\nb:\nc: null\nd: 'null'\ne: |\n  017\nf: !!str 3\ng: !!int \"3\"\n",
            Schema::Kubernetes,
        );
        assert_eq!(
            value,
            json!({"a": null, "b": null, "c": null, "d": "null", "e": "017\n", "f": "3", "g": 3})
        );
    }

    #[test]
    fn several_documents_with_their_lines_and_empty_ones() {
        let text = "# Source: chart/templates/a.yaml\napiVersion: v1\nkind: A\n---\n# empty\n---\nkind: B\n...\n---\nkind: C\n";
        let documents = parse_documents(text, Schema::Kubernetes).unwrap();
        let summary: Vec<_> = documents
            .iter()
            .map(|document| (document.value.clone(), document.line))
            .collect();
        assert_eq!(
            summary,
            vec![
                (json!({"apiVersion": "v1", "kind": "A"}), 2),
                (Value::Null, 4),
                (json!({"kind": "B"}), 6),
                (json!({"kind": "C"}), 9),
            ]
        );
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let text = "base: &base {a: 1, b: 2}\nmore: &more {c: 3, a: 9}\nx:\n  b: 20\n  <<: [*base, *more]\n  d: *base\ny:\n  <<: *base\n  a: 10\n";
        let value = one(text, Schema::Core);
        assert_eq!(
            value["x"],
            json!({"b": 20, "a": 1, "c": 3, "d": {"a": 1, "b": 2}})
        );
        assert_eq!(value["y"], json!({"a": 10, "b": 2}));
    }

    #[test]
    fn duplicate_keys_last_wins_and_are_reported() {
        let documents = parse_documents("a: 1\nb: 2\na: 3\n", Schema::Kubernetes).unwrap();
        assert_eq!(documents[0].value, json!({"a": 3, "b": 2}));
        assert_eq!(
            documents[0].duplicate_keys,
            vec![DuplicateKey {
                key: "a".into(),
                line: 3
            }]
        );
    }

    #[test]
    fn many_keys_keep_their_order_and_duplicates_their_lines() {
        // Past the event reader's scan of a few keys, and the line reader's pairwise check.
        let mut text: String = (0..40).map(|n| format!("k{n}: {n}\n")).collect();
        text.push_str("k3: again\nk39: last\n");
        let documents = parse_documents(&text, Schema::Kubernetes).unwrap();
        let value = &documents[0].value;
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        let expected: Vec<String> = (0..40).map(|n| format!("k{n}")).collect();
        assert_eq!(keys, expected.iter().collect::<Vec<_>>());
        assert_eq!(
            (&value["k3"], &value["k39"]),
            (&json!("again"), &json!("last"))
        );
        assert_eq!(
            documents[0].duplicate_keys,
            vec![
                DuplicateKey {
                    key: "k3".into(),
                    line: 41
                },
                DuplicateKey {
                    key: "k39".into(),
                    line: 42
                }
            ]
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let error = parse_documents("a: 1\nb: [1, 2\n", Schema::Kubernetes).unwrap_err();
        assert!(error.line >= 2, "{error}");
        let error = parse_documents("a: *nothing\n", Schema::Kubernetes).unwrap_err();
        assert_eq!((error.line, error.column), (1, 4), "{error}");
        let error = parse_documents("? [1]\n: x\n", Schema::Kubernetes).unwrap_err();
        assert_eq!(error.message, "a mapping key must be a scalar");
        let error = parse_documents("~: x\n", Schema::Kubernetes).unwrap_err();
        assert_eq!(error.message, "a mapping key may not be null");
        let error = parse_documents("a: !!int x\n", Schema::Kubernetes).unwrap_err();
        assert_eq!(error.message, "`x` is not a valid !!int");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..8 {
            let previous = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"
            ));
        }
        let error = parse_documents(&text, Schema::Kubernetes).unwrap_err();
        assert!(error.message.contains("million"), "{error}");
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "",
            "---",
            "- - -",
            "[",
            "{a: }",
            "&a a: *a",
            "\t",
            "key: \"\\uD800\"",
            ":",
        ] {
            let _ = parse_documents(text, Schema::Kubernetes);
            let _ = parse_documents(text, Schema::Core);
        }
    }
}
