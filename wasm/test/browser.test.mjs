// The demo page in Debian's headless Chromium: it loads the web build, previews the
// preloaded fixture, and after an edit that breaks an image reference shows the
// diagnostic and stops previewing manifests. Saves test-artifacts/demo-valid.png and demo.png (after the edit).
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

test('the demo previews the fixture, then reports an invalid image and stops the preview', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));

  try {
    await checkDemo(page);
  } finally {
    await page.screenshot({ path: path.join(artifacts, 'demo.png') });
  }
  assert.deepEqual(problems, []);
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
