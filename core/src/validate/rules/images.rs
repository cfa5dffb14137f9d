//! Container images: required on every workload, and a valid reference (registry, port,
//! path, tag, digest; no spaces) once trimmed. Kubernetes accepts any non-empty string,
//! so a typo only shows later as pods stuck in `InvalidImageName`. Further containers
//! (`initContainers`, `sidecars`) are checked alike.

use super::{Check, Rule, required_text};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, WORKLOAD_KINDS};
use crate::model::{FieldPath, NodeData};
use crate::validate::syntax::image;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidImage],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(fields) = node.data().and_then(NodeData::container) else {
        return;
    };
    if let Some(field) = fields.image {
        let at = || node.data_path().key("image");
        let reference = required_text(cx, field, || {
            let message = format!("{} has no image", node.describe());
            super::node_types::missing_field(node, at(), message)
                .hint("set an image such as `nginx:1.27`")
        });
        if let Some(reference) = reference {
            valid_reference(cx, node, reference, &at);
        }
    }
    // A further container without an image is reported by the containers rule.
    for (list, index, container) in fields.further_containers() {
        if let Some(reference) = container.image.non_empty() {
            let at = || node.data_path().key(list.field()).index(index).key("image");
            valid_reference(cx, node, reference, &at);
        }
    }
}

/// A reported image that is not a valid reference.
fn valid_reference(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    reference: &str,
    at: &dyn Fn() -> FieldPath,
) {
    if let Err(problem) = image::image_reference(reference) {
        let message = format!("image \"{reference}\" is not a valid image reference: {problem}");
        cx.report(
            node_problem(node, at(), Code::InvalidImage, message)
                .hint("write `registry/path:tag` or `path@sha256:...`, without spaces, the path in lower case"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn workloads_need_a_valid_image() {
        let found = diagnostics_of(
            Code::InvalidImage,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "a", "image": "nginx 1.27"}},
                          {"id": "j", "type": "job", "data": {"name": "j"}},
                          {"id": "c", "type": "cronjob", "data": {"name": "c", "image": "  "}},
                          {"id": "ok", "type": "daemonset", "data": {"name": "ok", "image": " ghcr.io/acme/agent:1.0 "}},
                          {"id": "s", "type": "service", "data": {"name": "s"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-image", "/nodes/0/data/image".into(), "d"),
                ("missing-field", "/nodes/1/data/image".into(), "j"),
                ("missing-field", "/nodes/2/data/image".into(), "c"),
            ]
        );
        assert_eq!(
            found[0].message,
            "image \"nginx 1.27\" is not a valid image reference: must not contain whitespace"
        );
    }
}
