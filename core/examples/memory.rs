//! Where the memory of the command line's cold path goes: the heap the generated workflow
//! takes at each step of `kubegraph validate` and `kubegraph compile` (YAML and JSON), with
//! the CLI's allocator (mimalloc) wrapped in a counter, since heap profilers do not see
//! mimalloc's allocations.
//!
//! ```text
//! cargo run --release -p kubegraph --example memory -- 10000
//! ```
//!
//! For each step: the heap live after it, and the most that was live during it (what
//! bounds the process's peak memory, together with mimalloc's own slack).

// A program of its own: it reads its argument and writes to standard error, which the
// library itself never does.
#![allow(clippy::disallowed_methods)]
// Counting the heap takes a global allocator, which is unsafe to implement; it only
// forwards to mimalloc.
#![allow(unsafe_code)]

#[path = "../benches/support/generated.rs"]
mod generated;

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

use kubegraph::compile::{CompileOptions, compile_to_json_list_stream, compile_to_yaml_stream};
use kubegraph::parse::{parse_plugins, parse_workflow_bytes};
use kubegraph::validate::{ValidateOptions, validate};

/// mimalloc, counting the bytes live and the most live since the last [`Counter::step`].
struct Counter {
    live: AtomicUsize,
    peak: AtomicUsize,
}

unsafe impl GlobalAlloc for Counter {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.grow(layout.size());
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.live.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.grow(new_size);
        self.live.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

impl Counter {
    fn grow(&self, bytes: usize) {
        let live = self.live.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.peak.fetch_max(live, Ordering::Relaxed);
    }

    /// Prints the step just done and starts the next.
    fn step(&self, name: &str) {
        let live = self.live.load(Ordering::Relaxed);
        let peak = self.peak.swap(live, Ordering::Relaxed);
        eprintln!(
            "{name:<28} live {:>7.1} MB   peak {:>7.1} MB",
            mb(live),
            mb(peak)
        );
    }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

#[global_allocator]
static COUNTER: Counter = Counter {
    live: AtomicUsize::new(0),
    peak: AtomicUsize::new(0),
};

fn main() {
    let nodes = std::env::args()
        .nth(1)
        .and_then(|given| given.parse().ok())
        .unwrap_or(10_000);
    let text = generated::generated(nodes).into_bytes();
    let plugins = parse_plugins(generated::PLUGINS).expect("plugin definitions");
    COUNTER.step(&format!("text ({} KB)", text.len() / 1000));

    let workflow = parse_workflow_bytes(&text).expect("the generated workflow parses");
    COUNTER.step("parse");
    drop(text);
    COUNTER.step("text dropped");

    let found = validate(&workflow, &ValidateOptions { plugins: &plugins });
    assert!(found.iter().all(|found| !found.is_error()), "{found:?}");
    drop(found);
    COUNTER.step("validate");

    let options = CompileOptions {
        plugins: &plugins,
        ..CompileOptions::default()
    };
    for (name, stream) in [
        ("compile (YAML)", compile_to_yaml_stream as fn(_, _) -> _),
        ("compile (JSON)", compile_to_json_list_stream),
    ] {
        let compiled = stream(&workflow, &options);
        assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
        COUNTER.step(name);
        compiled
            .write_to(&mut std::io::sink())
            .expect("a sink takes everything");
        drop(compiled);
        COUNTER.step("  written and dropped");
    }
}
