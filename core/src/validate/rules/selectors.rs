//! Selectors against pod labels, as the compiler writes them ([`crate::graph::labels`]):
//!
//! - a workload's explicit `selector` must match its own pod labels (the API server
//!   refuses it otherwise);
//! - two Deployments, StatefulSets or DaemonSets of one namespace must not select each
//!   other's pods (their controllers would fight over them);
//! - a Service or NetworkPolicy connected to several workloads selects what their
//!   selectors share: something must be shared, and a workload it is not connected to
//!   that it also picks is named; a Service's own `selector`, used with edges, must pick
//!   every workload they connect it to;
//! - a Service without edges whose `selector` (or `targetApp`) picks no workload of the
//!   workflow has no endpoints, unless pods made elsewhere match.

use std::cell::OnceCell;

use super::{Change, Check, Redo, Rule};
use crate::diagnostic::Code;
use crate::graph::labels::{
    LabelPolicy, PodLabels, Selector, common_selector, explicit_selector, given_selector,
    node_selector, set_selector, show,
};
use crate::graph::{GraphNode, Relation, SELECTABLE_KINDS, WORKLOAD_KINDS, WorkflowGraph};
use crate::model::{FieldPath, NodeData, NodeKind};
use crate::validate::{Context, FastMap, fast_map, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::SelectorMismatch,
        Code::OverlappingSelectors,
        Code::NoCommonSelector,
        Code::SelectsUnconnectedWorkload,
        Code::SelectorMatchesNothing,
    ],
    check: Check::Keyed(check, recheck),
};

/// A workload, its pods' labels and (for a controller) its selector.
struct Pods<'a> {
    position: usize,
    node: &'a GraphNode<'a>,
    labels: PodLabels<'a>,
    /// Made when first needed: most workloads are alone with their `app` label and
    /// connected to nothing that selects several.
    selector: OnceCell<Selector<'a>>,
}

impl<'a> Pods<'a> {
    /// The selector; empty for Jobs and CronJobs (Kubernetes generates theirs).
    fn selector(&self) -> &Selector<'a> {
        self.selector.get_or_init(|| {
            if is_controller(self.node) {
                node_selector(self.node)
            } else {
                Selector::new()
            }
        })
    }
}

/// The workloads of the graph, and where to find those a selector may pick. No list per
/// key: a workflow has about as many `app` labels as workloads.
struct Workloads<'a> {
    all: Vec<Pods<'a>>,
    /// The first and last index in `all` of each namespace and `app` label: every pod has
    /// one, and almost every selector names it.
    ends: FastMap<(&'a str, &'a str), (usize, usize)>,
    /// For each index in `all`, the next of the same namespace and `app` label.
    next: Vec<Option<usize>>,
    /// For each index in `all`, whether another workload has its namespace and `app` label.
    shared: Vec<bool>,
    /// Index in `all` by position in the graph.
    by_position: Vec<Option<usize>>,
}

impl<'a> Workloads<'a> {
    /// The workloads at `positions` in the graph, in that order.
    fn new(graph: &'a WorkflowGraph<'_>, policy: &'a LabelPolicy, positions: &[usize]) -> Self {
        let count = positions.len();
        let mut workloads = Workloads {
            all: Vec::with_capacity(count),
            ends: fast_map(count),
            next: Vec::with_capacity(count),
            shared: Vec::with_capacity(count),
            by_position: vec![None; graph.nodes().len()],
        };
        // Unnamed workloads too: the compiler builds a Service's selector from every
        // workload its edges reach.
        for &position in positions {
            let node = graph.at(position);
            let labels = policy.pod_labels(node);
            let index = workloads.all.len();
            workloads.by_position[position] = Some(index);
            workloads.next.push(None);
            workloads.shared.push(false);
            let app = labels.get("app").unwrap_or_default();
            let (next, shared) = (&mut workloads.next, &mut workloads.shared);
            workloads
                .ends
                .entry((node.namespace(), app))
                .and_modify(|(_, last)| {
                    next[*last] = Some(index);
                    shared[*last] = true;
                    shared[index] = true;
                    *last = index;
                })
                .or_insert((index, index));
            workloads.all.push(Pods {
                position,
                node,
                labels,
                selector: OnceCell::new(),
            });
        }
        workloads
    }

