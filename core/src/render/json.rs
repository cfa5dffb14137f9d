//! JSON output as a single `v1` `List`, the shape `kubectl get -o json`
//! returns for several objects and `kubectl apply -f` accepts.

use serde_json::{Map, Value};

/// Wraps the objects, in order, in a `v1` `List` and pretty-prints it with
/// 2-space indentation and a trailing newline.
pub fn to_json_list(objects: &[Value]) -> String {
    let mut list = Map::new();
    list.insert("apiVersion".into(), Value::from("v1"));
    list.insert("kind".into(), Value::from("List"));
    list.insert("metadata".into(), Value::Object(Map::new()));
    list.insert("items".into(), Value::Array(objects.to_vec()));
    let mut out = serde_json::to_string_pretty(&Value::Object(list))
        .expect("a serde_json::Value always serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_parses_back_with_items_in_order() {
        let objects = vec![
            json!({ "apiVersion": "v1", "kind": "Namespace", "metadata": { "name": "shop" } }),
            json!({ "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": { "name": "cfg", "namespace": "shop" },
                    "data": { "z": "1", "a": "line\n" } }),
        ];
        let text = to_json_list(&objects);
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back,
            json!({ "apiVersion": "v1", "kind": "List", "metadata": {}, "items": objects })
        );
        // Key order is kept, and the indentation is two spaces.
        assert!(text.starts_with("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n"));
        assert!(text.find("\"z\"").unwrap() < text.find("\"a\"").unwrap());
    }

    #[test]
    fn empty_list() {
        assert_eq!(
            to_json_list(&[]),
            "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"metadata\": {},\n  \"items\": []\n}\n"
        );
    }
}
