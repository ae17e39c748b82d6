// Issue 10, item 3, in Firefox ESR (through geckodriver, as tests/e2e/firefox.test.mjs): T+
// works while a 10,000-paragraph article is still being added to the page, and once it is
// `ready` every paragraph is there and the browser's own search finds the last one. (Firefox
// has no Long Tasks API; the budget of a task is checked in Chromium, long-article.test.mjs.)
//
// The host page, its script and the article are written to a temporary folder served with the
// release build (dist/), since WebDriver cannot answer requests itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFirefox } from './geckodriver.mjs';
import { serve } from './server.mjs';

const HOOK_TIMEOUT = { timeout: 60_000 };
const TEST_TIMEOUT = { timeout: 180_000 };
const COUNT = 10_000;

let folder;
let server;
let firefox;

/** The text of paragraph `i` (from 1). */
const sentence = (i) => `Paragraph ${i}: a sentence of ordinary length for a long article, `;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'long-article-'));
  // The release build as it is (the module finds its Wasm at the top), and the long/ folder.
  for (const name of readdirSync('dist')) symlinkSync(resolve('dist', name), join(folder, name));
  mkdirSync(join(folder, 'long'));
  const body = [];
  for (let i = 1; i <= COUNT; i += 1) {
    body.push({
      type: 'paragraph',
      content: [{ text: sentence(i) }, { text: 'and a few bold words after it.', bold: true }],
    });
  }
  const json = JSON.stringify({
    schemaVersion: 1, headline: `An article of ${COUNT} paragraphs`, inLanguage: 'en',
    datePublished: '2026-11-25T10:00:00+08:00', body,
  });
  writeFileSync(join(folder, 'long', 'article.json'), json);
  writeFileSync(join(folder, 'long', 'host.js'), `import { mount } from '/static/article-reader.js';
mount(document.getElementById('r'), { src: '/long/article.json', maxBytes: ${json.length},
  limits: { blocks: ${COUNT} } });
`);
  writeFileSync(join(folder, 'long', 'index.html'), `<!doctype html><html lang="en"><head>
<meta charset="utf-8"><link rel="stylesheet" href="/static/article-reader.css">
<script type="module" src="/long/host.js"></script></head><body><div id="r"></div></body></html>
`);
  server = await serve(folder);
  firefox = await startFirefox({ untilMs: 30_000 });
}, HOOK_TIMEOUT);

after(async () => {
  await firefox?.quit();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, HOOK_TIMEOUT);

test('Firefox: T+ while a 10,000-paragraph article renders, and every paragraph at ready', TEST_TIMEOUT, async () => {
  const { call, run, until, session } = firefox;
  await call('POST', `/session/${session}/url`, { url: `${server.url}/long/index.html` });
  const stage = await until('the headline and first blocks', () => {
    const s = document.querySelector('.article-reader')?.dataset.state;
    return s === 'loading' ? false : s;
  });
  assert.equal(stage, 'rendering', 'the headline and first blocks come before the rest of the body');
  // Click T+ in the page, noting the reader's stage when its size status changes.
  await run(() => {
    const status = document.querySelector('.ar-size-status');
    const was = status.textContent;
    window.sizeBefore = parseFloat(getComputedStyle(document.querySelector('.ar-body p')).fontSize);
    new MutationObserver((records, observer) => {
      if (status.textContent === was) return;
      window.sizeChangedWhile = document.querySelector('.article-reader').dataset.state;
      observer.disconnect();
    }).observe(status, { subtree: true, childList: true, characterData: true });
    document.querySelector('.ar-bigger').click();
  });
  assert.equal(await until('the size status to change', () => window.sizeChangedWhile), 'rendering',
    'T+ answered while the body was still coming');
  const sizes = await run(() => [window.sizeBefore,
    parseFloat(getComputedStyle(document.querySelector('.ar-body p')).fontSize),
    document.querySelector('.ar-size-status').textContent]);
  assert.ok(sizes[1] > sizes[0] * 1.1, `T+ grew the text: ${sizes}`);
  assert.equal(sizes[2], 'Text size 115%');
  await until('ready', () => document.querySelector('.article-reader').dataset.state === 'ready');
  const found = await run((n) => {
    const paragraphs = [...document.querySelectorAll('.ar-body p')];
    return {
      count: paragraphs.length,
      last: paragraphs.at(-1)?.textContent,
      findLast: window.find(`Paragraph ${n}: a sentence`),
    };
  }, COUNT);
  assert.deepEqual(found, {
    count: COUNT, last: `${sentence(COUNT)}and a few bold words after it.`, findLast: true,
  });
});
