//! Deployments.

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};

use crate::compile::context::Context;
use crate::compile::metadata::{label_selector, selector_of};
use crate::compile::object::Object;
use crate::compile::pod::pod_template;
use crate::compile::scaling;
use crate::compile::workload::{count, workload_meta};
use crate::graph::GraphNode;
use crate::model::kinds::DeploymentData;

/// An `apps/v1` Deployment: replicas (default 1, none when an HPA scales it), selector
/// from [`crate::graph::labels`].
pub(super) fn deployment<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &DeploymentData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let template = pod_template(cx, position, node, name, &[])?;
    let replicas = count(cx, node, "replicas", &data.replicas).unwrap_or(1);
    let replicas = scaling::replicas(cx, node, "Deployment", name, replicas);
    Some(Object::Deployment(Box::new(Deployment {
        metadata: workload_meta(cx, node, name, &template),
        spec: Some(DeploymentSpec {
            replicas,
            selector: label_selector(&selector_of(node)),
            template,
            ..DeploymentSpec::default()
        }),
        status: None,
    })))
}
