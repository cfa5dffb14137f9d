//! Importing a 10,000-object manifest stream: the generated 10,000-node workflow of the
//! validation benchmark compiled to YAML, then imported back into a workflow (YAML
//! reading, nodes, edges, layout). Goal: under 200 ms.
//!
//! `cargo bench -p kubegraph --bench import`; a one-line summary (objects, best of ten)
//! is printed before criterion's own report. It runs with the CLI's allocator, mimalloc.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

/// The allocator the CLI and the Python extension use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kubegraph::import::manifests::import_manifests;
use kubegraph::import::yaml::{Schema, parse_documents};

#[path = "support/generated.rs"]
mod generated;

#[path = "support/manifests.rs"]
mod manifests;

/// Nodes in the generated workflow.
const NODES: usize = 10_000;

fn bench(c: &mut Criterion) {
    let (yaml, objects) = manifests::generated_manifests(NODES);
    assert!(objects >= NODES, "{objects} objects");
    let best = (0..10)
        .map(|_| {
            let start = Instant::now();
            black_box(import_manifests(black_box(&yaml)));
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::ZERO);
    println!(
        "import of {objects} objects ({} MB of YAML): best of 10 {:.1} ms (goal 200 ms)",
        yaml.len() / 1_000_000,
        best.as_secs_f64() * 1000.0
    );
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("manifests_10000", |b| {
        b.iter(|| import_manifests(black_box(&yaml)));
    });
    group.bench_function("yaml_read_only", |b| {
        b.iter(|| parse_documents(black_box(&yaml), Schema::Kubernetes));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
