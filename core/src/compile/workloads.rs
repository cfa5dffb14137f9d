//! The five workload kinds: Deployment, StatefulSet, DaemonSet, Job and CronJob. The pod
//! template comes from [`super::pod`]; this module adds what each controller needs.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy, Deployment, DeploymentSpec,
    RollingUpdateDaemonSet, StatefulSet, StatefulSetSpec,
};
use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, Job, JobSpec, JobTemplateSpec};
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, PodTemplateSpec, Toleration};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::autoscaling;
use super::context::Context;
use super::metadata::{app_selector, object_meta, string_map};
use super::object::Object;
use super::pod::pod_template;
use super::storage::{ClaimFields, claim_spec};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::{
    CronJobData, DaemonSetData, DeploymentData, JobData, RestartPolicy, StatefulSetData,
    TolerationOperator, UpdateStrategy,
};
use crate::model::{Int, Wire};

/// An `apps/v1` Deployment: replicas (default 1, none when an HPA scales it), selector
/// `app: <name>`.
pub(super) fn deployment<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &DeploymentData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let template = pod_template(cx, position, node, name, &[])?;
    let replicas = count(cx, node, "replicas", &data.replicas).unwrap_or(1);
    let replicas = autoscaling::replicas(cx, node, "Deployment", name, replicas);
    Some(Object::Deployment(Box::new(Deployment {
        metadata: workload_meta(name, node.namespace(), &template),
        spec: Some(DeploymentSpec {
            replicas,
            selector: app_selector(name),
            template,
            ..DeploymentSpec::default()
        }),
        status: None,
    })))
}

/// An `apps/v1` StatefulSet: like a Deployment plus `serviceName` and volume claim
/// templates, each mounted at `/data/<claim>`. Unlike the reference, no password-less
/// database settings are injected into the env.
pub(super) fn stateful_set<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &StatefulSetData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let service_name = data.service_name.non_empty();
    let service_name =
        cx.require_text(node, Code::MissingServiceName, "serviceName", service_name)?;
    let mut claims = Vec::new();
    let mut claim_names = Vec::new();
    for (index, template) in data.volume_claim_templates.items().iter().enumerate() {
        let Some(claim) = template.name.non_empty() else {
            cx.report(
                node,
                Code::MissingField,
                node.data_path()
                    .key("volumeClaimTemplates")
                    .index(index)
                    .key("name"),
                format!("{}: a volume claim template has no name", node.describe()),
            );
            continue;
        };
        let at = node.data_path().key("volumeClaimTemplates").index(index);
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
            claim_names.push(claim);
        }
    }
    let template = pod_template(cx, position, node, name, &claim_names)?;
    let replicas = count(cx, node, "replicas", &data.replicas).unwrap_or(1);
    let replicas = autoscaling::replicas(cx, node, "StatefulSet", name, replicas);
    Some(Object::StatefulSet(Box::new(StatefulSet {
        metadata: workload_meta(name, node.namespace(), &template),
        spec: Some(StatefulSetSpec {
            replicas,
            selector: app_selector(name),
            service_name: Some(service_name.to_owned()),
            template,
            volume_claim_templates: (!claims.is_empty()).then_some(claims),
            ..StatefulSetSpec::default()
        }),
        status: None,
    })))
}

/// An `apps/v1` DaemonSet: update strategy (RollingUpdate with `maxUnavailable` 1 unless
/// given, as a number or a percentage), node selector, tolerations and host namespaces.
pub(super) fn daemon_set<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &DaemonSetData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let mut template = pod_template(cx, position, node, name, &[])?;
    if let Some(spec) = template.spec.as_mut() {
        spec.node_selector = string_map(&data.node_selector);
        let tolerations: Vec<Toleration> =
            data.tolerations.items().iter().map(toleration).collect();
        spec.tolerations = (!tolerations.is_empty()).then_some(tolerations);
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
                    Code::InvalidCount,
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
        metadata: workload_meta(name, node.namespace(), &template),
        spec: Some(DaemonSetSpec {
            selector: app_selector(name),
            template,
            update_strategy: Some(update_strategy),
            ..DaemonSetSpec::default()
        }),
        status: None,
    })))
}

/// A toleration as given; `value` only with the `Equal` operator (Kubernetes rejects a
/// value with `Exists`).
fn toleration(given: &crate::model::kinds::Toleration) -> Toleration {
    let operator = given.operator.get().copied();
    Toleration {
        key: given.key.non_empty().map(str::to_owned),
        operator: operator.map(|operator| operator.as_str().to_owned()),
        value: given
            .value
            .non_empty()
            .filter(|_| operator != Some(TolerationOperator::Exists))
            .map(str::to_owned),
        effect: given.effect.get().map(|effect| effect.as_str().to_owned()),
        toleration_seconds: given.toleration_seconds.int(),
    }
}

