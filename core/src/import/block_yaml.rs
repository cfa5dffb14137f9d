//! The fast path of [`super::yaml`]: plain block YAML as compilers and `helm template`
//! write it (block mappings and sequences, plain and simply quoted scalars, `[]` and `{}`,
//! `---` separators, comment lines), read line by line without an event parser.
//!
//! Anything else (flow collections, block scalars, multi-line scalars, anchors, aliases,
//! tags, escapes, trailing comments, tabs, non-ASCII text, duplicate or merge keys, any
//! error) gives `None`, and the full reader reads the whole text: wherever this reader
//! answers, both give the same documents (see the tests).

use super::tree::{Map, Value};
use super::yaml::{Document, Schema, resolve_plain, scalar_key};

/// The full reader decides.
struct Fallback;

type Read<T> = Result<T, Fallback>;

/// The documents of `text`, or `None` when it is not plain block YAML.
pub(super) fn read(text: &str, schema: Schema) -> Option<Vec<Document>> {
    // Printable ASCII and line feeds only: no tabs, carriage returns or characters whose
    // handling differs between YAML versions. Checked a block at a time without stopping
    // early inside one, so that the check runs over whole vectors.
    let printable = |ok: bool, &b: &u8| ok & ((b == b'\n') | (b' '..=b'~').contains(&b));
    if !text
        .as_bytes()
        .chunks(256)
        .all(|block| block.iter().fold(true, printable))
    {
        return None;
    }
    let mut reader = Reader {
        lines: Lines {
            rest: text,
            number: 0,
            peeked: None,
        },
        schema,
    };
    reader.documents().ok()
}

/// A line holding something: its indentation, its text without the indentation and
/// trailing spaces, and its 1-based number.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
    number: usize,
}

impl Line<'_> {
    /// `---` or `...` at the start of a line: the document ends whatever is open.
    fn is_marker(&self) -> bool {
        self.indent == 0 && (self.text.starts_with("---") || self.text.starts_with("..."))
    }

    fn is_item(&self) -> bool {
        self.text == "-" || self.text.starts_with("- ")
    }
}

/// The lines with content (blank and comment lines skipped), one looked ahead.
struct Lines<'a> {
    rest: &'a str,
    number: usize,
    peeked: Option<Line<'a>>,
}

impl<'a> Lines<'a> {
    fn peek(&mut self) -> Option<Line<'a>> {
        while self.peeked.is_none() && !self.rest.is_empty() {
            let end = self
                .rest
                .bytes()
                .position(|b| b == b'\n')
                .unwrap_or(self.rest.len());
            let line = &self.rest[..end];
            self.rest = self.rest.get(end + 1..).unwrap_or("");
            self.number += 1;
            let indent = line.bytes().take_while(|&b| b == b' ').count();
            let text = line[indent..].trim_end_matches(' ');
            if !text.is_empty() && !text.starts_with('#') {
                self.peeked = Some(Line {
                    indent,
                    text,
                    number: self.number,
                });
            }
        }
        self.peeked
    }

    /// The next line of the document being read (`None` at its end).
    fn content(&mut self) -> Option<Line<'a>> {
        self.peek().filter(|line| !line.is_marker())
    }

    fn advance(&mut self) {
        self.peeked = None;
    }

    /// Reads the rest of the current line as a line of its own (`- key: value`).
    fn replace(&mut self, line: Line<'a>) {
        self.peeked = Some(line);
    }
}

struct Reader<'a> {
    lines: Lines<'a>,
    schema: Schema,
}

