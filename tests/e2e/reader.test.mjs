// End-to-end tests of the release build (dist/, from `trunk build --release`): the standalone
// page, the embed demo with two readers and the custom element, the responsive layout and the
// print style sheet, in Debian's Chromium driven by playwright-core.
//
// Every wait is for a condition in the page (a selector, a text), bounded by Playwright's
// timeout; nothing sleeps for a fixed time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/e2e';
let server;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A new page that records console errors, page errors and CSP violations. */
async function open(path, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(server.url + path);
  return { page, problems };
}

test('standalone page shows the whole seed article under a strict CSP', async () => {
  const { page, problems } = await open('/');
  await page.waitForSelector('.ar-headline');
  assert.equal(await page.title(), '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.locator('.ar-breadcrumb li').count(), 3);
  assert.equal(await page.locator('.ar-body > h2').count(), 6);
  assert.equal(await page.locator('.ar-body > p').count(), 8);
  assert.equal(await page.locator('.ar-editor').textContent(), '(责编: 陈建国)');
  assert.equal(await page.locator('.ar-sidebar .ar-more').count(), 4);
  await page.screenshot({ path: `${SHOTS}/standalone-desktop.png`, fullPage: true });
  assert.deepEqual(problems, [], 'no errors and no CSP violations');
});

test('desktop puts the sidebar beside the article; a phone puts it below', async () => {
  const wide = await open('/');
  await wide.page.waitForSelector('.ar-sidebar');
  const a = await wide.page.locator('.ar-main').boundingBox();
  const s = await wide.page.locator('.ar-sidebar').boundingBox();
  assert.ok(s.x >= a.x + a.width, `sidebar (x=${s.x}) right of the main column`);
  assert.ok(Math.abs(s.y - a.y) < 2, 'same top');

  const phone = await open('/', { width: 390, height: 844 });
  await phone.page.waitForSelector('.ar-sidebar');
  const pa = await phone.page.locator('.ar-main').boundingBox();
  const ps = await phone.page.locator('.ar-sidebar').boundingBox();
  assert.ok(ps.y >= pa.y + pa.height, 'sidebar below the main column');
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  await phone.page.screenshot({ path: `${SHOTS}/standalone-phone.png`, fullPage: true });
});

test('the article parameter picks the article; related links lead to it', async () => {
  const { page, problems } = await open('/?article=static/articles/reader-en.json');
  await page.waitForSelector('.ar-headline');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('.ar-meta').textContent(), /^Published: 2026-11-25 09:30:00/);
  // The text size chosen on one article holds on the next (the standalone page remembers it).
  await page.locator('.ar-bigger').click();
  await page.locator('.ar-size-status', { hasText: 'Text size 115%' }).waitFor();
  await page.locator('.ar-related a', { hasText: '文章阅读器' }).click();
  await page.waitForURL(/reader-zh\.json$/);
  await page.waitForSelector('.ar-figure img');
  assert.equal(await page.locator('.ar-headline').textContent(), '文章阅读器：让新闻稿件在任何网页上好读、安全');
  assert.equal(await page.locator('.ar-size-status').textContent(), '字号 115%');
  // The image is lazy: wait for it to finish, then check that it loaded rather than failed.
  await page.waitForFunction(() => document.querySelector('.ar-figure img')?.complete);
  assert.ok(await page.locator('.ar-figure img').evaluate((img) => img.naturalWidth > 0),
    'the sample image loads');
  assert.deepEqual(problems, []);
});

test('the standalone page refuses articles from other origins and explains missing ones', async () => {
  const evil = await open('/?article=https://evil.example/fake.json');
  await evil.page.waitForSelector('.ar-error');
  assert.match(await evil.page.locator('.ar-error-detail').textContent(), /only loads articles from its own site/);

  // A missing article is not an error to retry: the not-found view leads home instead.
  const missing = await open('/?article=static/articles/nope.json');
  await missing.page.waitForSelector('.ar-not-found');
  assert.equal(await missing.page.locator('.ar-not-found h1').textContent(), '页面不存在');
  assert.match(await missing.page.locator('.ar-error-address').textContent(), /static\/articles\/nope\.json/);
  assert.equal(await missing.page.locator('.ar-retry').count(), 0);
  await missing.page.locator('a.ar-home').click();
  await missing.page.waitForSelector('.ar-headline');
  assert.equal(new URL(missing.page.url()).search, '');
  assert.equal(await missing.page.locator('.ar-headline').textContent(),
    '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基');
});

