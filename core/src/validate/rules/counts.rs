//! Replicas and other counts: whole numbers within what Kubernetes accepts. Most must not
//! be negative; completions, parallelism and activeDeadlineSeconds must be at least 1; all
//! are 32-bit; HPA stabilization windows are at most one hour; a pod's
//! terminationGracePeriodSeconds and its tolerations' seconds are not negative.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::ContainerFields;
use crate::model::{FieldPath, Int, IntOrString, NodeData, NodeKind, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidCount],
    check: Check::Nodes(
        &[
            NodeKind::Deployment,
            NodeKind::StatefulSet,
            NodeKind::Job,
            NodeKind::CronJob,
            NodeKind::DaemonSet,
            NodeKind::Hpa,
        ],
        check,
    ),
};

const INT32_MAX: i64 = i32::MAX as i64;

/// A count field: wire name, value, lowest and highest allowed value.
type Count<'a> = (&'static str, &'a Wire<Int>, i64, i64);

/// The counts of a Job's spec, then `more`.
macro_rules! job_counts {
    ($job:ident $(, $more:expr)* $(,)?) => {
        &[
            ("completions", &$job.completions, 1, INT32_MAX),
            ("parallelism", &$job.parallelism, 1, INT32_MAX),
            ("backoffLimit", &$job.backoff_limit, 0, INT32_MAX),
            ("activeDeadlineSeconds", &$job.active_deadline_seconds, 1, i64::MAX),
            ("ttlSecondsAfterFinished", &$job.ttl_seconds_after_finished, 0, INT32_MAX),
            $($more,)*
        ]
    };
}

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(data) = node.data() else { return };
    let counts: &[Count<'_>] = match data {
        NodeData::Deployment(d) => &[("replicas", &d.replicas, 0, INT32_MAX)],
        NodeData::StatefulSet(d) => &[("replicas", &d.replicas, 0, INT32_MAX)],
        NodeData::Job(d) => job_counts!(d),
        // A CronJob's counts are those of the Jobs it creates, and its history limits.
        NodeData::CronJob(d) => job_counts!(
            d,
            (
                "successfulJobsHistoryLimit",
                &d.successful_jobs_history_limit,
                0,
                INT32_MAX,
            ),
            (
                "failedJobsHistoryLimit",
                &d.failed_jobs_history_limit,
                0,
                INT32_MAX,
            ),
        ),
        NodeData::Hpa(d) => &[
            (
                "scaleDownStabilization",
                &d.scale_down_stabilization,
                0,
                3600,
            ),
            ("scaleUpStabilization", &d.scale_up_stabilization, 0, 3600),
        ],
        NodeData::DaemonSet(d) => {
            check_daemonset(cx, node, d);
            &[]
        }
        _ => &[],
    };
    if let Some(fields) = data.container() {
        pod_counts(cx, node, &fields);
    }
    for &(key, field, min, max) in counts {
        count(
            cx,
            node,
            || node.data_path().key(key),
            key,
            field,
            (min, max),
        );
    }
}

/// The pod's grace period and its tolerations' seconds, on every workload kind.
fn pod_counts(cx: &mut Context<'_>, node: &GraphNode<'_>, fields: &ContainerFields<'_>) {
    if let Some(grace) = fields.termination_grace_period_seconds {
        let key = "terminationGracePeriodSeconds";
        let at = || node.data_path().key(key);
        count(cx, node, at, key, grace, (0, i64::MAX));
    }
    let tolerations = fields.tolerations.map(Wire::items).unwrap_or_default();
    for (index, toleration) in tolerations.iter().enumerate() {
        let at = || {
            node.data_path()
                .key("tolerations")
                .index(index)
                .key("tolerationSeconds")
        };
        let seconds = &toleration.toleration_seconds;
        count(cx, node, at, "tolerationSeconds", seconds, (0, i64::MAX));
    }
}

fn check_daemonset(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    set: &crate::model::kinds::DaemonSetData,
) {
    // Read as compiling reads it: a cleared text box ("") is absent and a whole number
    // typed as text ("1") is that number.
    let number = match set.max_unavailable.get() {
        Some(IntOrString::Int(number)) => Some(number.value()),
        Some(IntOrString::String(text)) => {
            let text = text.trim();
            match text.parse::<i64>() {
                Ok(number) => Some(number),
                Err(_) if text.is_empty() || is_percentage(text) => return,
                Err(_) => {
                    report_max_unavailable(
                        cx,
                        node,
                        format!(
                            "maxUnavailable \"{text}\" must be a whole number or a percentage such as \"25%\""
                        ),
                    );
                    return;
                }
            }
        }
        None => None,
    };
    let problem = match number {
        Some(number) if number < 0 => format!("maxUnavailable {number} must not be negative"),
        Some(number) if number > INT32_MAX => {
            format!("maxUnavailable {number} must be at most {INT32_MAX}")
        }
        _ => return,
    };
    report_max_unavailable(cx, node, problem);
}

