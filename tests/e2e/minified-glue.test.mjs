// The release build's glue is minified after Trunk wrote the page (scripts/minify-glue.mjs, a
// post_build hook: the names between the wasm and the JS, and the JS): proof that every
// Subresource Integrity hash in dist/index.html still matches the file it names (a browser
// refuses a module that does not), that the shipped wasm instantiates with the shipped glue and
// differs from wasm-opt's output only in its import and internal export names, that the minified glue exports what wasm-bindgen's own output
// exports, and that the script fixes the hash in either way Trunk writes the attribute. The pages
// that load the glue are tested by the other files here (the standalone page under its strict
// CSP among them).
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

/** A wasm module's sections, as [id, bytes] pairs (read here, not with the script's reader). */
function sections(bytes) {
  const found = [];
  let pos = 8;
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[pos++];
      value += (byte & 127) * 2 ** shift;
      if (!(byte & 128)) return value;
    }
  };
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = u32();
    found.push([id, bytes.subarray(pos, pos + size)]);
    pos += size;
  }
  return found;
}

test('the shipped wasm is wasm-opt\'s with short import and internal export names, and instantiates with the shipped glue', async (t) => {
  const optimized = 'target/wasm-opt/release/article-reader_bg.wasm';
  if (!existsSync(optimized)) {
    t.skip(`${optimized} is missing: run trunk build --release first`);
    return;
  }
  const [before, after] = [readFileSync(optimized), readFileSync('dist/article-reader_bg.wasm')];
  const [importsBefore, importsAfter] = [before, after].map((b) => WebAssembly.Module.imports(new WebAssembly.Module(b)));
  assert.equal(importsAfter.length, importsBefore.length);
  assert.ok(importsBefore.length > 100, `${importsBefore.length} imports`);
  assert.deepEqual(importsAfter.map((i) => i.kind), importsBefore.map((i) => i.kind));
  assert.ok(importsAfter.every((i) => i.module === 'a' && /^[a-zA-Z]{1,2}$/.test(i.name)), 'short names from module a');
  assert.equal(new Set(importsAfter.map((i) => i.name)).size, importsAfter.length, 'one name per import');
  // Every section but the imports (id 2) and exports (7), the code among them, byte for byte.
  const others = (b) => sections(b).filter(([id]) => id !== 2 && id !== 7);
  assert.deepEqual(others(after), others(before));
  // The exports a host may use keep their names; wasm-bindgen's internal ones are shortened.
  const [exportsBefore, exportsAfter] = [before, after].map((b) => WebAssembly.Module.exports(new WebAssembly.Module(b)));
  assert.deepEqual(exportsAfter.map((e) => e.kind), exportsBefore.map((e) => e.kind));
  const internal = /^(?:__wbindgen_|__externref_|wasm_bindgen__convert__closures_)/;
  exportsBefore.forEach((e, i) => {
    if (internal.test(e.name)) assert.ok(exportsAfter[i].name.length <= 2, `${e.name} became ${exportsAfter[i].name}`);
    else assert.equal(exportsAfter[i].name, e.name);
  });
  for (const kept of ['memory', 'mount', 'mountStandalone']) assert.ok(exportsAfter.some((e) => e.name === kept), kept);
  // A name the glue does not provide would be a LinkError here. The module has no start
  // function that needs a browser, so instantiating it in Node runs nothing of the reader.
  const glue = await import(pathToFileURL(resolve('dist/article-reader.js')).href);
  glue.initSync({ module: after });
});

test('the shipped glue is minified and exports what wasm-bindgen wrote', async (t) => {
  const original = 'target/wasm-bindgen/release/article-reader.js';
  if (!existsSync(original)) {
    t.skip(`${original} is missing: run trunk build --release first`);
    return;
  }
  const shipped = statSync('dist/article-reader.js').size;
  const written = statSync(original).size;
  // From about 71 KB to 22 KB; whitespace and comments alone would not.
  assert.ok(shipped < written * 0.6, `dist glue ${shipped} B against wasm-bindgen's ${written} B`);
  // Importing the glue only defines its functions; nothing runs until the host calls them.
  const names = async (path) => Object.keys(await import(pathToFileURL(resolve(path)).href)).sort();
  const exported = await names('dist/article-reader.js');
  assert.deepEqual(exported, await names(original));
  assert.ok(exported.includes('default') && exported.includes('mount'), exported.join(', '));
});

test('the script renames, recomputes a quoted or unquoted hash and leaves other links alone', async (t) => {
  const [glue, wasm] = ['target/wasm-bindgen/release/article-reader.js', 'target/wasm-opt/release/article-reader_bg.wasm'];
  if (!existsSync(glue) || !existsSync(wasm)) {
    t.skip('target/wasm-bindgen or target/wasm-opt is missing: run trunk build --release first');
    return;
  }
  const stale = 'sha384-stale';
  const page = (quote) => '<!doctype html><html><head>'
    + '<link href=static/article-reader.js rel=modulepreload>'
    + `<link crossorigin href=/article-reader.js integrity=${quote}${stale}${quote} rel=modulepreload>`
    + `<link as=fetch crossorigin href=/article-reader_bg.wasm integrity=${quote}${stale}${quote} rel=preload>`
    + `<link href=/other.css integrity=${quote}${stale}${quote} rel=stylesheet>`
    + '</head></html>';
  for (const quote of ['', '"']) {
    const dir = mkdtempSync(join(tmpdir(), 'minify-glue-'));
    try {
      copyFileSync(glue, join(dir, 'article-reader.js'));
      copyFileSync(wasm, join(dir, 'article-reader_bg.wasm'));
      writeFileSync(join(dir, 'index.html'), page(quote));
      const run = spawnSync(process.execPath, ['scripts/minify-glue.mjs', dir], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const found = integrities(readFileSync(join(dir, 'index.html'), 'utf8'));
      assert.deepEqual(found, [
        { href: '/article-reader.js', integrity: sri(join(dir, 'article-reader.js')) },
        { href: '/article-reader_bg.wasm', integrity: sri(join(dir, 'article-reader_bg.wasm')) },
        { href: '/other.css', integrity: stale },
      ], `attribute written with quote ${JSON.stringify(quote)}`);
      assert.ok(statSync(join(dir, 'article-reader_bg.wasm')).size < statSync(wasm).size, 'the wasm was rewritten');
      // The renamed pair still links (a LinkError otherwise).
      const renamed = await import(pathToFileURL(join(dir, 'article-reader.js')).href);
      renamed.initSync({ module: readFileSync(join(dir, 'article-reader_bg.wasm')) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
