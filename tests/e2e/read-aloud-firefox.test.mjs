// Read aloud in Firefox ESR (issue 11, item 4), through geckodriver, with the same stubbed
// synthesizer as the Chromium tests (./speech-stub.mjs). Plain WebDriver has no init scripts,
// so the stub is installed once the page is there: the reader looks the synthesizer up when
// 朗读 is pressed, not when its module loads. Covered: headline then body in order, the
// language and voice, the highlight, pause / resume / stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { firefoxSuite } from './geckodriver.mjs';
import { installSpeechStub } from './speech-stub.mjs';

const TEST_TIMEOUT = { timeout: 90_000 };
const SEED = JSON.parse(readFileSync('static/articles/seed.json', 'utf8'));

// The release build served and one Firefox session, for every test here.
const suite = firefoxSuite();

test('Firefox: 朗读 reads the headline then the body in zh-CN, and pause / resume / stop reach the synthesizer', TEST_TIMEOUT, async () => {
  const { call, run, until, session } = suite.firefox;
  await call('POST', `/session/${session}/url`, { url: `${suite.server.url}/` });
  await until('the reader', () => document.querySelector('.article-reader')?.dataset.state === 'ready');
  await run(installSpeechStub, ['en-US', 'zh-TW', 'zh-CN']);
  await run(() => document.querySelector('.ar-aloud-read').click());
  await until('the first utterance', () => window.speechStub.stub.spoken.length === 1);
  let spoken = await run(() => window.speechStub.stub.spoken);
  assert.deepEqual(spoken[0], { text: SEED.headline, lang: 'zh-CN', voice: 'zh-CN' });
  assert.equal(await run(() => document.querySelector('.ar-reading')?.textContent), SEED.headline);
  await run(() => window.speechStub.end());
  spoken = await run(() => window.speechStub.stub.spoken);
  assert.equal(spoken.length, 2);
  assert.ok(SEED.body[0].content.startsWith(spoken[1].text), spoken[1].text);
  assert.equal(await run(() => document.querySelector('.ar-reading')?.textContent), SEED.body[0].content);
  await run(() => document.querySelector('.ar-aloud-pause').click());
  await until('继续', () => document.querySelector('.ar-aloud-pause').textContent === '继续');
  await run(() => document.querySelector('.ar-aloud-pause').click());
  await until('暂停', () => document.querySelector('.ar-aloud-pause').textContent === '暂停');
  await run(() => document.querySelector('.ar-aloud-stop').click());
  await until('the stop', () => document.querySelector('.ar-aloud-status').textContent === '朗读已停止');
  assert.deepEqual((await run(() => window.speechStub.stub.calls)).slice(-3), ['pause', 'resume', 'cancel']);
  assert.equal(await run(() => document.querySelectorAll('.ar-reading').length), 0);
});
