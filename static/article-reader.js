// The reader for host pages: re-exports mount() and defines the <article-reader> element.
//
//   <link rel="stylesheet" href="/article-reader.css">
//   <script type="module" src="/static/article-reader.js"></script>
//   <article-reader src="/static/articles/seed.json"></article-reader>
//
// or, from a module script:
//
//   import { ready, mount } from '/static/article-reader.js';
//   await ready;
//   const handle = mount(element, { src: '/static/articles/seed.json' });
//   handle.destroy();
import init, { mount } from '../article-reader.js';

/** Resolves once the WebAssembly module is instantiated; mount() may be called after that. */
export const ready = init({ module_or_path: new URL('../article-reader_bg.wasm', import.meta.url) });
export { mount };

/**
 * <article-reader src="article.json" lang="en" timeout-ms="15000" embeds="www.youtube.com">: a
 * reader in the light DOM (so the reader's scoped style sheet applies). Changing `src` loads the new article in the
 * same reader; removing the element destroys the reader.
 */
class ArticleReaderElement extends HTMLElement {
  static observedAttributes = ['src', 'lang', 'timeout-ms', 'embeds'];
  #handle = null;
  #generation = 0;
  #mounted = false;

  connectedCallback() {
    // Moving the element (disconnect, then connect in the same task) keeps its reader.
    if (!this.#handle) this.#render();
  }

  disconnectedCallback() {
    // Destroy only if the element is still out of the document once this task's moves are
    // done, so that a move does not cost a reload and the reader's text size.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#generation += 1;
      this.#handle?.destroy();
      this.#handle = null;
    });
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  async #render() {
    const generation = ++this.#generation;
    try {
      await ready;
    } catch (error) {
      // Without the WebAssembly module there is no reader to explain this, so say it here.
      this.textContent = `The article reader could not start: ${error}`;
      return;
    }
    // A newer render or a removal happened while the module was loading.
    if (generation !== this.#generation) return;
    const options = { src: this.getAttribute('src') ?? '' };
    // `timeout-ms` is a decimal whole number ("15000"); anything else ("0x10", "1e3", "1.5")
    // is passed on as the string it is, so that the reader refuses it and shows it as written.
    const timeout = this.getAttribute('timeout-ms');
    if (timeout !== null) options.timeoutMs = /^[0-9]+$/.test(timeout) ? Number(timeout) : timeout;
    const lang = this.getAttribute('lang') || document.documentElement.lang;
    if (lang) options.lang = lang;
    // `embeds` lists, separated by spaces, the hosts whose players may be framed.
    const embeds = this.getAttribute('embeds')?.split(/\s+/).filter(Boolean);
    if (embeds?.length) options.embeds = embeds;
    // An existing reader loads the new article in place: a load in flight is cancelled and
    // the reader's text size is kept.
    if (this.#handle) {
      this.#handle.load(options);
      return;
    }
    // mount() refuses an element with content; the element's own children are fallback
    // content for browsers without the reader (a link to the article, say), which the reader
    // replaces. Only before the first mount: later, what is left is a destroyed reader's view,
    // which that reader removes itself.
    if (!this.#mounted) this.replaceChildren();
    this.#mounted = true;
    this.#handle = mount(this, options);
  }
}

if (!customElements.get('article-reader')) {
  customElements.define('article-reader', ArticleReaderElement);
}
