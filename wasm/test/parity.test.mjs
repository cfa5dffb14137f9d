// The package gives the CLI's answers byte for byte, for every fixture: `validate` the JSON
// the CLI prints with `--format json`, `compile` the YAML (and JSON List) it prints.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fixtures, fixturesDir, kubegraph, read, runCli } from './support.mjs';

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
