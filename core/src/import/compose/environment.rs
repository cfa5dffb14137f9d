//! A service's `environment`: plain variables become container env, secret-looking ones
//! a Secret of the service read through `secretKeyRef`, and variables without a value
//! (Compose takes them from the shell) run-time env keys.

use serde_json::{Map, Value, json};

use super::draft::{Column, Draft};
use crate::model::FieldPath;

/// Parts of a name that mark a variable as secret. `_FILE` variables hold a path to the
/// secret, not the secret, and stay plain.
const SECRET_MARKS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "KEY",
    "CREDENTIAL",
    "PRIVATE",
    "DATABASE_URL",
    "DSN",
];

/// Whether a variable of this name holds a secret.
pub(super) fn looks_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    !upper.ends_with("_FILE") && SECRET_MARKS.iter().any(|mark| upper.contains(mark))
}

/// One variable: its name and its value (`None`: taken from the shell by Compose).
struct Variable {
    name: String,
    value: Option<String>,
    index: Option<usize>,
}

/// The variables of `environment`, a mapping or a list of `NAME=value`.
fn variables(
    draft: &mut Draft,
    environment: &Value,
    path: &FieldPath,
    node: &str,
) -> Vec<Variable> {
    let scalar = |value: &Value| match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    };
    match environment {
        Value::Object(map) => map
            .iter()
            .map(|(name, value)| Variable {
                name: name.clone(),
                value: scalar(value),
                index: None,
            })
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let Some(text) = item.as_str() else {
                    draft.invalid(
                        path.clone().index(index),
                        Some(node),
                        "an `environment` entry is `NAME=value` or `NAME`".to_owned(),
                    );
                    return None;
                };
                let (name, value) = match text.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (text, None),
                };
                Some(Variable {
                    name: name.to_owned(),
                    value,
                    index: Some(index),
                })
            })
            .collect(),
        _ => {
            draft.invalid(
                path.clone(),
                Some(node),
                "`environment` is a mapping or a list of `NAME=value`".to_owned(),
            );
            Vec::new()
        }
    }
}

/// Fills `env` and `envKeys` of the workload `data` (node `node`, of the service called
/// `service`) from `environment`; a Secret node of the service holds the secret-looking
/// variables.
pub(super) fn convert(
    draft: &mut Draft,
    data: &mut Map<String, Value>,
    service: &str,
    environment: &Value,
    path: FieldPath,
    node: &str,
) {
    let mut env = Vec::new();
    let mut env_keys = Vec::new();
    let mut secret_keys = Vec::new();
    let mut secret: Option<String> = None;
    for variable in variables(draft, environment, &path, node) {
        if variable.name.is_empty() {
            let at = match variable.index {
                Some(index) => path.clone().index(index),
                None => path.clone(),
            };
            draft.invalid(
                at,
                Some(node),
                "an environment variable has no name".to_owned(),
            );
            continue;
        }
        if looks_secret(&variable.name) {
            let secret = secret
                .get_or_insert_with(|| draft.name("secret", &format!("{service}-env")))
                .clone();
            let secret_id = format!("secret/{secret}");
            if let Some(value) = &variable.value {
                draft.secret_value(&secret_id, &variable.name, value);
            }
            secret_keys
                .push(json!({ "id": format!("key-{}", variable.name), "name": variable.name }));
            env.push(json!({
                "name": variable.name,
                "valueFrom": { "secretKeyRef": { "name": secret, "key": variable.name } },
            }));
            continue;
        }
        match variable.value {
            Some(value) => env.push(json!({ "name": variable.name, "value": value })),
            None => env_keys
                .push(json!({ "id": format!("env-{}", variable.name), "name": variable.name })),
        }
    }
    if let Some(secret) = secret {
        let mut secret_data = Map::new();
        secret_data.insert("secretType".to_owned(), Value::from("Opaque"));
        secret_data.insert("keys".to_owned(), Value::Array(secret_keys));
        draft.add("secret", &secret, Column::Storage, secret_data);
    }
    if !env.is_empty() {
        data.insert("env".to_owned(), Value::Array(env));
    }
    if !env_keys.is_empty() {
        data.insert("envKeys".to_owned(), Value::Array(env_keys));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_looking_names() {
        for name in [
            "POSTGRES_PASSWORD",
            "api_key",
            "JWT_SECRET",
            "GITHUB_TOKEN",
            "DATABASE_URL",
            "SENTRY_DSN",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "POSTGRES_PASSWORD_FILE",
            "POSTGRES_USER",
            "PORT",
            "NODE_ENV",
            "POSTGRES_HOST_AUTH_METHOD",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
    }
}
