// Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy next to every text and
// wasm file of a build, so that a server sends the smallest encoding without compressing on each
// request (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, tests/e2e/server.mjs).
//
// Trunk runs it after every build (the post_build hook in Trunk.toml) on the staging directory it
// then moves to dist/, so dist/ never holds a compressed copy older than its file. Debug builds
// are skipped: nobody serves them to readers, and quality 11 on a debug wasm of several
// megabytes would add seconds to every rebuild of `trunk serve`. By hand:
// `node scripts/precompress.mjs dist` compresses an existing folder.
//
// Only Node's own zlib is used (it has brotli), so the build needs no extra tool.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { releaseDir } from './release-dir.mjs';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** The extensions worth compressing, and whether brotli should treat them as text. */
const KINDS = new Map([
  ['.wasm', 'generic'], ['.js', 'text'], ['.mjs', 'text'], ['.css', 'text'],
  ['.html', 'text'], ['.json', 'text'], ['.svg', 'text'],
]);

/** Every file under `dir` (recursively) whose extension is in KINDS. */
async function compressible(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...await compressible(path));
    else if (entry.isFile() && KINDS.has(extname(entry.name))) found.push(path);
  }
  return found;
}

/**
 * Compresses one file both ways and writes each copy that is smaller than the file itself (a
 * copy that is not would make a server send more bytes, not fewer). Resolves to the sizes.
 */
async function precompress(path) {
  const raw = await readFile(path);
  const mode = KINDS.get(extname(path)) === 'text' ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC;
  const [br, gzipped] = await Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: mode,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gz(raw, { level: 9 }),
  ]);
  const written = { raw: raw.length };
  if (br.length < raw.length) { await writeFile(`${path}.br`, br); written.br = br.length; }
  if (gzipped.length < raw.length) { await writeFile(`${path}.gz`, gzipped); written.gz = gzipped.length; }
  return written;
}

const dir = releaseDir('precompress', 'no .br/.gz copies');
const files = await compressible(dir);
// Two at a time: zlib runs in Node's thread pool, and the build machines have two cores.
let count = 0;
for (let i = 0; i < files.length; i += 2) {
  const sizes = await Promise.all(files.slice(i, i + 2).map(precompress));
  count += sizes.filter((s) => s.br !== undefined || s.gz !== undefined).length;
}
console.error(`[precompress] .br and .gz written for ${count} of ${files.length} files in ${dir}`);
