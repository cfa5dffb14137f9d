//! Links across namespaces.
//!
//! A Service selects pods, an HPA scales workloads, a volume mounts a ConfigMap, Secret or
//! PVC and an Ingress routes to Services only within its own namespace. A NetworkPolicy
//! applies to pods of its namespace, and its peers are matched by pod labels in that
//! namespace too, so a linked workload elsewhere would silently not be selected.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::{GraphNode, Relation};
use crate::model::FieldPath;
use crate::validate::{Context, edge_problem, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::CrossNamespaceLink],
    check: Check::Keyed(check, recheck),
};

fn check(cx: &mut Context<'_>) {
    for position in 0..cx.graph.edges().len() {
        check_edge(cx, position);
    }
}

fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    super::recheck_edges(cx, change, redo, check_edge);
}

/// The relation of the edge at `position` in the graph's edges, across namespaces.
fn check_edge(cx: &mut Context<'_>, position: usize) {
    let graph = cx.graph;
    let edge = &graph.edges()[position];
    let Ok(relation) = graph.relation(position) else {
        return;
    };
    let (source, target) = (graph.at(edge.source), graph.at(edge.target));
    let (from, to) = (source.namespace(), target.namespace());
    if from == to {
        return;
    }
    let verb = match relation {
        Relation::Route { .. } => "cannot route to",
        Relation::Selects => "cannot select the pods of",
        Relation::Mounts(_) => "cannot be mounted by",
        Relation::Scales => "cannot scale",
        Relation::PolicyTarget => "cannot apply to",
        Relation::PolicyPeer(_) => "cannot name as a peer",
        Relation::RunsAs => "cannot be the identity of",
        Relation::PullsWith => "cannot be an image pull secret of",
    };
    let message = format!(
        "{} in namespace \"{from}\" {verb} {} in namespace \"{to}\"",
        source.describe(),
        target.describe()
    );
    cx.report(
        edge_problem(edge, "target", Code::CrossNamespaceLink, message)
            .node(source.id())
            .hint("put both nodes in the same namespace"),
    );
}

/// A `cross-namespace-link` diagnostic about a link a node's data makes (an env
/// variable's key reference), at `at`.
pub(super) fn link_problem(
    node: &GraphNode<'_>,
    at: FieldPath,
    message: impl Into<String>,
) -> Diagnostic {
    node_problem(node, at, Code::CrossNamespaceLink, message)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn every_relation_must_stay_in_its_namespace() {
        let found = diagnostics_of(
            Code::CrossNamespaceLink,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "app", "namespace": "shop"}},
                          {"id": "s", "type": "service", "data": {"name": "app"}},
                          {"id": "c", "type": "configmap", "data": {"name": "cfg", "namespace": "default"}},
                          {"id": "h", "type": "hpa", "data": {"name": "h", "namespace": "shop"}},
                          {"id": "i", "type": "ingress", "data": {"name": "i", "namespace": "web", "paths": [{"id": "p"}]}},
                          {"id": "np", "type": "networkpolicy", "data": {"name": "np"}}],
                "edges": [{"id": "e1", "source": "s", "target": "d"},
                          {"id": "e2", "source": "c", "target": "d"},
                          {"id": "e3", "source": "h", "target": "d"},
                          {"id": "e4", "source": "i", "target": "s", "sourceHandle": "p"},
                          {"id": "e5", "source": "np", "target": "d"}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("cross-namespace-link", "/edges/0/target".into(), "s"),
                ("cross-namespace-link", "/edges/1/target".into(), "c"),
                ("cross-namespace-link", "/edges/3/target".into(), "i"),
                ("cross-namespace-link", "/edges/4/target".into(), "np"),
            ]
        );
        assert_eq!(
            found[0].message,
            "service \"app\" in namespace \"default\" cannot select the pods of deployment \"app\" in namespace \"shop\""
        );
    }
}
