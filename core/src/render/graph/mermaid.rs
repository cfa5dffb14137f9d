//! Mermaid flowcharts, which GitHub, GitLab and most Markdown viewers draw from a
//! ```` ```mermaid ```` block.

use super::{Drawing, node_lines};
use crate::diagnostic::Diagnostic;
use crate::graph::WorkflowGraph;

/// The style of a node with an error.
const ERROR_CLASS: &str = "classDef error fill:#fde8e8,stroke:#c81e1e,stroke-width:2px";

/// The workflow as a left-to-right Mermaid flowchart, nodes with an error in
/// `diagnostics` drawn in red, edges that mean nothing dotted.
pub fn to_mermaid(graph: &WorkflowGraph<'_>, diagnostics: &[Diagnostic]) -> String {
    write(&Drawing::new(graph, diagnostics))
}

/// The flowchart text of a drawing.
pub fn write(drawing: &Drawing) -> String {
    let mut out = String::from("flowchart LR\n");
    for (position, node) in drawing.nodes.iter().enumerate() {
        let [kind, name] = node_lines(node);
        out.push_str(&format!(
            "  n{position}[\"{}<br/>{}\"]\n",
            escape(kind),
            escape(name)
        ));
    }
    for edge in &drawing.edges {
        let arrow = if edge.invalid { "-.->" } else { "-->" };
        out.push_str(&format!(
            "  n{} {arrow}|\"{}\"| n{}\n",
            edge.source,
            escape(&edge.label),
            edge.target
        ));
    }
    let failing: Vec<String> = drawing
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.has_error)
        .map(|(position, _)| format!("n{position}"))
        .collect();
    if !failing.is_empty() {
        out.push_str(&format!(
            "  {ERROR_CLASS}\n  class {} error\n",
            failing.join(",")
        ));
    }
    out
}

/// Text safe inside a quoted Mermaid label: the characters Mermaid reads as syntax, entity
/// codes or HTML become entity codes, and line breaks and other control characters spaces.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '"' => escaped.push_str("#quot;"),
            '#' => escaped.push_str("#35;"),
            '<' => escaped.push_str("#lt;"),
            '>' => escaped.push_str("#gt;"),
            '&' => escaped.push_str("#amp;"),
            '`' => escaped.push_str("#96;"),
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

    fn node(kind: &str, name: &str, has_error: bool) -> DrawnNode {
        DrawnNode {
            id: "x".to_owned(),
            kind: kind.to_owned(),
            name: name.to_owned(),
            has_error,
        }
    }

    #[test]
    fn quotes_html_and_line_breaks_in_labels_cannot_end_the_label() {
        let drawing = Drawing {
            nodes: vec![
                node("Deployment", "a\"] --> evil[\"x", false),
                node("Service", "<b>#1&`\n", true),
            ],
            edges: vec![DrawnEdge {
                source: 1,
                target: 0,
                label: "routes /a|\"b".to_owned(),
                invalid: false,
            }],
        };
        let text = write(&drawing);
        assert_eq!(
            text,
            "flowchart LR\n\
             \x20 n0[\"Deployment<br/>a#quot;] --#gt; evil[#quot;x\"]\n\
             \x20 n1[\"Service<br/>#lt;b#gt;#35;1#amp;#96; \"]\n\
             \x20 n1 -->|\"routes /a|#quot;b\"| n0\n\
             \x20 classDef error fill:#fde8e8,stroke:#c81e1e,stroke-width:2px\n\
             \x20 class n1 error\n"
        );
        // Every label is one quoted string: the only quotes are the delimiters.
        for line in text.lines().skip(1).take(3) {
            assert_eq!(line.matches('"').count(), 2, "{line}");
        }
    }

    #[test]
    fn an_invalid_edge_is_dotted_and_no_error_class_without_errors() {
        let drawing = Drawing {
            nodes: vec![node("ConfigMap", "c", false)],
            edges: vec![DrawnEdge {
                source: 0,
                target: 0,
                label: "invalid: self loop".to_owned(),
                invalid: true,
            }],
        };
        let text = write(&drawing);
        assert!(
            text.contains("  n0 -.->|\"invalid: self loop\"| n0\n"),
            "{text}"
        );
        assert!(!text.contains("classDef"), "{text}");
    }
}
