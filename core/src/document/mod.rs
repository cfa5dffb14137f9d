//! Documents that update: a workflow opened once and edited as a canvas edits it, each
//! edit answered with the diagnostics that appeared and disappeared.
//!
//! A [`Document`] keeps the diagnostics of every source apart: those of each node's
//! per-node checks, and those of the whole-graph checks. An edit reruns the per-node
//! checks of only the nodes it can affect (see `scope.rs`); a node changed in place (its id
//! kept) and an edge added, removed or replaced update the kept graph (`GraphIndex`) in
//! place and have each whole-graph rule recheck only what the change can alter
//! ([`rules::Recheck`]); a node removed, added or given another id among the edges that
//! name it is made in such steps (`detach.rs`); other edits rebuild the graph and rerun the
//! whole-graph checks.
//! Then it compares. The result is always what [`crate::validate::validate`] reports for
//! the edited workflow (a property test, `core/tests/document_props.rs`, checks it after
//! every step of random edit sequences).

mod compile;
mod detach;
mod edit;
mod referrers;
mod scope;

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde_json::Value;

pub use compile::{CompiledDocument, CompiledObject};
pub use edit::{Edit, EditError};

use crate::diagnostic::{self, Diagnostic};
use crate::graph::{GraphIndex, GraphNode, WorkflowGraph};
use crate::model::{FieldPath, Node, NodeKind, PluginDefinition, Segment, Workflow};
use crate::patch;
use crate::validate::rules::{self, Change, Check, NodeChange, NodeCheck, Recheck, Redo};
use crate::validate::{Context, FastMap, ValidateOptions, fast_map};
use detach::Plan;
use edit::Changed;
use referrers::Referrers;

/// A workflow being edited, with its diagnostics kept up to date.
#[derive(Debug)]
pub struct Document {
    workflow: Workflow,
    plugins: Vec<PluginDefinition>,
    checks: Checks,
    found: Found,
    /// The graph, kept up to date edit by edit.
    index: GraphIndex,
    referrers: Referrers,
    /// Whether the graph has an edge: without any, mount copies are read from the nodes.
    has_edges: bool,
    /// What the last compile built, for the next to reuse.
    last_compile: compile::LastCompile,
    /// How many edits built the graph again rather than updating it in place.
    #[cfg(test)]
    rebuilds: usize,
}

/// What one edit changed in the diagnostics, each list sorted as validation sorts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Update {
    /// Diagnostics the edited workflow has and the workflow before did not.
    pub added: Vec<Diagnostic>,
    /// Diagnostics the workflow before had and the edited one does not.
    pub removed: Vec<Diagnostic>,
}

