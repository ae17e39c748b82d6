// Where the release wasm's bytes go, by crate and by function (README "Size"): reads a wasm
// module that kept its `name` section (scripts/size-profile.sh builds one the way Trunk builds
// the shipped module, with names kept) and prints the size of every function body, grouped by
// the crate its demangled path names, then the largest functions.
//
//   node scripts/size-profile.mjs FILE.wasm [TOP]
//
// A small reader of the binary format rather than a tool such as twiggy, so that a profile needs
// nothing installed. Sizes are raw bytes of code before compression; brotli shrinks all code
// by a similar factor, so the shares hold for the transfer too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads an unsigned LEB128 number at `pos`; returns [value, next position]. */
function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/** A UTF-8 string prefixed by its length at `pos`; returns [text, next position]. */
function name(bytes, pos) {
  const [length, start] = leb(bytes, pos);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

/** Skips one import's description (its kind and type) at `pos`; returns [kind, next position]. */
function skipImport(bytes, pos) {
  const kind = bytes[pos++];
  if (kind === 0) return [kind, leb(bytes, pos)[1]]; // function: type index
  if (kind === 1) { // table: reference type, limits
    pos += 1;
    const flags = bytes[pos++];
    pos = leb(bytes, pos)[1];
    return [kind, flags & 1 ? leb(bytes, pos)[1] : pos];
  }
  if (kind === 2) { // memory: limits
    const flags = bytes[pos++];
    pos = leb(bytes, pos)[1];
    return [kind, flags & 1 ? leb(bytes, pos)[1] : pos];
  }
  if (kind === 3) return [kind, pos + 2]; // global: value type, mutability
  if (kind === 4) return [kind, leb(bytes, pos + 1)[1]]; // tag: attribute, type index
  throw new Error(`unknown import kind ${kind}`);
}

/** The module's sections, function body sizes and function names. */
export function readModule(bytes) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error('not a wasm module');
  const sections = [];
  const bodies = [];
  const names = new Map();
  let importedFunctions = 0;
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    const end = start + size;
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
      'start', 'element', 'code', 'data', 'data count', 'tag'][id] ?? `#${id}`;
    if (id === 0) {
      const [custom, body] = name(bytes, start);
      label = `custom "${custom}"`;
      if (custom === 'name') {
        for (let at = body; at < end;) {
          const sub = bytes[at];
          const [subSize, subStart] = leb(bytes, at + 1);
          if (sub === 1) {
            let [count, p] = leb(bytes, subStart);
            for (; count > 0; count--) {
              let index;
              let text;
              [index, p] = leb(bytes, p);
              [text, p] = name(bytes, p);
              names.set(index, text);
            }
          }
          at = subStart + subSize;
        }
      }
    } else if (id === 2) {
      let [count, p] = leb(bytes, start);
      for (; count > 0; count--) {
        p = name(bytes, p)[1];
        p = name(bytes, p)[1];
        let kind;
        [kind, p] = skipImport(bytes, p);
        if (kind === 0) importedFunctions += 1;
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, start);
      for (; count > 0; count--) {
        const [bodySize, bodyStart] = leb(bytes, p);
        bodies.push(bodySize + (bodyStart - p));
        p = bodyStart + bodySize;
      }
    }
    sections.push({ label, size: end - pos });
    pos = end;
  }
  // The standard library's symbols carry their crate's disambiguator (`core[c5930c85a12de822]`),
  // which would split a crate's functions apart and says nothing to a reader.
  const functions = bodies.map((size, i) => ({
    name: names.get(importedFunctions + i)?.replace(/\[[0-9a-f]{16}\]/g, '')
      ?? `(function ${importedFunctions + i}, unnamed)`,
    size,
  }));
  return { sections, functions };
}

