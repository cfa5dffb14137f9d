// The demo page in Debian's headless Chromium: it loads the web build, previews the
// preloaded fixture, and after an edit that breaks an image reference shows the
// diagnostic and stops previewing manifests; it draws a workflow as a graph and its Fix
// button repairs the diagnostic of the node clicked. Saves test-artifacts/demo-valid.png,
// demo.png (after the edit) and demo-fix.png (after the fix).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../demo/serve.mjs';
import { wasmDir } from './support.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const artifacts = path.join(wasmDir, 'test-artifacts');
let server, url, profile, browser;

before(async () => {
  ({ server, url } = await serve(0));
  fs.mkdirSync(artifacts, { recursive: true });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegraph-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 },
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** Runs `check` on a new page, saves `screenshot` after it, and fails on any page error. */
async function onPage(screenshot, check) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));

  try {
    await check(page);
  } finally {
    await page.screenshot({ path: path.join(artifacts, screenshot) });
  }
  assert.deepEqual(problems, []);
}

test('the demo previews the fixture, then reports an invalid image and stops the preview', async () => {
  await onPage('demo.png', checkDemo);
});

test('the demo draws the workflow; Fix on a clicked node\'s diagnostic repairs it', async () => {
  await onPage('demo-fix.png', checkFix);
});

async function checkDemo(page) {
  await page.goto(url);
  await page.waitForSelector('#preview[data-state="ok"]', { timeout: 30_000 });
  await page.screenshot({ path: path.join(artifacts, 'demo-valid.png') });
  const before = await page.textContent('#preview');
  assert.match(before, /kind: Deployment/);
  assert.equal(await page.locator('#diagnostics [data-code="invalid-image"]').count(), 0);

  const workflow = await page.inputValue('#workflow');
  const broken = workflow.replace(/"image": "[^"]*"/, '"image": "nginx 1.27"');
  assert.notEqual(broken, workflow);
  await page.fill('#workflow', broken);
  const diagnostic = page.locator('#diagnostics [data-code="invalid-image"]');
  await diagnostic.waitFor({ timeout: 10_000 });
  assert.match(await diagnostic.textContent(), /nginx 1\.27/);
  await page.waitForSelector('#preview[data-state="errors"]');
  const after = await page.textContent('#preview');
  assert.notEqual(after, before);
  assert.match(after, /No manifests/);
}

async function checkFix(page) {
  await page.goto(`${url}?fixture=invalid/fixable.json`);
  const web = page.locator('#graph g.node[data-id="web"]');
  await web.waitFor({ timeout: 30_000 });
  const workflow = JSON.parse(await page.inputValue('#workflow'));
  assert.equal(await page.locator('#graph g.node').count(), workflow.nodes.length);
  // Each node shows its kind and name; the deployment with errors is marked.
  assert.equal(await web.locator('.kind').textContent(), 'deployment');
  assert.equal(await web.locator('.name').textContent(), 'web');
  assert.match(await web.getAttribute('class'), /\berror\b/);
  assert.ok(Number(await web.locator('.badge text').textContent()) > 1);
  // Every edge both of whose ends are nodes is drawn (a line, or an arc for the self loop).
  const ids = new Set(workflow.nodes.map((node) => node.id));
  const drawable = workflow.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  assert.equal(await page.locator('#graph .edge').count(), drawable.length);
  assert.ok(drawable.length < workflow.edges.length, 'the fixture has an edge that points nowhere');

  const total = Number(await page.getAttribute('#diagnostics', 'data-total'));
  const millibytes = page.locator('#diagnostics li[data-code="millibyte-memory"]');
  assert.equal(await millibytes.count(), 1);
  await web.click();
  await page.waitForSelector('#diagnostics-title:text("Diagnostics of node web")');
  // Only the node's diagnostics are listed now.
  assert.equal(await page.locator('#diagnostics li[data-code="placeholder-key"]').count(), 0);
  const listed = await page.locator('#diagnostics li[data-code]').count();
  await millibytes.locator('button.fix').click();

  await millibytes.waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(Number(await page.getAttribute('#diagnostics', 'data-total')), total - 1);
  assert.equal(await page.locator('#diagnostics li[data-code]').count(), listed - 1);
  const fixed = JSON.parse(await page.inputValue('#workflow'));
  assert.equal(fixed.nodes[0].data.resources.requests.memory, '128Mi');
  assert.equal(await page.locator('#graph g.node').count(), fixed.nodes.length);
  // The node stays selected, and its other fixable diagnostics keep their buttons.
  assert.match(await page.locator('#graph g.node[data-id="web"]').getAttribute('class'), /\bselected\b/);
  assert.ok(await page.locator('#diagnostics li[data-code="empty-argument"] button.fix').count() === 1);
}
