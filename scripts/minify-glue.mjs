// Minifies the glue between the release wasm and its JavaScript: the names by which the wasm
// imports wasm-bindgen's JS functions, and the JS itself (article-reader.js, which instantiates
// the module and converts values across the boundary). Then brings the page's Subresource
// Integrity hashes back in line with the rewritten files.
//
// Import names. wasm-bindgen names each of the wasm's 250-odd imports after the Rust item and a
// 16-digit hash (`__wbg_addEventListener_f2d27251d333a631`), all from the module
// `./article-reader_bg.js`, and writes the same name as a key of the object the glue hands to
// `WebAssembly.instantiate`. The hashes do not compress; renamed to `a`, `b`, ... from module
// `a`, in the wasm's import section and at the one place each name appears in the glue, the
// wasm loses about 3.5 KB brotli and the glue 2.5 KB. Nothing else changes: the code section is
// copied byte for byte (only the import section is rewritten), and a name is renamed only when it
// occurs exactly once in the glue (otherwise the build fails here rather than ship a glue that
// no longer matches its wasm). Imports from any other module (a `#[wasm_bindgen(module = ...)]`
// snippet's exports) keep their names, which are that module's.
//
// The JS. Trunk's own minifier (minify-js) fails on wasm-bindgen 0.2.130's glue (it stops at
// `export { initSync, __wbg_init as default }`), warns and ships the file as written. Terser,
// pinned in package.json, minifies it. It keeps every export's name and every property name, and
// renames only local bindings.
//
// Integrity. Trunk has already written index.html when its post_build hooks run, with an
// `integrity` attribute (sha384) on the glue's modulepreload link and the wasm's preload link. A
// browser refuses a module whose bytes do not match, and drops a preload that does not (and
// downloads the wasm again), so every `integrity` that names a rewritten file is recomputed.
//
// Trunk runs it (Trunk.toml, post_build, before precompress.mjs so the .br/.gz copies are of the
// rewritten files) on its staging directory. Debug builds are left as they are, for reading. By
// hand: `node scripts/minify-glue.mjs dist` on a release build (a second run finds the imports
// already renamed and only minifies the JS again, which changes nothing of substance).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

/** What Trunk writes (Trunk.toml has `filehash = false`, so the names are stable). */
const GLUE = 'article-reader.js';
const WASM = 'article-reader_bg.wasm';
/** The module name wasm-bindgen gives the glue's imports, and the one they get instead. */
const GLUE_MODULE = `./${WASM.replace(/\.wasm$/, '.js')}`;
const SHORT_MODULE = 'a';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/minify-glue.mjs DIR (Trunk passes TRUNK_STAGING_DIR)');
  process.exit(2);
}
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') {
  console.error('[minify-glue] debug build: glue left as written');
  process.exit(0);
}

/** The `i`th short name: a ... z, A ... Z, aa, ab, ... (letters only: always a plain JS key). */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  for (let n = i; n >= 0; n = Math.floor(n / letters.length) - 1) {
    name = letters[n % letters.length] + name;
  }
  return name;
}

/** An unsigned LEB128 number. */
function leb(n) {
  const bytes = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 128;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

/** A wasm name: its UTF-8 length, then its bytes. */
function wasmName(text) {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([leb(bytes.length), bytes]);
}

/**
 * Renames the imports of `wasm` from GLUE_MODULE (see the top of the file). Returns the new
 * module and the renaming (old name to new); an empty renaming when there is nothing to rename.
 * Throws on anything it does not know how to read, so an unexpected module fails the build.
 */
function renameImports(wasm) {
  let pos = 8;
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[pos++];
      if (byte === undefined) throw new Error(`${WASM}: truncated number`);
      value += (byte & 127) * 2 ** shift;
      if (!(byte & 128)) return value;
    }
  };
  const name = () => {
    const length = u32();
    pos += length;
    return wasm.subarray(pos - length, pos).toString('utf8');
  };
  // The bytes of an import's description after its kind (wasm core spec, 5.5.5).
  const limits = () => {
    const flags = wasm[pos++];
    u32();
    if (flags & 1) u32();
  };
  // One-byte types only (numbers, vectors, funcref, externref): a typed reference would be
  // longer, and is refused rather than misread.
  const oneByteType = () => {
    const type = wasm[pos++];
    if (!(type >= 0x7b && type <= 0x7f) && type !== 0x70 && type !== 0x6f) {
      throw new Error(`${WASM}: an import of type 0x${type?.toString(16)}, which this script does not read`);
    }
  };
  const skipDescription = (kind) => {
    switch (kind) {
      case 0: u32(); break; // a function: its type index
      case 1: oneByteType(); limits(); break; // a table: its element type, limits
      case 2: limits(); break; // a memory
      case 3: oneByteType(); pos += 1; break; // a global: its value type and mutability
      case 4: pos += 1; u32(); break; // a tag: its attribute and type index
      default: throw new Error(`${WASM}: import of unknown kind ${kind}`);
    }
  };
  if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) throw new Error(`${WASM}: not a wasm module`);
  const out = [wasm.subarray(0, 8)];
  const renamed = new Map();
  while (pos < wasm.length) {
    const start = pos;
    const id = wasm[pos++];
    const size = u32();
    const end = pos + size;
    if (id !== 2) {
      out.push(wasm.subarray(start, end));
      pos = end;
      continue;
    }
    const count = u32();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const module = name();
      const field = name();
      const described = pos;
      skipDescription(wasm[pos++]);
      const description = wasm.subarray(described, pos);
      if (module === GLUE_MODULE) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        entries.push(wasmName(SHORT_MODULE), wasmName(renamed.get(field)), description);
      } else {
        entries.push(wasmName(module), wasmName(field), description);
      }
    }
    if (pos !== end) throw new Error(`${WASM}: the import section's length does not match its entries`);
    const section = Buffer.concat(entries);
    out.push(Buffer.from([2]), leb(section.length), section);
  }
  return { wasm: Buffer.concat(out), renamed };
}

