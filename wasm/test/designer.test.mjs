// The designer corpus (tests/fixtures/designer): each case, in the browser's save form and
// in the back end's stored form, gives the same answers through the package, and those of
// the CLI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { kubegraph, repoDir, runCli } from './support.mjs';

const designerDir = path.join(repoDir, 'tests', 'fixtures', 'designer');
const cases = fs.readdirSync(designerDir)
  .filter((name) => name.endsWith('.json') && !/\.(stored|values|plugins)\.json$/.test(name))
  .map((name) => name.replace(/\.json$/, ''))
  .sort();

const beside = (name, kind) => {
  const file = path.join(designerDir, `${name}.${kind}.json`);
  return fs.existsSync(file) ? file : undefined;
};

test('the designer corpus is there', () => {
  assert.ok(cases.length >= 12, cases.join());
});

for (const name of cases) {
  test(`${name}: both forms give the same answers, the CLI's`, () => {
    const plugins = beside(name, 'plugins');
    const values = beside(name, 'values');
    const options = {
      ...(plugins ? { plugins: JSON.parse(fs.readFileSync(plugins, 'utf8')) } : {}),
      ...(values ? { values: JSON.parse(fs.readFileSync(values, 'utf8')) } : {}),
    };
    const flags = [...(plugins ? ['--plugins', plugins] : []), ...(values ? ['--values', values] : [])];
    const answers = ['json', 'stored.json'].map((suffix) => {
      const file = path.join(designerDir, `${name}.${suffix}`);
      const text = fs.readFileSync(file, 'utf8');
      const diagnostics = kubegraph.validate(text, { plugins: options.plugins });
      const output = kubegraph.compile(text, options);
      const cli = runCli(['validate', file, '--format', 'json', ...(plugins ? ['--plugins', plugins] : [])]);
      assert.equal(`${JSON.stringify(diagnostics, null, 2)}\n`, cli.stdout, `${suffix}: validate`);
      assert.equal(output.yaml, runCli(['compile', file, ...flags]).stdout, `${suffix}: compile`);
      // An object gives what its text gives.
      assert.deepEqual(kubegraph.compile(JSON.parse(text), options), output, `${suffix}: as an object`);
      return { diagnostics, output };
    });
    assert.deepEqual(answers[1], answers[0]);
  });
}
