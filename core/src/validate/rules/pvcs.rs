//! Storage sizes: a PVC (and a StatefulSet claim template) must request a size, as a
//! positive Kubernetes quantity such as `10Gi`.

use super::{Check, Rule, required_text};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::{FieldPath, NodeData, NodeKind, Wire};
use crate::validate::syntax::quantity::parse_quantity;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::MissingStorage],
    check: Check::Nodes(&[NodeKind::PersistentVolumeClaim], check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    if let Some(NodeData::PersistentVolumeClaim(claim)) = node.data() {
        storage(cx, node, &claim.storage, || node.data_path().key("storage"));
    }
}

/// Reports a missing, malformed or non-positive storage size.
pub(super) fn storage(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    field: &Wire<String>,
    at: impl Fn() -> FieldPath,
) {
    let size = required_text(cx, field, || {
        let message = format!("{} requests no storage size", node.describe());
        node_problem(node, at(), Code::MissingStorage, message).hint("set a size such as `10Gi`")
    });
    let Some(size) = size else { return };
    let problem = match parse_quantity(size) {
        Ok(quantity) if quantity.is_negative() || quantity.is_zero() => {
            "must be above zero".to_owned()
        }
        Ok(_) => return,
        Err(problem) => problem,
    };
    let message = format!("storage \"{size}\" {problem}");
    cx.report(
        super::resources::invalid_quantity(node, at(), message)
            .hint("write a size such as `10Gi` or `500Mi`"),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn claims_request_a_valid_size() {
        let found = diagnostics_of(
            Code::MissingStorage,
            r#"{"nodes": [{"id": "a", "type": "persistentvolumeclaim", "data": {"name": "a"}},
                          {"id": "b", "type": "persistentvolumeclaim", "data": {"name": "b", "storage": "10GB"}},
                          {"id": "c", "type": "persistentvolumeclaim", "data": {"name": "c", "storage": "0"}},
                          {"id": "d", "type": "persistentvolumeclaim", "data": {"name": "d", "storage": "10Gi"}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("missing-storage", "/nodes/0/data/storage".into(), "a"),
                ("invalid-quantity", "/nodes/1/data/storage".into(), "b"),
                ("invalid-quantity", "/nodes/2/data/storage".into(), "c"),
            ]
        );
        assert_eq!(
            found[0].message,
            "persistentvolumeclaim \"a\" requests no storage size"
        );
    }
}
