//! HorizontalPodAutoscalers (`autoscaling/v2`); the workload each scales is found in
//! [`crate::compile::scaling`].

use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, HPAScalingRules, HorizontalPodAutoscaler,
    HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerSpec, MetricSpec, MetricTarget,
    ResourceMetricSource,
};

use crate::compile::context::Context;
use crate::compile::metadata::Role;
use crate::compile::object::Object;
use crate::compile::scaling::scale_target;
use crate::graph::GraphNode;
use crate::model::kinds::HpaData;
use crate::model::{Int, Wire};

/// A `autoscaling/v2` HorizontalPodAutoscaler node.
pub(super) fn horizontal_pod_autoscaler<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &'a HpaData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let Some((kind, target)) = scale_target(cx, position, data) else {
        // Leaving out the HPA of a deleted workload is a decision validation reports as a
        // stale link; any other HPA without a target is a skip it reports as an error.
        if !cx.graph.links_a_gone_node(&data.linked_target) {
            cx.skip(node, node.data_path().key("scaleTargetName"));
        }
        return None;
    };
    let int = |cx: &mut Context<'_>, key: &str, value: &Wire<Int>| {
        cx.int32(node, || node.data_path().key(key), value.int())
    };
    if data.max_replicas.int().is_none() {
        cx.skip(node, node.data_path().key("maxReplicas"));
    }
    let max_replicas = int(cx, "maxReplicas", &data.max_replicas)?;
    let min_replicas = int(cx, "minReplicas", &data.min_replicas).unwrap_or(1);
    let cpu = int(cx, "targetCPUUtilization", &data.target_cpu_utilization);
    let memory = int(
        cx,
        "targetMemoryUtilization",
        &data.target_memory_utilization,
    );
    let metrics: Vec<MetricSpec> = [("cpu", cpu), ("memory", memory)]
        .into_iter()
        .filter_map(|(resource, target)| Some(utilization(resource, target?)))
        .collect();
    let down = int(cx, "scaleDownStabilization", &data.scale_down_stabilization);
    let up = int(cx, "scaleUpStabilization", &data.scale_up_stabilization);
    let window = |seconds: Option<i32>| {
        seconds.map(|seconds| HPAScalingRules {
            stabilization_window_seconds: Some(seconds),
            ..HPAScalingRules::default()
        })
    };
    let behavior = (down.is_some() || up.is_some()).then(|| HorizontalPodAutoscalerBehavior {
        scale_down: window(down),
        scale_up: window(up),
    });
    Some(Object::HorizontalPodAutoscaler(Box::new(
        HorizontalPodAutoscaler {
            metadata: cx
                .labels
                .meta(name, node.namespace(), Role::Plain, Some(&data.labels)),
            spec: Some(HorizontalPodAutoscalerSpec {
                scale_target_ref: CrossVersionObjectReference {
                    api_version: Some("apps/v1".to_owned()),
                    kind: kind.to_owned(),
                    name: target.to_owned(),
                },
                min_replicas: Some(min_replicas),
                max_replicas,
                metrics: (!metrics.is_empty()).then_some(metrics),
                behavior,
            }),
            status: None,
        },
    )))
}

/// An average utilisation target for `cpu` or `memory`, in percent of the request.
fn utilization(resource: &str, percent: i32) -> MetricSpec {
    MetricSpec {
        type_: "Resource".to_owned(),
        resource: Some(ResourceMetricSource {
            name: resource.to_owned(),
            target: MetricTarget {
                type_: "Utilization".to_owned(),
                average_utilization: Some(percent),
                ..MetricTarget::default()
            },
        }),
        ..MetricSpec::default()
    }
}
