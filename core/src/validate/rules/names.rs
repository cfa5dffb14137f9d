//! Object names and namespaces, as Kubernetes validates them.
//!
//! Most objects need a DNS-1123 subdomain, Services a DNS-1035 label (it becomes a DNS
//! label and must not look like a number), namespaces a DNS-1123 label, and CronJobs at
//! most 52 characters (Kubernetes appends an 11-character suffix to name each Job). kubegraph
//! labels every object `app: <name>`, so a name must also be a valid label value. An empty
//! name is an error: the reference silently substituted the node id. A workload's container
//! name is a DNS-1123 label; the ServiceAccount, PriorityClass and image pull Secrets its
//! pod names are DNS-1123 subdomains; its volumes' names are DNS-1123 labels, unique in
//! the pod. A ServiceAccount's image pull Secrets are named as a pod's.

use super::{Check, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::GraphNode;
use crate::model::kinds::{ContainerFields, ImagePullSecret};
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::syntax::names;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidName, Code::InvalidNamespace],
    check: Check::Nodes(NodeKind::ALL, check),
};

/// Kubernetes appends `-<11 digits>` to a CronJob's name for each Job it creates.
const CRONJOB_NAME_MAX: usize = 52;

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(kind) = node.kind else { return };
    // The graph keeps the trimmed name and the namespace (`default` when not given,
    // which is valid), so node data is read only when the name is missing.
    let namespace = node.namespace();
    if let Err(problem) = names::dns1123_label(namespace) {
        let message = format!("namespace \"{namespace}\" is not a valid namespace: it {problem}");
        cx.report(
            node_problem(node, node.data_path().key("namespace"), Code::InvalidNamespace, message)
                .hint("use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"),
        );
    }
    check_name(cx, node, kind);
    match node.data() {
        Some(NodeData::ServiceAccount(account)) => {
            pull_secret_names(cx, node, account.image_pull_secrets.items());
        }
        Some(data) => {
            if let Some(fields) = data.container() {
                check_pod_names(cx, node, &fields);
            }
        }
        None => {}
    }
}

/// The names a workload's pod gives or refers to: its container's (a DNS-1123 label), its
/// ServiceAccount's, PriorityClass's and image pull Secrets' (DNS-1123 subdomains).
fn check_pod_names(cx: &mut Context<'_>, node: &GraphNode<'_>, fields: &ContainerFields<'_>) {
    let at = |key: &str| node.data_path().key(key);
    let named = [
        (fields.container_name, "containerName"),
        (fields.service_account_name, "serviceAccountName"),
        (fields.priority_class_name, "priorityClassName"),
    ];
    for (field, key) in named {
        if let Some(name) = field.and_then(Wire::non_empty) {
            pod_name(cx, node, name, key, || at(key));
        }
    }
    let secrets = fields
        .image_pull_secrets
        .map(Wire::items)
        .unwrap_or_default();
    pull_secret_names(cx, node, secrets);
    let volumes = fields.volumes.map(Wire::items).unwrap_or_default();
    for (index, volume) in volumes.iter().enumerate() {
        let at = || at("volumes").index(index);
        if volume.empty_dir.is_missing() {
            let message = format!("volumes[{index}] has no emptyDir");
            cx.report(
                super::node_types::missing_field(node, at().key("emptyDir"), message)
                    .hint("give the volume an emptyDir, for example {}"),
            );
        }
        let Some(name) = volume.name.non_empty() else {
            if !volume.name.is_invalid() {
                let message = format!("volumes[{index}] has no name");
                cx.report(
                    super::node_types::missing_field(node, at().key("name"), message)
                        .hint("name the volume"),
                );
            }
            continue;
        };
        let problem = match names::dns1123_label(name) {
            Err(problem) => {
                format!("volume name \"{name}\" must be a DNS-1123 label: it {problem}")
            }
            Ok(())
                if volumes[..index]
                    .iter()
                    .any(|earlier| earlier.name.non_empty() == Some(name)) =>
            {
                format!("volume name \"{name}\" is used by two volumes of the pod")
            }
            Ok(()) => continue,
        };
        cx.report(
            node_problem(node, at().key("name"), Code::InvalidName, problem)
                .hint("give every volume its own name of lower-case letters, digits and '-'"),
        );
    }
}

