// The optimised module stays small enough to ship to every canvas page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { pkgDir } from './support.mjs';

// 1.22 MB raw (435 KB gzip) before the direct JSON reader (a visitor per model type) and
// the probe, plugin-option and selector models; 1.51 MB (525 KB) with them once the browser
// compile wrote its text from values. The pod spec (container, init container and sidecar
// models, env sources, affinity, topology spread, the ServiceAccount kind: each a reader,
// a schema, validation and a builder) and fixes brought it to about 1.85 MB: the budget
// follows the model it must carry, and shrinking it again is tracked with the WebAssembly
// speed work, not hidden by a larger number.
// Documents (`open`: edits answered with diagnostics, compile reusing unchanged objects)
// took it from 1.88 MB (0.64 MB gzip) to 2.07 MB (0.69 MB): in the code section before
// wasm-opt, by symbol, the core's document (open, apply, compile) is 71 KB, the model's
// Serialize (toJSON, and patching a node's data as JSON) 62 KB, the Kubernetes objects'
// PartialEq (to tell which objects an edit changed) 24 KB, reading edits and the JS class
// the rest of 229 KB. The limits keep the headroom they had.
// The importers and the diagram in JS (`fromManifests`, `fromCompose`, `graph`) took it
// from 2,079,490 B (698,158 B gzip) to 2,276,066 B (780,438 B), +197 KB (+82 KB gzip): the
// YAML reader (saphyr-parser, YAML 1.1 and 1.2), the manifest importer (a reader per kind,
// edges, layout), the compose importer and the Mermaid and DOT writers, none of which the
// module carried while nothing called them. The limits grow by that, rounded up.
// Building with opt-level 3 instead of z (wasm/build.sh), for speed, took it from
// 2,276,066 B (780,438 B gzip) to 3,861,586 B (1,219,915 B gzip), +70% (+56% gzip):
// LLVM inlines and unrolls again. In return validate and compile of 1,000 nodes went from
// about 4x native to within 1.1-1.4x in CPU time (README, "Performance"), which a canvas
// validating on every edit needs; the module is loaded once per page. The limits grow by
// that, with the headroom they had.
// Then 4,052,169 B (1,276,082 B gzip), +191 KB (+56 KB gzip), from features that landed
// together: envFrom in the model (read, checked, compiled), custom resources imported as
// plugin nodes, the line reader for plain block YAML, the document's in-place graph with
// its per-key rechecks, and the streamed compile output. The limits grow by that.
// Then 4,136,077 B (1,312,972 B gzip), +84 KB (+37 KB gzip), from three changes landed
// together: a document's compile rebuilding only the objects an edit can change (the
// lookups it records, the comparison of kept objects), plugin definitions for
// `fromManifests`, the import's lookup tables and selector index, and the boxed workload
// models. The limits grow by that, with the headroom they had.
// Then 4,196,971 B (1,342,001 B gzip), +7.8 KB (+4.6 KB gzip): a document's compile hands
// out again the JS objects of the objects an edit did not change (the table of what it
// handed out, and the walk that freezes new ones). The limits grow by that, with the
// headroom they had.
// Then 4,206,236 B (1,346,741 B gzip), +5.1 KB (+2.0 KB gzip) over 4,201,170 B
// (1,344,746 B): a document keeps repeated ids in place (the index's first and later nodes
// of an id, edges given ids of their own while their steps point them away, the
// duplicate-ids rule's narrower rechecks). The limits grow by that, with the headroom they
// had.
const MAX_RAW = 4_216_000;
const MAX_GZIP = 1_350_000;

test(`the optimised .wasm is under ${MAX_RAW} bytes raw and ${MAX_GZIP} bytes gzip -9`, () => {
  for (const target of ['node', 'bundler', 'web']) {
    const wasm = fs.readFileSync(path.join(pkgDir, target, 'kubegraph_bg.wasm'));
    const gzip = zlib.gzipSync(wasm, { level: 9 }).length;
    console.log(`${target}/kubegraph_bg.wasm: ${wasm.length} B raw, ${gzip} B gzip -9`);
    assert.ok(wasm.length < MAX_RAW, `${target}: ${wasm.length} B raw`);
    assert.ok(gzip < MAX_GZIP, `${target}: ${gzip} B gzip`);
  }
});
