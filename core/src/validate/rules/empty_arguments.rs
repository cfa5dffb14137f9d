//! Blank items in a container's `command` or `args`. The canvas splits these lists on
//! commas, so a trailing comma leaves `""`. Kubernetes accepts it and passes it on as an
//! empty argument (as the program name, the container fails to start): a warning.
//! (Blank `tlsHosts` need no check: the compiler leaves them out.)

use super::{Check, Rule};
use crate::diagnostic::{Code, Fix, PatchOperation};
use crate::graph::{GraphNode, WORKLOAD_KINDS};
use crate::model::Wire;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::EmptyArgument],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(container) = node.data().and_then(|data| data.container()) else {
        return;
    };
    for (key, list) in [("command", container.command), ("args", container.args)] {
        let items = list.map(Wire::items).unwrap_or_default();
        for (index, item) in items.iter().enumerate() {
            if !item.trim().is_empty() {
                continue;
            }
            let message = format!(
                "{key}[{index}] of {} is blank; the container receives it as an empty argument",
                node.describe()
            );
            let at = node.data_path().key(key).index(index);
            let fix = Fix::new(
                "Remove the blank argument",
                vec![
                    PatchOperation::test(&at, item.as_str()),
                    PatchOperation::remove(&at),
                ],
            );
            cx.report(
                node_problem(node, at, Code::EmptyArgument, message)
                    .hint("remove the trailing or doubled comma")
                    .fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn blank_arguments_are_reported() {
        let found = diagnostics_of(
            Code::EmptyArgument,
            r#"{"nodes": [{"id": "j", "type": "job", "data": {"name": "j", "command": ["sh", ""], "args": ["-c", "echo hi"]}},
                          {"id": "c", "type": "cronjob", "data": {"name": "c", "args": [" ", "run"]}},
                          {"id": "d", "type": "deployment", "data": {"name": "d", "command": ["run", ""]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("empty-argument", "/nodes/0/data/command/1".into(), "j"),
                ("empty-argument", "/nodes/1/data/args/0".into(), "c"),
                ("empty-argument", "/nodes/2/data/command/1".into(), "d"),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "command[1] of job \"j\" is blank; the container receives it as an empty argument"
        );
    }
}
