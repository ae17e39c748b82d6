// A real trap inside the WebAssembly instance, and every reader on the page recovering from it
// (issue 8: "a trap never leaves a reader loading or dead"). Release build (dist/, from
// `trunk build --release`), headless Chromium driven by playwright-core.
//
// The product has no test hook: the page wraps WebAssembly.instantiateStreaming/instantiate
// before the reader starts, only to keep each instance's exported memory. The test then grows
// the first instance's memory until the engine refuses more, so the next large allocation Rust
// asks for fails, which aborts: `RuntimeError: unreachable`, as an out-of-memory article does.
//
// Every wait is for a condition in the page, bounded by Playwright's timeout; nothing sleeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium.mjs';
import { serve, CSP } from './server.mjs';

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

const headline = (name) => JSON.parse(readFileSync(`static/articles/${name}.json`, 'utf8')).headline;

/** An article of about 0.95 MB, within every limit (and the 1 MiB fetch cap), far larger than
 *  what is left of a heap that cannot grow: loading it needs one allocation of its whole size. */
const BIG_HEADLINE = 'A long article that needs a large allocation';
const BIG = JSON.stringify({
  ...JSON.parse(readFileSync('static/articles/reader-en.json', 'utf8')),
  headline: BIG_HEADLINE,
  body: Array.from({ length: 470 }, (_, i) => ({
    type: 'paragraph', content: `Paragraph ${i}. ${'All work and no play. '.repeat(90)}`,
  })),
});
assert.ok(BIG.length > 900_000 && BIG.length < 1024 * 1024, `${BIG.length} bytes`);

/** Keeps the exported memory of every instance the page creates, in `window.memories`. */
function keepMemories() {
  window.memories = [];
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    window.memories.push(instance.exports.memory);
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...args) => streaming.apply(WebAssembly, args).then(keep);
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => instantiate.apply(WebAssembly, args).then(keep);
}

/** Grows instance `index`'s memory until the engine refuses one more page; returns pages. */
function exhaustMemory(index) {
  const memory = window.memories[index];
  for (let step = 65536; step >= 1;) {
    try {
      memory.grow(step);
    } catch {
      step = Math.floor(step / 2);
    }
  }
  return memory.buffer.byteLength / 65536;
}

/** A new page that keeps instance memories and records errors. */
async function open(options = {}) {
  const page = await browser.newPage(options);
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(keepMemories);
  return { page, problems };
}

/** Routes a file on the test server's origin, with the server's strict policy. */
function fulfill(route, contentType, body) {
  return route.fulfill({ status: 200, contentType, body, headers: { 'Content-Security-Policy': CSP } });
}

