//! A small, deterministic YAML emitter for Kubernetes objects.
//!
//! Hand-written instead of going through `serde_yaml` so that the output is
//! stable across library versions, keeps the key order of the input
//! (`serde_json` with `preserve_order`), has `kubectl get -o yaml`'s layout and
//! builds for `wasm32` without extra dependencies.
//!
//! # Layout
//!
//! * 2-space indentation, block mappings; block sequences are written at the
//!   same indentation as their key (`containers:\n- name: x`), like kubectl.
//! * Empty collections are `{}` and `[]`, null is `null`, booleans are
//!   `true`/`false`.
//! * Integers are written as `serde_json` prints them. Floats too, except that
//!   an exponent form gets a `.0` mantissa and an explicit exponent sign
//!   (`1e300` becomes `1.0e+300`), because YAML 1.1 parsers (PyYAML) only read
//!   `1.0e+300` as a float.
//! * Multi-document output puts `---\n` *before* every document but the first.
//!
//! # Strings (values and keys alike)
//!
//! A string is written **plain** only when every YAML 1.1 parser (go-yaml v2 as
//! used by kubectl and `sigs.k8s.io/yaml`, PyYAML) and every YAML 1.2 parser
//! reads it back as that very string. The check is deliberately conservative:
//! it quotes anything that could be a bool (`y`, `yes`, `on`, `off`, ... in any
//! case), null (`null`, `~`), a number in any YAML 1.1/1.2 form (including
//! `0x1F`, `0o17`, `1_000`, `1e3`, `.5`, `.inf`, sexagesimal `1:20`), a
//! timestamp (anything starting with `YYYY-`), `=`, `<<`, a document marker, a
//! string starting with an indicator character or whitespace, ending with
//! whitespace or `:`, or containing `: ` or ` #`.
//!
//! Strings that need quoting are always written **double-quoted**, with
//! JSON-compatible escapes only (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`,
//! `\uXXXX`), which YAML 1.1 and 1.2 both understand. Characters that are not
//! printable for YAML (C0/C1 controls, DEL, U+2028/U+2029 line separators, BOM,
//! U+FFFE/U+FFFF) and invisible formatting characters (zero-width and
//! bidirectional controls) are escaped.
//!
//! Multi-line strings are written as **literal block scalars** (`|`, with `|-`
//! when there is no trailing newline and `|+` when there are several, plus an
//! indentation indicator such as `|2-` when the first line starts with a
//! space), unless they also contain characters that need escaping, a tab at the
//! start of a line, or whitespace at the end of a line; those fall back to
//! double quotes. Keys never use block scalars.

use std::fmt::Write as _;

use serde_json::{Map, Number, Value};

mod serializer;

pub use serializer::{BYTES_PER_OBJECT, Error, YamlWriter, to_yaml_typed};

/// Longest rendered key (in characters) written as a simple `key: value`
/// entry; YAML limits implicit keys to 1024 characters, longer ones use the
/// explicit `? key` form.
const MAX_SIMPLE_KEY_CHARS: usize = 1000;

/// What precedes every document of a stream but the first.
pub const DOCUMENT_SEPARATOR: &str = "---\n";

/// Renders objects as a multi-document YAML stream.
///
/// Each document after the first is preceded by a `---` line; the output ends
/// with a single newline (unless the last value is a `|+` block scalar whose
/// content itself ends with blank lines) and is empty for empty input. Used
/// for `kubectl apply -f` style single-file output.
pub fn to_yaml(objects: &[Value]) -> String {
    let mut out = String::new();
    for (i, object) in objects.iter().enumerate() {
        if i > 0 {
            out.push_str(DOCUMENT_SEPARATOR);
        }
        write_document(&mut out, object);
    }
    out
}

/// Renders a single value as one YAML document (no `---` marker), ending with
/// a newline. Used for one-object-per-file output.
pub fn value_to_yaml(v: &Value) -> String {
    let mut out = String::new();
    write_document(&mut out, v);
    out
}

