// Benchmark of documents in the Node build: opening a 1,000-node workflow passed as a JS
// object and as JSON text, one edit of one node of a 1,000- and a 10,000-node workflow
// (its data patched; a node added and removed), and compiling a document again after a
// one-node edit against a full compile.
//
//   node bench/document.mjs [--runs N]      (run wasm/build.sh first)
import { generateWorkflow, kubegraph, median } from '../test/support.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 21;
if (!(runs >= 1)) throw new Error('--runs takes a positive number');
const timed = (work) => median(work, runs);
// V8 first runs WebAssembly code from its baseline compiler and optimises a function once
// it is hot: the first twenty or so edits and compiles of a document run the document's
// code unoptimised (7-11 ms for an edit and compile of 1,000 nodes, 2-3 ms after), and
// the first opens from an object took 9.8-16.5 ms against 5-6.5 ms after. The rows are
// the steady state; the first calls are left out.
const warmed = (work) => {
  for (let call = 0; call < 30; call += 1) work();
  return timed(work);
};

const ms = (value) => `${value.toFixed(2)} ms`;
const rows = [];

// Opening: as an object the facade reads what JSON.stringify writes (see src/convert.rs).
{
  const { workflow } = generateWorkflow(1000);
  const text = JSON.stringify(workflow);
  // The first calls of a fresh module pay for compiling it and growing its memory: a row
  // measured first would carry that.
  for (let round = 0; round < 5; round += 1) kubegraph.open(text).free();
  rows.push(['open, 1,000 nodes, JS object', warmed(() => kubegraph.open(workflow).free())]);
  rows.push(['open, 1,000 nodes, JSON text', warmed(() => kubegraph.open(text).free())]);
  rows.push(['JSON.stringify of the 1,000-node object alone', timed(() => JSON.stringify(workflow))]);
  rows.push(['validate, 1,000 nodes, JSON text (for scale)', timed(() => kubegraph.validate(text))]);
}

// One edit: a replicas change, alternating so that each run edits.
for (const nodes of [1000, 10000]) {
  const { workflow } = generateWorkflow(nodes);
  const doc = kubegraph.open(workflow);
  const id = workflow.nodes.find((node) => node.type === 'deployment').id;
  let replicas = 1;
  const edit = () => {
    replicas = replicas === 1 ? 2 : 1;
    return doc.apply({ op: 'patchNodeData', id, patch: [{ op: 'replace', path: '/replicas', value: replicas }] });
  };
  rows.push([`apply one node edit, ${nodes.toLocaleString('en')} nodes`, warmed(edit)]);
  // A node dropped from the palette, then deleted: the graph is updated in place.
  const node = { id: 'bench-node', type: 'configmap', position: { x: 0, y: 0 }, data: { name: 'extra', data: { LEVEL: 'debug' } } };
  const addAndRemove = () => {
    doc.apply({ op: 'addNode', node });
    return doc.apply({ op: 'removeNode', id: 'bench-node' });
  };
  rows.push([`apply: add a node, then remove it, ${nodes.toLocaleString('en')} nodes`, warmed(addAndRemove)]);
  doc.free();
}

// Compile after a one-node edit: the document reuses the unchanged objects' YAML (or JSON).
for (const nodes of [1000, 10000]) {
  const { workflow, values } = generateWorkflow(nodes);
  const doc = kubegraph.open(workflow, { values });
  const id = workflow.nodes.find((node) => node.type === 'deployment').id;
  let replicas = 1;
  const editAndCompile = () => {
    replicas = replicas === 1 ? 2 : 1;
    doc.apply({ op: 'patchNodeData', id, patch: [{ op: 'replace', path: '/replicas', value: replicas }] });
    return doc.compile();
  };
  const text = JSON.stringify(workflow);
  rows.push([`document: one-node edit + compile, ${nodes.toLocaleString('en')} nodes`, warmed(editAndCompile)]);
  // The same as a JSON `List`: each unchanged object's item is reused too.
  const editAndCompileJson = () => {
    replicas = replicas === 1 ? 2 : 1;
    doc.apply({ op: 'patchNodeData', id, patch: [{ op: 'replace', path: '/replicas', value: replicas }] });
    return doc.compile({ values, format: 'json' });
  };
  rows.push([`document: one-node edit + compile to JSON, ${nodes.toLocaleString('en')} nodes`, warmed(editAndCompileJson)]);
  rows.push([`full compile, ${nodes.toLocaleString('en')} nodes (JSON text)`, timed(() => kubegraph.compile(text, { values }))]);
  doc.free();
}

console.log(`median of ${runs} runs, Node ${process.version}\n`);
console.log('| WebAssembly in Node | time |');
console.log('|---|---|');
for (const [what, time] of rows) console.log(`| ${what} | ${ms(time)} |`);