    /// Whether no other workload of its namespace has the `app` label of `pods`.
    fn alone(&self, pods: &Pods<'a>) -> bool {
        self.by_position[pods.position].is_some_and(|index| !self.shared[index])
    }

    /// The indices of the workloads of `namespace` that a selector with this `app` (if
    /// any) may pick, in input order.
    fn candidates(
        &self,
        namespace: &'a str,
        app: Option<&'a str>,
    ) -> impl Iterator<Item = usize> + '_ {
        let same_app = app.map(|app| {
            let first = self.ends.get(&(namespace, app)).map(|&(first, _)| first);
            std::iter::successors(first, |&index| self.next[index])
        });
        // A selector without `app` is rare: look through them all.
        let same_namespace = app.is_none().then(|| {
            (0..self.all.len()).filter(move |&index| self.all[index].node.namespace() == namespace)
        });
        same_app
            .into_iter()
            .flatten()
            .chain(same_namespace.into_iter().flatten())
    }

    /// The workloads of `namespace` whose pods `matches` picks.
    fn picked(
        &self,
        namespace: &'a str,
        app: Option<&'a str>,
        matches: impl Fn(&PodLabels<'a>) -> bool,
    ) -> impl Iterator<Item = &Pods<'a>> {
        self.candidates(namespace, app)
            .map(|index| &self.all[index])
            .filter(move |pods| matches(&pods.labels))
    }
}

/// The kinds that select workloads along edges.
const SELECTING_KINDS: &[NodeKind] = &[NodeKind::Service, NodeKind::NetworkPolicy];

fn check(cx: &mut Context<'_>) {
    let graph = cx.graph;
    let all: Vec<usize> = graph
        .nodes_of(WORKLOAD_KINDS)
        .map(|(position, _)| position)
        .collect();
    let workloads = Workloads::new(graph, &graph.labels, &all);
    for pods in &workloads.all {
        own_labels(cx, pods);
    }
    overlaps(cx, &workloads, |_| true);
    for (position, node) in graph.nodes_of(SELECTING_KINDS) {
        selected(cx, &workloads, position, node);
    }
}

/// A node's change alters what is reported on the workloads of its namespaces before and
/// after it (`changed`), and on the Services and NetworkPolicies of those namespaces or
/// connected to their workloads or to the node. An edge's alters what is reported on its
/// source, what it selects. Those read the workloads of their own namespace and of the
/// workloads they connect to, whole: those namespaces are read.
fn recheck(cx: &mut Context<'_>, change: &Change<'_>, redo: &mut Redo) {
    let graph = cx.graph;
    let (changed, mut selecting) = match change {
        Change::Node(change) => {
            let now = graph.at(change.position);
            redo.nodes.insert(now.index);
            let changed = vec![now.namespace(), change.before.namespace()];
            // What the edges into the node mean may have changed with its kind.
            let into = graph.edges_to(change.position).iter();
            let mut selecting: Vec<usize> = into.map(|&edge| graph.edges()[edge].source).collect();
            selecting_in(graph, &changed, &mut selecting);
            // A new id can bring back the targetApp of a Service linked to it, and an id
            // gone takes it away.
            for id in change.ids_changed(now.id()) {
                selecting.extend(graph.services_linking(id));
            }
            (changed, selecting)
        }
        // The removed node had no edges: what changed is in its namespace, and the
        // Services linked to its id, whose targetApp no longer counts.
        Change::NodeRemoved { before } => {
            let changed = vec![before.namespace()];
            let mut selecting: Vec<usize> = graph.services_linking(before.id()).collect();
            selecting_in(graph, &changed, &mut selecting);
            (changed, selecting)
        }
        _ => {
            let sources = change.edge_ends(graph).map(|(source, _)| source);
            (Vec::new(), sources.collect())
        }
    };
    selecting.retain(|&position| {
        graph
            .at(position)
            .kind
            .is_some_and(|kind| SELECTING_KINDS.contains(&kind))
    });
    selecting.sort_unstable();
    selecting.dedup();
    let mut read: Vec<&str> = changed.clone();
    for &position in &selecting {
        read.push(graph.at(position).namespace());
        let targets = graph.edges_from(position).iter();
        read.extend(targets.map(|&edge| graph.at(graph.edges()[edge].target).namespace()));
    }
    read.sort_unstable();
    read.dedup();
    let workloads = Workloads::new(graph, &graph.labels, &workloads_in(graph, &read));
    let in_changed = |pods: &Pods<'_>| changed.contains(&pods.node.namespace());
    for pods in workloads.all.iter().filter(|pods| in_changed(pods)) {
        redo.nodes.insert(pods.node.index);
        own_labels(cx, pods);
    }
    overlaps(cx, &workloads, in_changed);
    for position in selecting {
        let node = graph.at(position);
        redo.nodes.insert(node.index);
        selected(cx, &workloads, position, node);
    }
}

