// Screenshots of the standalone reader for the README: each theme, and elder mode, on a phone
// and on a desktop, taken in headless Chromium from the release build (dist/, from
// `trunk build --release`), as a reader would see the seed article's first screen.
//
//   node scripts/screenshots.mjs [OUT_DIR]      (default docs/screenshots)
//
// A theme is chosen as a reader's earlier choice would be: stored under the key the reader
// itself uses (`article-reader.theme`, see src/settings.rs) before the page loads. Elder mode is
// the standalone page's `?elder=1`. Every wait is for a condition in the page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { serve } from '../tests/e2e/server.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
const THEMES = ['light', 'sepia', 'dark', 'contrast'];
const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};

mkdirSync(out, { recursive: true });
const server = await serve('dist');
const browser = await launchChromium();
try {
  const shots = [
    ...THEMES.map((theme) => ({ name: `theme-${theme}`, path: '/', theme })),
    { name: 'elder', path: '/?elder=1', theme: null },
  ];
  for (const { name, path, theme } of shots) {
    for (const [device, options] of Object.entries(DEVICES)) {
      const context = await browser.newContext(options);
      if (theme) {
        await context.addInitScript((chosen) => {
          window.localStorage.setItem('article-reader.theme', chosen);
        }, theme);
      }
      const page = await context.newPage();
      await page.goto(server.url + path);
      await page.waitForSelector('.article-reader[data-state="ready"] .ar-headline');
      // Fonts settle before the picture is taken, so that it shows the page as it stays.
      await page.evaluate(() => document.fonts.ready);
      const file = join(out, `${name}-${device}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
