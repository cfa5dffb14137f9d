//! CronJob schedules as Kubernetes accepts them: five fields (minute hour day-of-month
//! month day-of-week) with ranges, lists, steps and names, or a macro such as `@daily`.
//! Six-field schedules (with seconds) are a common mistake and an error.

use super::{Check, Rule, required_text};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::{NodeData, NodeKind};
use crate::validate::syntax::cron;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidSchedule],
    check: Check::Nodes(&[NodeKind::CronJob], check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(NodeData::CronJob(cronjob)) = node.data() else {
        return;
    };
    let at = || node.data_path().key("schedule");
    let schedule = required_text(cx, &cronjob.schedule, || {
        let message = format!("{} has no schedule", node.describe());
        super::node_types::missing_field(node, at(), message)
            .hint("set a schedule such as `0 3 * * *` (daily at 03:00) or `@hourly`")
    });
    let Some(schedule) = schedule else { return };
    if let Err(problem) = cron::cron_schedule(schedule) {
        let message = format!("schedule \"{schedule}\" is not a valid cron schedule: {problem}");
        cx.report(
            node_problem(node, at(), Code::InvalidSchedule, message)
                .hint("use five fields (minute hour day-of-month month day-of-week) or a macro such as `@daily`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn schedules_are_required_and_five_fields() {
        let found = diagnostics_of(
            Code::InvalidSchedule,
            r#"{"nodes": [{"id": "a", "type": "cronjob", "data": {"schedule": "0 0 * * * *"}},
                          {"id": "b", "type": "cronjob", "data": {}},
                          {"id": "c", "type": "cronjob", "data": {"schedule": "@daily"}},
                          {"id": "d", "type": "cronjob", "data": {"schedule": "30 2 * * mon-fri"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-schedule", "/nodes/0/data/schedule".into(), "a"),
                ("missing-field", "/nodes/1/data/schedule".into(), "b"),
            ]
        );
        assert!(
            found[0]
                .message
                .starts_with("schedule \"0 0 * * * *\" is not a valid cron schedule: ")
        );
    }
}
