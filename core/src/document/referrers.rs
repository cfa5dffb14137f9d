//! The nodes whose per-node checks look other nodes up by id or name rather than along
//! an edge: those whose link copies name an id, and the pods that may hold an env key
//! reference (a Secret or ConfigMap named by id or by name). Kept up to date edit by
//! edit, so an edit finds them without reading every node.

use std::collections::BTreeSet;

use super::scope::linked_ids;
use crate::model::{Node, Workflow};
use crate::validate::{FastMap, fast_map};

/// Who names what, by index in the workflow's `nodes`.
#[derive(Debug, Default)]
pub(super) struct Referrers {
    /// Per node: the ids its copies name, as [`Referrers::by_id`] files it.
    named: Vec<Vec<String>>,
    /// The nodes whose copies name each id, in order (a sorted list rather than a set, so
    /// that a removal renumbers them in place). Only looked up, never listed.
    by_id: FastMap<String, Vec<usize>>,
    /// The pods that may hold an env key reference.
    env_pods: BTreeSet<usize>,
}

impl Referrers {
    pub(super) fn new(workflow: &Workflow) -> Self {
        let nodes = workflow.nodes.items().len();
        let mut referrers = Referrers {
            named: vec![Vec::new(); nodes],
            by_id: fast_map(nodes),
            ..Referrers::default()
        };
        for (index, node) in workflow.nodes() {
            referrers.file(index, node);
        }
        referrers
    }

    /// Files the node now at `index` in place of what was there (a new index extends
    /// the list).
    pub(super) fn set(&mut self, index: usize, node: Option<&Node>) {
        if index == self.named.len() {
            self.named.push(Vec::new());
        }
        self.unfile(index);
        if let Some(node) = node {
            self.file(index, node);
        }
    }

    /// Forgets the node at `removed`: the nodes after it moved one place up.
    pub(super) fn remove(&mut self, removed: usize) {
        self.unfile(removed);
        self.named.remove(removed);
        for index in self.by_id.values_mut().flatten() {
            *index -= usize::from(*index > removed);
        }
        if self.env_pods.last().is_some_and(|&last| last > removed) {
            let moved = |&index: &usize| index - usize::from(index > removed);
            self.env_pods = self.env_pods.iter().map(moved).collect();
        }
    }

    /// Adds to `affected` the nodes whose copies name one of `ids`, and every pod that
    /// may hold an env key reference (its Secret or ConfigMap is named by id or by name,
    /// and few pods hold one).
    pub(super) fn naming(&self, ids: &BTreeSet<String>, affected: &mut BTreeSet<usize>) {
        for id in ids {
            affected.extend(self.by_id.get(id).into_iter().flatten());
        }
        affected.extend(&self.env_pods);
    }

    fn file(&mut self, index: usize, node: &Node) {
        let Some(data) = node.data() else { return };
        let named: Vec<String> = linked_ids(data).map(str::to_owned).collect();
        for id in &named {
            match self.by_id.get_mut(id) {
                Some(indexes) => {
                    if let Err(at) = indexes.binary_search(&index) {
                        indexes.insert(at, index);
                    }
                }
                None => {
                    self.by_id.insert(id.clone(), vec![index]);
                }
            }
        }
        self.named[index] = named;
        if data
            .pod_extras()
            .is_some_and(|extras| extras.may_have_env_sources())
        {
            self.env_pods.insert(index);
        }
    }

    fn unfile(&mut self, index: usize) {
        for id in std::mem::take(&mut self.named[index]) {
            if let Some(indexes) = self.by_id.get_mut(&id) {
                if let Ok(at) = indexes.binary_search(&index) {
                    indexes.remove(at);
                }
                if indexes.is_empty() {
                    self.by_id.remove(&id);
                }
            }
        }
        self.env_pods.remove(&index);
    }
}
