//! ServiceAccount edges: a pod runs as one ServiceAccount, so a second account connected
//! to a workload is an error (which one would it be?), and so is a workload whose own
//! `serviceAccountName` names another account than the connected one: its pods would
//! silently run as an identity the canvas does not show.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, Relation};
use crate::model::{NodeData, NodeKind, Wire};
use crate::validate::{Context, edge_problem, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::MultipleServiceAccounts, Code::ServiceAccountConflict],
    check: Check::Nodes(&[NodeKind::ServiceAccount], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, account: &'a GraphNode<'a>) {
    let graph = cx.graph;
    for (edge, relation) in graph.outgoing(position) {
        if relation != Relation::RunsAs {
            continue;
        }
        let workload = graph.at(edge.target);
        let first = graph
            .incoming(edge.target)
            .find(|(_, relation)| *relation == Relation::RunsAs)
            .map(|(first, _)| first);
        if let Some(first) = first.filter(|first| first.index != edge.index) {
            let message = format!(
                "{} already runs as {} through edge \"{}\"; edge \"{}\" from {} is a second ServiceAccount",
                workload.describe(),
                graph.at(first.source).describe(),
                first.id(),
                edge.id(),
                account.describe()
            );
            cx.report(
                edge_problem(edge, "source", Code::MultipleServiceAccounts, message)
                    .node(workload.id())
                    .hint("keep one edge: a pod runs as one ServiceAccount"),
            );
            continue;
        }
        let explicit = workload
            .data()
            .and_then(NodeData::container)
            .and_then(|fields| fields.service_account_name)
            .and_then(Wire::non_empty);
        let name = account.name();
        if let Some(explicit) = explicit.filter(|explicit| !name.is_empty() && explicit != &name) {
            let message = format!(
                "{} sets serviceAccountName \"{explicit}\" but is connected to {}; its pods would run as \"{explicit}\"",
                workload.describe(),
                account.describe()
            );
            cx.report(
                node_problem(
                    workload,
                    workload.data_path().key("serviceAccountName"),
                    Code::ServiceAccountConflict,
                    message,
                )
                .hint(format!(
                    "clear serviceAccountName (the edge sets it to \"{name}\"), or connect the ServiceAccount \"{explicit}\""
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    /// Two accounts on one workload: the second edge is the error; an explicit name equal
    /// to the connected account's is no conflict, another name is.
    #[test]
    fn a_workload_runs_as_one_account_named_once() {
        let found = diagnostics_of(
            Code::MultipleServiceAccounts,
            r#"{"nodes": [{"id": "a", "type": "serviceaccount", "data": {"name": "api"}},
                          {"id": "b", "type": "serviceaccount", "data": {"name": "batch"}},
                          {"id": "d", "type": "deployment", "data": {"name": "web", "image": "nginx"}},
                          {"id": "j", "type": "job", "data": {"name": "migrate", "image": "m",
                                                              "serviceAccountName": "api"}},
                          {"id": "c", "type": "cronjob", "data": {"name": "report", "image": "r",
                                                                  "schedule": "@daily",
                                                                  "serviceAccountName": " other "}}],
                "edges": [{"id": "e1", "source": "a", "target": "d"},
                          {"id": "e2", "source": "b", "target": "d"},
                          {"id": "e3", "source": "a", "target": "j"},
                          {"id": "e4", "source": "b", "target": "c"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("multiple-service-accounts", "/edges/1/source".into(), "d"),
                (
                    "service-account-conflict",
                    "/nodes/4/data/serviceAccountName".into(),
                    "c"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "deployment \"web\" already runs as serviceaccount \"api\" through edge \"e1\"; \
             edge \"e2\" from serviceaccount \"batch\" is a second ServiceAccount"
        );
        assert!(
            found[1].message.contains("would run as \"other\""),
            "{}",
            found[1].message
        );
    }
}
