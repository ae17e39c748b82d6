// Test support for tests/browser.rs: a stub over window.fetch and window.print.
//
// Each stubbed path answers as the test said; anything else goes to the real fetch. The stub
// honours AbortSignal like the real fetch, so timeouts and cancellation are observable.

// Tests must not reach the network: hostile articles legitimately render images from other
// hosts (https://evil.example/...). This policy makes the browser refuse every image load at
// once, which still fires each image's error event (what an onerror payload would wait for),
// without attempting a request or loading the test server with hundreds of 404s.
const csp = document.createElement('meta');
csp.httpEquiv = 'Content-Security-Policy';
csp.content = "img-src 'none'";
document.head.appendChild(csp);

const realFetch = window.fetch.bind(window);
const routes = new Map();
const aborted = new Set();

function pathOf(input) {
  const url = typeof input === 'string' ? input : input.url;
  return new URL(url, location.href).pathname;
}

window.fetch = (input, init) => {
  const path = pathOf(input);
  const route = routes.get(path);
  if (!route) return realFetch(input, init);
  const signal = (init && init.signal) || (typeof input === 'string' ? undefined : input.signal);
  return route(signal, path);
};

function abortError() {
  return new DOMException('The operation was aborted.', 'AbortError');
}

export function stub_json(path, status, contentType, body) {
  routes.set(path, (signal) => {
    if (signal && signal.aborted) return Promise.reject(abortError());
    const headers = contentType ? { 'Content-Type': contentType } : {};
    return Promise.resolve(new Response(body, { status, headers }));
  });
}

export function stub_hang(path) {
  routes.set(path, (signal, p) => new Promise((_, reject) => {
    if (!signal) return;
    signal.addEventListener('abort', () => { aborted.add(p); reject(abortError()); });
  }));
}

export function stub_network_error(path) {
  routes.set(path, () => Promise.reject(new TypeError('Failed to fetch')));
}

export function was_aborted(path) {
  return aborted.has(path);
}

let printCalls = 0;
/** Replaces window.print so a test can observe it without opening a dialog. */
export function stub_print() {
  window.print = () => { printCalls += 1; };
  return printCalls;
}

export function print_calls() {
  return printCalls;
}

/** A response whose body is raw bytes (no Content-Type unless given). */
export function stub_bytes(path, status, contentType, bytes) {
  const copy = new Uint8Array(bytes);
  routes.set(path, (signal) => {
    if (signal && signal.aborted) return Promise.reject(abortError());
    const headers = contentType ? { 'Content-Type': contentType } : {};
    return Promise.resolve(new Response(copy, { status, headers }));
  });
}

/** A small body that declares a huge Content-Length. */
export function stub_declared(path, length) {
  routes.set(path, () => Promise.resolve(new Response('{}', {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(length) },
  })));
}

const streams = new Map();

/**
 * A JSON body that never ends: 1 MiB chunks for as long as someone reads. Records how much was
 * pulled and whether the reader cancelled it.
 */
export function stub_endless(path) {
  const state = { pulled: 0, cancelled: false };
  streams.set(path, state);
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  routes.set(path, () => Promise.resolve(new Response(new ReadableStream({
    pull(controller) { state.pulled += chunk.length; controller.enqueue(chunk); },
    cancel() { state.cancelled = true; },
  }), { status: 200, headers: { 'Content-Type': 'application/json' } })));
}

export function stream_cancelled(path) {
  const s = streams.get(path);
  return Boolean(s && s.cancelled);
}

export function stream_pulled(path) {
  const s = streams.get(path);
  return s ? s.pulled : 0;
}

/**
 * Headers arrive, then the body stalls after one byte. Like a real fetch, aborting the request
 * errors the body.
 */
export function stub_stalled_body(path) {
  routes.set(path, (signal) => Promise.resolve(new Response(new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{'));
      if (signal) signal.addEventListener('abort', () => controller.error(abortError()));
    },
  }), { status: 200, headers: { 'Content-Type': 'application/json' } })));
}

// Hostile payloads that execute would call one of these.
let xssFired = [];
window.__xss = () => { xssFired.push('__xss'); };
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (...args) => { xssFired.push(`${name}(${args.join(',')})`); };
}

/** What ran since the last reset, as a list of calls (empty when nothing ran). */
export function xss_calls() {
  return xssFired.join('; ');
}

export function xss_reset() {
  xssFired = [];
}
