//! Times the facade natively, for `bench/bench.mjs`'s comparison with the wasm build.
//!
//! `native_timing FILE [VALUES] [RUNS]` prints `{"validateMs": .., "compileMs": ..}`: the
//! median over RUNS (default 21) of `validate` and `compile` on the file's text, exactly
//! the calls the JS functions make, so process start and file reading are left out.

use std::hint::black_box;
use std::time::Instant;
use std::{env, fs};

use kubegraph_bindings::{Input, Options, compile, validate};

fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let mut args = env::args().skip(1);
    let file = args
        .next()
        .expect("usage: native_timing FILE [VALUES] [RUNS]");
    let text = fs::read_to_string(&file).expect("readable workflow");
    let values = args.next().filter(|path| !path.is_empty()).map(|path| {
        serde_json::from_str(&fs::read_to_string(path).expect("readable values"))
            .expect("values JSON")
    });
    let runs = args
        .next()
        .map_or(21, |runs| runs.parse().expect("RUNS is a number"));
    let options = Options {
        values,
        ..Options::default()
    };
    // Once first, so neither median includes first-touch costs.
    let checked = compile(Input::Text(&text), &options);
    assert!(!checked.has_errors(), "the workflow must compile");
    let validate_ms = median_ms(runs, || {
        black_box(validate(Input::Text(&text), &options));
    });
    let compile_ms = median_ms(runs, || {
        black_box(compile(Input::Text(&text), &options));
    });
    println!("{{\"validateMs\": {validate_ms:.3}, \"compileMs\": {compile_ms:.3}}}");
}
