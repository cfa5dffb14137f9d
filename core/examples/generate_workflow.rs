//! Prints a generated workflow of the given number of nodes (default 10,000) as JSON, the
//! one the validation benchmark reads, for timing the command line on it; with `plugins`
//! instead of a number, the plugin definitions its plugin nodes need:
//!
//! ```text
//! cargo run --release -p kubegraph --example generate_workflow -- 10000 > /tmp/wf10k.json
//! cargo run --release -p kubegraph --example generate_workflow -- plugins > /tmp/plugins.json
//! kubegraph validate /tmp/wf10k.json --plugins /tmp/plugins.json
//! ```

// A program of its own: it reads its argument and writes to standard output, which the
// library itself never does.
#![allow(clippy::disallowed_methods)]

#[path = "../benches/support/generated.rs"]
mod generated;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let argument = std::env::args().nth(1);
    let text = match argument
        .as_deref()
        .map(|given| (given, given.parse::<usize>()))
    {
        None => generated::generated(10_000),
        Some(("plugins", _)) => generated::PLUGINS.to_owned(),
        Some((_, Ok(count))) => generated::generated(count),
        Some((_, Err(error))) => {
            eprintln!("usage: generate_workflow [NODES | plugins]: {error}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate_workflow: {error}");
            ExitCode::FAILURE
        }
    }
}