fn write_document(out: &mut String, v: &Value) {
    match v {
        Value::Object(m) if !m.is_empty() => write_mapping(out, m, 0, false),
        Value::Array(a) if !a.is_empty() => write_sequence(out, a, 0, false),
        _ => write_scalar_line(out, v, 0),
    }
}

fn push_indent(out: &mut String, indent: usize) {
    // One copy instead of a push per space: indentation is a good part of the output.
    const SPACES: &str = "                                                                ";
    let mut left = indent;
    while left > 0 {
        let step = left.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        left -= step;
    }
}

/// Writes mapping entries at `indent`. With `inline_first`, the first entry
/// continues a line that already holds a `- ` prefix.
fn write_mapping(out: &mut String, map: &Map<String, Value>, indent: usize, inline_first: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !inline_first {
            push_indent(out, indent);
        }
        write_key(out, key, indent);
        write_entry_value(out, value, indent);
    }
}

/// Writes a mapping key at `indent` (the indentation itself already written) and its
/// `:`, in the explicit `? key` form when the rendered key is too long.
fn write_key(out: &mut String, key: &str, indent: usize) {
    if is_plain_key(key) {
        out.push_str(key);
        out.push(':');
        return;
    }
    let mut key_text = String::new();
    write_flow_string(&mut key_text, key);
    if key_text.chars().count() > MAX_SIMPLE_KEY_CHARS {
        out.push_str("? ");
        out.push_str(&key_text);
        out.push('\n');
        push_indent(out, indent);
    } else {
        out.push_str(&key_text);
    }
    out.push(':');
}

/// Whether `key` is written as itself: a plain key is rendered as itself, and has no more
/// characters than bytes, so most keys need no temporary copy to measure.
fn is_plain_key(key: &str) -> bool {
    key.len() <= MAX_SIMPLE_KEY_CHARS && is_plain_safe(key)
}

/// Writes the part after `key:` for a mapping entry whose key is at `indent`.
fn write_entry_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_mapping(out, m, indent + 2, false);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_sequence(out, a, indent, false);
        }
        _ => {
            out.push(' ');
            write_scalar_line(out, value, indent);
        }
    }
}

/// Writes sequence items with their `-` at column `indent`. With
/// `inline_first`, the first item continues a line that already holds a `- `.
fn write_sequence(out: &mut String, seq: &[Value], indent: usize, inline_first: bool) {
    for (i, item) in seq.iter().enumerate() {
        if i > 0 || !inline_first {
            push_indent(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(m) if !m.is_empty() => write_mapping(out, m, indent + 2, true),
            Value::Array(a) if !a.is_empty() => write_sequence(out, a, indent + 2, true),
            _ => write_scalar_line(out, item, indent),
        }
    }
}

/// Writes a scalar or empty collection that follows `key: ` or `- ` (or
/// starts a document), through the end of its last line. `owner` is the
/// column of that key or `-`.
fn write_scalar_line(out: &mut String, v: &Value, owner: usize) {
    if let Value::String(s) = v {
        write_string_line(out, s, owner);
    } else {
        write_inline_scalar(out, v);
        out.push('\n');
    }
}

/// [`write_scalar_line`] for a string: a block scalar when multi-line, else on one line.
fn write_string_line(out: &mut String, s: &str, owner: usize) {
    // Most strings are plain, and a plain string is a single line: checked first, it
    // spares them the search for a line break.
    if is_plain_safe(s) {
        out.push_str(s);
    } else if let Some(style) = block_style(s) {
        write_block(out, s, &style, owner);
        return;
    } else {
        write_double_quoted(out, s);
    }
    out.push('\n');
}

/// Writes a single-line scalar (or empty collection) without a newline.
fn write_inline_scalar(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_flow_string(out, s),
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
    }
}

fn write_number(out: &mut String, n: &Number) {
    if !n.is_f64() {
        // Writing to a String cannot fail.
        let _ = write!(out, "{n}");
        return;
    }
    let text = n.to_string();
    match text.find(['e', 'E']) {
        None => out.push_str(&text),
        Some(pos) => {
            let (mantissa, exponent) = (&text[..pos], &text[pos + 1..]);
            out.push_str(mantissa);
            if !mantissa.contains('.') {
                out.push_str(".0");
            }
            out.push('e');
            if !exponent.starts_with(['+', '-']) {
                out.push('+');
            }
            out.push_str(exponent);
        }
    }
}

