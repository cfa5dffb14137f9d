// Shared by the node suites: where things are, the built package, the fixtures, the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = path.resolve(wasmDir, '..');
export const pkgDir = path.join(wasmDir, 'pkg');
export const fixturesDir = path.join(repoDir, 'tests', 'fixtures', 'workflows');

if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
  throw new Error('wasm/pkg is missing: run `bash wasm/build.sh` first');
}

/** The Node build of the package, as `require('kubegraph')` loads it. */
export const kubegraph = createRequire(import.meta.url)(path.join(pkgDir, 'node', 'kubegraph.js'));

/** Every fixture file (valid and invalid), relative to the fixtures directory. */
export function fixtures() {
  const list = (dir) => fs.readdirSync(path.join(fixturesDir, dir)).filter((name) => name.endsWith('.json'))
    .map((name) => path.join(dir, name));
  return [...list('.'), ...list('invalid')].sort();
}

export const read = (file) => fs.readFileSync(path.join(fixturesDir, file), 'utf8');

/** The CLI binary the results are compared with. */
export const cli = process.env.KUBEGRAPH_CLI
  ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(process.env.HOME, '.cache', 'kubegraph', 'target'), 'debug', 'kubegraph');

/** Runs the CLI; exit 0 (clean) and 1 (the input has errors) are both answers. */
export function runCli(args) {
  const result = spawnSync(cli, args, { cwd: fixturesDir, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`kubegraph ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return result;
}

/** Fails when `value` holds anything but plain objects, arrays and JSON scalars. */
export function assertPlain(value, where = '$') {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertPlain(item, `${where}[${index}]`));
    return;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new Error(`${where} is not a plain object, array or JSON scalar: ${Object.prototype.toString.call(value)}`);
  }
  for (const [key, item] of Object.entries(value)) assertPlain(item, `${where}.${key}`);
}

/**
 * A workflow of exactly `nodes` nodes: the storefront fixture (9 nodes: ingress, services,
 * deployments, config, secret, HPA, network policy, all linked) copied into one namespace
 * per copy, node ids suffixed, plus ConfigMaps; and run-time values for every copy's Secret.
 */
export function generateWorkflow(nodes) {
  const base = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'storefront.json'), 'utf8'));
  const baseValues = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'storefront.values.json'), 'utf8'));
  const ids = new Set(base.nodes.map((node) => node.id));
  const workflow = { ...base, name: 'bench', nodes: [], edges: [] };
  const values = { secrets: {}, envVars: {} };
  for (let copy = 0; workflow.nodes.length + base.nodes.length <= nodes; copy++) {
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
  for (let index = 0; workflow.nodes.length < nodes; index++) {
    const id = `node-extra-${index}`;
    workflow.nodes.push({ id, type: 'configmap', position: { x: 0, y: 0 },
      data: { id, name: `extra-${index}`, namespace: 'extra', data: { KEY: 'value' } } });
  }
  return { workflow, values };
}

/** The median time in ms of `runs` runs of `work`, after one warm-up run (which also pays
 * for growing wasm memory): what the benchmarks in bench/ report. */
export function median(work, runs) {
  work();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
