// Documents: `open` and edits, each answered with what `validate` reports.
//
// The equivalence test applies seeded random edit sequences to a few fixtures and, after
// every step, compares the document's diagnostics with a fresh `validate` of
// `doc.toJSON()`, the update's `added` and `removed` with the difference of the full
// lists, and the document's compile with a fresh `compile`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubegraph, read } from './support.mjs';

const { open, validate, compile } = kubegraph;
const storefront = () => JSON.parse(read('storefront.json'));
const values = JSON.parse(read('storefront.values.json'));
const plugins = JSON.parse(read('plugins.json'));
const SAMPLE = ['storefront.json', 'postgres-statefulset.json', 'bookinfo-policy.json', 'batch-jobs.json'];

const firstDeployment = (workflow) => workflow.nodes.find((node) => node.type === 'deployment');
const patch = (id, path, value) => ({ op: 'patchNodeData', id, patch: [{ op: 'add', path, value }] });

test('open, apply and diagnostics', () => {
  const workflow = storefront();
  const doc = open(workflow);
  assert.deepEqual(doc.diagnostics(), validate(workflow));
  const node = firstDeployment(workflow);
  const update = doc.apply(patch(node.id, '/name', 'Bad_Name'));
  assert.ok(update.added.some((d) => d.code === 'invalid-name' && d.nodeId === node.id), JSON.stringify(update));
  assert.deepEqual(doc.diagnostics(), validate(doc.toJSON()));
  // Undoing the edit takes back what it added, and gives the workflow opened.
  const undo = doc.apply(patch(node.id, '/name', node.data.name));
  assert.deepEqual(undo.removed, update.added);
  assert.deepEqual(undo.added, update.removed);
  assert.deepEqual(doc.toJSON(), workflow);
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), workflow);
  doc.free();
});

test('refused edits throw and change nothing; unreadable workflows throw with their diagnostic', () => {
  const workflow = storefront();
  const doc = open(JSON.stringify(workflow));
  assert.throws(() => doc.apply({ op: 'rename', id: 'x' }), TypeError);
  assert.throws(() => doc.apply({ op: 'removeNode', id: 'nowhere' }), { name: 'RangeError', message: /no node has the id "nowhere"/ });
  assert.throws(() => doc.apply({ op: 'patchNodeData', id: workflow.nodes[0].id, patch: [{ op: 'remove', path: '/absent' }] }), RangeError);
  assert.deepEqual(doc.toJSON(), workflow);
  assert.throws(() => open('{not json'), (error) => error instanceof SyntaxError && error.diagnostic.code === 'invalid-json');
  assert.throws(() => open([]), (error) => error instanceof TypeError && error.diagnostic.code === 'invalid-document');
  assert.throws(() => doc.compile({ plugins }), TypeError);
});

test('compile gives what a fresh compile gives, after edits too', () => {
  const workflow = storefront();
  const doc = open(workflow, { values });
  assert.deepEqual(doc.compile(), compile(workflow, { values }));
  const node = firstDeployment(workflow);
  doc.apply(patch(node.id, '/replicas', 7));
  const output = doc.compile({ values, format: 'yaml' });
  assert.deepEqual(output, compile(doc.toJSON(), { values }));
  assert.match(output.yaml, /replicas: 7/);
  assert.deepEqual(doc.compile({ values, format: 'json' }), compile(doc.toJSON(), { values, format: 'json' }));
  doc.apply(patch(node.id, '/name', ''));
  const failed = doc.compile();
  assert.deepEqual(failed, compile(doc.toJSON(), { values }));
  assert.equal(failed.yaml, '');
});

test('compile hands out the same frozen objects for what an edit did not change', () => {
  const workflow = storefront();
  const doc = open(workflow, { values });
  const first = doc.compile();
  const node = firstDeployment(workflow);
  doc.apply(patch(node.id, '/replicas', 7));
  const second = doc.compile();
  assert.deepEqual(second, compile(doc.toJSON(), { values }));
  const changed = second.objects.filter((object) => !first.objects.includes(object));
  assert.deepEqual(
    changed.map((object) => [object.kind, object.metadata.name, object.spec.replicas]),
    [['Deployment', node.data.name, 7]],
  );
  assert.equal(second.objects.length, first.objects.length);
  // Frozen to the leaves: a caller changing an object cannot change the next compile's.
  const deployment = changed[0];
  for (const part of [deployment, deployment.metadata, deployment.spec.template.spec.containers, deployment.spec.template.spec.containers[0]]) {
    assert.ok(Object.isFrozen(part), JSON.stringify(part));
  }
  assert.throws(() => { deployment.spec.replicas = 1; }, TypeError);
  assert.throws(() => { first.objects[0].metadata.name = 'other'; }, TypeError);
  // The array itself is the caller's.
  second.objects.pop();
  assert.deepEqual(doc.compile(), compile(doc.toJSON(), { values }));
  // After a compile with errors (no objects) every object is made again, and equal.
  doc.apply(patch(node.id, '/name', ''));
  assert.deepEqual(doc.compile().objects, []);
  doc.apply(patch(node.id, '/name', node.data.name));
  const again = doc.compile();
  assert.deepEqual(again, compile(doc.toJSON(), { values }));
  assert.ok(again.objects.every((object) => !second.objects.includes(object)));
});

