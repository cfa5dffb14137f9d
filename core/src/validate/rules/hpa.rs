//! HorizontalPodAutoscalers: a target to scale, minReplicas at least 1, maxReplicas at
//! least minReplicas, and utilisation targets above 0; without a metric Kubernetes scales
//! on 80% CPU, which is only noted. A memory target above 100% is a warning: it is never
//! reached while limits equal requests (CPU above 100% is normal for bursting pods).

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::kinds::HpaData;
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::InvalidHpaBounds,
        Code::InvalidUtilization,
        Code::MissingMetric,
        Code::UnreachableMemoryTarget,
    ],
    check: Check::Nodes(&[NodeKind::Hpa], check),
};

/// The largest value of Kubernetes' `int32` fields.
const INT32_MAX: i64 = i32::MAX as i64;

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::Hpa(hpa)) = node.data() else {
        return;
    };
    let has_edge = graph
        .outgoing(position)
        .any(|(_, relation)| relation == Relation::Scales);
    if !has_edge && hpa.scale_target_name.non_empty().is_none() {
        let message = format!(
            "{} scales nothing: it has no edge and no scaleTargetName",
            node.describe()
        );
        cx.report(
            super::node_types::missing_field(
                node,
                node.data_path().key("scaleTargetName"),
                message,
            )
            .hint("connect the HPA to a Deployment or StatefulSet"),
        );
    }
    bounds(cx, node, hpa);
    metrics(cx, node, hpa);
}

fn bounds(cx: &mut Context<'_>, node: &GraphNode<'_>, hpa: &HpaData) {
    let at = |key: &str| node.data_path().key(key);
    let min = hpa.min_replicas.int().unwrap_or(1);
    if min < 1 {
        let message = format!("minReplicas {min} must be at least 1");
        cx.report(
            node_problem(node, at("minReplicas"), Code::InvalidHpaBounds, message)
                .hint("set minReplicas to 1 or more"),
        );
    }
    if hpa.max_replicas.is_missing() {
        let message = format!("{} has no maxReplicas", node.describe());
        cx.report(
            super::node_types::missing_field(node, at("maxReplicas"), message)
                .hint("set the most replicas the HPA may scale to"),
        );
    }
    // Kubernetes stores both as `int32`.
    for (key, field) in [
        ("minReplicas", &hpa.min_replicas),
        ("maxReplicas", &hpa.max_replicas),
    ] {
        if let Some(value) = field.int().filter(|value| *value > INT32_MAX) {
            let message = format!("{key} {value} must be at most {INT32_MAX}");
            cx.report(
                node_problem(node, at(key), Code::InvalidHpaBounds, message)
                    .hint("use a number of replicas Kubernetes can store"),
            );
        }
    }
    let Some(max) = hpa.max_replicas.int() else {
        return;
    };
    let problem = if max < 1 {
        format!("maxReplicas {max} must be at least 1")
    } else if max < min {
        format!("maxReplicas {max} is below minReplicas {min}")
    } else {
        return;
    };
    cx.report(
        node_problem(node, at("maxReplicas"), Code::InvalidHpaBounds, problem)
            .hint("set maxReplicas to at least minReplicas"),
    );
}

fn metrics(cx: &mut Context<'_>, node: &GraphNode<'_>, hpa: &HpaData) {
    let at = |key: &str| node.data_path().key(key);
    if hpa.target_cpu_utilization.is_missing() && hpa.target_memory_utilization.is_missing() {
        let message = format!(
            "{} has no metric: Kubernetes scales it on 80% average CPU utilisation",
            node.describe()
        );
        cx.report(
            node_problem(
                node,
                at("targetCPUUtilization"),
                Code::MissingMetric,
                message,
            )
            .hint("set targetCPUUtilization or targetMemoryUtilization (a percentage) to scale on something else"),
        );
    }
    let targets = [
        ("targetCPUUtilization", "CPU", &hpa.target_cpu_utilization),
        (
            "targetMemoryUtilization",
            "memory",
            &hpa.target_memory_utilization,
        ),
    ];
    for (key, what, field) in targets {
        let Some(percent) = field.int() else { continue };
        if percent <= 0 || percent > INT32_MAX {
            let message = if percent <= 0 {
                format!("{key} {percent} must be above 0")
            } else {
                format!("{key} {percent} must be at most {INT32_MAX}")
            };
            cx.report(
                node_problem(node, at(key), Code::InvalidUtilization, message)
                    .hint(format!("use a {what} percentage above 0, for example 70")),
            );
        } else if what == "memory" && percent > 100 {
            let message = format!(
                "{key} {percent} is above 100%, which memory use never reaches while limits equal requests"
            );
            cx.report(
                node_problem(node, at(key), Code::UnreachableMemoryTarget, message)
                    .hint("use a memory percentage of at most 100"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::diagnostic::Severity;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn bounds_metrics_and_target_are_checked() {
        let found = diagnostics_of(
            Code::InvalidHpaBounds,
            r#"{"nodes": [{"id": "h1", "type": "hpa", "data": {"minReplicas": 5, "maxReplicas": 2, "targetCPUUtilization": 150, "scaleTargetName": "api"}},
                          {"id": "h2", "type": "hpa", "data": {"minReplicas": 0, "targetMemoryUtilization": 120}},
                          {"id": "h3", "type": "hpa", "data": {"maxReplicas": 3, "targetCPUUtilization": 0}},
                          {"id": "d", "type": "deployment", "data": {"name": "d"}}],
                "edges": [{"id": "e", "source": "h3", "target": "d"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-hpa-bounds",
                    "/nodes/0/data/maxReplicas".into(),
                    "h1"
                ),
                ("missing-field", "/nodes/1/data/maxReplicas".into(), "h2"),
                (
                    "invalid-hpa-bounds",
                    "/nodes/1/data/minReplicas".into(),
                    "h2"
                ),
                (
                    "missing-field",
                    "/nodes/1/data/scaleTargetName".into(),
                    "h2"
                ),
                (
                    "unreachable-memory-target",
                    "/nodes/1/data/targetMemoryUtilization".into(),
                    "h2"
                ),
                (
                    "invalid-utilization",
                    "/nodes/2/data/targetCPUUtilization".into(),
                    "h3"
                ),
            ]
        );
        assert_eq!(found[0].message, "maxReplicas 2 is below minReplicas 5");
    }

    #[test]
    fn an_hpa_without_metrics_scales_on_the_default_cpu_target() {
        let found = diagnostics_of(
            Code::InvalidHpaBounds,
            r#"{"nodes": [{"id": "h", "type": "hpa", "data": {"name": "h", "maxReplicas": 3, "scaleTargetName": "api"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "missing-metric",
                "/nodes/0/data/targetCPUUtilization".into(),
                "h"
            )]
        );
        assert_eq!(found[0].severity, Severity::Info);
    }
}
