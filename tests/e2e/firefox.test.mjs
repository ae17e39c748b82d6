// End-to-end smoke tests of the release build in Firefox ESR. Playwright's Firefox needs its
// own patched build, which cannot be installed here, so these speak W3C WebDriver to Debian's
// firefox-esr through geckodriver directly. They cover what the wasm-bindgen tests cannot: the
// standalone page's external loader under the strict CSP, and the embed demo's module and
// custom element. Every wait polls a condition in the page, with a deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { serve } from './server.mjs';

// Bounds for a hung geckodriver or browser: every request to it is awaited, so a hook or test
// that never returns fails by these instead of hanging the run.
const HOOK_TIMEOUT = { timeout: 60_000 };
const TEST_TIMEOUT = { timeout: 90_000 };

let server;
let driver;
let base;
let session;

async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

/** Runs a function in the page (sent as its source text) and returns its value. */
function run(fn, ...args) {
  const script = `return (${fn}).apply(null, arguments);`;
  return call('POST', `/session/${session}/execute/sync`, { script, args });
}

const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Polls `script` until it returns something truthy (every 50 ms, for at most 20 s). */
async function until(what, script, ...args) {
  const deadline = Date.now() + 20_000;
  let last;
  while (Date.now() < deadline) {
    last = await run(script, ...args);
    if (last) return last;
    await pause(50);
  }
  throw new Error(`timed out after 20 s waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

before(async () => {
  server = await serve('dist');
  const port = await freePort();
  driver = spawn('geckodriver', ['--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  // geckodriver takes a moment to listen; give it 20 s, then say what it last answered.
  const deadline = Date.now() + 20_000;
  let last = 'no answer';
  for (;;) {
    try {
      const status = await call('GET', '/status');
      if (status.ready) break;
      last = JSON.stringify(status);
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`geckodriver was not ready after 20 s: ${last}`);
    await pause(50);
  }
  session = (await call('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: process.env.FIREFOX || '/usr/bin/firefox-esr',
          args: ['-headless'],
          prefs: { 'network.captive-portal-service.enabled': false, 'app.update.enabled': false },
        },
      },
    },
  })).sessionId;
}, HOOK_TIMEOUT);

after(async () => {
  if (session) await call('DELETE', `/session/${session}`).catch(() => {});
  driver?.kill();
  await server?.close();
}, HOOK_TIMEOUT);

test('Firefox: the standalone page shows the seed article and T+ works', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/` });
  const headline = await until('the headline', () => document.querySelector('.ar-headline')?.textContent);
  assert.equal(headline, '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基');
  assert.equal(await run(() => document.title), headline);
  assert.deepEqual(await run(() => [
    document.querySelectorAll('.ar-body > h2').length,
    document.querySelectorAll('.ar-body > p').length,
    document.querySelectorAll('.ar-sidebar .ar-more').length,
  ]), [6, 8, 4]);
  await run(() => document.querySelector('.ar-bigger').click());
  await until('the size to grow', () => document.querySelector('.ar-size-status').textContent === '字号 115%');
  await run(() => document.querySelector('.ar-smaller').click());
  await until('T- to shrink it back', () => document.querySelector('.ar-size-status').textContent === '字号 100%');
});

test('Firefox: the embed demo mounts a reader and the custom element', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/static/embed.html` });
  await until('both readers', () => document.querySelectorAll('.ar-headline').length === 2);
  assert.equal(
    await run(() => document.querySelector('#reader-two .ar-headline').textContent),
    'The article reader: a fast, safe article view for any site',
  );
  await run(() => document.getElementById('destroy-first').click());
  await until('the first reader to go', () => document.getElementById('reader-one').childElementCount === 0);
  assert.equal(await run(() => document.querySelectorAll('.article-reader').length), 1);
});