test('the channel crumb and 更多>> lead to channel pages, which page', async () => {
  const { page, problems } = await open('/');
  await page.waitForSelector('.ar-headline');
  await page.locator('.ar-breadcrumb a', { hasText: '理论研究' }).click();
  await page.waitForSelector('.ar-channel-title');
  assert.equal(await page.locator('h1').textContent(), '理论研究');
  assert.equal(await page.locator('.ar-channel-list > li').count(), 3);
  assert.equal(await page.locator('.ar-pages [aria-current=page]').textContent(), '第 1 页，共 2 页');
  await page.locator('a.ar-page-next').click();
  await page.waitForSelector('text=第 2 页，共 2 页');
  assert.equal(await page.locator('.ar-channel-list > li').count(), 3);
  await page.locator('a.ar-page-previous').click();
  await page.waitForSelector('text=第 1 页，共 2 页');
  await page.goto(server.url + '/');
  await page.waitForSelector('.ar-sidebar');
  await page.locator('.ar-sidebar a.ar-more[aria-label="更多热点关注"]').click();
  await page.waitForSelector('.ar-channel-title');
  assert.equal(await page.locator('h1').textContent(), '热点关注');
  assert.equal(await page.title(), '热点关注');
  // Each summary leads to its article.
  await page.locator('.ar-channel-list a').first().click();
  await page.waitForSelector('.ar-headline:not(.ar-channel-title)');
  assert.equal(await page.locator('.ar-headline').textContent(), '文章阅读器：让新闻稿件在任何网页上好读、安全');
  assert.deepEqual(problems, []);
});

test('the standalone page refuses an address that redirects, without following it', async () => {
  const page = await browser.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  // A same-origin address that redirects to a same-origin article: allowed before, when only
  // where the response landed was checked.
  await page.route('**/static/articles/moved.json', (route) =>
    route.fulfill({ status: 302, headers: { Location: '/static/articles/seed.json' } }));
  await page.goto(`${server.url}/?article=static/articles/moved.json`);
  await page.waitForSelector('.ar-error');
  assert.equal(await page.locator('.ar-error-detail').textContent(),
    `The article address "${server.url}/static/articles/moved.json" was refused: it redirected, and the standalone reader only follows its own addresses, not redirects`);
  assert.equal(await page.locator('.ar-retry').count(), 0);
  assert.ok(!requested.includes('/static/articles/seed.json'), requested.join(' '));
  await page.close();
});

test('print shows the article alone', async () => {
  const { page } = await open('/');
  await page.waitForSelector('.ar-headline');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.ar-toolbar', '.ar-sidebar', '.ar-breadcrumb', '.ar-related']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
  }
  assert.ok(await page.locator('.ar-headline').isVisible());
  assert.ok(await page.locator('.ar-body').isVisible());
  await page.pdf({ path: `${SHOTS}/standalone-print.pdf` });
});