/// Writes a string on one line: plain when safe, double-quoted otherwise.
fn write_flow_string(out: &mut String, s: &str) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else {
        write_double_quoted(out, s);
    }
}

fn write_double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                // Writing to a String cannot fail. Codes above U+FFFF are not
                // escaped today, but YAML has no surrogate pairs: use `\U`.
                let _ = if code <= 0xFFFF {
                    write!(out, "\\u{code:04X}")
                } else {
                    write!(out, "\\U{code:08X}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Characters that must not appear literally: not printable for YAML (or a
/// YAML 1.1 line break) or invisible formatting characters.
fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}'
        | '\u{7F}'..='\u{9F}'
        | '\u{61C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{FFFE}'
        | '\u{FFFF}')
}

/// Whether `s` can be written as a plain scalar and be read back as the same
/// string by YAML 1.1 and YAML 1.2 parsers.
///
/// Every key and string value goes through here, so printable ASCII (nearly all of a
/// manifest) is checked in one pass over the bytes; anything else takes the general
/// path, [`is_plain_safe_text`], which gives the same answer for ASCII.
fn is_plain_safe(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    // Most keys, names and label values are identifiers: a letter first (no indicator,
    // sign or number), then letters, digits and `-._/` (no space, `:` or `#`). Such text
    // is plain unless it is one of the keywords.
    if first.is_ascii_alphabetic() && is_identifier_text(bytes) {
        // Keywords have at most five bytes; most identifiers have more.
        return bytes.len() > KEYWORD_MAX_LEN || !is_keyword(bytes);
    }
    // Without short-circuiting, so that it compiles to a vectorized loop.
    let printable = bytes
        .iter()
        .fold(true, |all, byte| all & (b' '..=b'~').contains(byte));
    if !printable {
        return is_plain_safe_text(s);
    }
    // `: ` and ` #` both need a space, which most keys and values lack.
    if bytes.contains(&b' ') && bytes.windows(2).any(|pair| pair == b": " || pair == b" #") {
        return false;
    }
    // Printable ASCII: no escapes or line breaks, and the only whitespace is ' '.
    if first == b' ' || last == b' ' || last == b':' || s.starts_with("...") {
        return false;
    }
    if is_indicator(char::from(first)) {
        return false;
    }
    !is_special_scalar(s)
}

/// Whether every byte is an ASCII letter, digit or one of `-._/`. A table lookup per
/// byte (most keys and values are too short for a vectorized loop to pay off), eight
/// bytes at a time without a branch per byte.
fn is_identifier_text(bytes: &[u8]) -> bool {
    let all_identifier = |bytes: &[u8]| {
        bytes
            .iter()
            .fold(true, |all, &byte| all & IDENTIFIER_BYTE[usize::from(byte)])
    };
    let mut chunks = bytes.chunks_exact(8);
    chunks.by_ref().all(all_identifier) && all_identifier(chunks.remainder())
}

/// The bytes of identifier-like text.
static IDENTIFIER_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let c = byte as u8;
        table[byte] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'/');
        byte += 1;
    }
    table
};

/// YAML indicator characters a plain scalar must not start with.
fn is_indicator(c: char) -> bool {
    matches!(
        c,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    )
}

/// [`is_plain_safe`] for any text.
fn is_plain_safe_text(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    if first.is_whitespace() || last.is_whitespace() || last == ':' {
        return false;
    }
    if is_indicator(first) {
        return false;
    }
    if s.chars().any(|c| c == '\t' || c == '\n' || needs_escape(c)) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.starts_with("...") {
        return false;
    }
    !is_special_scalar(s)
}

