//! CronJobs: a Job spec in `jobTemplate`, run on a schedule.

use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, JobTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::job::{job_fields, job_spec};
use crate::compile::context::Context;
use crate::compile::object::Object;
use crate::compile::workload::{count, workload_labels, workload_meta};
use crate::graph::GraphNode;
use crate::model::kinds::{CronJobData, RestartPolicy};

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
    let schedule = cx.require_text(node, "schedule", schedule)?;
    let fields = job_fields!(data);
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
        metadata: workload_meta(cx, node, name, &job.template),
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
                    labels: workload_labels(cx, node, name, &job.template),
                    ..ObjectMeta::default()
                }),
                spec: Some(job),
            },
            ..CronJobSpec::default()
        }),
        status: None,
    })))
}
