// Starts the standalone reader. An external module rather than Trunk's inline loader, so the
// page needs no 'unsafe-inline' in its Content-Security-Policy. The reader is mounted through
// static/article-reader.js, which brings it back on a fresh instance if the WebAssembly
// instance traps (an error view with a retry if it was loading, as for embedded readers).
import { ready, mountStandalone } from './article-reader.js';

const app = document.getElementById('app');
try {
  await ready;
  mountStandalone(app);
} catch (error) {
  // Without WebAssembly nothing else can explain the failure, so say it here, as text.
  app.textContent = `文章阅读器无法启动 / The reader could not start: ${error}`;
  throw error;
}
