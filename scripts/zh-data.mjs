#!/usr/bin/env node
// Builds the 繁/简 conversion tables in static/zh/ from OpenCC's text dictionaries.
//
// Usage: node scripts/zh-data.mjs OPENCC_CHECKOUT [OUT_DIR] [OPENCC_COMMIT]
//   OPENCC_CHECKOUT  a directory holding OpenCC's data/dictionary/*.txt, LICENSE and test/
//   OUT_DIR          where the tables go (default static/zh)
//   OPENCC_COMMIT    the commit the checkout is at, written into each table's header
//
// It also copies OpenCC's own expectations into tests/fixtures/zh/ (its test cases for the six
// conversions shipped here, as tab-separated lines, and its golden conversions of a 7,735
// character text), which tests/zh_convert.rs checks the engine and tables against.
//
// Each output table is one stage of a conversion, in the format src/zh_convert.rs parses and
// docs/zh-convert.md describes: comment lines starting with `#`, then `key<TAB>value` lines
// sorted by key (in code point order, which is Rust's byte order of UTF-8). Only the first of
// OpenCC's candidate values is kept, because OpenCC converts with the first one too. A phrase
// whose value is what converting its key character by character gives is written with an empty
// value: the phrase must stay in the table (it stops a shorter or overlapping phrase from
// matching), but its value is implied by the table's single-character entries. That cuts the
// largest table by a third after brotli (see docs/zh-convert.md for the figures).
//
// A stage merges OpenCC's phrase dictionary with its character dictionary. OpenCC groups them
// with "short_circuit" matching (the phrase dictionary's longest match, else the character
// dictionary's); since every phrase key is at least two characters long and every character
// key one, one table matched longest-first gives the same result, and on a key both have the
// phrase dictionary's value wins, as it would in OpenCC.
//
// The reverse variant tables (TWVariantsRev, HKVariantsRev) are generated here the way OpenCC's
// data/scripts/common.py does: every value points back to its key, and a
// `# @reverse-prefer: KEY VALUE` comment picks the value to put first.

import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const [checkout, outDir = 'static/zh', commit = 'unknown'] = process.argv.slice(2);
if (!checkout) {
  console.error('usage: node scripts/zh-data.mjs OPENCC_CHECKOUT [OUT_DIR] [OPENCC_COMMIT]');
  process.exit(2);
}
const dictDir = join(checkout, 'data', 'dictionary');
const PREFER = '# @reverse-prefer:';

/** Reads one OpenCC dictionary: [key, values[]] pairs in file order, plus reverse preferences. */
function readDict(name) {
  const text = readFileSync(join(dictDir, `${name}.txt`), 'utf8');
  const entries = [];
  const prefer = new Map();
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith(PREFER)) {
      const fields = line.slice(PREFER.length).trim().split(/\s+/);
      prefer.set(fields[0], fields[fields.length - 1]);
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new Error(`${name}.txt:${index + 1}: no key and tab`);
    const values = line.slice(tab + 1).split(' ').filter((v) => v !== '');
    if (values.length === 0) throw new Error(`${name}.txt:${index + 1}: no value`);
    entries.push([line.slice(0, tab), values]);
  });
  return { entries, prefer };
}

/** OpenCC's reverse.py: each value maps back to the keys that produce it. */
function reverse({ entries, prefer }) {
  const back = new Map();
  for (const [key, values] of entries) {
    for (const value of values) {
      if (!back.has(value)) back.set(value, []);
      back.get(value).push(key);
    }
  }
  for (const [key, preferred] of prefer) {
    const keys = back.get(key);
    if (!keys || !keys.includes(preferred)) throw new Error(`reverse preference ${key} -> ${preferred} has no mapping`);
    keys.splice(keys.indexOf(preferred), 1);
    keys.unshift(preferred);
  }
  return { entries: [...back.entries()], prefer: new Map() };
}

