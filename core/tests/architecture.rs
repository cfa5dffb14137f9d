//! `docs/architecture.md` is a newcomer's map: every file or folder it names must exist, so
//! a move that forgets the page fails here instead of sending a reader to nothing.

// The test reads the page and looks up the paths it names on disk.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The repository paths the page names: code spans that start with a top-level folder or
/// file of the repository (`core/src/...`, `Makefile`, ...).
fn named_paths(page: &str) -> Vec<&str> {
    let roots = [
        "core/",
        "bindings/",
        "cli/",
        "apply/",
        "wasm/",
        "python/",
        "fuzz/",
        "schemas/",
        "tests/",
        "docs/",
        ".ci/",
        "scripts/",
        "Makefile",
        "README.md",
        "deny.toml",
    ];
    page.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| roots.iter().any(|root| span.starts_with(root)))
        .collect()
}

#[test]
fn every_path_the_architecture_page_names_exists() {
    let page = std::fs::read_to_string(repo().join("docs/architecture.md")).expect("page reads");
    let paths = named_paths(&page);
    assert!(
        paths.len() >= 30,
        "the page names only {} paths: {paths:?}",
        paths.len()
    );
    let missing: Vec<&str> = paths
        .into_iter()
        .filter(|path| !repo().join(path).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn the_where_is_table_covers_every_crate() {
    let page = std::fs::read_to_string(repo().join("docs/architecture.md")).expect("page reads");
    let table = page
        .split("## Where is X")
        .nth(1)
        .expect("a \"Where is X\" section");
    for crate_dir in ["core/", "bindings/", "cli/", "apply/", "wasm/", "python/"] {
        assert!(
            named_paths(table)
                .iter()
                .any(|path| path.starts_with(crate_dir)),
            "the \"Where is X\" table names nothing in {crate_dir}"
        );
    }
}
