//! The custom resource a plugin node makes: its kind and apiVersion must follow from the
//! plugin definition. The designer names node types after kinds loosely (`pg-cluster` for
//! `Cluster`); the reference finds the kind by comparing the type name with `crdKinds`
//! ignoring case, `-` and `_`, accepting a kind that contains the name or is contained in
//! it. kubegraph does the same and says which kind it chose when the match was not exact
//! ([`PluginDefinition::resolve_kind`]); a definition that gives no kind, or no
//! apiVersion, is an error here, and compiling leaves the node out without a word.
//!
//! Nodes without a definition are the `plugins` rule's (`unknown-plugin`).

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::{KindMatch, NodeData, NodeKind, PluginDefinition};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::PluginKindGuessed, Code::UnresolvedPluginKind],
    check: Check::Nodes(&[NodeKind::Plugin], check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(NodeData::Plugin(data)) = node.data() else {
        return;
    };
    let Some((plugin, node_type)) = data.definition(cx.options.plugins) else {
        return;
    };
    let type_name = data.template_id.non_empty().unwrap_or_default();
    let at = || node.data_path().key("templateId");
    let plugin_id = plugin_name(plugin);
    match plugin.resolve_kind(node_type, type_name) {
        None => {
            let kinds = plugin.crd_kinds.items().join(", ");
            let message = format!(
                "{}: no kind of plugin \"{plugin_id}\" matches node type \"{type_name}\" (crdKinds: {kinds})",
                node.describe()
            );
            cx.report(
                node_problem(node, at(), Code::UnresolvedPluginKind, message).hint(
                    "add `kind` to the node type in the plugin definition, or name the node type after one of its crdKinds",
                ),
            );
        }
        Some(KindMatch::Guessed { kind, others }) => {
            let mut message = format!(
                "{}: node type \"{type_name}\" makes a {kind}, the first of plugin \"{plugin_id}\"'s crdKinds that contains the name or is contained in it",
                node.describe()
            );
            if !others.is_empty() {
                message.push_str(&format!(" (also matching: {})", others.join(", ")));
            }
            cx.report(
                node_problem(node, at(), Code::PluginKindGuessed, message).hint(format!(
                    "name the node type after the kind (`{}`), or add `kind: {kind}` to it in the plugin definition",
                    kind.to_ascii_lowercase()
                )),
            );
        }
        Some(KindMatch::Exact(_)) => {}
    }
    if plugin.api_version(node_type).is_none() {
        let message = format!(
            "{}: plugin \"{plugin_id}\" has no crdGroup and node type \"{type_name}\" no apiVersion",
            node.describe()
        );
        cx.report(
            node_problem(node, at(), Code::UnresolvedPluginKind, message)
                .hint("add `apiVersion` to the node type in the plugin definition"),
        );
    }
}

/// The plugin as messages name it: its id, else its name.
fn plugin_name(plugin: &PluginDefinition) -> &str {
    plugin
        .id
        .non_empty()
        .or_else(|| plugin.name.non_empty())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::model::PluginDefinition;
    use crate::validate::ValidateOptions;
    use crate::validate::tests::{diagnostics_with, summary};

    const PLUGINS: &str = r#"{"plugins": [{"id": "cnpg", "crdGroup": "postgresql.cnpg.io",
        "crdKinds": ["Cluster", "Backup", "ScheduledBackup", "Pooler"],
        "nodeTypes": [{"name": "pg-cluster"}, {"name": "scheduled_backup"}, {"name": "backup"},
                      {"name": "scheduled-backups"}, {"name": "database"}, {"name": "pooler", "kind": "Pooler"}]},
        {"id": "groupless", "crdKinds": ["Widget"], "nodeTypes": [{"name": "widget"}]}]}"#;

    fn node(id: &str, template: &str) -> String {
        format!(
            r#"{{"id": "{id}", "type": "plugin", "data": {{"name": "{id}", "templateId": "{template}"}}}}"#
        )
    }

    #[test]
    fn kinds_resolve_as_the_reference_resolves_them() {
        let plugins = crate::parse::parse_plugins(PLUGINS).expect("catalogue body");
        let nodes = [
            node("exact", "backup"),
            node("spelled", "scheduled_backup"),
            node("contained", "pg-cluster"),
            node("several", "scheduled-backups"),
            node("unmatched", "database"),
            node("named", "pooler"),
            node("groupless", "widget"),
        ]
        .join(",");
        let found = diagnostics_with(
            Code::PluginKindGuessed,
            &format!(r#"{{"nodes": [{nodes}]}}"#),
            ValidateOptions { plugins: &plugins },
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "plugin-kind-guessed",
                    "/nodes/2/data/templateId".into(),
                    "contained"
                ),
                (
                    "plugin-kind-guessed",
                    "/nodes/3/data/templateId".into(),
                    "several"
                ),
                (
                    "unresolved-plugin-kind",
                    "/nodes/4/data/templateId".into(),
                    "unmatched"
                ),
                (
                    "unresolved-plugin-kind",
                    "/nodes/6/data/templateId".into(),
                    "groupless"
                ),
            ]
        );
        assert!(found[0].message.contains("makes a Cluster"), "{found:#?}");
        assert!(
            found[1].message.contains("makes a Backup")
                && found[1].message.contains("also matching: ScheduledBackup"),
            "{found:#?}"
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[2].severity, Severity::Error);
    }

    #[test]
    fn without_a_definition_the_plugins_rule_speaks() {
        let plugins: Vec<PluginDefinition> = Vec::new();
        let found = diagnostics_with(
            Code::UnresolvedPluginKind,
            &format!(r#"{{"nodes": [{}]}}"#, node("a", "pg-cluster")),
            ValidateOptions { plugins: &plugins },
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
