//! `kubegraph graph`: draws a workflow as a Mermaid or DOT diagram on standard output.
//!
//! A workflow with errors is still drawn, its failing nodes marked, and the command exits
//! 0: the diagram is for looking at, `validate` is the check. Input that is not a workflow
//! prints why on standard error and exits 1.

use std::path::Path;

use kubegraph_bindings::{self as bindings, GraphFormat, Input};

use crate::shell::{self, EXIT_INPUT_ERRORS, Failure, read_input, write_stdout};

/// `kubegraph graph <FILE> --format mermaid|dot`.
pub(crate) fn graph(
    file: &str,
    plugins: Option<&Path>,
    format: GraphFormat,
) -> Result<u8, Failure> {
    let source = read_input(file)?;
    let options = shell::options(None, plugins)?;
    let output = bindings::graph(Input::Bytes(&source), &options, format);
    if output.text.is_empty() {
        shell::print_diagnostics(&output.diagnostics, None);
        return Ok(EXIT_INPUT_ERRORS);
    }
    write_stdout(&output.text)?;
    Ok(0)
}
