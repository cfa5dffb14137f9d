//! Directory output: one YAML file per object plus a `kustomization.yaml`, so
//! the result can be committed to Git and applied with `kubectl apply -k` or
//! picked up by GitOps tools.

use serde_json::{Map, Value};

use super::yaml::value_to_yaml;

/// One file of a rendered directory; `path` is relative to the directory root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// File name relative to the output directory, only `[a-z0-9.-]`.
    pub path: String,
    /// Full file contents (one YAML document ending with a newline).
    pub contents: String,
}

/// Renders one file per object, numbered in the given order so that a plain
/// directory listing keeps the apply order, plus a final `kustomization.yaml`
/// listing them as `resources`.
///
/// File names follow `<NN>-<kind>-<namespace>-<name>.yaml` (the namespace part
/// is left out when `metadata.namespace` is missing or empty); `NN` is
/// zero-padded to the width of the object count, at least 2 digits. Characters
/// outside `[a-z0-9.-]` (after lowercasing) become `-`.
pub fn to_directory(objects: &[Value]) -> Vec<RenderedFile> {
    let width = objects.len().to_string().len().max(2);
    let mut files: Vec<RenderedFile> = objects
        .iter()
        .enumerate()
        .map(|(i, object)| RenderedFile {
            path: file_name(i + 1, width, object),
            contents: value_to_yaml(object),
        })
        .collect();

    let resources = files.iter().map(|f| Value::from(f.path.as_str())).collect();
    let mut kustomization = Map::new();
    kustomization.insert(
        "apiVersion".into(),
        Value::from("kustomize.config.k8s.io/v1beta1"),
    );
    kustomization.insert("kind".into(), Value::from("Kustomization"));
    kustomization.insert("resources".into(), Value::Array(resources));
    files.push(RenderedFile {
        path: "kustomization.yaml".into(),
        contents: value_to_yaml(&Value::Object(kustomization)),
    });
    files
}

fn file_name(number: usize, width: usize, object: &Value) -> String {
    let metadata = object.get("metadata");
    let kind = text(object.get("kind")).unwrap_or("object");
    let name = text(metadata.and_then(|m| m.get("name"))).unwrap_or("unnamed");
    let mut path = format!("{number:0width$}-{}", sanitize(kind));
    if let Some(namespace) = text(metadata.and_then(|m| m.get("namespace"))) {
        path.push('-');
        path.push_str(&sanitize(namespace));
    }
    path.push('-');
    path.push_str(&sanitize(name));
    path.push_str(".yaml");
    path
}

/// The non-empty string at `v`, if any.
fn text(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// Lowercases ASCII and replaces every character outside `[a-z0-9.-]` by `-`.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '.' | '-' => c,
            _ => '-',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(kind: &str, namespace: Option<&str>, name: &str) -> Value {
        let mut v = json!({ "apiVersion": "v1", "kind": kind, "metadata": { "name": name } });
        if let Some(ns) = namespace {
            v["metadata"]["namespace"] = json!(ns);
        }
        v
    }

    #[test]
    fn names_and_order() {
        let objects = vec![
            object("Namespace", None, "shop"),
            object("ConfigMap", Some("shop"), "api-config"),
            object("ClusterRole", None, "system:Controller_x"),
            object("Deployment", Some(""), "api"),
            json!({ "kind": "Weird Kind/ü" }),
        ];
        let files = to_directory(&objects);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "01-namespace-shop.yaml",
                "02-configmap-shop-api-config.yaml",
                "03-clusterrole-system-controller-x.yaml",
                "04-deployment-api.yaml",
                "05-weird-kind---unnamed.yaml",
                "kustomization.yaml",
            ]
        );
        for path in &paths {
            assert!(
                path.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'),
                "{path}"
            );
        }
        for (file, object) in files.iter().zip(&objects) {
            assert_eq!(file.contents, value_to_yaml(object));
            assert!(!file.contents.contains("---"));
        }
    }

    #[test]
    fn width_grows_with_count() {
        let objects: Vec<Value> = (0..120)
            .map(|i| object("ConfigMap", Some("ns"), &format!("c{i}")))
            .collect();
        let files = to_directory(&objects);
        assert_eq!(files[0].path, "001-configmap-ns-c0.yaml");
        assert_eq!(files[119].path, "120-configmap-ns-c119.yaml");
        let mut sorted: Vec<&str> = files[..120].iter().map(|f| f.path.as_str()).collect();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            files[..120]
                .iter()
                .map(|f| f.path.as_str())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn kustomization_lists_all_files() {
        let objects = vec![
            object("Namespace", None, "shop"),
            object("Service", Some("shop"), "api"),
        ];
        let files = to_directory(&objects);
        let kustomization = files.last().unwrap();
        assert_eq!(kustomization.path, "kustomization.yaml");
        assert_eq!(
            kustomization.contents,
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n\
             - 01-namespace-shop.yaml\n- 02-service-shop-api.yaml\n"
        );
        let parsed: serde_yaml::Value = serde_yaml::from_str(&kustomization.contents).unwrap();
        let listed: Vec<&str> = parsed["resources"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let expected: Vec<&str> = files[..files.len() - 1]
            .iter()
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(listed, expected);
    }

    #[test]
    fn empty_input_gives_only_kustomization() {
        let files = to_directory(&[]);
        assert_eq!(files.len(), 1);
        assert_eq!(
            files[0].contents,
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n"
        );
    }
}
