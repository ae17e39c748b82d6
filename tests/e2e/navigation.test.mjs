// Client-side navigation in Chromium (issue 9): the standalone page is a single-page app. A
// link to another of its pages shows that page without a document load (a marker on `window`
// survives, the Wasm module is fetched once per visit); Back and Forward restore the page and
// its scroll position; a deep link shows the same page in a new tab; focus lands on the new
// headline; the page a pointer rests on is prefetched, within bounds, and not at all on a
// data-saver connection. Embedded readers keep links as links unless the host opts in.
//
// Every wait is for a condition in the page, bounded by Playwright's timeout; nothing sleeps
// for a fixed time except where a test must let a bounded amount of time pass to show that
// something did NOT happen, and those say so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';
import { longArticle } from './long-article.mjs';

let server;
let browser;

const headline = (path) => JSON.parse(readFileSync(path, 'utf8')).headline
  ?? JSON.parse(readFileSync(path, 'utf8')).title;
const SEED = headline('static/articles/seed.json');
const READER_ZH = headline('static/articles/reader-zh.json');
const READER_EN = headline('static/articles/reader-en.json');
const RICH = headline('static/articles/rich-zh.json');
const RTL = headline('static/articles/rtl-ar.json');
const LLYJ = headline('static/channels/llyj.json');

before(async () => {
  server = await serve('dist');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records errors; `init` runs before any of the page's scripts. */
async function open(path, { viewport = { width: 1280, height: 700 }, init } = {}) {
  const context = await browser.newContext({ viewport });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url + path);
  return { page, context, problems };
}

/** Waits until the (first) reader shows `text` as its headline and its whole body. */
async function shows(page, text, scope = '') {
  await page.waitForFunction(([text, scope]) => {
    const root = document.querySelector(`${scope} .article-reader`.trim());
    return root?.dataset.state === 'ready' && root.querySelector('h1')?.textContent === text;
  }, [text, scope]);
}

/** What the page fetched, by kind: the Wasm module and each JSON document. */
const fetched = (page) => page.evaluate(() => {
  const names = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
  return {
    wasm: names.filter((n) => n.endsWith('.wasm')).length,
    json: names.filter((n) => n.endsWith('.json')),
  };
});

/** Serves `article` at static/articles/`name`.json and adds a link to it, with id `name`,
 *  after the shown article's editor line. */
async function linkTo(page, name, article) {
  await page.route(`**/static/articles/${name}.json`, (route) => route.fulfill({
    contentType: 'application/json', body: JSON.stringify(article),
  }));
  await page.evaluate((name) => {
    const link = document.createElement('a');
    link.href = `/?article=static/articles/${name}.json`;
    link.id = name;
    link.textContent = name;
    document.querySelector('.ar-editor').append(link);
  }, name);
}

/** Clicks a link the way a reader does, without Playwright first scrolling it into view (so
 *  that the scroll position at the click is the one the test chose). */
const clickInPlace = (locator) => locator.evaluate((a) => a.dispatchEvent(
  new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, view: window })));

