//! The generated workflow's compiled YAML stream, the input of the import benchmark and
//! the `import_manifests` example. Include it beside `generated.rs`.

use kubegraph::parse::{parse_plugins, parse_workflow};
use kubegraph::{CompileOptions, compile};

use super::generated;

/// The YAML stream the generated workflow of `nodes` nodes compiles to, and how many
/// objects it holds.
pub fn generated_manifests(nodes: usize) -> (String, usize) {
    let workflow = parse_workflow(&generated::generated(nodes)).expect("generated workflow");
    let plugins = parse_plugins(generated::PLUGINS).expect("plugin definitions");
    let compilation = compile(
        &workflow,
        &CompileOptions {
            plugins: &plugins,
            ..CompileOptions::default()
        },
    );
    assert!(!compilation.has_errors(), "the generated workflow compiles");
    (compilation.to_yaml(), compilation.objects.len())
}
