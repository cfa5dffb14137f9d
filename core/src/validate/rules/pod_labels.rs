//! `podLabels` a workload's own labels override. The pods get the workload's labels (the
//! user's and the convention labels) and then the `podLabels` whose keys those leave
//! unset: the workload's labels hold its selector, and a pod without them would not be
//! its controller's. A `podLabels` entry of such a key with another value therefore never
//! reaches the pods; the pods are still selected, so it is a warning, naming the key.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::graph::WORKLOAD_KINDS;
use crate::model::kinds::StringMap;
use crate::model::{NodeData, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::PodLabelOverridden],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(given) = node
        .data()
        .and_then(NodeData::container)
        .and_then(|fields| fields.pod_labels)
        .and_then(Wire::get)
        .filter(|labels| !labels.is_empty())
    else {
        return;
    };
    overridden(cx, node, given);
}

// Not inlined: `check` runs for every workload, and most have no podLabels; inlined,
// this body made every call pay for its stack frame.
#[inline(never)]
fn overridden<'a>(cx: &mut Context<'a>, node: &'a GraphNode<'a>, given: &StringMap) {
    let labels = cx.graph.labels.pod_labels(node);
    for (key, value) in given {
        let key = key.trim();
        let Some(kept) = labels.get(key).filter(|kept| *kept != value) else {
            continue;
        };
        let message = format!(
            "{}: podLabels sets {key}: \"{value}\", but the workload's own label {key} is \"{kept}\", which its pods keep; \"{value}\" is ignored",
            node.describe()
        );
        cx.report(
            node_problem(
                node,
                node.data_path().key("podLabels").key(key),
                Code::PodLabelOverridden,
                message,
            )
            .hint(format!(
                "remove {key} from podLabels, or set it in labels (the workload's and its pods'; a selector label there changes the selector)"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    /// A key the user's labels or the conventions (`app`, `version`) set is reported when
    /// its value differs; the same value, or a key of its own, is not.
    #[test]
    fn pod_labels_the_workload_labels_override_are_named() {
        let found = diagnostics_of(
            Code::PodLabelOverridden,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web",
                              "labels": {"tier": "frontend", "team": "shop"},
                              "podLabels": {"tier": "edge", "team": "shop", "version": "v2",
                                            "sidecar.istio.io/inject": "true"}}},
                          {"id": "j", "type": "job", "data": {"name": "migrate",
                              "podLabels": {"app": "migrate"}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "pod-label-overridden",
                    "/nodes/0/data/podLabels/tier".into(),
                    "d"
                ),
                (
                    "pod-label-overridden",
                    "/nodes/0/data/podLabels/version".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[1].message.contains("is \"v1\""),
            "{}",
            found[1].message
        );
    }
}
