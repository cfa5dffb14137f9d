//! DaemonSets: a pod on every node, with its update strategy and host namespaces (node
//! selector and tolerations are in the pod template, as for every workload).

use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy, RollingUpdateDaemonSet,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::compile::context::Context;
use crate::compile::metadata::{label_selector, selector_of};
use crate::compile::object::Object;
use crate::compile::pod::pod_template;
use crate::compile::workload::workload_meta;
use crate::graph::GraphNode;
use crate::model::kinds::{DaemonSetData, UpdateStrategy};

/// An `apps/v1` DaemonSet: update strategy (RollingUpdate with `maxUnavailable` 1 unless
/// given, as a number or a percentage) and host namespaces.
pub(super) fn daemon_set<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &DaemonSetData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let mut template = pod_template(cx, position, node, name, &[])?;
    if let Some(spec) = template.spec.as_mut() {
        if data.host_network.is_true() {
            spec.host_network = Some(true);
            // Without it, pods on the host network resolve names with the node's DNS
            // and cannot reach cluster Services by name.
            spec.dns_policy = Some("ClusterFirstWithHostNet".to_owned());
        }
        spec.host_pid = data.host_pid.is_true().then_some(true);
    }
    let update_strategy = match data.update_strategy.get() {
        Some(UpdateStrategy::OnDelete) => DaemonSetUpdateStrategy {
            type_: Some(UpdateStrategy::OnDelete.as_str().to_owned()),
            rolling_update: None,
        },
        Some(UpdateStrategy::RollingUpdate) | None => {
            let max_unavailable = cx
                .int_or_string(
                    node,
                    || node.data_path().key("maxUnavailable"),
                    data.max_unavailable.get(),
                )
                .unwrap_or(IntOrString::Int(1));
            DaemonSetUpdateStrategy {
                type_: Some(UpdateStrategy::RollingUpdate.as_str().to_owned()),
                rolling_update: Some(RollingUpdateDaemonSet {
                    max_unavailable: Some(max_unavailable),
                    max_surge: None,
                }),
            }
        }
    };
    Some(Object::DaemonSet(Box::new(DaemonSet {
        metadata: workload_meta(cx, node, name, &template),
        spec: Some(DaemonSetSpec {
            selector: label_selector(&selector_of(node)),
            template,
            update_strategy: Some(update_strategy),
            ..DaemonSetSpec::default()
        }),
        status: None,
    })))
}
