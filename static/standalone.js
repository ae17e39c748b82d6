// Starts the standalone reader. An external module rather than Trunk's inline loader, so the
// page needs no 'unsafe-inline' in its Content-Security-Policy. The reader is mounted through
// static/article-reader.js, which brings it back on a fresh instance if the WebAssembly
// instance traps (an error view with a retry if it was loading, as for embedded readers).
//
// Until the reader is there, index.html's own markup shows the page's loading state, painted
// before any script runs. The article's request was started before this module arrived, by
// static/early.js in the page's head; it is handed to the reader here (or undefined when that
// script started none, and the reader requests the article itself).

const early = window.articleReaderEarly;
delete window.articleReaderEarly;
const app = document.getElementById('app');
try {
  // Imported here rather than statically, so that a module that fails to load or start is
  // caught below and said on the page (index.html preloads it, so it downloads meanwhile).
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
