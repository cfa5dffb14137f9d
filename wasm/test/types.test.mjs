// The TypeScript definitions follow the Rust types: the shipped `types.d.ts` is what
// scripts/gen-types.mjs makes of types/api.schema.json (which `cargo test` keeps equal to
// the Rust types), real results satisfy those schemas, and the definitions type-check
// against real use (and reject misuse) under Node and bundler module resolution.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { bundlePath, generateTypes } from '../scripts/gen-types.mjs';
import { fixtures, kubegraph, pkgDir, read, wasmDir } from './support.mjs';

const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));

test('each build ships the types.d.ts generated from the current Rust types', async () => {
  const expected = await generateTypes();
  for (const target of ['node', 'bundler', 'web']) {
    const shipped = fs.readFileSync(path.join(pkgDir, target, 'types.d.ts'), 'utf8');
    assert.ok(shipped === expected, `pkg/${target}/types.d.ts is stale: rebuild with wasm/build.sh`);
  }
});

test('real results satisfy the schemas the types are generated from', () => {
  // schemars writes formats such as `uint32` that JSON Schema does not define.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(bundle);
  const check = (definition, value, what) => {
    const validator = ajv.getSchema(`${bundle.$id}#/$defs/${definition}`);
    assert.ok(validator(value), `${what}: ${ajv.errorsText(validator.errors)}`);
  };
  const plugins = JSON.parse(read('plugins.json'));
  const values = JSON.parse(read('storefront.values.json'));
  const isWorkflow = (text) => {
    try {
      return ajv.getSchema(`${bundle.$id}#/$defs/Workflow`)(JSON.parse(text));
    } catch {
      return false; // not JSON
    }
  };
  let fixed = 0;
  check('Options', { plugins, values, format: 'json', emitNamespaces: false }, 'options');
  for (const file of fixtures()) {
    for (const diagnostic of kubegraph.validate(read(file), { plugins })) check('Diagnostic', diagnostic, file);
    for (const format of ['yaml', 'json']) {
      check('CompileOutput', kubegraph.compile(read(file), { plugins, values, format }), `${file} (${format})`);
    }
    // The fixed workflow is the one given, repaired: a Workflow when the input was one.
    if (!isWorkflow(read(file))) continue;
    const output = kubegraph.fix(read(file), { plugins });
    check('FixOutput', output, `${file} (fix)`);
    const fixes = kubegraph.validate(read(file), { plugins }).flatMap((diagnostic) => diagnostic.fix ?? []);
    check('AppliedFixes', kubegraph.applyFixes(read(file), fixes), `${file} (applyFixes)`);
    fixed += output.fixed.length;
    const doc = kubegraph.open(read(file), { plugins });
    for (const node of JSON.parse(read(file)).nodes ?? []) {
      // A patch of a node without object data, or of a node without an id, is refused.
      if (typeof node.id !== 'string' || typeof node.data !== 'object' || node.data === null || Array.isArray(node.data)) continue;
      const edit = { op: 'patchNodeData', id: node.id, patch: [{ op: 'add', path: '/name', value: 'Bad_Name' }] };
      check('Edit', edit, `${file} (edit)`);
      check('UpdateOutput', doc.apply(edit), `${file} (apply)`);
    }
    for (const diagnostic of doc.diagnostics()) check('Diagnostic', diagnostic, `${file} (document)`);
    check('CompileOutput', doc.compile({ values }), `${file} (document compile)`);
    doc.free();
  }
  assert.ok(fixed > 0, 'no fixture had a fix to check');
});

