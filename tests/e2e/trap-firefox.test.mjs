// The trap of trap.test.mjs in Firefox ESR: SpiderMonkey's traps, stack traces and memory
// limits are its own, so recovery is checked there too. W3C WebDriver through geckodriver, as
// firefox.test.mjs does (Playwright's Firefox cannot be installed here). WebDriver has no
// init scripts, so the page itself loads, before the reader, a classic script that keeps each
// instance's memory: a host page of the test's, in a copy of dist/. Every wait polls a
// condition in the page, with a deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFirefox } from './geckodriver.mjs';
import { serve } from './server.mjs';

const HOOK_TIMEOUT = { timeout: 60_000 };
const TEST_TIMEOUT = { timeout: 120_000 };

let site;
let server;
let firefox;
let session;

const headline = (name) => JSON.parse(readFileSync(`static/articles/${name}.json`, 'utf8')).headline;
const BIG_HEADLINE = 'A long article that needs a large allocation';

/** The page's own copy of trap.test.mjs's keepMemories: a classic script, run before modules. */
const KEEP_MEMORIES = `window.memories = [];
(() => {
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    window.memories.push(instance.exports.memory);
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...args) => streaming.apply(WebAssembly, args).then(keep);
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => instantiate.apply(WebAssembly, args).then(keep);
})();
`;

const HOST_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Three readers</title>
<link rel="stylesheet" href="/article-reader.css">
<script src="/keep-memories.js"></script>
<script type="module" src="/trap-host.js"></script></head>
<body>
<div id="a"></div>
<div id="b"></div>
<article-reader id="c" src="/static/articles/reader-zh.json"></article-reader>
</body>
</html>
`;

const HOST_SCRIPT = `import { ready, mount } from '/static/article-reader.js';
await ready;
window.handles = {
  a: mount(document.getElementById('a'), { src: '/static/articles/seed.json' }),
  b: mount(document.getElementById('b'), { src: '/static/articles/reader-en.json', lang: 'en' }),
};
`;

// Each of these speaks to the one Firefox session the hooks start.
const call = (...args) => firefox.call(...args);
const run = (...args) => firefox.run(...args);
const until = (...args) => firefox.until(...args);

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'reader-trap-'));
  cpSync('dist', site, { recursive: true });
  writeFileSync(join(site, 'keep-memories.js'), KEEP_MEMORIES);
  writeFileSync(join(site, 'trap-host.html'), HOST_PAGE);
  writeFileSync(join(site, 'trap-host.js'), HOST_SCRIPT);
  writeFileSync(join(site, 'big.json'), JSON.stringify({
    ...JSON.parse(readFileSync('static/articles/reader-en.json', 'utf8')),
    headline: BIG_HEADLINE,
    body: Array.from({ length: 470 }, (_, i) => ({
      type: 'paragraph', content: `Paragraph ${i}. ${'All work and no play. '.repeat(90)}`,
    })),
  }));
  server = await serve(site);
  firefox = await startFirefox({ untilMs: 30_000 });
  session = firefox.session;
}, HOOK_TIMEOUT);

after(async () => {
  await firefox?.quit();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
}, HOOK_TIMEOUT);

test('Firefox: a trap while one of three readers loads; it fails with a retry, the others come back', TEST_TIMEOUT, async () => {
  await call('POST', `/session/${session}/url`, { url: `${server.url}/trap-host.html` });
  await until('three readers', () => document.querySelectorAll('.ar-headline').length === 3);
  assert.equal(await run(() => window.memories.length), 1);

  // Grows the first instance's memory until SpiderMonkey refuses one more page.
  const pages = await run(() => {
    const memory = window.memories[0];
    for (let step = 65536; step >= 1;) {
      try {
        memory.grow(step);
      } catch {
        step = Math.floor(step / 2);
      }
    }
    return memory.buffer.byteLength / 65536;
  });
  assert.ok(pages >= 16384, `the memory grew to ${pages} pages before the engine refused`);
  await run(() => window.handles.b.load({ src: '/big.json', lang: 'en' }));

  const failed = await until('reader b to fail', () => {
    const root = document.querySelector('#b > .article-reader[data-state="failed"]');
    return root && [root.querySelector('[role="alert"] h2').textContent,
      root.querySelector('.ar-error-detail').textContent, root.querySelector('button.ar-retry').textContent];
  });
  assert.equal(failed[0], 'The article could not be loaded');
  assert.match(failed[1], /RuntimeError/);
  assert.equal(failed[2], 'Retry');

  await until('a second instance', () => window.memories.length === 2);
  const back = await until('readers a and c back', () => {
    const a = document.querySelector('#a > .article-reader[data-state="ready"] .ar-headline');
    const c = document.querySelector('#c > .article-reader[data-state="ready"] .ar-headline');
    return a && c && [a.textContent, c.textContent];
  });
  assert.deepEqual(back, [headline('seed'), headline('reader-zh')]);

  await run(() => document.querySelector('#a .ar-bigger').click());
  await until('T+ on reader a', () => document.querySelector('#a .ar-size-status').textContent === '字号 115%');
  await run(() => document.querySelector('#b button.ar-retry').click());
  const big = await until('reader b\'s article', () => document.querySelector('#b .ar-headline')?.textContent);
  assert.equal(big, BIG_HEADLINE);
  assert.equal(await run(() => window.memories.length), 2, 'no third instance');
});