/// Whether a plain `s` might resolve to something other than a string under
/// YAML 1.1 or 1.2 rules (bool, null, number, timestamp, merge, value).
fn is_special_scalar(s: &str) -> bool {
    if is_keyword(s.as_bytes()) {
        return true;
    }
    // Timestamps (YAML 1.1, go-yaml) all start with four digits and a dash.
    let b = s.as_bytes();
    if b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
        return true;
    }
    // A sign followed by a digit, `.` or `_` is quoted whatever follows:
    // go-yaml drops every `_` before reading a signed number (`+_1` is 1) and
    // some YAML 1.2 resolvers accept `+_` or `+._` as numbers.
    if let Some(rest) = s.strip_prefix(['+', '-']) {
        return rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '_');
    }
    match b.first() {
        // `.5`, `.5e3`, `._5` (`.inf` is a keyword).
        Some(b'.') => b.get(1).is_some_and(|c| c.is_ascii_digit() || *c == b'_'),
        // Integers in any base, floats, exponents, sexagesimal, underscores.
        Some(c) if c.is_ascii_digit() => b.iter().all(|c| {
            c.is_ascii_hexdigit()
                || matches!(
                    c.to_ascii_lowercase(),
                    b'x' | b'o' | b'_' | b'.' | b':' | b'+' | b'-'
                )
        }),
        _ => false,
    }
}

/// The length of the longest keyword, `false`.
const KEYWORD_MAX_LEN: usize = 5;

/// Whether `s` is a word YAML 1.1 or 1.2 reads as a bool, null, NaN, infinity, merge or
/// value, in any case: `y`, `n`, `yes`, `no`, `on`, `off`, `true`, `false`, `null`, `~`,
/// `.nan`, `.inf`, `=` or `<<`. Matched by length first: every key and most values of a
/// manifest are checked, and nearly all are longer than five bytes or no keyword.
fn is_keyword(s: &[u8]) -> bool {
    let is = |word: &[u8]| s.eq_ignore_ascii_case(word);
    match s.len() {
        1 => matches!(s[0], b'y' | b'Y' | b'n' | b'N' | b'~' | b'='),
        2 => is(b"no") || is(b"on") || s == b"<<",
        3 => is(b"yes") || is(b"off"),
        4 => is(b"true") || is(b"null") || is(b".nan") || is(b".inf"),
        KEYWORD_MAX_LEN => is(b"false"),
        _ => false,
    }
}

/// How a multi-line string is written as a literal block scalar.
struct BlockStyle {
    /// Chomping indicator: `-` (strip), empty (clip) or `+` (keep).
    chomp: &'static str,
    /// Whether an explicit indentation indicator is needed.
    indent_indicator: bool,
}

/// Returns the block style for `s`, or `None` when `s` is single-line or must
/// be double-quoted instead.
fn block_style(s: &str) -> Option<BlockStyle> {
    if !s.contains('\n') || s.chars().any(|c| c != '\n' && c != '\t' && needs_escape(c)) {
        return None;
    }
    let body = s.trim_end_matches('\n');
    if body.is_empty() {
        return None;
    }
    for line in body.split('\n') {
        if line.starts_with('\t') || line.ends_with([' ', '\t']) {
            return None;
        }
    }
    let trailing = s.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let first_content = body.split('\n').find(|l| !l.is_empty()).unwrap_or("");
    Some(BlockStyle {
        chomp,
        indent_indicator: first_content.starts_with(' '),
    })
}

