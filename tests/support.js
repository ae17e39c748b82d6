// Test support for tests/browser.rs: a stub over window.fetch and window.print.
//
// Each stubbed path answers as the test said; anything else goes to the real fetch. The stub
// honours AbortSignal like the real fetch, so timeouts and cancellation are observable.

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