/** The index just past the `>` that closes the `<` at `open`. */
function closing(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>' && text[i - 1] !== '-' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The crate of a path such as `&mut serde_json::de::Deserializer<R>`, or null when generic. */
function pathCrate(path) {
  const bare = path.replace(/^(?:&|\*const |\*mut |mut |dyn |\[|\()+/, '').trim();
  const head = bare.match(/^[A-Za-z_][A-Za-z0-9_]*(?=::)/);
  return head ? head[0] : null;
}

/**
 * The crate a demangled function name belongs to: the first segment of its path; for a trait
 * method `<Type as Trait>::f`, the crate of the type, or of the trait when the type is generic
 * or primitive (`<&T as core::fmt::Display>::fmt` is core's); names with no path at all
 * (wasm-bindgen's shims, the allocator's and compiler's helpers) are grouped apart.
 */
export function crateOf(fn) {
  const text = fn.replace(/::h[0-9a-f]{16}$/, '');
  if (text.startsWith('<')) {
    const inner = text.slice(1, closing(text, 0) - 1);
    let depth = 0;
    for (let i = 0; i < inner.length; i++) {
      if (inner[i] === '<') depth++;
      else if (inner[i] === '>' && inner[i - 1] !== '-') depth--;
      else if (depth === 0 && inner.startsWith(' as ', i)) {
        return pathCrate(inner.slice(0, i)) ?? pathCrate(inner.slice(i + 4)) ?? 'core';
      }
    }
    return pathCrate(inner) ?? 'core';
  }
  if (/^__wbg|^__wbindgen|^__externref|^wasm_bindgen/.test(text)) return 'wasm_bindgen';
  return pathCrate(text) ?? '(no path: runtime helpers)';
}

/** Named groups of functions worth watching across crates (float code: issue 10's suspect). */
const THEMES = [
  ['float formatting (core::fmt::float, flt2dec, ryu, zmij)', /<f(?:32|64) as core::fmt::|core::fmt::float|flt2dec|\bryu::|\bzmij::|grisu|dragon/],
  ['float parsing (dec2flt, serde_json number parsing)', /dec2flt|parse_decimal|f64_from_parts|parse_long_integer|parse_exponent/],
  ['panics and their messages (core::panicking)', /core::panicking|panic_fmt|begin_panic/],
];

function percent(part, whole) {
  return `${((100 * part) / whole).toFixed(1)} %`;
}

function main() {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node scripts/size-profile.mjs FILE.wasm [TOP]');
    process.exit(2);
  }
  const top = Number(topArg ?? 20);
  const bytes = readFileSync(file);
  const { sections, functions } = readModule(bytes);
  const code = functions.reduce((s, f) => s + f.size, 0);
  const named = functions.filter((f) => !f.name.endsWith(', unnamed)')).length;
  console.log(`${file}: ${bytes.length} B, ${functions.length} functions (${named} named), code ${code} B`);
  console.log('sections: ' + sections.filter((s) => s.size > 1024)
    .map((s) => `${s.label} ${s.size} B`).join(', '));

  const crates = new Map();
  for (const f of functions) {
    const crate = crateOf(f.name);
    const entry = crates.get(crate) ?? { size: 0, count: 0 };
    entry.size += f.size;
    entry.count += 1;
    crates.set(crate, entry);
  }
  console.log(`\nCode by crate (top ${Math.min(top, crates.size)} of ${crates.size}):\n`);
  console.log('| crate | functions | bytes | share of code |\n|---|---:|---:|---:|');
  for (const [crate, { size, count }] of [...crates].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
    console.log(`| ${crate} | ${count} | ${size} | ${percent(size, code)} |`);
  }

  console.log('\nAcross crates:\n');
  console.log('| group | functions | bytes | share of code |\n|---|---:|---:|---:|');
  for (const [label, pattern] of THEMES) {
    const members = functions.filter((f) => pattern.test(f.name));
    const size = members.reduce((s, f) => s + f.size, 0);
    console.log(`| ${label} | ${members.length} | ${size} | ${percent(size, code)} |`);
  }

  console.log(`\nLargest functions (top ${top}):\n`);
  console.log('| bytes | function |\n|---:|---|');
  for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, top)) {
    const shown = f.name.replace(/::h[0-9a-f]{16}$/, '').replaceAll('|', '\\|');
    console.log(`| ${f.size} | \`${shown.length > 110 ? `${shown.slice(0, 107)}...` : shown}\` |`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
