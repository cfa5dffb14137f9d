//! A claim of `volumeMode: Block` mounted into a workload. kubegraph mounts claims as
//! `volumeMounts` (a file system); a raw block device needs `volumeDevices`. The API
//! server accepts the pod, but the kubelet cannot set the volume up and the pod never
//! starts: a warning, one per mount edge.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::kinds::VolumeMode;
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::BlockVolumeMounted],
    check: Check::Nodes(&[NodeKind::PersistentVolumeClaim], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::PersistentVolumeClaim(claim)) = node.data() else {
        return;
    };
    if claim.volume_mode.get() != Some(&VolumeMode::Block) {
        return;
    }
    for (edge, relation) in graph.outgoing(position) {
        if !matches!(relation, Relation::Mounts(_)) {
            continue;
        }
        let workload = graph.at(edge.target);
        let message = format!(
            "{} has volumeMode Block but is mounted into {} as a file system; the pod will not start",
            node.describe(),
            workload.describe()
        );
        cx.report(
            node_problem(
                node,
                node.data_path().key("volumeMode"),
                Code::BlockVolumeMounted,
                message,
            )
            .edge(edge.id())
            .hint("use volumeMode Filesystem for a claim that is mounted"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn a_block_claim_is_not_mounted() {
        let found = diagnostics_of(
            Code::BlockVolumeMounted,
            r#"{"nodes": [{"id": "raw", "type": "persistentvolumeclaim", "data": {"name": "raw", "volumeMode": "Block"}},
                          {"id": "fs", "type": "persistentvolumeclaim", "data": {"name": "fs", "volumeMode": "Filesystem"}},
                          {"id": "idle", "type": "persistentvolumeclaim", "data": {"name": "idle", "volumeMode": "Block"}},
                          {"id": "d", "type": "deployment", "data": {"name": "app"}}],
                "edges": [{"id": "e1", "source": "raw", "target": "d", "sourceHandle": "output"},
                          {"id": "e2", "source": "fs", "target": "d", "sourceHandle": "output"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "block-volume-mounted",
                "/nodes/0/data/volumeMode".into(),
                "raw"
            )]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "persistentvolumeclaim \"raw\" has volumeMode Block but is mounted into deployment \"app\" as a file system; the pod will not start"
        );
    }
}