const HOST_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Three readers</title>
<link rel="stylesheet" href="/article-reader.css">
<script type="module" src="/trap-host.js"></script></head>
<body>
<div id="a"></div>
<div id="b"></div>
<article-reader id="c" src="/static/articles/reader-zh.json"></article-reader>
<div id="d"></div>
</body>
</html>
`;

const HOST_SCRIPT = `import { ready, mount } from '/static/article-reader.js';
await ready;
window.mountReader = mount;
window.handles = {
  a: mount(document.getElementById('a'), { src: '/static/articles/seed.json' }),
  b: mount(document.getElementById('b'), { src: '/static/articles/reader-en.json', lang: 'en' }),
};
`;

/** The trap every reader must survive, shown by pageerror or console: nothing else. */
function onlyTraps(problems) {
  return problems.filter((p) => !/unreachable|RuntimeError|WebAssembly instance trapped/.test(p));
}

test('a trap while one of three readers loads: it fails with a retry, the others come back', async () => {
  const { page, problems } = await open();
  await page.route('**/trap-host.html', (r) => fulfill(r, 'text/html; charset=utf-8', HOST_PAGE));
  await page.route('**/trap-host.js', (r) => fulfill(r, 'text/javascript', HOST_SCRIPT));
  await page.route('**/big.json', (r) => fulfill(r, 'application/json', BIG));
  await page.goto(`${server.url}/trap-host.html`);
  for (const id of ['a', 'b', 'c']) await page.locator(`#${id} .ar-headline`).waitFor();
  assert.equal(await page.evaluate(() => window.memories.length), 1);

  const pages = await page.evaluate(exhaustMemory, 0);
  assert.ok(pages >= 16384, `the memory grew to ${pages} pages before the engine refused`);
  await page.evaluate(() => window.handles.b.load({ src: '/big.json', lang: 'en' }));

  // The reader that was loading: failed, announced, with a retry, in its own language.
  const failed = page.locator('#b > .article-reader[data-state="failed"]');
  await failed.waitFor();
  assert.equal(await failed.getAttribute('lang'), 'en');
  assert.equal(await failed.locator('[role="alert"] h2').textContent(), 'The article could not be loaded');
  assert.match(await failed.locator('.ar-error-detail').textContent(), /RuntimeError: unreachable/);
  assert.equal(await failed.locator('button.ar-retry').textContent(), 'Retry');

  // The two others are back, on a second instance, each with the article it showed.
  await page.waitForFunction(() => window.memories.length === 2);
  for (const [id, name] of [['a', 'seed'], ['c', 'reader-zh']]) {
    const reader = page.locator(`#${id} > .article-reader[data-state="ready"]`);
    await reader.waitFor();
    assert.equal(await reader.locator('.ar-headline').textContent(), headline(name));
  }
  assert.equal(await page.locator('.ar-headline').count(), 2, 'nothing left of the dead readers');

  // They work: T+ enlarges the text, load() and a new src show another article.
  const size = () => page.locator('#a .ar-body p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  const before = await size();
  await page.locator('#a .ar-bigger').click();
  await page.locator('#a .ar-size-status', { hasText: '字号 115%' }).waitFor();
  assert.ok(await size() > before, `${await size()}px after T+, ${before}px before`);
  await page.evaluate(() => window.handles.a.load({ src: '/static/articles/reader-en.json' }));
  await page.locator('#a .ar-headline', { hasText: headline('reader-en') }).waitFor();
  await page.evaluate(() => document.getElementById('c').setAttribute('src', '/static/articles/seed.json'));
  await page.locator('#c .ar-headline', { hasText: headline('seed') }).waitFor();

  // A new mount() works, and still throws for an element it cannot use, as before the trap.
  await page.evaluate(() => { window.handles.d = window.mountReader(document.getElementById('d'), '/static/articles/rich-zh.json'); });
  await page.locator('#d .ar-headline', { hasText: headline('rich-zh') }).waitFor();
  assert.equal(await page.evaluate(() => {
    try { window.mountReader(document.body, '/static/articles/seed.json'); return 'no error'; } catch (e) { return e.message; }
  }), 'mount(): not on document.body or document.documentElement; give an empty element of the reader\'s own');

  // Retry brings the failed reader back, on the fresh instance, with the article it was given.
  await failed.locator('button.ar-retry').click();
  await page.locator('#b .ar-headline', { hasText: BIG_HEADLINE }).waitFor();
  assert.equal(await page.evaluate(() => window.memories.length), 2, 'no third instance');
  assert.equal(await page.evaluate(() => Object.values(window.handles).some((h) => h.destroyed)), false);

  // Handles still destroy their readers.
  await page.evaluate(() => window.handles.b.destroy());
  await page.locator('#b .article-reader').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.handles.b.destroyed), true);
  assert.deepEqual(onlyTraps(problems), [], 'no error other than the trap');
  await page.close();
});

