//! What a compose file says that the workflow does not: keys Kubernetes has no
//! equivalent for (`compose-not-expressible`), and keys kubegraph does not convert
//! (`compose-not-converted`), each reported once per service and key.

use serde_json::{Map, Value};

use super::draft::Draft;
use crate::diagnostic::Code;
use crate::model::FieldPath;

/// The codes the compose importer raises, all from this file (its fixtures are compose
/// files, `tests/fixtures/compose/`, not workflows).
pub const CODES: &[Code] = &[
    Code::InvalidCompose,
    Code::ComposeNotExpressible,
    Code::ComposeNotConverted,
    Code::ComposeFileContent,
];

impl Draft {
    /// Compose itself would refuse this (`invalid-compose`).
    pub(super) fn invalid(&mut self, path: FieldPath, node: Option<&str>, message: String) {
        self.report(Code::InvalidCompose, path, node, message);
    }

    /// Kubernetes has no equivalent (`compose-not-expressible`).
    pub(super) fn not_expressible(&mut self, path: FieldPath, node: Option<&str>, message: String) {
        self.report(Code::ComposeNotExpressible, path, node, message);
    }

    /// The importer does not convert it (`compose-not-converted`).
    pub(super) fn not_converted(&mut self, path: FieldPath, node: Option<&str>, message: String) {
        self.report(Code::ComposeNotConverted, path, node, message);
    }

    /// Content named by a path or the environment, not read (`compose-file-content`).
    pub(super) fn file_content(&mut self, path: FieldPath, node: Option<&str>, message: String) {
        self.report(Code::ComposeFileContent, path, node, message);
    }
}

/// The service keys the importer converts (`deploy` in part, see [`DEPLOY_CONVERTED`]).
const CONVERTED: &[&str] = &[
    "image",
    "command",
    "entrypoint",
    "environment",
    "ports",
    "expose",
    "volumes",
    "healthcheck",
    "deploy",
    "configs",
    "secrets",
    "mem_limit",
    "mem_reservation",
    "cpus",
    "scale",
    // Every compose service joins the default network, and every pod reaches every
    // Service: nothing is lost (isolation by custom networks is reported at the top level).
    "networks",
];

/// The keys of `deploy` the importer converts.
const DEPLOY_CONVERTED: &[&str] = &["replicas", "resources"];

/// Reports the top-level keys of `file` that are not converted.
pub(super) fn top_level(draft: &mut Draft, file: &Map<String, Value>) {
    for (key, value) in file {
        let path = FieldPath::root().key(key.as_str());
        match key.as_str() {
            "version" | "name" | "services" | "volumes" | "configs" | "secrets" => {}
            extension if extension.starts_with("x-") => {}
            "networks" => {
                let custom = value
                    .as_object()
                    .is_some_and(|networks| networks.keys().any(|name| name != "default"));
                if custom {
                    draft.not_expressible(
                        path,
                        None,
                        "networks are not kept: every pod can reach every Service of the \
                            namespace; add NetworkPolicy nodes to keep services apart"
                            .to_owned(),
                    );
                }
            }
            other => draft.not_converted(
                path,
                None,
                format!("the top-level `{other}` is not converted"),
            ),
        }
    }
}

/// Reports the keys of the service `spec` (node `node`) that are not carried over.
pub(super) fn service_keys(
    draft: &mut Draft,
    spec: &Map<String, Value>,
    path: &FieldPath,
    node: &str,
    image: &str,
) {
    for (key, value) in spec {
        let at = path.clone().key(key.as_str());
        if let Some(message) = not_expressible(key, value, spec, image) {
            draft.not_expressible(at, Some(node), message);
        } else if key == "env_file" {
            draft.file_content(
                at,
                Some(node),
                "the variables of `env_file` are not read: add them to `environment` before \
                    importing, or to the workload's env"
                    .to_owned(),
            );
        } else if key == "deploy" {
            for (deploy_key, _) in value.as_object().into_iter().flatten() {
                if !DEPLOY_CONVERTED.contains(&deploy_key.as_str()) {
                    draft.not_converted(
                        at.clone().key(deploy_key.as_str()),
                        Some(node),
                        format!("`deploy.{deploy_key}` is not converted"),
                    );
                }
            }
        } else if !CONVERTED.contains(&key.as_str()) && !key.starts_with("x-") && key != "restart" {
            draft.not_converted(at, Some(node), format!("`{key}` is not converted"));
        }
    }
}

/// Why Kubernetes cannot say what `key` says, or `None` when it can.
fn not_expressible(
    key: &str,
    value: &Value,
    spec: &Map<String, Value>,
    image: &str,
) -> Option<String> {
    Some(match key {
        "build" if spec.contains_key("image") => {
            format!("Kubernetes does not build images: build and push `{image}` before applying")
        }
        "build" => format!(
            "Kubernetes does not build images and the service names none: build and push it as \
                `{image}`, or set the image"
        ),
        "depends_on" => {
            let conditions: Vec<String> = value
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(service, how)| {
                    how.get("condition")
                        .and_then(Value::as_str)
                        .map(|condition| format!("{service}: {condition}"))
                })
                .collect();
            let conditions = if conditions.is_empty() {
                String::new()
            } else {
                format!(" (conditions {})", conditions.join(", "))
            };
            format!(
                "Kubernetes starts every workload at once: the start order{conditions} is not \
                    kept; the readiness probes hold traffic back until a service is healthy, \
                    and a client must retry its connections"
            )
        }
        "network_mode" => format!(
            "`network_mode: {}` is not converted: a Deployment's pods get their own network, \
                reached through Services",
            value.as_str().unwrap_or("?")
        ),
        "links" | "external_links" => format!(
            "`{key}` aliases are not kept: services reach each other by their Service names"
        ),
        "restart" => match value.as_str() {
            Some("no" | "on-failure") => format!(
                "`restart: {}` is not kept: Kubernetes always restarts the containers of \
                    Deployments and StatefulSets",
                value.as_str().unwrap_or_default()
            ),
            _ => return None,
        },
        "pid" | "ipc" | "userns_mode" | "uts" => format!(
            "`{key}` is not converted: a pod's namespaces are shared with the host only by node \
                agents (DaemonSets)"
        ),
        "devices" | "device_cgroup_rules" => format!(
            "`{key}` is not converted: a node's devices reach a pod through a device plugin's \
                resources"
        ),
        _ => return None,
    })
}
