// The demo: compile the workflow in the text area on every edit (debounced) and show the
// diagnostics and the manifests. Everything runs in the page; nothing is sent anywhere.
import init, { compile, version } from './pkg/web/kubegraph.js';

const DEBOUNCE_MS = 150;
const workflow = document.querySelector('#workflow');
const diagnostics = document.querySelector('#diagnostics');
const preview = document.querySelector('#preview');
const status = document.querySelector('#status');

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showDiagnostics(list) {
  diagnostics.replaceChildren(...list.map((diagnostic) => {
    const item = element('li', diagnostic.severity);
    item.dataset.code = diagnostic.code;
    item.append(element('span', 'severity', diagnostic.severity), element('span', 'code', diagnostic.code + ' '),
      element('span', 'message', diagnostic.message));
    const where = [diagnostic.nodeId && `node ${diagnostic.nodeId}`, diagnostic.edgeId && `edge ${diagnostic.edgeId}`,
      diagnostic.path].filter(Boolean).join(' · ');
    if (where) item.append(element('span', 'where', where));
    if (diagnostic.hint) item.append(element('span', 'hint', `hint: ${diagnostic.hint}`));
    return item;
  }));
  if (list.length === 0) diagnostics.append(element('li', 'none', 'No problems found.'));
}

function update() {
  const started = performance.now();
  const output = compile(workflow.value);
  const elapsed = performance.now() - started;
  showDiagnostics(output.diagnostics);
  const errors = output.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  preview.dataset.state = errors ? 'errors' : 'ok';
  preview.textContent = errors
    ? `# No manifests: fix the ${errors === 1 ? 'error' : `${errors} errors`} above.`
    : output.yaml;
  status.textContent = `kubegraph ${version()} · ${output.objects.length} objects · compiled in ${elapsed.toFixed(1)} ms`;
}

let timer;
workflow.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(update, DEBOUNCE_MS);
});

await init();
workflow.value = await (await fetch('./fixtures/storefront.json')).text();
update();
