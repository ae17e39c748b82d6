// Writes bench/static-seed.html, the speed harness's static HTML baseline: the markup the
// vanilla renderer (bench/vanilla.js) draws for the seed article, as a plain page without
// script. Run it after changing bench/vanilla.js, the seed article or the page's head
// (tests/e2e/bench-baselines.test.mjs fails while the file is out of date):
//
//   trunk build --release && node bench/make-static.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { BENCH, makeSite, staticPage, vanillaMarkup } from './site.mjs';

const site = makeSite();
const server = await serve(site.root);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const html = staticPage(await vanillaMarkup(page, server.url));
  writeFileSync(join(BENCH, 'static-seed.html'), html);
  console.log(`wrote bench/static-seed.html (${Buffer.byteLength(html)} bytes)`);
} finally {
  await browser.close();
  await server.close();
  site.remove();
}
