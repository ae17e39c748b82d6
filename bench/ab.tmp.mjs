import { KEEP_PRIORITY, favourChildren, launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';
const pages = process.argv.slice(3);
const rounds = Number(process.argv[2]);
const server = await serve('dist');
const browser = await launchChromium(KEEP_PRIORITY);
const res = Object.fromEntries(pages.map((p) => [p, []]));
for (let r = 0; r < rounds; r++) {
  for (const p of (r % 2 ? [...pages].reverse() : pages)) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.route('**/blank.html', (rt) => rt.fulfill({ contentType: 'text/html', body: '' }));
    await page.goto(`${server.url}/blank.html`);
    favourChildren();
    await page.addInitScript(() => {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.identifier === 'h') window.hl = e.renderTime || e.loadTime; }).observe({ type: 'element', buffered: true });
      new MutationObserver(() => { const h = document.querySelector('h1.ar-headline'); if (h && !h.getAttribute('elementtiming')) h.setAttribute('elementtiming', 'h'); }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${server.url}${p}`);
    await page.waitForFunction(() => window.hl, null, { timeout: 30000 });
    res[p].push(await page.evaluate(() => window.hl));
    await ctx.close();
  }
}
await browser.close(); await server.close();
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const base = res[pages[0]];
for (const p of pages) {
  const ratios = res[p].map((v, i) => v / base[i]);
  console.log(`${p}: median ${med(res[p]).toFixed(0)} ms, ratio to first ${med(ratios).toFixed(2)} [${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}]`);
}
