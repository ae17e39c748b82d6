// Read aloud (issue 11, item 4) in Chromium, with a stubbed synthesizer (./speech-stub.mjs)
// installed before the page's scripts run: the order of the utterances (headline, then the
// body's blocks), their language and voice, the highlight and scrolling, pause / resume /
// stop, click-to-read (指读) and elder mode's hook, the message for a language with no voice,
// speech stopping when the article changes, a browser without speech, and axe.
//
// Every expectation comes from the article's JSON or from the labels the issue names, never
// from the reader's own output. Every wait is for a condition in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';
import { installSpeechStub, removeSpeech } from './speech-stub.mjs';

const SEED = JSON.parse(readFileSync('static/articles/seed.json', 'utf8'));
const READER_ZH = JSON.parse(readFileSync('static/articles/reader-zh.json', 'utf8'));
/** The seed's blocks as they are read: the headline, then each body block's text. */
const SEED_BLOCKS = [SEED.headline, ...SEED.body.map((block) => block.content)];
/** Limit of one utterance, from the brief (some engines drop longer ones). */
const MAX_UTTERANCE = 200;

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

/** A page with the stubbed synthesizer (voices of `voices`), or with none (`voices: null`). */
async function open(path, { voices = ['en-US', 'zh-TW', 'zh-CN'], viewport = { width: 1280, height: 700 } } = {}) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', bypassCSP: true });
  if (voices) await context.addInitScript(installSpeechStub, voices);
  else await context.addInitScript(removeSpeech);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url + path);
  await page.waitForSelector('.article-reader[data-state="ready"]');
  return { page, context, problems };
}

const button = (page, name) => page.getByRole('button', { name, exact: true });
const stub = (page) => page.evaluate(() => window.speechStub.stub);
const status = (page) => page.locator('.ar-aloud-status').textContent();
const reading = (page) => page.evaluate(() => [...document.querySelectorAll('.ar-reading')].map((e) => e.textContent));
const bare = (text) => text.replace(/\s+/g, '');

test('朗读 reads the headline, then the body blocks in order, in the article\'s language, highlighted and in view', async () => {
  const { page, context, problems } = await open('/');
  await button(page, '朗读').click();
  await page.waitForFunction(() => window.speechStub.stub.spoken.length === 1);
  assert.equal(await status(page), '开始朗读');
  assert.equal(await button(page, '朗读').getAttribute('aria-disabled'), 'true');
  assert.equal(await button(page, '暂停').getAttribute('aria-disabled'), null);
  // Each utterance is recorded with the one block highlighted while it is spoken; the groups
  // of utterances per block must be the article's blocks, in order.
  const groups = [];
  while (groups.length <= 6) {
    const { spoken } = await stub(page);
    const shown = await reading(page);
    assert.equal(shown.length, 1, 'one block is highlighted');
    if (groups.at(-1)?.block !== shown[0]) groups.push({ block: shown[0], texts: [] });
    groups.at(-1).texts.push(spoken.at(-1));
    const before = spoken.length;
    await page.evaluate(() => { window.speechStub.start(); window.speechStub.boundary(); window.speechStub.end(); });
    assert.equal((await stub(page)).spoken.length, before + 1, 'the next utterance follows the end of one');
  }
  groups.pop();
  assert.deepEqual(groups.map((g) => g.block), SEED_BLOCKS.slice(0, 6));
  for (const { block, texts } of groups) {
    assert.equal(bare(texts.map((t) => t.text).join('')), bare(block), 'a block is read whole');
    for (const t of texts) {
      assert.equal(t.lang, 'zh-CN');
      assert.equal(t.voice, 'zh-CN', 'the voice of the article\'s language, not zh-TW or en-US');
      assert.ok([...t.text].length <= MAX_UTTERANCE, `${[...t.text].length} characters`);
    }
  }
  assert.ok(groups[1].texts.length > 1, 'the long first paragraph is more than one utterance');
  // The block being read now (the seventh) is on screen, below where the page started.
  const box = await page.locator('.ar-reading').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: innerHeight, scrolled: scrollY };
  });
  assert.ok(box.scrolled > 0, 'the page scrolled');
  assert.ok(box.top >= 0 && box.bottom <= box.height, JSON.stringify(box));
  assert.deepEqual(problems, []);
  await context.close();
});

