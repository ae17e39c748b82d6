// Takes a prerendered page (made by the prerender command, see the README's "Prerendered
// pages") over with the live reader, without any visible change: the reader renders the same
// article into an element off the page, and only once it has finished, and its markup is found
// to be the prerendered markup (the same elements with the same classes and the same text),
// the page's element is swapped for it in one step. Addresses are not compared: the live
// reader resolves relative ones against where the page really is, which is right even when
// the page was prerendered for another address. Same markup means the same layout, so nothing moves and the
// scroll position stays; the focused element's counterpart takes the focus. Any difference, or
// an article that fails to load, leaves the static page as it is: it is complete on its own.
import { ready, mount } from './article-reader.js';

const app = document.getElementById('app');
const src = app?.dataset.article;

/**
 * Resolves with the reader's `data-state` once it is `ready` or `failed` and its first frame is
 * behind it: until then its body may carry `data-first-frame`, under which the browser skips the
 * layout of blocks off screen, and a page swapped in then could move what the visitor sees.
 */
function settled(root) {
  const state = () => root.querySelector('.article-reader')?.getAttribute('data-state');
  return new Promise((resolve) => {
    const check = () => {
      const now = state();
      const painted = !root.querySelector('[data-first-frame]');
      if ((now === 'ready' && painted) || now === 'failed') {
        observer.disconnect();
        resolve(now);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { subtree: true, childList: true, attributes: true });
    check();
  });
}

/**
 * The markup as compared: each element's name, classes, id, language and direction, and the
 * text between elements (adjacent text nodes joined: the live DOM may split a text the
 * prerendered HTML has in one piece).
 */
function outline(root) {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (out.length > 0 && out[out.length - 1].startsWith('"')) {
        out[out.length - 1] += node.data;
      } else {
        out.push(`"${node.data}`);
      }
    } else {
      const attributes = ['class', 'id', 'lang', 'dir'].map((a) => node.getAttribute(a) ?? '');
      out.push(`<${node.localName} ${attributes.join(' ')}`);
    }
  }
  return out.join('\n');
}

/** Where `node` sits under `root`, as child indices. */
function pathOf(root, node) {
  const path = [];
  for (let at = node; at && at !== root; at = at.parentNode) {
    if (!at.parentNode) return null;
    path.unshift([...at.parentNode.childNodes].indexOf(at));
  }
  return path;
}

function follow(root, path) {
  let at = root;
  for (const index of path) at = at?.childNodes[index];
  return at;
}

if (app && src) {
  try {
    await ready;
    const live = document.createElement('main');
    live.id = 'app';
    // The prerendered page has the standalone page's skip link to its body: so has the reader.
    const handle = mount(live, { src, bodyId: 'ar-article-body' });
    const state = await settled(live);
    if (state === 'ready' && outline(live) === outline(app)) {
      const focused = app.contains(document.activeElement)
        ? pathOf(app, document.activeElement) : null;
      const { scrollX, scrollY } = window;
      app.replaceWith(live);
      if (window.scrollX !== scrollX || window.scrollY !== scrollY) {
        window.scrollTo(scrollX, scrollY);
      }
      const counterpart = focused && follow(live, focused);
      if (counterpart instanceof HTMLElement) counterpart.focus({ preventScroll: true });
      live.dataset.takeover = 'done';
    } else {
      handle.destroy();
      app.dataset.takeover = 'kept';
    }
  } catch (error) {
    // Without WebAssembly the static page simply stays.
    app.dataset.takeover = 'kept';
    throw error;
  }
}
