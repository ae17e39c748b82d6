// End-to-end tests, in the release build (dist/, from `trunk build --release`), of the reading
// time, the reading-progress bar, the skip link and the error view in the reader's language
// (issue 11, items 6 and 8).
//
// The reading-time cases are articles built here with a known amount of text, and their
// expected minutes come from the rates the issue asked to state (255 Chinese characters, 228
// words a minute, rounded up), worked out by hand, not from the reader's code.
//
// Every wait is for a condition in the page, bounded by Playwright's timeout; nothing sleeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
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

/** A new page, recording errors and CSP violations. */
async function newPage({ viewport = { width: 1280, height: 900 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { page, context, problems };
}

/** Serves `article` at /static/articles/made.json for `page`. */
async function serveArticle(page, article) {
  await page.route('**/static/articles/made.json', (route) => route.fulfill({
    contentType: 'application/json', body: JSON.stringify(article),
  }));
}

/** An article of `headline` and a paragraph of each text in `texts`. */
function article(headline, texts, inLanguage) {
  return {
    schemaVersion: 1, headline, inLanguage, datePublished: '2026-11-26T08:00:00+08:00',
    body: [texts].flat().map((text) => ({ type: 'paragraph', content: [{ text }] })),
  };
}

/** The reading time shown for an article of `headline` and a paragraph of each of `texts`. */
async function readingTime(headline, texts, inLanguage) {
  const { page, context, problems } = await newPage();
  await serveArticle(page, article(headline, texts, inLanguage));
  await page.goto(`${server.url}/?article=static/articles/made.json`);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  const shown = await page.locator('.ar-meta .ar-reading-time').textContent();
  assert.deepEqual(problems, []);
  await context.close();
  return shown;
}

test('the reading time counts Chinese in characters and other text in words, rounded up', async () => {
  // 一二 + 508 ideographs = 510 characters: two minutes at 255 a minute exactly; punctuation
  // is not counted. One character more starts a third minute.
  const ideographs = (n) => '读'.repeat(n);
  assert.equal(await readingTime('一二', `${ideographs(250)}，${ideographs(258)}。`, 'zh-CN'),
    '阅读约 2 分钟');
  assert.equal(await readingTime('一二', `${ideographs(250)}，${ideographs(259)}。`, 'zh-CN'),
    '阅读约 3 分钟');
  // "Time" + 455 words = 456 words: two minutes at 228 a minute exactly.
  const words = (n) => Array.from({ length: n }, () => 'word').join(' ');
  assert.equal(await readingTime('Time', `${words(455)}.`, 'en'), '2 min read');
  assert.equal(await readingTime('Time', `${words(456)}.`, 'en'), '3 min read');
  // Mixed: 255 ideographs are a minute, 228 words another: two, not three.
  assert.equal(await readingTime('一', `${ideographs(254)} ${words(228)}`, 'zh-CN'),
    '阅读约 2 分钟');
  // A long body (over the 1,000 blocks counted as the page is drawn) is counted after the first
  // screen, every block of it: 2 + 1,528 = 1,530 characters are six minutes, one more seven.
  assert.equal(await readingTime('一二', Array(1528).fill('读'), 'zh-CN'), '阅读约 6 分钟');
  assert.equal(await readingTime('一二', Array(1529).fill('读'), 'zh-CN'), '阅读约 7 分钟');
});

/** The progress bar's drawn length as a fraction of its full length (its layout width,
 *  which the transform that draws the fraction does not change). */
function drawnFraction(page) {
  return page.locator('.ar-progress').evaluate((bar) =>
    bar.getBoundingClientRect().width / bar.offsetWidth);
}

test('the progress bar follows the scroll through the article, silently', async () => {
  const { page, context, problems } = await newPage({ viewport: { width: 375, height: 700 } });
  await page.goto(server.url + '/');
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  const bar = page.locator('.ar-progress');
  // Hidden from assistive technology, not focusable, and no live region.
  assert.equal(await bar.getAttribute('aria-hidden'), 'true');
  assert.equal(await bar.getAttribute('role'), null);
  assert.equal(await bar.getAttribute('tabindex'), null);
  assert.equal(await bar.locator('xpath=ancestor-or-self::*[@aria-live]').count(), 0);

  assert.equal(await drawnFraction(page), 0, 'nothing read at the top');
  const focused = await page.evaluate(() => document.activeElement?.tagName);
  // Halfway through the article's scrollable length, then its end.
  await page.evaluate(() => {
    const box = document.querySelector('.ar-article').getBoundingClientRect();
    window.scrollTo(0, window.scrollY + box.top + (box.height - window.innerHeight) / 2);
  });
  await page.waitForFunction(() => {
    const bar = document.querySelector('.ar-progress');
    const ratio = bar.getBoundingClientRect().width / bar.offsetWidth;
    return ratio > 0.45 && ratio < 0.55;
  });
  await page.evaluate(() => {
    const box = document.querySelector('.ar-article').getBoundingClientRect();
    window.scrollTo(0, window.scrollY + box.bottom);
  });
  await page.waitForFunction(() => {
    const bar = document.querySelector('.ar-progress');
    return bar.getBoundingClientRect().width >= bar.offsetWidth - 0.5;
  });
  assert.ok(await drawnFraction(page) > 0.99);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), focused,
    'scrolling moved no focus');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the skip link is the first stop and moves focus to the body without a history entry', async () => {
  const { page, context, problems } = await newPage();
  await page.goto(server.url + '/');
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  const entries = await page.evaluate(() => history.length);
  const skip = page.locator('a.ar-skip');
  assert.equal(await skip.textContent(), '跳到正文');
  assert.equal(await skip.isVisible(), true, 'in the page');
  const hidden = await skip.evaluate((a) => a.getBoundingClientRect().bottom);
  assert.ok(hidden <= 0, `off screen until focused (bottom at ${hidden})`);

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'ar-skip');
  const shown = await skip.evaluate((a) => a.getBoundingClientRect().top);
  assert.ok(shown >= 0, `on screen once focused (top at ${shown})`);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ar-article-body');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('ar-body')));
  assert.equal(new URL(page.url()).hash, '');
  assert.equal(await page.evaluate(() => history.length), entries);
  // The next Tab goes on from the body: to the first link in it, not back to the top.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() =>
    document.querySelector('.ar-body').contains(document.activeElement)
    || document.querySelector('.ar-body').compareDocumentPosition(document.activeElement)
      & Node.DOCUMENT_POSITION_FOLLOWING));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the error view is in the reader\'s language, with ways on and the detail folded away', async () => {
  const { page, context } = await newPage();
  await page.route('**/static/articles/down.json', (route) =>
    route.fulfill({ status: 503, contentType: 'text/plain', body: 'maintenance' }));
  await page.goto(`${server.url}/?article=static/articles/down.json`);
  await page.waitForSelector('.article-reader[data-state="failed"] .ar-error');
  const panel = page.locator('.ar-error');
  assert.equal(await panel.locator('h2').textContent(), '文章加载失败');
  assert.equal(await panel.locator('.ar-error-summary').textContent(), '服务器暂时出错，请稍后重试。');
  assert.equal(await panel.locator('.ar-error-hint').textContent(),
    '如果问题持续，请联系网站，并附上下面的技术信息。');
  // Everything shown is Chinese, but for the address asked for.
  const visible = await panel.evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.ar-address, details > :not(summary)').forEach((n) => n.remove());
    return copy.innerText ?? copy.textContent;
  });
  assert.doesNotMatch(visible, /[A-Za-z]{2,}/, visible);
  // The English detail waits, closed, under a label that says it is English.
  const details = panel.locator('details.ar-error-technical');
  assert.equal(await details.evaluate((d) => d.open), false);
  assert.equal(await details.locator('summary').textContent(), '技术信息（英文）');
  assert.equal(await panel.locator('.ar-error-detail').isVisible(), false);
  await details.locator('summary').click();
  assert.equal(await panel.locator('.ar-error-detail').isVisible(), true);
  assert.match(await panel.locator('.ar-error-detail').textContent(), /HTTP 503/);
  assert.equal(await panel.locator('.ar-error-detail').getAttribute('lang'), 'en');

  // The ways on: retry, and home, which leads to the home article in place.
  assert.equal(await panel.locator('button.ar-retry').textContent(), '重试');
  await page.evaluate(() => { window.stillHere = true; });
  await panel.locator('a.ar-home').click();
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await page.evaluate(() => window.stillHere), true, 'no page load');

  await context.close();
});

