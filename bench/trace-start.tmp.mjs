import { KEEP_PRIORITY, favourChildren, launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';
const path = process.argv[2] ?? '/?article=static/articles/seed.json';
const cpu = Number(process.argv[3] ?? 1);
const server = await serve(process.argv[4] ?? 'dist');
const browser = await launchChromium(KEEP_PRIORITY);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.route('**/blank.html', (r) => r.fulfill({ contentType: 'text/html', body: '' }));
await page.goto(`${server.url}/blank.html`);
favourChildren();
const cdp = await page.context().newCDPSession(page);
if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
await page.addInitScript(() => {
  window.hl = null;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.identifier === 'h') window.hl = e.renderTime || e.loadTime; }).observe({ type: 'element', buffered: true });
  new MutationObserver(() => { const h = document.querySelector('h1.ar-headline'); if (h && !h.getAttribute('elementtiming')) h.setAttribute('elementtiming', 'h'); }).observe(document, { subtree: true, childList: true });
});
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.wasm', 'toplevel', 'blink.user_timing', 'loading'] });
await page.goto(`${server.url}${path}`);
await page.waitForFunction(() => window.hl, null, { timeout: 30000 });
await page.waitForTimeout(300);
const info = await page.evaluate(() => ({ hl: window.hl, res: performance.getEntriesByType('resource').map((e) => `${e.name.split('/').pop().slice(0, 40)} ${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)}`), fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime }));
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close(); await server.close();
const ev = trace.traceEvents;
const navs = ev.filter((e) => e.name === 'navigationStart');
const mains = ev.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const main = mains.find((m) => navs.some((n) => n.pid === m.pid)) ?? mains[0];
console.log('navs', navs.length, 'mains', mains.length);
const onMain = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const t0 = navs.filter((e) => e.pid === main.pid).map((e) => e.ts).sort((a,b)=>b-a)[0] ?? navs.map((e)=>e.ts).sort((a,b)=>b-a)[0];
const at = (e) => (e.ts - t0) / 1000;
const tasks = [];
for (const e of onMain.filter((x) => x.name === 'RunTask' || x.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts)) {
  const last = tasks.at(-1);
  if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
}
console.log(`headline ${info.hl?.toFixed(0)} fcp ${info.fcp?.toFixed(0)}`);
for (const r of info.res) console.log('  res', r);
for (const task of tasks.filter((e) => at(e) >= -5 && at(e) < info.hl + 5 && e.dur >= 1000)) {
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur >= 500 && !/RunTask/.test(e.name));
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  const parts = [...by].sort((a, b) => b[1] - a[1]).slice(0, 7).map(([n, d]) => `${n} ${d.toFixed(1)}`);
  console.log(`  ${at(task).toFixed(0)}: ${(task.dur / 1000).toFixed(1)} ms (thread ${((task.tdur ?? 0) / 1000).toFixed(1)}) [${parts.join(', ')}]`);
}
