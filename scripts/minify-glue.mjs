// Minifies the glue between the release wasm and its JavaScript: the names by which the wasm
// and wasm-bindgen's JS call each other, and the JS itself (article-reader.js, which instantiates
// the module and converts values across the boundary). Then brings the page's Subresource
// Integrity hashes back in line with the rewritten files.
//
// Import names. wasm-bindgen names each of the wasm's 250-odd imports after the Rust item and a
// 16-digit hash (`__wbg_addEventListener_f2d27251d333a631`), all from the module
// `./article-reader_bg.js`, and writes the same name as a key of the object the glue hands to
// `WebAssembly.instantiate`. The hashes do not compress; renamed to `a`, `b`, ... from module
// `a`, in the wasm's import section and at the one place each name appears in the glue, the
// wasm loses about 3.5 KB brotli and the glue 2.5 KB. A name is renamed only when it occurs
// exactly once in the glue (otherwise the build fails here rather than ship a glue that no
// longer matches its wasm). Imports from any other module (a `#[wasm_bindgen(module = ...)]`
// snippet's exports) keep their names, which are that module's.
//
// Export names. The exports only the glue calls (wasm-bindgen's allocator, its closure shims,
// which carry hashes too, and its externref table helpers) are renamed by terser wherever the
// glue uses them, and the wasm's export section takes the same names: about 0.4 KB. The exports
// a host may read from the instance (`memory`, `mount`, ...) keep their names.
//
// Only the import and export sections are rewritten; every other section of the wasm, the code
// among them, is copied byte for byte.
//
// The JS. Trunk's own minifier (minify-js) fails on wasm-bindgen 0.2.130's glue (it stops at
// `export { initSync, __wbg_init as default }`), warns and ships the file as written. Terser,
// pinned in package.json, minifies it. Beside those internal exports, it renames only local
// bindings: every other property name and every export of the glue stays.
//
// Integrity. Trunk has already written index.html when its post_build hooks run, with an
// `integrity` attribute (sha384) on the glue's modulepreload link and the wasm's preload link. A
// browser refuses a module whose bytes do not match, and drops a preload that does not (and
// downloads the wasm again), so every `integrity` that names a rewritten file is recomputed.
//
// Trunk runs it (Trunk.toml, post_build, before precompress.mjs so the .br/.gz copies are of the
// rewritten files) on its staging directory. Debug builds are left as they are, for reading. By
// hand: `node scripts/minify-glue.mjs dist` on a release build (a second run finds the names
// already short and only minifies the JS again, which changes nothing of substance).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';
import { releaseDir } from './release-dir.mjs';

/** What Trunk writes (Trunk.toml has `filehash = false`, so the names are stable). */
const GLUE = 'article-reader.js';
const WASM = 'article-reader_bg.wasm';
/** The module name wasm-bindgen gives the glue's imports, and the one they get instead. */
const GLUE_MODULE = `./${WASM.replace(/\.wasm$/, '.js')}`;
const SHORT_MODULE = 'a';
/** wasm-bindgen's internal exports, which only its glue calls (see the minify call below). */
const INTERNAL_EXPORT = /^(?:__wbindgen_|__externref_|wasm_bindgen__convert__closures_)/;

const dir = releaseDir('minify-glue', 'glue left as written');

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

/** A reader of the wasm module `wasm` from byte `pos` on, for the sections this script rewrites. */
function reader(wasm, pos) {
  const r = {
    pos,
    u32() {
      let value = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = wasm[r.pos++];
        if (byte === undefined) throw new Error(`${WASM}: truncated number`);
        value += (byte & 127) * 2 ** shift;
        if (!(byte & 128)) return value;
      }
    },
    name() {
      const length = r.u32();
      r.pos += length;
      return wasm.subarray(r.pos - length, r.pos).toString('utf8');
    },
    limits() {
      const flags = wasm[r.pos++];
      r.u32();
      if (flags & 1) r.u32();
    },
    // One-byte types only (numbers, vectors, funcref, externref): a typed reference would be
    // longer, and is refused rather than misread.
    oneByteType() {
      const type = wasm[r.pos++];
      if (!(type >= 0x7b && type <= 0x7f) && type !== 0x70 && type !== 0x6f) {
        throw new Error(`${WASM}: an import of type 0x${type?.toString(16)}, which this script does not read`);
      }
    },
    // The bytes of an import's description after its kind (wasm core spec, 5.5.5).
    skipImportDescription(kind) {
      switch (kind) {
        case 0: r.u32(); break; // a function: its type index
        case 1: r.oneByteType(); r.limits(); break; // a table: its element type, limits
        case 2: r.limits(); break; // a memory
        case 3: r.oneByteType(); r.pos += 1; break; // a global: its value type and mutability
        case 4: r.pos += 1; r.u32(); break; // a tag: its attribute and type index
        default: throw new Error(`${WASM}: import of unknown kind ${kind}`);
      }
    },
  };
  return r;
}