test('the standalone page shows a trap while loading as an error, and retry recovers', async () => {
  const { page, problems } = await open();
  // The article's answer waits until the memory is exhausted, so its allocation is the one
  // that fails.
  let release;
  const exhausted = new Promise((resolve) => { release = resolve; });
  // A predicate, not a glob: "**/big.json" would also match the page's own address.
  const big = (url) => url.pathname === '/big.json';
  await page.route(big, async (r) => { await exhausted; await fulfill(r, 'application/json', BIG); });
  const requested = page.waitForRequest((r) => big(new URL(r.url())));
  // Not until "load": the article's answer is held back, and the page's load waits for it.
  await page.goto(`${server.url}/?article=/big.json`, { waitUntil: 'commit' });
  await requested;
  await page.waitForFunction(() => window.memories?.length === 1);
  await page.evaluate(exhaustMemory, 0);
  release();

  const failed = page.locator('#app > .article-reader[data-state="failed"]');
  await failed.waitFor();
  assert.equal(await failed.getAttribute('lang'), 'zh-CN');
  assert.equal(await failed.locator('[role="alert"] h2').textContent(), '文章加载失败');
  assert.equal(await failed.locator('button.ar-retry').textContent(), '重试');
  await page.waitForFunction(() => window.memories.length === 2);

  await failed.locator('button.ar-retry').click();
  await page.locator('#app .ar-headline', { hasText: BIG_HEADLINE }).waitFor();
  assert.equal(await page.title(), BIG_HEADLINE);
  assert.deepEqual(onlyTraps(problems), [], 'no error other than the trap');
  await page.close();
});

/**
 * Mounts readers in new elements until one mount traps inside the call (each mount allocates;
 * on an exhausted instance one finds no memory). The trapped one's element gets id `trapped`.
 * With `thenOnBody`, it then mounts on document.body at once, while the fresh instance starts
 * (`window.bodyHandle`).
 */
async function mountUntilTrap({ thenOnBody } = {}) {
  const { mount } = await import('/static/article-reader.js');
  for (let i = 0; i < 10_000; i += 1) {
    const slot = document.createElement('div');
    slot.className = 'extra';
    document.body.append(slot);
    let handle;
    try {
      handle = mount(slot, '/static/articles/reader-en.json');
    } catch (error) {
      return `mount() threw ${error}`;
    }
    if (slot.querySelector(':scope > .article-reader[data-state="failed"]')) {
      document.getElementById('trapped')?.removeAttribute('id');
      slot.id = 'trapped';
      window.trappedHandle = handle;
      if (thenOnBody) window.bodyHandle = mount(document.body, '/static/articles/seed.json');
      return `failed at mount ${i + 1}, destroyed: ${handle.destroyed}`;
    }
  }
  return 'no mount trapped';
}

test('a trap inside mount() itself: the call returns a handle whose reader fails with a retry', async () => {
  const { page, problems } = await open();
  await page.goto(`${server.url}/static/embed.html`);
  for (const id of ['reader-one', 'reader-two']) await page.locator(`#${id} .ar-headline`).waitFor();
  await page.evaluate(exhaustMemory, 0);
  const outcome = await page.evaluate(mountUntilTrap, { thenOnBody: true });
  assert.match(outcome, /^failed at mount \d+, destroyed: false$/);
  // A mount() queued while the fresh instance starts cannot throw its refusal: it is reported
  // as an uncaught error once the instance has checked it, and the handle reads as destroyed.
  await page.waitForFunction(() => window.bodyHandle.destroyed);
  const refusal = 'mount(): not on document.body or document.documentElement; give an empty element of the reader\'s own';
  assert.ok(problems.includes(`pageerror: ${refusal}`), problems.join('\n'));
  assert.equal(await page.locator('h1', { hasText: 'Two readers on one host page' }).count(), 1,
    'the host page is untouched');
  const failed = page.locator('#trapped > .article-reader[data-state="failed"]');
  // No lang option, so the document's language: the demo page is English.
  assert.equal(await failed.locator('[role="alert"] h2').textContent(), 'The article could not be loaded');

  // Readers mounted before it that had not rendered yet were loading: they fail too. The demo's
  // two readers were showing their articles: they come back.
  for (const id of ['reader-one', 'reader-two']) {
    await page.locator(`#${id} > .article-reader[data-state="ready"] .ar-headline`).waitFor();
  }
  const states = await page.locator('.extra > .article-reader').evaluateAll((els) => els.map((e) => e.dataset.state));
  assert.ok(states.length > 0 && states.every((s) => s === 'failed'), states.join(' '));

  // load() on the failed reader's handle mounts it on the fresh instance with the new options.
  await page.evaluate(() => window.trappedHandle.load({ src: '/static/articles/seed.json' }));
  await page.locator('#trapped .ar-headline', { hasText: headline('seed') }).waitFor();
  assert.equal(await page.evaluate(() => window.memories.length), 2);
  assert.deepEqual(onlyTraps(problems), [`pageerror: ${refusal}`], 'no error other than the trap');
  await page.close();
});