test('a related-article click shows the new article without a document load', async () => {
  const { page, context, problems } = await open('/');
  await shows(page, SEED);
  await page.evaluate(() => { window.visitMarker = 'still here'; });
  await page.locator('.ar-related a', { hasText: READER_ZH }).click();
  await shows(page, READER_ZH);
  assert.equal(await page.evaluate(() => window.visitMarker), 'still here', 'no document load');
  assert.equal(new URL(page.url()).search, '?article=static/articles/reader-zh.json');
  assert.equal(await page.title(), READER_ZH);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), READER_ZH,
    'focus is on the new headline');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  assert.equal(await page.evaluate(() => scrollY), 0, 'the new article is shown from its top');
  // An English article: the document's language follows.
  await page.locator('.ar-related a', { hasText: READER_EN }).click();
  await shows(page, READER_EN);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  const { wasm } = await fetched(page);
  assert.equal(wasm, 1, 'the Wasm module is fetched once per visit');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a followed article is painted after laying out its first screen, and laid out whole a task later', async () => {
  const { page, context, problems } = await open('/?article=static/articles/reader-zh.json');
  await shows(page, READER_ZH);
  // Every block whose layout the browser starts or stops skipping, as it happens.
  await page.evaluate(() => {
    window.skips = [];
    document.addEventListener('contentvisibilityautostatechange', (event) => {
      const body = event.target.closest('.ar-body');
      window.skips.push({ block: [...body.children].indexOf(event.target), skipped: event.skipped });
    }, true);
  });
  await clickInPlace(page.locator('.ar-related a', { hasText: SEED }));
  await shows(page, SEED);
  await page.waitForFunction(() => !document.querySelector('.ar-body[data-first-frame]'));
  const { skips, tops, visible, height } = await page.evaluate(() => {
    const blocks = [...document.querySelector('.ar-body').children];
    return {
      skips: window.skips,
      tops: blocks.map((block) => block.getBoundingClientRect().top),
      visible: blocks.filter((block) => getComputedStyle(block).contentVisibility === 'visible').length,
      height: innerHeight,
    };
  });
  // The browser decides block by block which it may skip: at first all of them, then the
  // ones near the window are laid out in the same frame. What stayed skipped until the
  // attribute went was never laid out for the first frame.
  const last = new Map(skips.map((s) => [s.block, s.skipped]));
  const skipped = [...last].filter(([, skipped]) => skipped).map(([block]) => block);
  const below = tops.filter((top) => top >= height).length;
  assert.ok(below >= 5, `the article has blocks below the first screen (${below})`);
  assert.ok(skipped.includes(tops.length - 1), `the last block was skipped (${skipped})`);
  for (const block of skipped) {
    assert.ok(tops[block] >= height, `block ${block} skipped at ${tops[block]}px, on the first screen`);
  }
  // A task after the first frame, the whole body is laid out.
  assert.equal(visible, tops.length, 'every block laid out');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Back restores the previous article and its scroll position; Forward works', async () => {
  const { page, context, problems } = await open('/');
  await shows(page, SEED);
  await page.evaluate(() => { window.visitMarker = 1; });
  // Scroll to where the related links are, a little above, so the position is not the link's.
  const related = page.locator('.ar-related a', { hasText: READER_ZH });
  const top = await related.evaluate((a) => Math.round(a.getBoundingClientRect().top + scrollY - 200));
  await page.evaluate((y) => scrollTo(0, y), top);
  const left = await page.evaluate(() => scrollY);
  assert.ok(left > 500, `the page is scrolled (${left}px)`);
  const was = await related.evaluate((a) => Math.round(a.getBoundingClientRect().top));
  await clickInPlace(related);
  await shows(page, READER_ZH);
  assert.equal(await page.evaluate(() => scrollY), 0);

  await page.goBack();
  await shows(page, SEED);
  await page.waitForFunction((y) => Math.abs(scrollY - y) <= 1, left);
  // The same place, not only the same number: the link is where it was on the screen, so the
  // position was counted over the page as laid out, not over estimated heights.
  const at = await related.evaluate((a) => Math.round(a.getBoundingClientRect().top));
  assert.ok(Math.abs(at - was) <= 1, `the related link is back ${was}px down the window (${at}px)`);
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await page.title(), SEED);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), SEED);

  await page.goForward();
  await shows(page, READER_ZH);
  assert.equal(new URL(page.url()).search, '?article=static/articles/reader-zh.json');
  assert.equal(await page.evaluate(() => window.visitMarker), 1, 'Back and Forward load no document');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deep link opened in a new tab shows the same page; a reload keeps the place', async () => {
  const { page, context } = await open('/');
  await shows(page, SEED);
  await page.locator('.ar-related a', { hasText: READER_ZH }).click();
  await shows(page, READER_ZH);
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await shows(fresh, READER_ZH);
  assert.equal(await fresh.title(), READER_ZH);
  // A reload comes back to the same article and the same scroll position.
  await fresh.evaluate(() => scrollTo(0, 300));
  const y = await fresh.evaluate(() => scrollY);
  assert.ok(y > 0);
  // The reader keeps the position in the history entry once scrolling rests (150 ms).
  await fresh.waitForFunction((y) => history.state?.articleReader?.scroll === y, y);
  await fresh.reload();
  await shows(fresh, READER_ZH);
  await fresh.waitForFunction((y) => Math.abs(scrollY - y) <= 1, y);
  await context.close();
});

