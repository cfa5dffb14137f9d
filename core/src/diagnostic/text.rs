//! Diagnostics as text that reads like a compiler's.
//!
//! ```text
//! error[invalid-name]: name "My_App" is not a valid DNS-1123 subdomain: ...
//!   --> deployment "My_App" (node node-1) at /nodes/0/data/name
//!   = hint: use lower-case letters, digits and '-'
//! ```
//!
//! A diagnostic with a fix ends with `= fix: <title>` (`kubegraph fix` applies it).
//!
//! Messages quote names and values as the user typed them; every piece is written through
//! [`escape_controls`] here, so a name holding a newline or a terminal escape cannot
//! break a diagnostic across lines or drive the terminal, whatever rule quoted it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::{Diagnostic, Severity};
use crate::model::Workflow;

/// Renders diagnostics, naming each node by kind and name when the workflow is given,
/// and ends with a count of errors and warnings.
pub fn to_text(diagnostics: &[Diagnostic], workflow: Option<&Workflow>) -> String {
    // Looked up only, never iterated: foldhash rather than SipHash. Only the nodes a
    // diagnostic names get a label: labelling every node of a clean 10,000-node workflow
    // was 6% of the instructions of `kubegraph validate`.
    let named: HashSet<&str, foldhash::fast::RandomState> = diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic.location.node_id.as_deref())
        .collect();
    let mut names: HashMap<&str, String, foldhash::fast::RandomState> = HashMap::default();
    let nodes = workflow.filter(|_| !named.is_empty());
    for (_, node) in nodes.into_iter().flat_map(Workflow::nodes) {
        let Some(id) = node.id.as_str().filter(|id| named.contains(id)) else {
            continue;
        };
        let kind = node.node_type.as_str().unwrap_or("node");
        let label = match node.name().map(str::trim).filter(|name| !name.is_empty()) {
            Some(name) => format!("{kind} \"{name}\" (node {id})"),
            None => format!("{kind} (node {id})"),
        };
        names.entry(id).or_insert(label);
    }
    let mut out = String::new();
    for diagnostic in diagnostics {
        let _ = write!(out, "{}[{}]: ", diagnostic.severity, diagnostic.code);
        push_escaped(&mut out, &diagnostic.message);
        out.push('\n');
        let location = &diagnostic.location;
        let pointer = diagnostic.pointer();
        let subject = match (&location.node_id, &location.edge_id) {
            (Some(id), _) => Some(
                names
                    .get(id.as_str())
                    .map_or(("node ", id.as_str()), |label| ("", label)),
            ),
            (None, Some(id)) => Some(("edge ", id.as_str())),
            (None, None) => None,
        };
        if subject.is_some() || pointer.is_some() {
            out.push_str("  --> ");
            if let Some((what, subject)) = subject {
                out.push_str(what);
                push_escaped(&mut out, subject);
                if pointer.is_some() {
                    out.push_str(" at ");
                }
            }
            if let Some(pointer) = &pointer {
                push_escaped(&mut out, pointer);
            }
            out.push('\n');
        }
        if let Some(hint) = &diagnostic.hint {
            out.push_str("  = hint: ");
            push_escaped(&mut out, hint);
            out.push('\n');
        }
        if let Some(fix) = &diagnostic.fix {
            out.push_str("  = fix: ");
            push_escaped(&mut out, &fix.title);
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&summary(diagnostics));
    out.push('\n');
    out
}

/// `text` with its control characters written as escapes (`\n`, `\t`, `\r`, `\u001b`),
/// as JSON writes them, so that it prints on one line and sends the terminal nothing.
pub fn escape_controls(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    push_escaped(&mut escaped, text);
    escaped
}

/// Appends `text` to `out` as [`escape_controls`] writes it. Runs without a control
/// character are copied whole: a control character (`char::is_control`) is a byte below
/// 0x20, 0x7f, or U+0080 to U+009F, which UTF-8 writes after the lead byte 0xc2.
fn push_escaped(out: &mut String, text: &str) {
    let stop = |byte: u8| byte < 0x20 || byte == 0x7f || byte == 0xc2;
    // Without short-circuiting, so that it compiles to a vectorized loop: nearly every
    // message, name and pointer has no control character.
    if !text.bytes().fold(false, |found, byte| found | stop(byte)) {
        out.push_str(text);
        return;
    }
    let mut rest = text;
    while let Some(at) = rest.bytes().position(stop) {
        out.push_str(&rest[..at]);
        // `at` is an ASCII byte or a lead byte, so a character starts there.
        let Some(character) = rest[at..].chars().next() else {
            break;
        };
        match character {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            control if control.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(control));
            }
            other => out.push(other),
        }
        rest = &rest[at + character.len_utf8()..];
    }
    out.push_str(rest);
}

/// `2 errors, 1 warning` (and infos when there are any).
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
    ];
    let infos = count(Severity::Info);
    if infos > 0 {
        parts.push(plural(infos, "info"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::model::FieldPath;

    #[test]
    fn names_the_node_by_kind_and_name_and_shows_path_and_hint() {
        let workflow = crate::parse::parse_workflow(
            r#"{"nodes": [{"id": "node-1", "type": "deployment", "data": {"name": "My_App"}}]}"#,
        )
        .expect("parses");
        let diagnostic = Diagnostic::new(Code::InvalidName, "name \"My_App\" is not valid")
            .node("node-1")
            .at(FieldPath::node_data(0).key("name"))
            .hint("use lower-case letters");
        let text = to_text(&[diagnostic], Some(&workflow));
        assert_eq!(
            text,
            "error[invalid-name]: name \"My_App\" is not valid\n  --> deployment \"My_App\" (node node-1) at /nodes/0/data/name\n  = hint: use lower-case letters\n\n1 error, 0 warnings\n"
        );
    }

    #[test]
    fn control_characters_of_names_and_values_are_escaped() {
        let workflow = crate::parse::parse_workflow(
            r#"{"nodes": [{"id": "node-1", "type": "deployment", "data": {"name": "web\nerror[fake]: \u001b[31mred"}}]}"#,
        )
        .expect("parses");
        let diagnostic = Diagnostic::new(
            Code::InvalidName,
            "name \"web\nerror[fake]: \u{1b}[31mred\" is not valid",
        )
        .node("node-1")
        .hint("not \"\t\r\u{7f}\"");
        let text = to_text(&[diagnostic], Some(&workflow));
        assert_eq!(
            text,
            "error[invalid-name]: name \"web\\nerror[fake]: \\u001b[31mred\" is not valid\n  --> deployment \"web\\nerror[fake]: \\u001b[31mred\" (node node-1)\n  = hint: not \"\\t\\r\\u007f\"\n\n1 error, 0 warnings\n"
        );
    }

    #[test]
    fn every_control_character_is_escaped_and_nothing_else() {
        // The C1 controls and the Latin-1 characters after them share the lead byte 0xc2.
        let text: String = (0..0x800)
            .filter_map(char::from_u32)
            .chain("é中😀\u{2028}".chars())
            .collect();
        let expected: String = text
            .chars()
            .map(|character| match character {
                '\n' => "\\n".to_owned(),
                '\r' => "\\r".to_owned(),
                '\t' => "\\t".to_owned(),
                control if control.is_control() => format!("\\u{:04x}", u32::from(control)),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(escape_controls(&text), expected);
        assert_eq!(
            escape_controls("\u{85}\u{9f}\u{a0}"),
            "\\u0085\\u009f\u{a0}"
        );
    }
}
