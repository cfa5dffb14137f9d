// Generates the package's `types.d.ts` from types/api.schema.json, the JSON Schema bundle
// that `cargo test -p kubegraph-wasm` keeps equal to the Rust types.
//
//   node scripts/gen-types.mjs [OUT_FILE...]   (no file: print to stdout)
//
// build.sh writes one copy next to each target's kubegraph.d.ts; test/types.test.mjs
// regenerates and compares, so a stale or hand-edited copy fails the suite.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
export const bundlePath = path.join(here, '..', 'types', 'api.schema.json');

const BANNER = `/* Generated from kubegraph's Rust types (wasm/types/api.schema.json) by
 * wasm/scripts/gen-types.mjs; do not edit. */`;

/** The TypeScript text for the bundle at `file`. */
export async function generateTypes(file = bundlePath) {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  const text = await compile(bundle, bundle.title, {
    bannerComment: BANNER,
    unreachableDefinitions: true, // every $defs entry, referenced or not, is exported
    strictIndexSignatures: true,
    format: true,
  });
  // The bundle's root only carries the definitions; it is not a type of the API.
  const root = `export interface ${bundle.title[0].toUpperCase()}${bundle.title.slice(1)} {\n  [k: string]: unknown | undefined;\n}\n`;
  if (!text.includes(root)) throw new Error(`gen-types: the root declaration changed shape:\n${text}`);
  return text.replace(root, '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generateTypes();
  const outputs = process.argv.slice(2);
  if (outputs.length === 0) process.stdout.write(text);
  for (const out of outputs) fs.writeFileSync(out, text);
}
