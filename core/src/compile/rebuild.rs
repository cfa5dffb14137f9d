//! Building some of a workflow's nodes again, for an open document that keeps the
//! objects of the others (`crate::document`).
//!
//! What a node compiles to depends on its data, on the nodes within two edges of it (a
//! workload reads the Services selecting it and the other workloads they select), on the
//! nodes its copies name by id, and on what the whole graph decides: the nodes found by
//! namespace and name (for graphs drawn without some edges), the workload each autoscaler
//! scales, and which StatefulSet generates each headless Service. The first is recorded
//! while building ([`NodeBuild::lookups`]: every lookup by name goes through the
//! context); the other two are given whole ([`Rebuild::scale_targets`],
//! [`Rebuild::headless_owners`]) so the document can compare them with the last
//! compile's.

use std::collections::{BTreeMap, BTreeSet};

use super::context::Context;
use super::namespace::UsedNamespaces;
use super::object::Object;
use super::{CompileOptions, Manifest, kinds, order, scaling};
use crate::diagnostic::Diagnostic;
use crate::graph::WorkflowGraph;
use crate::model::NodeKind;
use crate::validate::FastSet;

/// The workload each autoscaler scales, as (kind, namespace, name), to the HPA's name.
pub(crate) type ScaleTargets = BTreeMap<(String, String, String), String>;

/// The StatefulSet (by id) that generates the headless Service of each (namespace, name).
pub(crate) type HeadlessOwners = BTreeMap<(String, String), String>;

/// What building one node gave.
#[derive(Debug)]
pub(crate) struct NodeBuild {
    /// The node's position in the graph.
    pub position: usize,
    /// Its objects in build order: its own, then a StatefulSet's headless Service.
    pub manifests: Vec<Manifest>,
    /// What only building found for it.
    pub diagnostics: Vec<Diagnostic>,
    /// Every (namespace, name) it looked up: a change to a node of that name can change
    /// its objects.
    pub lookups: Vec<(String, String)>,
}

/// A compilation building the nodes it is asked to.
#[derive(Debug)]
pub(crate) struct Rebuild<'a> {
    cx: Context<'a>,
}

impl<'a> Rebuild<'a> {
    /// Notes the workloads the autoscalers scale, as compiling does before building.
    pub(crate) fn new(graph: &'a WorkflowGraph<'a>, options: &CompileOptions<'a>) -> Self {
        let mut cx = Context::new(graph, options.values, options.plugins).recording();
        scaling::note_scale_targets(&mut cx);
        Rebuild { cx }
    }

    /// The workload each autoscaler scales.
    pub(crate) fn scale_targets(&self) -> ScaleTargets {
        let owned = |(kind, namespace, name): &(&str, &str, &str), hpa: &&str| {
            let key = (
                (*kind).to_owned(),
                (*namespace).to_owned(),
                (*name).to_owned(),
            );
            (key, (*hpa).to_owned())
        };
        self.cx
            .scaled
            .iter()
            .map(|(key, hpa)| owned(key, hpa))
            .collect()
    }

    /// The StatefulSet that generates each headless Service: the first in input order to
    /// ask for it (when no Service node has its name, it generates it).
    pub(crate) fn headless_owners(&self) -> HeadlessOwners {
        let mut owners = HeadlessOwners::new();
        for (_, node) in self.cx.graph.nodes_of(&[NodeKind::StatefulSet]) {
            if let Some((namespace, name)) = kinds::headless_key(node) {
                owners
                    .entry((namespace.to_owned(), name.to_owned()))
                    .or_insert_with(|| node.id().to_owned());
            }
        }
        owners
    }

    /// Builds the nodes at `positions` (in increasing order), as compiling the whole
    /// graph builds them: `owners` says which StatefulSets generate the headless Services.
    pub(crate) fn build(&mut self, positions: &[usize], owners: &HeadlessOwners) -> Vec<NodeBuild> {
        let graph = self.cx.graph;
        let building: FastSet<&str> = positions
            .iter()
            .map(|&position| graph.at(position).id())
            .collect();
        // The Services of owners not built now count as generated already.
        let mut generated: BTreeSet<(String, String)> = owners
            .iter()
            .filter(|(_, owner)| !building.contains(owner.as_str()))
            .map(|(key, _)| key.clone())
            .collect();
        let mut built = Vec::with_capacity(positions.len());
        for &position in positions {
            let mut manifests = Vec::new();
            let node = graph.at(position);
            kinds::build_node(
                &mut self.cx,
                position,
                node,
                &mut generated,
                &mut |node_id: Option<&str>, object| {
                    manifests.push(Manifest {
                        node_id: node_id.map(str::to_owned),
                        object,
                    });
                },
            );
            let (diagnostics, lookups) = self.cx.take_found();
            built.push(NodeBuild {
                position,
                manifests,
                diagnostics,
                lookups,
            });
        }
        built
    }

    /// The Namespace objects for the namespaces `objects` use, unless they are those of
    /// `before` (then `None`).
    pub(crate) fn namespaces<'o>(
        &self,
        objects: impl Iterator<Item = &'o Object>,
        before: &BTreeSet<String>,
    ) -> Option<(BTreeSet<String>, Vec<Object>)> {
        let mut used = UsedNamespaces::default();
        for object in objects {
            used.note(object);
        }
        if used.names() == before {
            return None;
        }
        let names = used.names().clone();
        Some((names, used.into_objects(self.cx.labels).collect()))
    }
}

/// Puts `items` into install order by their objects, ties in the order given: the order
/// compiling gives the objects built in that order.
pub(crate) fn install_order<T>(items: &mut Vec<T>, object: impl Fn(&T) -> &Object) {
    order::sort_by_object(items, object);
}