/// A whole-graph check, with its recheck if it has one.
type GraphCheck = (fn(&mut Context<'_>), Option<Recheck>);

/// The rules' checks, as validation runs them: whole-graph checks (with their rechecks),
/// and per-node checks by kind in rule order.
#[derive(Debug)]
struct Checks {
    graph: Vec<GraphCheck>,
    by_kind: Vec<Vec<NodeCheck>>,
}

impl Checks {
    fn new() -> Self {
        let mut checks = Checks {
            graph: Vec::new(),
            by_kind: vec![Vec::new(); NodeKind::ALL.len()],
        };
        for rule in rules::ALL {
            match rule.check {
                Check::Graph(check) => checks.graph.push((check, None)),
                Check::Keyed(check, recheck) => checks.graph.push((check, Some(recheck))),
                Check::Nodes(kinds, check) => {
                    for kind in kinds {
                        checks.by_kind[*kind as usize].push(check);
                    }
                }
            }
        }
        checks
    }

    /// What each whole-graph check reports, in rule order.
    fn graph(
        &self,
        graph: &WorkflowGraph<'_>,
        options: ValidateOptions<'_>,
    ) -> Vec<Vec<Diagnostic>> {
        let run = |(check, _): &GraphCheck| {
            let mut context = Context::new(graph, options);
            check(&mut context);
            context.finish()
        };
        self.graph.iter().map(run).collect()
    }

    /// Reruns the whole-graph checks after a change in place: each rule's recheck, or the
    /// whole check of a rule without one.
    fn recheck_graph(
        &self,
        graph: &WorkflowGraph<'_>,
        options: ValidateOptions<'_>,
        change: &Change<'_>,
        found: &mut Found,
        touched: &mut Touched,
    ) {
        for (rule, (check, recheck)) in self.graph.iter().enumerate() {
            let mut context = Context::new(graph, options);
            let mut redo = Redo::default();
            match recheck {
                Some(recheck) => recheck(&mut context, change, &mut redo),
                None => {
                    redo.all = true;
                    check(&mut context);
                }
            }
            found.set_part(rule, &redo, context.finish(), touched);
        }
    }

    /// The per-node diagnostics of the node at `index` in the workflow's `nodes` (none for
    /// a node the graph left out or of an unknown kind).
    fn node(
        &self,
        graph: &WorkflowGraph<'_>,
        options: ValidateOptions<'_>,
        index: usize,
    ) -> Vec<Diagnostic> {
        let Some(position) = scope::position_of(graph, index) else {
            return Vec::new();
        };
        let node = graph.at(position);
        let Some(kind) = node.kind else {
            return Vec::new();
        };
        let mut context = Context::new(graph, options);
        for check in &self.by_kind[kind as usize] {
            check(&mut context, position, node);
        }
        context.finish()
    }
}

/// The diagnostics of each source, and how many sources report each diagnostic (the
/// same diagnostic from two sources is reported once, as validation drops duplicates).
#[derive(Debug, Default)]
struct Found {
    /// Per index in the workflow's `nodes`: what the per-node checks reported.
    by_node: Vec<Vec<Diagnostic>>,
    /// What each whole-graph check reported, in rule order.
    graph: Vec<Vec<Diagnostic>>,
    counts: FastMap<Diagnostic, usize>,
}

/// Diagnostics whose count changed during an edit, with whether they were reported
/// before it.
type Touched = FastMap<Diagnostic, bool>;

impl Found {
    fn set_node(&mut self, index: usize, now: Vec<Diagnostic>, touched: &mut Touched) {
        let before = std::mem::replace(&mut self.by_node[index], now);
        if before != self.by_node[index] {
            let now = self.by_node[index].clone();
            self.recount(before, &now, touched);
        }
    }

    fn set_graph(&mut self, now: Vec<Vec<Diagnostic>>, touched: &mut Touched) {
        for (rule, now) in now.into_iter().enumerate() {
            let before = std::mem::replace(&mut self.graph[rule], now);
            if before != self.graph[rule] {
                let now = self.graph[rule].clone();
                self.recount(before, &now, touched);
            }
        }
    }

    /// Takes what a whole-graph rule's recheck reported again (`now`, at the places
    /// `redo` names) in place of what it reported there before.
    fn set_part(&mut self, rule: usize, redo: &Redo, now: Vec<Diagnostic>, touched: &mut Touched) {
        let (before, kept): (Vec<Diagnostic>, Vec<Diagnostic>) =
            std::mem::take(&mut self.graph[rule])
                .into_iter()
                .partition(|diagnostic| redo.covers(diagnostic));
        self.graph[rule] = kept;
        if before != now {
            self.recount(before, &now, touched);
        }
        self.graph[rule].extend(now);
    }

    /// Counts `now` in place of `before`, touching only the diagnostics that differ: most
    /// edits change few of the whole-graph checks' many.
    fn recount(&mut self, mut before: Vec<Diagnostic>, now: &[Diagnostic], touched: &mut Touched) {
        before.sort_by(order);
        let mut now: Vec<&Diagnostic> = now.iter().collect();
        now.sort_by(|a, b| order(a, b));
        let (mut old, mut new) = (before.iter().peekable(), now.into_iter().peekable());
        loop {
            let step = match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(a), Some(b)) => order(a, b),
            };
            match step {
                Ordering::Less => self.count(old.next(), -1, touched),
                Ordering::Greater => self.count(new.next(), 1, touched),
                Ordering::Equal => {
                    old.next();
                    new.next();
                }
            }
        }
    }

    fn count(&mut self, diagnostic: Option<&Diagnostic>, by: isize, touched: &mut Touched) {
        let Some(diagnostic) = diagnostic else { return };
        if !touched.contains_key(diagnostic) {
            touched.insert(diagnostic.clone(), self.counts.contains_key(diagnostic));
        }
        let count = self.counts.get(diagnostic).copied().unwrap_or(0);
        match count.checked_add_signed(by) {
            Some(0) | None => self.counts.remove(diagnostic),
            Some(count) => self.counts.insert(diagnostic.clone(), count),
        };
    }

    fn update(&self, touched: Touched) -> Update {
        let mut update = Update::default();
        for (diagnostic, was) in touched {
            match (was, self.counts.contains_key(&diagnostic)) {
                (false, true) => update.added.push(diagnostic),
                (true, false) => update.removed.push(diagnostic),
                _ => {}
            }
        }
        diagnostic::sort(&mut update.added);
        diagnostic::sort(&mut update.removed);
        update
    }

    /// Renumbers what the nodes' checks reported after the item at `removed` of the list
    /// `list` (`nodes` or `edges`) left it: the items after it moved one place up, in
    /// where a diagnostic is and in the pointers of its fix.
    fn shift(&mut self, list: &str, removed: usize, touched: &mut Touched) {
        for index in 0..self.by_node.len() {
            // Looked at before copying: most nodes' diagnostics point at nothing that moved.
            let diagnostics = &self.by_node[index];
            if !diagnostics.iter().any(|d| moves(d, list, removed)) {
                continue;
            }
            let mut now = diagnostics.clone();
            for diagnostic in &mut now {
                shift_diagnostic(diagnostic, list, removed);
            }
            diagnostic::sort(&mut now);
            self.set_node(index, now, touched);
        }
    }

    /// Drops what the whole-graph checks reported at the item at `removed` of the list
    /// `list` (`nodes` or `edges`), which is gone, and moves what they reported at later
    /// items one place up. A rule whose messages name item numbers reports again on such
    /// a removal.
    fn shift_graph(&mut self, list: &str, removed: usize, touched: &mut Touched) {
        let at_removed = |diagnostic: &Diagnostic| {
            matches!(
                diagnostic.location.path.segments(),
                [Segment::Key(key), Segment::Index(index), ..]
                    if key == list && *index == removed
            )
        };
        for rule in 0..self.graph.len() {
            let (before, kept): (Vec<Diagnostic>, Vec<Diagnostic>) =
                std::mem::take(&mut self.graph[rule])
                    .into_iter()
                    .partition(|diagnostic| {
                        at_removed(diagnostic) || moves(diagnostic, list, removed)
                    });
            self.graph[rule] = kept;
            if before.is_empty() {
                continue;
            }
            let mut now: Vec<Diagnostic> = before
                .iter()
                .filter(|diagnostic| !at_removed(diagnostic))
                .cloned()
                .collect();
            for diagnostic in &mut now {
                shift_diagnostic(diagnostic, list, removed);
            }
            self.recount(before, &now, touched);
            self.graph[rule].extend(now);
        }
    }
}

