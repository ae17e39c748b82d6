// Benchmark of linear work on the DOM side (issue 8): mounts each adversarial shape at a size
// n and at 2n in Chromium, as `bodyHtml` and as the equivalent JSON block article, and prints
// the work from `mount()` until the reader is settled and laid out at each size, and the ratio.
// Linear work gives a ratio near 2; quadratic work near 4. The native counterpart, with
// assertions, is tests/linear.rs (allocations of the pure pipeline); this is a benchmark, not a
// test: it reports and does not judge.
//
// The work is measured as the main-thread CPU time of the page's tasks (DevTools' TaskDuration
// in thread time), which other processes on a busy machine barely disturb; wall-clock time is
// printed beside it. Every mount has a fixed cost (the page around the body, the first
// layout); the baseline, a one-paragraph article, measures it, and the net ratio is (time 2n −
// baseline) / (time n − baseline): the ratio of the work the shape itself adds.
//
// Usage: trunk build --release && node scripts/bench-linear.mjs [--reps N] [--only SUBSTRING]
//
// Sizes stay within the largest limits a host may set (`Limits::max` in src/limits.rs), and
// each mount passes those largest limits as its `limits` option, so that where the option
// exists the reader accepts the shapes; a build without it ignores the option. Each timing is
// the median of N runs (default 3), each in a fresh page, so one run's garbage or a cold
// cache does not weigh on the next.
import { execSync } from 'node:child_process';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const REPS = Math.max(1, Number(option('--reps', '3')));
const ONLY = option('--only', '');

/** The largest value of each limit (src/limits.rs, `Limit::max`). */
const MAX_LIMITS = {
  bodyHtmlBytes: 4 * 1024 * 1024,
  htmlElements: 100000,
  blocks: 50000,
  listItems: 50000,
  tableCells: 100000,
  tableRows: 20000,
  tableColumns: 1000,
  runsPerParagraph: 20000,
  addressLength: 65536,
  textLength: 1000000,
};

// Each shape is built in the page (so megabytes need not cross the DevTools protocol) from the
// source of its builder: `(n) => article object`. Names say what doubles.
const SHAPES = [
  {
    name: 'html: long link around n × x<b>y</b> (address 6·n)',
    n: 5000,
    build: (n) => {
      const href = 'https://a.example/?q=' + 'a'.repeat(6 * n);
      return { bodyHtml: `<p><a href="${href}">${'x<b>y</b>'.repeat(n)}</a></p>` };
    },
  },
  {
    // Each image is a figure of its own with its own link: the address is shared by the
    // import and resolved once by the view, and the same string is set on every link.
    name: 'html: long link around n images (address 30·n)',
    n: 1000,
    build: (n) => {
      const href = 'https://a.example/?q=' + 'a'.repeat(30 * n);
      return { bodyHtml: `<a href="${href}">${'<img src="i.png" alt="i">'.repeat(n)}</a>` };
    },
  },
  {
    name: 'html: long link address then <br>s (address 1.6·n, n breaks)',
    n: 20000,
    build: (n) => {
      const href = 'https://a.example/?q=' + 'a'.repeat(Math.floor(1.6 * n));
      return { bodyHtml: `<p><a href="${href}">link${'<br>'.repeat(n)}end</a></p>` };
    },
  },
  {
    name: 'html: one table row of n cells',
    n: 500,
    build: (n) => ({ bodyHtml: `<table><tr>${'<td>c</td>'.repeat(n)}</tr></table>` }),
  },
  {
    name: 'html: list of n empty items',
    n: 25000,
    build: (n) => ({ bodyHtml: `<ul>${'<li></li>'.repeat(n)}<li>last</li></ul>` }),
  },
  {
    name: 'html: n short paragraphs',
    n: 25000,
    build: (n) => ({ bodyHtml: '<p>para</p>'.repeat(n) }),
  },
  {
    // Chromium's own HTML parser takes time quadratic in the depth of unclosed elements (the
    // stack of open elements is searched for each start tag), before the reader sees a node.
    name: 'html: n nested elements',
    n: 10000,
    build: (n) => ({ bodyHtml: '<div>w'.repeat(n) + '</div>'.repeat(n) }),
  },
  {
    name: 'json: paragraph of 2n runs sharing a 256-character address',
    n: 5000,
    build: (n) => {
      const href = 'https://a.example/?q=' + 'a'.repeat(235);
      const content = [];
      for (let i = 0; i < n; i += 1) {
        content.push({ text: 'x', href }, { text: 'y', bold: true, href });
      }
      return { body: [{ type: 'paragraph', content }] };
    },
  },
  {
    name: 'json: link address then n breaks (address 1.6·n)',
    n: 10000,
    build: (n) => {
      const href = 'https://a.example/?q=' + 'a'.repeat(Math.floor(1.6 * n));
      const content = [{ text: 'link', href }];
      for (let i = 0; i < n; i += 1) content.push({ type: 'break' });
      content.push('end');
      return { body: [{ type: 'paragraph', content }] };
    },
  },
  {
    name: 'json: one table row of n cells',
    n: 500,
    build: (n) => ({ body: [{ type: 'table', rows: [Array(n).fill('c')] }] }),
  },
  {
    name: 'json: list of n empty items',
    n: 25000,
    build: (n) => ({ body: [{ type: 'list', items: Array(n).fill('') }] }),
  },
  {
    name: 'json: n short paragraphs',
    n: 25000,
    build: (n) => ({ body: Array.from({ length: n }, () => ({ type: 'paragraph', content: 'para' })) }),
  },
  {
    name: 'json: n blocks as quotes nested 8 deep',
    n: 24000,
    build: (n) => {
      let chain = { type: 'paragraph', content: 'w' };
      for (let i = 0; i < 7; i += 1) chain = { type: 'quote', content: [chain] };
      return { body: Array.from({ length: n / 8 }, () => chain) };
    },
  },
];

