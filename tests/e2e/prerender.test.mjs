// End-to-end tests of a prerendered page (dist/prerendered/, which scripts/test.sh writes
// after the release build with `prerender --batch --json-url /static/articles/ static/articles
// dist/prerendered`): with JavaScript off, the whole seed article is on the page, styled, under
// the strict policy, with NewsArticle JSON-LD; its markup is the standalone reader's own once
// that has rendered; and with JavaScript on the live reader takes it over with no layout
// shift, the scroll position and the focus kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/e2e';
const PAGE = '/prerendered/seed.html';
let server;
let browser;

before(async () => {
  assert.ok(existsSync(`dist${PAGE}`),
    `dist${PAGE} is missing: run scripts/test.sh, or after trunk build --release: `
    + 'cargo run --features prerender --bin prerender -- --batch static/articles dist/prerendered');
  mkdirSync(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page in a context with JavaScript on or off, recording errors and CSP violations. */
async function open(path, { javaScriptEnabled }) {
  const context = await browser.newContext({
    javaScriptEnabled, viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(server.url + path);
  return { context, page, problems };
}

test('with JavaScript off the prerendered page shows the whole seed article', async () => {
  const { context, page, problems } = await open(PAGE, { javaScriptEnabled: false });
  assert.equal(await page.title(), '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.locator('.article-reader').getAttribute('data-state'), 'ready');
  assert.equal(await page.locator('.ar-breadcrumb li').count(), 3);
  assert.equal(await page.locator('h1.ar-headline').textContent(),
    '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基');
  assert.match(await page.locator('.ar-meta').textContent(), /中国西藏新闻网/);
  assert.equal(await page.locator('.ar-body > h2').count(), 6);
  assert.equal(await page.locator('.ar-body > p').count(), 8);
  assert.match(await page.locator('.ar-body > p').last().textContent(), /\S/);
  assert.equal(await page.locator('.ar-editor').textContent(), '(责编: 陈建国)');
  assert.equal(await page.locator('.ar-related li a').count(), 2);
  assert.equal(await page.locator('.ar-sidebar .ar-more').count(), 4);
  // The style sheets loaded under the policy: the sidebar stands beside the main column.
  const main = await page.locator('.ar-main').boundingBox();
  const side = await page.locator('.ar-sidebar').boundingBox();
  assert.ok(side.x >= main.x + main.width, `sidebar (x=${side.x}) right of the main column`);
  await page.screenshot({ path: `${SHOTS}/prerendered-no-js.png`, fullPage: true });
  assert.deepEqual(problems, [], 'no errors, no failed requests and no CSP violations');
  await context.close();
});

test('the prerendered page carries NewsArticle JSON-LD and a description', async () => {
  const { context, page } = await open(PAGE, { javaScriptEnabled: false });
  const scripts = page.locator('script');
  assert.equal(await scripts.count(), 2, 'the JSON-LD and the takeover module');
  assert.equal(await page.locator('script[type="module"]').getAttribute('src'),
    '/static/prerendered.js');
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld['@context'], 'https://schema.org');
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基');
  assert.equal(ld.datePublished, '2020-07-01T10:14:37+08:00');
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  assert.ok(description.startsWith('习近平总书记强调'), description);
  assert.equal(ld.description, description);
  await context.close();
});

test('the prerendered markup is the standalone reader\'s once it has rendered', async () => {
  // With JavaScript off the page keeps its own markup (Playwright still evaluates in it); the
  // reader's page renders the same article from its JSON.
  // The share control is left out: the standalone page shares its own address, while a
  // prerendered page (like the embedded reader that takes it over) shares the article's `url`,
  // which the seed has not.
  const outline = (root) => root.evaluate((el) => [el, ...el.querySelectorAll('*')]
    .filter((e) => !e.closest('.ar-share'))
    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].sort().join('.')}`
      + `[${['lang', 'dir', 'id', 'role', 'aria-label', 'aria-current'].map((a) => e.getAttribute(a) ?? '').join('|')}]`));
  const reader = await open('/', { javaScriptEnabled: true });
  await reader.page.waitForSelector('.article-reader[data-state="ready"]');
  const prerendered = await open(PAGE, { javaScriptEnabled: false });
  const want = reader.page.locator('.article-reader');
  const got = prerendered.page.locator('.article-reader');
  assert.deepEqual(await outline(got), await outline(want));
  const text = (root) => root.evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.ar-share').forEach((share) => share.remove());
    document.body.append(copy);
    const shown = copy.innerText;
    copy.remove();
    return shown;
  });
  assert.equal(await text(got), await text(want));
  await reader.context.close();
  await prerendered.context.close();
});

test('the live reader takes the page over with no layout shift, scroll and focus kept', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 600 } });
  await context.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The WebAssembly is held back until the reader of the static page has scrolled and put
  // the focus on a link, so that the takeover certainly comes after both.
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await context.route('**/article-reader_bg.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url + PAGE, { waitUntil: 'domcontentloaded' });
  await page.locator('.ar-related li a').first().focus();
  await page.evaluate(() => window.scrollTo(0, 400));
  // The Layout Instability API counts only elements that were there before and moved, and the
  // swap puts new elements in, so the boxes of the page's landmarks are compared as well.
  const where = () => page.evaluate(() => ({
    y: window.scrollY,
    focused: `${document.activeElement.localName} ${document.activeElement.textContent}`,
    inApp: document.getElementById('app').contains(document.activeElement),
    boxes: ['.ar-breadcrumb', '.ar-headline', '.ar-toolbar', '.ar-body > p:last-of-type',
      '.ar-related', '.ar-sidebar'].map((selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      return `${selector} ${box.x},${box.y} ${box.width}x${box.height}`;
    }),
  }));
  const before = await where();
  assert.equal(before.y, 400);
  assert.equal(await page.locator('#app').getAttribute('data-takeover'), null);
  const staticApp = await page.evaluateHandle(() => document.getElementById('app'));
  release();
  await page.waitForSelector('#app[data-takeover="done"]');
  assert.equal(await staticApp.evaluate((el) => el.isConnected), false, 'the static markup is gone');
  assert.deepEqual(await where(), { ...before, inApp: true });
  assert.deepEqual(await page.evaluate(() => window.shifts), [], 'no layout shift');
  // The live reader answers: T+ enlarges the body.
  await page.locator('.ar-bigger').click();
  await page.waitForSelector('.article-reader.ar-size-3');
  assert.deepEqual(problems, []);
  await context.close();
});
