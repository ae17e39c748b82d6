// Debian's Chromium for the end-to-end tests, started the way this machine needs it: as root
// without a sandbox, and with every background service off (this machine's closed network
// refuses their connections, many at a time, which slows every start).
import { chromium } from 'playwright-core';

/** Launches headless Chromium (CHROMIUM names another binary). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync'],
  });
}