/// Adds the nodes that may select workloads of the namespaces `changed`: the sources of
/// the edges into those workloads, and the selecting nodes of those namespaces.
fn selecting_in(graph: &WorkflowGraph<'_>, changed: &[&str], selecting: &mut Vec<usize>) {
    for &namespace in changed {
        for (position, _) in graph.nodes_in_of(namespace, WORKLOAD_KINDS) {
            let into = graph.edges_to(position).iter();
            selecting.extend(into.map(|&edge| graph.edges()[edge].source));
        }
        let selecting_nodes = graph.nodes_in_of(namespace, SELECTING_KINDS);
        selecting.extend(selecting_nodes.map(|(position, _)| position));
    }
}

/// The positions of the workloads of `namespaces` (sorted, without repeats), in the order
/// [`WorkflowGraph::nodes_of`] gives all workloads: kind by kind, each in input order.
fn workloads_in(graph: &WorkflowGraph<'_>, namespaces: &[&str]) -> Vec<usize> {
    let mut workloads: Vec<(usize, usize)> = namespaces
        .iter()
        .flat_map(|&namespace| graph.nodes_in_of(namespace, WORKLOAD_KINDS))
        .filter_map(|(position, node)| {
            let rank = WORKLOAD_KINDS
                .iter()
                .position(|&kind| Some(kind) == node.kind)?;
            Some((rank, position))
        })
        .collect();
    workloads.sort_unstable();
    workloads
        .into_iter()
        .map(|(_, position)| position)
        .collect()
}

/// An explicit selector must match the workload's own pods.
fn own_labels(cx: &mut Context<'_>, pods: &Pods<'_>) {
    let Some(explicit) = pods.node.data().and_then(explicit_selector) else {
        return;
    };
    for (key, value) in &explicit {
        let actual = pods.labels.get(key);
        if actual == Some(*value) {
            continue;
        }
        let actual = actual.map_or_else(|| "none".to_owned(), |value| format!("\"{value}\""));
        let message = format!(
            "{}: selector {key}: {value} does not match its pod labels ({key} is {actual}); \
             the API server refuses it",
            pods.node.describe()
        );
        cx.report(
            node_problem(
                pods.node,
                pods.node.data_path().key("selector").key(*key),
                Code::SelectorMismatch,
                message,
            )
            .hint(format!(
                "set labels.{key} to \"{value}\", or remove the key from the selector"
            )),
        );
    }
}

