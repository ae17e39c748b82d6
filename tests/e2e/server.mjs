// A minimal static server for dist/ (the release build), for the end-to-end tests and for
// `scripts/serve.sh`. By default it sends the same strict Content-Security-Policy header the
// README recommends, so a violation fails the page the way it would in production; the tests
// of embedding across origins give each server the headers a real deployment would send.
//
// It serves files the way the README's production setup does (tests/e2e/serve.test.mjs checks
// it): the precompressed `.br` or `.gz` copy the release build leaves beside a file
// (scripts/precompress.mjs) when the request accepts that encoding, with `Vary:
// Accept-Encoding`; the `Content-Type` each file needs (`application/wasm`, or the browser
// refuses to compile the module while it downloads); and an ETag with `Cache-Control:
// no-cache`, answering 304 to a matching `If-None-Match`.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' https: http:; connect-src 'self'; object-src 'none'; base-uri 'self'";

/**
 * Why `no-cache` (store, but ask the server before each use) rather than a lifetime: the build's
 * file names carry no hash (`filehash = false` in Trunk.toml, so host pages can import
 * `/article-reader.js` by a stable name). With `max-age`, a browser could pair a cached
 * `article-reader.js` with a new `article-reader_bg.wasm` (their imports must match exactly)
 * for as long as the lifetime runs; revalidating costs a round trip that answers 304 with no
 * body when nothing changed. The same holds for articles, which an editor may correct.
 */
export const CACHE_CONTROL = 'no-cache';

/** The encodings with a precompressed copy, in the order the server prefers them. */
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

/**
 * The encodings an `Accept-Encoding` header allows (RFC 9110 §12.5.3): listed, or covered by
 * `*`, with a weight above zero. Case does not matter; an absent header allows only identity.
 */
function acceptedEncodings(header) {
  const weights = new Map();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)));
  }
  const allowed = (coding) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  return ENCODINGS.map(([coding]) => coding).filter(allowed);
}

/** Whether an `If-None-Match` header matches `etag` (weak comparison, as RFC 9110 §13.1.2 asks). */
function matches(header, etag) {
  if (!header) return false;
  const bare = (tag) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Picks what to send for `file`: the preferred accepted encoding that has a precompressed copy
 * at least as new as the file (a copy older than its file is stale, say after a test overwrote
 * the file, and is never sent), else the file itself.
 */
async function representation(file, fileStat, acceptEncoding) {
  for (const coding of acceptedEncodings(acceptEncoding)) {
    const [, suffix] = ENCODINGS.find(([name]) => name === coding);
    const copy = await stat(file + suffix).catch(() => null);
    if (copy?.isFile() && copy.mtimeMs >= fileStat.mtimeMs) return { path: file + suffix, coding };
  }
  return { path: file, coding: null };
}

/**
 * Serves `root` on a loopback port; resolves to { url, close }.
 *
 * Options: `port` (0, the default, picks a free one), `host` (the name put in `url`; the
 * server always listens on 127.0.0.1, so "localhost" gives a second origin on the same
 * socket), and `headers`, sent with every answer instead of the default CSP header.
 */
export async function serve(root, { port = 0, host = '127.0.0.1', headers } = {}) {
  const sent = headers ?? { 'Content-Security-Policy': CSP };
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    try {
      let fileStat = await stat(file);
      if (fileStat.isDirectory()) {
        file = join(file, 'index.html');
        fileStat = await stat(file);
      }
      const chosen = await representation(file, fileStat, req.headers['accept-encoding']);
      const body = await readFile(chosen.path);
      // Each encoding is a representation of its own, so each has its own tag (a cache must
      // not answer a gzip-only client with brotli bytes it validated earlier).
      const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22);
      const etag = `"${digest}${chosen.coding ? `-${chosen.coding}` : ''}"`;
      const common = {
        // Which file answers depends on Accept-Encoding, even when no copy exists yet.
        Vary: 'Accept-Encoding',
        ETag: etag,
        'Cache-Control': CACHE_CONTROL,
        ...sent,
      };
      if (matches(req.headers['if-none-match'], etag)) {
        res.writeHead(304, common).end();
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...(chosen.coding ? { 'Content-Encoding': chosen.coding } : {}),
        'Content-Length': body.length,
        ...common,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...sent }).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const bound = server.address().port;
  return { url: `http://${host}:${bound}`, close: () => new Promise((ok) => server.close(ok)) };
}
