//! `kubegraph import manifests`: Kubernetes manifests (a file, a directory of them, or
//! standard input) into an editable workflow. Diagnostics go to standard error; Secret
//! values are written only where `--values-out` says.

use std::fs;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use kubegraph_bindings as bindings;

use crate::shell::{Failure, exit_code, pretty_json, print_diagnostics, read_input, write_stdout};

/// What `kubegraph import` reads.
#[derive(Debug, Subcommand)]
pub(crate) enum ImportCommand {
    /// Kubernetes manifests (multi-document YAML, `helm template` output, JSON or a JSON
    /// `List`) into a workflow.
    Manifests {
        /// A manifest file, a directory of `.yaml`, `.yml` and `.json` files (read in name
        /// order, sub-directories too), or `-` for standard input.
        input: String,
        /// `workflow` prints the workflow; `json` prints `{workflow, diagnostics}`.
        #[arg(long, value_enum, default_value_t = ImportFormat::Workflow)]
        format: ImportFormat,
        /// Write the output here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write the Secrets' values here, as run-time values (`compile --values`); without
        /// it they are not written anywhere.
        #[arg(long, value_name = "FILE")]
        values_out: Option<PathBuf>,
        /// Plugin definitions (as `compile --plugins` takes them): the custom resources
        /// they describe become plugin nodes.
        #[arg(long, value_name = "FILE")]
        plugins: Option<PathBuf>,
    },
    /// A docker-compose file: services, ports, env, volumes, configs, secrets, health checks.
    Compose(crate::import_compose::ComposeArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ImportFormat {
    Workflow,
    Json,
}

pub(crate) fn import(command: &ImportCommand) -> Result<u8, Failure> {
    match command {
        ImportCommand::Manifests {
            input,
            format,
            output,
            values_out,
            plugins,
        } => import_manifests(
            input,
            *format,
            output.as_deref(),
            values_out.as_deref(),
            plugins.as_deref(),
        ),
        ImportCommand::Compose(args) => crate::import_compose::import_compose(args),
    }
}

fn import_manifests(
    input: &str,
    format: ImportFormat,
    output: Option<&Path>,
    values_out: Option<&Path>,
    plugins: Option<&Path>,
) -> Result<u8, Failure> {
    let text = read_manifests(input)?;
    let options = crate::shell::options(None, plugins)?;
    let result = bindings::import_manifests_with(&text, &options);
    if let Some(path) = values_out {
        write_file(path, &pretty_json(&result.values))?;
    }
    let rendered = match format {
        ImportFormat::Workflow => {
            print_diagnostics(&result.diagnostics, None);
            pretty_json(&result.workflow)
        }
        // Without the values: printed with the workflow, they would travel with it; they
        // go to `--values-out` only.
        ImportFormat::Json => pretty_json(&serde_json::json!({
            "workflow": result.workflow,
            "diagnostics": result.diagnostics,
        })),
    };
    match output {
        Some(path) => write_file(path, &rendered)?,
        None => write_stdout(&rendered)?,
    }
    Ok(exit_code(&result.diagnostics))
}

/// The manifests as one YAML stream: a directory's files joined as documents.
fn read_manifests(input: &str) -> Result<String, Failure> {
    let path = Path::new(input);
    if input != "-" && path.is_dir() {
        let mut files = Vec::new();
        manifest_files(path, &mut files)?;
        files.sort();
        let mut text = String::new();
        for file in files {
            let contents = fs::read_to_string(&file)
                .map_err(|error| Failure(format!("cannot read {}: {error}", file.display())))?;
            text.push_str("---\n");
            text.push_str(&contents);
            text.push('\n');
        }
        return Ok(text);
    }
    let bytes = read_input(input)?;
    String::from_utf8(bytes).map_err(|_| Failure(format!("{input} is not UTF-8 text")))
}

fn manifest_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let entries = fs::read_dir(dir)
        .map_err(|error| Failure(format!("cannot read {}: {error}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|error| Failure(format!("cannot read {}: {error}", dir.display())))?
            .path();
        if path.is_dir() {
            manifest_files(&path, files)?;
        } else if path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| matches!(extension, "yaml" | "yml" | "json"))
        {
            files.push(path);
        }
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    fs::write(path, text)
        .map_err(|error| Failure(format!("cannot write {}: {error}", path.display())))
}
