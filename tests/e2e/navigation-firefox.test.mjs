// Client-side navigation (navigation.test.mjs) in Firefox ESR, through geckodriver: Gecko's
// History API, scroll restoration and focus rules are its own. WebDriver's element click
// scrolls the element into view first, so clicks here are dispatched in the page, at the
// scroll position the test chose. Every wait polls a condition in the page, with a deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startFirefox } from './geckodriver.mjs';
import { serve } from './server.mjs';

const HOOK_TIMEOUT = { timeout: 60_000 };
const TEST_TIMEOUT = { timeout: 120_000 };

const headline = (name) => JSON.parse(readFileSync(`static/articles/${name}.json`, 'utf8')).headline;
const SEED = headline('seed');
const READER_ZH = headline('reader-zh');
const READER_EN = headline('reader-en');

let server;
let firefox;
let session;

const call = (...args) => firefox.call(...args);
const run = (...args) => firefox.run(...args);
const until = (...args) => firefox.until(...args);

before(async () => {
  server = await serve('dist');
  firefox = await startFirefox({ untilMs: 20_000 });
  session = firefox.session;
}, HOOK_TIMEOUT);

after(async () => {
  await firefox?.quit();
  await server?.close();
}, HOOK_TIMEOUT);

/** Waits until the reader in `scope` shows `text` as its headline, with its whole body. */
const shows = (text, scope = '') => until(`the headline "${text}"`, (text, scope) => {
  const root = document.querySelector(`${scope} .article-reader`.trim());
  return root?.dataset.state === 'ready' && root.querySelector('h1')?.textContent === text;
}, text, scope);

/** Clicks the first link matching `selector` whose text is `text`, in place. */
const clickLink = (selector, text) => run((selector, text) => {
  const link = [...document.querySelectorAll(selector)].find((a) => a.textContent === text);
  link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, view: window }));
  return true;
}, selector, text);

test('Firefox: links, Back and Forward stay in the document and restore scroll', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/` });
  await shows(SEED);
  await run(() => { window.visitMarker = 'still here'; });
  const left = await run(() => {
    const link = document.querySelector('.ar-related a');
    scrollTo(0, Math.round(link.getBoundingClientRect().top + scrollY - 200));
    return scrollY;
  });
  assert.ok(left > 500, `the page is scrolled (${left}px)`);
  await clickLink('.ar-related a', READER_ZH);
  await shows(READER_ZH);
  assert.deepEqual(await run(() => [
    window.visitMarker, location.search, document.title, document.activeElement?.tagName,
    document.activeElement?.textContent, scrollY,
    performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length,
  ]), ['still here', '?article=static/articles/reader-zh.json', READER_ZH, 'H1', READER_ZH, 0, 1]);

  await call('POST', `/session/${session}/back`, {});
  await shows(SEED);
  await until(`the scroll position ${left}`, (y) => Math.abs(scrollY - y) <= 1, left);
  assert.deepEqual(await run(() => [window.visitMarker, location.search, document.title]),
    ['still here', '', SEED]);

  await call('POST', `/session/${session}/forward`, {});
  await shows(READER_ZH);
  assert.equal(await run(() => window.visitMarker), 'still here');
});

test('Firefox: a deep link shows the same page; the embedded opt-in pages in place', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/?article=static/articles/reader-zh.json` });
  await shows(READER_ZH);
  assert.equal(await run(() => document.title), READER_ZH);

  await call('POST', `/session/${session}/url`, { url: `${server.url}/static/embed.html` });
  await shows(READER_EN, '#reader-two');
  await run(() => { window.visitMarker = 1; });
  await clickLink('#reader-two .ar-related a', READER_ZH);
  await shows(READER_ZH, '#reader-two');
  assert.deepEqual(await run(() => [window.visitMarker, location.pathname]), [1, '/static/embed.html']);
  await run(() => document.querySelector('#reader-two .ar-back').click());
  await shows(READER_EN, '#reader-two');
  // The default reader's links stay links.
  await clickLink('#reader-one .ar-related a', READER_ZH);
  await until('the document to navigate', () => location.search === '?article=static/articles/reader-zh.json');
  await shows(READER_ZH);
  assert.equal(await run(() => window.visitMarker), null);
});
