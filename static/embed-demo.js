// The host page's script: mounts one reader by hand and lets the visitor remove and re-add it.
import { ready, mount } from './article-reader.js';

await ready;
const slot = document.getElementById('reader-one');
let handle = mount(slot, { src: '/static/articles/seed.json' });

document.getElementById('destroy-first').addEventListener('click', () => {
  handle?.destroy();
  handle = null;
});
document.getElementById('remount-first').addEventListener('click', () => {
  handle?.destroy();
  handle = mount(slot, { src: '/static/articles/seed.json' });
});
