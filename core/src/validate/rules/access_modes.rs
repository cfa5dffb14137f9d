//! Access modes of a claim (a PVC or a StatefulSet's claim template): `ReadWriteOncePod`
//! must be the only one, or the API server rejects the claim.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::AccessMode;
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::ReadWriteOncePodCombined],
    check: Check::Nodes(
        &[NodeKind::PersistentVolumeClaim, NodeKind::StatefulSet],
        check,
    ),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    match node.data() {
        Some(NodeData::PersistentVolumeClaim(claim)) => {
            check_modes(cx, node, &claim.access_modes, node.data_path());
        }
        Some(NodeData::StatefulSet(set)) => {
            for (index, template) in set.volume_claim_templates.items().iter().enumerate() {
                let at = node.data_path().key("volumeClaimTemplates").index(index);
                check_modes(cx, node, &template.access_modes, at);
            }
        }
        _ => {}
    }
}

/// `ReadWriteOncePod` beside another mode. The compiler drops repeated modes, so a
/// repeated `ReadWriteOncePod` alone is fine.
fn check_modes(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    modes: &Wire<Vec<AccessMode>>,
    claim: FieldPath,
) {
    let modes = modes.items();
    if !modes.contains(&AccessMode::ReadWriteOncePod) {
        return;
    }
    let Some(other) = modes
        .iter()
        .find(|mode| **mode != AccessMode::ReadWriteOncePod)
    else {
        return;
    };
    let message = format!(
        "{} combines ReadWriteOncePod with {}; Kubernetes rejects a claim that uses ReadWriteOncePod with other access modes",
        node.describe(),
        other.as_str()
    );
    cx.report(
        node_problem(
            node,
            claim.key("accessModes"),
            Code::ReadWriteOncePodCombined,
            message,
        )
        .hint("keep ReadWriteOncePod alone, or drop it for the other modes"),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn read_write_once_pod_stands_alone() {
        let found = diagnostics_of(
            Code::ReadWriteOncePodCombined,
            r#"{"nodes": [{"id": "a", "type": "persistentvolumeclaim", "data": {"name": "a", "accessModes": ["ReadWriteOncePod", "ReadWriteOnce"]}},
                          {"id": "b", "type": "persistentvolumeclaim", "data": {"name": "b", "accessModes": ["ReadWriteOncePod", "ReadWriteOncePod"]}},
                          {"id": "c", "type": "persistentvolumeclaim", "data": {"name": "c", "accessModes": ["ReadWriteOnce", "ReadOnlyMany"]}},
                          {"id": "s", "type": "statefulset", "data": {"name": "s", "volumeClaimTemplates": [
                              {"id": "t1", "name": "data", "accessModes": ["ReadWriteOncePod"]},
                              {"id": "t2", "name": "logs", "accessModes": ["ReadOnlyMany", "ReadWriteOncePod"]}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "read-write-once-pod-combined",
                    "/nodes/0/data/accessModes".into(),
                    "a"
                ),
                (
                    "read-write-once-pod-combined",
                    "/nodes/3/data/volumeClaimTemplates/1/accessModes".into(),
                    "s"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "persistentvolumeclaim \"a\" combines ReadWriteOncePod with ReadWriteOnce; Kubernetes rejects a claim that uses ReadWriteOncePod with other access modes"
        );
    }
}
