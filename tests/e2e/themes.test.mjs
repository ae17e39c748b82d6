// End-to-end tests of the reading settings (issue 11, item 2) in the release build (dist/, from
// `trunk build --release`): every theme's text, headline, links, meta line and the settings
// panel's own text measured against their ground (WCAG 2 contrast, computed here from the
// browser's computed colours) and audited by axe-core on a phone and a desktop; the system's
// dark preference picks the dark theme when nothing is chosen; stored settings shape the static
// loading state while every other script is held back (so they were applied before the first
// paint); print is light; the 设置 panel works by keyboard alone, and what it sets survives a
// reload and a visit to another article; an embedded reader keeps its settings on its own root.
//
// Every wait is for a condition in the page, bounded by Playwright's timeout; nothing sleeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const STORAGE_KEY = 'article-reader.theme';
const THEMES = ['light', 'sepia', 'dark', 'contrast'];
const VIEWPORTS = { phone: { width: 375, height: 740 }, desktop: { width: 1280, height: 900 } };
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

/** A new context whose storage holds `theme` (if any) and the other `stored` settings
 *  (`{ 'article-reader.typeface': 'serif' }`) before the page's first script runs. */
async function contextWith(theme, options = {}, stored = {}) {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, ...options });
  const items = { ...stored, ...(theme ? { [STORAGE_KEY]: theme } : {}) };
  if (Object.keys(items).length > 0) {
    await context.addInitScript((entries) => {
      // Only once per context, so that a choice made later in the page survives a reload.
      if (!sessionStorage.getItem('seeded')) {
        for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, items);
  }
  return context;
}

/** Opens the settings panel of `scope` (a page or a locator) with its button. */
async function openSettings(scope) {
  const toggle = scope.locator('.ar-settings-toggle');
  await toggle.click();
  await scope.locator('.ar-settings-panel:not([hidden]) fieldset').first().waitFor();
  return toggle;
}

/** The value of the checked radio button of `group` (theme, typeface, spacing, width). */
function checked(scope, group) {
  return scope.locator(`.ar-settings-${group} input:checked`).getAttribute('value');
}

const html = (page, name) => page.evaluate((n) => document.documentElement.getAttribute(`data-ar-${n}`), name);

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
  'settings button': '.ar-settings-toggle',
  'settings legend': '.ar-settings-group legend',
  'settings choice': '.ar-settings-choice',
};

test('every theme on a phone and a desktop: text, links, meta line and the panel reach 4.5:1; axe-core finds nothing', async () => {
  const grounds = {};
  for (const theme of THEMES) {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      const what = `${theme}, ${device}`;
      // The audit script is injected into the page, which the page's own CSP would rightly refuse.
      const context = await contextWith(theme, { bypassCSP: true, viewport });
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForSelector('.article-reader[data-state="ready"] .ar-related a');
      assert.equal(await html(page, 'theme'), theme);
      // Open, so that its text is measured and audited too.
      await openSettings(page);
      assert.equal(await checked(page, 'theme'), theme);
      for (const [part, selector] of Object.entries(PARTS)) {
        const { text, ground } = await colours(page, selector);
        const ratio = contrast(text, ground);
        assert.ok(ratio >= 4.5, `${what}: ${part} ${text} on ${ground} is ${ratio.toFixed(2)}:1`);
      }
      grounds[theme] = (await colours(page, '.ar-headline')).ground;
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document.querySelector('.article-reader'), {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, [], what);
      // Nothing scrolls sideways on the phone with the panel open.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), what);
      await context.close();
    }
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
    assert.equal(await html(page, 'theme'), null);
    await openSettings(page);
    assert.equal(await checked(page, 'theme'), 'system');
    const { text, ground } = await colours(page, '.ar-body p');
    assert.equal(luminance(ground) < 0.05, dark, `${scheme}: ground ${ground}`);
    assert.ok(contrast(text, ground) >= 4.5, `${scheme}: ${text} on ${ground}`);
    await context.close();
  }
});

