//! Every diagnostic code has one owner: one validation rule, the compiler (for what only
//! compiling can know) or the parser, and is raised from one file, which owns its
//! message. (The compiler reports `invalid-plugin-value` for a field value it cannot
//! convert or place through the plugins rule, which owns it.)

// A test of the crate's own sources: it reads them from disk.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::Path;

use kubegraph::Code;
use kubegraph::validate;

/// The codes only compiling can know, as they depend on run-time values or on what the
/// compiler generates (raised under `compile/`).
const COMPILE_CODES: &[Code] = &[
    Code::MissingSecretValues,
    Code::MissingEnvValue,
    Code::GeneratedHeadlessService,
    Code::ReplicasLeftToAutoscaler,
    Code::AssumedApiVersion,
];

/// The codes the parser raises (`parse.rs`), before there is a workflow to validate.
const PARSE_CODES: &[Code] = &[
    Code::InvalidJson,
    Code::InvalidDocument,
    Code::InvalidValues,
    Code::InvalidPlugins,
];

/// The codes importing a docker-compose file raises (under `import/compose/`), before there
/// is a workflow: `kubegraph::import::compose::CODES`.
const COMPOSE_CODES: &[Code] = kubegraph::import::compose::CODES;
/// The codes importing manifests raises (under `import/`): about the manifests read, not
/// a workflow.
const IMPORT_CODES: &[Code] = &[
    Code::InvalidYaml,
    Code::ImportUnsupportedKind,
    Code::ImportDroppedField,
];

#[test]
fn every_code_is_owned_by_exactly_one_rule_or_compile_or_parse() {
    let mut owners: BTreeMap<Code, Vec<String>> = BTreeMap::new();
    for (index, rule) in validate::rules::ALL.iter().enumerate() {
        for code in rule.codes {
            owners
                .entry(*code)
                .or_default()
                .push(format!("rule {index}"));
        }
    }
    for code in COMPILE_CODES {
        owners.entry(*code).or_default().push("compile".to_owned());
    }
    for code in PARSE_CODES {
        owners.entry(*code).or_default().push("parse".to_owned());
    }
    for code in COMPOSE_CODES {
        owners
            .entry(*code)
            .or_default()
            .push("compose import".to_owned());
    }
    for code in IMPORT_CODES {
        owners.entry(*code).or_default().push("import".to_owned());
    }
    for code in Code::ALL {
        let found = owners.get(code).map(Vec::as_slice).unwrap_or_default();
        assert_eq!(found.len(), 1, "{code} is owned by {found:?}");
    }
}

#[test]
fn every_code_is_raised_from_one_file() {
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in rust_files(&root) {
        let relative = file
            .strip_prefix(&root)
            .expect("below src")
            .display()
            .to_string();
        if relative == "diagnostic/code.rs" || relative.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source reads");
        for variant in variants(without_tests(&text)) {
            let holders = files.entry(variant).or_default();
            if !holders.contains(&relative) {
                holders.push(relative.clone());
            }
        }
    }
    for code in Code::ALL {
        let name = format!("{code:?}");
        let found = files.get(&name).map(Vec::as_slice).unwrap_or_default();
        assert_eq!(found.len(), 1, "{code} is raised from {found:?}");
        let owned_by_rule = validate::rules::owner(*code).is_some();
        let expected = if owned_by_rule {
            "validate/rules/"
        } else if COMPILE_CODES.contains(code) {
            "compile/"
        } else if COMPOSE_CODES.contains(code) {
            "import/compose/"
        } else if IMPORT_CODES.contains(code) {
            "import/"
        } else {
            "parse.rs"
        };
        assert!(
            found[0].starts_with(expected),
            "{code} is raised from {found:?}, not {expected}"
        );
    }
}

/// The `.rs` files below `dir`.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source directory reads") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
    found
}

/// The text before a file's `#[cfg(test)]` test module.
fn without_tests(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let next = &text[offset + line.len()..];
        if line.trim() == "#[cfg(test)]"
            && next
                .trim_start()
                .split('{')
                .next()
                .is_some_and(|head| head.contains("mod tests"))
        {
            return &text[..offset];
        }
        offset += line.len();
    }
    text
}

/// The `Code::Variant` names in `text`.
fn variants(text: &str) -> Vec<String> {
    text.match_indices("Code::")
        .map(|(at, prefix)| {
            text[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .collect()
}
