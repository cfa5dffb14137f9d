//! Errors: per object (reported in results, never stopping the other objects), from the
//! stores, and the few that stop a whole run.
//!
//! Messages name objects and fields but never values: a Secret's data or an env value must
//! not reach a log through an error.

use serde::Serialize;

/// Why one object could not be planned, applied, deleted or observed. Collected per object
/// so that one failure does not hide the others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ObjectError {
    /// API discovery does not know the kind: for a plugin node, its CRD is not installed.
    #[error("the cluster does not serve kind {kind} ({api_version}); is its CRD installed?")]
    #[serde(rename_all = "camelCase")]
    MissingKind {
        /// The apiVersion asked for.
        api_version: String,
        /// The kind asked for.
        kind: String,
    },
    /// Server-side apply found fields owned by other field managers (HTTP 409). Nothing
    /// was changed; apply again with force-conflicts to take the fields over.
    #[error("field manager conflict: {}", describe_conflicts(conflicts))]
    Conflict {
        /// Which manager owns which of the fields we tried to set.
        conflicts: Vec<FieldConflict>,
    },
    /// The API server refused the request.
    #[error("the API server refused it ({code} {reason}): {message}")]
    Api {
        /// HTTP status code.
        code: u16,
        /// Machine-readable reason, for example `Invalid` or `Forbidden`.
        reason: String,
        /// The server's message.
        message: String,
    },
    /// The request did not get an answer (connection, TLS, decoding).
    #[error("request failed: {message}")]
    Request {
        /// What went wrong.
        message: String,
    },
}

/// Fields another field manager owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldConflict {
    /// The other field manager, for example `kubectl-edit`.
    pub manager: String,
    /// The conflicting fields as the server names them, for example `.spec.replicas`.
    pub fields: Vec<String>,
}

fn describe_conflicts(conflicts: &[FieldConflict]) -> String {
    conflicts
        .iter()
        .map(|conflict| format!("{} owns {}", conflict.manager, conflict.fields.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

impl ObjectError {
    /// Classifies a client error; a 409 from server-side apply becomes [`ObjectError::Conflict`]
    /// with the managers and fields taken from the status causes.
    pub(crate) fn from_kube(error: kube::Error) -> Self {
        match error {
            kube::Error::Api(status) => {
                let conflicts = field_conflicts(&status);
                if status.code == 409 && !conflicts.is_empty() {
                    return ObjectError::Conflict { conflicts };
                }
                ObjectError::Api {
                    code: status.code,
                    reason: status.reason.clone(),
                    message: status.message.clone(),
                }
            }
            other => ObjectError::Request {
                message: other.to_string(),
            },
        }
    }
}

/// Groups `FieldManagerConflict` causes (message `conflict with "m" using apps/v1`, field
/// `.spec.replicas`) by manager, in the server's order.
fn field_conflicts(status: &kube::core::Status) -> Vec<FieldConflict> {
    let mut conflicts: Vec<FieldConflict> = Vec::new();
    let causes = status.details.iter().flat_map(|details| &details.causes);
    for cause in causes.filter(|cause| cause.reason == "FieldManagerConflict") {
        let manager = cause
            .message
            .split('"')
            .nth(1)
            .unwrap_or(&cause.message)
            .to_owned();
        match conflicts.iter_mut().find(|known| known.manager == manager) {
            Some(known) => known.fields.push(cause.field.clone()),
            None => conflicts.push(FieldConflict {
                manager,
                fields: vec![cause.field.clone()],
            }),
        }
    }
    conflicts
}

/// A record revision in a message.
fn revision(revision: Option<u64>) -> String {
    revision.map_or_else(
        || "no record".to_owned(),
        |revision| format!("revision {revision}"),
    )
}

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Optimistic concurrency: the record changed since it was read (or already exists
    /// when it was expected to be new).
    #[error(
        "{what} changed since it was read (it is at {}, the write expected {}); read it again and retry",
        revision(*found),
        revision(*expected)
    )]
    Conflict {
        /// The record.
        what: String,
        /// The revision the caller expected (`None`: expected no record).
        expected: Option<u64>,
        /// The revision found (`None`: no record).
        found: Option<u64>,
    },
    /// The record does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// An id that cannot name a record (empty, or with path or name syntax in it).
    #[error("invalid id {0:?}: use letters, digits, '.', '_' and '-' only")]
    InvalidId(String),
    /// Reading or writing the file system failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A stored document could not be read or written as JSON.
    #[error("{what}: {source}")]
    Json {
        /// The record.
        what: String,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// The in-cluster store's API request failed.
    #[error("{what}: {source}")]
    Kube {
        /// The record.
        what: String,
        /// The cause.
        #[source]
        source: Box<kube::Error>,
    },
}

/// What stops a whole run (per-object problems are [`ObjectError`]s in the results).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The previous inventory could not be read, or the new one not written.
    #[error("inventory: {0}")]
    Inventory(#[from] StoreError),
}

#[cfg(test)]
mod tests {
    use kube::core::Status;
    use kube::core::response::{StatusCause, StatusDetails};

    use super::*;

    fn cause(manager: &str, field: &str) -> StatusCause {
        StatusCause {
            reason: "FieldManagerConflict".to_owned(),
            message: format!("conflict with \"{manager}\" using apps/v1"),
            field: field.to_owned(),
        }
    }

    #[test]
    fn a_409_with_field_manager_causes_names_managers_and_fields() {
        let status = Status::failure("Apply failed with 3 conflicts", "Conflict")
            .with_code(409)
            .with_details(StatusDetails {
                name: "web".to_owned(),
                group: "apps".to_owned(),
                kind: "deployments".to_owned(),
                uid: String::new(),
                causes: vec![
                    cause("hpa-tool", ".spec.replicas"),
                    cause(
                        "kubectl-edit",
                        ".spec.template.spec.containers[name=\"web\"].image",
                    ),
                    cause("hpa-tool", ".spec.paused"),
                ],
                retry_after_seconds: 0,
            });
        let error = ObjectError::from_kube(kube::Error::Api(status.boxed()));
        let ObjectError::Conflict { conflicts } = &error else {
            panic!("expected a conflict, got {error:?}");
        };
        assert_eq!(conflicts.len(), 2);
        assert_eq!(conflicts[0].manager, "hpa-tool");
        assert_eq!(conflicts[0].fields, [".spec.replicas", ".spec.paused"]);
        assert_eq!(conflicts[1].manager, "kubectl-edit");
        assert!(
            error
                .to_string()
                .contains("hpa-tool owns .spec.replicas, .spec.paused")
        );
    }

    #[test]
    fn other_api_errors_keep_code_and_reason() {
        let status = Status::failure("namespaces \"x\" not found", "NotFound").with_code(404);
        let error = ObjectError::from_kube(kube::Error::Api(status.boxed()));
        assert!(matches!(error, ObjectError::Api { code: 404, .. }));
    }
}
