//! Scalars and keys: whether a string can be written plain or needs quotes, how it
//! is quoted or written as a block, and how numbers are written.
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

use serde_json::Number;

/// Longest rendered key (in characters) written as a simple `key: value`
/// entry; YAML limits implicit keys to 1024 characters, longer ones use the
/// explicit `? key` form.
const MAX_SIMPLE_KEY_CHARS: usize = 1000;

/// Writes `indent` spaces.
pub(super) fn push_indent(out: &mut String, indent: usize) {
    // One copy instead of a push per space: indentation is a good part of the output.
    const SPACES: &str = "                                                                ";
    let mut left = indent;
    while left > 0 {
        let step = left.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        left -= step;
    }
}

/// Writes a mapping key at `indent` (the indentation itself already written) and its
/// `:`, in the explicit `? key` form when the rendered key is too long.
pub(super) fn write_key(out: &mut String, key: &str, indent: usize) {
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
pub(super) fn is_plain_key(key: &str) -> bool {
    key.len() <= MAX_SIMPLE_KEY_CHARS && is_plain_safe(key)
}

/// Writes a string that follows `key: ` or `- ` (or starts a document), through the end
/// of its last line: a block scalar when multi-line, else on one line. `owner` is the
/// column of that key or `-`.
pub(super) fn write_string_line(out: &mut String, s: &str, owner: usize) {
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

/// Writes a number as `serde_json` prints it, an exponent form of a float with a `.0`
/// mantissa and a sign (see the layout rules in [`super`]).
pub(super) fn write_number(out: &mut String, n: &Number) {
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
}
