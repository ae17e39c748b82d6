// The speed harness (issue 10): what the reader costs a visitor, side by side with baselines
// measured in the same run, in headless Chromium, unthrottled and with the CPU slowed 4×.
//
//   bash scripts/bench.sh            # release build, then this script (about 10 minutes)
//   node scripts/bench.mjs [--rounds N] [--quick] [--cpu 1,4] [--only nav,cnav,sizes] [--dist DIR]
//
// Pages (all from one loopback server, one origin, the release build's style sheets):
// - reader: the standalone page, /?article=static/articles/seed.json;
// - prerendered: dist/prerendered/seed.html if it exists (`--prerendered FILE` names another),
//   else the column is skipped with a note;
// - static: bench/static-seed.html, the vanilla renderer's markup for the seed article as plain
//   HTML (bench/make-static.mjs);
// - vanilla: bench/vanilla.html, a small renderer of the same JSON with plain DOM calls;
// - host: bench/host.html, the reader mounted with `mount()` and its limits raised, for the
//   generated articles of 1,000, 10,000 and 100,000 paragraphs (written to the served folder).
//
// Method. Each measurement loads its page in a fresh browser context (cold cache, empty
// storage), with the probe bench/instrument.js run first in every document. Rounds are
// interleaved: each round measures every page once, in an order rotated from round to round,
// and each figure is reported as the median over rounds of the ratio of a page to its baseline
// in the same round, with the smallest and largest of those ratios: the machine's drift (other
// processes on shared cores) moves a page and its baseline together. Times are from the
// navigation's start (performance.timeOrigin):
// - headline painted: the Element Timing entry of the first `h1.ar-headline` (the browser's
//   own paint time of its text); LCP: the last Largest Contentful Paint entry;
// - fully rendered: the frame after the reader's root first reads `data-state="ready"` has been
//   drawn (a requestAnimationFrame callback sees it, a message posted from it times it);
// - first screen: the Element Timing entry of the body's first paragraph; "after the article"
//   subtracts the end of the article's response (Resource Timing);
// - longest task: the longest Long Tasks API entry until fully rendered ("<50" when none: the
//   API only reports tasks of 50 ms and over);
// - client-side navigation: from a click on the related-article link (or, for the full load,
//   from `location.assign` of the same address) until the frame that shows the new headline
//   has been drawn, in epoch milliseconds across documents; it works whether the click loads
//   a new document or the reader swaps the article in place; "after the pointer rested on
//   it" hovers the link with the mouse for REST_MS first, as a desktop reader does, and times
//   the click that follows (the reader has prefetched the page by then);
// - T+: an in-page click on the T+ button until the frame that shows the body's new size
//   class has been drawn; script work: the change in DevTools' ScriptDuration (thread time)
//   over the same span;
// - memory, after the article is fully rendered and a forced garbage collection: the JS heap
//   in use and Blink's own heap, where the DOM and its layout live (Runtime.getHeapUsage:
//   usedSize and embedderHeapUsedSize; the nodes' text is in neither, and is the same on both
//   pages), the reader's WebAssembly memory (the instance's memory.buffer.byteLength, reached
//   through the bindgen module dist/article-reader.js, whose init function returns the live
//   instance's exports), and the DOM node count (Memory.getDOMCounters).
// It is a benchmark, not a test: it fails only if a page cannot be measured at all.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { BENCH, ROOT, SEED, makeSite } from '../bench/site.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const QUICK = args.includes('--quick');
const ROUNDS = Math.max(1, Number(option('--rounds', QUICK ? '3' : '7')));
const CPU = option('--cpu', '1,4').split(',').map(Number).filter((n) => n >= 1);
const ONLY = option('--only', 'nav,cnav,sizes').split(',');
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
/** Rounds of the 100,000-paragraph article (unthrottled only: the vanilla page alone takes
 * 10 to 25 s to lay it out on two busy cores, several times that at 4×). */
const BIG_ROUNDS = Math.min(ROUNDS, Math.max(1, Number(option('--big-rounds', '3'))));
const PRERENDERED = option('--prerendered', join(ROOT, 'dist', 'prerendered', 'seed.html'));
const VERBOSE = args.includes('--verbose');
/** The build served (default dist/): `--dist DIR` measures another, say a copy of dist/ kept
 * from before a change, so that two builds can be measured one after the other. */
