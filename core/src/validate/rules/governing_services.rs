//! A StatefulSet's governing Service drawn in the graph (a Service node named as its
//! `serviceName`, in its namespace) that is not headless. The drawn Service replaces the
//! headless one kubegraph would generate, and Kubernetes accepts a StatefulSet governed by
//! a Service with a virtual IP, but then the pods get no stable DNS names
//! (`<pod>.<service>` does not resolve): a warning, never a plain Service in silence.
//! Services are indexed once, only when some StatefulSet names one.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, FastMap, fast_map, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::GoverningServiceNotHeadless],
    check: Check::Keyed(check, recheck),
};

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    let mut services: Option<FastMap<(&str, &str), &GraphNode<'_>>> = None;
    for (_, node) in graph.nodes_of(&[NodeKind::StatefulSet]) {
        let Some(name) = service_name(node) else {
            continue;
        };
        let index = services.get_or_insert_with(|| {
            let drawn = graph.nodes_of(&[NodeKind::Service]);
            let mut index = fast_map(drawn.size_hint().0);
            for (_, service) in drawn {
                // The first Service of a name is the one compiled; a second is a
                // duplicate resource, reported as such.
                index
                    .entry((service.namespace(), service.name()))
                    .or_insert(service);
            }
            index
        });
        let service = index.get(&(node.namespace(), name)).copied();
        governed(cx, node, name, service);
    }
}

fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    super::nodes_only(cx, change, redo, recheck_node);
}

/// A node's change alters the changed StatefulSet's report, and, for a Service, the
/// reports of the StatefulSets of its namespace before and after the change.
fn recheck_node(
    cx: &mut Context<'_>,
    position: Option<usize>,
    before: &GraphNode<'_>,
    redo: &mut Redo,
) {
    let graph = cx.graph;
    let now = position.map(|position| graph.at(position));
    let now_index = now.map(|now| now.index);
    redo.nodes.extend(now_index);
    let namespaces: Vec<&str> = now
        .into_iter()
        .chain([before])
        .filter(|node| node.kind == Some(NodeKind::Service))
        .map(|node| node.namespace())
        .collect();
    for (_, node) in graph.nodes_of(&[NodeKind::StatefulSet]) {
        if Some(node.index) != now_index && !namespaces.contains(&node.namespace()) {
            continue;
        }
        redo.nodes.insert(node.index);
        let Some(name) = service_name(node) else {
            continue;
        };
        let service = graph
            .nodes_of(&[NodeKind::Service])
            .map(|(_, service)| service)
            .find(|service| service.namespace() == node.namespace() && service.name() == name);
        governed(cx, node, name, service);
    }
}

/// The `serviceName` of a StatefulSet.
fn service_name<'a>(node: &GraphNode<'a>) -> Option<&'a str> {
    let Some(NodeData::StatefulSet(set)) = node.data() else {
        return None;
    };
    set.service_name.non_empty()
}

/// The StatefulSet `node` governed by `service`, the first drawn Service named `name` in
/// its namespace (if any).
fn governed(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    name: &str,
    service: Option<&GraphNode<'_>>,
) {
    let Some(service) = service else {
        return;
    };
    let Some(NodeData::Service(data)) = service.data() else {
        return;
    };
    if data.is_headless() {
        return;
    }
    let message = format!(
        "{} is governed by {}, which is not headless: its pods get no stable DNS names",
        node.describe(),
        service.describe()
    );
    cx.report(
        node_problem(
            node,
            node.data_path().key("serviceName"),
            Code::GoverningServiceNotHeadless,
            message,
        )
        .hint(format!(
            "set clusterIP to \"None\" on service \"{name}\", or name another Service in serviceName"
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn a_drawn_governing_service_must_be_headless() {
        let found = diagnostics_of(
            Code::GoverningServiceNotHeadless,
            r#"{"nodes": [{"id": "db", "type": "statefulset", "data": {"name": "db", "namespace": "data", "serviceName": "db"}},
                          {"id": "s", "type": "service", "data": {"name": "db", "namespace": "data", "port": 5432}},
                          {"id": "ok", "type": "statefulset", "data": {"name": "cache", "serviceName": "cache"}},
                          {"id": "h", "type": "service", "data": {"name": "cache", "clusterIP": "None"}},
                          {"id": "gen", "type": "statefulset", "data": {"name": "mq", "serviceName": "mq-headless"}},
                          {"id": "other", "type": "statefulset", "data": {"name": "x", "namespace": "elsewhere", "serviceName": "db"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "governing-service-not-headless",
                "/nodes/0/data/serviceName".into(),
                "db"
            )]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "statefulset \"db\" is governed by service \"db\", which is not headless: its pods get no stable DNS names"
        );
    }
}