/** The fixed cost of a mount. */
const BASELINE = {
  name: 'baseline',
  n: 1,
  build: () => ({ body: [{ type: 'paragraph', content: 'w' }] }),
};

/** Main-thread CPU time of the page's tasks so far, in ms (DevTools' `TaskDuration`, measured
 * in thread time: what the page's thread itself spent, whatever else the machine runs). */
async function taskTime(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN);
}

/** Mounts the shape at size `n` in a fresh page; resolves to { ms, cpu, state, error }. */
async function once(browser, url, shape, n) {
  const page = await browser.newPage();
  try {
    // A blank page of the server's origin (without the CSP header, which would refuse the
    // builder's `new Function`), so that only the measured reader is on it.
    await page.route('**/bench-linear.html', (route) => route.fulfill({
      contentType: 'text/html', body: '<!doctype html><title>bench</title><body></body>',
    }));
    await page.goto(`${url}/bench-linear.html`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // The module and the article object are made before the clock starts.
    await page.evaluate(async ({ source, n }) => {
      const reader = await import('/static/article-reader.js');
      await reader.ready;
      // eslint-disable-next-line no-new-func
      const build = new Function(`return (${source});`)();
      const article = { schemaVersion: 2, headline: 'Linear', ...build(n) };
      const host = document.createElement('div');
      document.body.append(host);
      window.bench = { reader, article, host };
    }, { source: shape.build.toString(), n });
    const before = await taskTime(cdp);
    const run = await page.evaluate(async (limits) => {
      const { reader, article, host } = window.bench;
      const settled = () => {
        const state = host.querySelector('.article-reader')?.getAttribute('data-state');
        return state === 'ready' || state === 'failed' ? state : null;
      };
      const start = performance.now();
      const handle = reader.mount(host, { article, limits });
      const state = settled() ?? await new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const s = settled();
          if (s) { observer.disconnect(); resolve(s); }
        });
        observer.observe(host, { subtree: true, childList: true, attributes: true });
      });
      // Style and layout of what was rendered belong to the work.
      host.getBoundingClientRect();
      const ms = performance.now() - start;
      const error = state === 'failed' ? host.textContent.slice(0, 160) : '';
      window.bench.handle = handle;
      return { ms, state, error };
    }, MAX_LIMITS);
    const cpu = (await taskTime(cdp)) - before;
    return { ...run, cpu };
  } finally {
    await page.close();
  }
}

/** The run with the median main-thread time of REPS runs. */
async function median(browser, url, shape, n) {
  const runs = [];
  for (let i = 0; i < REPS; i += 1) runs.push(await once(browser, url, shape, n));
  runs.sort((a, b) => a.cpu - b.cpu);
  return runs[Math.floor(runs.length / 2)];
}

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  if (execSync('git status --porcelain -- src static index.html Cargo.toml', { encoding: 'utf8' }).trim()) commit += '+';
} catch { /* not a git checkout */ }

const server = await serve('dist');
const browser = await launchChromium();
try {
  console.log(`bench-linear ${new Date().toISOString()} commit ${commit}, ${browser.version()}, median of ${REPS}`);
  const base = await median(browser, server.url, BASELINE, 1);
  console.log(`baseline (one-paragraph article): ${base.cpu.toFixed(1)} ms main-thread CPU, ${base.ms.toFixed(1)} ms wall`);
  console.log('| shape | n | CPU n (ms) | CPU 2n (ms) | ratio | net ratio | wall n (ms) | wall 2n (ms) | wall ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const shape of SHAPES) {
    if (ONLY && !shape.name.includes(ONLY)) continue;
    const a = await median(browser, server.url, shape, shape.n);
    const b = await median(browser, server.url, shape, 2 * shape.n);
    const note = [a, b].some((r) => r.state !== 'ready')
      ? ` (${a.state}/${b.state}${a.error || b.error ? `: ${a.error || b.error}` : ''})` : '';
    const net = a.cpu > base.cpu ? ((b.cpu - base.cpu) / (a.cpu - base.cpu)).toFixed(2) : 'n/a';
    console.log(`| ${shape.name}${note} | ${shape.n} | ${a.cpu.toFixed(1)} | ${b.cpu.toFixed(1)} | ${(b.cpu / a.cpu).toFixed(2)} | ${net} | ${a.ms.toFixed(1)} | ${b.ms.toFixed(1)} | ${(b.ms / a.ms).toFixed(2)} |`);
  }
} finally {
  await browser.close();
  await server.close();
}
