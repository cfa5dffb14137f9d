// The JS surface: inputs as objects or text, what throws and what comes back as data,
// plain results, and the package's three builds loading the way their users load them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { assertPlain, fixtures, kubegraph, pkgDir, read, repoDir } from './support.mjs';

const { compile, schema, validate, version } = kubegraph;
const storefront = () => JSON.parse(read('storefront.json'));

test('an object gives the same answers as its JSON text, for every fixture that parses', () => {
  for (const file of fixtures()) {
    let object;
    try {
      object = JSON.parse(read(file));
    } catch {
      continue; // invalid/truncated.json: only text can be cut off
    }
    assert.deepEqual(validate(object), validate(read(file)), file);
    assert.deepEqual(compile(object), compile(read(file)), file);
  }
});

test('an object is read as JSON.stringify writes it: undefined is absent, toJSON is used', () => {
  const workflow = storefront();
  workflow.description = undefined;
  workflow.created_at = new Date('2026-05-22T10:12:44.512Z');
  workflow.nodes[2].data.labels.tier = undefined;
  assert.deepEqual(compile(workflow), compile(JSON.stringify(workflow)));
  assert.ok(!compile(workflow).yaml.includes('tier: frontend'));
});

test('syntax errors in text are diagnostics naming line and column', () => {
  const [diagnostic] = validate('{\n  "nodes": [\n    {"id": ');
  assert.equal(diagnostic.code, 'invalid-json');
  assert.match(diagnostic.message, /line 3 column/);
  assert.deepEqual(compile('{'), { objects: [], yaml: '', diagnostics: validate('{') });
});

test('text beyond ASCII crosses whole, as text and as an object', () => {
  const workflow = storefront();
  workflow.description = 'Café ☕ 𝄞';
  for (const input of [workflow, JSON.stringify(workflow)]) {
    const doc = kubegraph.open(input);
    assert.equal(doc.toJSON().description, 'Café ☕ 𝄞');
    doc.free();
  }
});

test('anything that is not a workflow object is a diagnostic, not an exception', () => {
  for (const input of [42, null, undefined, [], 'true', '[1, 2]', () => {}]) {
    const diagnostics = validate(input);
    assert.equal(diagnostics.length, 1, String(input));
    assert.equal(diagnostics[0].code, 'invalid-document', String(input));
  }
});

test('mistakes in values and plugins are diagnostics', () => {
  const output = compile(storefront(), { values: { secrets: 5 }, plugins: 'nope' });
  const codes = output.diagnostics.map((diagnostic) => diagnostic.code);
  assert.ok(codes.includes('invalid-values') && codes.includes('invalid-plugins'), codes.join());
});

test('options the tool cannot run with throw a TypeError', () => {
  for (const options of [{ bogus: 1 }, { format: 'xml' }, { emitNamespaces: 'no' }, 'yaml', 5, []]) {
    assert.throws(() => validate('{}', options), TypeError, JSON.stringify(options));
    assert.throws(() => compile('{}', options), TypeError, JSON.stringify(options));
  }
  assert.throws(() => validate('{}', { bogus: 1 }), /unknown field `bogus`/);
  assert.deepEqual(validate('{}', null), validate('{}', {}));
  assert.deepEqual(validate('{}', undefined), validate('{}'));
});

test('values that JSON cannot hold throw what JSON.stringify throws', () => {
  const cyclic = storefront();
  cyclic.self = cyclic;
  assert.throws(() => validate(cyclic), TypeError);
  assert.throws(() => compile({ ...storefront(), run_count: 1n }), TypeError);
});

test('results are plain objects and arrays', () => {
  const output = compile(storefront());
  assert.ok(output.objects.length > 0);
  assertPlain(output);
  assertPlain(validate(read('invalid/bad-fields.json')));
  assertPlain(schema('workflow'));
});

test('schema() returns the committed schemas and throws a RangeError for unknown names', () => {
  for (const file of fs.readdirSync(path.join(repoDir, 'schemas'))) {
    const name = file.replace(/\.schema\.json$/, '');
    assert.deepEqual(schema(name), JSON.parse(fs.readFileSync(path.join(repoDir, 'schemas', file), 'utf8')), name);
  }
  assert.throws(() => schema('nope'), (error) => error instanceof RangeError && /known schemas: workflow/.test(error.message));
});

test('version() is the package version', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(version(), manifest.version);
  assert.equal(manifest.name, 'kubegraph');
});

test('the package resolves by name: require and import in Node, the bundler build with wasm modules', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegraph-consumer-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'kubegraph'), 'dir');
    const check = "const out = kg.compile(fs.readFileSync(process.argv[1], 'utf8')); if (!out.yaml.includes('kind: Deployment')) throw new Error('no yaml');";
    const file = path.join(repoDir, 'tests', 'fixtures', 'workflows', 'storefront.json');
    const run = (args) => execFileSync(process.execPath, [...args, file], { cwd: dir, encoding: 'utf8' });
    run(['-e', `const fs = require('fs'); const kg = require('kubegraph'); ${check}`]);
    run(['--input-type=module', '-e', `import fs from 'node:fs'; import * as kg from 'kubegraph'; ${check}`]);
    // What a bundler does with the `default` condition: import the .wasm as an ES module.
    run(['--experimental-wasm-modules', '--no-warnings', '--input-type=module', '-e',
      `import fs from 'node:fs'; import * as kg from '${pathToFileURL(path.join(pkgDir, 'bundler', 'kubegraph.js'))}'; ${check}`]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
