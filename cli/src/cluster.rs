//! `kubegraph apply` and `kubegraph diff`: a compiled workflow against a real cluster.
//!
//! The inventory of what each workflow applied lives in the cluster (a ConfigMap, as Helm
//! and kapp keep theirs), so every machine applying the workflow prunes from the same
//! record. Exit codes follow the rest of the tool: 0 ok, 1 input errors or apply failures
//! (including, with `--wait`, nodes that did not become healthy), 2 usage or I/O problems.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use kubegraph::Manifest;
use kubegraph_apply::store::{ClusterStore, InventoryStore};
use kubegraph_apply::{Applier, ApplyOptions, Health, InventoryKey};
use kubegraph_bindings as bindings;
use tokio::runtime::Runtime;

use crate::shell::{
    self, DiagnosticFormat, EXIT_INPUT_ERRORS, Failure, pretty_json, print_diagnostics,
    write_stdout,
};

/// What `apply` and `diff` share: the workflow, its inputs and the cluster.
#[derive(Debug, Args)]
pub(crate) struct Target {
    /// Workflow JSON file, or `-` for standard input.
    file: String,
    /// Run-time secret and env values: {"secrets": {...}, "envVars": {...}}.
    #[arg(long, value_name = "FILE")]
    values: Option<PathBuf>,
    /// Plugin definitions (a JSON array) for plugin nodes.
    #[arg(long, value_name = "FILE")]
    plugins: Option<PathBuf>,
    /// Kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config).
    #[arg(long, value_name = "FILE")]
    kubeconfig: Option<PathBuf>,
    /// Kubeconfig context (default: the current context).
    #[arg(long, value_name = "NAME")]
    context: Option<String>,
    /// Namespace of the ConfigMap that keeps the workflow's inventory.
    #[arg(long, value_name = "NAMESPACE", default_value = "default")]
    inventory_namespace: String,
    /// Field manager for server-side apply.
    #[arg(long, value_name = "NAME", default_value = kubegraph_apply::DEFAULT_FIELD_MANAGER)]
    field_manager: String,
    /// Report format: readable lines, or JSON for pipelines.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    format: DiagnosticFormat,
}

/// `apply`'s own switches.
#[derive(Debug, Args)]
pub(crate) struct ApplyFlags {
    /// Server-side dry run: validate everything, store nothing.
    #[arg(long)]
    dry_run: bool,
    /// Delete objects this workflow applied before and no longer produces.
    #[arg(long)]
    prune: bool,
    /// Wait until every node is healthy (or the timeout passes).
    #[arg(long)]
    wait: bool,
    /// Seconds `--wait` waits.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    timeout: u64,
    /// Take over fields other field managers own.
    #[arg(long)]
    force_conflicts: bool,
}

/// A compiled workflow and where it goes.
struct Prepared {
    manifests: Vec<Manifest>,
    key: InventoryKey,
    client: Client,
}

pub(crate) fn apply(target: &Target, flags: &ApplyFlags) -> Result<u8, Failure> {
    // One runtime for the whole command: the client's connection workers live on it.
    let runtime = runtime()?;
    let Some(prepared) = prepare(target, &runtime)? else {
        return Ok(EXIT_INPUT_ERRORS);
    };
    let options = ApplyOptions {
        dry_run: flags.dry_run,
        force_conflicts: flags.force_conflicts,
        prune: flags.prune,
        wait: flags.wait,
        timeout: Duration::from_secs(flags.timeout),
        field_manager: target.field_manager.clone(),
    };
    let report = runtime.block_on(async {
        let store = ClusterStore::new(prepared.client.clone(), &target.inventory_namespace);
        Applier::new(prepared.client)
            .apply(&prepared.manifests, &prepared.key, &store, &options)
            .await
    });
    let report = report.map_err(|error| Failure(error.to_string()))?;
    write_stdout(&match target.format {
        DiagnosticFormat::Text => report.to_string(),
        DiagnosticFormat::Json => pretty_json(&report),
    })?;
    let unhealthy = flags.wait
        && report
            .nodes
            .values()
            .any(|node| node.status != Health::Healthy);
    Ok(if report.succeeded() && !unhealthy {
        0
    } else {
        EXIT_INPUT_ERRORS
    })
}

pub(crate) fn diff(target: &Target) -> Result<u8, Failure> {
    let runtime = runtime()?;
    let Some(prepared) = prepare(target, &runtime)? else {
        return Ok(EXIT_INPUT_ERRORS);
    };
    let options = ApplyOptions {
        field_manager: target.field_manager.clone(),
        ..ApplyOptions::default()
    };
    let diffs = runtime.block_on(async {
        let store = ClusterStore::new(prepared.client.clone(), &target.inventory_namespace);
        let previous = store.get_inventory(&prepared.key).await?;
        let applier = Applier::new(prepared.client);
        Ok::<_, kubegraph_apply::StoreError>(
            applier
                .diff(&prepared.manifests, previous.as_ref(), &options)
                .await,
        )
    });
    let diffs = diffs.map_err(|error| Failure(format!("inventory: {error}")))?;
    write_stdout(&match target.format {
        DiagnosticFormat::Text => diffs.iter().map(ToString::to_string).collect(),
        DiagnosticFormat::Json => pretty_json(&diffs),
    })?;
    Ok(if diffs.iter().any(|diff| diff.action.is_err()) {
        EXIT_INPUT_ERRORS
    } else {
        0
    })
}

/// Reads and compiles the workflow through the facade, as `kubegraph compile` does
/// (printing diagnostics), then connects to the cluster. `None` when the workflow, its
/// values or its plugins have errors: the cluster is not contacted then.
fn prepare(target: &Target, runtime: &Runtime) -> Result<Option<Prepared>, Failure> {
    let options = shell::options(target.values.as_deref(), target.plugins.as_deref())?;
    let workflow = match shell::load_input(&target.file)? {
        Ok(workflow) => workflow,
        Err(diagnostic) => {
            print_diagnostics(&[diagnostic], None);
            return Ok(None);
        }
    };
    let compilation = bindings::compile_workflow_manifests(&workflow, &options);
    print_diagnostics(&compilation.diagnostics, Some(&workflow));
    if compilation.has_errors() {
        return Ok(None);
    }
    let (client, cluster) = runtime.block_on(connect(target))?;
    let workflow_id = workflow
        .id
        .non_empty()
        .unwrap_or(workflow.name())
        .to_owned();
    Ok(Some(Prepared {
        manifests: compilation.objects,
        key: InventoryKey {
            workflow_id,
            cluster,
        },
        client,
    }))
}

/// A client for the chosen kubeconfig and context, and the context's name (which names
/// the cluster in the inventory key).
async fn connect(target: &Target) -> Result<(Client, String), Failure> {
    let kubeconfig = match &target.kubeconfig {
        Some(path) => Kubeconfig::read_from(path),
        None => Kubeconfig::read(),
    }
    .map_err(|error| Failure(format!("kubeconfig: {error}")))?;
    let cluster = target
        .context
        .clone()
        .or_else(|| kubeconfig.current_context.clone())
        .unwrap_or_default();
    let options = KubeConfigOptions {
        context: target.context.clone(),
        ..KubeConfigOptions::default()
    };
    let config = Config::from_custom_kubeconfig(kubeconfig, &options)
        .await
        .map_err(|error| Failure(format!("kubeconfig: {error}")))?;
    let client = Client::try_from(config)
        .map_err(|error| Failure(format!("cannot create a client: {error}")))?;
    Ok((client, cluster))
}

fn runtime() -> Result<Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure(format!("cannot start the async runtime: {error}")))
}