/// Writes `|<indicators>\n` and the content lines indented by `owner + 2`,
/// where `owner` is the column of the key or `-` that owns the scalar.
fn write_block(out: &mut String, s: &str, style: &BlockStyle, owner: usize) {
    out.push('|');
    if style.indent_indicator {
        out.push('2');
    }
    out.push_str(style.chomp);
    out.push('\n');
    let content = s.strip_suffix('\n').unwrap_or(s);
    for line in content.split('\n') {
        if !line.is_empty() {
            push_indent(out, owner + 2);
            out.push_str(line);
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Parses `text` with serde_yaml and converts it to a `serde_json::Value`.
    fn parse(text: &str) -> Value {
        let y: serde_yaml::Value = serde_yaml::from_str(text)
            .unwrap_or_else(|e| panic!("emitted YAML does not parse: {e}\n{text}"));
        yaml_to_json(y)
    }

    fn yaml_to_json(y: serde_yaml::Value) -> Value {
        match y {
            serde_yaml::Value::Null => Value::Null,
            serde_yaml::Value::Bool(b) => Value::Bool(b),
            serde_yaml::Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    json!(i)
                } else if let Some(u) = n.as_u64() {
                    json!(u)
                } else {
                    json!(n.as_f64().expect("finite float"))
                }
            }
            serde_yaml::Value::String(s) => Value::String(s),
            serde_yaml::Value::Sequence(seq) => {
                Value::Array(seq.into_iter().map(yaml_to_json).collect())
            }
            serde_yaml::Value::Mapping(m) => Value::Object(
                m.into_iter()
                    .map(|(k, v)| match k {
                        serde_yaml::Value::String(k) => (k, yaml_to_json(v)),
                        other => panic!("non-string key {other:?}"),
                    })
                    .collect(),
            ),
            serde_yaml::Value::Tagged(t) => panic!("unexpected tag {t:?}"),
        }
    }

    /// Checks that `s` survives as a value, a key, a sequence item, a nested
    /// value and a whole document.
    fn assert_round_trip(s: &str) {
        let cases = [
            json!({ "k": s }),
            json!({ s: "v" }),
            json!(["a", s, "b"]),
            json!({ "outer": { "list": [ { "k": s, "after": 1 } ] }, "next": true }),
            json!([[s, s]]),
            json!(s),
        ];
        for case in cases {
            let text = value_to_yaml(&case);
            assert_eq!(parse(&text), case, "round trip of {s:?} failed:\n{text}");
        }
    }

    /// Strings a YAML 1.1 or 1.2 parser would not read back as strings if
    /// they were written plain.
    const AMBIGUOUS: &[&str] = &[
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "null",
        "Null",
        "NULL",
        "~",
        "0",
        "123",
        "0123",
        "0o17",
        "0x1F",
        "0b101",
        "1_000",
        "+1",
        "-1",
        "1.5",
        "1e3",
        "1E3",
        ".5",
        "6.",
        ".inf",
        "-.Inf",
        "+.INF",
        ".nan",
        ".NaN",
        "1:20",
        "190:20:30",
        "2001-12-14",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5",
        "=",
        "<<",
        "-0b101",
        "1_0.5",
        "0.",
        "1e-3",
        "+0x1f",
        "0_",
        "-.5",
    ];

    /// Strings that need quoting for syntactic reasons.
    const NEEDS_QUOTES: &[&str] = &[
        "",
        " ",
        " lead",
        "trail ",
        "\ttab",
        "- item",
        "-",
        "?",
        "? x",
        ":",
        ":x",
        ",",
        "[a]",
        "]",
        "{a}",
        "}",
        "#comment",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "'quoted'",
        "\"dq\"",
        "%YAML",
        "@at",
        "`tick",
        "a: b",
        "a #b",
        "ends:",
        "---",
        "...",
        "... x",
        "--- x",
        "a\u{0}b",
        "bell\u{7}",
        "del\u{7f}",
        "nel\u{85}",
        "ls\u{2028}x",
        "bom\u{feff}",
        "zero\u{200b}width",
        "cr\r",
        "back\\slash: x",
        "\u{a0}nbsp",
    ];

    /// Strings that are safe (and expected) to be written plain.
    const PLAIN: &[&str] = &[
        "nginx",
        "nginx:1.27",
        "app.kubernetes.io/name",
        "http://example.com:8080/path?q=1#frag",
        "10Gi",
        "500m",
        "3s",
        "a:b",
        "a#b",
        "it's",
        "say \"hi\"",
        "back\\slash",
        "x-y",
        "yess",
        "nope",
        "Onward",
        ".dockerconfigjson",
        "_underscore",
        "héllo wörld",
        "日本語",
        "emoji 🚀",
        "a, b",
        "a [b] {c}",
        "<<a",
        "==",
        "deadbeef",
        "v1.2.3",
        "ghcr.io/org/app@sha256:abc",
        "/usr/bin/env",
        "a - b",
        "a ? b",
        "50%",
        "x=1",
        "~x",
        "infinity",
        ".infx",
    ];

    #[test]
    fn tricky_strings_round_trip_and_ambiguous_ones_are_quoted() {
        let total = AMBIGUOUS.len() + NEEDS_QUOTES.len() + PLAIN.len();
        assert!(total >= 60, "only {total} cases");
        for s in AMBIGUOUS.iter().chain(NEEDS_QUOTES) {
            assert_round_trip(s);
            let text = value_to_yaml(&json!({ "k": s }));
            assert!(
                text.starts_with("k: \""),
                "{s:?} must be double-quoted, got {text:?}"
            );
            let key_text = value_to_yaml(&json!({ *s: 1 }));
            assert!(key_text.starts_with('"'), "key {s:?} must be quoted");
        }
        for s in PLAIN {
            assert_round_trip(s);
            assert_eq!(value_to_yaml(&json!({ "k": s })), format!("k: {s}\n"));
        }
    }

    #[test]
    fn escapes_are_json_compatible() {
        let s = "q\"b\\n\nt\tr\rbs\u{8}ff\u{c}nul\u{0}del\u{7f}ls\u{2028}";
        let text = value_to_yaml(&json!({ "k": s }));
        assert_eq!(
            text,
            "k: \"q\\\"b\\\\n\\nt\\tr\\rbs\\bff\\fnul\\u0000del\\u007Fls\\u2028\"\n"
        );
        let quoted = text.trim_start_matches("k: ").trim_end();
        assert_eq!(serde_json::from_str::<String>(quoted).unwrap(), s);
        assert_round_trip(s);
    }

    #[test]
    fn multi_line_strings_use_literal_blocks() {
        let cases = [
            ("a\nb\n", "k: |\n  a\n  b\n"),
            ("a\nb", "k: |-\n  a\n  b\n"),
            ("a\nb\n\n", "k: |+\n  a\n  b\n\n"),
            ("  a\nb\n", "k: |2\n    a\n  b\n"),
            (" a\n", "k: |2\n   a\n"),
            ("a\n\n  b", "k: |-\n  a\n\n    b\n"),
            ("\n  a\n", "k: |2\n\n    a\n"),
            (
                "# not a comment\n--- x\n...\n",
                "k: |\n  # not a comment\n  --- x\n  ...\n",
            ),
            ("a\tb\nc\n", "k: |\n  a\tb\n  c\n"),
        ];
        for (s, expected) in cases {
            assert_eq!(value_to_yaml(&json!({ "k": s })), expected, "{s:?}");
            assert_round_trip(s);
        }
        // Fall back to double quotes.
        for s in [
            "a \nb\n",
            "a\r\nb\n",
            "\tx\ny\n",
            "\n",
            "\n\n",
            "a\u{85}\nb",
        ] {
            let text = value_to_yaml(&json!({ "k": s }));
            assert!(text.starts_with("k: \""), "{s:?}: {text}");
            assert_round_trip(s);
        }
        // Keys never use block scalars.
        assert_eq!(value_to_yaml(&json!({ "a\nb": 1 })), "\"a\\nb\": 1\n");
    }

    #[test]
    fn block_scalars_in_sequences_and_documents() {
        let v = json!({ "args": ["-c", "echo hi\necho bye\n", [" x\n"]] });
        assert_eq!(
            value_to_yaml(&v),
            "args:\n- \"-c\"\n- |\n  echo hi\n  echo bye\n- - |2\n     x\n"
        );
        assert_eq!(parse(&value_to_yaml(&v)), v);
        assert_eq!(value_to_yaml(&json!("a\nb\n")), "|\n  a\n  b\n");
        assert_eq!(value_to_yaml(&json!(" a\nb")), "|2-\n   a\n  b\n");
    }

    #[test]
    fn generated_strings_round_trip() {
        let alphabet = [
            'a', 'y', 'n', 'e', 'x', 'o', 'b', 'T', '0', '1', '7', '.', '-', '+', '_', ':', ' ',
            '#', '\n', '\t', '\r', '\'', '"', '\\', '!', '&', '*', '~', '|', '>', '%', '@', '`',
            '{', '[', ',', '?', '=', '<', 'é', '\u{85}', '\u{2028}', '\u{0}',
        ];
        let mut strings = vec![String::new()];
        for &a in &alphabet {
            strings.push(a.to_string());
            for &b in &alphabet {
                strings.push([a, b].iter().collect());
                for &c in &alphabet {
                    strings.push([a, b, c].iter().collect());
                }
            }
        }
        // Batch the strings into a few large documents to keep the test fast,
        // using them both as keys and as values.
        for chunk in strings.chunks(2000) {
            let mut map = Map::new();
            for (i, s) in chunk.iter().enumerate() {
                map.insert(s.clone(), json!(i));
                map.insert(format!("v{i}"), json!([s, { "k": s }]));
            }
            let v = Value::Object(map);
            let text = value_to_yaml(&v);
            let back = parse(&text);
            if back != v {
                for s in chunk {
                    assert_round_trip(s);
                }
                panic!("batch mismatch but no single failing string");
            }
        }
    }

    #[test]
    fn scalars_and_numbers() {
        let v = json!({
            "null": null, "t": true, "f": false, "int": 42, "neg": -7,
            "big": u64::MAX, "float": 1.5, "exp": 1e300, "small": 1e-7,
            "emptyMap": {}, "emptyList": [], "": "empty key"
        });
        let text = value_to_yaml(&v);
        assert_eq!(
            text,
            "\"null\": null\nt: true\nf: false\nint: 42\nneg: -7\nbig: 18446744073709551615\n\
             float: 1.5\nexp: 1.0e+300\nsmall: 1.0e-7\nemptyMap: {}\nemptyList: []\n\
             \"\": empty key\n"
        );
        assert_eq!(parse(&text), v);
    }

    #[test]
    fn long_keys_use_explicit_form() {
        let long = "k".repeat(1500);
        let v = json!({ &long: { "a": [1, 2] }, "short": [long.clone()] });
        let text = value_to_yaml(&v);
        assert!(text.starts_with("? kkk"), "{}", &text[..20]);
        assert_eq!(parse(&text), v);
    }

    #[test]
    fn snapshot_of_small_object() {
        let v = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": "web",
                "labels": { "app.kubernetes.io/name": "web", "tier": "on" },
                "annotations": {}
            },
            "spec": {
                "containers": [{
                    "name": "web",
                    "image": "nginx:1.27",
                    "args": ["--port", "8080"],
                    "env": [{ "name": "DEBUG", "value": "true" }],
                    "ports": [{ "containerPort": 8080 }],
                    "command": []
                }],
                "nodeSelector": { "disk": "ssd" },
                "script": "set -e\necho ok\n"
            }
        });
        let expected = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    tier: \"on\"
  annotations: {}
