//! An HPA scaling on CPU or memory utilisation needs the workload's container to request
//! that resource: utilisation is usage divided by the request. Without one (and without a
//! limit, which Kubernetes copies into a missing request) the HPA cannot compute the metric
//! and never scales. An HPA with no metric (both boxes cleared) scales on 80 % CPU, as the
//! API server defaults it, so it needs a CPU request too. The cluster accepts both
//! objects: a warning.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::kinds::{ResourceList, Resources};
use crate::model::{NodeData, NodeKind, QuantityText, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::UtilizationWithoutRequest],
    check: Check::Nodes(&[NodeKind::Hpa], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let graph = cx.graph;
    let Some(NodeData::Hpa(hpa)) = node.data() else {
        return;
    };
    let metrics = [
        ("cpu", "targetCPUUtilization", &hpa.target_cpu_utilization),
        (
            "memory",
            "targetMemoryUtilization",
            &hpa.target_memory_utilization,
        ),
    ];
    // The API server gives an HPA without metrics 80 % average CPU utilisation.
    let defaulted_to_cpu =
        hpa.target_cpu_utilization.is_missing() && hpa.target_memory_utilization.is_missing();
    for (edge, relation) in graph.outgoing(position) {
        if relation != Relation::Scales {
            continue;
        }
        let workload = graph.at(edge.target);
        let Some(container) = workload.data().and_then(NodeData::container) else {
            continue;
        };
        for (resource, key, target) in metrics {
            let scales_on_it = match target.int() {
                Some(percent) => percent > 0,
                None => defaulted_to_cpu && resource == "cpu",
            };
            if !scales_on_it {
                continue;
            }
            if requests(container.resources, resource) {
                continue;
            }
            let message = format!(
                "{} scales on {resource} utilisation but {} requests no {resource}; the HPA cannot compute it and never scales",
                node.describe(),
                workload.describe()
            );
            cx.report(
                node_problem(
                    node,
                    node.data_path().key(key),
                    Code::UtilizationWithoutRequest,
                    message,
                )
                .edge(edge.id())
                .hint(format!("set resources.requests.{resource} on the workload")),
            );
        }
    }
}

/// Whether the container asks for `resource`: a request, or a limit (the default request).
fn requests(resources: Option<&Wire<Box<Resources>>>, resource: &str) -> bool {
    let Some(resources) = resources.and_then(Wire::get) else {
        return false;
    };
    let given = |list: &Wire<ResourceList>| {
        list.get().is_some_and(|list| {
            let value = if resource == "cpu" {
                &list.cpu
            } else {
                &list.memory
            };
            value
                .get()
                .is_some_and(|text| !QuantityText::text(text).is_empty())
        })
    };
    given(&resources.requests) || given(&resources.limits)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn utilisation_needs_a_request() {
        let found = diagnostics_of(
            Code::UtilizationWithoutRequest,
            r#"{"nodes": [{"id": "h", "type": "hpa", "data": {"name": "h", "minReplicas": 1, "maxReplicas": 5, "targetCPUUtilization": 80, "targetMemoryUtilization": 70}},
                          {"id": "bare", "type": "deployment", "data": {"name": "bare", "resources": {"requests": {"cpu": ""}}}},
                          {"id": "g", "type": "hpa", "data": {"name": "g", "minReplicas": 1, "maxReplicas": 5, "targetCPUUtilization": 80, "targetMemoryUtilization": 70}},
                          {"id": "sized", "type": "deployment", "data": {"name": "sized", "resources": {"requests": {"cpu": "250m"}, "limits": {"memory": "512Mi"}}}},
                          {"id": "cleared", "type": "hpa", "data": {"name": "cleared", "minReplicas": 1, "maxReplicas": 5, "targetCPUUtilization": null, "targetMemoryUtilization": null}},
                          {"id": "memory-only", "type": "deployment", "data": {"name": "memory-only", "resources": {"requests": {"memory": "128Mi"}}}},
                          {"id": "cleared-sized", "type": "hpa", "data": {"name": "cleared-sized", "minReplicas": 1, "maxReplicas": 5}}],
                "edges": [{"id": "e1", "source": "h", "target": "bare", "sourceHandle": "output"},
                          {"id": "e2", "source": "g", "target": "sized", "sourceHandle": "output"},
                          {"id": "e3", "source": "cleared", "target": "memory-only", "sourceHandle": "output"},
                          {"id": "e4", "source": "cleared-sized", "target": "sized", "sourceHandle": "output"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "utilization-without-request",
                    "/nodes/0/data/targetCPUUtilization".into(),
                    "h"
                ),
                (
                    "utilization-without-request",
                    "/nodes/0/data/targetMemoryUtilization".into(),
                    "h"
                ),
                (
                    "utilization-without-request",
                    "/nodes/4/data/targetCPUUtilization".into(),
                    "cleared"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "hpa \"h\" scales on cpu utilisation but deployment \"bare\" requests no cpu; the HPA cannot compute it and never scales"
        );
    }
}
