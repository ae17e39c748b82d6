// Where a client-side navigation's time goes: loads the seed article in the standalone reader
// in headless Chromium, clicks its related link, and prints, from a performance trace, every
// main-thread task between the click and the frame that showed the new headline, with what ran
// in each (script, style, layout, paint) and when the article's request was sent and answered.
//
//   trunk build --release && node bench/trace-nav.mjs [--rounds 3] [--cpu 1] [--how click|mouse]
//     [dist ...]
//
// `--how click` clicks as the speed harness does (`element.click()` in the page: no pointer
// events); `--how mouse` presses and releases the mouse on the link (pointerdown, mousedown,
// pointerup, mouseup, click), `--hold N` milliseconds apart (default 0). Times are from the
// click's input event (or the press, with `mouse`), in ms.
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { BENCH, SEED, makeSite, takeOption } from './site.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const rounds = Number(option('--rounds', 3));
const rate = Number(option('--cpu', 1));
const how = option('--how', 'click');
const hold = Number(option('--hold', 0));
const tree = args.includes('--tree');
const noFavicon = args.includes('--no-favicon');
if (noFavicon) args.splice(args.indexOf('--no-favicon'), 1);
if (tree) args.splice(args.indexOf('--tree'), 1);
const dists = args.length ? args : [undefined];
const PROBE = readFileSync(join(BENCH, 'instrument.js'), 'utf8');

async function once(dist) {
  const site = makeSite(dist);
  const server = await serve(site.root);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  try {
    await page.goto(`${server.url}/?article=${SEED}`);
    await page.waitForFunction(() => window.__bench?.readyAt !== null, null, { polling: 100 });
    await page.waitForTimeout(300);
    const seed = JSON.parse(readFileSync(join(site.root, SEED), 'utf8'));
    const link = seed.relatedLink[0];
    const nextFile = new URL(link.url, 'http://x').searchParams.get('article');
    const headline = JSON.parse(readFileSync(join(site.root, nextFile), 'utf8')).headline;
    const box = await page.evaluate((text) => {
      const a = [...document.querySelectorAll('.ar-related a')].find((x) => x.textContent === text);
      a.scrollIntoView({ block: 'center' });
      const r = a.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, headline);
    if (noFavicon) await page.route('**/favicon.svg', (route) => route.abort());
    await page.waitForTimeout(200);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.execute', 'blink'] });
    await page.waitForTimeout(100);
    const t0 = await page.evaluate(async ({ text, how }) => {
      window.__bench.watchHeadline(text);
      performance.mark('nav-start');
      if (how === 'click') {
        const a = [...document.querySelectorAll('.ar-related a')].find((x) => x.textContent === text);
        a.click();
      }
      return performance.now();
    }, { text: headline, how });
    if (how === 'mouse') {
      await page.mouse.move(box.x, box.y);
      await page.mouse.down();
      if (hold) await page.waitForTimeout(hold);
      await page.mouse.up();
    }
    await page.waitForFunction(() => window.__bench.headlineAt !== null, null, { polling: 10 });
    const end = await page.evaluate(() => window.__bench.headlineAt - performance.timeOrigin);
    await page.waitForTimeout(200);
    const trace = JSON.parse((await browser.stopTracing()).toString());
    const events = trace.traceEvents;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
      && events.some((x) => x.pid === e.pid && x.name === 'UpdateLayoutTree'));
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
    const mark = onMain.find((e) => e.name === 'nav-start');
    // The performance.now() of the mark against the trace clock.
    const zero = mark.ts;
    const at = (ts) => (ts - zero) / 1000 + t0;
    const tasks = [];
    for (const e of onMain.filter((x) => x.name === 'RunTask' && x.ph === 'X').sort((a, b) => a.ts - b.ts)) {
      const last = tasks.at(-1);
      if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
    }
    const from = how === 'mouse'
      ? (onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerdown' && e.ts >= zero)?.ts ?? zero)
      : zero;
    const rel = (ts) => (ts - from) / 1000;
    const lines = [];
    lines.push(`  end (headline frame done): +${(end - at(from)).toFixed(1)} ms`);
    for (const e of events.filter((x) => x.ts >= from && /^Resource(SendRequest|ReceiveResponse|Finish)$/.test(x.name))) {
      lines.push(`  ${rel(e.ts).toFixed(1).padStart(7)} ${e.name} ${(e.args?.data?.url ?? '').replace(server.url, '')}`);
    }
    for (const task of tasks.filter((t) => t.ts + t.dur >= from && at(t.ts) <= end + 5)) {
      const inside = onMain.filter((e) => e !== task && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur);
      const by = new Map();
      for (const e of inside) {
        if (!['FunctionCall', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'HitTest', 'ParseHTML', 'RunMicrotasks', 'v8.run', 'ScrollLayer', 'UpdateLayer', 'PaintImage', 'ProfileCall', 'BeginMainThreadFrame', 'ProxyMain::BeginMainFrame', 'ThreadProxy::BeginMainFrame', 'ResourceReceivedData'].includes(e.name)) continue;
        by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
      }
      const events2 = inside.filter((e) => ['EventDispatch', 'TimerFire', 'FireAnimationFrame'].includes(e.name)).map((e) => e.args?.data?.type ?? e.name);
      const parts = [...by].filter(([, d]) => d >= 0.2).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n} ${d.toFixed(1)}`);
      if (task.dur < 500) continue;
      lines.push(`  ${rel(task.ts).toFixed(1).padStart(7)} task ${(task.dur / 1000).toFixed(1).padStart(5)} ms (thread ${((task.tdur ?? 0) / 1000).toFixed(1)}) ${events2.length ? `{${[...new Set(events2)].join(',')}} ` : ''}[${parts.join(', ')}]`);
      if (tree && task.dur >= 3000) {
        // The task's events of 0.3 ms and more, nested by time.
        const stack = [];
        for (const e of inside.filter((x) => x.dur >= 300).sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
          while (stack.length && e.ts >= stack.at(-1).ts + stack.at(-1).dur) stack.pop();
          const detail = e.args?.data?.type ?? e.args?.data?.functionName ?? e.args?.data?.url?.replace(server.url, '') ?? '';
          lines.push(`  ${' '.repeat(10 + 2 * stack.length)}${rel(e.ts).toFixed(1)} ${e.name} ${(e.dur / 1000).toFixed(1)} (${((e.tdur ?? 0) / 1000).toFixed(1)}) ${detail}`);
          stack.push(e);
        }
      }
    }
    return { total: end - at(from), lines };
  } finally {
    await browser.close();
    await server.close();
    site.remove();
  }
}

for (let round = 1; round <= rounds; round += 1) {
  for (const dist of dists) {
    const r = await once(dist);
    console.log(`round ${round} ${dist ?? 'dist'} (cpu ${rate}×, ${how}): ${r.total.toFixed(1)} ms`);
    for (const l of r.lines) console.log(l);
  }
}
