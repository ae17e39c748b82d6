// Build against build: the speed harness's "click on the link" figure (scripts/bench.mjs,
// nextArticle), or with `--what load` the standalone reader's "headline painted" (the Element
// Timing of its h1 from navigation start), for two or more builds in the same run, the builds measured
// back to back within each round and in an order rotated from round to round, so that a
// change's effect can be told from a shared machine's drift (which the harness's own ratio to a
// full load, measured build by build, cannot do).
//
//   node bench/nav-ab.mjs [--rounds 15] [--cpu 1,4] [--what click|load] DIST_A DIST_B ...
//
// Each DIST is a release build's folder (a copy of dist/ kept from before a change, say). It
// prints, for each build and CPU rate, the median of the time in ms with the quartiles,
// and the median of the per-round differences to the first build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { BENCH, SEED, makeSite, takeOption } from './site.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const rounds = Number(option('--rounds', 15));
const rates = option('--cpu', '1,4').split(',').map(Number);
const what = option('--what', 'click');
const dists = args;
if (dists.length === 0) throw new Error('name at least one build folder');
const PROBE = readFileSync(join(BENCH, 'instrument.js'), 'utf8');

const sites = dists.map((dist) => makeSite(dist));
const servers = await Promise.all(sites.map((site) => serve(site.root)));
const browser = await launchChromium();
const seed = JSON.parse(readFileSync(join(sites[0].root, SEED), 'utf8'));
const nextFile = new URL(seed.relatedLink[0].url, 'http://x').searchParams.get('article');
const NEXT_HEADLINE = JSON.parse(readFileSync(join(sites[0].root, nextFile), 'utf8')).headline;
const sleep = (ms) => new Promise((ok) => { setTimeout(ok, ms); });

/** One click on the seed's related link, as scripts/bench.mjs measures it; or, with
 * `what` = 'load', the seed's headline painted on a fresh load of the standalone page. */
async function click(url, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  try {
    await page.goto(`${url}/?article=${SEED}`);
    await page.waitForFunction(() => window.__bench?.readyAt !== null, null, { polling: 100 });
    await sleep(300);
    if (what === 'load') {
      return page.evaluate(() => Math.min(...window.__bench.element
        .filter((e) => e.id === 'bench-headline').map((e) => e.renderTime)));
    }
    const started = await page.evaluate((text) => {
      const link = [...document.querySelectorAll('.ar-related a')].find((a) => a.textContent === text);
      window.__bench.watchHeadline(text);
      const t0 = performance.timeOrigin + performance.now();
      link.click();
      return t0;
    }, NEXT_HEADLINE);
    await page.waitForFunction(() => window.__bench.headlineAt !== null, null, { polling: 20 });
    return (await page.evaluate(() => window.__bench.headlineAt)) - started;
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quartiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor((s.length - 1) / 4)], s[Math.ceil((3 * (s.length - 1)) / 4)]];
};

try {
  console.log(`load average at the start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const rate of rates) {
    const times = dists.map(() => []);
    for (let round = 0; round < rounds; round += 1) {
      for (let k = 0; k < dists.length; k += 1) {
        const i = (k + round) % dists.length;
        times[i].push(await click(servers[i].url, rate));
      }
    }
    for (let i = 0; i < dists.length; i += 1) {
      const [q1, q3] = quartiles(times[i]);
      const diff = i === 0 ? '' : `, median difference to ${dists[0]} ${median(times[i].map((t, r) => t - times[0][r])).toFixed(1)} ms`;
      console.log(`cpu ${rate}× ${dists[i]}: ${median(times[i]).toFixed(1)} ms (quartiles ${q1.toFixed(0)}–${q3.toFixed(0)})${diff}`);
    }
  }
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
  for (const site of sites) site.remove();
}