/// Two controllers of one namespace whose selectors pick each other's pods, reported once
/// per pair, on the later of the two; for the workloads `only` takes (with all of their
/// namespace).
fn overlaps<'a>(cx: &mut Context<'_>, workloads: &Workloads<'a>, only: impl Fn(&Pods<'a>) -> bool) {
    let mut pairs = Vec::new();
    for (index, pods) in workloads.all.iter().enumerate() {
        if !only(pods) {
            continue;
        }
        // An unnamed workload is not built (`names` reports it).
        if !is_controller(pods.node) || pods.node.name().is_empty() {
            continue;
        }
        // A default selector names the workload's own `app` label: alone with it, the
        // workload selects no other pods.
        let explicit = pods.node.data().and_then(explicit_selector).is_some();
        if !explicit && workloads.alone(pods) {
            continue;
        }
        let app = pods.selector().get("app").copied();
        for other in workloads.candidates(pods.node.namespace(), app) {
            let them = &workloads.all[other];
            // One kind and name is one object: `duplicate-resources` reports it.
            let same_object =
                them.node.kind == pods.node.kind && them.node.name() == pods.node.name();
            if other != index
                && !same_object
                && !them.node.name().is_empty()
                && is_controller(them.node)
                && them.labels.matches(pods.selector())
            {
                pairs.push((index.min(other), index.max(other)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (first, later) in pairs {
        let (first, later) = (&workloads.all[first], &workloads.all[later]);
        let message = format!(
            "{} and {} select each other's pods (selectors {} and {}): their controllers \
             would fight over them",
            first.node.describe(),
            later.node.describe(),
            show(first.selector()),
            show(later.selector())
        );
        cx.report(
            node_problem(
                later.node,
                selector_source(later.node),
                Code::OverlappingSelectors,
                message,
            )
            .hint("give one of them a distinguishing label, such as version: v2"),
        );
    }
}

fn is_controller(node: &GraphNode<'_>) -> bool {
    node.kind
        .is_some_and(|kind| SELECTABLE_KINDS.contains(&kind))
}

/// The field a workload's selector comes from: `selector`, else `labels` when set, else
/// `name`.
fn selector_source(node: &GraphNode<'_>) -> FieldPath {
    let data = node.data();
    let key = if data.and_then(explicit_selector).is_some() {
        "selector"
    } else if data
        .and_then(NodeData::container)
        .and_then(|fields| fields.labels?.get())
        .is_some_and(|labels| labels.contains_key("app") || labels.contains_key("version"))
    {
        "labels"
    } else {
        "name"
    };
    node.data_path().key(key)
}

/// What a Service or NetworkPolicy selects, against the workloads it is connected to.
fn selected<'a>(
    cx: &mut Context<'_>,
    workloads: &Workloads<'a>,
    position: usize,
    node: &GraphNode<'a>,
) {
    let wanted = if node.kind == Some(NodeKind::Service) {
        Relation::Selects
    } else {
        Relation::PolicyTarget
    };
    let mut targets: Vec<&Pods<'_>> = cx
        .graph
        .outgoing(position)
        .filter(|(_, relation)| *relation == wanted)
        .filter_map(|(edge, _)| Some(&workloads.all[workloads.by_position[edge.target]?]))
        .collect();
    targets.sort_unstable_by_key(|pods| pods.position);
    targets.dedup_by_key(|pods| pods.position);
    // The common case, settled without building selectors: one controller with its
    // default selector, alone with its `app` label, is exactly what that selector picks.
    if let [target] = targets.as_slice()
        && is_controller(target.node)
        && workloads.alone(target)
        && target.node.data().and_then(explicit_selector).is_none()
        && explicit_service_selector(node).is_none()
    {
        return;
    }
    let namespace = node.namespace();
    let field = if wanted == Relation::Selects {
        "selector"
    } else {
        "podSelector"
    };
    let at = || node.data_path().key(field);
    let picked: Vec<&Pods<'_>> = match targets.as_slice() {
        [] if wanted == Relation::Selects => {
            unconnected_service(cx, workloads, node);
            return;
        }
        [] => return,
        _ if wanted == Relation::Selects => {
            let explicit = explicit_service_selector(node);
            let selector = match explicit {
                Some(explicit) => {
                    misses_targets(cx, node, &explicit, &targets);
                    explicit
                }
                None => common_selector(targets.iter().map(|pods| pods.selector())),
            };
            if selector.is_empty() {
                return no_common(cx, node, &targets, at());
            }
            let app = selector.get("app").copied();
            workloads
                .picked(namespace, app, |labels| labels.matches(&selector))
                .collect()
        }
        _ => {
            let selectors: Vec<Selector<'_>> =
                targets.iter().map(|pods| pods.selector().clone()).collect();
            let set = set_selector(&selectors);
            if set.is_empty() {
                return no_common(cx, node, &targets, at());
            }
            let app = set.labels.get("app").copied();
            workloads
                .picked(namespace, app, |labels| labels.matches_set(&set))
                .collect()
        }
    };
    let others: Vec<String> = picked
        .iter()
        .filter(|pods| !pods.node.name().is_empty())
        .filter(|pods| {
            !targets
                .iter()
                .any(|target| target.position == pods.position)
        })
        .map(|pods| pods.node.describe())
        .collect();
    if others.is_empty() {
        return;
    }
    let message = format!(
        "{} also selects the pods of {}, which it is not connected to",
        node.describe(),
        others.join(", ")
    );
    cx.report(
        node_problem(node, at(), Code::SelectsUnconnectedWorkload, message)
            .hint("connect that workload too, or give the connected ones a label it lacks"),
    );
}

fn no_common(cx: &mut Context<'_>, node: &GraphNode<'_>, targets: &[&Pods<'_>], at: FieldPath) {
    let named: Vec<String> = targets
        .iter()
        .map(|pods| format!("{} {}", pods.node.describe(), show(pods.selector())))
        .collect();
    let message = format!(
        "{} is connected to workloads whose selectors share no label: {}",
        node.describe(),
        named.join(", ")
    );
    cx.report(
        node_problem(node, at, Code::NoCommonSelector, message)
            .hint("give the workloads a common label (such as app), or use one node per workload"),
    );
}

/// A Service's own `selector`, blank keys left out; `None` when absent or empty.
fn explicit_service_selector<'a>(node: &GraphNode<'a>) -> Option<Selector<'a>> {
    let Some(NodeData::Service(service)) = node.data() else {
        return None;
    };
    given_selector(&service.selector)
}

/// A Service's own `selector` must pick every workload its edges connect it to.
fn misses_targets(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    selector: &Selector<'_>,
    targets: &[&Pods<'_>],
) {
    for target in targets {
        if target.labels.matches(selector) {
            continue;
        }
        let message = format!(
            "{}: selector {} does not match the pods of {}, which its edge connects it to",
            node.describe(),
            show(selector),
            target.node.describe()
        );
        cx.report(
            node_problem(
                node,
                node.data_path().key("selector"),
                Code::SelectorMismatch,
                message,
            )
            .hint(
                "remove the selector (the edges then choose it), or give the workload these labels",
            ),
        );
    }
}

/// A Service without edges keeps its `selector` (else `app: <targetApp>`); it should pick
/// some workload.
fn unconnected_service<'a>(cx: &mut Context<'_>, workloads: &Workloads<'a>, node: &GraphNode<'a>) {
    let Some(NodeData::Service(service)) = node.data() else {
        return;
    };
    let (selector, field) = match explicit_service_selector(node) {
        Some(explicit) => (explicit, "selector"),
        None => match cx.graph.target_app(service) {
            Some(app) => (Selector::from([("app", app)]), "targetApp"),
            // Nothing to select: `services` reports it.
            None => return,
        },
    };
    let app = selector.get("app").copied();
    let namespace = node.namespace();
    if workloads
        .picked(namespace, app, |labels| labels.matches(&selector))
        .next()
        .is_some()
    {
        return;
    }
    let message = format!(
        "{} selects {}, which no workload of namespace \"{namespace}\" in this workflow has",
        node.describe(),
        show(&selector)
    );
    cx.report(
        node_problem(
            node,
            node.data_path().key(field),
            Code::SelectorMatchesNothing,
            message,
        )
        .hint("connect the Service to its workload, or give the workload these labels"),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    /// A deployment node with these labels and selector.
    fn deployment(id: &str, labels: &str, selector: &str) -> String {
        format!(
            r#"{{"id": "{id}", "type": "deployment", "data": {{"name": "{id}", "image": "x:1",
                "labels": {labels}, "selector": {selector}}}}}"#
        )
    }

    #[test]
    fn explicit_selectors_must_match_the_pods() {
        let found = diagnostics_of(
            Code::SelectorMismatch,
            &format!(
                r#"{{"nodes": [{}, {}]}}"#,
                deployment("good", r#"{"app": "shop"}"#, r#"{"app": "shop"}"#),
                deployment(
                    "bad",
                    r#"{"app": "shop2"}"#,
                    r#"{"app": "shop", "tier": "web"}"#
                )
            ),
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "selector-mismatch",
                    "/nodes/1/data/selector/app".into(),
                    "bad"
                ),
                (
                    "selector-mismatch",
                    "/nodes/1/data/selector/tier".into(),
                    "bad"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "deployment \"bad\": selector app: shop does not match its pod labels (app is \"shop2\"); the API server refuses it"
        );
    }

    #[test]
    fn overlapping_selectors_name_both_workloads() {
        let found = diagnostics_of(
            Code::OverlappingSelectors,
            &format!(
                r#"{{"nodes": [{}, {}, {}, {},
                    {{"id": "job", "type": "job", "data": {{"name": "job", "image": "x:1", "labels": {{"app": "reviews"}}}}}}]}}"#,
                deployment("v1", r#"{"app": "reviews", "version": "v1"}"#, "null"),
                deployment("v2", r#"{"app": "reviews", "version": "v2"}"#, "null"),
                deployment("all", r#"{"app": "reviews"}"#, "null"),
                deployment("other", r#"{"app": "ratings"}"#, "{}")
            ),
        );
        // `all` picks the pods of both versions; the Job's pods have their own controller.
        assert_eq!(
            summary(&found),
            [
                (
                    "overlapping-selectors",
                    "/nodes/2/data/labels".into(),
                    "all"
                ),
                (
                    "overlapping-selectors",
                    "/nodes/2/data/labels".into(),
                    "all"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "deployment \"v1\" and deployment \"all\" select each other's pods (selectors {app: reviews, version: v1} and {app: reviews}): their controllers would fight over them"
        );
    }

    #[test]
    fn services_and_policies_select_the_connected_workloads() {
        let workflow = format!(
            r#"{{"nodes": [{}, {}, {}, {},
                {{"id": "reviews", "type": "service", "data": {{"name": "reviews"}}}},
                {{"id": "mixed", "type": "service", "data": {{"name": "mixed"}}}},
                {{"id": "np", "type": "networkpolicy", "data": {{"name": "np"}}}},
                {{"id": "lost", "type": "service", "data": {{"name": "lost", "selector": {{"app": "details"}}}}}},
                {{"id": "found", "type": "service", "data": {{"name": "found", "targetApp": "ratings"}}}},
                {{"id": "own", "type": "service", "data": {{"name": "own", "selector": {{"app": "reviews", "version": "v2"}}}}}}],
              "edges": [{{"id": "1", "source": "reviews", "target": "v1"}}, {{"id": "2", "source": "reviews", "target": "v2"}},
                        {{"id": "3", "source": "mixed", "target": "v1"}}, {{"id": "4", "source": "mixed", "target": "ratings"}},
                        {{"id": "5", "source": "np", "target": "v1", "sourceHandle": "output"}},
                        {{"id": "6", "source": "np", "target": "ratings", "sourceHandle": "output"}},
                        {{"id": "7", "source": "own", "target": "v1"}}, {{"id": "8", "source": "own", "target": "v2"}}]}}"#,
            deployment("v1", r#"{"app": "reviews", "version": "v1"}"#, "null"),
            deployment("v2", r#"{"app": "reviews", "version": "v2"}"#, "null"),
            deployment("v3", r#"{"app": "reviews", "version": "v3"}"#, "null"),
            deployment("ratings", "{}", r#"{"app": "ratings"}"#)
        );
        let found = diagnostics_of(Code::SelectsUnconnectedWorkload, &workflow);
        assert_eq!(
            summary(&found),
            [
                (
                    "selects-unconnected-workload",
                    "/nodes/4/data/selector".into(),
                    "reviews"
                ),
                (
                    "no-common-selector",
                    "/nodes/5/data/selector".into(),
                    "mixed"
                ),
                (
                    "selects-unconnected-workload",
                    "/nodes/6/data/podSelector".into(),
                    "np"
                ),
                (
                    "selector-matches-nothing",
                    "/nodes/7/data/selector".into(),
                    "lost"
                ),
                ("selector-mismatch", "/nodes/9/data/selector".into(), "own"),
            ]
        );
        assert_eq!(
            found[0].message,
            "service \"reviews\" also selects the pods of deployment \"v3\", which it is not connected to"
        );
        assert_eq!(
            found[1].message,
            "service \"mixed\" is connected to workloads whose selectors share no label: \
             deployment \"v1\" {app: reviews, version: v1}, deployment \"ratings\" {app: ratings}"
        );
        assert_eq!(
            found[4].message,
            "service \"own\": selector {app: reviews, version: v2} does not match the pods of deployment \"v1\", which its edge connects it to"
        );
        assert_eq!(
            found[2].message,
            "networkpolicy \"np\" also selects the pods of deployment \"v2\", deployment \"v3\", which it is not connected to"
        );
    }
}
