// The document benchmark of bench/document.mjs in headless Chromium: the web build loaded
// by a page, as a canvas loads it, the same workflows and the same steady-state medians.
//
//   node bench/browser.mjs [--runs N]      (run wasm/build.sh first; CHROMIUM overrides
//                                          /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { serve } from '../demo/serve.mjs';
import { generateWorkflow, median } from '../test/support.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 21;
if (!(runs >= 1)) throw new Error('--runs takes a positive number');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Runs in the page: the rows of one workflow size, each a median after 60 calls (Chromium
 * optimises the document's code later than Node: its edits and compiles took 6 ms after 30
 * calls, 1.4-1.7 ms after 40). */
async function measure({ workflow, values, runs }) {
  const kubegraph = await import('/pkg/web/kubegraph.js');
  await kubegraph.default();
  const warmed = (work) => {
    for (let call = 0; call < 60; call += 1) work();
    return window.median(work, runs);
  };
  const size = workflow.nodes.length.toLocaleString('en');
  const rows = [];
  const text = JSON.stringify(workflow);
  if (workflow.nodes.length <= 1000) {
    rows.push([`open, ${size} nodes, JS object`, warmed(() => kubegraph.open(workflow).free())]);
    rows.push([`open, ${size} nodes, JSON text`, warmed(() => kubegraph.open(text).free())]);
    rows.push([`validate, ${size} nodes, JSON text`, warmed(() => kubegraph.validate(text))]);
  }
  const doc = kubegraph.open(workflow, { values });
  const id = workflow.nodes.find((node) => node.type === 'deployment').id;
  let replicas = 1;
  const edit = () => {
    replicas = replicas === 1 ? 2 : 1;
    return doc.apply({ op: 'patchNodeData', id, patch: [{ op: 'replace', path: '/replicas', value: replicas }] });
  };
  rows.push([`apply one node edit, ${size} nodes`, warmed(edit)]);
  rows.push([`document: one-node edit + compile, ${size} nodes`, warmed(() => { edit(); return doc.compile(); })]);
  doc.free();
  return rows;
}

const { server, url } = await serve(0);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  // The benchmarks' own median, as bench/document.mjs takes it.
  await page.addScriptTag({ content: `window.median = ${median.toString()};` });
  const rows = [];
  for (const nodes of [1000, 10000]) {
    const { workflow, values } = generateWorkflow(nodes);
    rows.push(...await page.evaluate(measure, { workflow, values, runs }));
  }
  console.log(`median of ${runs} runs after 60, ${browser.version()} headless\n`);
  console.log('| WebAssembly in Chromium | time |');
  console.log('|---|---|');
  for (const [what, time] of rows) console.log(`| ${what} | ${time.toFixed(2)} ms |`);
} finally {
  await browser.close();
  server.close();
}
