// The release build's wasm-bindgen glue is minified after Trunk wrote the page
// (scripts/minify-glue.mjs, a post_build hook): proof that every Subresource Integrity hash in
// dist/index.html still matches the file it names (a browser refuses a module that does not),
// that the minified glue exports what wasm-bindgen's own output exports, and that the script
// fixes the hash in either way Trunk writes the attribute. The pages that load the glue are
// tested by the other files here (the standalone page under its strict CSP among them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `sha384-<base64>` of a file, computed here rather than taken from the script under test. */
function sri(path) {
  return `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
}

/** Each `integrity` attribute of `html` with the href beside it. */
function integrities(html) {
  return [...html.matchAll(/<link\b[^>]*>/g)].flatMap(([tag]) => {
    const value = (name) => {
      const m = new RegExp(`\\s${name}=(?:"([^"]*)"|([^\\s>]+))`).exec(tag);
      return m && (m[1] ?? m[2]);
    };
    return value('integrity') ? [{ href: value('href'), integrity: value('integrity') }] : [];
  });
}

test('every integrity hash in dist/index.html matches the file it names', () => {
  const found = integrities(readFileSync('dist/index.html', 'utf8'));
  assert.ok(found.some((l) => l.href === '/article-reader.js'), 'the glue has its integrity attribute');
  for (const { href, integrity } of found) {
    assert.equal(integrity, sri(join('dist', href)), `integrity of ${href}`);
  }
});

test('the shipped glue is minified and exports what wasm-bindgen wrote', async (t) => {
  const original = 'target/wasm-bindgen/release/article-reader.js';
  if (!existsSync(original)) {
    t.skip(`${original} is missing: run trunk build --release first`);
    return;
  }
  const shipped = statSync('dist/article-reader.js').size;
  const written = statSync(original).size;
  // Terser takes it from about 71 KB to 31 KB; whitespace and comments alone would not.
  assert.ok(shipped < written * 0.6, `dist glue ${shipped} B against wasm-bindgen's ${written} B`);
  // Importing the glue only defines its functions; nothing runs until the host calls them.
  const names = async (path) => Object.keys(await import(pathToFileURL(resolve(path)).href)).sort();
  const exported = await names('dist/article-reader.js');
  assert.deepEqual(exported, await names(original));
  assert.ok(exported.includes('default') && exported.includes('mount'), exported.join(', '));
});

test('the script recomputes a quoted or unquoted hash and leaves other links alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minify-glue-'));
  try {
    copyFileSync('dist/article-reader.js', join(dir, 'article-reader.js'));
    const stale = 'sha384-stale';
    const page = (quote) => '<!doctype html><html><head>'
      + '<link href=static/article-reader.js rel=modulepreload>'
      + `<link crossorigin href=/article-reader.js integrity=${quote}${stale}${quote} rel=modulepreload>`
      + `<link href=/other.css integrity=${quote}${stale}${quote} rel=stylesheet>`
      + '</head></html>';
    for (const quote of ['', '"']) {
      writeFileSync(join(dir, 'index.html'), page(quote));
      const run = spawnSync(process.execPath, ['scripts/minify-glue.mjs', dir], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const found = integrities(readFileSync(join(dir, 'index.html'), 'utf8'));
      assert.deepEqual(found, [
        { href: '/article-reader.js', integrity: sri(join(dir, 'article-reader.js')) },
        { href: '/other.css', integrity: stale },
      ], `attribute written with quote ${JSON.stringify(quote)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
