//! `kubegraph`: validate and compile canvas workflows from the command line, and apply
//! them to a cluster.
//!
//! Exit codes: 0 when there is no error (warnings allowed), 1 when the input has errors or
//! applying failed, 2 for usage or I/O problems.

mod allocator;
mod cluster;
mod fix;
mod graph;
mod import;
mod import_compose;
mod shell;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kubegraph::Code;
use kubegraph::diagnostic::text;
use kubegraph_bindings::{self as bindings, Options, OutputFormat};
use serde_json::Value;

use crate::shell::{
    DiagnosticFormat, EXIT_FAILURE, EXIT_INPUT_ERRORS, Failure, exit_code, print_diagnostics,
    write_stdout,
};

#[derive(Debug, Parser)]
#[command(
    name = "kubegraph",
    version,
    about = "Validate and compile Kubernetes workflow graphs into manifests"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a workflow and print every problem found.
    Validate {
        /// Workflow JSON file, or `-` for standard input.
        file: String,
        /// Plugin definitions (a JSON array) for plugin nodes.
        #[arg(long, value_name = "FILE")]
        plugins: Option<PathBuf>,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
        format: DiagnosticFormat,
    },
    /// Apply the fix of every diagnostic that has exactly one, rewriting the file in place.
    Fix {
        /// Workflow JSON file, or `-` for standard input (the fixed workflow goes to stdout).
        file: String,
        /// Fix only diagnostics of this code (repeatable).
        #[arg(long = "code", value_name = "CODE", value_parser = parse_code)]
        codes: Vec<Code>,
        /// Plugin definitions (a JSON array) for plugin nodes.
        #[arg(long, value_name = "FILE")]
        plugins: Option<PathBuf>,
        /// Write nothing; print each fix that would apply and its JSON Patch operations.
        #[arg(long)]
        dry_run: bool,
        /// Write the fixed workflow here (`-` for stdout) instead of over FILE.
        #[arg(long, short, value_name = "FILE")]
        output: Option<String>,
    },
    /// Compile a workflow into Kubernetes manifests.
    Compile {
        /// Workflow JSON file, or `-` for standard input.
        file: String,
        /// Run-time secret and env values: {"secrets": {...}, "envVars": {...}}.
        #[arg(long, value_name = "FILE")]
        values: Option<PathBuf>,
        /// Plugin definitions (a JSON array) for plugin nodes.
        #[arg(long, value_name = "FILE")]
        plugins: Option<PathBuf>,
        /// Manifest format: multi-document YAML or a JSON `v1` List.
        #[arg(long, value_enum, default_value_t = ManifestFormat::Yaml)]
        format: ManifestFormat,
        /// Write one file per object plus a kustomization.yaml here instead of stdout.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Do not emit Namespace objects for the namespaces the workflow uses.
        #[arg(long)]
        no_namespaces: bool,
    },
    /// Server-side apply a workflow to a cluster; print what happened and each node's status.
    Apply {
        #[command(flatten)]
        target: cluster::Target,
        #[command(flatten)]
        flags: cluster::ApplyFlags,
    },
    /// Show what applying a workflow would change (server-side dry run against live objects).
    Diff {
        #[command(flatten)]
        target: cluster::Target,
    },
    /// Import what other tools write into a workflow.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Print a JSON Schema, list the schema names, or write every schema to a directory.
    Schema {
        /// Schema name (for example `workflow`, `plugins`, `deployment`); omit to list them.
        name: Option<String>,
        /// Write every schema as `<name>.schema.json` into this directory.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Draw a workflow as a diagram: nodes with kind and name, edges with their meaning,
    /// nodes with an error marked.
    Graph {
        /// Workflow JSON file, or `-` for standard input.
        file: String,
        /// Diagram format.
        #[arg(long, value_enum, default_value_t = DiagramFormat::Mermaid)]
        format: DiagramFormat,
        /// Plugin definitions (a JSON array) for plugin nodes.
        #[arg(long, value_name = "FILE")]
        plugins: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ManifestFormat {
    Yaml,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiagramFormat {
    Mermaid,
    Dot,
}

fn main() -> ExitCode {
    allocator::purge_at_once();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            let _ = writeln!(io::stderr(), "kubegraph: {message}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn run(command: Command) -> Result<u8, Failure> {
    match command {
        Command::Validate {
            file,
            plugins,
            format,
        } => validate(&file, plugins.as_deref(), format),
        Command::Fix {
            file,
            codes,
            plugins,
            dry_run,
            output,
        } => fix::fix(&fix::FixRequest {
            file: &file,
            plugins: plugins.as_deref(),
            codes: &codes,
            dry_run,
            output: output.as_deref(),
        }),
        Command::Compile {
            file,
            values,
            plugins,
            format,
            out_dir,
            no_namespaces,
        } => {
            let options = Options {
                format: match format {
                    ManifestFormat::Yaml => OutputFormat::Yaml,
                    ManifestFormat::Json => OutputFormat::Json,
                },
                emit_namespaces: Some(!no_namespaces),
                ..shell::options(values.as_deref(), plugins.as_deref())?
            };
            compile(&file, &options, out_dir.as_deref())
        }
        Command::Apply { target, flags } => cluster::apply(&target, &flags),
        Command::Diff { target } => cluster::diff(&target),
        Command::Schema { name, out_dir } => schema(name.as_deref(), out_dir.as_deref()),
        Command::Graph {
            file,
            format,
            plugins,
        } => graph::graph(
            &file,
            plugins.as_deref(),
            match format {
                DiagramFormat::Mermaid => bindings::GraphFormat::Mermaid,
                DiagramFormat::Dot => bindings::GraphFormat::Dot,
            },
        ),
        Command::Import(command) => import::import(&command),
    }
}

fn parse_code(name: &str) -> Result<Code, String> {
    name.parse()
}

fn validate(file: &str, plugins: Option<&Path>, format: DiagnosticFormat) -> Result<u8, Failure> {
    let loaded = shell::load_input(file)?;
    let options = shell::options(None, plugins)?;
    let (diagnostics, workflow) = match loaded {
        Ok(workflow) => (
            bindings::validate_workflow(&workflow, &options),
            Some(workflow),
        ),
        Err(diagnostic) => (vec![diagnostic], None),
    };
    let rendered = match format {
        DiagnosticFormat::Text => text::to_text(&diagnostics, workflow.as_ref()),
        DiagnosticFormat::Json => bindings::diagnostics_json(&diagnostics),
    };
    write_stdout(&rendered)?;
    let code = exit_code(&diagnostics);
    shell::leave_to_exit((workflow, diagnostics));
    Ok(code)
}

fn compile(file: &str, options: &Options, out_dir: Option<&Path>) -> Result<u8, Failure> {
    let workflow = match shell::load_input(file)? {
        Ok(workflow) => workflow,
        Err(diagnostic) => {
            let diagnostics = [diagnostic];
            print_diagnostics(&diagnostics, None);
            return Ok(exit_code(&diagnostics));
        }
    };
    let Some(dir) = out_dir else {
        // Each document is written out from where it was rendered, in install order: the
        // text is never joined into one string (megabytes for a large workflow).
        let stream = bindings::compile_workflow_stream(&workflow, options);
        print_diagnostics(&stream.diagnostics, Some(&workflow));
        if stream.has_errors() {
            return Ok(EXIT_INPUT_ERRORS);
        }
        let mut stdout = shell::bulk_stdout().map_err(shell::stdout_failure)?;
        stream
            .write_to(&mut stdout)
            .and_then(|()| stdout.flush())
            .map_err(shell::stdout_failure)?;
        shell::leave_to_exit((workflow, stream));
        return Ok(0);
    };
    let output = bindings::compile_workflow(&workflow, options);
    print_diagnostics(&output.diagnostics, Some(&workflow));
    if output.has_errors() {
        return Ok(EXIT_INPUT_ERRORS);
    }
    write_directory(dir, &output.objects)?;
    Ok(0)
}

fn write_directory(dir: &Path, objects: &[Value]) -> Result<(), Failure> {
    fs::create_dir_all(dir)
        .map_err(|error| Failure(format!("cannot create {}: {error}", dir.display())))?;
    for file in kubegraph::render::directory::to_directory(objects) {
        let path = dir.join(&file.path);
        fs::write(&path, file.contents)
            .map_err(|error| Failure(format!("cannot write {}: {error}", path.display())))?;
    }
    Ok(())
}

fn schema(name: Option<&str>, out_dir: Option<&Path>) -> Result<u8, Failure> {
    if let Some(dir) = out_dir {
        fs::create_dir_all(dir)
            .map_err(|error| Failure(format!("cannot create {}: {error}", dir.display())))?;
        let names: Vec<&str> = match name {
            Some(name) => vec![name],
            None => kubegraph::schema::names(),
        };
        for name in names {
            let text = schema_text(name)?;
            let path = dir.join(format!("{name}.schema.json"));
            fs::write(&path, text)
                .map_err(|error| Failure(format!("cannot write {}: {error}", path.display())))?;
        }
        return Ok(0);
    }
    match name {
        Some(name) => write_stdout(&schema_text(name)?)?,
        None => write_stdout(&format!("{}\n", kubegraph::schema::names().join("\n")))?,
    }
    Ok(0)
}

fn schema_text(name: &str) -> Result<String, Failure> {
    kubegraph::schema::schema_text(name).ok_or_else(|| {
        Failure(format!(
            "unknown schema `{name}`; known schemas: {}",
            kubegraph::schema::names().join(", ")
        ))
    })
}
