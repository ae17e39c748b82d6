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
import { NOTE_FIRST_PARAGRAPH, PRESS_WHILE_RENDERING, longArticle, sentence } from './long-article.mjs';

const HOOK_TIMEOUT = { timeout: 60_000 };
const TEST_TIMEOUT = { timeout: 180_000 };
const COUNT = 10_000;

let folder;
let server;
let firefox;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'long-article-'));
  // The release build as it is (the module finds its Wasm at the top), and the long/ folder.
  for (const name of readdirSync('dist')) symlinkSync(resolve('dist', name), join(folder, name));
  mkdirSync(join(folder, 'long'));
  const json = longArticle(COUNT);
  writeFileSync(join(folder, 'long', 'article.json'), json);
  // The host page presses T+ as soon as the reader says `rendering` (WebDriver's own click
  // could come after the whole body is on the page).
  writeFileSync(join(folder, 'long', 'host.js'), `import { mount } from '/static/article-reader.js';
(${PRESS_WHILE_RENDERING})();
(${NOTE_FIRST_PARAGRAPH})();
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
  // The host page pressed T+ as soon as the reader said `rendering`, with the headline and
  // first blocks on the page.
  const pressed = await until('the size status to change', () => window.pressed?.changedWhile && window.pressed);
  assert.equal(pressed.changedWhile, 'rendering', 'T+ answered while the body was still coming');
  const sizes = await run(() => [parseFloat(getComputedStyle(document.querySelector('.ar-body p')).fontSize),
    document.querySelector('.ar-size-status').textContent]);
  assert.ok(sizes[0] > pressed.sizeBefore * 1.1, `T+ grew the text: ${pressed.sizeBefore}px to ${sizes[0]}px`);
  assert.equal(sizes[1], 'Text size 115%');
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
  // The first 64 paragraphs were shown before the rest was read (the whole's first slice is
  // 100), without the reading time, and the first of them is the same element at ready.
  const first = await run(() => ({ ...window.firstSeen, kept: document.querySelector('.ar-body p').seenFirst === true }));
  assert.deepEqual(first, { state: 'rendering', paragraphs: 64, readingTime: '', readingRoom: true, kept: true });
});