test('a reader is brought back on its own once: caught by a second trap, it waits for a retry', async () => {
  const { page, problems } = await open();
  // The big article is held back until the memory is exhausted, so that the trap comes from
  // its allocation while reader two shows that it is loading, and not from whichever smaller
  // allocation happens to come first after the exhaustion (which depends on the heap's layout).
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route((url) => url.pathname === '/big.json', async (r) => {
    await held;
    await fulfill(r, 'application/json', BIG);
  });
  await page.goto(`${server.url}/static/embed.html`);
  for (const id of ['reader-one', 'reader-two']) await page.locator(`#${id} .ar-headline`).waitFor();
  await page.evaluate(() => document.getElementById('reader-two').setAttribute('src', '/big.json'));
  await page.locator('#reader-two > .article-reader[data-state="loading"]').waitFor();
  await page.evaluate(exhaustMemory, 0);
  release();
  await page.locator('#reader-two > .article-reader[data-state="failed"]').waitFor();
  const one = page.locator('#reader-one > .article-reader');
  await page.locator('#reader-one > .article-reader[data-state="ready"] .ar-headline').waitFor();

  // A second trap, on the second instance, not of reader one's doing: it was brought back on
  // its own already, so now it shows the error instead of going round again.
  await page.evaluate(exhaustMemory, 1);
  assert.match(await page.evaluate(mountUntilTrap), /^failed at mount \d+/);
  await page.locator('#reader-one > .article-reader[data-state="failed"]').waitFor();
  assert.equal(await one.locator('button.ar-retry').count(), 1);
  await page.waitForFunction(() => window.memories.length === 3);

  // A person's retry counts as asking again: it brings the reader back.
  await one.locator('button.ar-retry').click();
  await page.locator('#reader-one > .article-reader[data-state="ready"] .ar-headline').waitFor();
  assert.deepEqual(onlyTraps(problems), [], 'no error other than the traps');
  await page.close();
});