/** `js` with each name of `renamed` replaced, and the glue's module key; throws unless each occurs once. */
function renameInGlue(js, renamed) {
  const occurrences = (pattern) => js.match(pattern)?.length ?? 0;
  for (const [from, to] of renamed) {
    if (!/^[\w$]+$/.test(from)) throw new Error(`${WASM}: an import named ${JSON.stringify(from)}, not a JS identifier`);
    const pattern = new RegExp(`(?<![\\w$])${from.replace(/[$]/g, '\\$')}(?![\\w$])`, 'g');
    const found = occurrences(pattern);
    if (found !== 1) throw new Error(`${GLUE}: the wasm's import ${from} occurs ${found} times, not once`);
    js = js.replace(pattern, to);
  }
  const key = JSON.stringify(GLUE_MODULE);
  const found = js.split(key).length - 1;
  if (found !== 1) throw new Error(`${GLUE}: the module key ${key} occurs ${found} times, not once`);
  return js.replace(key, JSON.stringify(SHORT_MODULE));
}

/** The SRI value of `bytes` with the algorithm `algorithm` (as in `sha384-<base64>`). */
function integrity(algorithm, bytes) {
  return `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
}

const rewritten = new Map();
let source = await readFile(join(dir, GLUE), 'utf8');
const sourceLength = source.length;
const { wasm, renamed } = renameImports(await readFile(join(dir, WASM)));
if (renamed.size > 0) {
  source = renameInGlue(source, renamed);
  await writeFile(join(dir, WASM), wasm);
  rewritten.set(WASM, wasm);
}
console.error(`[minify-glue] ${renamed.size} imports from ${GLUE_MODULE} renamed`);
// `module: true`: an ES module (strict, top-level names are its own to rename); two compress
// passes find what the first one's output makes possible. No `unsafe` option: those rewrite code
// whose meaning depends on things terser cannot see.
const { code } = await minify(source, { module: true, compress: { passes: 2 } });
if (typeof code !== 'string' || code.length === 0) throw new Error(`terser gave nothing for ${GLUE}`);
await writeFile(join(dir, GLUE), code);
rewritten.set(GLUE, Buffer.from(code));
console.error(`[minify-glue] ${GLUE}: ${sourceLength} -> ${code.length} B`);

// The integrity attributes Trunk wrote, on the links whose href is a rewritten file's: Trunk
// writes such an href as the public URL followed by the file's name (static/article-reader.js,
// the host layer with the glue's base name, is copied as written and has no integrity
// attribute). Trunk quotes attributes or not depending on whether it minified the page, so both
// forms are read; the new value is always quoted.
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const htmlPath = join(dir, 'index.html');
const html = await readFile(htmlPath, 'utf8');
let fixed = 0;
const updated = html.replace(/<link\b[^>]*>/g, (tag) => {
  const href = /\shref=(?:"([^"]*)"|([^\s>]+))/.exec(tag);
  const sri = /\sintegrity=(?:"([^"]*)"|([^\s>]+))/.exec(tag);
  if (!href || !sri) return tag;
  const url = href[1] ?? href[2];
  const name = [...rewritten.keys()].find((n) => url === `${publicUrl}${n}`);
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
