// The long article's main-thread tasks, traced: loads a generated article of N paragraphs in
// headless Chromium from one or more builds, in interleaved rounds, and prints for each load
// the time from the article's arrival to its first paragraph in the DOM, to `ready`, and the
// longest main-thread task between the article's request and `ready` (from the trace, so tasks
// under 50 ms count too), with the tasks over MIN_MS and what ran in them when asked (-v).
//
// Wall time is what the Long Tasks API counts; thread time leaves out the time other processes
// held the core, which on a loaded machine is most of the difference between runs.
//
//   trunk build --release && node bench/trace-long.mjs [--rounds 3] [--paragraphs 10000]
//     [--min 20] [-v] [--favour] [--press] [dist ...]
//
// --favour runs the browser as tests/e2e/long-article.test.mjs does, at a higher CPU priority
// (favourChildren, KEEP_PRIORITY); --press presses T+ the moment the reader says `rendering`,
// as that test does (PRESS_WHILE_RENDERING).
//
// Each dist folder (default: dist) is served in turn by tests/e2e/server.mjs; pass an older
// build's folder beside dist/ to compare before and after on the same machine at the same time.
import { KEEP_PRIORITY, favourChildren, launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { takeOption } from './site.mjs';
import { PRESS_WHILE_RENDERING, longArticle } from '../tests/e2e/long-article.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => Number(takeOption(args, name, fallback));
const rounds = option('--rounds', 3);
const count = option('--paragraphs', 10_000);
const MIN_MS = option('--min', 20);
const verbose = args.includes('-v');
const favour = args.includes('--favour');
const press = args.includes('--press');
const dists = args.filter((a) => !['-v', '--favour', '--press'].includes(a));
if (dists.length === 0) dists.push('dist');

/** One load of the article from `dist`, traced. */
async function load(dist) {
  const server = await serve(dist);
  const browser = await launchChromium(favour ? KEEP_PRIORITY : []);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const json = longArticle(count);
  await page.route('**/long/article.json', (route) => route.fulfill({ contentType: 'application/json', body: json }));
  await page.route('**/long/host.js', (route) => route.fulfill({
    contentType: 'text/javascript',
    // Mounted once the module is ready, as in tests/e2e/long-article.test.mjs.
    body: `import { ready, mount } from '/static/article-reader.js';
      await ready;
      mount(document.getElementById('r'), { src: '/long/article.json', maxBytes: ${json.length},
        limits: { blocks: ${count}, runs: ${Math.max(50_000, 2 * count)} } });`,
  }));
  await page.route('**/long/index.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <link rel="stylesheet" href="/static/article-reader.css">
      <script type="module" src="/long/host.js"></script></head>
      <body><div id="r"></div></body></html>`,
  }));
  if (press) await page.addInitScript(PRESS_WHILE_RENDERING);
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (!window.firstP && document.querySelector('.ar-body p')) window.firstP = performance.now();
      if (!window.readyAt && document.querySelector('.article-reader')?.dataset.state === 'ready') window.readyAt = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.wasm', 'toplevel'] });
  if (favour) {
    // The renderer of the server's site exists once a page of it is open; raised then, it
    // stays raised for the article's page, which the same process shows.
    await page.route('**/long/blank.html', (route) => route.fulfill({ contentType: 'text/html', body: '' }));
    await page.goto(`${server.url}/long/blank.html`);
    favourChildren();
  }
  await page.goto(`${server.url}/long/index.html`);
  await page.waitForFunction(() => window.readyAt, null, { timeout: 120_000 });
  await page.waitForTimeout(200);
  const info = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/long/article.json'));
    return { start: e.startTime, arrived: e.responseEnd, firstP: window.firstP, readyAt: window.readyAt };
  });
  const trace = JSON.parse((await browser.stopTracing()).toString());
  await browser.close();
  await server.close();
  const events = trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const t0 = events.find((e) => e.name === 'navigationStart' && e.pid === main.pid)?.ts ?? 0;
  const at = (e) => (e.ts - t0) / 1000;
  // Top-level tasks: RunTask events not inside another.
  const tasks = [];
  for (const e of onMain.filter((x) => x.name === 'RunTask').sort((a, b) => a.ts - b.ts)) {
    const last = tasks.at(-1);
    if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
  }
  const window = tasks.filter((e) => at(e) < info.readyAt && at(e) + e.dur / 1000 > info.start);
  const longest = Math.max(0, ...window.map((e) => e.dur / 1000));
  // Thread time: what the task itself ran, without the time other processes held the core.
  const longestCpu = Math.max(0, ...window.map((e) => (e.tdur ?? e.dur) / 1000));
  const lines = [];
  if (verbose) {
    // The tasks over MIN_MS of wall time, and the three longest in thread time.
    const byThread = [...window].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 3);
    const shown = window.filter((e) => e.dur / 1000 >= MIN_MS || byThread.includes(e));
    for (const task of shown) {
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur >= 1000);
      const by = new Map();
      for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
      const parts = [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n} ${d.toFixed(1)}`);
      lines.push(`    task at +${(at(task) - info.arrived).toFixed(0)} ms after arrival: ${(task.dur / 1000).toFixed(1)} ms (thread ${((task.tdur ?? 0) / 1000).toFixed(1)}) [${parts.join(', ')}]`);
    }
  }
  return { ...info, longest, longestCpu, lines };
}

const { loadavg } = await import('node:os');
for (let round = 1; round <= rounds; round += 1) {
  for (const dist of dists) {
    const r = await load(dist);
    console.log(`round ${round} ${dist}: first <p> +${(r.firstP - r.arrived).toFixed(0)} ms after arrival, ready +${(r.readyAt - r.arrived).toFixed(0)}, `
      + `longest task ${r.longest.toFixed(1)} ms (thread time ${r.longestCpu.toFixed(1)}) (load ${loadavg()[0].toFixed(1)})`);
    for (const line of r.lines) console.log(line);
  }
}