/** A small seeded generator (mulberry32): the same sequence on every run. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (list) => list[Math.floor(next() * list.length)] };
}

const PATCHES = [
  ['/name', ['web', 'api', '', 'Bad_Name']],
  ['/namespace', ['default', 'prod', 7]],
  ['/replicas', [1, 3, -1, 'two']],
  ['/image', ['nginx:1.27', '', 'nginx 1.27']],
  ['/port', [80, 8080, 0]],
  ['/labels', [{ app: 'web' }, {}]],
  ['/selector', [{ app: 'web' }, { app: 'nothing' }]],
];
const POOL = SAMPLE.flatMap((file) => JSON.parse(read(file)).nodes);

/**
 * One random edit of the workflow as it is now; null when it has nothing to act on.
 * `replacing`: nodes may also be replaced, taking ids that leave errors behind.
 */
function randomEdit(rng, now, counter, replacing) {
  const nodes = (now.nodes ?? []).map((node) => node.id).filter((id) => typeof id === 'string');
  const edges = (now.edges ?? []).map((edge) => edge.id);
  const kinds = ['patch', 'patch', 'patch', 'addNode', 'removeNode', 'addEdge', 'removeEdge', 'rename'];
  const kind = rng.pick(replacing ? [...kinds, 'replaceNode', 'replaceNode'] : kinds);
  if ((kind === 'patch' || kind === 'rename') && nodes.length > 0) {
    const [path, choices] = kind === 'rename' ? PATCHES[0] : rng.pick(PATCHES);
    return patch(rng.pick(nodes), path, rng.pick(choices));
  }
  if (kind === 'addNode') {
    const node = structuredClone(rng.pick(POOL));
    node.id = rng.next() < 0.8 || nodes.length === 0 ? `added-${counter}` : rng.pick(nodes);
    return { op: 'addNode', node };
  }
  if (kind === 'removeNode' && nodes.length > 0) return { op: 'removeNode', id: rng.pick(nodes) };
  if (kind === 'replaceNode' && nodes.length > 0) {
    // Another node in its place, with a new id, a taken one, the one a duplicate's fix
    // would rename to, or none.
    const node = structuredClone(rng.pick(POOL));
    const id = rng.pick([`renamed-${counter}`, rng.pick(nodes), `${rng.pick(nodes)}-2`, null]);
    if (id === null) delete node.id;
    else node.id = id;
    return { op: 'replaceNode', id: rng.pick(nodes), node };
  }
  if (kind === 'addEdge' && nodes.length > 0) {
    const id = rng.next() < 0.8 || edges.length === 0 ? `edge-${counter}` : rng.pick(edges);
    return { op: 'addEdge', edge: { id, source: rng.pick(nodes), target: rng.pick([...nodes, 'gone']) } };
  }
  if (kind === 'removeEdge' && edges.length > 0) return { op: 'removeEdge', id: rng.pick(edges) };
  return null;
}

const key = (diagnostic) => JSON.stringify(diagnostic);
const minus = (a, b) => {
  const taken = new Set(b.map(key));
  return a.filter((diagnostic) => !taken.has(key(diagnostic)));
};
const sameSet = (a, b, message) => assert.deepEqual(a.map(key).sort(), b.map(key).sort(), message);

test('edited documents report what validate reports, after every step of random edits', () => {
  let steps = 0;
  let compiled = 0;
  for (const [index, file] of SAMPLE.entries()) {
    const rng = random(17 + index);
    for (let round = 0; round < 6; round += 1) {
      const doc = open(read(file), { plugins });
      let before = doc.diagnostics();
      for (let counter = 0; counter < 25; counter += 1) {
        const edit = randomEdit(rng, doc.toJSON(), counter, round % 2 === 1);
        if (edit === null) continue;
        const update = doc.apply(edit);
        const after = doc.diagnostics();
        const what = `${file}, round ${round}: ${JSON.stringify(edit)}`;
        assert.deepEqual(after, validate(doc.toJSON(), { plugins }), what);
        sameSet(update.added, minus(after, before), `added by ${what}`);
        sameSet(update.removed, minus(before, after), `removed by ${what}`);
        if (counter % 5 === 4 && !after.some((diagnostic) => diagnostic.severity === 'error')) {
          assert.equal(doc.compile().yaml, compile(doc.toJSON(), { plugins }).yaml, what);
          compiled += 1;
        }
        before = after;
        steps += 1;
      }
      doc.free();
    }
  }
  assert.ok(steps > 400, `only ${steps} edits were applied`);
  assert.ok(compiled > 0, 'no step compiled without errors');
});
