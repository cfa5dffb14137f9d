//! The builders never panic, whatever the data: validation normally refuses bad input
//! first, but the builders must not rely on it (and a large workflow is built while it
//! is validated). These tests skip validation, or run it alongside building. What a
//! builder cannot use it skips, and validation reports an error on every such node.

use proptest::prelude::*;

use super::{
    CompileOptions, Manifest, Validation, build_all, compile_each_with, order, validate_for_compile,
};
use crate::diagnostic::{self, Severity};
use crate::graph::WorkflowGraph;
use crate::parse::workflow_from_value;

#[path = "../../tests/compile_support/arbitrary.rs"]
mod arbitrary;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn building_arbitrary_data_never_panics(workflow in arbitrary::workflow(false)) {
        let workflow = workflow_from_value(workflow).expect("generated workflows parse");
        let graph = WorkflowGraph::new(&workflow);
        let mut manifests = Vec::new();
        let _ = build_all(&graph, &CompileOptions::default(), &mut |node_id, object| {
            manifests.push(Manifest { node_id: node_id.map(str::to_owned), object });
        });
        let mut documents = order::YamlDocuments::default();
        for manifest in &manifests {
            let _ = manifest.object.to_value();
            documents.push(&manifest.object);
        }
        order::sort(&mut manifests);
        let _ = documents.into_stream();
    }

    /// Validating alongside building (a large workflow, where there are threads) gives
    /// the diagnostics and the objects of validating first, valid workflow or not.
    #[test]
    fn validating_alongside_building_changes_nothing(workflow in arbitrary::workflow(true)) {
        let workflow = workflow_from_value(workflow).expect("generated workflows parse");
        let options = CompileOptions::default();
        let mut results = [Validation::Before, Validation::Alongside].map(|validation| {
            let mut objects = Vec::new();
            let diagnostics =
                compile_each_with(validation, &workflow, &options, |_, object| objects.push(object));
            (diagnostics, objects)
        });
        let [(before, built_before), (alongside, built_alongside)] = &mut results;
        prop_assert_eq!(&before, &alongside);
        if diagnostic::has_errors(before) {
            prop_assert!(built_before.is_empty());
        } else {
            prop_assert_eq!(built_before, built_alongside);
        }
    }

    /// A builder never drops a node or a value silently: validation reports an error on
    /// every node a builder skipped something of.
    #[test]
    fn every_skipped_node_has_a_validation_error(workflow in arbitrary::workflow(false)) {
        let workflow = workflow_from_value(workflow).expect("generated workflows parse");
        let graph = WorkflowGraph::new(&workflow);
        let options = CompileOptions::default();
        let (_, skipped) = build_all(&graph, &options, &mut |_, _| {});
        let diagnostics = validate_for_compile(&graph, &options);
        for skipped in &skipped {
            prop_assert!(
                diagnostics.iter().any(|found| found.severity == Severity::Error
                    && found.location.node_id.as_deref() == Some(skipped.node_id.as_str())),
                "{skipped:?} skipped without a validation error: {diagnostics:#?}"
            );
        }
    }
}
