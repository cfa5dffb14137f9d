//! The builders never panic, whatever the data: validation normally refuses bad input
//! first, but the builders must not rely on it. These tests skip validation.

use proptest::prelude::*;

use super::context::with_context;
use super::{Manifest, autoscaling, build, namespace, order};

#[path = "../../tests/compile_support/arbitrary.rs"]
mod arbitrary;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn building_arbitrary_data_never_panics(workflow in arbitrary::workflow(false)) {
        with_context(workflow, |cx| {
            autoscaling::note_scale_targets(cx);
            let mut manifests = Vec::new();
            let mut namespaces = namespace::UsedNamespaces::default();
            build(cx, |node_id, object| {
                namespaces.note(&object);
                manifests.push(Manifest { node_id: node_id.map(str::to_owned), object });
            });
            manifests.extend(
                namespaces
                    .into_objects(&cx.labels)
                    .map(|object| Manifest { node_id: None, object }),
            );
            let mut documents = order::YamlDocuments::default();
            for manifest in &manifests {
                let _ = manifest.object.to_value();
                documents.push(&manifest.object);
            }
            order::sort(&mut manifests);
            let _ = documents.into_stream();
        });
    }
}