test('embed demo: two independent readers in a foreign page, styles kept apart', async () => {
  const { page, problems } = await open('/static/embed.html');
  const one = page.locator('#reader-one');
  const two = page.locator('#reader-two');
  await one.locator('.ar-headline').waitFor();
  await two.locator('.ar-headline').waitFor();
  assert.equal(await two.locator('.ar-headline').textContent(),
    'The article reader: a fast, safe article view for any site');

  // The host's loud rules (purple serif paragraphs, green bold links) stay outside the reader...
  const style = (loc, prop) => loc.evaluate((el, p) => getComputedStyle(el)[p], prop);
  const hostP = page.locator('.site-story > p').first();
  const readerP = one.locator('.ar-body p').first();
  assert.equal(await style(hostP, 'color'), 'rgb(106, 27, 154)');
  assert.notEqual(await style(readerP, 'color'), 'rgb(106, 27, 154)');
  assert.doesNotMatch(await style(readerP, 'fontFamily'), /Georgia/);
  assert.notEqual(await style(one.locator('.ar-sidebar a').first(), 'fontWeight'), '700');
  // ...and the reader's rules stay inside it: the host's chrome is untouched.
  assert.equal(await style(page.locator('.site-header'), 'backgroundColor'), 'rgb(0, 77, 64)');
  assert.equal(await style(page.locator('.site-story > h1'), 'textTransform'), 'uppercase');

  // Independent state.
  await one.locator('.ar-bigger').click();
  await one.locator('.ar-size-status', { hasText: '字号 115%' }).waitFor();
  assert.equal(await two.locator('.ar-size-status').textContent(), 'Text size 100%');
  await page.screenshot({ path: `${SHOTS}/embed-demo.png`, fullPage: true });

  // destroy() through the host's button; the other reader keeps working; mount again.
  await page.locator('#destroy-first').click();
  await page.waitForFunction(() => document.getElementById('reader-one').childElementCount === 0);
  await two.locator('.ar-bigger').click();
  await two.locator('.ar-size-status', { hasText: 'Text size 115%' }).waitFor();
  await page.locator('#remount-first').click();
  await one.locator('.ar-headline').waitFor();

  // The custom element follows its src attribute and cleans up when removed.
  await page.evaluate(() => document.getElementById('reader-two')
    .setAttribute('src', '/static/articles/reader-zh.json'));
  await two.locator('.ar-headline', { hasText: '文章阅读器' }).waitFor();
  // The removed element is kept in a global so the wait can watch it outside the document;
  // Playwright's timeout fails the test if its reader is never destroyed.
  assert.ok(await page.evaluate(() => {
    window.removedReader = document.getElementById('reader-two');
    window.removedReader.remove();
    return window.removedReader.childElementCount > 0;
  }), 'the element still holds its reader when it is removed');
  await page.waitForFunction(() => window.removedReader.childElementCount === 0);
  assert.deepEqual(problems, []);
});

test('打印 in an embedded reader prints that article alone; the browser menu prints the host page', async () => {
  const { page } = await open('/static/embed.html');
  await page.locator('#reader-one .ar-headline').waitFor();
  await page.locator('#reader-two .ar-headline').waitFor();
  // Printing from the browser's own menu: the host page prints as it is.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.site-header').isVisible(), 'the host page is not hidden');
  assert.ok(await page.locator('#reader-two .ar-body').isVisible());
  // 打印 in the first reader (the dialog itself is stubbed out; afterprint never comes).
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => { window.printCalls = 0; window.print = () => { window.printCalls += 1; }; });
  await page.locator('#reader-one .ar-print').click();
  assert.equal(await page.evaluate(() => window.printCalls), 1, '打印 called print() once');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('.site-footer').isVisible(), false);
  assert.equal(await page.locator('#reader-two').isVisible(), false, 'the other reader is not printed');
  assert.ok(await page.locator('#reader-one .ar-body').isVisible());
  // afterprint restores the page.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.ok(await page.locator('.site-header').isVisible());
  assert.equal(await page.locator('html.article-reader-printing, .ar-printing').count(), 0);
});

test('an HTML-body article renders through the import under the strict CSP', async () => {
  const { page, problems } = await open('/?article=static/articles/cms-html.json');
  await page.waitForSelector('.ar-headline');
  const blocks = await page.locator('.ar-body > *').evaluateAll((els) => els.map((e) => e.tagName));
  // The centred line under the image (TRS's caption habit) is the figure's caption.
  assert.deepEqual(blocks, ['P', 'H2', 'P', 'FIGURE', 'H2', 'UL', 'DIV', 'FIGURE', 'P']);
  assert.equal(await page.locator('.ar-figure figcaption').textContent(), '图：阅读器的版式');
  assert.equal(await page.locator('.ar-body script, .ar-body style').count(), 0);
  assert.equal(await page.locator('.ar-body [onload], .ar-body [style]').count(), 0);
  assert.equal(await page.locator('.ar-body .ar-unlinked').textContent(), '这个 javascript: 链接');
  await page.waitForFunction(() => document.querySelector('.ar-figure img')?.complete);
  assert.ok(await page.locator('.ar-figure img').evaluate((img) => img.naturalWidth > 0));
  await page.screenshot({ path: `${SHOTS}/cms-html.png`, fullPage: true });
  // Chromium checks inline styles and handlers against the page's CSP even while parsing into an
  // inert document, and logs each as blocked. Nothing runs (no script-src-elem report, no other
  // error); these reports, and only these, are expected for an HTML body full of style="...".
  const parserReports = /^console: (Applying inline style|Executing inline event handler) violates/;
  assert.deepEqual(problems.filter((p) => !parserReports.test(p)), []);
});

