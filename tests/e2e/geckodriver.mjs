// Debian's Firefox ESR driven through geckodriver with plain W3C WebDriver requests, shared by
// the Firefox end-to-end tests (Playwright's Firefox needs a build of its own that cannot be
// installed here). Every request is awaited and every wait has a deadline, so a hung driver or
// browser fails a test instead of hanging the run.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { before, after } from 'node:test';
import { serve } from './server.mjs';

async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Starts geckodriver and a headless Firefox session. `untilMs` bounds each `until()` wait.
 * Returns `call` (one WebDriver request), `run` (a function run in the page, sent as its source
 * text), `until` (polls a function in the page until it returns something truthy, every 50 ms)
 * and `quit`.
 */
export async function startFirefox({ untilMs }) {
  const port = await freePort();
  const driver = spawn('geckodriver', ['--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  let session;

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

  function run(fn, ...args) {
    const script = `return (${fn}).apply(null, arguments);`;
    return call('POST', `/session/${session}/execute/sync`, { script, args });
  }

  async function until(what, script, ...args) {
    const deadline = Date.now() + untilMs;
    let last;
    while (Date.now() < deadline) {
      last = await run(script, ...args);
      if (last) return last;
      await pause(50);
    }
    throw new Error(`timed out after ${untilMs / 1000} s waiting for ${what} (last value: ${JSON.stringify(last)})`);
  }

  async function quit() {
    if (session) await call('DELETE', `/session/${session}`).catch(() => {});
    driver.kill();
  }

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
    if (Date.now() > deadline) {
      driver.kill();
      throw new Error(`geckodriver was not ready after 20 s: ${last}`);
    }
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
  return { call, run, until, quit, session };
}

/**
 * The setup of a Firefox test file: hooks that serve the release build (dist/) and start one
 * Firefox session before its tests, and stop both after them, each bounded so that a hung
 * driver fails the hook instead of hanging the run. Returns the object the hooks fill in,
 * `{ server, firefox }`, for the tests to read once they run.
 */
export function firefoxSuite({ untilMs = 20_000 } = {}) {
  const hook = { timeout: 60_000 };
  const suite = { server: null, firefox: null };
  before(async () => {
    suite.server = await serve('dist');
    suite.firefox = await startFirefox({ untilMs });
  }, hook);
  after(async () => {
    await suite.firefox?.quit();
    await suite.server?.close();
  }, hook);
  return suite;
}
