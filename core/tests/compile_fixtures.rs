//! Every valid fixture compiles to its YAML snapshot (`core/tests/snapshots/`), diagnostics
//! listed as comments above the documents. The YAML alone is also written to
//! `$CARGO_TARGET_TMPDIR/kubegraph-manifests/<fixture>.yaml` for
//! `scripts/check-manifests.sh`, which checks it against Kubernetes' own schemas.

// Tests read their fixtures from disk, the I/O the core itself may not do.
#![allow(clippy::disallowed_methods)]

mod compile_support;

use std::fs;
use std::path::Path;

use compile_support::{is_workflow, load};

#[test]
fn every_valid_fixture_compiles_to_its_snapshot() {
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kubegraph-manifests");
    fs::create_dir_all(&out_dir).expect("create the manifest directory");
    insta::glob!("../../tests/fixtures/workflows", "*.json", |path| {
        if !is_workflow(path) {
            return;
        }
        let fixture = load(path);
        let compilation = fixture.compile_without_errors();
        let yaml = compilation.to_yaml();
        assert_eq!(
            yaml,
            kubegraph::render::to_yaml(&compilation.values()),
            "{}: the typed and the value renderings differ",
            fixture.name
        );
        fs::write(out_dir.join(format!("{}.yaml", fixture.name)), &yaml)
            .expect("write the manifests");
        let mut snapshot = String::new();
        for diagnostic in &compilation.diagnostics {
            let node = diagnostic.location.node_id.as_deref().unwrap_or("-");
            snapshot.push_str(&format!("# {diagnostic} (node {node})\n"));
        }
        snapshot.push_str(&yaml);
        insta::assert_snapshot!(snapshot);
    });
}
