// The release build served as the README's production setup serves it (issue 10: "smaller and
// served right"), through the server `scripts/serve.sh` and the other end-to-end tests use:
// the precompressed copies the build leaves in dist/ chosen by Accept-Encoding, each decoding to
// the very bytes of its file; the Content-Type each file needs; ETag revalidation; and, in
// headless Chromium, the wasm compiled while it streams in. Then the README's nginx and Caddy
// snippets, run against dist/ with the same checks when those servers are installed (they are
// not part of scripts/setup.sh, so CI skips those two and says why).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

// The README's production snippets (section "Serving"), taken verbatim like the embedding
// snippets in embed-origins.test.mjs.
function readmeSnippet(name) {
  const pattern = new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``);
  const found = readFileSync('README.md', 'utf8').match(pattern);
  assert.ok(found, `README.md has no snippet "${name}"`);
  return found[1];
}

test('the README\'s nginx and Caddy snippets send the policy this server sends', () => {
  const nginx = readmeSnippet('nginx-site').match(/add_header Content-Security-Policy "([^"]+)" always;/);
  const caddy = readmeSnippet('caddy-site').match(/Content-Security-Policy "([^"]+)"/);
  assert.equal(nginx?.[1], CSP);
  assert.equal(caddy?.[1], CSP);
});

/** Whether a program is on PATH (the production servers are not part of the test setup). */
function installed(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
}

/** A free loopback port, for a server this test starts. */
async function freePort() {
  const probe = createNetServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** Waits until something answers on `base` (a server started as a child process). */
async function answering(base, child) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      await get('/', {}, 'HEAD', base);
      return;
    } catch {
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
  throw new Error(`nothing answers on ${base}`);
}

/**
 * What the README promises of a production server, checked on `base`: each encoding of the wasm
 * and the JS decoding to the file, the wasm's type, Vary, no-cache, the policy, ETag and 304.
 */
async function assertServedRight(base) {
  for (const [path, type] of [['/article-reader_bg.wasm', /^application\/wasm$/], ['/article-reader.js', /javascript/]]) {
    const tags = new Set();
    for (const [accept, coding] of [['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], [undefined, 'identity']]) {
      const headers = accept ? { 'Accept-Encoding': accept } : {};
      const res = await get(path, headers, 'GET', base);
      const what = `${path} with Accept-Encoding: ${accept ?? '(none)'}`;
      assert.equal(res.status, 200, what);
      assert.match(res.headers['content-type'], type, what);
      assert.equal(res.headers['content-encoding'], coding === 'identity' ? undefined : coding, what);
      if (coding !== 'identity') assert.match(res.headers.vary ?? '', /Accept-Encoding/i, what);
      assert.equal(res.headers['cache-control'], 'no-cache', what);
      assert.equal(res.headers['content-security-policy'], CSP, what);
      assert.ok(DECODE[coding](res.body).equals(readFileSync(`dist${path}`)), `${what}: the file, byte for byte`);
      assert.ok(res.headers.etag, `${what}: an ETag`);
      tags.add(res.headers.etag);
      const again = await get(path, { ...headers, 'If-None-Match': res.headers.etag }, 'GET', base);
      assert.equal(again.status, 304, `${what}: If-None-Match`);
    }
    assert.equal(tags.size, 3, `${path}: one ETag per encoding (${[...tags].join(' ')})`);
  }
}

test('nginx with the README\'s snippet serves dist/ as promised', {
  skip: !installed('nginx') && 'nginx is not installed (Debian: nginx libnginx-mod-http-brotli-static)',
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reader-nginx-'));
  const port = await freePort();
  const site = readmeSnippet('nginx-site')
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('root /srv/reader;', `root ${resolve('dist')};`);
  assert.match(site, new RegExp(`listen 127\\.0\\.0\\.1:${port};`));
  // Debian's layout: the snippet's `include mime.types` and the modules' `load_module
  // modules/...` are read relative to the prefix, here the temporary folder.
  cpSync('/etc/nginx/mime.types', join(dir, 'mime.types'));
  symlinkSync('/usr/share/nginx/modules', join(dir, 'modules'));
  writeFileSync(join(dir, 'nginx.conf'), `
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log stderr error;
include /etc/nginx/modules-enabled/*.conf;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`);
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await answering(`http://127.0.0.1:${port}`, child);
    await assertServedRight(`http://127.0.0.1:${port}`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Caddy with the README\'s snippet serves dist/ as promised', {
  skip: !installed('caddy') && 'caddy is not installed (Debian: caddy)',
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reader-caddy-'));
  const port = await freePort();
  const site = readmeSnippet('caddy-site')
    .replace('reader.example.org {', `http://127.0.0.1:${port} {`)
    .replace('root * /srv/reader', `root * ${resolve('dist')}`);
  assert.match(site, new RegExp(`http://127\\.0\\.0\\.1:${port} \\{`));
  // No admin endpoint: it would take a fixed port that another run may hold.
  writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n}\n${site}`);
  const child = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', join(dir, 'Caddyfile')], {
    stdio: 'ignore',
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
  try {
    await answering(`http://127.0.0.1:${port}`, child);
    await assertServedRight(`http://127.0.0.1:${port}`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