const DIST = option('--dist', join(ROOT, 'dist'));

const PROBE = readFileSync(join(BENCH, 'instrument.js'), 'utf8');
const seedJson = JSON.parse(readFileSync(join(ROOT, SEED), 'utf8'));
/** The related article the client-side navigation goes to: the seed's first related link. */
const NEXT = seedJson.relatedLink[0];
const NEXT_HEADLINE = JSON.parse(readFileSync(join(ROOT, new URL(NEXT.url, 'http://x').searchParams.get('article')), 'utf8')).headline;
/** How long the pointer rests on the related link before the "rested" click: people rest on a
 * link for 200 to 300 ms before clicking it. */
const REST_MS = 250;

// ---------------------------------------------------------------------------------------------
// Generated articles.

const WORDS = ('reader article paragraph session council river morning report policy village '
  + 'market harvest school teacher bridge station winter summer network archive editor page '
  + 'history region province museum library hospital highway railway festival theatre island '
  + 'mountain valley forest garden harbour factory workshop journal letter budget election '
  + 'court minister debate figure survey sample measure rainfall drought flood energy solar '
  + 'wind coal water language culture music film').split(' ');

/** An English article of `n` paragraphs of 24–40 words each (about 200 characters), the same
 * text on every run (a fixed linear congruential sequence picks the words). */
