//! `kubegraph fix`: applies the one repair of every diagnostic that has one.
//!
//! As `ruff check --fix` does, the file is rewritten in place (`-` reads standard input and
//! writes the fixed workflow to standard output; `--output` writes it elsewhere). Each fix
//! applied is one line on standard error, then what is left. `--dry-run` writes nothing and
//! prints, on standard output, each fix with its JSON Patch operations. The exit code is
//! that of `validate` on the fixed workflow.

use std::fs;
use std::io::{self, Write};

use kubegraph::Code;
use kubegraph::diagnostic::{Diagnostic, PatchOperation, text};
use kubegraph_bindings::{self as bindings, Input};

use crate::shell::{self, Failure, exit_code, pretty_json, read_input, write_stdout};

/// What `kubegraph fix` was asked to do.
pub(crate) struct FixRequest<'a> {
    pub(crate) file: &'a str,
    pub(crate) plugins: Option<&'a std::path::Path>,
    pub(crate) codes: &'a [Code],
    pub(crate) dry_run: bool,
    pub(crate) output: Option<&'a str>,
}

pub(crate) fn fix(request: &FixRequest<'_>) -> Result<u8, Failure> {
    let source = read_input(request.file)?;
    let options = shell::options(None, request.plugins)?;
    let outcome = bindings::fix(Input::Bytes(&source), &options, request.codes);
    if outcome.workflow.is_null() {
        // The input could not be read: say why, as validate does.
        shell::print_diagnostics(&outcome.diagnostics, None);
        return Ok(exit_code(&outcome.diagnostics));
    }
    if request.dry_run {
        let plan: String = outcome.fixed.iter().map(planned).collect();
        let left = remaining(&outcome.diagnostics, outcome.fixed.len(), "would be fixed");
        write_stdout(&format!("{plan}{left}"))?;
        return Ok(exit_code(&outcome.diagnostics));
    }
    let report: String = outcome.fixed.iter().map(line).collect();
    let left = remaining(&outcome.diagnostics, outcome.fixed.len(), "fixed");
    let _ = io::stderr().write_all(format!("{report}{left}").as_bytes());
    let fixed = pretty_json(&outcome.workflow);
    match request.output.unwrap_or(request.file) {
        "-" => write_stdout(&fixed)?,
        // An unchanged file is left alone.
        path if outcome.fixed.is_empty() && path == request.file => {}
        path => fs::write(path, fixed)
            .map_err(|error| Failure(format!("cannot write {path}: {error}")))?,
    }
    Ok(exit_code(&outcome.diagnostics))
}

/// `fixed <code> at <path> (<node or edge>): <title>`.
fn line(diagnostic: &Diagnostic) -> String {
    let title = diagnostic.fix.as_ref().map_or("", |fix| fix.title.as_str());
    let place = diagnostic.pointer().unwrap_or_default();
    let owner = match (&diagnostic.location.node_id, &diagnostic.location.edge_id) {
        (Some(node), _) => format!(" (node {node})"),
        (None, Some(edge)) => format!(" (edge {edge})"),
        (None, None) => String::new(),
    };
    text::escape_controls(&format!(
        "fixed {} at {place}{owner}: {title}",
        diagnostic.code
    )) + "\n"
}

/// The report line followed by the fix's operations, one per line. Fixes of a later round
/// point into the workflow as the earlier rounds left it.
fn planned(diagnostic: &Diagnostic) -> String {
    let mut out = line(diagnostic).replacen("fixed", "would fix", 1);
    for edit in diagnostic.fix.iter().flat_map(|fix| &fix.edits) {
        let shown = match edit {
            PatchOperation::Remove { path } => format!("remove {path}"),
            PatchOperation::Test { path, value } => format!("test {path} {value}"),
            PatchOperation::Add { path, value } => format!("add {path} {value}"),
            PatchOperation::Replace { path, value } => format!("replace {path} {value}"),
        };
        out.push_str(&format!("  {}\n", text::escape_controls(&shown)));
    }
    out
}

/// `2 fixed; left: 0 errors, 1 warning` and the fixable ones left, if any.
fn remaining(diagnostics: &[Diagnostic], fixed: usize, verb: &str) -> String {
    let unfixed = diagnostics.iter().filter(|d| d.fix.is_some()).count();
    let left = text::summary(diagnostics);
    let unfixed = if unfixed == 0 {
        String::new()
    } else {
        format!(" ({unfixed} with a fix not applied: see `kubegraph validate`)")
    };
    format!("{fixed} {verb}; left: {left}{unfixed}\n")
}
