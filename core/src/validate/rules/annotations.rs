//! Annotation keys (qualified names, like label keys) and the total size of an object's
//! annotations (256 KiB): Kubernetes rejects the object otherwise. A workload's
//! `podAnnotations` are its pods' annotations.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::StringMap;
use crate::model::{NodeData, NodeKind, Wire};
use crate::validate::syntax::names;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidAnnotation],
    check: Check::Nodes(
        &[
            NodeKind::Service,
            NodeKind::Ingress,
            NodeKind::Deployment,
            NodeKind::StatefulSet,
            NodeKind::DaemonSet,
            NodeKind::Job,
            NodeKind::CronJob,
            NodeKind::ServiceAccount,
        ],
        check,
    ),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    match node.data() {
        Some(NodeData::Service(service)) => {
            check_map(cx, node, &service.annotations, "annotations");
        }
        Some(NodeData::Ingress(ingress)) => {
            check_map(cx, node, &ingress.annotations, "annotations");
        }
        Some(NodeData::ServiceAccount(account)) => {
            check_map(cx, node, &account.annotations, "annotations");
        }
        Some(data) => {
            if let Some(annotations) = data.container().and_then(|fields| fields.pod_annotations) {
                check_map(cx, node, annotations, "podAnnotations");
            }
        }
        None => {}
    }
}

fn check_map(cx: &mut Context<'_>, node: &GraphNode<'_>, annotations: &Wire<StringMap>, key: &str) {
    let Some(annotations) = annotations.get() else {
        return;
    };
    let at = || node.data_path().key(key);
    for key in annotations.keys() {
        if let Err(problem) = names::qualified_name(key) {
            let message = format!("annotation key \"{key}\" is not valid: {problem}");
            cx.report(
                node_problem(node, at().key(key.as_str()), Code::InvalidAnnotation, message)
                    .hint("use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.'"),
            );
        }
    }
    if let Err(problem) = names::total_annotation_size(annotations) {
        let message = format!("the annotations of {} {problem}", node.describe());
        cx.report(
            node_problem(node, at(), Code::InvalidAnnotation, message)
                .hint("move large content into a ConfigMap"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn annotation_keys_and_total_size_are_checked() {
        let big = "x".repeat(300 * 1024);
        let json = format!(
            r#"{{"nodes": [{{"id": "s", "type": "service", "data": {{"name": "s", "annotations": {{"bad key": "x", "ok/fine": "y"}}}}}},
                          {{"id": "i", "type": "ingress", "data": {{"name": "i", "annotations": {{"big": "{big}"}}}}}}]}}"#
        );
        let found = diagnostics_of(Code::InvalidAnnotation, &json);
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-annotation",
                    "/nodes/0/data/annotations/bad key".into(),
                    "s"
                ),
                (
                    "invalid-annotation",
                    "/nodes/1/data/annotations".into(),
                    "i"
                ),
            ]
        );
        assert!(
            found[1]
                .message
                .starts_with("the annotations of ingress \"i\" must have at most 262144 bytes")
        );
    }

    #[test]
    fn pod_annotations_are_checked_as_annotations() {
        let found = diagnostics_of(
            Code::InvalidAnnotation,
            r#"{"nodes": [{"id": "d", "type": "statefulset", "data": {"podAnnotations": {"bad key": "x", "prometheus.io/scrape": "true"}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "invalid-annotation",
                "/nodes/0/data/podAnnotations/bad key".into(),
                "d"
            )]
        );
    }
}
