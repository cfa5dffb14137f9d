//! What every command shares: reading the workflow and its options, printing
//! diagnostics, writing output, and the exit codes.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use clap::ValueEnum;
use kubegraph::Diagnostic;
use kubegraph::diagnostic::text;
use kubegraph::model::Workflow;
use kubegraph_bindings::{Input, Options};
use serde_json::Value;

/// How diagnostics and reports are printed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum DiagnosticFormat {
    Text,
    Json,
}

/// A problem that stops the tool itself (exit code 2).
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

/// The input has errors, or applying failed.
pub(crate) const EXIT_INPUT_ERRORS: u8 = 1;
/// A usage or I/O problem.
pub(crate) const EXIT_FAILURE: u8 = 2;

/// Exit code 1 when any diagnostic is an error, else 0.
pub(crate) fn exit_code(diagnostics: &[Diagnostic]) -> u8 {
    if kubegraph::diagnostic::has_errors(diagnostics) {
        EXIT_INPUT_ERRORS
    } else {
        0
    }
}

/// The facade's options with the values and plugins files read (not yet checked: the
/// facade checks them, as it does for every front end).
pub(crate) fn options(values: Option<&Path>, plugins: Option<&Path>) -> Result<Options, Failure> {
    Ok(Options {
        values: values.map(read_json).transpose()?,
        plugins: plugins.map(read_json).transpose()?,
        ..Options::default()
    })
}

/// Reads an options file (values or plugins). A file that is not JSON stops the tool:
/// the mistake is in an argument, not in the workflow.
fn read_json(path: &Path) -> Result<Value, Failure> {
    let text = fs::read_to_string(path)
        .map_err(|error| Failure(format!("cannot read {}: {error}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|error| Failure(format!("{} is not valid JSON: {error}", path.display())))
}

/// The bytes of `file`, or of standard input for `-`. They are not decoded here: bytes
/// that are not UTF-8 are a mistake in the workflow, which the facade reports.
pub(crate) fn read_input(file: &str) -> Result<Vec<u8>, Failure> {
    if file == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|error| Failure(format!("cannot read standard input: {error}")))?;
        return Ok(bytes);
    }
    fs::read(file).map_err(|error| Failure(format!("cannot read {file}: {error}")))
}

/// The workflow in `file` (`-`: standard input), or the diagnostic saying why it cannot
/// be read. The bytes are dropped once read: what validating and compiling allocate then
/// reuses their memory.
pub(crate) fn load_input(file: &str) -> Result<Result<Workflow, Diagnostic>, Failure> {
    let source = read_input(file)?;
    Ok(kubegraph_bindings::load(Input::Bytes(&source)))
}

/// Lets the process's exit reclaim `value` instead of freeing it piece by piece: the
/// command is done with it, and dropping a 10,000-node model (hundreds of thousands of
/// small allocations) is time the user waits for after the output is written.
pub(crate) fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Prints compile diagnostics, if any, to standard error as text.
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], workflow: Option<&Workflow>) {
    if !diagnostics.is_empty() {
        let _ = io::stderr().write_all(text::to_text(diagnostics, workflow).as_bytes());
    }
}

pub(crate) fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(stdout_failure)
}

/// Standard output for a large output written in few calls (`write_vectored`): on Unix a
/// duplicate of its descriptor, since Rust's standard output is line-buffered and would
/// copy every piece and look for its line breaks first; elsewhere, buffered.
#[cfg(unix)]
pub(crate) fn bulk_stdout() -> io::Result<impl Write> {
    use std::os::fd::AsFd;
    io::stdout().flush()?;
    Ok(fs::File::from(io::stdout().as_fd().try_clone_to_owned()?))
}

/// Standard output for a large output written in few calls (see the Unix version).
#[cfg(not(unix))]
pub(crate) fn bulk_stdout() -> io::Result<impl Write> {
    Ok(io::BufWriter::new(io::stdout().lock()))
}

/// The failure of writing to standard output.
pub(crate) fn stdout_failure(error: io::Error) -> Failure {
    Failure(format!("cannot write to standard output: {error}"))
}

/// Indented JSON and a final newline.
pub(crate) fn pretty_json(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("reports serialize to JSON");
    text.push('\n');
    text
}
