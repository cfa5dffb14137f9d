//! Prints a generated workflow of the given number of nodes (default 10,000) as JSON, the
//! one the validation benchmark reads, for timing the command line on it:
//!
//! ```text
//! cargo run --release -p kubegraph --example generate_workflow -- 10000 > /tmp/wf10k.json
//! kubegraph validate /tmp/wf10k.json
//! ```

// A program of its own: it reads its argument and writes to standard output, which the
// library itself never does.
#![allow(clippy::disallowed_methods)]

#[path = "../benches/support/generated.rs"]
mod generated;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let nodes = match std::env::args().nth(1).map(|count| count.parse::<usize>()) {
        None => 10_000,
        Some(Ok(count)) => count,
        Some(Err(error)) => {
            eprintln!("usage: generate_workflow [NODES]: {error}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{}", generated::generated(nodes)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate_workflow: {error}");
            ExitCode::FAILURE
        }
    }
}
