// Every diagnostic code reaches JavaScript: each fixture of tests/fixtures/diagnostics
// (one per code, named after it) gives the CLI's answers through the package, and the
// code it is named after is among them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { kubegraph, repoDir, runCli } from './support.mjs';

const diagnosticsDir = path.join(repoDir, 'tests', 'fixtures', 'diagnostics');
const SIDECAR = /\.(values|plugins)\.json$/;
const fixtures = fs.readdirSync(diagnosticsDir).filter((name) => name.endsWith('.json') && !SIDECAR.test(name)).sort();

/** The `<code>.values.json` / `<code>.plugins.json` beside a fixture, if there is one. */
function sidecar(file, kind) {
  const name = file.replace(/\.json$/, `.${kind}.json`);
  const full = path.join(diagnosticsDir, name);
  return fs.existsSync(full) ? { file: full, text: fs.readFileSync(full, 'utf8') } : undefined;
}

/** A sidecar as the package takes it: parsed when it is JSON, else its text. */
function option(found) {
  try {
    return JSON.parse(found.text);
  } catch {
    return found.text;
  }
}

test('the diagnostic fixtures cover every code', () => {
  assert.ok(fixtures.length >= 65, `only ${fixtures.length} fixtures`);
});

for (const file of fixtures) {
  const code = file.replace(/\.json$/, '');
  test(`${code}: validate() and compile() give the CLI's answers and report ${code}`, () => {
    const text = fs.readFileSync(path.join(diagnosticsDir, file), 'utf8');
    const plugins = sidecar(file, 'plugins');
    const values = sidecar(file, 'values');
    const pluginArgs = plugins ? ['--plugins', plugins.file] : [];
    const pluginOptions = plugins ? { plugins: option(plugins) } : {};

    const diagnostics = kubegraph.validate(text, pluginOptions);
    const cli = runCli(['validate', path.join(diagnosticsDir, file), '--format', 'json', ...pluginArgs]);
    assert.equal(`${JSON.stringify(diagnostics, null, 2)}\n`, cli.stdout);

    const output = kubegraph.compile(text, { ...pluginOptions, ...(values ? { values: option(values) } : {}) });
    const compiled = runCli(['compile', path.join(diagnosticsDir, file), ...pluginArgs, ...(values ? ['--values', values.file] : [])]);
    assert.equal(output.yaml, compiled.stdout);
    for (const diagnostic of output.diagnostics) {
      assert.ok(compiled.stderr.includes(diagnostic.message), `stderr lacks "${diagnostic.message}"`);
    }
    const codes = new Set([...diagnostics, ...output.diagnostics].map((diagnostic) => diagnostic.code));
    assert.ok(codes.has(code), `reported ${[...codes].join(', ')}`);
  });
}