/// The names of the Secrets in a pod's or ServiceAccount's `imagePullSecrets`: each given,
/// and a DNS-1123 subdomain.
fn pull_secret_names(cx: &mut Context<'_>, node: &GraphNode<'_>, secrets: &[ImagePullSecret]) {
    for (index, secret) in secrets.iter().enumerate() {
        let at = node
            .data_path()
            .key("imagePullSecrets")
            .index(index)
            .key("name");
        if secret.name.non_empty().is_none() && !secret.name.is_invalid() {
            let message = format!("imagePullSecrets[{index}] has no name");
            cx.report(
                super::node_types::missing_field(node, at, message)
                    .hint("name the Secret holding the registry credentials, or remove the entry"),
            );
            continue;
        }
        if let Some(name) = secret.name.non_empty() {
            pod_name(cx, node, name, "imagePullSecrets name", || at);
        }
    }
}

/// A name a workload's pod gives (its container's: a DNS-1123 label) or refers to (a
/// DNS-1123 subdomain); the path is built only when it is reported.
fn pod_name(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    name: &str,
    what: &str,
    at: impl FnOnce() -> FieldPath,
) {
    let (grammar, rule) = if what == "containerName" {
        (names::dns1123_label(name), "a DNS-1123 label")
    } else {
        (names::dns1123_subdomain(name), "a DNS-1123 subdomain")
    };
    if let Err(problem) = grammar {
        let message = format!("{what} \"{name}\" must be {rule}: it {problem}");
        cx.report(node_problem(node, at(), Code::InvalidName, message).hint(
            "use lower-case letters, digits and '-', starting and ending with a letter or digit",
        ));
    }
}

fn check_name(cx: &mut Context<'_>, node: &GraphNode<'_>, kind: NodeKind) {
    let at = || node.data_path().key("name");
    let name = node.name();
    if name.is_empty() {
        // Values of another type are reported by `field-types`, missing data by `node-types`.
        let field = node.data().map(NodeData::name_field);
        if field.is_some_and(|field| !field.is_invalid()) {
            let message = format!("{kind} {} has no name", node.id());
            cx.report(
                super::node_types::missing_field(node, at(), message)
                    .hint("set a name; kubegraph does not fall back to the node id"),
            );
        }
        return;
    }
    let (grammar, rule) = match kind {
        NodeKind::Service => (names::dns1035_label(name), "a DNS-1035 label"),
        _ => (names::dns1123_subdomain(name), "a DNS-1123 subdomain"),
    };
    let problem = match grammar {
        Err(problem) => Some(format!("must be {rule}: it {problem}")),
        Ok(()) if kind == NodeKind::CronJob && name.len() > CRONJOB_NAME_MAX => Some(format!(
            "must be at most {CRONJOB_NAME_MAX} characters for a CronJob (it has {})",
            name.len()
        )),
        Ok(()) => None,
    };
    if let Some(problem) = problem {
        let hint = match kind {
            NodeKind::Service => "use lower-case letters, digits and '-', starting with a letter",
            _ => {
                "use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
            }
        };
        let message = format!("{kind} name \"{name}\" {problem}");
        cx.report(node_problem(node, at(), Code::InvalidName, message).hint(hint));
        return;
    }
    if let Err(problem) = names::label_value(name) {
        let message = format!("name \"{name}\" becomes the `app` label, whose value {problem}");
        cx.report(
            super::labels::invalid_label(node, at(), message)
                .hint("shorten the name to at most 63 characters"),
        );
    }
}

