//! The native side of `python/bench.py`: compiles one workflow file through the facade the
//! Python package wraps, from JSON text as Python gets it, and prints the median as JSON.
//!
//! `cargo bench -p kubegraph-bindings --bench compile_1000 -- WORKFLOW [VALUES] [RUNS]`.
//! `python/bench.py` generates the 1,000-node workflow and runs this; without a workflow
//! file it only says so, so that `cargo bench --workspace` still passes.

use std::error::Error;
use std::hint::black_box;
use std::time::Instant;

use kubegraph_bindings::{self as bindings, Input, Options};
use serde_json::Value;

/// The allocator the CLI and the Python extension use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn Error>> {
    // cargo passes `--bench` to every bench target; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let Some(workflow) = args.first() else {
        println!(
            "compile_1000: no workflow file given; python/bench.py generates one and runs this"
        );
        return Ok(());
    };
    let text = std::fs::read_to_string(workflow)?;
    let values: Option<Value> = match args.get(1) {
        Some(path) => Some(serde_json::from_str(&std::fs::read_to_string(path)?)?),
        None => None,
    };
    let runs: usize = match args.get(2) {
        Some(runs) => runs.parse()?,
        None => 50,
    };
    if runs == 0 {
        return Err("RUNS must be at least 1".into());
    }
    let options = Options {
        values,
        ..Options::default()
    };

    let mut output = bindings::compile(Input::Text(&text), &options);
    if output.has_errors() {
        return Err(bindings::diagnostics_json(&output.diagnostics).into());
    }
    let mut seconds = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        output = black_box(bindings::compile(Input::Text(black_box(&text)), &options));
        seconds.push(start.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    let report = serde_json::json!({
        "median_ms": seconds[runs / 2] * 1e3,
        "runs": runs,
        "objects": output.objects.len(),
        "yaml_bytes": output.yaml.len(),
    });
    println!("{report}");
    Ok(())
}
