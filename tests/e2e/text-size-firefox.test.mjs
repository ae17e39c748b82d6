// Issue 11 items 1 and 3 in Firefox ESR (through geckodriver, as tests/e2e/firefox.test.mjs):
// T+ scales the headline with the body, and elder mode (长者模式) switches on from the toolbar
// and from `?elder=1`. The expected sizes come from the issue: an 18 px body by default, at
// least 30 px in elder mode, the headline the largest text. Every wait polls the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firefoxSuite } from './geckodriver.mjs';

const TEST_TIMEOUT = { timeout: 90_000 };

// The release build served and one Firefox session, for every test here.
const suite = firefoxSuite();

/** The font sizes in px of the headline, the first body paragraph and the breadcrumb. */
const sizes = () => suite.firefox.run(() => {
  const px = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
  return { headline: px('.ar-headline'), body: px('.ar-body > p'), breadcrumb: px('.ar-breadcrumb') };
});

test('Firefox: T+ scales the headline with the body, and elder mode makes the text large', TEST_TIMEOUT, async () => {
  const { call, run, until, session } = suite.firefox;
  await call('POST', `/session/${session}/url`, { url: `${suite.server.url}/?elder=0` });
  await until('the headline', () => document.querySelector('.ar-headline')?.textContent);
  // A page of its own may remember another size: start from the default.
  await run(() => document.querySelector('.ar-size-reset').click());
  await until('the default size', () => document.querySelector('.ar-size-status').textContent === '字号 100%');
  const base = await sizes();
  assert.equal(base.body, 18);
  await run(() => document.querySelector('.ar-bigger').click());
  await until('the size to grow', () => document.querySelector('.ar-size-status').textContent === '字号 115%');
  const grown = await sizes();
  const factor = grown.body / base.body;
  assert.ok(factor > 1.05, `the body grew (${base.body} → ${grown.body})`);
  for (const part of ['headline', 'breadcrumb']) {
    assert.ok(Math.abs(grown[part] - base[part] * factor) < 0.05 * base[part] * factor,
      `${part} scales with the body: ${base[part]} → ${grown[part]}`);
  }
  assert.ok(grown.headline > grown.body);

  await run(() => document.querySelector('.ar-elder-switch').click());
  await until('elder mode', () => document.querySelector('.article-reader.ar-elder[data-elder="true"]'));
  const elder = await sizes();
  assert.ok(elder.body >= 30, `elder body ${elder.body}`);
  assert.ok(elder.headline > elder.body);
  assert.equal(await run(() => document.querySelector('.ar-elder-switch').getAttribute('aria-pressed')), 'true');
  const column = await run(() => {
    const main = document.querySelector('.ar-main').getBoundingClientRect();
    return document.querySelector('.ar-sidebar').getBoundingClientRect().top >= main.bottom;
  });
  assert.equal(column, true, 'one column: the sidebar after the article');
  await run(() => document.querySelector('.ar-elder-switch').click());
  await until('elder mode off', () => !document.querySelector('.article-reader.ar-elder')
    && document.querySelector('.ar-size-status').textContent === '字号 115%');

  // A link with ?elder=1 opens in elder mode.
  await call('POST', `/session/${session}/url`, { url: `${suite.server.url}/?elder=1` });
  await until('elder mode from the address', () => document.querySelector('.article-reader.ar-elder .ar-headline'));
  assert.ok((await sizes()).body >= 30);
});
