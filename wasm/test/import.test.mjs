// The importers and the diagram give the CLI's answers: `fromCompose` what `kubegraph import
// compose` writes (workflow, `--values-out`, diagnostics), `fromManifests` what `kubegraph
// import manifests --format json` prints for manifests the CLI compiled, `graph` what
// `kubegraph graph` prints; results fit their TypeScript types, and Secret values are only
// ever in `values`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { bundlePath } from '../scripts/gen-types.mjs';
import { fixtures, fixturesDir, kubegraph, read, repoDir, runCli } from './support.mjs';

const composeDir = path.join(repoDir, 'tests', 'fixtures', 'compose');
const hasErrors = (diagnostics) => diagnostics.some((diagnostic) => diagnostic.severity === 'error');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegraph-import-'));
const plugins = JSON.parse(read('plugins.json'));

const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(bundle);
function assertType(definition, value, what) {
  const validator = ajv.getSchema(`${bundle.$id}#/$defs/${definition}`);
  assert.ok(validator(value), `${what}: ${ajv.errorsText(validator.errors)}`);
}

/** Every string in the run-time values, which must appear nowhere but in `values`. */
function secretStrings(values) {
  return Object.values(values?.secrets ?? {}).flatMap((entries) => Object.values(entries))
    .filter((value) => typeof value === 'string' && value.length > 0);
}

function assertSecretsOnlyInValues(output, what) {
  const outside = JSON.stringify({ workflow: output.workflow, diagnostics: output.diagnostics });
  for (const secret of secretStrings(output.values)) {
    assert.ok(!outside.includes(secret), `${what}: a Secret value is outside \`values\``);
  }
}

function composeFiles(dir = composeDir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return composeFiles(file);
    return /\.ya?ml$/.test(entry.name) ? [file] : [];
  }).sort();
}

for (const file of composeFiles()) {
  const name = path.relative(composeDir, file);
  test(`compose ${name}: fromCompose() equals \`kubegraph import compose\``, () => {
    const valuesOut = path.join(tmp, `${name.replaceAll('/', '-')}.values.json`);
    const cli = runCli(['import', 'compose', file, '--values-out', valuesOut]);
    const output = kubegraph.fromCompose(fs.readFileSync(file, 'utf8'));
    assertType('ComposeOutput', output, name);
    assert.equal(cli.status, hasErrors(output.diagnostics) ? 1 : 0);
    // The CLI prints the diagnostics as text on stderr; each must be there.
    for (const diagnostic of output.diagnostics) {
      assert.ok(cli.stderr.includes(diagnostic.message), `stderr lacks "${diagnostic.message}"`);
    }
    if (output.workflow === null) {
      // Not YAML: nothing written, the error says why.
      assert.equal(cli.stdout, '');
      assert.ok(!fs.existsSync(valuesOut));
      assert.ok(hasErrors(output.diagnostics));
      return;
    }
    // Equal as values: a JS number does not keep the CLI's `1280.0` apart from `1280`.
    assert.deepEqual(output.workflow, JSON.parse(cli.stdout));
    assert.deepEqual(output.values, JSON.parse(fs.readFileSync(valuesOut, 'utf8')));
    assertSecretsOnlyInValues(output, name);
  });
}

test('compose: some fixture has secret values, kept out of the workflow', () => {
  const withSecrets = composeFiles().filter((file) => {
    const output = kubegraph.fromCompose(fs.readFileSync(file, 'utf8'));
    return secretStrings(output.values).length > 0;
  });
  assert.ok(withSecrets.length > 0, 'no compose fixture has secret values: the check above proves nothing');
});

// Top-level fixtures compiled by the CLI (with plugins and their values), then imported.
const compiled = fixtures().filter((file) => !file.startsWith('invalid') && !file.endsWith('.values.json')
  && file !== 'plugins.json');

function compileWithCli(file, format) {
  const values = file.replace(/\.json$/, '.values.json');
  const args = ['compile', file, '--plugins', 'plugins.json', '--format', format];
  if (fs.existsSync(path.join(fixturesDir, values))) args.push('--values', values);
  return runCli(args);
}

let imported = 0;
let importedSecrets = 0;
for (const file of compiled) {
  for (const format of ['yaml', 'json']) {
    test(`${file} compiled to ${format}: fromManifests() equals \`kubegraph import manifests --format json\``, (t) => {
      const compile = compileWithCli(file, format);
      if (compile.status !== 0) {
        t.skip('does not compile');
        return;
      }
      const manifests = path.join(tmp, `${path.basename(file, '.json')}.${format}`);
      fs.writeFileSync(manifests, compile.stdout);
      const valuesOut = `${manifests}.values.json`;
      const cli = runCli(['import', 'manifests', manifests, '--format', 'json', '--values-out', valuesOut]);
      const output = kubegraph.fromManifests(compile.stdout);
      assertType('ImportOutput', output, file);
      const { values, ...printed } = output;
      // Equal as values: a JS number does not keep the CLI's layout `1280.0` apart from `1280`.
      assert.deepEqual(printed, JSON.parse(cli.stdout));
      assert.equal(cli.status, hasErrors(output.diagnostics) ? 1 : 0);
      // One shape for both imports: `{"secrets": {}}` when no Secret had data.
      assert.deepEqual(values, JSON.parse(fs.readFileSync(valuesOut, 'utf8')));
      assertSecretsOnlyInValues(output, file);
      imported += 1;
      importedSecrets += secretStrings(values).length;
    });
  }
}

