// Starts the standalone reader. An external module rather than Trunk's inline loader, so the
// page needs no 'unsafe-inline' in its Content-Security-Policy.
import init, { mountStandalone } from '../article-reader.js';

const app = document.getElementById('app');
try {
  await init({ module_or_path: new URL('../article-reader_bg.wasm', import.meta.url) });
  mountStandalone(app);
} catch (error) {
  // Without WebAssembly nothing else can explain the failure, so say it here, as text.
  app.textContent = `文章阅读器无法启动 / The reader could not start: ${error}`;
  throw error;
}
