//! `kubegraph import compose`: a docker-compose file turned into a workflow.
//!
//! The workflow goes to standard output (or `-o`), the secret values found in the compose
//! file to `--values-out` only (never beside the workflow: it may be stored), and what
//! could not be carried over to standard error. Exit 1 when the compose file has errors
//! (what they name is left out of the workflow, which is still written), else 0.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use kubegraph::diagnostic::text;
use kubegraph_bindings::{self as bindings, Input};

use crate::shell::{Failure, exit_code, pretty_json, read_input, write_stdout};

/// The arguments of `kubegraph import compose`.
#[derive(Debug, Args)]
pub(crate) struct ComposeArgs {
    /// docker-compose file (YAML), or `-` for standard input.
    file: String,
    /// Write the workflow here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write the secret values found in the compose file here, as `compile --values`
    /// reads them.
    #[arg(long, value_name = "FILE")]
    values_out: Option<PathBuf>,
}

pub(crate) fn import_compose(args: &ComposeArgs) -> Result<u8, Failure> {
    let source = read_input(&args.file)?;
    let text = String::from_utf8(source)
        .map_err(|_| Failure(format!("{} is not UTF-8 text", args.file)))?;
    let imported = bindings::import_compose(&text);
    let workflow = bindings::load(Input::Value(imported.workflow.clone())).ok();
    if !imported.diagnostics.is_empty() {
        let report = text::to_text(&imported.diagnostics, workflow.as_ref());
        let _ = io::stderr().write_all(report.as_bytes());
    }
    if imported.workflow.is_null() {
        return Ok(exit_code(&imported.diagnostics));
    }
    let has_values = imported.values["secrets"]
        .as_object()
        .is_some_and(|secrets| !secrets.is_empty());
    match &args.values_out {
        Some(path) => write(path, &pretty_json(&imported.values))?,
        None if has_values => {
            let _ = writeln!(
                io::stderr(),
                "kubegraph: the compose file holds secret values; they are not written without \
                    --values-out"
            );
        }
        None => {}
    }
    let workflow = pretty_json(&imported.workflow);
    match &args.output {
        Some(path) => write(path, &workflow)?,
        None => write_stdout(&workflow)?,
    }
    Ok(exit_code(&imported.diagnostics))
}

fn write(path: &std::path::Path, text: &str) -> Result<(), Failure> {
    fs::write(path, text)
        .map_err(|error| Failure(format!("cannot write {}: {error}", path.display())))
}