test('a trap before a load() has been shown: the reader counts as loading, and fails with a retry', async () => {
  // Rust takes a load() up in a render it schedules for later; until then the root still says
  // `ready`, for the article before. Here the trap comes in that gap on every run, whatever the
  // heap holds: the load is asked, then, in the same task (so before any render), the memory is
  // exhausted and mounts are made until one traps inside the call. (A handle's load(), not an
  // attribute: the element takes a new src up a microtask later, which would be after the trap.)
  const { page, problems } = await open();
  await page.route((url) => url.pathname === '/big.json', (r) => fulfill(r, 'application/json', BIG));
  await page.goto(`${server.url}/static/embed.html`);
  for (const id of ['reader-one', 'reader-two']) await page.locator(`#${id} .ar-headline`).waitFor();
  await page.evaluate(async () => {
    window.mountReader = (await import('/static/article-reader.js')).mount;
    const slot = document.createElement('div');
    slot.id = 'asked';
    document.body.append(slot);
    window.askedHandle = window.mountReader(slot, { src: '/static/articles/seed.json' });
  });
  await page.locator('#asked > .article-reader[data-state="ready"] .ar-headline').waitFor();
  await page.evaluate(`window.exhaustMemory = ${exhaustMemory}`);
  const outcome = await page.evaluate(() => {
    window.askedHandle.load({ src: '/big.json', lang: 'en' });
    const shown = document.querySelector('#asked > .article-reader').dataset.state;
    window.exhaustMemory(0);
    for (let i = 0; i < 10_000; i += 1) {
      const slot = document.createElement('div');
      slot.className = 'extra';
      document.body.append(slot);
      window.mountReader(slot, '/static/articles/reader-en.json');
      if (slot.querySelector(':scope > .article-reader[data-state="failed"]')) return `${shown}, trapped at mount ${i + 1}`;
    }
    return `${shown}, no mount trapped`;
  });
  assert.match(outcome, /^ready, trapped at mount \d+$/, 'the root still showed the article before');

  // The reader asked for an article it never showed: it fails, and is not loaded again on its
  // own; the demo's two readers were showing their articles and come back.
  const asked = page.locator('#asked > .article-reader[data-state="failed"]');
  await asked.waitFor();
  assert.match(await asked.locator('.ar-error-detail').textContent(), /RuntimeError: unreachable/);
  for (const id of ['reader-one', 'reader-two']) {
    await page.locator(`#${id} > .article-reader[data-state="ready"] .ar-headline`).waitFor();
  }
  await page.waitForFunction(() => window.memories.length === 2);
  assert.equal(await page.locator('#asked .ar-headline').count(), 0, 'it was not loaded again');

  // A person's retry loads the article asked for, on the fresh instance.
  await asked.locator('button.ar-retry').click();
  await page.locator('#asked .ar-headline', { hasText: BIG_HEADLINE }).waitFor();
  assert.deepEqual(onlyTraps(problems), [], 'no error other than the trap');
  await page.close();
});

test('a fresh instance that cannot start: the readers waiting for it fail with a retry', async () => {
  // The accessibility audit below injects axe-core, which the page's CSP would rightly refuse;
  // the other cases keep the policy.
  const { page, problems } = await open({ bypassCSP: true });
  await page.route((url) => url.pathname === '/big.json', (r) => fulfill(r, 'application/json', BIG));
  // The second instance's module cannot be fetched (a network failure).
  const second = (url) => url.pathname === '/article-reader_bg.wasm' && url.searchParams.get('instance') === '2';
  await page.route(second, (r) => r.abort('internetdisconnected'));
  await page.goto(`${server.url}/static/embed.html`);
  for (const id of ['reader-one', 'reader-two']) await page.locator(`#${id} .ar-headline`).waitFor();
  await page.evaluate(exhaustMemory, 0);
  await page.evaluate(() => document.getElementById('reader-two').setAttribute('src', '/big.json'));

  // Reader one was showing its article and waited for the second instance, which never came.
  const one = page.locator('#reader-one > .article-reader[data-state="failed"]');
  await one.waitFor();
  assert.match(await one.locator('.ar-error-detail').textContent(), /fetch/i);
  await page.locator('#reader-two > .article-reader[data-state="failed"]').waitFor();

  // The error view this layer builds passes the audit the Rust reader's views pass.
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('#reader-one > .article-reader'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);

  // Retry starts a third instance, which can start.
  await one.locator('button.ar-retry').click();
  await page.locator('#reader-one > .article-reader[data-state="ready"] .ar-headline').waitFor();
  assert.equal(await page.evaluate(() => window.memories.length), 2, 'the first and the third');
  assert.deepEqual(onlyTraps(problems).filter((p) => !/instance=2|ERR_INTERNET_DISCONNECTED|fetch/.test(p)), [],
    'no error other than the trap and the refused fetch');
  await page.close();
});
