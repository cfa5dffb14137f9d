//! Validation speed on a generated 10,000-node workflow: 1,000 copies of a realistic
//! ten-node application (ingress, services, deployments, configuration, HPA, policy and a
//! rotating batch, stateful, daemon or plugin workload), about one edge per node, each copy
//! in its own namespace. The goal is `validate` under 10 ms, with the CLI's allocator
//! (mimalloc).

use criterion::{Criterion, criterion_group, criterion_main};

/// The allocator the CLI and the Python extension use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kubegraph::parse::{parse_plugins, parse_workflow};
use kubegraph::validate::{ValidateOptions, validate};

#[path = "support/generated.rs"]
mod generated;

/// Nodes in the generated workflow.
const NODES: usize = 10_000;

fn bench(c: &mut Criterion) {
    let text = generated::generated(NODES);
    // Where in memory the model lies moves the figure by a fifth: the first parse fills
    // the holes the generator left. A canvas or a service parses again and again, so the
    // workflow measured is one parsed after a few others, as in that steady state.
    for _ in 0..3 {
        drop(parse_workflow(&text));
    }
    let workflow = parse_workflow(&text).expect("generated workflow parses");
    let plugins = parse_plugins(generated::PLUGINS).expect("plugin definitions");
    let options = ValidateOptions { plugins: &plugins };
    let found = validate(&workflow, &options);
    let errors = found.iter().filter(|d| d.is_error()).count();
    assert_eq!(
        errors,
        0,
        "the generated workflow should be valid: {:#?}",
        &found[..found.len().min(5)]
    );
    eprintln!(
        "{} nodes, {} edges, {} warnings",
        workflow.nodes.items().len(),
        workflow.edges.items().len(),
        found.len()
    );
    c.bench_function("validate 10k nodes", |b| {
        b.iter(|| validate(&workflow, &options))
    });
    c.bench_function("parse+validate 10k nodes", |b| {
        b.iter(|| validate(&parse_workflow(&text).expect("parses"), &options))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
