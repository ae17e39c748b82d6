// The size budget CI keeps (issue 10): the release build's wasm + JS + CSS, brotli -q 11, as
// scripts/size.sh totals it, may grow at most TOLERANCE bytes over the figure recorded in
// size-budget.txt. scripts/size.sh calls it after printing its table:
//
//   node scripts/size-budget.mjs check MEASURED [RECORD_FILE]    exit status 1 when over
//   node scripts/size-budget.mjs record MEASURED [RECORD_FILE]   writes MEASURED as the record
//
// The tolerance absorbs the small drift of unrelated changes (a dependency's patch release, a
// reworded message); anything larger is a decision, made by recording the new figure in the
// same commit, where a reviewer sees it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How far over the record a build may measure, in bytes. */
export const TOLERANCE = 2048;

/** Where the record lives, from the repository's root. */
export const RECORD_FILE = 'size-budget.txt';

/** The recorded figure: the one line of the record file that is not a `#` comment or blank. */
export function parseRecord(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length !== 1 || !/^[0-9]+$/.test(lines[0])) {
    throw new Error(`${RECORD_FILE} must hold one whole number of bytes besides its # comments`);
  }
  return Number(lines[0]);
}

/**
 * Compares a measured total with the record: `{ ok, message }`, `ok` false exactly when the
 * measured total is more than TOLERANCE bytes over the record.
 */
export function checkBudget(measured, recorded) {
  const over = measured - recorded;
  const figures = `measured ${measured} B brotli, recorded ${recorded} B (${over >= 0 ? '+' : ''}${over} B)`;
  if (over <= TOLERANCE) {
    return { ok: true, message: `Size budget: ${figures}, within the ${TOLERANCE} B allowed over the record.` };
  }
  return {
    ok: false,
    message: `Size budget exceeded: ${figures}, more than the ${TOLERANCE} B allowed over the record `
      + `in ${RECORD_FILE}.\nIf this growth is intended, record the new figure in the same commit `
      + `(\`bash scripts/size.sh --record\`) and say in its message what the bytes buy; `
      + 'otherwise find what grew (`bash scripts/size-profile.sh`).',
  };
}

/** Replaces the figure in the record file's text, keeping its comments. */
export function withRecord(text, measured) {
  parseRecord(text);
  return text.replace(/^[0-9]+$/m, String(measured));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, measuredArg, file = RECORD_FILE] = process.argv.slice(2);
  const measured = Number(measuredArg);
  if (!['check', 'record'].includes(command) || !Number.isSafeInteger(measured) || measured < 0) {
    console.error('usage: node scripts/size-budget.mjs check|record MEASURED_BYTES [RECORD_FILE]');
    process.exit(2);
  }
  const text = readFileSync(file, 'utf8');
  if (command === 'record') {
    writeFileSync(file, withRecord(text, measured));
    console.log(`Size budget: recorded ${measured} B brotli in ${file}.`);
  } else {
    const { ok, message } = checkBudget(measured, parseRecord(text));
    (ok ? console.log : console.error)(message);
    process.exit(ok ? 0 : 1);
  }
}
