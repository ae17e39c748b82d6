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

const fetches = new Map();
let fetchTotal = 0;

window.fetch = (input, init) => {
  fetchTotal += 1;
  const path = pathOf(input);
  const route = routes.get(path);
  if (!route) return realFetch(input, init);
  fetches.set(path, (fetches.get(path) || 0) + 1);
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

/** How many times the reader requested a stubbed path. */
export function fetch_count(path) {
  return fetches.get(path) || 0;
}

/** How many requests went through window.fetch, stubbed or not. */
export function fetch_total() {
  return fetchTotal;
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
 * A JSON body streamed in `chunkSize`-byte chunks of spaces, `total` bytes in all (Infinity for a
 * body that never ends), with no Content-Length. Records how many bytes the reader pulled and
 * whether it cancelled the stream.
 */
export function stub_stream(path, chunkSize, total) {
  const state = { pulled: 0, cancelled: false };
  streams.set(path, state);
  routes.set(path, () => Promise.resolve(new Response(new ReadableStream({
    pull(controller) {
      const size = Math.min(chunkSize, total - state.pulled);
      if (size <= 0) { controller.close(); return; }
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
    cancel() { state.cancelled = true; },
  }), { status: 200, headers: { 'Content-Type': 'application/json' } })));
}

/** A body that never ends: 1 MiB chunks for as long as someone reads. */
export function stub_endless(path) {
  stub_stream(path, 1024 * 1024, Infinity);
}

/**
 * `body` (text) served in chunks of `chunkSize` bytes. When `declared` is not negative it is sent
 * as the Content-Length; otherwise there is none, and only the bytes themselves tell the size.
 */
export function stub_chunked(path, body, chunkSize, declared) {
  const bytes = new TextEncoder().encode(body);
  routes.set(path, () => {
    let offset = 0;
    const headers = { 'Content-Type': 'application/json' };
    if (declared >= 0) headers['Content-Length'] = String(declared);
    return Promise.resolve(new Response(new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) { controller.close(); return; }
        controller.enqueue(bytes.slice(offset, offset + chunkSize));
        offset += chunkSize;
      },
    }), { status: 200, headers }));
  });
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

// Every element whose load or error event has been dispatched. The listener captures at the
// document, so it runs just before the element's own handlers (an `onerror` payload included) in
// the same dispatch: once a test sees an element here, that element's handlers have run.
const mediaDone = new WeakSet();
for (const type of ['load', 'error']) {
  document.addEventListener(type, (event) => { mediaDone.add(event.target); }, true);
}

/**
 * Whether an image has finished: its load or error event has been dispatched. An image with
 * neither `src` nor `srcset` never fires either event (nor runs a handler), so it counts as done.
 */
export function image_done(img) {
  if (!img.hasAttribute('src') && !img.hasAttribute('srcset')) return true;
  return mediaDone.has(img);
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
