// End-to-end tests of the reader's themes (issue 11, item 2) in the release build (dist/, from
// `trunk build --release`): every theme's text, headline, links and meta line measured against
// their ground (WCAG 2 contrast, computed here from the browser's computed colours) and audited
// by axe-core; the system's dark preference picks the dark theme when nothing is chosen; a
// stored choice colours the static loading state while every other script is held back (so it
// was applied before the first paint); print is light; a choice made in the toolbar is
// announced, and survives a reload.
//
// Every wait is for a condition in the page, bounded by Playwright's timeout; nothing sleeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const STORAGE_KEY = 'article-reader.theme';
const THEMES = ['light', 'sepia', 'dark', 'contrast'];
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

/** A new context whose storage holds `theme` (if any) before the page's first script runs. */
async function contextWith(theme, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  if (theme) {
    await context.addInitScript(([key, value]) => {
      // Only once per context, so that a choice made later in the page survives a reload.
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, [STORAGE_KEY, theme]);
  }
  return context;
}

/** The WCAG 2 relative luminance of an `rgb()` / `rgba()` colour string. */
function luminance(css) {
  const [r, g, b] = parseRgb(css).slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function parseRgb(css) {
  const match = css.match(/^rgba?\(([^)]+)\)$/);
  assert.ok(match, `an rgb() colour: ${css}`);
  const parts = match[1].split(/[,\s/]+/).filter(Boolean).map(Number);
  return parts.length === 3 ? [...parts, 1] : parts;
}

/** The WCAG 2 contrast ratio of two opaque colours. */
function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The colour of `selector`'s text and of the first opaque background at or above it. */
async function colours(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    let ground = el;
    while (ground && /rgba\(.*,\s*0\)$|^transparent$/.test(getComputedStyle(ground).backgroundColor)) {
      ground = ground.parentElement;
    }
    return {
      text: getComputedStyle(el).color,
      ground: ground ? getComputedStyle(ground).backgroundColor : 'rgb(255, 255, 255)',
    };
  });
}

const PARTS = {
  'body text': '.ar-body p',
  headline: '.ar-headline',
  link: '.ar-related a',
  'meta line': '.ar-meta',
  'theme control': '.ar-theme select',
};

test('every theme: text, headline, links and meta line reach 4.5:1, and axe-core finds nothing', async () => {
  const grounds = {};
  for (const theme of THEMES) {
    // The audit script is injected into the page, which the page's own CSP would rightly refuse.
    const context = await contextWith(theme, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.article-reader[data-state="ready"] .ar-related a');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    assert.equal(await page.locator('.ar-theme select').inputValue(), theme);
    for (const [part, selector] of Object.entries(PARTS)) {
      const { text, ground } = await colours(page, selector);
      const ratio = contrast(text, ground);
      assert.ok(ratio >= 4.5, `${theme}: ${part} ${text} on ${ground} is ${ratio.toFixed(2)}:1`);
    }
    grounds[theme] = (await colours(page, '.ar-headline')).ground;
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('.article-reader'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], theme);
    await context.close();
  }
  // The themes really differ: white, a tinted light ground, and two dark ones, black the darker.
  assert.equal(grounds.light, 'rgb(255, 255, 255)');
  assert.ok(luminance(grounds.sepia) < 1 && luminance(grounds.sepia) > 0.5, grounds.sepia);
  assert.ok(luminance(grounds.dark) < 0.05, grounds.dark);
  assert.equal(grounds.contrast, 'rgb(0, 0, 0)');
});

test('with no choice, the system\'s dark preference gives the dark theme, and light gives light', async () => {
  for (const [scheme, dark] of [['dark', true], ['light', false]]) {
    const context = await contextWith(null, { colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
    assert.equal(await page.locator('.ar-theme select').inputValue(), 'system');
    const { text, ground } = await colours(page, '.ar-body p');
    assert.equal(luminance(ground) < 0.05, dark, `${scheme}: ground ${ground}`);
    assert.ok(contrast(text, ground) >= 4.5, `${scheme}: ${text} on ${ground}`);
    await context.close();
  }
});

test('a stored choice colours the loading state while every other script is held back', async () => {
  const context = await contextWith('dark');
  const page = await context.newPage();
  const held = [];
  // Everything but the early theme script: the module, the reader's JS and its WebAssembly.
  await page.route((url) => /\.(js|wasm)$/.test(url.pathname) && !url.pathname.endsWith('/theme-early.js'),
    (route) => { held.push(route); });
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await page.locator('#app .ar-loading').waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
  assert.ok(held.length >= 1, 'the scripts were held');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const { text, ground } = await colours(page, '#app .ar-loading');
  assert.ok(luminance(ground) < 0.05, `the loading state's ground ${ground} is dark`);
  assert.ok(contrast(text, ground) >= 4.5, `${text} on ${ground}`);
  await context.close();
});

test('print uses the light theme whatever the screen shows', async () => {
  for (const theme of ['dark', 'contrast', 'sepia']) {
    const context = await contextWith(theme, { colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
    await page.emulateMedia({ media: 'print' });
    const { ground } = await colours(page, '.ar-body p');
    assert.equal(ground, 'rgb(255, 255, 255)', `${theme} prints on white`);
    const printed = await page.locator('.ar-body p').first()
      .evaluate((el) => getComputedStyle(el).color);
    assert.ok(luminance(printed) < 0.05, `${theme}: printed text ${printed} is dark`);
    await context.close();
  }
});

test('a choice in the toolbar applies at once, is announced once, and survives a reload', async () => {
  const context = await contextWith(null);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  const status = page.locator('.ar-theme-status');
  assert.equal(await status.textContent(), '', 'nothing is announced before a choice');
  // By keyboard first: the select, found by its visible label, moves down two choices (跟随系统
  // → 浅色 → 米黄), each applied as it is reached.
  const select = page.getByLabel('主题');
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await select.inputValue(), 'sepia');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'sepia');
  assert.equal(await status.textContent(), '主题已切换为 米黄');
  await select.selectOption('dark');
  assert.equal(await status.textContent(), '主题已切换为 深色');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), 'dark');
  assert.ok(luminance((await colours(page, '.ar-body p')).ground) < 0.05);

  await page.reload();
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await select.inputValue(), 'dark');
  assert.equal(await status.textContent(), '', 'a reload announces nothing');

  // Following the system again forgets the choice.
  await select.selectOption('system');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null);
  assert.equal(await status.textContent(), '主题已切换为 跟随系统');
  await context.close();
});

test('an embedded reader wears its choice on its own root: the host page and the other reader keep theirs', async () => {
  const context = await contextWith(null);
  const page = await context.newPage();
  await page.goto(`${server.url}/static/embed.html`);
  const one = page.locator('#reader-one');
  const two = page.locator('#reader-two');
  await one.locator('.ar-headline').waitFor();
  await two.locator('.ar-headline').waitFor();
  await one.locator('.ar-theme select').selectOption('dark');
  assert.equal(await one.locator('.ar-theme-status').textContent(), '主题已切换为 深色');
  assert.equal(await one.locator('.article-reader').first().getAttribute('data-theme'), 'dark');
  assert.ok(luminance((await colours(one, '.ar-body p')).ground) < 0.05, 'the chosen reader is dark');
  assert.equal((await colours(two, '.ar-body p')).ground, 'rgb(255, 255, 255)', 'the other stays light');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null);
  await context.close();
});