test('the error view passes the axe audit, its details closed and open', async () => {
  // The audit script is injected into the page, which the page's own CSP would rightly refuse.
  const { page, context } = await newPage({ bypassCSP: true });
  await page.route('**/static/articles/down.json', (route) =>
    route.fulfill({ status: 503, contentType: 'text/plain', body: 'maintenance' }));
  await page.goto(`${server.url}/?article=static/articles/down.json`);
  await page.waitForSelector('.article-reader[data-state="failed"] .ar-error');
  await page.addScriptTag({ path: AXE });
  const audit = () => page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('.article-reader'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(await audit(), [], 'details closed');
  await page.locator('details.ar-error-technical summary').click();
  assert.deepEqual(await audit(), [], 'details open');
  await context.close();
});

test('the home article\'s own failure offers no link to itself', async () => {
  const { page, context } = await newPage();
  await page.route('**/static/articles/seed.json', (route) =>
    route.fulfill({ status: 500, contentType: 'text/plain', body: 'down' }));
  await page.goto(server.url + '/');
  await page.waitForSelector('.article-reader[data-state="failed"] .ar-error');
  assert.equal(await page.locator('.ar-error button.ar-retry').count(), 1);
  assert.equal(await page.locator('.ar-error a.ar-home').count(), 0);
  await context.close();
});

test('an embedded reader has a skip link only when the host names the body\'s id', async () => {
  const { page, context, problems } = await newPage();
  await page.goto(`${server.url}/static/embed.html`);
  await page.locator('#reader-two .article-reader[data-state="ready"] .ar-headline').waitFor();
  await page.locator('#reader-one .article-reader[data-state="ready"] .ar-headline').waitFor();
  assert.equal(await page.locator('.ar-skip').count(), 0, 'no id of the host page is taken');
  assert.equal(await page.locator('.ar-body[id]').count(), 0);
  // The custom element's `body-id`: its reader loads again, with the link and the id.
  await page.evaluate(() => document.getElementById('reader-two').setAttribute('body-id', 'story'));
  const skip = page.locator('#reader-two a.ar-skip');
  await skip.waitFor({ state: 'attached' });
  assert.equal(await skip.getAttribute('href'), '#story');
  await skip.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'story');
  assert.equal(await page.locator('#reader-one .ar-skip').count(), 0, 'the other reader is untouched');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a host page\'s own data-theme on <html> does not reach an embedded reader', async () => {
  // Site generators and CSS kits (Docusaurus, daisyUI, Pico) put `data-theme` on <html> for
  // their own themes; the reader's settings use attributes of their own.
  const { page, context, problems } = await newPage({ colorScheme: 'light' });
  await page.goto(`${server.url}/static/embed.html`);
  const reader = page.locator('#reader-one > .article-reader[data-state="ready"]');
  await reader.waitFor();
  const background = () => reader.evaluate((el) => getComputedStyle(el).backgroundColor);
  const light = await background();
  await page.evaluate(() => {
    for (const [name, value] of [['theme', 'dark'], ['typeface', 'kai'], ['leading', 'loose']]) {
      document.documentElement.setAttribute(`data-${name}`, value);
    }
  });
  assert.equal(await background(), light);
  assert.equal(await reader.evaluate((el) => getComputedStyle(el.querySelector('.ar-body')).lineHeight),
    await page.evaluate(() => {
      document.documentElement.removeAttribute('data-leading');
      return getComputedStyle(document.querySelector('#reader-one .ar-body')).lineHeight;
    }));
  assert.deepEqual(problems, []);
  await context.close();
});
