// The accessibility audit across the reader's comfort settings, in the release build (dist/,
// from `trunk build --release`): axe-core reports nothing in every theme × {default size,
// largest size} × {phone, desktop}, and in elder mode on both. Issue 11 asks for exactly this
// matrix; the themes' own contrast is measured, colour by colour, in themes.test.mjs.
//
// A theme is the reader's earlier choice, stored under the key the reader itself uses before
// the page loads; the largest size is reached with T+ until the button says it can go no
// further. Every wait is for a condition in the page; nothing sleeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const THEMES = ['light', 'sepia', 'dark', 'contrast'];
const DEVICES = {
  phone: { width: 375, height: 740 },
  desktop: { width: 1280, height: 900 },
};
let server;
let browser;

before(async () => {
  server = await serve('dist');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The WCAG 2.x A and AA rules' violations in the reader, one line each. */
async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('.article-reader'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** A standalone page at `path` in `theme` (none: the default) on `device`, shown. */
async function open(path, theme, device) {
  // The audit script is injected into the page, which the page's own CSP would rightly refuse.
  const context = await browser.newContext({ viewport: DEVICES[device], bypassCSP: true });
  if (theme) {
    await context.addInitScript((chosen) => window.localStorage.setItem('article-reader.theme', chosen), theme);
  }
  const page = await context.newPage();
  await page.goto(server.url + path);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  return { page, context };
}

/** Presses T+ until it is marked unavailable; returns how many presses that took. */
async function largest(page) {
  const bigger = page.locator('button.ar-bigger');
  let presses = 0;
  while ((await bigger.getAttribute('aria-disabled')) !== 'true') {
    const before = await page.locator('.ar-size-status').textContent();
    await bigger.click();
    await page.waitForFunction((was) => document.querySelector('.ar-size-status').textContent !== was, before);
    presses += 1;
    assert.ok(presses < 20, 'T+ comes to an end');
  }
  return presses;
}

for (const theme of THEMES) {
  for (const device of Object.keys(DEVICES)) {
    test(`axe: ${theme} theme on a ${device}, at the default and the largest size`, async () => {
      const { page, context } = await open('/', theme, device);
      assert.deepEqual(await audit(page), [], 'default size');
      assert.ok(await largest(page) > 0);
      assert.deepEqual(await audit(page), [], 'largest size');
      await context.close();
    });
  }
}

for (const device of Object.keys(DEVICES)) {
  test(`axe: elder mode on a ${device}`, async () => {
    const { page, context } = await open('/?elder=1', null, device);
    assert.ok(await page.locator('.article-reader.ar-elder').count() === 1, 'elder mode is on');
    assert.deepEqual(await audit(page), []);
    await context.close();
  });
}
