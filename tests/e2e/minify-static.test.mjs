// scripts/minify-static.mjs, run by hand on folders made here: the scripts of static/ come out
// smaller with every export kept and still work; a classic script keeps its top level; and a
// script the minifier was not told about stops the build instead of being minified blind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** A build folder holding copies of the repository's static/ scripts. */
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'minify-static-'));
  mkdirSync(join(dir, 'static'));
  for (const name of ['article-reader.js', 'early.js', 'standalone.js', 'prerendered.js', 'embed-demo.js']) {
    copyFileSync(join('static', name), join(dir, 'static', name));
  }
  return dir;
}

const run = (dir) => spawnSync('node', ['scripts/minify-static.mjs', dir], { encoding: 'utf8' });

test('the scripts of static/ come out smaller, with their exports and working', async () => {
  const dir = folder();
  try {
    const result = run(dir);
    assert.equal(result.status, 0, result.stderr);
    for (const name of ['article-reader.js', 'early.js', 'standalone.js']) {
      const before = readFileSync(join('static', name), 'utf8').length;
      const after = readFileSync(join(dir, 'static', name), 'utf8').length;
      assert.ok(after < before / 2, `${name}: ${before} -> ${after} B`);
    }
    // The host layer's exports, by the names hosts import (it imports the glue, which is not
    // here: its text is read rather than run).
    const host = readFileSync(join(dir, 'static', 'article-reader.js'), 'utf8');
    for (const name of ['mount', 'ready', 'mountStandalone']) {
      const exported = new RegExp(`export\\s+(?:const|let|function|class)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`);
      assert.match(host, exported, `export ${name}`);
    }
    // The classic script, run as a page would run it: it still sets the stored theme and
    // leaves the early request where standalone.js looks for it.
    const attributes = {};
    const page = {
      window: {},
      document: { documentElement: { setAttribute: (k, v) => { attributes[k] = v; } } },
      location: { search: '?article=static/articles/seed.json', href: 'https://reader.example.org/', origin: 'https://reader.example.org' },
    };
    page.window = Object.assign(page, {
      localStorage: { getItem: (key) => (key === 'article-reader.theme' ? 'sepia' : null) },
      fetch: () => Promise.resolve({}),
      AbortController, URL, URLSearchParams,
      WebAssembly: {},
      HTMLScriptElement: class { get noModule() { return false; } },
    });
    page.window.window = page.window;
    vm.runInNewContext(readFileSync(join(dir, 'static', 'early.js'), 'utf8'), page.window);
    assert.equal(attributes['data-ar-theme'], 'sepia');
    assert.equal(page.window.articleReaderEarly?.url, 'https://reader.example.org/static/articles/seed.json');
    // A minified module still parses as one.
    await import(pathToFileURL(join(dir, 'static', 'standalone.js')).href).catch((error) => {
      // It runs in Node, where there is no window: reaching that is parsing it.
      assert.match(String(error), /window is not defined/);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a script the minifier was not told about stops the build', () => {
  const dir = folder();
  try {
    writeFileSync(join(dir, 'static', 'new-page.js'), 'var shared = 1;\n');
    const result = run(dir);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /new-page\.js/);
    // Nothing was minified before the refusal.
    assert.equal(readFileSync(join(dir, 'static', 'early.js'), 'utf8'), readFileSync('static/early.js', 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