test('version-2 samples: every block under the strict CSP, no sideways scrolling on a phone', async () => {
  for (const [name, viewport] of [['rich-zh', { width: 1280, height: 900 }], ['rich-zh', { width: 390, height: 844 }],
    ['rtl-ar', { width: 1280, height: 900 }], ['rtl-ar', { width: 390, height: 844 }]]) {
    const { page, problems } = await open(`/?article=static/articles/${name}.json`, viewport);
    await page.waitForSelector('.ar-headline');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${name} at ${viewport.width}px: no sideways scrolling (${overflow}px)`);
    // Wide content scrolls inside its own box instead of widening the page.
    for (const box of await page.locator('.ar-table-wrap, .ar-code pre').all()) {
      const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      const fits = await box.evaluate((el) => el.getBoundingClientRect().right <= innerWidth + 0.5
        && el.getBoundingClientRect().left >= -0.5);
      assert.ok(fits, `${name} at ${viewport.width}px: a scrolling box (${scroll}/${client}) stays on screen`);
    }
    await page.screenshot({ path: `${SHOTS}/${name}-${viewport.width}.png`, fullPage: true });
    assert.deepEqual(problems, [], `${name} at ${viewport.width}px`);
  }

  const { page } = await open('/?article=static/articles/rtl-ar.json');
  await page.waitForSelector('.ar-sidebar');
  assert.equal(await page.locator('.article-reader').getAttribute('dir'), 'rtl');
  const main = await page.locator('.ar-main').boundingBox();
  const side = await page.locator('.ar-sidebar').boundingBox();
  assert.ok(side.x + side.width <= main.x, 'right to left: the sidebar is on the left of the article');

  const zh = await open('/?article=static/articles/rich-zh.json');
  await zh.page.waitForSelector('.ar-headline');
  assert.equal(await zh.page.locator('.ar-embed iframe').count(), 0, 'the standalone page frames no players');
  assert.equal(await zh.page.locator('.ar-footnotes li').count(), 2);
  await zh.page.locator('.ar-fnref a').first().click();
  await zh.page.waitForURL(/#ar\d+-fn-sample$/);
});

test('no accessibility violations (axe-core, WCAG 2 A and AA) on the article, not-found, channel and phone views', async () => {
  const { createRequire } = await import('node:module');
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const views = [
    ['/', { width: 1280, height: 900 }, '.ar-headline'],
    ['/?article=static/articles/reader-en.json', { width: 1280, height: 900 }, '.ar-headline'],
    ['/?article=static/articles/reader-zh.json', { width: 390, height: 844 }, '.ar-headline'],
    ['/?article=static/articles/cms-html.json', { width: 390, height: 844 }, '.ar-headline'],
    ['/?article=static/articles/nope.json', { width: 390, height: 844 }, '.ar-not-found'],
    ['/?article=static/channels/llyj.json', { width: 1280, height: 900 }, '.ar-channel-title'],
    ['/?article=static/channels/llyj-2.json', { width: 390, height: 844 }, '.ar-channel-title'],
    ['/?article=static/channels/ldls.json', { width: 390, height: 844 }, '.ar-channel-title'],
    ['/?article=static/articles/rich-zh.json', { width: 1280, height: 900 }, '.ar-headline'],
    ['/?article=static/articles/rich-zh.json', { width: 390, height: 844 }, '.ar-headline'],
    ['/?article=static/articles/rtl-ar.json', { width: 390, height: 844 }, '.ar-headline'],
  ];
  for (const [path, viewport, ready] of views) {
    // The audit script is injected into the page, which the page's own CSP would rightly refuse.
    const page = await browser.newPage({ viewport, bypassCSP: true });
    await page.goto(server.url + path);
    await page.waitForSelector(ready);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('.article-reader'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `${path} at ${viewport.width}px`);
    await page.close();
  }
});