test('the manifest parity above compared fixtures, Secrets among them', () => {
  assert.ok(imported >= 10, `only ${imported} imports were compared`);
  assert.ok(importedSecrets > 0, 'no imported manifest had Secret data');
});

test('fromManifests: the storefront Secret data lands in values, under its node', () => {
  const secrets = JSON.parse(read('storefront.values.json')).secrets['node-7'];
  const output = kubegraph.fromManifests(compileWithCli('storefront.json', 'yaml').stdout);
  const found = Object.values(output.values.secrets);
  assert.deepEqual(found.filter((entries) => entries.DATABASE_PASSWORD !== undefined), [secrets]);
  assert.ok(!JSON.stringify(output.workflow).includes(secrets.DATABASE_PASSWORD));
});

test('fromManifests(text, plugins): custom resources become plugin nodes, as with `--plugins`', () => {
  const file = 'cert-manager-plugin.json';
  const manifests = path.join(tmp, 'cert-manager-plugin.plugins.yaml');
  fs.writeFileSync(manifests, compileWithCli(file, 'yaml').stdout);
  const text = fs.readFileSync(manifests, 'utf8');
  const cli = runCli(['import', 'manifests', manifests, '--format', 'json', '--plugins', 'plugins.json']);
  const output = kubegraph.fromManifests(text, plugins);
  assertType('ImportOutput', output, file);
  const printed = JSON.parse(cli.stdout);
  assert.deepEqual(output.workflow, printed.workflow);
  assert.deepEqual(output.diagnostics, printed.diagnostics);
  // The catalogue's body as it came is the same definitions.
  assert.deepEqual(kubegraph.fromManifests(text, { plugins }), output);
  const pluginNames = (workflow) => workflow.nodes.filter((node) => node.type === 'plugin')
    .map((node) => node.data.name).sort();
  const drawn = JSON.parse(read(file));
  assert.ok(pluginNames(output.workflow).length > 0, 'no plugin node was imported');
  assert.deepEqual(pluginNames(output.workflow), pluginNames(drawn));
  // Without plugins the same custom resources are reported, not imported.
  const bare = kubegraph.fromManifests(text);
  assert.deepEqual(kubegraph.fromManifests(text, null), bare);
  assert.deepEqual(pluginNames(bare.workflow), []);
  assert.ok(bare.diagnostics.some((diagnostic) => diagnostic.code === 'import-unsupported-kind'));
  // Definitions that do not read are an error diagnostic; the import goes on without them.
  const broken = kubegraph.fromManifests(text, { plugins: 3 });
  assert.ok(broken.diagnostics.some((diagnostic) => diagnostic.code === 'invalid-plugins'));
  assert.deepEqual(broken.workflow, bare.workflow);
  const cycle = [];
  cycle.push(cycle);
  assert.throws(() => kubegraph.fromManifests(text, cycle), TypeError);
});

test('fromManifests: text that is not YAML is an error diagnostic, not a throw', () => {
  const output = kubegraph.fromManifests('kind: [unclosed\n');
  assert.ok(hasErrors(output.diagnostics));
});

for (const file of fixtures()) {
  for (const format of ['mermaid', 'dot']) {
    test(`${file}: graph(${format}) equals \`kubegraph graph --format ${format}\``, () => {
      const text = read(file);
      for (const [args, options] of [[[], undefined], [['--plugins', 'plugins.json'], { plugins }]]) {
        const cli = runCli(['graph', file, '--format', format, ...args]);
        const output = kubegraph.graph(text, options, format);
        assertType('GraphOutput', output, file);
        // What validate reports, the parse error included.
        assert.deepEqual(output.diagnostics, kubegraph.validate(text, options));
        if (output.text === '') {
          // Not a workflow: nothing drawn, the CLI exits 1 and says why.
          assert.equal(cli.status, 1);
          assert.equal(cli.stdout, '');
          assert.ok(output.diagnostics.some((diagnostic) => cli.stderr.includes(diagnostic.message)));
        } else {
          assert.equal(cli.status, 0);
          assert.equal(output.text, cli.stdout);
        }
      }
    });
  }
}

test('graph: Mermaid by default, a RangeError for an unknown format', () => {
  const text = read('storefront.json');
  assert.equal(kubegraph.graph(text).text, kubegraph.graph(text, null, 'mermaid').text);
  assert.notEqual(kubegraph.graph(text, null, 'dot').text, kubegraph.graph(text).text);
  assert.throws(() => kubegraph.graph(text, null, 'svg'), RangeError);
  assert.throws(() => kubegraph.graph(text, null, 3), TypeError);
});
