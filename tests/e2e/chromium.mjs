// Debian's Chromium for the end-to-end tests, started the way this machine needs it: as root
// without a sandbox, and with every background service off (this machine's closed network
// refuses their connections, many at a time, which slows every start).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright-core';

/** Launches headless Chromium (CHROMIUM names another binary), with `more` switches. */
export function launchChromium(more = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', ...more],
  });
}

/**
 * The switches that keep Chromium from setting its processes' CPU priorities itself (it puts
 * the page's renderer back to the default priority when the page comes to the foreground), so
 * that the priority favourChildren gives stays.
 */
export const KEEP_PRIORITY = ['--disable-renderer-priority-management', '--disable-renderer-backgrounding'];

/**
 * Gives every process this Node process started (the browser and its renderers, every thread)
 * a higher CPU priority (`nice` -10), so that a test of main-thread task lengths measures the
 * page's own work and not the other jobs of a shared machine: on 2 cores with a load average
 * of 8, the scheduler stretches an 8 ms slice of work to 50 ms of wall time and more. Needs
 * the right to raise priority (root, or CAP_SYS_NICE); returns how many threads it raised
 * (0 without that right, or on a system without /proc: the test then measures under the
 * machine's load as it is).
 */
export function favourChildren() {
  const children = new Map();
  let processes = [];
  try {
    processes = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0; // No /proc (not Linux): nothing is raised.
  }
  for (const pid of processes) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The parent is the second field after the command, which is in parentheses.
      const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(pid);
    } catch { /* the process ended meanwhile */ }
  }
  const ours = [];
  const queue = [String(process.pid)];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      ours.push(child);
      queue.push(child);
    }
  }
  let raised = 0;
  for (const pid of ours) {
    let threads = [];
    try { threads = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of threads) {
      try {
        os.setPriority(Number(tid), -10);
        raised += 1;
      } catch { /* not allowed, or the thread ended */ }
    }
  }
  return raised;
}
