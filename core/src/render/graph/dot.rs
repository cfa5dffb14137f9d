//! Graphviz DOT, for `dot -Tsvg` and the many tools that read it.

use super::{Drawing, node_lines};
use crate::diagnostic::Diagnostic;
use crate::graph::WorkflowGraph;

/// The attributes of a node with an error.
const ERROR_STYLE: &str =
    "color=\"#c81e1e\", penwidth=2, style=\"rounded,filled\", fillcolor=\"#fde8e8\"";

/// The workflow as a left-to-right DOT digraph, nodes with an error in `diagnostics`
/// drawn in red (their class is `error`), edges that mean nothing dashed. Each node's
/// tooltip is its workflow id.
pub fn to_dot(graph: &WorkflowGraph<'_>, diagnostics: &[Diagnostic]) -> String {
    write(&Drawing::new(graph, diagnostics))
}

/// The DOT text of a drawing.
pub fn write(drawing: &Drawing) -> String {
    let mut out =
        String::from("digraph workflow {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
    for (position, node) in drawing.nodes.iter().enumerate() {
        let [kind, name] = node_lines(node);
        let error = if node.has_error {
            format!(", class=\"error\", {ERROR_STYLE}")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  n{position} [label=\"{}\\n{}\", tooltip=\"{}\"{error}];\n",
            escape(kind),
            escape(name),
            escape(&node.id)
        ));
    }
    for edge in &drawing.edges {
        let style = if edge.invalid {
            ", style=dashed, color=\"#c81e1e\""
        } else {
            ""
        };
        out.push_str(&format!(
            "  n{} -> n{} [label=\"{}\"{style}];\n",
            edge.source,
            edge.target,
            escape(&edge.label)
        ));
    }
    out.push_str("}\n");
    out
}

/// Text safe inside a quoted DOT string: quotes and backslashes escaped (a backslash
/// would otherwise start an escape such as `\N`, the node's name), line breaks and other
/// control characters spaces.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '"' => escaped.push_str("\\\""),
            '\\' => escaped.push_str("\\\\"),
            control if control.is_control() => escaped.push(' '),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::graph::{DrawnEdge, DrawnNode};

    #[test]
    fn quotes_and_backslashes_stay_inside_their_string() {
        let drawing = Drawing {
            nodes: vec![
                DrawnNode {
                    id: "a\"; n9 [x=\\".to_owned(),
                    kind: "Deployment".to_owned(),
                    name: "web\\N\n\"".to_owned(),
                    has_error: true,
                },
                DrawnNode {
                    id: "b".to_owned(),
                    kind: "Service".to_owned(),
                    name: String::new(),
                    has_error: false,
                },
            ],
            edges: vec![DrawnEdge {
                source: 1,
                target: 0,
                label: "invalid: no handle \"h\"".to_owned(),
                invalid: true,
            }],
        };
        assert_eq!(
            write(&drawing),
            "digraph workflow {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n\
             \x20 n0 [label=\"Deployment\\nweb\\\\N \\\"\", tooltip=\"a\\\"; n9 [x=\\\\\", \
             class=\"error\", color=\"#c81e1e\", penwidth=2, style=\"rounded,filled\", fillcolor=\"#fde8e8\"];\n\
             \x20 n1 [label=\"Service\\n(no name)\", tooltip=\"b\"];\n\
             \x20 n1 -> n0 [label=\"invalid: no handle \\\"h\\\"\", style=dashed, color=\"#c81e1e\"];\n\
             }\n"
        );
    }
}
