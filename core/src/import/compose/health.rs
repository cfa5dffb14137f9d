//! A service's `healthcheck` as the container's readiness probe: the same command,
//! interval, timeout and retries. Docker marks an unhealthy container and holds back the
//! services that wait for it to be healthy, but never restarts it; a readiness probe does
//! the same in Kubernetes (it takes the pod out of its Services' endpoints). A liveness
//! probe would restart the container on every failure, which the compose file never asked
//! for (a slow database would be killed mid-recovery), so none is made.

use serde_json::{Map, Value, json};

use super::draft::Draft;
use super::units;
use crate::model::FieldPath;

/// Docker's defaults: every 30 s, 30 s timeout, unhealthy after 3 failures.
const INTERVAL: u64 = 30;
const TIMEOUT: u64 = 30;
const RETRIES: u64 = 3;

/// The probe for `healthcheck`, or `None` when it is disabled or cannot be read (reported).
pub(super) fn probe(
    draft: &mut Draft,
    check: &Value,
    path: FieldPath,
    node: &str,
) -> Option<Value> {
    let Some(check) = check.as_object() else {
        draft.invalid(path, Some(node), "`healthcheck` is a mapping".to_owned());
        return None;
    };
    if check.get("disable").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let command = match check.get("test") {
        // No test of its own: the image's HEALTHCHECK, which Kubernetes does not run.
        None => {
            draft.not_expressible(
                path,
                Some(node),
                "the healthcheck has no `test`: the image's own HEALTHCHECK is not run by \
                    Kubernetes; write the command as `test`"
                    .to_owned(),
            );
            return None;
        }
        Some(Value::String(line)) => shell(line),
        Some(Value::Array(words)) => {
            let words: Option<Vec<&str>> = words.iter().map(Value::as_str).collect();
            match words.as_deref() {
                Some(["NONE", ..]) => return None,
                Some(["CMD", argv @ ..]) if !argv.is_empty() => json!(argv),
                Some(["CMD-SHELL", line]) => shell(line),
                _ => {
                    draft.invalid(
                        path.key("test"),
                        Some(node),
                        "a healthcheck `test` is a command line or a list starting with `CMD`, \
                            `CMD-SHELL` or `NONE`"
                            .to_owned(),
                    );
                    return None;
                }
            }
        }
        Some(_) => {
            draft.invalid(
                path.key("test"),
                Some(node),
                "a healthcheck `test` is a command line or a list".to_owned(),
            );
            return None;
        }
    };
    let mut probe = Map::new();
    probe.insert("exec".to_owned(), json!({ "command": command }));
    let mut timing = |key: &str, field: &str, default: u64| {
        let value = match check.get(key) {
            None => default,
            Some(given) => {
                let read = if key == "retries" {
                    given.as_u64()
                } else {
                    units::seconds(given)
                };
                match read {
                    Some(value) => value,
                    None => {
                        draft.invalid(
                            path.clone().key(key),
                            Some(node),
                            format!(
                                "healthcheck `{key}` is not a {}",
                                if key == "retries" {
                                    "count"
                                } else {
                                    "duration such as `10s` or `1m30s`"
                                }
                            ),
                        );
                        default
                    }
                }
            }
        };
        // Kubernetes' minimum for each is 1 (0 for the initial delay).
        if field == "initialDelaySeconds" {
            if value > 0 {
                probe.insert(field.to_owned(), Value::from(value));
            }
        } else {
            probe.insert(field.to_owned(), Value::from(value.max(1)));
        }
    };
    timing("interval", "periodSeconds", INTERVAL);
    timing("timeout", "timeoutSeconds", TIMEOUT);
    timing("retries", "failureThreshold", RETRIES);
    timing("start_period", "initialDelaySeconds", 0);
    Some(Value::Object(probe))
}

/// A command line run by the shell, as Docker runs `CMD-SHELL`.
fn shell(line: &str) -> Value {
    json!(["/bin/sh", "-c", line])
}
