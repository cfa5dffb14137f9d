// The package gives the CLI's answers byte for byte, for every fixture: `validate` the JSON
// the CLI prints with `--format json`, `compile` the YAML (and JSON List) it prints.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixtures, fixturesDir, generateWorkflow, kubegraph, read, runCli } from './support.mjs';

const plugins = 'plugins.json';
const hasErrors = (diagnostics) => diagnostics.some((diagnostic) => diagnostic.severity === 'error');
const parse = (file) => JSON.parse(read(file));

/** Each fixture runs bare, and with the plugins and its `<name>.values.json` (if any). */
function variants(file) {
  const values = file.replace(/\.json$/, '.values.json');
  const withValues = values !== file && fs.existsSync(path.join(fixturesDir, values));
  return [
    { label: '', validate: [[], {}], compile: [[], {}] },
    {
      label: withValues ? ' with plugins and values' : ' with plugins',
      validate: [['--plugins', plugins], { plugins: parse(plugins) }],
      compile: [
        ['--plugins', plugins, ...(withValues ? ['--values', values] : [])],
        { plugins: parse(plugins), ...(withValues ? { values: parse(values) } : {}) },
      ],
    },
  ];
}

/** CLI flags and the equivalent options for each output mode of `compile`. */
const MODES = [
  ['yaml', [], {}],
  ['json List', ['--format', 'json'], { format: 'json' }],
  ['no namespaces', ['--no-namespaces'], { emitNamespaces: false }],
];

for (const file of fixtures()) {
  const text = read(file);
  for (const variant of variants(file)) {
    test(`${file}${variant.label}: validate() equals \`kubegraph validate --format json\``, () => {
      const [args, options] = variant.validate;
      const cli = runCli(['validate', file, '--format', 'json', ...args]);
      const diagnostics = kubegraph.validate(text, options);
      assert.deepEqual(diagnostics, JSON.parse(cli.stdout));
      assert.equal(`${JSON.stringify(diagnostics, null, 2)}\n`, cli.stdout);
      assert.equal(cli.status, hasErrors(diagnostics) ? 1 : 0);
    });

    test(`${file}${variant.label}: compile() equals \`kubegraph compile\``, () => {
      const [args, options] = variant.compile;
      for (const [mode, modeArgs, modeOptions] of MODES) {
        const cli = runCli(['compile', file, ...args, ...modeArgs]);
        const output = kubegraph.compile(text, { ...options, ...modeOptions });
        assert.equal(output.yaml, cli.stdout, `${mode}: output differs`);
        assert.equal(cli.status, hasErrors(output.diagnostics) ? 1 : 0, `${mode}: exit status`);
        // The CLI prints compile diagnostics as text on stderr; each must be there.
        for (const diagnostic of output.diagnostics) {
          assert.ok(cli.stderr.includes(diagnostic.message), `${mode}: stderr lacks "${diagnostic.message}"`);
        }
        if (hasErrors(output.diagnostics)) {
          assert.deepEqual([output.objects, output.yaml], [[], ''], `${mode}: output despite errors`);
        }
      }
    });
  }
}

// The CLI validates a large workflow on a second thread while it builds; WebAssembly has
// no threads and validates first. Both must give the same answers, with or without errors.
test('a 1,000-node workflow gives the CLI\'s answers, valid and with an invalid image', () => {
  const { workflow, values } = generateWorkflow(1000);
  const broken = structuredClone(workflow);
  broken.nodes.find((node) => node.type === 'deployment').data.image = 'Shop Web:latest';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegraph-parity-'));
  try {
    const valuesFile = path.join(dir, 'values.json');
    fs.writeFileSync(valuesFile, JSON.stringify(values));
    for (const [label, input, valid] of [['valid', workflow, true], ['broken', broken, false]]) {
      const file = path.join(dir, `${label}.json`);
      const text = JSON.stringify(input);
      fs.writeFileSync(file, text);
      const validateCli = runCli(['validate', file, '--format', 'json']);
      assert.equal(`${JSON.stringify(kubegraph.validate(text), null, 2)}\n`, validateCli.stdout, `${label}: validate`);
      const cli = runCli(['compile', file, '--values', valuesFile]);
      const output = kubegraph.compile(text, { values });
      assert.equal(hasErrors(output.diagnostics), !valid, `${label}: errors`);
      assert.equal(output.yaml, cli.stdout, `${label}: compile output`);
      assert.equal(cli.status, valid ? 0 : 1, `${label}: exit status`);
      assert.equal(output.yaml === '', !valid, `${label}: output only without errors`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
