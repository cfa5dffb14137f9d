// Fixes from JavaScript, on the fixture with one problem of each fixable kind: each fix,
// applied alone with applyFixes, removes its diagnostic; a fix whose guard no longer holds
// changes nothing and says so; and fix() gives `kubegraph fix` byte for byte.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { kubegraph, read, runCli } from './support.mjs';

const { applyFixes, fix, validate } = kubegraph;
const FILE = 'invalid/fixable.json';
const text = read(FILE);
const workflow = JSON.parse(text);
const pretty = (value) => `${JSON.stringify(value, null, 2)}\n`;
/** What names one diagnostic across edits that move it (its path may shift, not this). */
const identity = (d) => `${d.code} node=${d.nodeId ?? ''} edge=${d.edgeId ?? ''} ${d.message}`;
const errorCodes = (diagnostics) => new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));

test(`${FILE}: each fix, applied alone, removes its diagnostic and brings no new kind of error`, () => {
  const before = validate(workflow);
  const fixable = before.filter((diagnostic) => diagnostic.fix);
  // The fixture has one problem of each kind `kubegraph fix` repairs.
  assert.ok(fixable.length >= 9, `${fixable.length} fixable diagnostics`);
  for (const diagnostic of fixable) {
    const label = `${diagnostic.code} at ${diagnostic.path}`;
    const result = applyFixes(workflow, [diagnostic.fix]);
    assert.deepEqual(result.applied, [true], label);
    assert.deepEqual(result.diagnostics, [], label);
    assert.notDeepEqual(result.workflow, workflow, label);
    const after = validate(result.workflow);
    assert.ok(!after.some((left) => identity(left) === identity(diagnostic)), `${label} is still reported`);
    assert.ok(after.length < before.length, `${label}: ${before.length} -> ${after.length} diagnostics`);
    for (const code of errorCodes(after)) assert.ok(errorCodes(before).has(code), `${label} brought a ${code} error`);
  }
});

test(`${FILE}: applyFixes takes many fixes of one workflow at once, as fix() does in its first round`, () => {
  const fixes = validate(workflow).filter((d) => d.fix).map((d) => d.fix);
  const result = applyFixes(workflow, fixes);
  // Deleting the self-loop and renaming its duplicate id both change edge 6: the rename
  // comes first, and the deletion's guard (the old id) then fails.
  assert.equal(result.applied.filter((applied) => !applied).length, 1, JSON.stringify(result.applied));
  const left = validate(result.workflow);
  assert.deepEqual(left.map((d) => d.code), ['self-loop']);
  assert.deepEqual(applyFixes(result.workflow, [left[0].fix]).workflow, fix(workflow).workflow);
});

test(`${FILE}: a stale fix (its test guard fails) applies nothing and says so`, () => {
  const [first, second] = validate(workflow).filter((d) => d.fix && d.edgeId);
  // Deleting edge 4 moves edge 5 to 4: the fix computed for edge 4 (e5) now finds e6 there.
  const moved = applyFixes(workflow, [first.fix]).workflow;
  assert.equal(moved.edges[4].id, second.edgeId);
  const stale = applyFixes(moved, [first.fix]);
  assert.deepEqual(stale.applied, [false]);
  assert.deepEqual(stale.workflow, moved, 'a stale fix changed the workflow');
  assert.deepEqual(validate(stale.workflow), validate(moved));
  // Given with a fresh fix, the stale one is skipped and the fresh one still applies.
  const fresh = validate(moved).find((d) => d.fix && d.code === 'empty-argument');
  const mixed = applyFixes(moved, [first.fix, fresh.fix]);
  assert.deepEqual(mixed.applied, [false, true]);
  assert.deepEqual(mixed.workflow.nodes[0].data.command, ['nginx']);
  assert.deepEqual(mixed.workflow.edges, moved.edges);
});

test('applyFixes: unreadable text is a diagnostic, fixes of the wrong shape throw a TypeError', () => {
  const result = applyFixes('{', []);
  assert.equal(result.workflow, null);
  assert.deepEqual(result.applied, []);
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['invalid-json']);
  for (const fixes of [{ title: 'x', edits: [] }, [{ title: 'x' }], [{ title: 'x', edits: [{ op: 'move', path: '/a' }] }]]) {
    assert.throws(() => applyFixes(workflow, fixes), TypeError, JSON.stringify(fixes));
  }
});

/** `kubegraph fix --dry-run`'s plan, written from fix()'s result. */
function plan(output) {
  const lines = output.fixed.map((d) => {
    const owner = d.nodeId ? ` (node ${d.nodeId})` : d.edgeId ? ` (edge ${d.edgeId})` : '';
    const edits = d.fix.edits.map((edit) => `  ${edit.op} ${edit.path}${'value' in edit ? ` ${JSON.stringify(edit.value)}` : ''}\n`);
    return `would fix ${d.code} at ${d.path}${owner}: ${d.fix.title}\n${edits.join('')}`;
  });
  return lines.join('');
}

for (const codes of [[], ['dangling-edge', 'millibyte-memory']]) {
  const label = codes.length ? ` --code ${codes.join(' --code ')}` : '';
  const codeArgs = codes.flatMap((code) => ['--code', code]);

  test(`${FILE}: fix()${codes.length ? ' of some codes' : ''} equals \`kubegraph fix${label}\` byte for byte`, () => {
    const output = fix(text, null, codes);
    assert.ok(output.fixed.length > 0);
    if (codes.length) {
      assert.deepEqual([...new Set(output.fixed.map((d) => d.code))].sort(), codes);
      assert.ok(output.diagnostics.some((d) => d.fix), 'the fixes of other codes are left');
    } else {
      assert.deepEqual(output.diagnostics, []);
    }

    const written = runCli(['fix', FILE, ...codeArgs, '--output', '-']);
    assert.equal(pretty(output.workflow), written.stdout, 'the fixed workflow');
    assert.equal(written.stderr.split('\n').filter((line) => line.startsWith('fixed ')).length, output.fixed.length);

    const dryRun = runCli(['fix', FILE, ...codeArgs, '--dry-run']);
    const summary = `${output.fixed.length} would be fixed; left: `;
    assert.equal(dryRun.stdout.slice(0, dryRun.stdout.lastIndexOf(summary)), plan(output), 'the dry-run plan');
    assert.equal(dryRun.status, written.status);

    // What is left is what `kubegraph validate` reports for the workflow the CLI wrote.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegraph-fix-'));
    try {
      fs.writeFileSync(path.join(dir, 'fixed.json'), written.stdout);
      const left = runCli(['validate', path.join(dir, 'fixed.json'), '--format', 'json']);
      assert.equal(pretty(output.diagnostics), left.stdout, 'what is left');
      assert.equal(left.status, written.status);
      assert.equal(written.status, output.diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
