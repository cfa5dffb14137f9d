//! StatefulSets, and the headless Service each needs when none is drawn.

use std::collections::BTreeSet;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::compile::claim::{ClaimFields, claim_spec};
use crate::compile::context::Context;
use crate::compile::metadata::{Role, label_selector, owned, selector_of};
use crate::compile::object::Object;
use crate::compile::pod::pod_template;
use crate::compile::scaling;
use crate::compile::workload::{count, workload_meta};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::NodeKind;
use crate::model::kinds::{HEADLESS, StatefulSetData};

/// An `apps/v1` StatefulSet: like a Deployment plus `serviceName` (when given) and
/// volume claim templates, each mounted at its `mountPath` (`/data/<claim>` when absent). Unlike the reference, no password-less
/// database settings are injected into the env.
pub(super) fn stateful_set<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &StatefulSetData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    if data.service_name.is_invalid() {
        cx.skip(node, node.data_path().key("serviceName"));
        return None;
    }
    // Optional in Kubernetes: without it the pods only lack stable DNS names.
    let service_name = data.service_name.non_empty();
    let mut claims = Vec::new();
    let mut claim_names = Vec::new();
    for (index, template) in data.volume_claim_templates.items().iter().enumerate() {
        let at = node.data_path().key("volumeClaimTemplates").index(index);
        let Some(claim) = template.name.non_empty() else {
            cx.skip(node, at.key("name"));
            continue;
        };
        let fields = ClaimFields {
            access_modes: &template.access_modes,
            storage_class_name: &template.storage_class_name,
            storage: &template.storage,
            volume_mode: None,
        };
        if let Some(spec) = claim_spec(cx, node, at, fields) {
            claims.push(PersistentVolumeClaim {
                metadata: ObjectMeta {
                    name: Some(claim.to_owned()),
                    ..ObjectMeta::default()
                },
                spec: Some(spec),
                status: None,
            });
            claim_names.push((claim, template));
        }
    }
    let template = pod_template(cx, position, node, name, &claim_names)?;
    let replicas = count(cx, node, "replicas", &data.replicas).unwrap_or(1);
    let replicas = scaling::replicas(cx, node, "StatefulSet", name, replicas);
    Some(Object::StatefulSet(Box::new(StatefulSet {
        metadata: workload_meta(cx, node, name, &template),
        spec: Some(StatefulSetSpec {
            replicas,
            selector: label_selector(&selector_of(node)),
            service_name: service_name.map(str::to_owned),
            template,
            volume_claim_templates: (!claims.is_empty()).then_some(claims),
            ..StatefulSetSpec::default()
        }),
        status: None,
    })))
}

/// The (namespace, name) of the headless Service the StatefulSet `node` asks for: its
/// `serviceName`, when it has a name too.
pub(in crate::compile) fn headless_key<'d>(
    node: &GraphNode<'d>,
    data: &'d StatefulSetData,
) -> Option<(&'d str, &'d str)> {
    let service_name = data.service_name.non_empty()?;
    (!node.name().is_empty()).then(|| (node.namespace(), service_name))
}

/// The headless Service a StatefulSet needs, when no Service node in its namespace has
/// the name given as `serviceName`: a drawn Service of that name replaces it (two objects
/// of one name cannot both be applied), compiled as drawn; validation warns when it is not
/// headless (`governing-service-not-headless`). `generated` holds the (namespace, name)
/// pairs made so far, so two StatefulSets naming the same Service get one.
pub(super) fn headless_service<'a>(
    cx: &mut Context<'a>,
    node: &GraphNode<'a>,
    data: &StatefulSetData,
    generated: &mut BTreeSet<(String, String)>,
) -> Option<Object> {
    let workload = node.name();
    let (namespace, service_name) = headless_key(node, data)?;
    if cx
        .find(namespace, service_name, &[NodeKind::Service])
        .is_some()
        || !generated.insert((namespace.to_owned(), service_name.to_owned()))
    {
        return None;
    }
    cx.report(
        node,
        Code::GeneratedHeadlessService,
        node.data_path().key("serviceName"),
        format!("generated headless Service \"{service_name}\" for statefulset \"{workload}\""),
    )
    .hint("draw a Service with this name to control it yourself");
    let ports = data
        .port
        .int()
        .filter(|port| *port != 0)
        .and_then(|port| i32::try_from(port).ok())
        .map(|port| {
            vec![ServicePort {
                name: Some("http".to_owned()),
                port,
                target_port: Some(IntOrString::Int(port)),
                protocol: Some("TCP".to_owned()),
                ..ServicePort::default()
            }]
        });
    Some(Object::Service(Box::new(Service {
        metadata: cx.labels.meta(service_name, namespace, Role::Plain, None),
        spec: Some(ServiceSpec {
            cluster_ip: Some(HEADLESS.to_owned()),
            selector: Some(owned(&selector_of(node))),
            ports,
            ..ServiceSpec::default()
        }),
        status: None,
    })))
}