const CONSUMER = `
import { applyFixes, compile, fix, open, schema, validate, version } from 'kubegraph';
import type { AppliedFixes, CompileOutput, Diagnostic, Edit, Fix, FixOutput, KubernetesObject, Options, SchemaName, UpdateOutput, Workflow } from 'kubegraph';
import { fromCompose, fromManifests, graph } from 'kubegraph';
import type { ComposeOutput, GraphOutput, ImportOutput, RuntimeValues } from 'kubegraph';
import init, { initSync, validate as validateInBrowser } from 'kubegraph/web';

const workflow: Workflow = {
  name: 'shop',
  nodes: [{ id: 'node-1', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', image: 'nginx:1.27' }, selected: true }],
  edges: [{ id: 'e1', source: 'node-1', target: 'node-2' }],
};
const options: Options = { values: { secrets: { 'node-2': { KEY: 'value' } } }, plugins: [], format: 'yaml', emitNamespaces: false };
const diagnostics: Diagnostic[] = validate(workflow, options);
const severities: Array<'error' | 'warning' | 'info'> = diagnostics.map((diagnostic) => diagnostic.severity);
const where: Array<string | undefined> = diagnostics.flatMap((diagnostic) => [diagnostic.nodeId, diagnostic.edgeId, diagnostic.path, diagnostic.hint]);
const output: CompileOutput = compile(JSON.stringify(workflow));
const kinds: string[] = output.objects.map((object: KubernetesObject) => object.kind);
const yaml: string = output.yaml;
const name: SchemaName = 'deployment';
const title: unknown = schema(name).title;
const fixes: Fix[] = diagnostics.flatMap((diagnostic) => (diagnostic.fix ? [diagnostic.fix] : []));
const edits: string[] = fixes.flatMap((one) => one.edits.map((edit) => edit.op + ' ' + edit.path));
const applied: AppliedFixes = applyFixes(workflow, fixes);
const done: boolean[] = applied.applied;
const fixed: FixOutput = fix(workflow, options, ['dangling-edge']);
const repaired: Workflow | null | undefined = fixed.workflow;
const text: string = version();
const ready: Promise<unknown> = init();
initSync({ module: new Uint8Array() });
validateInBrowser('{}');
const doc = open(workflow, { plugins: [] });
const edit: Edit = { op: 'patchNodeData', id: 'node-1', patch: [{ op: 'replace', path: '/replicas', value: 3 }] };
const update: UpdateOutput = doc.apply(edit);
const appeared: Diagnostic[] = [...update.added, ...update.removed, ...doc.diagnostics()];
doc.apply({ op: 'addEdge', edge: { id: 'e2', source: 'node-1', target: 'node-2' } });
const recompiled: CompileOutput = doc.compile({ format: 'json' });
const edited: Workflow = doc.toJSON();
doc.free();
const imported: ImportOutput = fromManifests('kind: ConfigMap');
const importedWorkflow: Workflow = imported.workflow;
const secretValues: RuntimeValues | undefined = imported.values;
const composed: ComposeOutput = fromCompose('services: {}');
const composedWorkflow: Workflow | null | undefined = composed.workflow;
const diagram: GraphOutput = graph(importedWorkflow, { plugins: [] }, 'dot');
const drawn: string = graph(JSON.stringify(workflow)).text;
// @ts-expect-error the diagram format is mermaid or dot
graph(workflow, null, 'svg');
// @ts-expect-error edits have one of the known ops
doc.apply({ op: 'rename', id: 'node-1' });
// @ts-expect-error options are checked
validate(workflow, { bogus: true });
// @ts-expect-error the format is yaml or json
compile(workflow, { format: 'xml' });
// @ts-expect-error schema names are checked
schema('nope');
// @ts-expect-error a workflow is an object or JSON text
validate(42);
// @ts-expect-error fixes are {title, edits} objects
applyFixes(workflow, ['Delete the edge']);
export { severities, where, kinds, yaml, title, text, ready, edits, done, repaired, appeared, recompiled, edited };
export { secretValues, composedWorkflow, diagram, drawn };
`;

test('the definitions type-check real use and reject misuse (nodenext and bundler resolution)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegraph-types-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'kubegraph'), 'dir');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    fs.writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER);
    const tsc = path.join(wasmDir, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const [module, resolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
      // esnext.disposable: wasm-bindgen declares `[Symbol.dispose]` on exported classes
      // (Document), which TypeScript knows from 5.2 with that lib (README says so).
      const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,esnext.disposable,dom', '--module', module, '--moduleResolution', resolution, 'consumer.ts'];
      try {
        execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      } catch (error) {
        assert.fail(`tsc (${resolution}) failed:\n${error.stdout}${error.stderr}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
