// Starts the standalone reader. An external module rather than Trunk's inline loader, so the
// page needs no 'unsafe-inline' in its Content-Security-Policy. The reader is mounted through
// static/article-reader.js, which brings it back on a fresh instance if the WebAssembly
// instance traps (an error view with a retry if it was loading, as for embedded readers).
//
// Until the reader is there, index.html's own markup shows the page's loading state, painted
// before any script runs. This module's first act is to request the article, so that the JSON
// and the WebAssembly module download side by side instead of one after the other; the reader
// takes the response over (through every check its own request would pass) if it is for the
// address it shows, and aborts it otherwise. The reader's module is imported only once that
// request is on its way: a static import would hold this module's first line until the module
// it imports had been fetched and evaluated (index.html preloads it, so it is fetched meanwhile).

// The article the page shows without `?article=`: the same value as DEFAULT_ARTICLE in
// src/options.rs (tests/e2e/paint.test.mjs checks that a request started here is the one the
// reader uses, which it is only if both agree).
const DEFAULT_ARTICLE = 'static/articles/seed.json';

/** The request for the page's article, started now, or undefined where the reader would refuse
 *  the address (another origin): a request it will not use must not be made. */
function startArticle() {
  const param = new URLSearchParams(location.search).get('article');
  let url;
  try {
    url = new URL(param && param.trim() ? param : DEFAULT_ARTICLE, location.href);
  } catch {
    return undefined;
  }
  if (url.origin !== location.origin) return undefined;
  const controller = new AbortController();
  const response = fetch(url.href, {
    headers: { Accept: 'application/json' },
    // As the reader's own request: a redirect is refused, not followed (see the README).
    redirect: 'manual',
    signal: controller.signal,
  });
  // The reader reports a failure itself, with its address; this only keeps it from being
  // reported twice as an unhandled rejection.
  response.catch(() => {});
  return { url: url.href, response, controller };
}

const early = startArticle();
const app = document.getElementById('app');
try {
  const { ready, mountStandalone } = await import('./article-reader.js');
  await ready;
  // The static loading state gives way to the reader's own, in the same task.
  app.replaceChildren();
  mountStandalone(app, early);
} catch (error) {
  early?.controller.abort();
  // Without WebAssembly nothing else can explain the failure, so say it here, as text.
  app.textContent = `文章阅读器无法启动 / The reader could not start: ${error}`;
  throw error;
}
