//! Which strings are plain, quoted or blocks, and that every one reads back.

use serde_json::{Map, Value, json};

use super::{assert_round_trip, parse};
use crate::render::yaml::value_to_yaml;

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
        'a', 'y', 'n', 'e', 'x', 'o', 'b', 'T', '0', '1', '7', '.', '-', '+', '_', ':', ' ', '#',
        '\n', '\t', '\r', '\'', '"', '\\', '!', '&', '*', '~', '|', '>', '%', '@', '`', '{', '[',
        ',', '?', '=', '<', 'é', '\u{85}', '\u{2028}', '\u{0}',
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
