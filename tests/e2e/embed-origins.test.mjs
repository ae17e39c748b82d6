// The README's embedding instructions, tested as a site would follow them: every snippet under
// "Embedding" is taken from README.md verbatim (the `<!-- snippet: NAME -->` markers), put in a
// host page, and served with the Content-Security-Policy the README states for that case, both
// with the reader on the page's own origin and with the reader's files and articles on another
// origin. If an instruction stops working (a snippet, the policy, the CORS advice), these fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

/** The README's placeholder for the origin that serves the reader's files and articles. */
const READER_ORIGIN = 'https://reader.example.org';

/** Every `<!-- snippet: NAME [PATH] -->` of README.md with the fenced block that follows it. */
function readmeSnippets() {
  const readme = readFileSync('README.md', 'utf8');
  const found = new Map();
  const pattern = /<!-- snippet: (\S+)(?: (\S+))? -->\n```[a-z]*\n([\s\S]*?)```/g;
  for (const [, name, path, body] of readme.matchAll(pattern)) found.set(name, { path, body });
  return found;
}

const snippets = readmeSnippets();
function snippet(name) {
  const s = snippets.get(name);
  assert.ok(s, `README.md has no snippet "${name}"`);
  return s;
}

/** A minimal host page around a snippet of body markup. */
function hostPage(markup) {
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Host page</title></head>\n`
    + `<body>\n<h1>A host page</h1>\n${markup}</body>\n</html>\n`;
}

let work;
let browser;
const servers = [];

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'reader-embed-'));
  // The files the README tells a site to copy from dist/, plus articles where the snippets
  // expect them.
  const site = join(work, 'site');
  mkdirSync(join(site, 'static'), { recursive: true });
  for (const file of ['article-reader.js', 'article-reader_bg.wasm', 'article-reader.css',
    'static/article-reader.js']) {
    cpSync(join('dist', file), join(site, file));
  }
  cpSync('static/articles', join(site, 'articles'), { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  if (work) rmSync(work, { recursive: true, force: true });
});

async function start(root, options) {
  const server = await serve(root, options);
  servers.push(server);
  return server;
}

/**
 * Writes files (path → text) under `root`, with an empty favicon: the browser asks every origin
 * for one, and its 404 would read as an error of the page.
 */
function write(root, files) {
  for (const [path, text] of Object.entries({ 'favicon.ico': '', ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Opens a page, recording console errors (CSP refusals among them) and failed requests. */
async function open(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url);
  return { page, problems };
}

const SEED_HEADLINE = '牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基';

/** Opens `url` and asserts that the reader inside `slot` shows the seed, with no error at all. */
async function assertShowsSeed(url, slot) {
  const { page, problems } = await open(url);
  const headline = page.locator(`${slot} .ar-headline`);
  await headline.waitFor();
  assert.equal(await headline.textContent(), SEED_HEADLINE);
  assert.deepEqual(problems, [], 'no errors and no CSP violations');
  await page.close();
}

test('the element snippet works on the reader\'s own origin under the stated policy', async () => {
  const site = join(work, 'site');
  write(site, { 'element.html': hostPage(snippet('element-page').body) });
  const server = await start(site, {
    headers: { 'Content-Security-Policy': snippet('csp-same-origin').body.trim() },
  });
  await assertShowsSeed(`${server.url}/element.html`, 'article-reader');
});

test('the script snippet and its module work under the stated policy', async () => {
  const site = join(work, 'site');
  const module = snippet('script-module');
  assert.equal(module.path, '/js/story.js', 'the snippet names the file it belongs in');
  write(site, { 'script.html': hostPage(snippet('script-page').body), [module.path]: module.body });
  const server = await start(site, {
    headers: { 'Content-Security-Policy': snippet('csp-same-origin').body.trim() },
  });
  await assertShowsSeed(`${server.url}/script.html`, '#story');
});

test('reader files and articles on another origin work with the CORS header the README names', async () => {
  const reader = await start(join(work, 'site'), {
    host: '127.0.0.1', headers: { 'Access-Control-Allow-Origin': '*' },
  });
  const host = join(work, 'host-cors');
  const here = (text) => text.replaceAll(READER_ORIGIN, reader.url);
  write(host, { 'index.html': hostPage(here(snippet('cross-origin-page').body)) });
  // "localhost" and "127.0.0.1" are different origins for the browser.
  const page = await start(host, {
    host: 'localhost',
    headers: { 'Content-Security-Policy': here(snippet('csp-cross-origin').body.trim()) },
  });
  assert.notEqual(new URL(page.url).origin, new URL(reader.url).origin);
  await assertShowsSeed(`${page.url}/`, 'article-reader');
});

test('without the CORS header an article from another origin fails with a message naming CORS', async () => {
  // The reader's files are served as the README says; the article server forgets the header.
  const reader = await start(join(work, 'site'), { headers: { 'Access-Control-Allow-Origin': '*' } });
  const articles = await start(join(work, 'site'), { headers: {} });
  const host = join(work, 'host-no-cors');
  const markup = snippet('cross-origin-page').body
    .replaceAll(`${READER_ORIGIN}/articles/`, `${articles.url}/articles/`)
    .replaceAll(READER_ORIGIN, reader.url);
  const csp = snippet('csp-cross-origin').body.trim()
    .replace('connect-src', `connect-src ${articles.url}`)
    .replaceAll(READER_ORIGIN, reader.url);
  write(host, { 'index.html': hostPage(markup) });
  const page = await start(host, { host: 'localhost', headers: { 'Content-Security-Policy': csp } });
  const { page: tab } = await open(`${page.url}/`);
  const error = tab.locator('article-reader .ar-error');
  await error.waitFor();
  assert.match(await error.textContent(), /CORS/);
  await tab.close();
});
