// The speed harness's host page for generated articles (scripts/bench.mjs): mounts the reader
// through the embedded API on ?src=, with `maxBytes` and the two limits a long article of
// plain paragraphs reaches (`blocks`, `runs`) raised to the paragraph count ?n= (each
// paragraph is one block of one run). A value above a limit's maximum is clamped to it
// (docs/limits.md), so an article over the maximum is refused, as it would be for any host.
import { ready, mount } from '/static/article-reader.js';

const params = new URLSearchParams(window.location.search);
const n = Number(params.get('n') ?? '0');
await ready;
mount(document.getElementById('app'), {
  src: params.get('src') ?? '',
  maxBytes: 512 * 1024 * 1024,
  limits: { blocks: Math.max(5000, n), runs: Math.max(50000, n) },
});