impl Reader<'_> {
    fn documents(&mut self) -> Read<Vec<Document>> {
        let mut documents = Vec::new();
        // The line of a `---` whose document has no content yet.
        let mut open = None;
        while let Some(line) = self.lines.peek() {
            if line.is_marker() {
                if line.text != "---" {
                    return Err(Fallback);
                }
                self.lines.advance();
                if let Some(start) = open.replace(line.number) {
                    documents.push(document(Value::Null, start));
                }
                continue;
            }
            let start = open.take().unwrap_or(line.number);
            let value = self.block(line)?;
            if self.lines.content().is_some() {
                return Err(Fallback);
            }
            documents.push(document(value, start));
        }
        if let Some(start) = open {
            documents.push(document(Value::Null, start));
        }
        Ok(documents)
    }

    /// The mapping or sequence starting at `line`.
    fn block(&mut self, line: Line<'_>) -> Read<Value> {
        if line.is_item() {
            self.sequence(line.indent)
        } else {
            self.mapping(line.indent)
        }
    }

    fn mapping(&mut self, indent: usize) -> Read<Value> {
        let mut entries = Map::new();
        while let Some(line) = self.lines.content() {
            if line.indent != indent || line.is_item() {
                return end_of_block(line, indent, finished(entries)?);
            }
            self.lines.advance();
            let (key, rest) = split_entry(line.text).ok_or(Fallback)?;
            let key = self.key(key)?;
            let value = if rest.is_empty() {
                match self.lines.content() {
                    Some(next) if next.indent > indent => self.block(next)?,
                    Some(next) if next.indent == indent && next.is_item() => {
                        self.sequence(indent)?
                    }
                    _ => Value::Null,
                }
            } else {
                self.inline(rest, indent)?
            };
            if key == "<<" {
                return Err(Fallback);
            }
            entries.push(key, value);
        }
        finished(entries)
    }

    fn sequence(&mut self, indent: usize) -> Read<Value> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.content() {
            if line.indent != indent || !line.is_item() {
                return end_of_block(line, indent, Value::Array(items));
            }
            let rest = line.text[1..].trim_start_matches(' ');
            if rest.is_empty() || rest == "-" || rest.starts_with("- ") {
                return Err(Fallback);
            }
            if split_entry(rest).is_some() {
                let column = indent + line.text.len() - rest.len();
                self.lines.replace(Line {
                    indent: column,
                    text: rest,
                    number: line.number,
                });
                items.push(self.mapping(column)?);
            } else {
                self.lines.advance();
                items.push(self.inline(rest, indent)?);
            }
        }
        Ok(Value::Array(items))
    }

    /// A value written on its line, in a block at `indent`: a more indented next line
    /// would continue it.
    fn inline(&mut self, text: &str, indent: usize) -> Read<Value> {
        let value = self.scalar(text)?;
        if self
            .lines
            .content()
            .is_some_and(|next| next.indent > indent)
        {
            return Err(Fallback);
        }
        Ok(value)
    }

    fn scalar(&self, text: &str) -> Read<Value> {
        match text.as_bytes()[0] {
            b'"' => match text
                .strip_prefix('"')
                .and_then(|text| text.strip_suffix('"'))
            {
                Some(inner) if !inner.contains(['"', '\\']) => Ok(Value::String(inner.to_owned())),
                _ => Err(Fallback),
            },
            b'\'' => single_quoted(text).map(Value::String),
            _ if text == "[]" => Ok(Value::Array(Vec::new())),
            _ if text == "{}" => Ok(Value::Object(Map::new())),
            _ if is_plain(text) && !text.ends_with(':') => Ok(resolve_plain(text, self.schema)),
            _ => Err(Fallback),
        }
    }

    fn key(&self, text: &str) -> Read<String> {
        if !is_plain(text) || text.len() > 1000 {
            return Err(Fallback);
        }
        scalar_key(resolve_plain(text, self.schema), self.schema).map_err(|_| Fallback)
    }
}

/// A mapping read: keys given twice are the full reader's to report.
fn finished(entries: Map) -> Read<Value> {
    if entries.has_duplicate_keys() {
        Err(Fallback)
    } else {
        Ok(Value::Object(entries))
    }
}

/// A block ends at a line less indented; a line more indented is not plain block YAML.
fn end_of_block(line: Line<'_>, indent: usize, value: Value) -> Read<Value> {
    if line.indent > indent {
        Err(Fallback)
    } else {
        Ok(value)
    }
}

fn document(value: Value, line: usize) -> Document {
    Document {
        value,
        line,
        duplicate_keys: Vec::new(),
    }
}

/// `key: rest` or `key:` (rest empty), when the text is a mapping entry.
fn split_entry(text: &str) -> Option<(&str, &str)> {
    if text.starts_with(['"', '\'']) {
        return None;
    }
    match text.as_bytes().windows(2).position(|pair| pair == b": ") {
        Some(at) => Some((&text[..at], text[at + 2..].trim_start_matches(' '))),
        None => text.strip_suffix(':').map(|key| (key, "")),
    }
}

/// A one-line plain scalar without any character some reader could take otherwise.
fn is_plain(text: &str) -> bool {
    let first_ok = match text.as_bytes() {
        [] => false,
        [b'-', next, ..] => *next != b' ',
        [first, ..] => !FIRST_INDICATOR[usize::from(*first)],
    };
    if !first_ok || text.ends_with(' ') {
        return false;
    }
    // One pass: no `: `, no ` #`, no flow indicator; most bytes are none of these.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(at, &byte)| {
        !INDICATOR[usize::from(byte)]
            || match byte {
                b':' => bytes.get(at + 1) != Some(&b' '),
                b'#' => at == 0 || bytes[at - 1] != b' ',
                _ => false,
            }
    })
}

/// The bytes [`is_plain`] looks at twice: `:`, `#` and the flow indicators.
static INDICATOR: [bool; 256] = table(b":#[]{}");

/// The bytes a plain scalar may not start with (`-` only before a space).
static FIRST_INDICATOR: [bool; 256] = table(b"-?:,[]{}#&*!|>'\"%@`");

/// A lookup table holding `true` for each of `bytes`.
const fn table(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut at = 0;
    while at < bytes.len() {
        table[bytes[at] as usize] = true;
        at += 1;
    }
    table
}

/// A single-quoted scalar on one line (`''` is a quote).
fn single_quoted(text: &str) -> Read<String> {
    let inner = text
        .strip_prefix('\'')
        .and_then(|text| text.strip_suffix('\''))
        .ok_or(Fallback)?;
    if inner.replace("''", "").contains('\'') {
        return Err(Fallback);
    }
    Ok(inner.replace("''", "'"))
}

#[cfg(test)]
mod tests;
