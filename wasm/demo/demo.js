// The demo: compile the workflow in the text area on every edit (debounced), draw it as a
// graph with the nodes that have problems marked, and show the diagnostics (all, or those
// of the node clicked) with a Fix button beside each one that has a fix, and the manifests.
// Everything runs in the page; nothing is sent anywhere.
//
// `?fixture=invalid/fixable.json` loads another fixture of tests/fixtures/workflows/.
import init, { applyFixes, compile, version } from './pkg/web/kubegraph.js';

const DEBOUNCE_MS = 150;
const NODE = { width: 170, height: 56 };
const SEVERITIES = ['error', 'warning', 'info']; // worst first
const SVG_NS = 'http://www.w3.org/2000/svg';
const workflow = document.querySelector('#workflow');
const graph = document.querySelector('#graph');
const diagnostics = document.querySelector('#diagnostics');
const title = document.querySelector('#diagnostics-title');
const showAll = document.querySelector('#show-all');
const preview = document.querySelector('#preview');
const status = document.querySelector('#status');

/** What the page shows: the last compiled workflow, its diagnostics, the node clicked. */
const state = { document: null, diagnostics: [], selected: null };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const nodesOf = (document) => (Array.isArray(document?.nodes) ? document.nodes : []);
const edgesOf = (document) => (Array.isArray(document?.edges) ? document.edges : []);

/** A node's diagnostics: its own, and those of its edges that name no node. */
function diagnosticsOf(id) {
  const touching = new Set(edgesOf(state.document).filter((edge) => edge?.source === id || edge?.target === id)
    .map((edge) => edge.id));
  return state.diagnostics.filter((diagnostic) => (diagnostic.nodeId === undefined
    ? diagnostic.edgeId !== undefined && touching.has(diagnostic.edgeId)
    : diagnostic.nodeId === id));
}

const worst = (list) => SEVERITIES.find((severity) => list.some((diagnostic) => diagnostic.severity === severity));

function showDiagnostics() {
  const list = state.selected === null ? state.diagnostics : diagnosticsOf(state.selected);
  diagnostics.dataset.total = state.diagnostics.length;
  title.textContent = state.selected === null
    ? `Diagnostics (${state.diagnostics.length})`
    : `Diagnostics of node ${state.selected} (${list.length} of ${state.diagnostics.length})`;
  showAll.hidden = state.selected === null;
  diagnostics.replaceChildren(...list.map((diagnostic) => {
    const item = element('li', diagnostic.severity);
    item.dataset.code = diagnostic.code;
    item.append(element('span', 'severity', diagnostic.severity), element('span', 'code', diagnostic.code + ' '),
      element('span', 'message', diagnostic.message));
    const where = [diagnostic.nodeId && `node ${diagnostic.nodeId}`, diagnostic.edgeId && `edge ${diagnostic.edgeId}`,
      diagnostic.path].filter(Boolean).join(' · ');
    if (where) item.append(element('span', 'where', where));
    if (diagnostic.hint) item.append(element('span', 'hint', `hint: ${diagnostic.hint}`));
    if (diagnostic.fix) {
      const button = element('button', 'fix', `Fix: ${diagnostic.fix.title}`);
      button.addEventListener('click', () => applyFix(diagnostic.fix));
      item.append(element('div'), button);
    }
    return item;
  }));
  if (list.length === 0) diagnostics.append(element('li', 'none', 'No problems found.'));
}

/** Where the line from the centre of `box` towards `point` leaves the box. */
function border(box, point) {
  const dx = point.x - box.x, dy = point.y - box.y;
  const scale = Math.min(NODE.width / 2 / Math.abs(dx || 1e-9), NODE.height / 2 / Math.abs(dy || 1e-9), 1);
  return { x: box.x + dx * scale, y: box.y + dy * scale };
}

function drawEdge(edge, centres, diagnosticsOfEdge) {
  const from = centres.get(edge?.source), to = centres.get(edge?.target);
  if (!from || !to) return null; // it points nowhere: only its diagnostic shows it
  const className = `edge ${worst(diagnosticsOfEdge) ?? ''}`;
  if (from === to) {
    // A self loop: an arc over the node's top right corner.
    const x = from.x + NODE.width / 2, y = from.y - NODE.height / 2;
    const d = `M ${x - 30} ${y} C ${x - 30} ${y - 50}, ${x + 40} ${y - 40}, ${x} ${y + 10}`;
    return svg('path', { class: className, d, 'marker-end': 'url(#arrow)' });
  }
  const start = border(from, to), end = border(to, from);
  return svg('line', { class: className, x1: start.x, y1: start.y, x2: end.x, y2: end.y, 'marker-end': 'url(#arrow)' });
}

