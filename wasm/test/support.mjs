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