/// Whether [`shift_diagnostic`] moves anything of `diagnostic`.
fn moves(diagnostic: &Diagnostic, list: &str, removed: usize) -> bool {
    let mut pointers = diagnostic.fix.iter().flat_map(|fix| fix.edits.iter());
    shifted(&diagnostic.location.path, list, removed).is_some()
        || pointers.any(|edit| shifted_pointer(edit.path(), list, removed).is_some())
}

/// Moves `diagnostic`'s location and fix pointers into `list` past `removed` one place
/// up.
fn shift_diagnostic(diagnostic: &mut Diagnostic, list: &str, removed: usize) {
    if let Some(path) = shifted(&diagnostic.location.path, list, removed) {
        diagnostic.location.path = path;
    }
    for edit in diagnostic
        .fix
        .iter_mut()
        .flat_map(|fix| fix.edits.iter_mut())
    {
        if let Some(pointer) = shifted_pointer(edit.path(), list, removed) {
            edit.set_path(pointer);
        }
    }
}

/// A JSON pointer `/<list>/<index>...` with the index lowered by one, when past `removed`.
fn shifted_pointer(pointer: &str, list: &str, removed: usize) -> Option<String> {
    let rest = pointer
        .strip_prefix('/')?
        .strip_prefix(list)?
        .strip_prefix('/')?;
    let (token, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let index = patch::array_index(token).filter(|&index| index > removed)?;
    Some(format!("/{list}/{}{tail}", index - 1))
}

/// A total order of diagnostics: the reporting order, then the hint and the fix (a fix
/// can come and go while the problem stays, as a duplicate id's rename does when an edge
/// starts naming the id), so two lists of the same diagnostics sort alike.
fn order(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    a.sort_key()
        .cmp(&b.sort_key())
        .then_with(|| a.hint.cmp(&b.hint))
        .then_with(|| fix_key(a).cmp(&fix_key(b)))
}

/// A fix as comparable text (its operations hold JSON values, which have no order).
fn fix_key(diagnostic: &Diagnostic) -> Option<(&str, String)> {
    let fix = diagnostic.fix.as_ref()?;
    let edits = serde_json::to_string(&fix.edits).unwrap_or_default();
    Some((fix.title.as_str(), edits))
}

/// `path` with its index into `list` lowered by one, when it points past `removed`.
fn shifted(path: &FieldPath, list: &str, removed: usize) -> Option<FieldPath> {
    let [Segment::Key(key), Segment::Index(index), rest @ ..] = path.segments() else {
        return None;
    };
    if key != list || *index <= removed {
        return None;
    }
    let mut moved = FieldPath::root().key(list).index(index - 1);
    for segment in rest {
        match segment {
            Segment::Key(key) => moved.push_key(key),
            Segment::Index(index) => moved.push_index(*index),
        }
    }
    Some(moved)
}

impl Document {
    /// Opens a workflow: validates it once, keeping each source's diagnostics.
    pub fn open(workflow: Workflow, plugins: Vec<PluginDefinition>) -> Self {
        let checks = Checks::new();
        let mut found = Found {
            by_node: vec![Vec::new(); workflow.nodes.items().len()],
            graph: vec![Vec::new(); checks.graph.len()],
            ..Found::default()
        };
        let options = ValidateOptions { plugins: &plugins };
        let index = GraphIndex::new(&workflow);
        let graph = index
            .graph(&workflow)
            .unwrap_or_else(|| WorkflowGraph::new(&workflow));
        let mut touched = fast_map(0);
        found.set_graph(checks.graph(&graph, options), &mut touched);
        for node in graph.nodes() {
            let now = checks.node(&graph, options, node.index);
            found.set_node(node.index, now, &mut touched);
        }
        let has_edges = !graph.edges().is_empty();
        drop(graph);
        let referrers = Referrers::new(&workflow);
        Document {
            workflow,
            plugins,
            checks,
            found,
            index,
            referrers,
            has_edges,
            last_compile: compile::LastCompile::default(),
            #[cfg(test)]
            rebuilds: 0,
        }
    }

    /// The workflow as edited so far.
    pub fn workflow(&self) -> &Workflow {
        &self.workflow
    }

    /// The workflow as JSON, written as the round trip writes it (nothing lost).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(&self.workflow).unwrap_or(Value::Null)
    }

    /// Every diagnostic of the workflow as edited, as [`crate::validate::validate`] reports
    /// them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.found.counts.keys().cloned().collect();
        diagnostic::sort(&mut all);
        all
    }

    /// Applies an edit and reports what it changed in the diagnostics. A bad edit (an
    /// unknown id, a pointer that leads nowhere) changes nothing.
    pub fn apply(&mut self, edit: &Edit) -> Result<Update, EditError> {
        let mut touched = fast_map(16);
        match detach::plan(&self.workflow, &self.index, edit) {
            // Each step is an edit that can be made, to a node or edge that is there.
            Plan::Steps(steps) => {
                for step in &steps {
                    self.step(step, true, &mut touched)?;
                }
            }
            Plan::Unnamed => self.step(edit, true, &mut touched)?,
            Plan::AsIs => self.step(edit, false, &mut touched)?,
        }
        Ok(self.found.update(touched))
    }

    /// Applies an edit, counting what it changed in the diagnostics into `touched`.
    /// `unnamed`: no edge names the id of a node the edit adds or removes, so the graph
    /// may take the node in or out alone.
    fn step(&mut self, edit: &Edit, unnamed: bool, touched: &mut Touched) -> Result<(), EditError> {
        let old_ends = old_edge_ends(&self.workflow, edit);
        let ids = touched_ids(edit, &old_ends);
        let options = ValidateOptions {
            plugins: &self.plugins,
        };
        let mut before = BTreeSet::new();
        let alone = match edit {
            Edit::RemoveNode { id } => unnamed && self.index.alone(id),
            _ => false,
        };
        // A node alone has no neighbours to find.
        if scope::moves_edge_ends(edit) && !alone {
            scope::near(&self.workflow, &ids, &mut before);
        }
        let old = self.old_node(edit);
        let tracking = self.last_compile.tracks_edits();
        let mut names = Vec::new();
        if tracking {
            names_of(&self.workflow, &self.index, &ids, None, &mut names);
        }
        let index = &self.index;
        let changed = edit::apply(&mut self.workflow, edit, |id| index.index_of(id))?;
        let found = &mut self.found;
        let mut affected: BTreeSet<usize> = match changed {
            Changed::NodeRemoved(removed) => {
                found.set_node(removed, Vec::new(), touched);
                found.by_node.remove(removed);
                self.referrers.remove(removed);
                found.shift("nodes", removed, touched);
                let moved =
                    |index: usize| (index != removed).then(|| index - usize::from(index > removed));
                before.into_iter().filter_map(moved).collect()
            }
            Changed::EdgeRemoved(removed) => {
                found.shift("edges", removed, touched);
                found.shift_graph("edges", removed, touched);
                before
            }
            Changed::Node(index) => {
                if index == found.by_node.len() {
                    found.by_node.push(Vec::new());
                }
                let node = self.workflow.nodes.items()[index].get();
                self.referrers.set(index, node);
                before.insert(index);
                before
            }
            Changed::Edge(_) => before,
        };
        // The id of a removed or replaced edge, and its ends if it was in the graph.
        let mut removed = None;
        let in_place = match (&old, &changed) {
            (Some((was, _)), Changed::Node(index)) if was == index => {
                self.index.node_changed(&self.workflow, *index, unnamed)
            }
            (_, Changed::Edge(index)) => match edit {
                Edit::ReplaceEdge { id, .. } => {
                    let ends = self.index.edge_replaced(&self.workflow, *index, id);
                    removed = ends.ok().map(|ends| (id.as_str(), ends));
                    removed.is_some()
                }
                _ => self.index.edge_added(&self.workflow, *index),
            },
            (None, Changed::Node(index)) if unnamed && matches!(edit, Edit::AddNode { .. }) => {
                self.index.node_added(&self.workflow, *index)
            }
            (Some((was, _)), Changed::NodeRemoved(index)) if was == index && alone => {
                let taken = self.index.node_removed(*index);
                if taken {
                    found.shift_graph("nodes", *index, touched);
                }
                taken
            }
            (_, Changed::EdgeRemoved(index)) => {
                if let Edit::RemoveEdge { id } = edit {
                    removed = Some((id.as_str(), self.index.edge_removed(*index, id)));
                }
                removed.is_some()
            }
            _ => false,
        };
        if !in_place {
            self.index = GraphIndex::new(&self.workflow);
            #[cfg(test)]
            {
                self.rebuilds += 1;
            }
        }
        let graph = self
            .index
            .graph(&self.workflow)
            .unwrap_or_else(|| WorkflowGraph::new(&self.workflow));
        let edited = match changed {
            Changed::Node(index) => Some(index),
            _ => None,
        };
        scope::affected(&graph, &ids, edited, &mut affected);
        if !ids.is_empty() {
            self.referrers.naming(&ids, &mut affected);
        }
        let has_edges = !graph.edges().is_empty();
        if std::mem::replace(&mut self.has_edges, has_edges) != has_edges {
            // Mount copies are read from the node only in a workflow without edges.
            affected = (0..found.by_node.len()).collect();
            self.last_compile.all_changed();
        } else if tracking {
            // What a node compiles to reads what its per-node checks read, and names.
            names_of(&self.workflow, &self.index, &ids, edited, &mut names);
            let nodes = self.workflow.nodes.items();
            let id = |index: &usize| nodes.get(*index)?.get()?.id.as_str().map(str::to_owned);
            let reached = affected.iter().filter_map(id);
            self.last_compile
                .edited(ids.iter().cloned().chain(reached), names);
        }
        for index in affected {
            let now = self.checks.node(&graph, options, index);
            found.set_node(index, now, touched);
        }
        // `old` is that of a patched or replaced node.
        let old = old.filter(|_| in_place);
        // The node ids the removed or replaced edge named.
        let named = old_ends.each_ref().map(Option::as_deref);
        let change = match changed {
            _ if !in_place => None,
            Changed::Node(index) => scope::position_of(&graph, index).map(|position| {
                let (before, added) = match &old {
                    Some((index, node)) => (GraphNode::new(*index, node), false),
                    None => (*graph.at(position), true),
                };
                Change::Node(NodeChange {
                    position,
                    before,
                    added,
                })
            }),
            Changed::Edge(index) => {
                let edges = graph.edges();
                let position = edges.binary_search_by_key(&index, |edge| edge.index).ok();
                Some(match removed {
                    Some((id, ends)) => Change::EdgeReplaced {
                        index,
                        position,
                        ends,
                        id,
                        named,
                    },
                    None => Change::EdgeAdded { index, position },
                })
            }
            Changed::EdgeRemoved(index) => removed.map(|(id, ends)| Change::EdgeRemoved {
                index,
                ends,
                id,
                named,
                repeated_ids: self.index.repeats_edge_ids(),
            }),
            Changed::NodeRemoved(_) => old.as_ref().map(|(index, node)| Change::NodeRemoved {
                before: GraphNode::new(*index, node),
            }),
        };
        match change {
            Some(change) => {
                self.checks
                    .recheck_graph(&graph, options, &change, found, touched);
            }
            None => found.set_graph(self.checks.graph(&graph, options), touched),
        }
        Ok(())
    }

    /// The node an edit patches, replaces or removes, with its index, as it is before the
    /// edit (the first with the id, as the edit finds it).
    fn old_node(&self, edit: &Edit) -> Option<(usize, Node)> {
        let (Edit::PatchNodeData { id, .. }
        | Edit::ReplaceNode { id, .. }
        | Edit::RemoveNode { id }) = edit
        else {
            return None;
        };
        let index = self.index.index_of(id)?;
        let node = self.workflow.nodes.items().get(index)?.get()?;
        Some((index, node.clone()))
    }
}