/** Code point order (Rust's `str` order), not JavaScript's UTF-16 order. */
function byCodePoint(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Merges dictionaries into one stage: the first dictionary that has a key gives its value. */
function stage(dicts) {
  const table = new Map();
  for (const dict of dicts) {
    for (const [key, values] of dict.entries) {
      if (!table.has(key)) table.set(key, values[0]);
    }
  }
  return table;
}

/** The table's text: header comments, then sorted lines, with implied values left empty. */
function render(table, sources) {
  const chars = new Map([...table].filter(([key]) => [...key].length === 1));
  const charwise = (key) => [...key].map((c) => chars.get(c) ?? c).join('');
  const lines = [...table.keys()].sort(byCodePoint).map((key) => {
    const value = table.get(key);
    const implied = [...key].length > 1 && charwise(key) === value;
    return `${key}\t${implied ? '' : value}\n`;
  });
  const header = [
    `# 繁/简 conversion table generated by scripts/zh-data.mjs from OpenCC (https://github.com/BYVoid/OpenCC)`,
    `# at commit ${commit}, from data/dictionary/ ${sources.join(' + ')}.`,
    "# OpenCC's data is by the OpenCC authors (its AUTHORS file) under the Apache License 2.0: see LICENSE-OpenCC.txt",
    '# and NOTICE.txt beside this file. Changed from the originals: merged into one table, first value only, sorted.',
    '# Format (docs/zh-convert.md): key<TAB>value; an empty value means the key converted character by character.',
  ];
  return header.map((h) => `${h}\n`).join('') + lines.join('');
}

function d(name) {
  return readDict(name);
}

/** TSCharacters' `# @tofu-risk:` extension (OpenCC's extract_tofu_risk.py): rare forms. */
function tofuRiskExtension() {
  const lines = readFileSync(join(dictDir, 'TSCharacters.txt'), 'utf8').split('\n');
  const entries = [];
  lines.forEach((line, index) => {
    if (!line.startsWith('# @tofu-risk:')) return;
    const [key, values] = (lines[index + 1] ?? '').split('\t');
    const rest = (values ?? '').split(' ').filter((v) => v !== '' && v !== key);
    if (!key || rest.length === 0) throw new Error(`TSCharacters.txt:${index + 1}: no mapping after @tofu-risk`);
    entries.push([key, rest]);
  });
  return { entries, prefer: new Map() };
}

/** OpenCC's conversion of one string with one table: longest key first, else the character. */
function convert(table, text) {
  const maxChars = Math.max(...[...table.keys()].map((k) => [...k].length));
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; ) {
    let n = Math.min(maxChars, chars.length - i);
    for (; n > 0 && !table.has(chars.slice(i, i + n).join('')); n--);
    out += n > 0 ? table.get(chars.slice(i, i + n).join('')) : chars[i];
    i += Math.max(n, 1);
  }
  return out;
}

/**
 * OpenCC's STPhrases_GeneratedFromRegionalPhrases (generate_st_phrases_from_regional_phrases.py):
 * the keys of HKPhrases and TWPhrases (Traditional) converted to Simplified with t2s and its
 * tofu-risk extension, as Simplified phrases of three or more characters that map back to
 * them, so that s2t writes 马里兰 as 馬里蘭 and the regional stage can then see the phrase.
 */
function regionalPhrases() {
  const t2s = stage([d('TSPhrases'), tofuRiskExtension(), d('TSCharacters')]);
  const back = new Map();
  for (const name of ['HKPhrases', 'TWPhrases']) {
    for (const [key] of d(name).entries) {
      const simplified = convert(t2s, key);
      if ([...simplified].length < 3) continue;
      if (!back.has(simplified)) back.set(simplified, []);
      back.get(simplified).push(key);
    }
  }
  for (const [simplified, keys] of back) {
    if (new Set(keys).size > 1) throw new Error(`regional phrases ${keys.join(' ')} all simplify to ${simplified}`);
  }
  return { entries: [...back].map(([simplified, keys]) => [simplified, [keys[0]]]), prefer: new Map() };
}

