// Minifies the JavaScript that wasm-bindgen writes beside the wasm (article-reader.js, the glue
// that instantiates the module and converts values across the boundary) in a release build, and
// brings the page's Subresource Integrity hashes back in line with the minified file.
//
// Why this exists: Trunk's own minifier (minify-js) fails on wasm-bindgen 0.2.130's glue (it
// stops at `export { initSync, __wbg_init as default }`), warns and ships the file as written,
// 71 KB of it. Terser, pinned in package.json, minifies it: about 10.3 KB brotli down to 7.7 KB.
// It keeps every export's name and every property name (the wasm's imports are looked up by
// property name), and renames only local bindings, so the glue behaves as before.
//
// Trunk has already written index.html when its post_build hooks run, with an `integrity`
// attribute (sha384) on the glue's modulepreload link. A browser refuses a module whose bytes do
// not match that hash, so every `integrity` that names a file this script rewrote is recomputed.
//
// Trunk runs it (Trunk.toml, post_build, before precompress.mjs so the .br/.gz copies are of the
// minified file) on its staging directory. Debug builds are left as they are, for reading. By
// hand: `node scripts/minify-glue.mjs dist` minifies an existing release build.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

/** The glue files Trunk writes (Trunk.toml has `filehash = false`, so the names are stable). */
const GLUE = ['article-reader.js'];

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/minify-glue.mjs DIR (Trunk passes TRUNK_STAGING_DIR)');
  process.exit(2);
}
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') {
  console.error('[minify-glue] debug build: glue left as written');
  process.exit(0);
}

/** The SRI value of `bytes` with the algorithm `algorithm` (as in `sha384-<base64>`). */
function integrity(algorithm, bytes) {
  return `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
}

const rewritten = new Map();
for (const name of GLUE) {
  const path = join(dir, name);
  const source = await readFile(path, 'utf8');
  // `module: true`: an ES module (strict, top-level names are its own to rename); two compress
  // passes find what the first one's output makes possible. No `unsafe` option: those rewrite
  // code whose meaning depends on things terser cannot see.
  const { code } = await minify(source, { module: true, compress: { passes: 2 } });
  if (typeof code !== 'string' || code.length === 0) throw new Error(`terser gave nothing for ${path}`);
  await writeFile(path, code);
  rewritten.set(name, Buffer.from(code));
  console.error(`[minify-glue] ${name}: ${source.length} -> ${code.length} B`);
}

// The integrity attributes Trunk wrote, on the links whose href is a rewritten file's: Trunk
// writes the glue's href as the public URL followed by its name (static/article-reader.js, the
// host layer with the same base name, is copied as written and has no integrity attribute).
// Trunk quotes attributes or not depending on whether it minified the page, so both forms are
// read; the new value is always quoted.
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const htmlPath = join(dir, 'index.html');
const html = await readFile(htmlPath, 'utf8');
let fixed = 0;
const updated = html.replace(/<link\b[^>]*>/g, (tag) => {
  const href = /\shref=(?:"([^"]*)"|([^\s>]+))/.exec(tag);
  const sri = /\sintegrity=(?:"([^"]*)"|([^\s>]+))/.exec(tag);
  if (!href || !sri) return tag;
  const url = href[1] ?? href[2];
  const name = GLUE.find((n) => url === `${publicUrl}${n}`);
  if (!name) return tag;
  const algorithm = (sri[1] ?? sri[2]).split('-')[0];
  fixed += 1;
  return tag.replace(sri[0], ` integrity="${integrity(algorithm, rewritten.get(name))}"`);
});
if (fixed !== rewritten.size) {
  throw new Error(`[minify-glue] ${htmlPath}: expected ${rewritten.size} integrity attribute(s) to fix, found ${fixed}`);
}
await writeFile(htmlPath, updated);
console.error(`[minify-glue] ${fixed} integrity attribute(s) recomputed in ${htmlPath}`);