/// Adds the (namespace, name) of the first node with each of `ids`, and of the node at
/// `index` in the workflow's `nodes`, to `names`.
fn names_of(
    workflow: &Workflow,
    graph: &GraphIndex,
    ids: &BTreeSet<String>,
    index: Option<usize>,
    names: &mut Vec<(String, String)>,
) {
    let nodes = workflow.nodes.items();
    let indexes = ids.iter().filter_map(|id| graph.index_of(id));
    for index in indexes.chain(index) {
        if let Some(node) = nodes.get(index).and_then(|node| node.get()) {
            let node = GraphNode::new(index, node);
            names.push((node.namespace().to_owned(), node.name().to_owned()));
        }
    }
}

/// The node ids the edge an edit removes or replaces names as its source and target.
fn old_edge_ends(workflow: &Workflow, edit: &Edit) -> [Option<String>; 2] {
    let (Edit::RemoveEdge { id } | Edit::ReplaceEdge { id, .. }) = edit else {
        return [None, None];
    };
    let Some((_, old)) = workflow.edges().find(|(_, e)| e.id.as_str() == Some(id)) else {
        return [None, None];
    };
    [&old.source, &old.target].map(|end| end.as_str().map(str::to_owned))
}

/// The ids of the nodes an edit adds, removes or changes, and of the ends of the edges
/// it adds, removes or changes, before (`old_ends`, of an edge removed or replaced) and
/// after it.
fn touched_ids(edit: &Edit, old_ends: &[Option<String>; 2]) -> BTreeSet<String> {
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    let ends = |edge: &Value| [text(edge.get("source")), text(edge.get("target"))];
    let mut ids = BTreeSet::new();
    match edit {
        Edit::AddNode { node } => ids.extend(text(node.get("id"))),
        Edit::RemoveNode { id } | Edit::PatchNodeData { id, .. } => {
            ids.insert(id.clone());
        }
        Edit::ReplaceNode { id, node } => {
            ids.insert(id.clone());
            ids.extend(text(node.get("id")));
        }
        Edit::AddEdge { edge } => ids.extend(ends(edge).into_iter().flatten()),
        Edit::RemoveEdge { .. } | Edit::ReplaceEdge { .. } => {
            ids.extend(old_ends.iter().flatten().cloned());
            if let Edit::ReplaceEdge { edge, .. } = edit {
                ids.extend(ends(edge).into_iter().flatten());
            }
        }
    }
    ids
}
