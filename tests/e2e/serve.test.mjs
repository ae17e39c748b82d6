// The release build served as the README's production setup serves it (issue 10: "smaller and
// served right"), through the server `scripts/serve.sh` and the other end-to-end tests use:
// the precompressed copies the build leaves in dist/ chosen by Accept-Encoding, each decoding to
// the very bytes of its file; the Content-Type each file needs; ETag revalidation; and, in
// headless Chromium, the wasm compiled while it streams in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { launchChromium } from './chromium.mjs';
import { serve, CSP } from './server.mjs';

let server;

before(async () => {
  server = await serve('dist');
});

after(async () => {
  await server?.close();
});

/**
 * One request with exactly the given headers; resolves to { status, headers, body }, the body
 * as the bytes that crossed the wire (Node's fetch would decode them, hiding the encoding).
 */
function get(path, headers = {}, method = 'GET', base = server.url) {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

const DECODE = { br: brotliDecompressSync, gzip: gunzipSync, identity: (b) => b };

// What each kind of file must be sent as; the values are the media types browsers require
// (application/wasm for streaming compilation, a JavaScript type for module scripts).
const FILES = [
  ['/article-reader_bg.wasm', 'application/wasm'],
  ['/article-reader.js', 'text/javascript; charset=utf-8'],
  ['/article-reader.css', 'text/css; charset=utf-8'],
  ['/static/article-reader.js', 'text/javascript; charset=utf-8'],
  ['/index.html', 'text/html; charset=utf-8'],
  ['/static/articles/seed.json', 'application/json'],
  ['/favicon.svg', 'image/svg+xml'],
];

test('the release build leaves a .br and a .gz copy beside the wasm, the JS and the CSS', () => {
  for (const file of ['article-reader_bg.wasm', 'article-reader.js', 'article-reader.css',
    'static/article-reader.js', 'index.html', 'static/articles/seed.json']) {
    for (const suffix of ['.br', '.gz']) {
      assert.ok(existsSync(`dist/${file}${suffix}`), `dist/${file}${suffix} (trunk build --release runs scripts/precompress.mjs)`);
    }
  }
});

for (const [path, type] of FILES) {
  for (const [accept, coding] of [['br', 'br'], ['gzip', 'gzip'], [undefined, 'identity']]) {
    test(`${path} with Accept-Encoding: ${accept ?? '(none)'} is sent as ${coding}, then revalidated`, async () => {
      const headers = accept ? { 'Accept-Encoding': accept } : {};
      const res = await get(path, headers);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], type);
      assert.equal(res.headers['content-encoding'], coding === 'identity' ? undefined : coding);
      assert.equal(res.headers.vary, 'Accept-Encoding');
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.equal(res.headers['content-security-policy'], CSP);
      assert.equal(Number(res.headers['content-length']), res.body.length);
      const raw = readFileSync(`dist${path}`);
      assert.ok(DECODE[coding](res.body).equals(raw), 'the decoded body is the file, byte for byte');
      if (coding !== 'identity') assert.ok(res.body.length < raw.length, 'the encoded body is smaller');

      const etag = res.headers.etag;
      assert.match(etag, /^"[^"]+"$/, 'a strong ETag');
      const again = await get(path, { ...headers, 'If-None-Match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.equal(again.headers['cache-control'], 'no-cache');
      assert.equal(again.headers.vary, 'Accept-Encoding');
      assert.equal(again.headers['content-security-policy'], CSP);
    });
  }
}

test('each encoding has its own ETag, and a tag of another encoding gets the full answer', async () => {
  const path = '/article-reader_bg.wasm';
  const tags = [];
  for (const accept of ['br', 'gzip', undefined]) {
    tags.push((await get(path, accept ? { 'Accept-Encoding': accept } : {})).headers.etag);
  }
  assert.equal(new Set(tags).size, 3, `three different tags: ${tags.join(' ')}`);
  const [brTag] = tags;
  const plain = await get(path, { 'If-None-Match': brTag });
  assert.equal(plain.status, 200, 'the brotli tag does not validate the identity answer');
  assert.ok(plain.body.equals(readFileSync(`dist${path}`)));
  const listed = await get(path, { 'Accept-Encoding': 'br', 'If-None-Match': `"other", W/${brTag}` });
  assert.equal(listed.status, 304, 'If-None-Match compares each listed tag, weakly');
});

test('Accept-Encoding is read with its weights: q=0 refuses, *, case and a browser\'s list', async () => {
  const cases = [
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;q=0.5, GZIP;q=1', 'br'],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['gzip;q=0, br;q=0', undefined],
    ['deflate', undefined],
    ['identity', undefined],
  ];
  for (const [accept, expected] of cases) {
    const res = await get('/article-reader.js', { 'Accept-Encoding': accept });
    assert.equal(res.headers['content-encoding'], expected, `Accept-Encoding: ${accept}`);
  }
});

test('HEAD sends the headers of GET and no body', async () => {
  const head = await get('/article-reader_bg.wasm', { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-encoding'], 'br');
  assert.equal(Number(head.headers['content-length']), readFileSync('dist/article-reader_bg.wasm.br').length);
  assert.equal(head.body.length, 0);
});

test('headless Chromium compiles the served wasm while it streams, and the reader uses it', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Every error, and the warnings about WebAssembly (Trunk's preload links bring a warning of
    // their own about `integrity`, which has nothing to do with serving).
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || (m.type() === 'warning' && /wasm|webassembly/i.test(m.text()))) {
        problems.push(`${m.type()}: ${m.text()}`);
      }
    });
    const wasmAnswers = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/article-reader_bg.wasm') wasmAnswers.push(r);
    });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.ar-headline');
    const exports = await page.evaluate(async () => {
      const module = await WebAssembly.compileStreaming(fetch('/article-reader_bg.wasm', { cache: 'no-store' }));
      return WebAssembly.Module.exports(module).length;
    });
    assert.ok(exports > 0, `compileStreaming gave a module with ${exports} exports`);
    // The reader's own load: wasm-bindgen's loader warns and falls back to a slower path when
    // streaming compilation refuses the answer (a wrong Content-Type, say).
    assert.deepEqual(problems, []);
    assert.ok(wasmAnswers.length >= 1);
    for (const answer of wasmAnswers) {
      const [sent, got] = [await answer.request().allHeaders(), await answer.allHeaders()];
      assert.equal(got['content-type'], 'application/wasm');
      const best = ['br', 'gzip'].find((c) => (sent['accept-encoding'] ?? '').split(/,\s*/).includes(c));
      assert.equal(got['content-encoding'], best, `Chromium accepted "${sent['accept-encoding']}"`);
    }
  } finally {
    await browser.close();
  }
});

test('a precompressed copy older than its file is stale and never sent', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reader-serve-'));
  try {
    writeFileSync(join(root, 'page.js'), 'export const version = 2;\n'.repeat(40));
    writeFileSync(join(root, 'page.js.br'), brotliCompressSync('export const version = 1;\n'.repeat(40)));
    writeFileSync(join(root, 'page.js.gz'), gzipSync('export const version = 1;\n'.repeat(40)));
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'page.js.br'), past, past);
    const other = await serve(root);
    try {
      const res = await get('/page.js', { 'Accept-Encoding': 'br, gzip' }, 'GET', other.url);
      // The .gz copy is newer than the file, so it is the one sent; the stale .br is skipped.
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(res.body).toString(), 'export const version = 1;\n'.repeat(40));
      utimesSync(join(root, 'page.js.gz'), past, past);
      const plain = await get('/page.js', { 'Accept-Encoding': 'br, gzip' }, 'GET', other.url);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body.toString(), 'export const version = 2;\n'.repeat(40));
    } finally {
      await other.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