/**
 * `wasm` with the section of id `id` (there is at most one: imports 2, exports 7) replaced by
 * what `rewrite(reader, end)` returns for its content; every other section byte for byte.
 */
function rewriteSection(wasm, id, rewrite) {
  if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) throw new Error(`${WASM}: not a wasm module`);
  const out = [wasm.subarray(0, 8)];
  const r = reader(wasm, 8);
  while (r.pos < wasm.length) {
    const start = r.pos;
    const sectionId = wasm[r.pos++];
    const end = r.u32() + r.pos;
    if (sectionId === id) {
      const content = rewrite(r);
      if (r.pos !== end) throw new Error(`${WASM}: section ${id}'s length does not match its entries`);
      out.push(Buffer.from([id]), leb(content.length), content);
    } else {
      out.push(wasm.subarray(start, end));
    }
    r.pos = end;
  }
  return Buffer.concat(out);
}

/**
 * Renames the imports of `wasm` from GLUE_MODULE (see the top of the file). Returns the new
 * module and the renaming (old name to new); an empty renaming when there is nothing to rename.
 * Throws on anything it does not know how to read, so an unexpected module fails the build.
 */
function renameImports(wasm) {
  const renamed = new Map();
  const rewritten = rewriteSection(wasm, 2, (r) => {
    const count = r.u32();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const module = r.name();
      const field = r.name();
      const described = r.pos;
      r.skipImportDescription(wasm[r.pos++]);
      const description = wasm.subarray(described, r.pos);
      if (module === GLUE_MODULE) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        entries.push(wasmName(SHORT_MODULE), wasmName(renamed.get(field)), description);
      } else {
        entries.push(wasmName(module), wasmName(field), description);
      }
    }
    return Buffer.concat(entries);
  });
  return { wasm: rewritten, renamed };
}

/** `wasm` with each export named in `renaming` (old name to new) renamed; the names renamed. */
function renameExports(wasm, renaming) {
  const renamed = [];
  const rewritten = rewriteSection(wasm, 7, (r) => {
    const count = r.u32();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const name = r.name();
      const described = r.pos;
      r.pos += 1; // its kind
      r.u32(); // its index
      const to = renaming.get(name);
      if (to !== undefined) renamed.push(name);
      entries.push(wasmName(to ?? name), wasm.subarray(described, r.pos));
    }
    return Buffer.concat(entries);
  });
  return { wasm: rewritten, renamed };
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
let { wasm, renamed } = renameImports(await readFile(join(dir, WASM)));
if (renamed.size > 0) source = renameInGlue(source, renamed);
console.error(`[minify-glue] ${renamed.size} imports from ${GLUE_MODULE} renamed`);
// `module: true`: an ES module (strict, top-level names are its own to rename); two compress
// passes find what the first one's output makes possible. No `unsafe` option: those rewrite code
// whose meaning depends on things terser cannot see. Property names are kept but for those of
// wasm-bindgen's internal exports (the allocator, the closure shims with their hashes, the
// externref table's helpers): terser renames them wherever the glue uses them, and the wasm's
// export section gets the same names from its name cache. `memory`, `mount` and the other
// exports a host may read from the instance keep theirs.
const nameCache = {};
const { code } = await minify(source, {
  module: true,
  compress: { passes: 2 },
  mangle: { properties: { regex: INTERNAL_EXPORT } },
  nameCache,
});
if (typeof code !== 'string' || code.length === 0) throw new Error(`terser gave nothing for ${GLUE}`);
// The cache's keys carry a `$` in front of each property name.
const propertyNames = new Map(Object.entries(nameCache.props?.props ?? {}).map(([from, to]) => [from.slice(1), to]));
const exports = renameExports(wasm, propertyNames);
wasm = exports.wasm;
// A property renamed in the glue that is no export of the wasm would be one the glue shares
// with something else (an import's key, an object a host reads): refused.
const strays = [...propertyNames.keys()].filter((name) => !exports.renamed.includes(name));
if (strays.length > 0) throw new Error(`${GLUE}: properties renamed that are no export of the wasm: ${strays.join(', ')}`);
console.error(`[minify-glue] ${exports.renamed.length} internal exports renamed`);
await writeFile(join(dir, GLUE), code);
rewritten.set(GLUE, Buffer.from(code));
if (renamed.size > 0 || exports.renamed.length > 0) {
  await writeFile(join(dir, WASM), wasm);
  rewritten.set(WASM, wasm);
}
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