function drawNode(node, centre) {
  const id = String(node.id);
  const own = diagnosticsOf(id);
  const severity = worst(own);
  const group = svg('g', {
    class: ['node', severity, state.selected === id && 'selected'].filter(Boolean).join(' '),
    'data-id': id, tabindex: 0, role: 'button',
  }, svg('title', {}, `${node.type} ${node.data?.name ?? id}: ${own.length} diagnostics`),
  svg('rect', { x: centre.x - NODE.width / 2, y: centre.y - NODE.height / 2, width: NODE.width, height: NODE.height, rx: 8 }),
  svg('text', { class: 'kind', x: centre.x - NODE.width / 2 + 10, y: centre.y - 6 }, String(node.type ?? '?')),
  svg('text', { class: 'name', x: centre.x - NODE.width / 2 + 10, y: centre.y + 14 }, String(node.data?.name ?? id)));
  if (own.length) {
    const x = centre.x + NODE.width / 2, y = centre.y - NODE.height / 2;
    group.append(svg('g', { class: 'badge' }, svg('circle', { cx: x, cy: y, r: 12 }), svg('text', { x, y: y + 4 }, own.length)));
  }
  group.addEventListener('click', () => select(id));
  group.addEventListener('keydown', (event) => event.key === 'Enter' && select(id));
  return group;
}

/** The workflow's nodes at their canvas positions, scaled (by the view box) to fit. */
function drawGraph() {
  const nodes = nodesOf(state.document).filter((node) => node && typeof node === 'object');
  const centres = new Map();
  for (const node of nodes) {
    const { x, y } = node.position ?? {};
    const centre = { x: (Number.isFinite(x) ? x : 0) + NODE.width / 2, y: (Number.isFinite(y) ? y : 0) + NODE.height / 2 };
    if (!centres.has(node.id)) centres.set(node.id, centre);
  }
  // The origin stands in for the nodes of an empty workflow.
  const xs = [...centres.values()].map((centre) => centre.x), ys = [...centres.values()].map((centre) => centre.y);
  if (xs.length === 0) {
    xs.push(0);
    ys.push(0);
  }
  const margin = 60; // room for badges and self loops
  const left = Math.min(...xs) - NODE.width / 2 - margin, top = Math.min(...ys) - NODE.height / 2 - margin;
  const width = Math.max(...xs) + NODE.width / 2 + margin - left, height = Math.max(...ys) + NODE.height / 2 + margin - top;
  graph.setAttribute('viewBox', `${left} ${top} ${width} ${height}`);
  const arrow = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto' },
    svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8a94a6' }));
  const edges = edgesOf(state.document).map((edge) => drawEdge(edge, centres,
    state.diagnostics.filter((diagnostic) => diagnostic.edgeId !== undefined && diagnostic.edgeId === edge?.id)));
  graph.replaceChildren(svg('defs', {}, arrow), ...edges.filter(Boolean),
    ...nodes.map((node) => drawNode(node, centres.get(node.id) ?? { x: 0, y: 0 })));
}

function select(id) {
  state.selected = id;
  drawGraph();
  showDiagnostics();
}

/**
 * Applies one fix to the workflow in the text area (rewritten as JSON.stringify indents
 * it), then compiles and draws it again. A fix computed before an edit the page has not
 * yet compiled may no longer apply: its guard fails and nothing changes.
 */
function applyFix(fix) {
  const result = applyFixes(workflow.value, [fix]);
  if (!result.applied[0]) {
    status.textContent = `"${fix.title}" no longer applies: the workflow changed since it was checked`;
    return;
  }
  workflow.value = `${JSON.stringify(result.workflow, null, 2)}\n`;
  update();
}

function update() {
  const started = performance.now();
  const output = compile(workflow.value);
  const elapsed = performance.now() - started;
  try {
    state.document = JSON.parse(workflow.value);
  } catch {
    state.document = null; // the invalid-json diagnostic says where
  }
  state.diagnostics = output.diagnostics;
  if (!nodesOf(state.document).some((node) => node?.id === state.selected)) state.selected = null;
  drawGraph();
  showDiagnostics();
  const errors = output.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  preview.dataset.state = errors ? 'errors' : 'ok';
  preview.textContent = errors
    ? `# No manifests: fix the ${errors === 1 ? 'error' : `${errors} errors`} above.`
    : output.yaml;
  status.textContent = `kubegraph ${version()} · ${output.objects.length} objects · compiled in ${elapsed.toFixed(1)} ms`;
}

let timer;
workflow.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(update, DEBOUNCE_MS);
});
showAll.addEventListener('click', () => select(null));

await init();
const fixture = new URLSearchParams(location.search).get('fixture') ?? 'storefront.json';
workflow.value = await (await fetch(`./fixtures/${fixture}`)).text();
update();
