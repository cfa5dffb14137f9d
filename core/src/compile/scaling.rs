//! Which workloads HorizontalPodAutoscalers scale.
//!
//! The scaled workload comes from the HPA's edge (its kind from the target node); without
//! an edge, from the `scaleTargetKind`/`scaleTargetName` copy (kind default Deployment).
//! The scaled workload's manifest leaves `replicas` out: the targets are noted before any
//! object is built, so that each object is final as soon as it is built.

use super::context::Context;
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::kinds::{HpaData, ScaleTargetKind};
use crate::model::{NodeData, NodeKind};

/// Notes the workload each HPA scales, before any workload is built: a scaled workload
/// leaves `replicas` to its autoscaler (see [`replicas`]). An HPA without a name is
/// skipped when it is built, and validation reports it.
pub(super) fn note_scale_targets(cx: &mut Context<'_>) {
    let graph = cx.graph;
    for (position, node) in graph.nodes_of(&[NodeKind::Hpa]) {
        if let Some(NodeData::Hpa(data)) = node.data()
            && !node.name().is_empty()
            && let Some((kind, target)) = scale_target(cx, position, data)
        {
            cx.scaled
                .insert((kind, node.namespace(), target), node.name());
        }
    }
}

/// The kind and name of the workload the HPA at `position` scales: from its edge (the
/// kind from the target node), else from the `scaleTargetKind`/`scaleTargetName` copy
/// unless `_linkedTarget` names a deleted node.
pub(super) fn scale_target<'a>(
    cx: &Context<'a>,
    position: usize,
    data: &'a HpaData,
) -> Option<(&'a str, &'a str)> {
    let linked = cx
        .targets(position, |relation| {
            (relation == Relation::Scales).then_some(())
        })
        .into_iter()
        .map(|(_, target)| target)
        .next();
    match linked {
        Some(workload) => workload
            .kind
            .and_then(|kind| kind.kubernetes_kind())
            .map(|kind| (kind, workload.name())),
        // A copy of a deleted workload scales nothing: the HPA is left out.
        None if cx.graph.links_a_gone_node(&data.linked_target) => None,
        None => data.scale_target_name.non_empty().map(|target| {
            let kind = data
                .scale_target_kind
                .get()
                .copied()
                .unwrap_or(ScaleTargetKind::Deployment);
            (kind.as_str(), target)
        }),
    }
}

/// The `replicas` of a Deployment or StatefulSet: left out, with an info diagnostic,
/// when an HPA scales the workload. Otherwise kubegraph would own the field, and each
/// apply would reset the scale the HPA chose; the workload starts with one replica and
/// the HPA brings it to its minimum.
pub(super) fn replicas(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    kind: &str,
    name: &str,
    given: i32,
) -> Option<i32> {
    let Some(hpa) = cx.scaled_by(kind, node.namespace(), name) else {
        return Some(given);
    };
    let message = format!(
        "{} is scaled by HPA \"{hpa}\": replicas is left out, so that applying does not reset its scale",
        node.describe()
    );
    cx.report(
        node,
        Code::ReplicasLeftToAutoscaler,
        node.data_path().key("replicas"),
        message,
    );
    None
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use crate::compile::{CompileOptions, compile};
    use crate::diagnostic::Code;
    use crate::parse::workflow_from_value;

    #[test]
    fn scaled_workloads_leave_replicas_to_their_autoscaler() {
        // `api` is scaled through an edge, `db` through the copy alone; `web` is not scaled,
        // and `worker` has the name of a scaled StatefulSet but is a Deployment.
        let workflow = workflow_from_value(json!({"nodes": [
            {"id": "api", "type": "deployment", "data": {"name": "api", "image": "a:1", "replicas": 3}},
            {"id": "web", "type": "deployment", "data": {"name": "web", "image": "w:1", "replicas": 2}},
            {"id": "db", "type": "statefulset", "data": {"name": "db", "image": "d:1", "serviceName": "db"}},
            {"id": "worker", "type": "deployment", "data": {"name": "db", "image": "d:1", "namespace": "jobs"}},
            {"id": "h1", "type": "hpa", "data": {"name": "api", "maxReplicas": 5, "targetCPUUtilization": 70}},
            {"id": "h2", "type": "hpa", "data": {"name": "db", "maxReplicas": 5, "targetCPUUtilization": 70,
                "scaleTargetKind": "StatefulSet", "scaleTargetName": "db"}}],
            "edges": [{"id": "e1", "source": "h1", "target": "api"}]}))
        .expect("workflow parses");
        let compilation = compile(&workflow, &CompileOptions::default());
        assert!(!compilation.has_errors(), "{:#?}", compilation.diagnostics);
        let replicas: BTreeMap<String, Option<i64>> = compilation
            .values()
            .iter()
            .filter(|object| matches!(object["kind"].as_str(), Some("Deployment" | "StatefulSet")))
            .map(|object| {
                let metadata = &object["metadata"];
                let at = format!(
                    "{} {}/{}",
                    object["kind"], metadata["namespace"], metadata["name"]
                )
                .replace('"', "");
                (at, object["spec"]["replicas"].as_i64())
            })
            .collect();
        let expected = [
            ("Deployment default/api", None),
            ("Deployment default/web", Some(2)),
            ("Deployment jobs/db", Some(1)),
            ("StatefulSet default/db", None),
        ];
        assert_eq!(
            replicas,
            expected.map(|(at, count)| (at.to_owned(), count)).into()
        );
        let told: Vec<_> = compilation
            .diagnostics
            .iter()
            .filter(|found| found.code == Code::ReplicasLeftToAutoscaler)
            .map(|found| found.location.node_id.as_deref())
            .collect();
        assert_eq!(told, [Some("api"), Some("db")]);
    }
}
