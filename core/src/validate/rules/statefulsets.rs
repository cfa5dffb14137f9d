//! StatefulSets: a governing Service name (optional in Kubernetes, but without it the
//! pods get no stable DNS names), and volume claim templates that are named, uniquely, and sized.
//! A missing serviceName is fixed only when exactly one headless Service selects the
//! StatefulSet: that Service is then plainly the one meant.

use super::{Check, Rule, required_text};
use crate::diagnostic::{Code, Fix, PatchOperation};
use crate::graph::{GraphNode, Relation, WorkflowGraph};
use crate::model::kinds::VolumeClaimTemplate;
use crate::model::{NodeData, NodeKind};
use crate::validate::syntax::names;
use crate::validate::{Context, FastSet, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::MissingServiceName, Code::DuplicateClaimTemplate],
    check: Check::Nodes(&[NodeKind::StatefulSet], check),
};

fn check<'a>(cx: &mut Context<'a>, position: usize, node: &'a GraphNode<'a>) {
    let Some(NodeData::StatefulSet(set)) = node.data() else {
        return;
    };
    let graph = cx.graph;
    let service_name = required_text(cx, &set.service_name, || {
        let at = node.data_path().key("serviceName");
        let fix = headless_service(graph, position).map(|name| {
            Fix::new(
                format!("Set serviceName to \"{name}\""),
                vec![PatchOperation::add(&at, name)],
            )
        });
        let message = format!(
            "{} has no serviceName: its pods get no stable DNS names",
            node.describe()
        );
        node_problem(node, at, Code::MissingServiceName, message)
            .hint("set serviceName, for example `<name>-headless`, if the pods must be reached by name; kubegraph generates the headless Service when the graph has none")
            .fix(fix)
    });
    if let Some(name) = service_name
        && let Err(problem) = names::dns1123_label(name)
    {
        let message = format!("serviceName \"{name}\" is not a valid Service name: it {problem}");
        cx.report(
            super::names::invalid_name(node, node.data_path().key("serviceName"), message)
                .hint("use lower-case letters, digits and '-', starting with a letter"),
        );
    }
    let mut seen = FastSet::default();
    for (index, template) in set.volume_claim_templates.items().iter().enumerate() {
        claim_template(cx, node, index, template, &mut seen);
    }
}

/// The name of the one headless Service whose edge selects the StatefulSet at `position`,
/// when there is exactly one and its name is a valid Service name.
fn headless_service<'a>(graph: &'a WorkflowGraph<'a>, position: usize) -> Option<&'a str> {
    let mut headless = graph
        .incoming(position)
        .filter(|(_, relation)| *relation == Relation::Selects)
        .map(|(edge, _)| graph.at(edge.source))
        .filter(
            |service| matches!(service.data(), Some(NodeData::Service(data)) if data.is_headless()),
        )
        .map(GraphNode::name);
    let name = headless.next()?;
    let only = headless.all(|other| other == name);
    (only && names::dns1123_label(name).is_ok()).then_some(name)
}

fn claim_template<'a>(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    index: usize,
    template: &'a VolumeClaimTemplate,
    seen: &mut FastSet<&'a str>,
) {
    let at = |key: &str| {
        node.data_path()
            .key("volumeClaimTemplates")
            .index(index)
            .key(key)
    };
    match template.name.non_empty() {
        None if template.name.is_invalid() => {}
        None => {
            let message = format!("volumeClaimTemplates[{index}] has no name");
            cx.report(
                super::node_types::missing_field(node, at("name"), message)
                    .hint("name the claim template, for example `data`"),
            );
        }
        Some(name) => {
            if let Err(problem) = names::dns1123_label(name) {
                let message = format!("claim template name \"{name}\" is not valid: it {problem}");
                cx.report(
                    super::names::invalid_name(node, at("name"), message)
                        .hint("use lower-case letters, digits and '-'"),
                );
            } else if !seen.insert(name) {
                let message = format!(
                    "claim template name \"{name}\" is used twice in {}",
                    node.describe()
                );
                cx.report(
                    node_problem(node, at("name"), Code::DuplicateClaimTemplate, message)
                        .hint("rename one of them"),
                );
            }
        }
    }
    super::pvcs::storage(cx, node, &template.storage, || at("storage"));
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn service_name_and_claim_templates_are_checked() {
        let found = diagnostics_of(
            Code::MissingServiceName,
            r#"{"nodes": [{"id": "a", "type": "statefulset", "data": {"name": "db", "volumeClaimTemplates": [
                              {"name": "data", "storage": "10Gi"}, {"name": "data", "storage": "ten"}, {"storage": "1Gi"}, {"name": "logs"}]}},
                          {"id": "b", "type": "statefulset", "data": {"name": "ok", "serviceName": "ok-headless",
                              "volumeClaimTemplates": [{"name": "data", "storage": "1Gi"}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "missing-service-name",
                    "/nodes/0/data/serviceName".into(),
                    "a"
                ),
                (
                    "duplicate-claim-template",
                    "/nodes/0/data/volumeClaimTemplates/1/name".into(),
                    "a"
                ),
                (
                    "invalid-quantity",
                    "/nodes/0/data/volumeClaimTemplates/1/storage".into(),
                    "a"
                ),
                (
                    "missing-field",
                    "/nodes/0/data/volumeClaimTemplates/2/name".into(),
                    "a"
                ),
                (
                    "missing-storage",
                    "/nodes/0/data/volumeClaimTemplates/3/storage".into(),
                    "a"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn the_one_connected_headless_service_is_the_fix() {
        let found = diagnostics_of(
            Code::MissingServiceName,
            r#"{"nodes": [{"id": "a", "type": "statefulset", "data": {"name": "db"}},
                          {"id": "h", "type": "service", "data": {"name": "db-headless", "clusterIP": "None"}},
                          {"id": "v", "type": "service", "data": {"name": "db"}},
                          {"id": "b", "type": "statefulset", "data": {"name": "cache", "serviceName": " "}},
                          {"id": "h1", "type": "service", "data": {"name": "cache-a", "clusterIP": "None"}},
                          {"id": "h2", "type": "service", "data": {"name": "cache-b", "clusterIP": "None"}}],
                "edges": [{"id": "e1", "source": "h", "target": "a"}, {"id": "e2", "source": "v", "target": "a"},
                          {"id": "e3", "source": "h1", "target": "b"}, {"id": "e4", "source": "h2", "target": "b"}]}"#,
        );
        let fix = found[0].fix.as_ref().expect("one headless Service: a fix");
        assert_eq!(fix.title, "Set serviceName to \"db-headless\"");
        assert_eq!(
            serde_json::to_value(&fix.edits).expect("serializable"),
            serde_json::json!([{"op": "add", "path": "/nodes/0/data/serviceName", "value": "db-headless"}])
        );
        // Two headless Services: which one governs is not certain.
        assert_eq!(found[1].location.node_id.as_deref(), Some("b"));
        assert!(found[1].fix.is_none());
    }
}
