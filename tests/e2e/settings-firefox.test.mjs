// The reading settings in Firefox ESR (issue 11, item 2), through geckodriver as the other
// Firefox files do: choosing the dark theme in the 设置 panel applies it at once, and it is
// still there, put on the page before the reader starts, after the page is loaded again.
// Every wait polls a condition in the page, with a deadline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firefoxSuite } from './geckodriver.mjs';

const TEST_TIMEOUT = { timeout: 90_000 };

// The release build served and one Firefox session, for every test here.
const suite = firefoxSuite();

/** The body text's ground: the first opaque background at or above the first paragraph. */
function bodyGround() {
  let el = document.querySelector('.ar-body p');
  while (el && /rgba\(.*,\s*0\)$|^transparent$/.test(getComputedStyle(el).backgroundColor)) el = el.parentElement;
  return el ? getComputedStyle(el).backgroundColor : null;
}

test('Firefox: choosing dark in the settings panel applies it and it survives a reload', TEST_TIMEOUT, async () => {
  const { call, run, until, session } = suite.firefox;
  await call('POST', `/session/${session}/url`, { url: `${suite.server.url}/` });
  await until('the article', () => document.querySelector('.article-reader[data-state="ready"] .ar-headline'));
  await run(() => localStorage.clear());
  assert.equal(await run(bodyGround), 'rgb(255, 255, 255)', 'light before any choice');

  await run(() => document.querySelector('.ar-settings-toggle').click());
  await until('the open panel', () => document.querySelector('.ar-settings-theme input[value="dark"]'));
  assert.equal(await run(() => document.querySelector('.ar-settings-toggle').getAttribute('aria-expanded')), 'true');
  await run(() => document.querySelector('.ar-settings-theme input[value="dark"]').click());
  await until('the dark theme on the page', () => document.documentElement.dataset.arTheme === 'dark');
  assert.equal(await run(bodyGround), 'rgb(23, 25, 28)', 'the dark ground');
  assert.equal(await run(() => localStorage.getItem('article-reader.theme')), 'dark');

  await call('POST', `/session/${session}/refresh`, {});
  await until('the article again', () => document.querySelector('.article-reader[data-state="ready"] .ar-headline'));
  assert.equal(await run(() => document.documentElement.dataset.arTheme), 'dark');
  assert.equal(await run(bodyGround), 'rgb(23, 25, 28)');
  await run(() => document.querySelector('.ar-settings-toggle').click());
  await until('the open panel', () => document.querySelector('.ar-settings-theme input:checked'));
  assert.equal(await run(() => document.querySelector('.ar-settings-theme input:checked').value), 'dark');
  await run(() => localStorage.clear());
});