test('更多>> and the channel crumb reach channel pages, which page, all in place', async () => {
  const { page, context, problems } = await open('/');
  await shows(page, SEED);
  await page.evaluate(() => { window.visitMarker = 1; });
  await page.locator('.ar-breadcrumb a', { hasText: LLYJ }).click();
  await shows(page, LLYJ);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), LLYJ);
  await page.locator('.ar-page-next').click();
  await page.waitForFunction(() => location.search.includes('llyj-2'));
  await shows(page, LLYJ);
  // An article from the channel's list, then the way back.
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('llyj-2'));
  await shows(page, LLYJ);
  await page.goBack();
  await shows(page, SEED);
  for (const more of await page.locator('.ar-sidebar .ar-more').all()) {
    assert.match(await more.getAttribute('href'), /\?article=static\/channels\/[a-z]+\.json$/);
  }
  await page.locator('.ar-sidebar .ar-more').first().click();
  await page.waitForFunction(() => document.querySelector('.article-reader')?.dataset.state === 'ready'
    && document.querySelector('.ar-channel-title'));
  assert.equal(await page.evaluate(() => window.visitMarker), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link to a missing article shows the not-found view, without retry, focused', async () => {
  const { page, context } = await open('/');
  await shows(page, SEED);
  await page.evaluate(() => {
    // A link of the page's own kind to an article that does not exist, inside the reader.
    const link = document.createElement('a');
    link.href = '/?article=static/articles/missing.json';
    link.id = 'missing';
    link.textContent = 'missing';
    document.querySelector('.ar-editor').append(link);
    window.visitMarker = 1;
  });
  await page.locator('#missing').click();
  await page.locator('.ar-not-found').waitFor();
  assert.equal(await page.locator('.ar-retry').count(), 0, 'no retry on not found');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'ar-not-found-title');
  assert.equal(await page.title(), '页面不存在');
  assert.equal(await page.evaluate(() => window.visitMarker), 1);
  // Its way home is in place too.
  await page.locator('.ar-home').click();
  await shows(page, SEED);
  assert.equal(await page.evaluate(() => window.visitMarker), 1);
  await context.close();
});

test('a long article whose rest is refused after a link leaves the focus on the error', async () => {
  const { page, context } = await open('/');
  await shows(page, SEED);
  // 4,000 paragraphs (0.6 MiB of JSON, within the default limits, long enough for a first part)
  // with a block the reader does not know near the end.
  const article = JSON.parse(longArticle(4000));
  article.body[3500] = { type: 'no such block' };
  await linkTo(page, 'long-refused', article);
  await page.evaluate((headline) => {
    // Whether the first part's headline was shown (and focused) before the refusal.
    new MutationObserver(() => {
      const h1 = document.querySelector('.article-reader h1');
      if (h1?.textContent === headline) window.firstPartFocused ||= document.activeElement === h1;
    }).observe(document, { subtree: true, childList: true, attributes: true });
  }, article.headline);
  await page.locator('#long-refused').click();
  await page.locator('.article-reader[data-state="failed"]').waitFor();
  assert.equal(await page.evaluate(() => window.firstPartFocused), true, 'the first part was shown, focused');
  assert.match(await page.locator('.article-reader').textContent(), /\$\.body\[3500\]/);
  const focus = await page.evaluate(() => ({
    inReader: Boolean(document.activeElement?.closest('.article-reader')),
    heading: document.activeElement?.matches('h1, h2') ?? false,
  }));
  assert.deepEqual(focus, { inReader: true, heading: true }, "the error view's heading has the focus");
  await context.close();
});

