// End-to-end tests of 分享 / Share in the release build (dist/, from `trunk build --release`):
// the QR code is screenshotted as the browser draws it and decoded with an independent decoder
// (jsQR, from npm, reading the PNG through pngjs), and the decoded text must be the page's
// address, also after client-side navigation; copy link with the browser's real clipboard;
// axe-core with the panel open; the panel on a 320 px phone and in print.
//
// Every wait is for a condition in the page, bounded by Playwright's timeout; nothing sleeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import pngjs from 'pngjs';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const { PNG } = pngjs;
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

/** A new page at `path` with its article shown, recording errors and CSP violations. */
async function open(path, { viewport = { width: 1280, height: 900 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url + path);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  return { page, context, problems };
}

/** Opens the share panel (if it is not open) and returns it. */
async function openPanel(page) {
  const toggle = page.locator('button.ar-share-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const panel = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
  await panel.waitFor({ state: 'visible' });
  return panel;
}

/** The text in the QR code as drawn on screen, read by jsQR from a screenshot. */
async function decodeQr(page, shot) {
  const png = PNG.sync.read(await page.locator('svg.ar-share-qr').screenshot({ path: shot }));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, `a QR code was found in ${shot}`);
  return code.data;
}

test('the QR code decodes to the page address, before and after client-side navigation', async () => {
  // A query with percent-encoded Chinese (来源=微信), as a link shared in WeChat would carry.
  const { page, context, problems } = await open(
    '/?article=static/articles/seed.json&from=%E5%BE%AE%E4%BF%A1');
  await openPanel(page);
  const address = page.url();
  assert.match(address, /from=%E5%BE%AE%E4%BF%A1$/);
  assert.equal(await decodeQr(page, `${SHOTS}/share-qr.png`), address);
  assert.equal(await page.locator('svg.ar-share-qr').getAttribute('aria-label'), `二维码：${address}`);
  await page.locator('.article-reader').screenshot({ path: `${SHOTS}/share-panel-desktop.png` });

  // Copy (whether this headless browser allows it or not, a message says what happened).
  const status = page.locator('.ar-share-status');
  await page.locator('button.ar-share-copy').click();
  await page.waitForFunction(() => document.querySelector('.ar-share-status').textContent !== '');

  // Follow a link to another article in place: the address bar changes, and so does the code;
  // the message about the last page's address is gone.
  const link = page.locator('.ar-related a[href*="reader-zh.json"]').first();
  await link.click();
  await page.waitForURL(/reader-zh\.json$/);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  await openPanel(page);
  const next = page.url();
  assert.notEqual(next, address);
  assert.equal(await decodeQr(page, `${SHOTS}/share-qr-after-navigation.png`), next);
  assert.equal(await status.textContent(), '');
  assert.deepEqual(problems, [], 'no errors and no CSP violations');
  await context.close();
});

test('copy link puts the address on the clipboard and says so', async () => {
  const { page, context, problems } = await open('/?article=static/articles/reader-en.json');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await panel.locator('.ar-share-status', { hasText: 'Link copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 320 px phone the open panel fits, its controls are 44 px targets, and print hides it', async () => {
  const { page, context } = await open('/?article=static/articles/reader-zh.json',
    { viewport: { width: 320, height: 640 } });
  const panel = await openPanel(page);
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no horizontal scrolling');
  for (const button of await page.locator('.ar-share-toggle, .ar-share-panel button').all()) {
    const box = await button.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `${await button.textContent()}: ${box.width}×${box.height}`);
  }
  const qr = await page.locator('svg.ar-share-qr').boundingBox();
  const panelBox = await panel.boundingBox();
  assert.ok(qr.x >= panelBox.x && qr.x + qr.width <= panelBox.x + panelBox.width, 'the code is inside the panel');
  assert.equal(await decodeQr(page, `${SHOTS}/share-qr-phone.png`), page.url());
  await page.screenshot({ path: `${SHOTS}/share-panel-phone.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await panel.isVisible(), false, 'print hides the panel');
  await context.close();
});

test('no accessibility violations (axe-core) with the panel open, also after a refused copy', async () => {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const views = [
    ['/', { width: 1280, height: 900 }],
    ['/?article=static/articles/reader-en.json', { width: 390, height: 844 }],
    ['/?article=static/articles/reader-zh.json', { width: 320, height: 640 }],
  ];
  for (const [path, viewport] of views) {
    // The audit script is injected into the page, which the page's own CSP would rightly refuse.
    const { page, context } = await open(path, { viewport, bypassCSP: true });
    // A browser that refuses the clipboard: the address is then shown in a field to copy from.
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) },
    }));
    const panel = await openPanel(page);
    await page.addScriptTag({ path: axePath });
    const audit = () => page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('.article-reader'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(await audit(), [], `${path} at ${viewport.width}px, panel open`);
    await panel.locator('button.ar-share-copy').click();
    const field = panel.locator('input[readonly]');
    await field.waitFor();
    assert.equal(await field.inputValue(), page.url());
    assert.deepEqual(await audit(), [], `${path} at ${viewport.width}px, after a refused copy`);
    // Escape returns focus to the share button.
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('button.ar-share-toggle').getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'ar-share-toggle');
    await context.close();
  }
});
