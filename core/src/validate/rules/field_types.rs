//! Values of the wrong JSON type, or outside a closed set of values.
//!
//! Reading keeps such values verbatim (see [`crate::model::Wire`]); this rule reports each
//! one with a pointer to it, for the workflow envelope, every node and every edge. A
//! first pass that builds no paths skips the walk for documents without such values.

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{CheckWire, FieldPath, InvalidField, Segment, Workflow};
use crate::parse::without_quoted_value;
use crate::validate::Context;

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidType, Code::InvalidEnum],
    check: Check::Keyed(check, recheck),
};

fn check(cx: &mut Context<'_>) {
    let workflow = cx.workflow();
    if !workflow.has_invalid() {
        return;
    }
    let mut found = Vec::new();
    workflow.collect_invalid(&mut FieldPath::root(), &mut found);
    report(cx, workflow, found);
}

/// Only the changed node's or added or replaced edge's own values matter.
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let workflow = cx.workflow();
    let mut found = Vec::new();
    match *change {
        Change::Node(ref change) => {
            let index = cx.graph.at(change.position).index;
            redo.nodes.insert(index);
            let Some(node) = workflow.nodes.items().get(index) else {
                return;
            };
            if node.has_invalid() {
                node.collect_invalid(&mut FieldPath::node(index), &mut found);
            }
        }
        Change::EdgeAdded { index, .. } | Change::EdgeReplaced { index, .. } => {
            redo.edges.insert(index);
            let Some(edge) = workflow.edges.items().get(index) else {
                return;
            };
            if edge.has_invalid() {
                edge.collect_invalid(&mut FieldPath::edge(index), &mut found);
            }
        }
        Change::EdgeRemoved { .. } | Change::NodeRemoved { .. } => return,
    }
    report(cx, workflow, found);
}

/// Reports each refused value.
fn report(cx: &mut Context<'_>, workflow: &Workflow, found: Vec<InvalidField>) {
    for InvalidField { path, reason } in found {
        let code = if reason.starts_with("unknown variant") {
            Code::InvalidEnum
        } else {
            Code::InvalidType
        };
        let field = field_name(&path);
        let mut diagnostic =
            Diagnostic::new(code, format!("{field}: {}", plain(&reason))).at(path.clone());
        if let Some(id) = owner_id(workflow, &path) {
            diagnostic = match path.segments().first() {
                Some(Segment::Key(key)) if key == "edges" => diagnostic.edge(id),
                _ => diagnostic.node(id),
            };
        }
        diagnostic = diagnostic.hint(if code == Code::InvalidType {
            "see the JSON Schema (`kubegraph schema workflow`) for the expected type"
        } else {
            "use one of the values listed in the message"
        });
        cx.report(diagnostic);
    }
}

/// The last key of the path, with the index when the value is a list item.
fn field_name(path: &FieldPath) -> String {
    let mut name = String::new();
    for segment in path.segments().iter().rev() {
        match segment {
            Segment::Index(index) if name.is_empty() => name = format!("[{index}]"),
            Segment::Index(_) => {}
            Segment::Key(key) => return format!("{key}{name}"),
        }
    }
    if name.is_empty() {
        "value".to_owned()
    } else {
        name
    }
}

/// serde's wording, minus the quoted value.
fn plain(reason: &str) -> String {
    without_quoted_value(reason)
        .unwrap_or_else(|| reason.replace("unknown variant", "unknown value"))
}

/// The id of the node or edge a path points into.
fn owner_id<'a>(workflow: &'a Workflow, path: &FieldPath) -> Option<&'a str> {
    match path.segments() {
        [Segment::Key(list), Segment::Index(index), ..] if list == "nodes" => {
            workflow.nodes.items().get(*index)?.get()?.id.as_str()
        }
        [Segment::Key(list), Segment::Index(index), ..] if list == "edges" => {
            workflow.edges.items().get(*index)?.get()?.id.as_str()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn reports_every_wrongly_typed_field_with_its_pointer() {
        let found = diagnostics_of(
            Code::InvalidType,
            r#"{"nodes": [{"id": "n1", "type": "deployment", "data": {"name": "a", "replicas": "three", "port": 80.5}},
                          {"id": "n2", "type": "service", "data": {"serviceType": "Internal"}}],
                "edges": [{"id": "e1", "source": 7, "target": "n1"}]}"#,
        );
        let summary: Vec<_> = found
            .iter()
            .map(|d| (d.code.as_str(), d.pointer().unwrap_or_default()))
            .collect();
        assert_eq!(
            summary,
            [
                ("invalid-type", "/edges/0/source".to_owned()),
                ("invalid-type", "/nodes/0/data/port".to_owned()),
                ("invalid-type", "/nodes/0/data/replicas".to_owned()),
                ("invalid-enum", "/nodes/1/data/serviceType".to_owned()),
            ]
        );
        assert_eq!(found[3].location.node_id.as_deref(), Some("n2"));
        assert_eq!(found[0].location.edge_id.as_deref(), Some("e1"));
        assert!(
            found[3].message.contains("ClusterIP"),
            "{}",
            found[3].message
        );
    }

    #[test]
    fn integral_floats_and_nulls_are_accepted() {
        let found = diagnostics_of(
            Code::InvalidType,
            r#"{"nodes": [{"id": "n1", "type": "deployment", "data": {"replicas": 3.0, "port": null}}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