test('stored settings shape the loading state while every other script is held back', async () => {
  const context = await contextWith('dark', {}, {
    'article-reader.typeface': 'serif', 'article-reader.leading': 'loose', 'article-reader.measure': 'narrow',
  });
  const page = await context.newPage();
  const held = [];
  // Everything but the early settings script: the module, the reader's JS and its WebAssembly.
  await page.route((url) => /\.(js|wasm)$/.test(url.pathname) && !url.pathname.endsWith('/early.js'),
    (route) => { held.push(route); });
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await page.locator('#app .ar-loading').waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
  assert.ok(held.length >= 1, 'the scripts were held');
  assert.deepEqual(
    [await html(page, 'theme'), await html(page, 'typeface'), await html(page, 'leading'), await html(page, 'measure')],
    ['dark', 'serif', 'loose', 'narrow'],
  );
  const { text, ground } = await colours(page, '#app .ar-loading');
  assert.ok(luminance(ground) < 0.05, `the loading state's ground ${ground} is dark`);
  assert.ok(contrast(text, ground) >= 4.5, `${text} on ${ground}`);
  const face = await page.locator('#app .article-reader').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(face, /Noto Serif CJK SC/, 'the loading state is set in the serif face');
  await context.close();
});

test('storage that throws: the page paints with the defaults and the panel still works', async () => {
  const context = await contextWith(null);
  // A browser that refuses storage outright (as some privacy settings do): the getter throws.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('refused', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  assert.equal(await html(page, 'theme'), null);
  await openSettings(page);
  await page.locator('.ar-settings-theme input[value="dark"]').check();
  assert.equal(await html(page, 'theme'), 'dark', 'applied, though it cannot be remembered');
  assert.deepEqual(errors, []);
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

test('the panel by keyboard alone: open, choose in each group, Escape closes and returns focus', async () => {
  const context = await contextWith(null);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  const toggle = page.getByRole('button', { name: '设置' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('.ar-settings-panel input').count(), 0, 'nothing inside while closed');
  const status = page.locator('.ar-settings-status');
  assert.equal(await status.textContent(), '', 'nothing is announced before a choice');
  const before = await page.locator('.ar-body').evaluate((el) => el.getBoundingClientRect().width);

  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const panel = page.getByRole('group', { name: '阅读设置' });
  assert.equal(await panel.getAttribute('id'), await toggle.getAttribute('aria-controls'));
  // Tab reaches the checked radio of the first group; arrows move the choice (跟随系统 → 浅色
  // → 米黄), each applied as it is reached.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'system');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await html(page, 'theme'), 'sepia');
  assert.equal(await status.textContent(), '主题已切换为 米黄');
  // Each group by its name and role, its choices by theirs.
  assert.equal(await page.getByRole('radio', { name: '米黄' }).isChecked(), true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('group', { name: '字体' }).getByRole('radio', { name: '宋体' }).isChecked(), true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('radio', { name: '宽松' }).isChecked(), true);
  await page.keyboard.press('Tab');
  // From 宽 (the default) up two: 中, then 窄.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.getByRole('radio', { name: '窄' }).isChecked(), true);
  assert.deepEqual(
    [await html(page, 'typeface'), await html(page, 'leading'), await html(page, 'measure')],
    ['serif', 'loose', 'narrow'],
  );

  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('ar-settings-toggle')), true,
    'focus is back on the button');
  assert.equal(await page.locator('.ar-settings-panel').isHidden(), true);

  // What the choices did, measured: a serif face, lines 2.3 times the text size apart, and at
  // most 30 characters (30 em) a line, narrower than before.
  const body = await page.locator('.ar-body p').first().evaluate((p) => {
    const style = getComputedStyle(p);
    return { face: style.fontFamily, ratio: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
      width: p.getBoundingClientRect().width, em: parseFloat(style.fontSize) };
  });
  assert.match(body.face, /Noto Serif CJK SC/);
  assert.ok(Math.abs(body.ratio - 2.3) < 0.01, `line height ${body.ratio} em`);
  assert.ok(body.width <= 30 * body.em + 0.5 && body.width < before, `${body.width}px, ${before}px before`);
  await context.close();
});

test('settings survive a reload and a visit to another article; following the system forgets the theme', async () => {
  const context = await contextWith(null);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
  await openSettings(page);
  await page.locator('.ar-settings-theme input[value="dark"]').check();
  await page.locator('.ar-settings-typeface input[value="kai"]').check();
  await page.locator('.ar-settings-spacing input[value="compact"]').check();
  await page.locator('.ar-settings-width input[value="medium"]').check();
  assert.equal(await page.locator('.ar-settings-status').textContent(), '主题已切换为 深色');
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), 'dark');

  const expectRemembered = async (what) => {
    await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
    assert.deepEqual(
      [await html(page, 'theme'), await html(page, 'typeface'), await html(page, 'leading'), await html(page, 'measure')],
      ['dark', 'kai', 'compact', 'medium'], what);
    assert.ok(luminance((await colours(page, '.ar-body p')).ground) < 0.05, `${what}: dark`);
    assert.equal(await page.locator('.ar-settings-status').textContent(), '', `${what}: nothing announced`);
    await openSettings(page);
    assert.deepEqual(
      [await checked(page, 'theme'), await checked(page, 'typeface'), await checked(page, 'spacing'), await checked(page, 'width')],
      ['dark', 'kai', 'compact', 'medium'], what);
  };
  await page.reload();
  await expectRemembered('after a reload');
  await page.goto(`${server.url}/?article=static/articles/reader-zh.json`);
  await page.locator('.ar-headline', { hasText: '阅读器' }).first().waitFor();
  await expectRemembered('on another article');

  await page.locator('.ar-settings-theme input[value="system"]').check();
  assert.equal(await html(page, 'theme'), null);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null);
  assert.equal(await page.locator('.ar-settings-status').textContent(), '主题已切换为 跟随系统');
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
  await openSettings(one);
  await one.locator('.ar-settings-theme input[value="dark"]').check();
  await one.locator('.ar-settings-typeface input[value="serif"]').check();
  assert.equal(await one.locator('.ar-settings-status').textContent(), '主题已切换为 深色');
  const root = one.locator('.article-reader').first();
  assert.deepEqual([await root.getAttribute('data-ar-theme'), await root.getAttribute('data-ar-typeface')], ['dark', 'serif']);
  assert.ok(luminance((await colours(one, '.ar-body p')).ground) < 0.05, 'the chosen reader is dark');
  assert.equal((await colours(two, '.ar-body p')).ground, 'rgb(255, 255, 255)', 'the other stays light');
  assert.doesNotMatch(await two.locator('.ar-body p').first().evaluate((p) => getComputedStyle(p).fontFamily), /Serif/);
  assert.equal(await page.evaluate(() => document.documentElement.getAttributeNames().filter((n) => n.startsWith('data-')).length), 0);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'the host\'s storage is untouched');
  // The two readers' radio groups are their own: reader two's theme is still the system's.
  await openSettings(two);
  assert.equal(await checked(two, 'theme'), 'system');
  assert.equal(await checked(one, 'theme'), 'dark');
  // A new article in the same reader keeps its choice, and its new toolbar's panel shows it.
  await two.locator('.ar-settings-theme input[value="sepia"]').check();
  await page.evaluate(() => document.getElementById('reader-two').setAttribute('src', '/static/articles/seed.json'));
  await two.locator('.ar-headline', { hasText: '西藏' }).waitFor();
  await two.locator('.article-reader[data-state="ready"]').waitFor();
  assert.equal(await two.locator('.article-reader').first().getAttribute('data-ar-theme'), 'sepia');
  await openSettings(two);
  assert.equal(await checked(two, 'theme'), 'sepia');
  await context.close();
});
