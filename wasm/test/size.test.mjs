// The optimised module stays small enough to ship to every canvas page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { pkgDir } from './support.mjs';

// 1.22 MB raw (435 KB gzip) before the direct JSON reader (a visitor per model type) and
// the probe, plugin-option and selector models; 1.57 MB (542 KB) with them. The budget
// leaves room for the pod spec still to come, not for carelessness.
const MAX_RAW = 1_700_000;
const MAX_GZIP = 600_000;

test(`the optimised .wasm is under ${MAX_RAW} bytes raw and ${MAX_GZIP} bytes gzip -9`, () => {
  for (const target of ['node', 'bundler', 'web']) {
    const wasm = fs.readFileSync(path.join(pkgDir, target, 'kubegraph_bg.wasm'));
    const gzip = zlib.gzipSync(wasm, { level: 9 }).length;
    console.log(`${target}/kubegraph_bg.wasm: ${wasm.length} B raw, ${gzip} B gzip -9`);
    assert.ok(wasm.length < MAX_RAW, `${target}: ${wasm.length} B raw`);
    assert.ok(gzip < MAX_GZIP, `${target}: ${gzip} B gzip`);
  }
});
