// Minifies the scripts of static/ in a release build: the host layer every page loads
// (article-reader.js, which `mount`, the custom element and the standalone page go through), the
// standalone page's two scripts (early.js, which blocks its first paint, and standalone.js), the
// prerendered pages' prerendered.js and the demo host page's embed-demo.js. Written with a
// comment on nearly every line, for reading, they are about 2.5 times their minified size after
// brotli (the host layer 6.7 KB against 2.6 KB), and every visitor downloads them. The
// repository keeps the commented sources; a debug build ships them as written.
//
// Terser, pinned in package.json, with the options scripts/minify-glue.mjs uses for the glue:
// local names shortened, no `unsafe` rewrites, every export and property name kept (hosts import
// `mount`, `ready`, `mountStandalone` by name, and the pages share `window.articleReaderEarly`).
// Every script is an ES module but early.js, a classic script: it is minified as one, so its
// top level is left alone. A script in static/ that is in neither list stops the build, since
// minifying a classic script as a module could rename its globals. None of these files has an
// integrity attribute in index.html (Trunk copies static/ as a folder), so no hash needs
// recomputing.
//
// Trunk runs it after minify-glue.mjs and before precompress.mjs (Trunk.toml, post_build), on
// its staging directory. By hand: `node scripts/minify-static.mjs dist` on a release build.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';
import { releaseDir } from './release-dir.mjs';

/** The scripts of static/, by file name: the ES modules, and the classic scripts. */
const MODULES = ['article-reader.js', 'standalone.js', 'prerendered.js', 'embed-demo.js'];
const CLASSIC = ['early.js'];

const dir = releaseDir('minify-static', 'scripts left as written');

const names = (await readdir(join(dir, 'static'))).filter((name) => name.endsWith('.js'));
const unknown = names.filter((name) => !MODULES.includes(name) && !CLASSIC.includes(name));
if (unknown.length > 0) {
  throw new Error(`[minify-static] say whether each is a module or a classic script: ${unknown.join(', ')}`);
}
for (const name of names) {
  const path = `static/${name}`;
  const file = join(dir, path);
  const source = await readFile(file, 'utf8');
  const { code } = await minify(source, { module: MODULES.includes(name), compress: { passes: 2 } });
  // An empty result would ship a page without its script: stop the build instead.
  if (typeof code !== 'string' || code.length === 0) throw new Error(`terser gave nothing for ${file}`);
  await writeFile(file, code);
  console.error(`[minify-static] ${path}: ${source.length} -> ${code.length} B`);
}
