//! Jobs, and the run-to-completion spec CronJobs share.

use k8s_openapi::api::batch::v1::{Job, JobSpec};

use crate::compile::context::Context;
use crate::compile::object::Object;
use crate::compile::pod::pod_template;
use crate::compile::workload::{count, workload_meta};
use crate::graph::GraphNode;
use crate::model::kinds::{JobData, RestartPolicy};
use crate::model::{Int, Wire};

/// A `batch/v1` Job: restart policy `Never` unless given; `backoffLimit: 0` is kept (the
/// reference dropped it and Kubernetes' default of 6 retries applied).
pub(super) fn job<'a>(
    cx: &mut Context<'a>,
    position: usize,
    node: &GraphNode<'a>,
    data: &JobData,
) -> Option<Object> {
    let name = cx.require_name(node)?;
    let spec = job_spec(
        cx,
        position,
        node,
        name,
        job_fields!(data),
        RestartPolicy::Never,
    )?;
    Some(Object::Job(Box::new(Job {
        metadata: workload_meta(cx, node, name, &spec.template),
        spec: Some(spec),
        status: None,
    })))
}

/// The run-to-completion fields Jobs and CronJobs share.
#[derive(Clone, Copy, Debug)]
pub(super) struct JobFields<'d> {
    pub completions: &'d Wire<Int>,
    pub parallelism: &'d Wire<Int>,
    pub backoff_limit: &'d Wire<Int>,
    pub active_deadline_seconds: &'d Wire<Int>,
    pub ttl_seconds_after_finished: &'d Wire<Int>,
    pub restart_policy: &'d Wire<RestartPolicy>,
}

/// The [`JobFields`] of a Job's or a CronJob's data (two types with the same fields).
macro_rules! job_fields {
    ($data:expr) => {
        $crate::compile::kinds::job::JobFields {
            completions: &$data.completions,
            parallelism: &$data.parallelism,
            backoff_limit: &$data.backoff_limit,
            active_deadline_seconds: &$data.active_deadline_seconds,
            ttl_seconds_after_finished: &$data.ttl_seconds_after_finished,
            restart_policy: &$data.restart_policy,
        }
    };
}
pub(super) use job_fields;

/// A Job spec; no selector (Kubernetes generates a unique one for Jobs).
pub(super) fn job_spec<'a>(
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
