//! Compiles the generated 10,000-node workflow to its YAML stream (10,200 objects), then
//! imports that stream N times (N from the first argument, default 1), as
//! `kubegraph import manifests` does. For counting the instructions of one import with
//! callgrind: Ir(2) - Ir(1).
//!
//! ```text
//! cargo build --profile bench -p kubegraph --example import_manifests
//! valgrind --tool=callgrind target/release/examples/import_manifests 2
//! ```

// A program of its own: it reads its argument, which the library itself never does.
#![allow(clippy::disallowed_methods)]

use std::hint::black_box;

#[path = "../benches/support/generated.rs"]
mod generated;

#[path = "../benches/support/manifests.rs"]
mod manifests;

/// The allocator the CLI and the Python extension use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kubegraph::import::manifests::import_manifests;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|given| given.parse().ok())
        .unwrap_or(1);
    let (yaml, _) = manifests::generated_manifests(10_000);
    for _ in 0..count {
        black_box(import_manifests(black_box(&yaml)));
    }
}
