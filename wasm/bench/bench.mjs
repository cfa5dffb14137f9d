// Benchmark: validate and compile of a generated 1,000-node workflow with the Node build,
// against the same facade calls compiled natively (examples/native_timing.rs, release
// profile), so the ratio is wasm vs native code, not process start-up.
//
//   node bench/bench.mjs [--runs N] [--no-native]      (run wasm/build.sh first)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixturesDir, kubegraph, repoDir } from '../test/support.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 21;
if (!(runs >= 1)) throw new Error('--runs takes a positive number');
const NODES = 1000;

/**
 * The storefront fixture (9 nodes: ingress, services, deployments, config, secret, HPA,
 * network policy, all linked) copied into one namespace per copy, node ids suffixed, plus
 * ConfigMaps to reach exactly NODES nodes; and run-time values for every copy's Secret.
 */
function generate() {
  const base = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'storefront.json'), 'utf8'));
  const baseValues = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'storefront.values.json'), 'utf8'));
  const ids = new Set(base.nodes.map((node) => node.id));
  const workflow = { ...base, name: 'bench', nodes: [], edges: [] };
  const values = { secrets: {}, envVars: {} };
  for (let copy = 0; workflow.nodes.length + base.nodes.length <= NODES; copy++) {
    const rename = (id) => `${id}-c${copy}`;
    // Every string naming a node (ids, `_linked*` copies, mount `nodeId`s) is renamed.
    const text = JSON.stringify(base.nodes, (key, value) => (typeof value === 'string' && ids.has(value) ? rename(value) : value))
      .replaceAll('"namespace":"shop"', `"namespace":"shop-${copy}"`)
      .replaceAll('shop.example.com', `shop-${copy}.example.com`);
    workflow.nodes.push(...JSON.parse(text));
    for (const edge of base.edges) {
      workflow.edges.push({ ...edge, id: rename(edge.id), source: rename(edge.source), target: rename(edge.target) });
    }
    for (const kind of ['secrets', 'envVars']) {
      for (const [id, entries] of Object.entries(baseValues[kind])) values[kind][rename(id)] = entries;
    }
  }
  for (let index = 0; workflow.nodes.length < NODES; index++) {
    const id = `node-extra-${index}`;
    workflow.nodes.push({ id, type: 'configmap', position: { x: 0, y: 0 },
      data: { id, name: `extra-${index}`, namespace: 'extra', data: { KEY: 'value' } } });
  }
  return { workflow, values };
}

function median(work) {
  work(); // warm-up: the first call also pays for growing wasm memory
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const { workflow, values } = generate();
const text = JSON.stringify(workflow, null, 2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegraph-bench-'));
const workflowFile = path.join(dir, 'workflow.json');
const valuesFile = path.join(dir, 'values.json');
fs.writeFileSync(workflowFile, text);
fs.writeFileSync(valuesFile, JSON.stringify(values));

const output = kubegraph.compile(text, { values });
if (output.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
  throw new Error(`the generated workflow does not compile: ${JSON.stringify(output.diagnostics[0])}`);
}
console.log(`workflow: ${workflow.nodes.length} nodes, ${workflow.edges.length} edges, ${(text.length / 1024).toFixed(0)} KiB JSON; ` +
  `${output.objects.length} objects, ${(output.yaml.length / 1024).toFixed(0)} KiB YAML; median of ${runs} runs`);

const wasm = {
  validate: median(() => kubegraph.validate(text)),
  compile: median(() => kubegraph.compile(text, { values })),
};
const objectInput = {
  validate: median(() => kubegraph.validate(workflow)),
  compile: median(() => kubegraph.compile(workflow, { values })),
};

let native;
if (!args.includes('--no-native')) {
  const env = { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache', 'kubegraph', 'target') };
  execFileSync('cargo', ['build', '--quiet', '--release', '-j', '2', '-p', 'kubegraph-wasm', '--example', 'native_timing'],
    { cwd: repoDir, env, stdio: 'inherit' });
  const binary = path.join(env.CARGO_TARGET_DIR, 'release', 'examples', 'native_timing');
  native = JSON.parse(execFileSync(binary, [workflowFile, valuesFile, String(runs)], { encoding: 'utf8' }));
}
fs.rmSync(dir, { recursive: true, force: true });

const ms = (value) => `${value.toFixed(2).padStart(8)} ms`;
console.log(`                      wasm (JSON text)  wasm (JS object)   native${native ? '' : ' (skipped)'}   wasm/native`);
for (const step of ['validate', 'compile']) {
  const nativeMs = native?.[`${step}Ms`];
  console.log(`${step.padEnd(10)}        ${ms(wasm[step])}       ${ms(objectInput[step])}   ${nativeMs === undefined ? '         -' : ms(nativeMs)}` +
    `   ${nativeMs === undefined ? '-' : `${(wasm[step] / nativeMs).toFixed(2)}x`}`);
}