function generated(n) {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const body = [];
  for (let i = 0; i < n; i += 1) {
    const count = 24 + (next() % 17);
    const words = [];
    for (let w = 0; w < count; w += 1) words.push(WORDS[next() % WORDS.length]);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    body.push({ type: 'paragraph', content: `${i + 1}. ${words.join(' ')}.` });
  }
  return {
    schemaVersion: 1,
    headline: `A generated article of ${n.toLocaleString('en')} paragraphs`,
    datePublished: '2026-11-26T10:00:00+08:00',
    inLanguage: 'en',
    sourceOrganization: { name: 'Speed harness' },
    body,
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const finite = (xs) => xs.filter((x) => Number.isFinite(x));
const ms = (xs) => {
  const f = finite(xs);
  return f.length ? `${median(f).toFixed(0)}` : 'n/a';
};
/** Per-round ratios a[i] / b[i] of the rounds where both were measured. */
const ratios = (a, b) => a.map((x, i) => x / b[i]).filter((r) => Number.isFinite(r) && r > 0);
/** "1.42× (1.31–1.60)": the median ratio and the smallest and largest. */
const ratio = (a, b) => {
  const r = ratios(a, b);
  if (!r.length) return 'n/a';
  const lo = Math.min(...r);
  const hi = Math.max(...r);
  const d = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  return r.length > 1 ? `${d(median(r))}× (${d(lo)}–${d(hi)})` : `${d(r[0])}×`;
};
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

// ---------------------------------------------------------------------------------------------
// The browser side.

const sleep = (msecs) => new Promise((ok) => { setTimeout(ok, msecs); });

/** A fresh context (cold cache, empty storage) with the probe and CPU slowed `rate` times. */
async function fresh(browser, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, cdp };
}

/** Waits until the probe has timed the frame after the reader's root settled. */
async function settled(page, timeout) {
  await page.waitForFunction(() => window.__bench?.readyAt !== null, null, { polling: 100, timeout });
  // Long Tasks and paint entries are delivered a little after the frame they describe.
  await sleep(300);
  return page.evaluate(() => {
    const b = window.__bench;
    const first = (id) => Math.min(...b.element.filter((e) => e.id === id).map((e) => e.renderTime));
    const tasks = b.longtasks.filter((t) => t.start < b.readyAt).map((t) => t.duration);
    return {
      state: b.state,
      headline: first('bench-headline'),
      paragraph: first('bench-first-paragraph'),
      lcp: b.lcp.length ? b.lcp[b.lcp.length - 1].time : NaN,
      ready: b.readyAt,
      longest: tasks.length ? Math.max(...tasks) : 0,
      error: b.state === 'failed'
        ? (document.querySelector('.ar-error-detail') ?? document.querySelector('.article-reader'))?.textContent.slice(0, 300)
        : '',
    };
  });
}

/** Navigation to `path`: headline painted, LCP, fully rendered. */
async function navigation(browser, url, rate, path) {
  const { context, page } = await fresh(browser, rate);
  try {
    await page.goto(`${url}${path}`);
    return await settled(page, 60_000);
  } finally {
    await context.close();
  }
}

/** The seed article in the reader, then its related article, by a click on the related link
 * (`how` = 'click') or by a full load of the same address ('load'). */
async function nextArticle(browser, url, rate, how) {
  const { context, page } = await fresh(browser, rate);
  try {
    await page.goto(`${url}/?article=${SEED}`);
    await settled(page, 60_000);
    if (how === 'rest') {
      // A desktop reader's pointer rests on a link before the click: 200 to 300 ms, during
      // which the reader prefetches the page (after 65 ms, see components/navigation.rs). The
      // rest is part of what is measured against, not a wait for the page.
      await page.locator('.ar-related a', { hasText: NEXT_HEADLINE }).hover();
      await sleep(REST_MS);
    }
    const started = await page.evaluate(({ text, how }) => {
      const link = [...document.querySelectorAll('.ar-related a')].find((a) => a.textContent === text);
      if (!link) throw new Error(`no related link reads ${text}`);
      window.sessionStorage.setItem('benchHeadline', text);
      window.__bench.watchHeadline(text);
      const t0 = performance.timeOrigin + performance.now();
      if (how === 'click' || how === 'rest') link.click();
      else window.location.assign(link.href);
      return t0;
    }, { text: NEXT_HEADLINE, how });
    const deadline = Date.now() + 60_000;
    for (;;) {
      // The page may be between documents: an evaluation that meets none is tried again.
      const at = await page.evaluate(() => window.__bench?.headlineAt ?? null).catch(() => null);
      if (at !== null) return { ms: at - started };
      if (Date.now() > deadline) throw new Error(`${how}: the related article's headline never showed`);
      await sleep(50);
    }
  } finally {
    await context.close();
  }
}

/** A generated article of `n` paragraphs in the reader (`who` = 'reader') or the vanilla
 * renderer: first screen, fully rendered, longest task; then memory and T+. */
async function sized(browser, url, rate, who, n) {
  const { context, page, cdp } = await fresh(browser, rate);
  try {
    const json = `/gen/p${n}.json`;
    await page.goto(who === 'reader'
      ? `${url}/bench/host.html?src=${json}&n=${n}`
      : `${url}/bench/vanilla.html?article=${json.slice(1)}`);
    const r = await settled(page, 300_000);
    r.arrived = await page.evaluate((name) => performance.getEntriesByType('resource')
      .find((e) => e.name.endsWith(name))?.responseEnd ?? NaN, json);
    // Memory and T+ are figures of the 10,000-paragraph article; T+ is also measured at 1,000,
    // for how its script work grows with the article.
    if (r.state !== 'ready' || n > 10_000) return r;

    await sleep(200);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    r.heap = heap.usedSize;
    r.dom = heap.embedderHeapUsedSize ?? NaN;
    r.nodes = (await cdp.send('Memory.getDOMCounters')).nodes;
    r.wasm = who === 'reader'
      ? await page.evaluate(async () => (await (await import('/article-reader.js')).default()).memory.buffer.byteLength)
      : 0;

    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const script = async () => (await cdp.send('Performance.getMetrics')).metrics
      .find((m) => m.name === 'ScriptDuration').value * 1000;
    const before = await script();
    r.tplus = await page.evaluate(async () => {
      // The size class is on the reader's root (both the reader's and the vanilla page's): T+
      // has been drawn in the first frame where it changed. A page where it never changes is
      // a failed measurement, not a hang.
      const root = document.querySelector('.article-reader');
      const was = root.className;
      const frame = () => new Promise((ok) => { requestAnimationFrame(ok); });
      const t0 = performance.now();
      document.querySelector('.ar-bigger').click();
      let frames = 0;
      do {
        await frame();
        frames += 1;
        if (frames > 600) throw new Error('T+ changed no size class on the reader root in 600 frames');
      } while (root.className === was);
      await new Promise((ok) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = ok;
        channel.port2.postMessage(0);
      });
      return performance.now() - t0;
    });
    r.script = (await script()) - before;
    return r;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The run.

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'static', 'index.html',
    'Cargo.toml', 'Cargo.lock', 'Trunk.toml', 'bench', 'scripts/bench.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (dirty.trim()) commit += '+';
  if (DIST !== join(ROOT, 'dist')) commit += ` (serving ${DIST})`;
} catch { /* not a checkout */ }

const site = makeSite(DIST);
const hasPrerendered = existsSync(PRERENDERED);
if (hasPrerendered) {
  mkdirSync(join(site.root, 'prerendered'), { recursive: true });
  writeFileSync(join(site.root, 'prerendered', 'seed.html'), readFileSync(PRERENDERED));
}
const bytes = {};
mkdirSync(join(site.root, 'gen'));
for (const n of SIZES) {
  const text = JSON.stringify(generated(n));
  bytes[n] = Buffer.byteLength(text);
  writeFileSync(join(site.root, 'gen', `p${n}.json`), text);
}

const server = await serve(site.root);
const browser = await launchChromium();
const url = server.url;
const version = browser.version();

/** The pages and cases each round measures: name, run(rate), and optionally `rates` and
 * `rounds` (a case that takes long is measured in fewer rounds and only unthrottled), in
 * groups of the pages compared with each other, which each round measures back to back. */
const tasks = [];
const groups = [];
const group = () => groups.push([]);
const task = (name, run, only = {}) => {
  const t = { name, run, ...only };
  tasks.push(t);
  groups[groups.length - 1].push(t);
};
if (ONLY.includes('nav')) {
  group();
  task('nav reader', (rate) => navigation(browser, url, rate, `/?article=${SEED}`));
  if (hasPrerendered) task('nav prerendered', (rate) => navigation(browser, url, rate, `/prerendered/seed.html?article=${SEED}`));
  task('nav static', (rate) => navigation(browser, url, rate, '/bench/static-seed.html'));
  task('nav vanilla', (rate) => navigation(browser, url, rate, `/bench/vanilla.html?article=${SEED}`));
}
if (ONLY.includes('cnav')) {
  group();
  task('cnav click', (rate) => nextArticle(browser, url, rate, 'click'));
  task('cnav rest', (rate) => nextArticle(browser, url, rate, 'rest'));
  task('cnav load', (rate) => nextArticle(browser, url, rate, 'load'));
}
if (ONLY.includes('sizes')) {
  for (const n of SIZES) {
    const only = n > 10_000 ? { rates: [1], rounds: BIG_ROUNDS } : {};
    group();
    for (const who of ['reader', 'vanilla']) task(`${who} ${n}`, (rate) => sized(browser, url, rate, who, n), only);
  }
}

/** results[rate][task] = one result per round (undefined where not measured). */
const results = {};
const startedAt = Date.now();
try {
  for (const rate of CPU) {
    results[rate] = Object.fromEntries(tasks.map(({ name }) => [name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      // Both the groups and the pages within each are rotated from round to round, so that no
      // page is always measured first (on a cold machine) or right after a heavy one.
      const rotate = (xs) => xs.map((_, i) => xs[(i + round) % xs.length]);
      const order = rotate(groups).flatMap(rotate);
      for (const { name, run, rates, rounds } of order) {
        if ((rates && !rates.includes(rate)) || (rounds !== undefined && round >= rounds)) continue;
        // An article refused by a limit is refused the same way every round: once is enough.
        const earlier = results[rate][name].find((x) => x);
        if (earlier?.state === 'failed') continue;
        const r = await run(rate);
        results[rate][name][round] = r;
        if (VERBOSE) console.error(`cpu ${rate}× round ${round + 1} ${name}: ${JSON.stringify(r)}`);
      }
      console.error(`cpu ${rate}×: round ${round + 1}/${ROUNDS} done, ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    }
  }
} finally {
  await browser.close();
  await server.close();
  site.remove();
}

// ---------------------------------------------------------------------------------------------
// The table.

const col = (rate, name, key) => Array.from({ length: ROUNDS }, (_, i) => results[rate]?.[name]?.[i]?.[key] ?? NaN);
const out = [];
const line = (s = '') => out.push(s);
const cpuName = (rate) => (rate === 1 ? 'unthrottled' : `CPU ${rate}× slower`);

line(`Speed measured ${new Date().toISOString().slice(0, 10)} at commit ${commit} (scripts/bench.sh): `
  + `headless Chromium ${version}, release build, loopback server, ${ROUNDS} interleaved rounds, `
  + `${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end, `
  + `${((Date.now() - startedAt) / 60000).toFixed(1)} min.`);
line('Times are medians in ms; ratios are the median of per-round ratios to the baseline, with the smallest and largest in brackets.');
line();

if (ONLY.includes('nav')) {
  line('**Navigation to the seed article** (from navigation start):');
  line();
  line('| page | CPU | headline painted | × static HTML | × vanilla JS | LCP | × static HTML | × vanilla JS |');
  line('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const rate of CPU) {
    const pages = [['reader', 'nav reader'], ['prerendered', 'nav prerendered'], ['static HTML', 'nav static'], ['vanilla JS', 'nav vanilla']];
    for (const [label, name] of pages) {
      if (!results[rate][name]) {
        line(`| ${label} | ${cpuName(rate)} | not measured: no ${PRERENDERED.replace(`${ROOT}/`, '')} (the prerender command writes it) | | | | | |`);
        continue;
      }
      const h = col(rate, name, 'headline');
      const l = col(rate, name, 'lcp');
      line(`| ${label} | ${cpuName(rate)} | ${ms(h)} | ${ratio(h, col(rate, 'nav static', 'headline'))} | `
        + `${ratio(h, col(rate, 'nav vanilla', 'headline'))} | ${ms(l)} | ${ratio(l, col(rate, 'nav static', 'lcp'))} | `
        + `${ratio(l, col(rate, 'nav vanilla', 'lcp'))} |`);
    }
  }
  line();
}

if (ONLY.includes('cnav')) {
  line(`**Next article** (the seed's related link to “${NEXT_HEADLINE}”, until its headline is drawn):`);
  line();
  line(`| CPU | click on the link | full page load | click × full load | click after the pointer rested on it ${REST_MS} ms | × full load |`);
  line('|---|---:|---:|---:|---:|---:|');
  for (const rate of CPU) {
    const c = col(rate, 'cnav click', 'ms');
    const r = col(rate, 'cnav rest', 'ms');
    const f = col(rate, 'cnav load', 'ms');
    line(`| ${cpuName(rate)} | ${ms(c)} | ${ms(f)} | ${ratio(c, f)} | ${ms(r)} | ${ratio(r, f)} |`);
  }
  line();
}

if (ONLY.includes('sizes')) {
  line(`**Long articles** (generated; ${SIZES.map((n) => `${n.toLocaleString('en')} paragraphs ${mib(bytes[n])}`).join(', ')} of JSON; `
    + `reader: bench/host.html, limits raised with \`mount()\`${SIZES.some((n) => n > 10_000) ? `; over 10,000 paragraphs unthrottled only, ${BIG_ROUNDS} rounds` : ''}):`);
  line();
  line('| paragraphs | CPU | page | first screen | after the article arrived | fully rendered | longest task | first screen × vanilla | fully rendered × vanilla | longest task × vanilla |');
  line('|---:|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const refused = {};
  for (const n of SIZES) {
    for (const rate of CPU) {
      for (const who of ['reader', 'vanilla']) {
        const name = `${who} ${n}`;
        // The largest article is measured unthrottled only (its heading says so).
        if (!results[rate][name].some((r) => r)) continue;
        const failed = results[rate][name].find((r) => r?.state === 'failed');
        if (failed) {
          refused[name] = failed.error;
          line(`| ${n.toLocaleString('en')} | ${cpuName(rate)} | ${who} | refused by a limit (see below) | | | | | | |`);
          continue;
        }
        const p = col(rate, name, 'paragraph');
        const a = p.map((x, i) => x - col(rate, name, 'arrived')[i]);
        const d = col(rate, name, 'ready');
        const t = col(rate, name, 'longest');
        const task = finite(t).length && median(finite(t)) > 0 ? ms(t) : '<50';
        const versus = (key) => (who === 'vanilla' ? '' : ratio(col(rate, name, key), col(rate, `vanilla ${n}`, key)));
        const taskRatio = who === 'vanilla' ? ''
          : ratio(t.map((x) => Math.max(x, 50)), col(rate, `vanilla ${n}`, 'longest').map((x) => Math.max(x, 50)));
        line(`| ${n.toLocaleString('en')} | ${cpuName(rate)} | ${who} | ${ms(p)} | ${ms(a)} | ${ms(d)} | ${task} | `
          + `${versus('paragraph')} | ${versus('ready')} | ${taskRatio} |`);
      }
    }
  }
  line();
  line('Longest-task ratios count a page with no task of 50 ms or more as 50 ms. How the time to fully rendered grows: '
    + 'the ratio between sizes (10× the paragraphs), and the time each further 1,000 paragraphs added '
    + '(the same figure at every step is cost linear in size):');
  line();
  const steps = SIZES.slice(1).map((n, i) => [SIZES[i], n]);
  const k = (n) => `${n / 1000}k`;
  line(`| page | CPU | ${steps.map(([a, b]) => `${k(b)} / ${k(a)}`).join(' | ')} | ${steps.map(([a, b]) => `ms per 1k, ${k(a)}→${k(b)}`).join(' | ')} |`);
  line(`|---|---|${steps.map(() => '---:|---:').join('|')}|`);
  for (const rate of CPU) {
    for (const who of ['reader', 'vanilla']) {
      const cells = [];
      const per = [];
      for (const [small, big] of steps) {
        const a = `${who} ${small}`;
        const b = `${who} ${big}`;
        if (refused[a] || refused[b]) {
          cells.push('refused');
          per.push('refused');
        } else if (!results[rate][b].some((r) => r)) {
          cells.push('not measured');
          per.push('not measured');
        } else {
          const ta = col(rate, a, 'ready');
          const tb = col(rate, b, 'ready');
          cells.push(ratio(tb, ta));
          per.push(ms(tb.map((x, i) => ((x - ta[i]) * 1000) / (big - small))));
        }
      }
      line(`| ${who} | ${cpuName(rate)} | ${cells.join(' | ')} | ${per.join(' | ')} |`);
    }
  }
  line();
  for (const [name, error] of Object.entries(refused)) {
    const [who, n] = name.split(' ');
    line(`Refused by a limit: the ${Number(n).toLocaleString('en')}-paragraph article in the ${who}: “${error.trim()}”.`);
  }
  if (Object.keys(refused).length) line();

  const n = 10_000;
  if (SIZES.includes(n)) {
    line(`**T+ on the ${n.toLocaleString('en')}-paragraph article** (click until the frame with the new size is drawn; script work in thread time):`);
    line();
    line('| CPU | page | click → next paint | × vanilla | script work | × vanilla | script work, 10k / 1k article |');
    line('|---|---|---:|---:|---:|---:|---:|');
    for (const rate of CPU) {
      for (const who of ['reader', 'vanilla']) {
        const name = `${who} ${n}`;
        const v = `vanilla ${n}`;
        const small = SIZES.includes(1000) ? ratio(col(rate, name, 'script'), col(rate, `${who} 1000`, 'script')) : 'n/a';
        const s = col(rate, name, 'script');
        line(`| ${cpuName(rate)} | ${who} | ${ms(col(rate, name, 'tplus'))} | ${who === 'vanilla' ? '' : ratio(col(rate, name, 'tplus'), col(rate, v, 'tplus'))} | `
          + `${finite(s).length ? median(finite(s)).toFixed(1) : 'n/a'} | ${who === 'vanilla' ? '' : ratio(s, col(rate, v, 'script'))} | ${small} |`);
      }
    }
    line();
    line(`**Memory after the ${n.toLocaleString('en')}-paragraph article** (${mib(bytes[n])} of JSON; after a forced garbage collection; ${cpuName(CPU[0])}):`);
    line();
    line('| page | JS heap | DOM (Blink heap) | Wasm memory | total | × vanilla | Wasm ÷ JSON size | DOM nodes | × vanilla |');
    line('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const rate = CPU[0];
    const total = (who) => {
      const at = (key) => col(rate, `${who} ${n}`, key);
      return at('heap').map((h, i) => h + at('dom')[i] + at('wasm')[i]);
    };
    for (const who of ['reader', 'vanilla']) {
      const name = `${who} ${n}`;
      const med = (key) => median(finite(col(rate, name, key)));
      line(`| ${who} | ${mib(med('heap'))} | ${mib(med('dom'))} | ${mib(med('wasm'))} | ${mib(median(finite(total(who))))} | `
        + `${who === 'vanilla' ? '' : ratio(total(who), total('vanilla'))} | ${(med('wasm') / bytes[n]).toFixed(1)} | ${med('nodes').toFixed(0)} | `
        + `${who === 'vanilla' ? '' : ratio(col(rate, name, 'nodes'), col(rate, `vanilla ${n}`, 'nodes'))} |`);
    }
    line();
  }
}
console.log(out.join('\n'));
