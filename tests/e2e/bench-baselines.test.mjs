// A smoke test of the speed harness's baselines and probe (scripts/bench.mjs, bench/), so that
// they cannot rot silently between runs of the benchmark, which is not part of this suite:
// the vanilla renderer still draws the seed article (its headline and every paragraph and
// heading, from the article JSON itself) and T+ still works there; bench/static-seed.html is
// still what that renderer draws (else `node bench/make-static.mjs` must be run again); the
// probe still times the headline's paint and the settled frame on the static page; and the
// bench host page still mounts the reader with the options it passes for long articles (a
// limit the reader no longer knows, or a value it refuses, would fail the mount).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';
import { BENCH, ROOT, SEED, makeSite, staticPage, vanillaMarkup } from '../../bench/site.mjs';

const seed = JSON.parse(readFileSync(join(ROOT, SEED), 'utf8'));
const PROBE = readFileSync(join(BENCH, 'instrument.js'), 'utf8');

let site;
let server;
let browser;

before(async () => {
  site = makeSite();
  server = await serve(site.root);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

/** A page in a fresh context, with the harness's probe run first in every document. */
async function probedPage() {
  const context = await browser.newContext();
  await context.addInitScript(PROBE);
  return { context, page: await context.newPage() };
}

test('the vanilla renderer draws the seed article, and T+ enlarges its text', async () => {
  const page = await browser.newPage();
  try {
    await vanillaMarkup(page, server.url);
    assert.equal(await page.textContent('h1.ar-headline'), seed.headline);
    const shown = await page.$$eval('.ar-body > *', (nodes) => nodes.map((n) => [n.tagName, n.textContent]));
    const expected = seed.body.map((b) => [b.type === 'heading' ? 'H2' : 'P', b.content]);
    assert.deepEqual(shown, expected);
    await page.click('.ar-bigger');
    assert.equal(await page.getAttribute('.article-reader', 'class'), 'article-reader ar-size-3');
    assert.equal(await page.textContent('.ar-size-status'), '字号 115%');
  } finally {
    await page.context().close();
  }
});

test('bench/static-seed.html is what the vanilla renderer draws (else run node bench/make-static.mjs)', async () => {
  const page = await browser.newPage();
  try {
    const fresh = staticPage(await vanillaMarkup(page, server.url));
    assert.equal(readFileSync(join(BENCH, 'static-seed.html'), 'utf8'), fresh);
  } finally {
    await page.context().close();
  }
});

test('the probe times the headline paint and the settled frame of the static page', async () => {
  const { context, page } = await probedPage();
  try {
    await page.goto(`${server.url}/bench/static-seed.html`);
    await page.waitForFunction(() => window.__bench.readyAt !== null, null, { timeout: 15_000 });
    const headline = await page.waitForFunction(
      () => window.__bench.element.find((e) => e.id === 'bench-headline'), null, { timeout: 15_000 });
    const entry = await headline.jsonValue();
    assert.equal(entry.text, seed.headline);
    assert.ok(entry.renderTime > 0, `renderTime ${entry.renderTime}`);
  } finally {
    await context.close();
  }
});

test('the bench host page mounts the reader with raised limits, which settles ready', async () => {
  const { context, page } = await probedPage();
  try {
    await page.goto(`${server.url}/bench/host.html?src=/${SEED}&n=6000`);
    await page.waitForFunction(() => window.__bench.readyAt !== null, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.__bench.state), 'ready');
    assert.equal(await page.textContent('h1.ar-headline'), seed.headline);
  } finally {
    await context.close();
  }
});
