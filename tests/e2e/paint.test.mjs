// The standalone page before the WebAssembly arrives (issue 10, item 1): its loading state is
// painted from HTML and CSS alone, before any script runs, and the article is requested while
// the module is still downloading, not after; the reader then uses that very response (one
// request for the article), or aborts it when it shows another address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

let server;
let browser;

const SEED = JSON.parse(readFileSync('static/articles/seed.json', 'utf8')).headline;

before(async () => {
  server = await serve('dist');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the loading state is painted with no script at all', async () => {
  // JavaScript off: what is painted is HTML and CSS alone.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  const loading = page.locator('#app .ar-loading');
  assert.ok(await loading.isVisible(), 'the loading state is visible');
  assert.equal((await loading.textContent()).trim(), '正在加载文章…');
  // Styled by the reader's style sheet (its panel background), not bare text.
  const background = await loading.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(background, 'rgba(0, 0, 0, 0)');
  await context.close();
});

test('with scripts held back, the page is painted before any of them runs', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const held = [];
  // All but static/early.js, the one classic script in <head>, which must run before the
  // first paint (it puts the stored theme on <html>; tests/e2e/themes.test.mjs) and so blocks it.
  await page.route((url) => url.pathname.endsWith('.js') && !url.pathname.endsWith('/early.js'),
    (route) => { held.push(route); });
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await page.locator('#app .ar-loading').waitFor();
  // A first paint happened (its timing entry exists) while no script has run.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
  assert.equal(await page.evaluate(() => document.querySelector('.ar-headline')), null);
  assert.ok(held.length >= 1, 'the scripts were held');
  await context.close();
});

test('the article is requested while the WebAssembly module downloads, and used once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const times = {};
  const articleRequests = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/static/articles/seed.json')) {
      articleRequests.push(r);
      times.article ??= Date.now();
    }
  });
  // The module takes 1.5 s to arrive, as on a slow connection.
  await page.route(/\.wasm$/, async (route) => {
    await new Promise((ok) => setTimeout(ok, 1500));
    times.wasmSent = Date.now();
    await route.continue();
  });
  await page.goto(`${server.url}/`);
  await page.waitForFunction((text) => document.querySelector('.article-reader')?.dataset.state === 'ready'
    && document.querySelector('h1')?.textContent === text, SEED);
  assert.ok(times.article < times.wasmSent,
    `the article was requested ${times.wasmSent - times.article} ms before the module was sent`);
  assert.equal(articleRequests.length, 1, 'the reader used the request the page started');
  await context.close();
});

test('the article is requested before the style sheets and the page module arrive', async () => {
  // The request starts in the head's first script (static/early.js), not in the module script,
  // which runs only after the document's style sheets: with both held back, it goes out anyway.
  const context = await browser.newContext();
  const page = await context.newPage();
  const held = [];
  await page.route((url) => url.pathname.endsWith('/standalone.js') || url.pathname.endsWith('.css'),
    (route) => { held.push(route); });
  const articleRequests = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/static/articles/seed.json')) articleRequests.push(r);
  });
  const requested = page.waitForRequest((r) => r.url().endsWith('/static/articles/seed.json'));
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await requested;
  // The page module, held, has not run: it would have taken the request off the window.
  assert.equal(await page.evaluate(() => typeof window.articleReaderEarly), 'object');
  assert.equal(await page.evaluate(() => document.querySelector('.ar-headline')), null);
  for (const route of held) await route.continue();
  await page.waitForFunction((text) => document.querySelector('.article-reader')?.dataset.state === 'ready'
    && document.querySelector('h1')?.textContent === text, SEED);
  assert.equal(articleRequests.length, 1, 'the reader used the request the head started');
  // Handed over once: the page keeps no global behind.
  assert.equal(await page.evaluate(() => 'articleReaderEarly' in window), false);
  await context.close();
});

test('a request for another site is not started; the reader refuses the address', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/?article=https://evil.example/a.json`);
  await page.locator('.article-reader[data-state="failed"]').waitFor();
  assert.deepEqual(requests.filter((u) => new URL(u).hostname === 'evil.example'), []);
  await context.close();
});