/// An `invalid-name` diagnostic about the name at `at`: every name checked anywhere is
/// reported through it.
pub(super) fn invalid_name(
    node: &GraphNode<'_>,
    at: FieldPath,
    message: impl Into<String>,
) -> Diagnostic {
    node_problem(node, at, Code::InvalidName, message)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn names_follow_the_grammar_of_their_kind() {
        let long = "a".repeat(64);
        let cron = "c".repeat(53);
        let json = format!(
            r#"{{"nodes": [{{"id": "n0", "type": "deployment", "data": {{"name": "My_App", "namespace": "Team A"}}}},
                          {{"id": "n1", "type": "service", "data": {{"name": "1api"}}}},
                          {{"id": "n2", "type": "configmap", "data": {{"name": "  "}}}},
                          {{"id": "n3", "type": "secret", "data": {{}}}},
                          {{"id": "n4", "type": "cronjob", "data": {{"name": "{cron}"}}}},
                          {{"id": "n5", "type": "job", "data": {{"name": "{long}"}}}},
                          {{"id": "n6", "type": "ingress", "data": {{"name": "web.example", "namespace": "shop"}}}},
                          {{"id": "n7", "type": "webhook", "data": {{"name": "Anything Goes"}}}},
                          {{"id": "n8", "type": "hpa", "data": {{"name": 7}}}}]}}"#
        );
        let found = diagnostics_of(Code::InvalidNamespace, &json);
        assert_eq!(
            summary(&found),
            [
                ("invalid-name", "/nodes/0/data/name".into(), "n0"),
                ("invalid-namespace", "/nodes/0/data/namespace".into(), "n0"),
                ("invalid-name", "/nodes/1/data/name".into(), "n1"),
                ("missing-field", "/nodes/2/data/name".into(), "n2"),
                ("missing-field", "/nodes/3/data/name".into(), "n3"),
                ("invalid-name", "/nodes/4/data/name".into(), "n4"),
                ("invalid-label", "/nodes/5/data/name".into(), "n5"),
            ]
        );
        assert!(
            found[0]
                .message
                .starts_with("deployment name \"My_App\" must be a DNS-1123 subdomain")
        );
        assert!(
            found[2].message.contains("DNS-1035"),
            "{}",
            found[2].message
        );
        assert_eq!(
            found[5].message,
            "cronjob name \"ccccccccccccccccccccccccccccccccccccccccccccccccccccc\" must be at most 52 characters for a CronJob (it has 53)"
        );
    }

    #[test]
    fn pod_names_follow_kubernetes_grammar() {
        let found = diagnostics_of(
            Code::InvalidName,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web",
                    "containerName": "web.server", "serviceAccountName": "Web_SA", "priorityClassName": "high",
                    "imagePullSecrets": [{"name": "regcred"}, {"name": ""}, {"name": "-bad"}]}},
                {"id": "j", "type": "job", "data": {"name": "once", "containerName": "once",
                    "serviceAccountName": "jobs.runner", "priorityClassName": "Low"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-name", "/nodes/0/data/containerName".into(), "d"),
                (
                    "missing-field",
                    "/nodes/0/data/imagePullSecrets/1/name".into(),
                    "d"
                ),
                (
                    "invalid-name",
                    "/nodes/0/data/imagePullSecrets/2/name".into(),
                    "d"
                ),
                (
                    "invalid-name",
                    "/nodes/0/data/serviceAccountName".into(),
                    "d"
                ),
                (
                    "invalid-name",
                    "/nodes/1/data/priorityClassName".into(),
                    "j"
                ),
            ]
        );
        assert!(
            found[0]
                .message
                .starts_with("containerName \"web.server\" must be a DNS-1123 label"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn own_volumes_have_unique_label_names_and_a_source() {
        let found = diagnostics_of(
            Code::InvalidName,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "volumes": [
                    {"name": "tmp", "emptyDir": {}}, {"name": "tmp", "emptyDir": {}},
                    {"name": "Cache", "emptyDir": {}}, {"emptyDir": {}}, {"name": "nothing"}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-name", "/nodes/0/data/volumes/1/name".into(), "d"),
                ("invalid-name", "/nodes/0/data/volumes/2/name".into(), "d"),
                ("missing-field", "/nodes/0/data/volumes/3/name".into(), "d"),
                (
                    "missing-field",
                    "/nodes/0/data/volumes/4/emptyDir".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "volume name \"tmp\" is used by two volumes of the pod"
        );
    }
}
