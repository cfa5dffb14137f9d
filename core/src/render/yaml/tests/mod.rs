//! The emitter's output for `serde_json` values: string styles, layout, and the
//! serde data model (typed values give the bytes of their `serde_json` values). Output
//! is read back with `serde_yaml`, an independent reader.

mod layout;
mod serde_model;
mod strings;

use serde_json::{Value, json};

use super::value_to_yaml;

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
