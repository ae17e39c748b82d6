// A long article's timeline, measured (issue 10, item 3): for articles of 1,000, 10,000 and
// 50,000 paragraphs (50,000 blocks is the most `limits.blocks` allows), how soon the first
// screen is painted after the article's response has arrived, the longest main-thread task
// while it loads and renders, when every block is on the page, and the script work of one T+.
//
//   trunk build --release && node scripts/chunks.mjs [paragraphs ...]
//
// DIST names another build to measure (default dist/), e.g. one of an older commit.
//
// It serves dist/ (the release build) with tests/e2e/server.mjs and, in headless Chromium
// (tests/e2e/chromium.mjs), mounts one reader per case on a blank page of that server, fetching
// the generated article (served from memory) with the limits raised to fit it. Measures:
// - response: the article's `responseEnd` (Resource Timing), the origin of the other times;
// - first screen: the first animation frame whose DOM holds the first body paragraph (the
//   frame that paints it), and the last largest-contentful-paint candidate's render time;
// - longest task: the longest `longtask` entry (Long Tasks API, buffered) from mount() to
//   data-state `ready` ("none" means none over 50 ms), with each long task's start;
// - ready: data-state `ready`, every block on the page;
// - T+ script: Chromium's own `ScriptDuration` (CDP Performance.getMetrics) around one click
//   of T+ made in the page, once the article is ready, and the body elements that click
//   touched (a MutationObserver on `.ar-body`'s subtree, attributes of `.ar-body` itself
//   excluded).
// Each case runs RUNS times (default 3) in a fresh page; the median run of each figure is
// printed with the others' in brackets. It is a benchmark, not a test.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';

/** An article of `count` paragraphs, each a sentence of plain text and a bold one. */
function article(count) {
  const body = [];
  for (let i = 0; i < count; i += 1) {
    body.push({
      type: 'paragraph',
      content: [
        { text: `Paragraph ${i + 1}: a sentence of ordinary length for a long article, ` },
        { text: 'and a few bold words after it.', bold: true },
      ],
    });
  }
  return {
    schemaVersion: 1, headline: `An article of ${count} paragraphs`, inLanguage: 'en',
    datePublished: '2026-11-25T10:00:00+08:00', body,
  };
}

