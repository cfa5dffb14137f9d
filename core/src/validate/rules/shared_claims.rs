//! A claim that only one node (`ReadWriteOnce`) or one pod (`ReadWriteOncePod`) may use,
//! mounted into a workload that can run more than one pod: a Deployment or StatefulSet
//! with `replicas` above 1 or scaled by an HPA whose maxReplicas is above 1 (claims mount
//! into no other kind: the connection table refuses them).
//! The cluster accepts it, but a second pod scheduled on another node (or any second pod,
//! for ReadWriteOncePod) waits forever on a Multi-Attach error: a warning, per mount edge.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation, WorkflowGraph};
use crate::model::kinds::AccessMode;
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::SingleNodeClaimShared],
    check: Check::Nodes(&[NodeKind::PersistentVolumeClaim], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::PersistentVolumeClaim(claim)) = node.data() else {
        return;
    };
    let modes = claim.access_modes.items();
    // No mode compiles to ReadWriteOnce; ReadWriteMany or ReadOnlyMany lets pods share.
    let shared = modes
        .iter()
        .any(|mode| matches!(mode, AccessMode::ReadWriteMany | AccessMode::ReadOnlyMany));
    if shared {
        return;
    }
    let (mode, consequence) = if modes.contains(&AccessMode::ReadWriteOncePod) {
        (AccessMode::ReadWriteOncePod, "a second pod cannot use it")
    } else {
        (
            AccessMode::ReadWriteOnce,
            "pods on other nodes fail to attach it (Multi-Attach)",
        )
    };
    for (edge, relation) in graph.outgoing(position) {
        if !matches!(relation, Relation::Mounts(_)) {
            continue;
        }
        let Some(pods) = several_pods(graph, edge.target) else {
            continue;
        };
        let workload = graph.at(edge.target);
        let message = format!(
            "{} is {} but {} {pods}; {consequence}",
            node.describe(),
            mode.as_str(),
            workload.describe()
        );
        cx.report(
            node_problem(
                node,
                node.data_path().key("accessModes"),
                Code::SingleNodeClaimShared,
                message,
            )
            .edge(edge.id())
            .hint("use ReadWriteMany storage, run one pod, or give each replica its own claim (a StatefulSet claim template)"),
        );
    }
}

/// How the workload at `position` can run more than one pod, if it can.
fn several_pods(graph: &WorkflowGraph<'_>, position: usize) -> Option<String> {
    let workload = graph.at(position);
    let replicas = match workload.data()? {
        NodeData::Deployment(data) => data.replicas.int(),
        NodeData::StatefulSet(data) => data.replicas.int(),
        _ => return None,
    };
    if let Some(replicas) = replicas.filter(|replicas| *replicas > 1) {
        return Some(format!("runs {replicas} replicas"));
    }
    graph.incoming(position).find_map(|(edge, relation)| {
        if relation != Relation::Scales {
            return None;
        }
        let hpa = graph.at(edge.source);
        let Some(NodeData::Hpa(hpa_data)) = hpa.data() else {
            return None;
        };
        let max = hpa_data.max_replicas.int().filter(|max| *max > 1)?;
        Some(format!(
            "is scaled up to {max} replicas by {}",
            hpa.describe()
        ))
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn a_single_node_claim_is_not_shared_between_pods() {
        let found = diagnostics_of(
            Code::SingleNodeClaimShared,
            r#"{"nodes": [{"id": "rwo", "type": "persistentvolumeclaim", "data": {"name": "rwo"}},
                          {"id": "rwop", "type": "persistentvolumeclaim", "data": {"name": "rwop", "accessModes": ["ReadWriteOncePod"]}},
                          {"id": "rwx", "type": "persistentvolumeclaim", "data": {"name": "rwx", "accessModes": ["ReadWriteOnce", "ReadWriteMany"]}},
                          {"id": "one", "type": "deployment", "data": {"name": "one", "replicas": 1}},
                          {"id": "two", "type": "deployment", "data": {"name": "two", "replicas": 2}},
                          {"id": "scaled", "type": "statefulset", "data": {"name": "scaled", "replicas": 1}},
                          {"id": "h", "type": "hpa", "data": {"name": "h", "minReplicas": 1, "maxReplicas": 4}}],
                "edges": [{"id": "e1", "source": "rwo", "target": "one", "sourceHandle": "output"},
                          {"id": "e2", "source": "rwo", "target": "two", "sourceHandle": "output"},
                          {"id": "e3", "source": "rwop", "target": "scaled", "sourceHandle": "output"},
                          {"id": "e4", "source": "h", "target": "scaled", "sourceHandle": "output"},
                          {"id": "e5", "source": "rwx", "target": "two", "sourceHandle": "output"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "single-node-claim-shared",
                    "/nodes/0/data/accessModes".into(),
                    "rwo"
                ),
                (
                    "single-node-claim-shared",
                    "/nodes/1/data/accessModes".into(),
                    "rwop"
                ),
            ]
        );
        assert!(
            found
                .iter()
                .all(|found| found.severity == Severity::Warning)
        );
        let messages: Vec<&str> = found.iter().map(|found| found.message.as_str()).collect();
        assert!(messages.contains(&"persistentvolumeclaim \"rwo\" is ReadWriteOnce but deployment \"two\" runs 2 replicas; pods on other nodes fail to attach it (Multi-Attach)"), "{messages:?}");
        assert!(messages.contains(&"persistentvolumeclaim \"rwop\" is ReadWriteOncePod but statefulset \"scaled\" is scaled up to 4 replicas by hpa \"h\"; a second pod cannot use it"), "{messages:?}");
    }
}
