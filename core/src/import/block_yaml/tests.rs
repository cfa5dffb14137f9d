//! The fast reader against the event reader: equal documents wherever it answers, an
//! answer for every plain block document, and no answer for what it leaves to the other.

use proptest::prelude::*;

use super::read;
use crate::import::yaml::{Schema, parse_events};

const SCHEMAS: [Schema; 2] = [Schema::Kubernetes, Schema::Core];

/// Plain block scalars as written, tricky ones included.
const PLAIN: &[&str] = &[
    "on",
    "yes",
    "Y",
    "off",
    "NO",
    "true",
    "False",
    "0x1f",
    "1_000",
    "017",
    "08",
    "0o17",
    "1.0",
    "1e3",
    ".5",
    "-7",
    "+7",
    "-0",
    "12:30",
    "1.2.3",
    "~",
    "null",
    "NULL",
    "\"quoted\"",
    "\"on\"",
    "\"\"",
    "'yes'",
    "'it''s'",
    "''",
    "[]",
    "{}",
    "http://x:80/a",
    "a#b",
    "v1",
    "a,b",
    "3.14",
    "18446744073709551616",
    ".inf",
    "-.5e-3",
    "x y  z",
    "-k",
    "nginx:1.27",
];

/// Values the fast reader leaves to the event reader.
const OTHER: &[&str] = &[
    "|\n  block\n  text",
    ">-\n  folded",
    "{a: 1, b: [on, 2]}",
    "[on, 'x']",
    "&a x",
    "*a",
    "!!str 3",
    "!!int \"7\"",
    "'two\n  lines'",
    "\"esc\\taped\"",
    "plain # comment",
    "a\n  continued",
    "-",
    "? x",
    "\"a\": b",
    "x: y",
    "@x",
    "\ttab",
    "caf\u{e9}",
];

const KEYS: &[&str] = &[
    "name",
    "on",
    "1",
    "yes",
    "app.kubernetes.io/name",
    "0x1f",
    "a-b",
    "true",
    "1_000",
    "x:y",
    "-k",
    "n",
    "version",
    "key with spaces",
];

#[derive(Debug, Clone)]
enum Node {
    Leaf(String),
    Map(Vec<(String, Node)>),
    /// Items, and whether the sequence under a key is indented.
    Seq(Vec<Node>, bool),
}

fn node(leaves: &'static [&'static str]) -> impl Strategy<Value = Node> {
    let leaf = prop::sample::select(leaves).prop_map(|text| Node::Leaf(text.to_owned()));
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec((prop::sample::select(KEYS), inner.clone()), 1..5).prop_map(
                |entries| Node::Map(
                    entries
                        .into_iter()
                        .map(|(key, value)| (key.to_owned(), value))
                        .collect()
                )
            ),
            (
                prop::collection::vec(
                    inner.prop_filter("no sequence in a sequence", |item| !matches!(
                        item,
                        Node::Seq(..)
                    )),
                    1..4
                ),
                any::<bool>()
            )
                .prop_map(|(items, indented)| Node::Seq(items, indented)),
        ]
    })
}

/// A document: a mapping at the top.
fn document(leaves: &'static [&'static str]) -> impl Strategy<Value = Node> {
    prop::collection::vec((prop::sample::select(KEYS), node(leaves)), 1..6).prop_map(|entries| {
        Node::Map(
            entries
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        )
    })
}

/// A scalar after `key:` or `- `, its later lines indented under `indent`.
fn leaf(text: &str, indent: usize, out: &mut String) {
    let lines: Vec<&str> = text.split('\n').collect();
    out.push_str(lines[0]);
    for line in &lines[1..] {
        out.push('\n');
        out.push_str(&" ".repeat(indent));
        out.push_str(line);
    }
    out.push('\n');
}

fn render(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Leaf(text) => {
            out.push_str(&pad);
            leaf(text, indent, out);
        }
        Node::Map(entries) => {
            for (key, value) in entries {
                out.push_str(&pad);
                entry(key, value, indent, out);
            }
        }
        Node::Seq(items, _) => {
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                match item {
                    Node::Map(entries) => {
                        let (key, value) = &entries[0];
                        entry(key, value, indent + 2, out);
                        render(&Node::Map(entries[1..].to_vec()), indent + 2, out);
                    }
                    other => render_inline(other, indent + 2, out),
                }
            }
        }
    }
}