async function measure(browser, server, count, json) {
  const page = await browser.newPage();
  await page.route('**/bench.html', (route) => route.fulfill({
    contentType: 'text/html', body: '<!doctype html><html><head><link rel="stylesheet" href="/static/article-reader.css">'
      + '</head><body><div id="r"></div></body></html>',
  }));
  await page.route('**/gen/long.json', (route) => route.fulfill({
    contentType: 'application/json', body: json,
  }));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${server.url}/bench.html`);
  await page.evaluate(async () => {
    const { ready } = await import('/static/article-reader.js');
    await ready;
  });
  const load = await page.evaluate(async (n) => {
    const { mount } = await import('/static/article-reader.js');
    const tasks = [];
    const longtasks = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    });
    longtasks.observe({ type: 'longtask' });
    let lcp = 0;
    const lcps = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) lcp = e.renderTime || e.startTime;
    });
    lcps.observe({ type: 'largest-contentful-paint', buffered: true });
    const root = document.getElementById('r');
    let firstFrame = 0;
    const frame = (t) => {
      if (root.querySelector('.ar-body p')) firstFrame = t;
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const started = performance.now();
    window.benchHandle = mount(root, {
      src: '/gen/long.json', maxBytes: 1 << 30, limits: { blocks: n, runs: Math.max(50_000, 2 * n) },
    });
    const state = await new Promise((ok) => {
      const check = () => {
        const s = root.querySelector('.article-reader')?.dataset.state;
        if (s === 'ready' || s === 'failed') ok(s);
        else setTimeout(check, 2);
      };
      check();
    });
    const readyAt = performance.now();
    await new Promise((ok) => setTimeout(ok, 200));
    longtasks.disconnect();
    lcps.disconnect();
    const response = performance.getEntriesByName(new URL('/gen/long.json', location.href).href)[0];
    const origin = response ? response.responseEnd : started;
    const during = tasks.filter((t) => t.start >= started && t.start < readyAt);
    return {
      state,
      error: root.querySelector('.ar-error')?.textContent ?? '',
      paragraphs: root.querySelectorAll('.ar-body p').length,
      fetchMs: origin - started,
      firstFrameMs: firstFrame - origin,
      lcpMs: lcp - origin,
      readyMs: readyAt - origin,
      longest: Math.max(0, ...during.map((t) => t.duration)),
      tasks: during.map((t) => `${(t.start - origin).toFixed(0)}+${t.duration.toFixed(0)}`),
    };
  }, count);
  // One T+, clicked in the page, with the metrics read just before and after.
  await page.evaluate(() => {
    const body = document.querySelector('.ar-body');
    window.benchMutations = [];
    window.benchObserver = new MutationObserver((records) => {
      for (const r of records) {
        if (!(r.type === 'attributes' && r.target === body)) window.benchMutations.push(r.type);
      }
    });
    window.benchObserver.observe(body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const before = await metric();
  const click = await page.evaluate(async () => {
    const status = document.querySelector('.ar-size-status');
    const was = status.textContent;
    const t0 = performance.now();
    document.querySelector('.ar-bigger').click();
    // Yew renders in a microtask after the click's handler; a message arrives after those.
    await new Promise((ok) => {
      const c = new MessageChannel();
      c.port1.onmessage = ok;
      c.port2.postMessage(0);
    });
    const t1 = performance.now();
    return { inPageMs: t1 - t0, changed: status.textContent !== was };
  });
  const after = await metric();
  const mutations = await page.evaluate(() => {
    window.benchObserver.disconnect();
    return window.benchMutations.length;
  });
  await page.close();
  return {
    ...load,
    clickScriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
    clickInPageMs: click.inPageMs,
    clickChanged: click.changed,
    clickMutations: mutations,
  };
}

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const cases = counts.length ? counts : [1_000, 10_000, 50_000];
const RUNS = Number(process.env.RUNS ?? 3);
const server = await serve(process.env.DIST ?? 'dist', { headers: {} });
const browser = await launchChromium();
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
} catch { /* not a checkout */ }
console.log(`date: ${new Date().toISOString()}; commit: ${commit}; Chromium ${browser.version()}; `
  + `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fig = (runs, key, digits = 0) => {
  const values = runs.map((r) => r[key]);
  const m = median(values);
  const rest = values.filter((v, i) => i !== values.indexOf(m)).map((v) => v.toFixed(digits));
  return `${m.toFixed(digits)}${rest.length ? ` [${rest.join(', ')}]` : ''}`;
};
let failures = 0;
try {
  for (const count of cases) {
    const json = JSON.stringify(article(count));
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await measure(browser, server, count, json));
    const bad = runs.find((r) => r.state !== 'ready' || r.paragraphs !== count || !r.clickChanged);
    if (bad) {
      failures += 1;
      console.log(`${count} paragraphs: ${bad.state}, ${bad.paragraphs} on the page, T+ changed: ${bad.clickChanged} ${bad.error}`);
      continue;
    }
    console.log(`${count} paragraphs (${(json.length / 1e6).toFixed(1)} MB), ms after the response:`
      + ` first screen frame ${fig(runs, 'firstFrameMs')}; LCP ${fig(runs, 'lcpMs')};`
      + ` ready ${fig(runs, 'readyMs')}; longest task ${fig(runs, 'longest')};`
      + ` T+ ScriptDuration ${fig(runs, 'clickScriptMs', 1)} (in page ${fig(runs, 'clickInPageMs', 1)}),`
      + ` body mutations ${fig(runs, 'clickMutations')}`);
    console.log(`  long tasks of the median-ready run (start+duration ms after the response): `
      + `${runs.sort((a, b) => a.readyMs - b.readyMs)[Math.floor(runs.length / 2)].tasks.join(' ') || 'none'}`);
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failures ? 1 : 0);
