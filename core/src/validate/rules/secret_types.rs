//! Typed Secrets need particular keys: `kubernetes.io/tls` needs `tls.crt` and `tls.key`,
//! `kubernetes.io/dockerconfigjson` needs `.dockerconfigjson`. Kubernetes rejects the
//! Secret otherwise.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::{NodeData, NodeKind};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::MissingSecretKey],
    check: Check::Nodes(&[NodeKind::Secret], check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(NodeData::Secret(secret)) = node.data() else {
        return;
    };
    let Some(secret_type) = secret.secret_type.get() else {
        return;
    };
    let keys = secret.keys.items();
    let missing: Vec<&str> = secret_type
        .required_keys()
        .iter()
        .copied()
        .filter(|required| {
            !keys
                .iter()
                .any(|key| key.name.non_empty() == Some(*required))
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let message = format!(
        "{} has type {secret_type} but lacks {}, which Kubernetes requires",
        node.describe(),
        missing.join(" and ")
    );
    cx.report(
        node_problem(
            node,
            node.data_path().key("secretType"),
            Code::MissingSecretKey,
            message,
        )
        .hint(format!(
            "add {} to the keys, or change the type",
            missing.join(" and ")
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn typed_secrets_need_their_keys() {
        let found = diagnostics_of(
            Code::MissingSecretKey,
            r#"{"nodes": [{"id": "t", "type": "secret", "data": {"name": "cert", "secretType": "kubernetes.io/tls", "keys": [{"name": "tls.crt"}]}},
                          {"id": "d", "type": "secret", "data": {"name": "pull", "secretType": "kubernetes.io/dockerconfigjson", "keys": []}},
                          {"id": "o", "type": "secret", "data": {"name": "plain", "secretType": "Opaque"}},
                          {"id": "ok", "type": "secret", "data": {"name": "ok", "secretType": "kubernetes.io/tls", "keys": [{"name": "tls.key"}, {"name": "tls.crt"}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("missing-secret-key", "/nodes/0/data/secretType".into(), "t"),
                ("missing-secret-key", "/nodes/1/data/secretType".into(), "d"),
            ]
        );
        assert_eq!(
            found[0].message,
            "secret \"cert\" has type kubernetes.io/tls but lacks tls.key, which Kubernetes requires"
        );
    }
}
