// A tiny static server for the demo page (and the browser test), loopback only.
//
//   node demo/serve.mjs [PORT]        (default 8080; 0 picks a free port)
//
// Serves wasm/demo/ at /, the built package wasm/pkg/ at /pkg/ and the workflow fixtures
// at /fixtures/, so the page loads the real package and fixture without copying them.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MOUNTS = [
  ['/pkg/', path.join(wasmDir, 'pkg')],
  ['/fixtures/', path.join(wasmDir, '..', 'tests', 'fixtures', 'workflows')],
  ['/', path.join(wasmDir, 'demo')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // required by WebAssembly.instantiateStreaming
};

/** The file a URL path names, or null when it is outside every mount. */
function resolve(urlPath) {
  const [prefix, root] = MOUNTS.find(([prefix]) => urlPath.startsWith(prefix));
  const file = path.resolve(root, '.' + path.posix.normalize('/' + urlPath.slice(prefix.length)));
  const inside = file === root || file.startsWith(root + path.sep);
  return inside ? (urlPath.endsWith('/') ? path.join(file, 'index.html') : file) : null;
}

/** Starts the server; resolves to `{ server, url }` once it listens. */
export function serve(port = 0) {
  const server = http.createServer((request, response) => {
    const file = resolve(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    fs.readFile(file ?? '', (error, body) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    });
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 8080));
  console.log(`kubegraph demo on ${url}`);
}
