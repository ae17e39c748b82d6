// A minimal static server for dist/ (the release build), for the end-to-end tests and for
// `scripts/serve.sh`. By default it sends the same strict Content-Security-Policy header the
// README recommends, so a violation fails the page the way it would in production; the tests
// of embedding across origins give each server the headers a real deployment would send.
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
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...sent,
      });
      res.end(body);
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
