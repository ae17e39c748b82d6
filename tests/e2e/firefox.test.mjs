// End-to-end smoke tests of the release build in Firefox ESR. Playwright's Firefox needs its
// own patched build, which cannot be installed here, so these speak W3C WebDriver to Debian's
// firefox-esr through geckodriver directly. They cover what the wasm-bindgen tests cannot: the
// standalone page's external loader under the strict CSP, and the embed demo's module and
// custom element. Every wait polls a condition in the page, with a deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFirefox } from './geckodriver.mjs';
import { serve } from './server.mjs';

// Bounds for a hung geckodriver or browser: every request to it is awaited, so a hook or test
// that never returns fails by these instead of hanging the run.
const HOOK_TIMEOUT = { timeout: 60_000 };
const TEST_TIMEOUT = { timeout: 90_000 };

let server;
let firefox;
let session;

// Each of these speaks to the one Firefox session the hooks start.
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

test('Firefox: the standalone page shows the seed article and T+ works', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/` });
  const headline = await until('the headline', () => document.querySelector('.ar-headline')?.textContent);
  assert.equal(headline, '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基');
  assert.equal(await run(() => document.title), headline);
  assert.deepEqual(await run(() => [
    document.querySelectorAll('.ar-body > h2').length,
    document.querySelectorAll('.ar-body > p').length,
    document.querySelectorAll('.ar-sidebar .ar-more').length,
  ]), [6, 8, 4]);
  await run(() => document.querySelector('.ar-bigger').click());
  await until('the size to grow', () => document.querySelector('.ar-size-status').textContent === '字号 115%');
  await run(() => document.querySelector('.ar-smaller').click());
  await until('T- to shrink it back', () => document.querySelector('.ar-size-status').textContent === '字号 100%');
});

test('Firefox: the embed demo mounts a reader and the custom element', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/static/embed.html` });
  await until('both readers', () => document.querySelectorAll('.ar-headline').length === 2);
  assert.equal(
    await run(() => document.querySelector('#reader-two .ar-headline').textContent),
    'The article reader: a fast, safe article view for any site',
  );
  await run(() => document.getElementById('destroy-first').click());
  await until('the first reader to go', () => document.getElementById('reader-one').childElementCount === 0);
  assert.equal(await run(() => document.querySelectorAll('.article-reader').length), 1);
});

test('Firefox: reading time, the progress bar, the skip link and the error view', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/?article=static/articles/reader-en.json` });
  await until('the English article', () => document.querySelector('.article-reader[data-state="ready"]'));
  // The count itself is unit-tested; here: it is shown, in the article's language.
  assert.match(await run(() => document.querySelector('.ar-reading-time').textContent), /^\d+ min read$/);
  // Scrolled to the end of the article, the bar is drawn at its full length.
  await run(() => window.scrollTo(0, document.body.scrollHeight));
  await until('the bar to fill', () => {
    const bar = document.querySelector('.ar-progress');
    return bar.getBoundingClientRect().width >= bar.offsetWidth - 0.5;
  });
  assert.equal(await run(() => document.querySelector('.ar-progress').getAttribute('aria-hidden')), 'true');
  // The skip link focuses the body, and the address keeps no fragment.
  await run(() => document.querySelector('a.ar-skip').click());
  assert.equal(await run(() => document.activeElement.id), 'ar-article-body');
  assert.equal(await run(() => location.hash), '');
  // A failure is told in Chinese for the Chinese default, the English detail folded away.
  await call('POST', `/session/${session}/url`, { url: `${server.url}/?article=static/embed.html` });
  await until('the error view', () => document.querySelector('.article-reader[data-state="failed"]'));
  assert.deepEqual(await run(() => [
    document.querySelector('.ar-error h2').textContent,
    document.querySelector('.ar-error details.ar-error-technical').open,
    document.querySelector('.ar-error details .ar-error-detail').getAttribute('lang'),
    Boolean(document.querySelector('.ar-error a.ar-home')),
  ]), ['文章加载失败', false, 'en', true]);
});