spec:
  containers:
  - name: web
    image: nginx:1.27
    args:
    - \"--port\"
    - \"8080\"
    env:
    - name: DEBUG
      value: \"true\"
    ports:
    - containerPort: 8080
    command: []
  nodeSelector:
    disk: ssd
  script: |
    set -e
    echo ok
";
        assert_eq!(value_to_yaml(&v), expected);
        assert_eq!(parse(expected), v);
    }

    fn realistic_objects() -> Vec<Value> {
        vec![
            json!({
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {
                    "name": "api",
                    "namespace": "shop",
                    "labels": { "app.kubernetes.io/name": "api", "version": "1.0" },
                    "annotations": { "kubegraph.io/checksum": "0123abc", "enabled": "yes" }
                },
                "spec": {
                    "replicas": 3,
                    "selector": { "matchLabels": { "app.kubernetes.io/name": "api" } },
                    "strategy": { "type": "RollingUpdate",
                                  "rollingUpdate": { "maxSurge": "25%", "maxUnavailable": 0 } },
                    "template": {
                        "metadata": { "labels": { "app.kubernetes.io/name": "api" } },
                        "spec": {
                            "containers": [{
                                "name": "api",
                                "image": "ghcr.io/shop/api:2.1.0",
                                "command": ["/bin/sh", "-c"],
                                "args": ["exec api --listen :8080 # not a comment"],
                                "env": [
                                    { "name": "PORT", "value": "8080" },
                                    { "name": "FEATURE_X", "value": "off" },
                                    { "name": "RATIO", "value": "0.5" },
                                    { "name": "EMPTY", "value": "" },
                                    { "name": "DB_PASSWORD", "valueFrom": {
                                        "secretKeyRef": { "name": "db", "key": "password" } } }
                                ],
                                "ports": [{ "containerPort": 8080, "protocol": "TCP" }],
                                "resources": {
                                    "requests": { "cpu": "100m", "memory": "128Mi" },
                                    "limits": { "cpu": 1, "memory": "1Gi" }
                                },
                                "readinessProbe": { "httpGet": { "path": "/healthz", "port": 8080 },
                                                    "periodSeconds": 10 },
                                "volumeMounts": [{ "name": "config", "mountPath": "/etc/api",
                                                   "readOnly": true }]
                            }],
                            "volumes": [{ "name": "config",
                                          "configMap": { "name": "api-config" } }],
                            "tolerations": [],
                            "securityContext": {}
                        }
                    }
                }
            }),
            json!({
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": { "name": "api-config", "namespace": "shop" },
                "data": {
                    "fluent-bit.conf": "[SERVICE]\n    Flush 5\n",
                    "parsers.conf": "  indented first line\nsecond\n",
                    "no-newline.txt": "line1\nline2",
                    "blank-lines.txt": "a\n\nb\n\n\n",
                    "true": "1e3",
                    "1e3": "null",
                    "app.properties": "key=value\n# comment: yes\n"
                }
            }),
            json!({
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": { "name": "db", "namespace": "shop" },
                "type": "Opaque",
                "data": { "password": "cGFzc3dvcmQ=", "user": "YWRtaW4=" },
                "stringData": { ".dockerconfigjson": "{\"auths\":{}}" }
            }),
        ]
    }

    #[test]
    fn realistic_objects_round_trip() {
        let objects = realistic_objects();
        for object in &objects {
            assert_eq!(&parse(&value_to_yaml(object)), object);
        }
        let stream = to_yaml(&objects);
        let docs: Vec<Value> = serde_yaml::Deserializer::from_str(&stream)
            .map(|d| {
                yaml_to_json(
                    <serde_yaml::Value as serde::Deserialize>::deserialize(d).expect("document"),
                )
            })
            .collect();
        assert_eq!(docs, objects);
        assert!(stream.contains("  fluent-bit.conf: |\n    [SERVICE]\n        Flush 5\n"));
    }

    proptest::proptest! {
        /// The ASCII fast path of `is_plain_safe` agrees with the general check.
        #[test]
        fn plain_safe_fast_path_agrees(s in "[ -~\t\n\u{7f}]{0,8}|[.:#y0-9 -]{0,6}") {
            proptest::prop_assert_eq!(is_plain_safe(&s), is_plain_safe_text(&s));
        }
    }

    #[test]
    fn identifier_bytes_are_letters_digits_and_four_punctuation_marks() {
        for byte in 0..=u8::MAX {
            let expected = byte.is_ascii_alphanumeric() || b"-._/".contains(&byte);
            assert_eq!(is_identifier_text(&[byte]), expected, "byte {byte:#04x}");
            assert_eq!(is_identifier_text(&[b'a', byte, b'z']), expected);
        }
        assert!(is_identifier_text(b"app.kubernetes.io/managed-by_2"));
    }

    #[test]
    fn stream_separators() {
        assert_eq!(to_yaml(&[]), "");
        assert_eq!(to_yaml(&[json!({ "a": 1 })]), "a: 1\n");
        assert_eq!(
            to_yaml(&[json!({ "a": 1 }), json!({ "b": 2 }), json!({})]),
            "a: 1\n---\nb: 2\n---\n{}\n"
        );
    }
}