test('暂停 / 继续 pause and resume the synthesizer, 停止 cancels it and ends the highlight', async () => {
  const { page, context, problems } = await open('/');
  await button(page, '朗读').click();
  await page.waitForFunction(() => window.speechStub.stub.spoken.length === 1);
  await button(page, '暂停').click();
  assert.equal((await stub(page)).calls.at(-1), 'pause');
  // While paused the button says 继续.
  await button(page, '继续').click();
  assert.equal((await stub(page)).calls.at(-1), 'resume');
  await button(page, '暂停').waitFor();
  await button(page, '停止').click();
  assert.equal((await stub(page)).calls.at(-1), 'cancel');
  assert.deepEqual(await reading(page), []);
  assert.equal(await status(page), '朗读已停止');
  assert.equal(await button(page, '停止').getAttribute('aria-disabled'), 'true');
  assert.equal(await button(page, '暂停').getAttribute('aria-disabled'), 'true');
  assert.equal(await button(page, '朗读').getAttribute('aria-disabled'), null);
  // The cancelled utterance's events reach nothing: no further utterance.
  const count = (await stub(page)).spoken.length;
  await page.evaluate(() => window.speechStub.end());
  assert.equal((await stub(page)).spoken.length, count);
  // Stopping while paused resumes the synthesizer before cancelling it (Chrome keeps it
  // paused across cancel otherwise).
  await button(page, '朗读').click();
  await page.waitForFunction((n) => window.speechStub.stub.spoken.length === n + 1, count);
  await button(page, '暂停').click();
  await button(page, '停止').click();
  assert.deepEqual((await stub(page)).calls.slice(-3), ['pause', 'resume', 'cancel']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('指读: with the switch on, clicking a paragraph reads it alone, or reads on from it', async () => {
  const { page, context, problems } = await open('/');
  const point = button(page, '指读');
  assert.equal(await point.getAttribute('aria-pressed'), 'false');
  // Off: a click reads nothing.
  await page.locator('.ar-body > p').nth(2).click();
  assert.equal((await stub(page)).spoken.length, 0);
  await point.click();
  assert.equal(await point.getAttribute('aria-pressed'), 'true');
  const third = SEED.body.filter((b) => b.type === 'paragraph')[2].content;
  await page.locator('.ar-body > p').nth(2).click();
  await page.waitForFunction(() => window.speechStub.stub.spoken.length === 1);
  assert.deepEqual(await reading(page), [third]);
  const texts = [];
  for (;;) {
    const { spoken } = await stub(page);
    texts.push(spoken.at(-1).text);
    await page.evaluate(() => window.speechStub.end());
    if ((await stub(page)).spoken.length === spoken.length) break;
  }
  assert.equal(bare(texts.join('')), bare(third), 'that paragraph, and nothing after it');
  assert.equal(await status(page), '朗读完毕');
  assert.deepEqual(await reading(page), []);
  // While reading on from the headline, a click moves the reading to the block and on.
  await button(page, '朗读').click();
  await page.waitForFunction(() => window.speechStub.stub.spoken.at(-1).text !== undefined
    && document.querySelector('.ar-reading')?.classList.contains('ar-headline'));
  const fifth = SEED.body.filter((b) => b.type === 'paragraph')[4].content;
  await page.locator('.ar-body > p').nth(4).click();
  await page.waitForFunction((text) => document.querySelector('.ar-reading')?.textContent === text, fifth);
  assert.ok(bare(fifth).startsWith(bare((await stub(page)).spoken.at(-1).text)));
  const after = SEED.body[SEED.body.findIndex((b) => b.content === fifth) + 1].content;
  while ((await reading(page))[0] === fifth) await page.evaluate(() => window.speechStub.end());
  assert.deepEqual(await reading(page), [after]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('elder mode\'s hook: the class ar-elder on the reader turns 指读 on', async () => {
  const { page, context } = await open('/');
  await page.evaluate(() => document.querySelector('.article-reader').classList.add('ar-elder'));
  await page.waitForFunction(() => document.querySelector('.ar-aloud-point').getAttribute('aria-pressed') === 'true');
  await page.locator('.ar-body > h2').first().click();
  await page.waitForFunction(() => window.speechStub.stub.spoken.length === 1);
  assert.equal((await stub(page)).spoken[0].text, SEED.body.find((b) => b.type === 'heading').content);
  await context.close();
});

test('a browser with no voice for the article\'s language says so, and speaks with no other voice', async () => {
  const { page, context, problems } = await open('/', { voices: ['en-US', 'ja-JP'] });
  await button(page, '朗读').click();
  await page.waitForFunction(() => document.querySelector('.ar-aloud-status')?.textContent !== '');
  assert.equal(await status(page), '此浏览器没有可朗读中文的语音');
  assert.equal((await stub(page)).spoken.length, 0);
  assert.equal(await page.locator('.ar-aloud-status').isVisible(), true);
  assert.deepEqual(problems, []);
  await context.close();

  // An English article says it in English.
  const en = await open('/?article=static/articles/reader-en.json', { voices: ['zh-CN'] });
  await button(en.page, 'Read aloud').click();
  await en.page.waitForFunction(() => document.querySelector('.ar-aloud-status')?.textContent !== '');
  assert.equal(await status(en.page), 'This browser has no voice for English');
  await en.context.close();
});

test('moving to another article stops the reading: no utterance goes on over the next page', async () => {
  const { page, context, problems } = await open('/');
  await button(page, '朗读').click();
  await page.waitForFunction(() => window.speechStub.stub.spoken.length === 1);
  await page.evaluate(() => window.speechStub.end());
  const count = (await stub(page)).spoken.length;
  await page.locator('.ar-related a', { hasText: READER_ZH.headline }).click();
  await page.waitForFunction((text) => document.querySelector('.article-reader[data-state="ready"] h1')?.textContent === text,
    READER_ZH.headline);
  // The page was not loaded again (the stub's record survives), and the synthesizer was told
  // to drop what it had.
  const after = await stub(page);
  assert.equal(after.calls.at(-1), 'cancel');
  assert.equal(after.spoken.length, count);
  // The old utterance ending later starts nothing on the new page.
  await page.evaluate(() => window.speechStub.end());
  assert.equal((await stub(page)).spoken.length, count);
  assert.deepEqual(await reading(page), []);
  assert.equal(await button(page, '停止').getAttribute('aria-disabled'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the 繁/简 switch stops the reading too', async () => {
  const { page, context, problems } = await open('/');
  await button(page, '朗读').click();
  await page.waitForFunction(() => window.speechStub.stub.spoken.length === 1);
  await page.locator('.ar-zh-switch').click();
  await page.waitForFunction(() => document.querySelector('.article-reader').getAttribute('lang') === 'zh-Hant');
  assert.equal((await stub(page)).calls.at(-1), 'cancel');
  assert.deepEqual(await reading(page), []);
  assert.equal(await button(page, '朗讀').getAttribute('aria-disabled'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a browser without speechSynthesis shows no read-aloud controls and no error', async () => {
  const { page, context, problems } = await open('/', { voices: null });
  assert.equal(await page.locator('.ar-aloud, .ar-aloud-read').count(), 0);
  assert.equal(await page.locator('.ar-print').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('no accessibility violations (axe-core) with the controls shown, reading and 指读 on', async () => {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const { page, context } = await open('/', { viewport });
    await button(page, '指读').click();
    await button(page, '朗读').click();
    await page.waitForFunction(() => document.querySelector('.ar-reading'));
    await button(page, '暂停').click();
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('.article-reader'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `${viewport.width}px`);
    await context.close();
  }
});
