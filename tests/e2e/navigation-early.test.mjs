// The request for the page a reader moves to starts as early as the reader can know of the move
// (issue 10, client-side navigation ≤ 0.3× a full load): on the press of a link, before the
// click that follows it; and on a click without a press (a keyboard activation, a script's
// `click()`), before the click's history entry and render. A press dragged off the link starts
// that one request and navigates nowhere.
//
// Every wait is for a condition in the page, bounded by Playwright's timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

let server;
let browser;

const headline = (path) => JSON.parse(readFileSync(path, 'utf8')).headline;
const SEED = headline('static/articles/seed.json');
const READER_ZH = headline('static/articles/reader-zh.json');
const NEXT = '/static/articles/reader-zh.json';

before(async () => {
  server = await serve('dist');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The standalone page on the seed article, with `log` recording, in page time, each click
 *  that reaches the window (after the reader's own handler, which is on its root) with the
 *  address at that moment, and each `history.pushState`. */
async function seedPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 700 } });
  await context.addInitScript(() => {
    window.navLog = [];
    window.addEventListener('click', (event) => {
      window.navLog.push({ what: 'click', at: event.timeStamp, href: location.href });
    });
    // The press's dispatch, from before the reader sees it (capture, on the window) to after
    // (bubbling back to the window).
    window.addEventListener('pointerdown', () => {
      window.navLog.push({ what: 'press', at: performance.now() });
    }, { capture: true });
    window.addEventListener('pointerdown', () => {
      window.navLog.push({ what: 'pressed', at: performance.now() });
    });
    window.addEventListener('dragend', (event) => {
      window.navLog.push({ what: 'dragend', at: event.timeStamp, href: location.href });
    });
    const push = history.pushState.bind(history);
    history.pushState = (...args) => {
      window.navLog.push({ what: 'pushState', at: performance.now() });
      return push(...args);
    };
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/`);
  await page.waitForFunction((text) => {
    const root = document.querySelector('.article-reader');
    return root?.dataset.state === 'ready' && root.querySelector('h1')?.textContent === text;
  }, SEED);
  return { context, page, problems, link: page.locator('.ar-related a', { hasText: READER_ZH }) };
}

/** When the page asked for `path` (Resource Timing), and how many times. */
const requests = (page, path) => page.evaluate((path) => performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname === path).map((e) => e.startTime), path);

test('a press on a link starts its page\'s request before the click, which then uses it', async () => {
  const { context, page, problems, link } = await seedPage();
  await link.scrollIntoViewIfNeeded();
  const box = await link.boundingBox();
  const requested = page.waitForRequest((r) => new URL(r.url()).pathname === NEXT, { timeout: 5_000 });
  // The press at once, without the rest on the link that would prefetch it anyway (both input
  // events are sent without waiting between them).
  await Promise.all([page.mouse.move(box.x + box.width / 2, box.y + box.height / 2), page.mouse.down()]);
  await requested;
  assert.equal(await page.locator('h1').textContent(), SEED, 'the press alone moved nowhere');
  await page.mouse.up();
  await page.waitForFunction((text) => document.querySelector('.article-reader')?.dataset.state === 'ready'
    && document.querySelector('h1')?.textContent === text, READER_ZH);
  const started = await requests(page, NEXT);
  const log = await page.evaluate(() => window.navLog);
  const at = (what) => log.find((e) => e.what === what).at;
  assert.equal(started.length, 1, 'the click used the request the press started');
  assert.ok(at('press') <= started[0] && started[0] <= at('pressed'),
    `the request (${started[0]} ms) started while the press was dispatched (${at('press')} to ${at('pressed')} ms)`);
  assert.ok(started[0] < at('click'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a press dragged off the link navigates nowhere', async () => {
  const { context, page, problems, link } = await seedPage();
  await link.scrollIntoViewIfNeeded();
  const box = await link.boundingBox();
  const before = page.url();
  const requested = page.waitForRequest((r) => new URL(r.url()).pathname === NEXT, { timeout: 5_000 });
  await Promise.all([page.mouse.move(box.x + box.width / 2, box.y + box.height / 2), page.mouse.down()]);
  await requested;
  // Off the link, to the page's left margin, and released there: the browser drags the link
  // (a link is draggable), and the gesture ends with `dragend` and no click.
  await page.mouse.move(5, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => window.navLog.some((e) => e.what === 'dragend'));
  const log = await page.evaluate(() => window.navLog);
  // The reader writes the history entry in the click's own dispatch: none, and the address as
  // the gesture left it, say that it followed nothing.
  assert.deepEqual(log.map((e) => e.what), ['press', 'pressed', 'dragend'], 'no click, no history entry');
  assert.equal(log[2].href, before);
  assert.equal(page.url(), before);
  assert.equal(await page.locator('.article-reader').getAttribute('data-state'), 'ready');
  assert.equal(await page.locator('.article-reader').getAttribute('aria-busy'), null);
  assert.equal(await page.locator('h1').textContent(), SEED);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a click without a press starts the request before its history entry', async () => {
  const { context, page, problems, link } = await seedPage();
  // `click()` in the page, as a keyboard activation or a script makes it: no pointer events.
  await link.evaluate((a) => a.click());
  await page.waitForFunction((text) => document.querySelector('.article-reader')?.dataset.state === 'ready'
    && document.querySelector('h1')?.textContent === text, READER_ZH);
  const started = await requests(page, NEXT);
  const pushed = (await page.evaluate(() => window.navLog)).find((e) => e.what === 'pushState');
  assert.equal(started.length, 1, 'one request for the page moved to');
  assert.ok(pushed, 'the move wrote a history entry');
  assert.ok(started[0] <= pushed.at,
    `the request (${started[0]} ms) started before the history entry (${pushed.at} ms)`);
  assert.deepEqual(problems, []);
  await context.close();
});