const outputs = {
  // Simplified to Traditional (OpenCC's s2t) and back (t2s).
  // OpenCC unions STPhrases with the generated regional phrases (longest wins, STPhrases on a
  // tie), then falls back to STCharacters: merged in that order here.
  's2t.txt': [
    ['STPhrases.txt', 'HKPhrases.txt and TWPhrases.txt keys via t2s', 'STCharacters.txt'],
    () => [d('STPhrases'), regionalPhrases(), d('STCharacters')],
  ],
  't2s.txt': [['TSPhrases.txt', 'TSCharacters.txt'], () => [d('TSPhrases'), d('TSCharacters')]],
  // OpenCC Traditional to the Taiwan and Hong Kong standards' character forms, and back: the
  // second stage of s2tw / s2hk, the first of tw2s / hk2s.
  't2tw.txt': [['TWVariantsPhrases.txt', 'TWVariants.txt'], () => [d('TWVariantsPhrases'), d('TWVariants')]],
  'tw2t.txt': [['TWVariantsRevPhrases.txt', 'TWVariants.txt reversed'], () => [d('TWVariantsRevPhrases'), reverse(d('TWVariants'))]],
  't2hk.txt': [['HKVariantsPhrases.txt', 'HKVariants.txt'], () => [d('HKVariantsPhrases'), d('HKVariants')]],
  'hk2t.txt': [['HKVariantsRevPhrases.txt', 'HKVariants.txt reversed'], () => [d('HKVariantsRevPhrases'), reverse(d('HKVariants'))]],
};

mkdirSync(outDir, { recursive: true });
for (const [file, [sources, dicts]] of Object.entries(outputs)) {
  const text = render(stage(dicts()), sources);
  writeFileSync(join(outDir, file), text);
  console.log(`${file}: ${Buffer.byteLength(text)} bytes`);
}
copyFileSync(join(checkout, 'LICENSE'), join(outDir, 'LICENSE-OpenCC.txt'));

// OpenCC's test expectations, written by its maintainers and checked against its C++ engine.
const fixtures = 'tests/fixtures/zh';
mkdirSync(fixtures, { recursive: true });
// testcases.json has trailing commas, which JSON.parse refuses.
const cases = JSON.parse(
  readFileSync(join(checkout, 'test', 'testcases', 'testcases.json'), 'utf8').replace(/,(\s*[}\]])/g, '$1'),
).cases;
const shipped = ['s2t', 's2tw', 's2hk', 't2s', 'tw2s', 'hk2s'];
const rows = cases.flatMap((c) =>
  Object.entries(c.expected)
    .filter(([conversion]) => shipped.includes(conversion))
    .map(([conversion, expected]) => {
      if (/[\t\n]/.test(c.input + expected)) throw new Error(`case ${c.id} has a tab or newline`);
      return `${c.id}\t${conversion}\t${c.input}\t${expected}\n`;
    }),
);
writeFileSync(
  join(fixtures, 'opencc-cases.tsv'),
  `# OpenCC test/testcases/testcases.json at ${commit} (Apache License 2.0, see static/zh/LICENSE-OpenCC.txt):\n` +
    '# id<TAB>conversion<TAB>input<TAB>expected, for the conversions static/zh/ ships.\n' +
    rows.join(''),
);
const golden = join(checkout, 'test', 'golden');
copyFileSync(join(golden, 'input', 'us_constitution_zhs.txt'), join(fixtures, 'us_constitution_zhs.txt'));
for (const conversion of ['s2t', 's2tw', 's2hk']) {
  const name = `us_constitution_zhs.${conversion}.txt`;
  copyFileSync(join(golden, 'output', name), join(fixtures, name));
}
console.log(`${fixtures}: ${rows.length} cases and the golden text`);