/// `key:` and its value, the key already indented.
fn entry(key: &str, value: &Node, indent: usize, out: &mut String) {
    out.push_str(key);
    out.push(':');
    match value {
        Node::Leaf(text) if text.is_empty() => out.push('\n'),
        Node::Leaf(text) => {
            out.push(' ');
            leaf(text, indent + 2, out);
        }
        Node::Map(_) => {
            out.push_str("\n# a comment line\n");
            render(value, indent + 2, out);
        }
        Node::Seq(_, indented) => {
            out.push_str("\n\n");
            render(value, indent + usize::from(*indented) * 2, out);
        }
    }
}

fn render_inline(node: &Node, indent: usize, out: &mut String) {
    match node {
        Node::Leaf(text) => leaf(text, indent, out),
        _ => {
            out.push('\n');
            render(node, indent, out);
        }
    }
}

fn stream(documents: &[Node], explicit_first: bool) -> String {
    let mut out = String::new();
    if explicit_first {
        out.push_str("---\n");
    }
    for (index, document) in documents.iter().enumerate() {
        if index > 0 {
            out.push_str("---\n# Source: chart/templates/x.yaml\n");
        }
        render(document, 0, &mut out);
    }
    out
}

/// Where the fast reader answers, it answers as the event reader does.
fn check_same(text: &str) {
    for schema in SCHEMAS {
        if let Some(fast) = read(text, schema) {
            assert_eq!(Ok(fast), parse_events(text, schema), "{schema:?}\n{text}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn plain_block_yaml_reads_as_the_event_reader_reads_it(
        documents in prop::collection::vec(document(PLAIN), 1..4),
        explicit_first: bool,
    ) {
        let text = stream(&documents, explicit_first);
        for schema in SCHEMAS {
            let full = parse_events(&text, schema).expect("generated YAML is valid");
            let repeated = full.iter().any(|document| !document.duplicate_keys.is_empty());
            match read(&text, schema) {
                // Keys given twice are reported by the event reader alone.
                None => prop_assert!(repeated, "{schema:?}: no answer for\n{text}"),
                Some(fast) => prop_assert_eq!(fast, full, "{:?}\n{}", schema, text),
            }
        }
    }

    #[test]
    fn other_yaml_is_left_to_the_event_reader_or_read_alike(
        documents in prop::collection::vec(document(OTHER), 1..3),
        plain in prop::collection::vec(document(PLAIN), 0..2),
    ) {
        let mut all = plain;
        all.extend(documents);
        check_same(&stream(&all, false));
    }
}

#[test]
fn documents_lines_and_empty_documents() {
    for text in [
        "",
        "# only a comment\n",
        "---\n",
        "---\n---\n",
        "a: 1\n---\n",
        "---\na: 1\n",
        "# Source: x\napiVersion: v1\nkind: A\n---\n# empty\n---\nkind: B\n",
        "  a: 1\n  b:\n  - x\n",
        "- a\n- b: 1\n  c:\n  - d\n",
        "a:\n  b:\n    c: 1\n  d: []\ne: {}\n",
        "a:   spaced   \nb:\n",
    ] {
        for schema in SCHEMAS {
            let fast = read(text, schema).unwrap_or_else(|| panic!("no answer for {text:?}"));
            assert_eq!(Ok(fast), parse_events(text, schema), "{text:?}");
        }
    }
}

#[test]
fn what_the_fast_reader_leaves_to_the_event_reader() {
    for text in [
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a: &x 1\nb: *x\n",
        "a: |\n  text\n",
        "a: b\n  c\n",
        "a: 1 # comment\n",
        "...\n",
        "%YAML 1.2\n---\na: 1\n",
        "--- a\n",
        "a:\n\tb: 1\n",
        "a: 1\n b: 2\n",
        "- - a\n",
        "~: x\n",
        "a: \"\\u00e9\"\n",
    ] {
        assert!(read(text, Schema::Kubernetes).is_none(), "{text:?}");
        check_same(text);
    }
}

#[test]
// Reads the repository's fixtures: I/O in a test, not in the library.
#[allow(clippy::disallowed_methods)]
fn every_yaml_fixture_reads_alike() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut pending = vec![root.join("tests"), root.join("core/tests")];
    let mut read_fast = 0;
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
        } else if path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
        {
            let text = std::fs::read_to_string(&path).unwrap();
            check_same(&text);
            read_fast += usize::from(read(&text, Schema::Kubernetes).is_some());
        }
    }
    assert!(read_fast > 0, "the fast reader reads some fixture");
}
