// Benchmark: validate and compile of a generated 1,000-node workflow with the Node build,
// against the same facade calls compiled natively (examples/native_timing.rs, release
// profile), so the ratio is wasm vs native code, not process start-up.
//
//   node bench/bench.mjs [--runs N] [--no-native]      (run wasm/build.sh first)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateWorkflow, kubegraph, median, repoDir } from '../test/support.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 21;
if (!(runs >= 1)) throw new Error('--runs takes a positive number');
const timed = (work) => median(work, runs);
const NODES = 1000;

const { workflow, values } = generateWorkflow(NODES);
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

// The first calls of a fresh module pay for compiling it and growing its memory: the row
// measured first carried that (validate read 72.9 ms, and 12-15 ms in later rounds).
for (let round = 0; round < 5; round += 1) {
  kubegraph.validate(text);
  kubegraph.compile(text, { values });
}
const wasm = {
  validate: timed(() => kubegraph.validate(text)),
  compile: timed(() => kubegraph.compile(text, { values })),
};
const objectInput = {
  validate: timed(() => kubegraph.validate(workflow)),
  compile: timed(() => kubegraph.compile(workflow, { values })),
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

// A Markdown table, as scripts/bench.sh prints it for the README.
const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`\n| ${NODES.toLocaleString('en')} nodes, in process | WebAssembly (JSON text) | WebAssembly (JS object) | native | WebAssembly / native |`);
console.log('|---|---|---|---|---|');
for (const step of ['validate', 'compile']) {
  const nativeMs = native?.[`${step}Ms`];
  const ratio = nativeMs === undefined ? '-' : `${(wasm[step] / nativeMs).toFixed(2)}×`;
  console.log(`| ${step} | ${ms(wasm[step])} | ${ms(objectInput[step])} | ${nativeMs === undefined ? '-' : ms(nativeMs)} | ${ratio} |`);
}
