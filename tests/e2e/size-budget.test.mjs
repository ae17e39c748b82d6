// The size budget CI keeps (scripts/size-budget.mjs, called by scripts/size.sh): proof that it
// fails one byte past the tolerance and passes exactly at it, through the function and through
// the command CI runs, and that the record in the repository is readable. No browser needed;
// it sits with the end-to-end tests because `node --test tests/e2e/` is what scripts/test.sh
// runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBudget, parseRecord, withRecord } from '../../scripts/size-budget.mjs';

// Written out rather than imported, so that a change of the tolerance fails here first.
const ALLOWED = 2048;

test('the budget holds up to exactly 2048 B over the record and fails one byte past it', () => {
  const recorded = 100_000;
  assert.equal(checkBudget(recorded - 5_000, recorded).ok, true, 'smaller is fine');
  assert.equal(checkBudget(recorded, recorded).ok, true);
  assert.equal(checkBudget(recorded + ALLOWED, recorded).ok, true, 'exactly at the tolerance');
  const over = checkBudget(recorded + ALLOWED + 1, recorded);
  assert.equal(over.ok, false, 'one byte past the tolerance');
  assert.match(over.message, /measured 102049 B brotli, recorded 100000 B \(\+2049 B\)/);
  assert.match(over.message, /bash scripts\/size\.sh --record/, 'says how to record intended growth');
});

test('the record file: one number among comments; recording keeps the comments', () => {
  const text = '# a comment\n# another\n123456\n';
  assert.equal(parseRecord(text), 123456);
  assert.equal(withRecord(text, 99), '# a comment\n# another\n99\n');
  assert.throws(() => parseRecord('# only comments\n'));
  assert.throws(() => parseRecord('12\n34\n'));
  assert.throws(() => parseRecord('12.5\n'));
  assert.ok(parseRecord(readFileSync('size-budget.txt', 'utf8')) > 0, 'the repository\'s record reads');
});

test('the command CI runs exits 1 over the budget, 0 within it, and --record moves it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reader-budget-'));
  try {
    const record = join(dir, 'size-budget.txt');
    writeFileSync(record, '# test record\n200000\n');
    const run = (...args) => spawnSync(process.execPath, ['scripts/size-budget.mjs', ...args, record], { encoding: 'utf8' });

    const over = run('check', String(200_000 + ALLOWED + 1));
    assert.equal(over.status, 1);
    assert.match(over.stderr, /Size budget exceeded/);
    assert.equal(run('check', String(200_000 + ALLOWED)).status, 0);

    assert.equal(run('record', '210000').status, 0);
    assert.equal(readFileSync(record, 'utf8'), '# test record\n210000\n');
    assert.equal(run('check', String(200_000 + ALLOWED + 1)).status, 0, 'within the new record');
    assert.equal(run('check', 'many').status, 2, 'a measurement that is not a number is an error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
