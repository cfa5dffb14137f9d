//! The builders never panic, whatever the data: validation normally refuses bad input
//! first, but the builders must not rely on it. These tests skip validation.

use proptest::prelude::*;

use super::context::with_context;
use super::{build, namespace, order};

#[path = "../../tests/compile_support/arbitrary.rs"]
mod arbitrary;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn building_arbitrary_data_never_panics(workflow in arbitrary::workflow(false)) {
        with_context(workflow, |cx| {
            let mut manifests = build(cx);
            manifests.extend(namespace::namespaces(&cx.labels, &manifests));
            order::sort(&mut manifests);
            for manifest in &manifests {
                let _ = manifest.object.to_value();
            }
        });
    }
}