fn report_max_unavailable(cx: &mut Context<'_>, node: &GraphNode<'_>, problem: String) {
    cx.report(
        node_problem(
            node,
            node.data_path().key("maxUnavailable"),
            Code::InvalidCount,
            problem,
        )
        .hint("use a number such as 1 or a percentage such as \"25%\""),
    );
}

/// `0%` to `100%`, as Kubernetes accepts for `maxUnavailable`.
fn is_percentage(text: &str) -> bool {
    text.strip_suffix('%')
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|digits| digits.parse::<u32>().ok())
        .is_some_and(|percent| percent <= 100)
}

fn count(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    at: impl FnOnce() -> FieldPath,
    key: &str,
    field: &Wire<Int>,
    (min, max): (i64, i64),
) {
    let Some(value) = field.int() else { return };
    let problem = if value < min && min == 0 {
        "must not be negative".to_owned()
    } else if value < min {
        format!("must be at least {min}")
    } else if value > max {
        format!("must be at most {max}")
    } else {
        return;
    };
    let hint = if max == i64::MAX || max == INT32_MAX {
        format!("use a whole number of at least {min}")
    } else {
        format!("use a whole number from {min} to {max}")
    };
    cx.report(
        node_problem(
            node,
            at(),
            Code::InvalidCount,
            format!("{key} {value} {problem}"),
        )
        .hint(hint),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn counts_stay_within_their_bounds() {
        let found = diagnostics_of(
            Code::InvalidCount,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"replicas": -1}},
                          {"id": "s", "type": "statefulset", "data": {"replicas": 3000000000}},
                          {"id": "j", "type": "job", "data": {"completions": 0, "parallelism": 0, "backoffLimit": 0,
                              "activeDeadlineSeconds": 0, "ttlSecondsAfterFinished": -5}},
                          {"id": "c", "type": "cronjob", "data": {"successfulJobsHistoryLimit": -1, "failedJobsHistoryLimit": 0}},
                          {"id": "ds", "type": "daemonset", "data": {"maxUnavailable": "25 percent",
                              "tolerations": [{"key": "k", "tolerationSeconds": -1}, {"key": "k", "tolerationSeconds": 30}]}},
                          {"id": "h", "type": "hpa", "data": {"scaleDownStabilization": 7200, "scaleUpStabilization": 0}},
                          {"id": "ok", "type": "daemonset", "data": {"maxUnavailable": "100%"}},
                          {"id": "cleared", "type": "daemonset", "data": {"maxUnavailable": ""}},
                          {"id": "typed", "type": "daemonset", "data": {"maxUnavailable": " 2 "}},
                          {"id": "minus", "type": "daemonset", "data": {"maxUnavailable": "-1"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-count", "/nodes/0/data/replicas".into(), "d"),
                ("invalid-count", "/nodes/1/data/replicas".into(), "s"),
                (
                    "invalid-count",
                    "/nodes/2/data/activeDeadlineSeconds".into(),
                    "j"
                ),
                ("invalid-count", "/nodes/2/data/completions".into(), "j"),
                ("invalid-count", "/nodes/2/data/parallelism".into(), "j"),
                (
                    "invalid-count",
                    "/nodes/2/data/ttlSecondsAfterFinished".into(),
                    "j"
                ),
                (
                    "invalid-count",
                    "/nodes/3/data/successfulJobsHistoryLimit".into(),
                    "c"
                ),
                ("invalid-count", "/nodes/4/data/maxUnavailable".into(), "ds"),
                (
                    "invalid-count",
                    "/nodes/4/data/tolerations/0/tolerationSeconds".into(),
                    "ds"
                ),
                (
                    "invalid-count",
                    "/nodes/5/data/scaleDownStabilization".into(),
                    "h"
                ),
                (
                    "invalid-count",
                    "/nodes/9/data/maxUnavailable".into(),
                    "minus"
                ),
            ]
        );
        assert_eq!(
            found[7].message,
            "maxUnavailable \"25 percent\" must be a whole number or a percentage such as \"25%\""
        );
        assert_eq!(found[10].message, "maxUnavailable -1 must not be negative");
        assert_eq!(found[0].message, "replicas -1 must not be negative");
        assert_eq!(found[3].message, "completions 0 must be at least 1");
    }

    #[test]
    fn grace_period_and_toleration_seconds_are_not_negative_on_every_kind() {
        let found = diagnostics_of(
            Code::InvalidCount,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"terminationGracePeriodSeconds": -1}},
                          {"id": "j", "type": "job", "data": {"terminationGracePeriodSeconds": 0,
                              "tolerations": [{"key": "k", "operator": "Exists", "tolerationSeconds": -5}]}},
                          {"id": "c", "type": "cronjob", "data": {"terminationGracePeriodSeconds": 30}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-count",
                    "/nodes/0/data/terminationGracePeriodSeconds".into(),
                    "d"
                ),
                (
                    "invalid-count",
                    "/nodes/1/data/tolerations/0/tolerationSeconds".into(),
                    "j"
                ),
            ]
        );
    }
}