test('a followed article appears whole: no task sees its headline above the old body', async () => {
  // Yew yields to the browser after 16 ms of rendering, and may do so between a component's
  // render and its children's. An article page whose own render takes longer than that (here a
  // sidebar of 2,400 links, with the CPU slowed 4×) must still replace the old page in one
  // step: between any two tasks, the headline and the body are of the same article.
  const { page, context, problems } = await open('/');
  await shows(page, SEED);
  const article = JSON.parse(readFileSync('static/articles/reader-zh.json', 'utf8'));
  article.headline = '侧栏很长的文章';
  article.sidebar = Array.from({ length: 4 }, (_, g) => ({
    name: `栏目 ${g}`,
    items: Array.from({ length: 600 }, (_, i) => ({
      name: `链接 ${g}-${i}`, url: `/?article=static/articles/seed.json&n=${g}-${i}`,
    })),
  }));
  const first = article.body.find((b) => b.type === 'paragraph');
  assert.ok(first, 'the article has a paragraph');
  await linkTo(page, 'long-sidebar', article);
  await page.evaluate((headline) => {
    // A task after every task: each looks at the page as a frame would show it.
    window.looks = { tasks: 0, mixed: [] };
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const h1 = document.querySelector('.article-reader h1')?.textContent;
      const paragraph = document.querySelector('.article-reader .ar-body p')?.textContent ?? '';
      window.looks.tasks += 1;
      if (h1 === headline && paragraph.startsWith(window.seedFirst)) window.looks.mixed.push(paragraph.slice(0, 20));
      if (!window.looks.stop) channel.port2.postMessage(0);
    };
    window.seedFirst = document.querySelector('.article-reader .ar-body p').textContent.slice(0, 20);
    channel.port2.postMessage(0);
  }, article.headline);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.locator('#long-sidebar').click();
  await shows(page, article.headline);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const looks = await page.evaluate(() => { window.looks.stop = true; return window.looks; });
  assert.ok(looks.tasks > 10, `the page was looked at between tasks (${looks.tasks} times)`);
  assert.deepEqual(looks.mixed, [], 'no task saw the new headline above the old body');
  const links = await page.locator('.ar-sidebar a').count();
  assert.ok(links >= 2400, `the sidebar's links are on the page (${links})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a right-to-left article turns the document right to left, and back', async () => {
  const { page, context } = await open('/?article=static/articles/rich-zh.json');
  await shows(page, RICH);
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  await page.locator('.ar-related a[href$="rtl-ar.json"]').click();
  await shows(page, RTL);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  await page.goBack();
  await shows(page, RICH);
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  await context.close();
});

test('links to other sites, new-tab clicks and fragments stay the browser\'s', async () => {
  const { page, context } = await open('/');
  await shows(page, SEED);
  await page.evaluate(() => { window.visitMarker = 1; });
  // Ctrl+click asks for a new tab: the browser opens one, this page stays as it is.
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.locator('.ar-related a', { hasText: READER_ZH }).click({ modifiers: ['Control'] }),
  ]);
  await shows(popup, READER_ZH);
  assert.equal(await page.locator('h1').textContent(), SEED);
  assert.equal(new URL(page.url()).search, '');
  // The breadcrumb's first crumb is another site: a real navigation (the marker is gone).
  const external = page.locator('.ar-breadcrumb a').first();
  assert.match(await external.getAttribute('href'), /^https:\/\/tibet-ufw\.example\.org\//);
  await page.route('https://tibet-ufw.example.org/**', (route) => route.fulfill({
    status: 200, contentType: 'text/html', body: '<title>elsewhere</title>elsewhere',
  }));
  await external.click();
  await page.waitForURL('https://tibet-ufw.example.org/');
  assert.equal(await page.evaluate(() => window.visitMarker), undefined);
  await context.close();
});

test('the page a pointer rests on is prefetched, once, and used by the click', async () => {
  const { page, context } = await open('/');
  await shows(page, SEED);
  const link = page.locator('.ar-related a', { hasText: READER_ZH });
  await link.hover();
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/static/articles/reader-zh.json')));
  await link.click();
  await shows(page, READER_ZH);
  const { json } = await fetched(page);
  assert.equal(json.filter((n) => n.endsWith('/reader-zh.json')).length, 1,
    'the click used the prefetched document');
  await context.close();
});

test('prefetching is bounded per page, and off on a data-saver connection', async () => {
  const { page, context } = await open('/');
  await shows(page, SEED);
  // Rest on every link of the sidebar and the related list, one after the other.
  const links = await page.locator('.ar-sidebar a, .ar-related a, .ar-breadcrumb a').all();
  const targets = new Set();
  for (const link of links) {
    const href = await link.getAttribute('href');
    if (href.includes('?article=')) targets.add(href);
    await link.hover();
    // A rest longer than the reader's 65 ms threshold (this wait is the rest itself).
    await page.waitForTimeout(120);
  }
  assert.ok(targets.size > 6, `more pages linked (${targets.size}) than the per-page bound`);
  // Let any prefetch still on the way arrive before counting.
  await page.waitForLoadState('networkidle');
  const { json } = await fetched(page);
  const prefetched = json.filter((n) => !n.endsWith('/seed.json')).length;
  assert.ok(prefetched >= 1 && prefetched <= 6, `at most 6 prefetches for one page, got ${prefetched}`);
  await context.close();

  const saver = await open('/', {
    init: () => Object.defineProperty(Navigator.prototype, 'connection', {
      get: () => ({ saveData: true, effectiveType: '4g' }),
    }),
  });
  await shows(saver.page, SEED);
  await saver.page.locator('.ar-related a', { hasText: READER_ZH }).hover();
  // Long enough for a prefetch to have started and finished on this loopback server, were
  // there one (it takes a few milliseconds); this test proves one does not start.
  await saver.page.waitForTimeout(500);
  assert.deepEqual((await fetched(saver.page)).json, ['/static/articles/seed.json']);
  await saver.context.close();
});

test('embedded readers: links stay links by default; navigation="reader" pages in place', async () => {
  const { page, context, problems } = await open('/static/embed.html');
  await shows(page, SEED, '#reader-one');
  await shows(page, READER_EN, '#reader-two');
  await page.evaluate(() => { window.visitMarker = 1; });
  const hostAddress = page.url();

  // The opted-in custom element shows the linked article itself; the host page stays.
  await page.locator('#reader-two .ar-related a', { hasText: READER_ZH }).click();
  await shows(page, READER_ZH, '#reader-two');
  assert.equal(page.url(), hostAddress, 'the host page\'s address is untouched');
  assert.equal(await page.evaluate(() => window.visitMarker), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), READER_ZH);
  assert.equal(await page.locator('#reader-one h1').textContent(), SEED, 'the other reader is untouched');
  // Its own Back button returns to the article it showed.
  await page.locator('#reader-two .ar-back').click();
  await shows(page, READER_EN, '#reader-two');
  assert.equal(await page.locator('#reader-two .ar-back').count(), 0, 'nothing further back');

  // The default reader's link is a link: the document navigates.
  await page.locator('#reader-one .ar-related a', { hasText: READER_ZH }).click();
  await page.waitForURL(/\?article=static\/articles\/reader-zh\.json$/);
  await shows(page, READER_ZH);
  assert.equal(await page.evaluate(() => window.visitMarker), undefined, 'a document load');
  assert.deepEqual(problems, []);
  await context.close();
});

test('mount({ navigation }) takes "links" or "reader" and explains anything else', async () => {
  const { page, context } = await open('/static/embed.html');
  await shows(page, SEED, '#reader-one');
  await page.evaluate(async () => {
    const { mount } = await import('/static/article-reader.js');
    for (const [id, navigation] of [['x-reader', 'reader'], ['x-bad', 'history']]) {
      const slot = document.createElement('div');
      slot.id = id;
      document.body.append(slot);
      mount(slot, { src: '/static/articles/reader-en.json', navigation });
    }
  });
  await shows(page, READER_EN, '#x-reader');
  await page.locator('#x-bad .article-reader[data-state="failed"]').waitFor();
  assert.match(await page.locator('#x-bad').textContent(), /`navigation` must be "links".*got "history"/);
  await page.locator('#x-reader .ar-related a', { hasText: READER_ZH }).click();
  await shows(page, READER_ZH, '#x-reader');
  assert.equal(new URL(page.url()).pathname, '/static/embed.html');
  await context.close();
});

test('the page being left stays until the next is there; its request is cancelled', async () => {
  const { page, context } = await open('/');
  await shows(page, SEED);
  // The next article never arrives (its response is held back until the test ends).
  const held = [];
  await page.route('**/static/articles/reader-zh.json', (route) => { held.push(route); });
  const failed = [];
  page.on('requestfailed', (r) => failed.push([new URL(r.url()).pathname, r.failure()?.errorText]));
  const requested = page.waitForRequest('**/static/articles/reader-zh.json');
  await page.locator('.ar-related a', { hasText: READER_ZH }).click();
  await page.waitForFunction(() => document.querySelector('.article-reader')?.dataset.state === 'loading');
  await requested;
  // Meanwhile the page being left stays on screen, marked busy, with no loading line to
  // announce: the new headline will be the one thing a screen reader hears.
  assert.equal(await page.locator('h1').textContent(), SEED);
  assert.equal(await page.locator('.article-reader').getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('.ar-loading').count(), 0);
  // The route handler runs a moment after the request is seen: poll, with a deadline.
  const routed = Date.now() + 10_000;
  while (held.length === 0 && Date.now() < routed) await page.waitForTimeout(20);
  assert.ok(held.length >= 1, 'the article was requested');
  await page.goBack();
  await shows(page, SEED);
  // The failure events reach the test a moment after the page aborts: poll, with a deadline.
  const deadline = Date.now() + 10_000;
  while (failed.length < held.length && Date.now() < deadline) await page.waitForTimeout(20);
  assert.deepEqual(failed, held.map(() => ['/static/articles/reader-zh.json', 'net::ERR_ABORTED']),
    'every request for the page left was aborted');
  await context.close();
});