/// A `batch/v1` Job: restart policy `Never` unless given; `backoffLimit: 0` is kept (the
/// reference dropped it and Kubernetes' default of 6 retries applied).
pub(super) fn job<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &JobData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let fields = JobFields {
        completions: &data.completions,
        parallelism: &data.parallelism,
        backoff_limit: &data.backoff_limit,
        active_deadline_seconds: &data.active_deadline_seconds,
        ttl_seconds_after_finished: &data.ttl_seconds_after_finished,
        restart_policy: &data.restart_policy,
    };
    let spec = job_spec(cx, position, node, name, fields, RestartPolicy::Never)?;
    Some(Object::Job(Box::new(Job {
        metadata: workload_meta(name, node.namespace(), &spec.template),
        spec: Some(spec),
        status: None,
    })))
}

/// A `batch/v1` CronJob: the Job fields in `jobTemplate` (restart policy `OnFailure`
/// unless given), plus schedule, concurrency policy, suspend and history limits.
pub(super) fn cron_job<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &CronJobData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let schedule = data.schedule.non_empty();
    let schedule = cx.require_text(node, Code::InvalidSchedule, "schedule", schedule)?;
    let fields = JobFields {
        completions: &data.completions,
        parallelism: &data.parallelism,
        backoff_limit: &data.backoff_limit,
        active_deadline_seconds: &data.active_deadline_seconds,
        ttl_seconds_after_finished: &data.ttl_seconds_after_finished,
        restart_policy: &data.restart_policy,
    };
    let job = job_spec(cx, position, node, name, fields, RestartPolicy::OnFailure)?;
    let successful = count(
        cx,
        node,
        "successfulJobsHistoryLimit",
        &data.successful_jobs_history_limit,
    );
    let failed = count(
        cx,
        node,
        "failedJobsHistoryLimit",
        &data.failed_jobs_history_limit,
    );
    Some(Object::CronJob(Box::new(CronJob {
        metadata: workload_meta(name, node.namespace(), &job.template),
        spec: Some(CronJobSpec {
            schedule: schedule.to_owned(),
            concurrency_policy: data
                .concurrency_policy
                .get()
                .map(|policy| policy.as_str().to_owned()),
            suspend: data.suspend.get().copied(),
            successful_jobs_history_limit: successful,
            failed_jobs_history_limit: failed,
            job_template: JobTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: template_labels(&job.template),
                    ..ObjectMeta::default()
                }),
                spec: Some(job),
            },
            ..CronJobSpec::default()
        }),
        status: None,
    })))
}

/// A workload's metadata, with the labels of its pod template: the same convention and
/// user labels, cloned rather than built again.
fn workload_meta(name: &str, namespace: &str, template: &PodTemplateSpec) -> ObjectMeta {
    object_meta(name, namespace, template_labels(template))
}

/// The labels of a pod template.
fn template_labels(template: &PodTemplateSpec) -> Option<BTreeMap<String, String>> {
    template
        .metadata
        .as_ref()
        .and_then(|metadata| metadata.labels.clone())
}

/// The run-to-completion fields Jobs and CronJobs share.
#[derive(Clone, Copy, Debug)]
struct JobFields<'d> {
    completions: &'d Wire<Int>,
    parallelism: &'d Wire<Int>,
    backoff_limit: &'d Wire<Int>,
    active_deadline_seconds: &'d Wire<Int>,
    ttl_seconds_after_finished: &'d Wire<Int>,
    restart_policy: &'d Wire<RestartPolicy>,
}

/// A Job spec; no selector (Kubernetes generates a unique one for Jobs).
fn job_spec<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    name: &str,
    fields: JobFields<'_>,
    default_restart: RestartPolicy,
) -> Option<JobSpec> {
    let mut template = pod_template(cx, position, node, name, &[])?;
    let restart = fields
        .restart_policy
        .get()
        .copied()
        .unwrap_or(default_restart);
    if let Some(spec) = template.spec.as_mut() {
        spec.restart_policy = Some(restart.as_str().to_owned());
    }
    Some(JobSpec {
        template,
        completions: count(cx, node, "completions", fields.completions),
        parallelism: count(cx, node, "parallelism", fields.parallelism),
        backoff_limit: count(cx, node, "backoffLimit", fields.backoff_limit),
        active_deadline_seconds: fields.active_deadline_seconds.int(),
        ttl_seconds_after_finished: count(
            cx,
            node,
            "ttlSecondsAfterFinished",
            fields.ttl_seconds_after_finished,
        ),
        ..JobSpec::default()
    })
}

/// An `int32` count field of the node's data (0 is kept).
fn count(cx: &mut Context<'_>, node: &GraphNode<'_>, key: &str, value: &Wire<Int>) -> Option<i32> {
    cx.int32(
        node,
        Code::InvalidCount,
        || node.data_path().key(key),
        value.int(),
    )
}
