// The reader for host pages: mount() and the <article-reader> element, on top of a WebAssembly
// instance this module starts, watches and, when it traps, replaces.
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
//
// Why a JavaScript layer at all: a WebAssembly trap (`RuntimeError: unreachable`, from a bug or
// a failed allocation) leaves the instance's memory in whatever state the trap caught it, so no
// later call into it can be trusted, and every reader it rendered is left with dead event
// handlers. Rust cannot recover from that inside the instance; this module can, from outside:
// it notices the trap, never calls that instance again, starts a fresh one, and brings every
// reader back on it. The invariant it keeps: a trap never leaves a reader loading or dead. A
// reader that was loading when the trap came shows an error with a retry (the trap may well
// have been its article's doing, so it is not loaded again on its own); every other reader is
// mounted again, with its latest options, on the fresh instance.

const GLUE = new URL('../article-reader.js', import.meta.url);
const WASM = new URL('../article-reader_bg.wasm', import.meta.url);

/**
 * The interface text this module shows itself: the Rust reader's labels where they exist
 * (src/i18n.rs: loading, error_title, retry, technical_detail), and the one sentence only a
 * trap needs.
 */
const LABELS = {
  zh: {
    tag: 'zh-CN',
    loading: '正在加载文章…',
    title: '文章加载失败',
    summary: '阅读器遇到内部错误而停止。点“重试”在重新启动的阅读器中再次加载这篇文章。',
    retry: '重试',
    technical: '技术信息（英文）',
  },
  en: {
    tag: 'en',
    loading: 'Loading the article…',
    title: 'The article could not be loaded',
    summary: 'The reader stopped on an internal error. Retry loads the article again in a restarted reader.',
    retry: 'Retry',
    technical: 'Technical details',
  },
};

/** `url` under the name of instance `number`: the first keeps the file's own name. */
function addressed(url, number) {
  if (number === 1) return url.href;
  const named = new URL(url);
  named.searchParams.set('instance', String(number));
  return named.href;
}

/**
 * One instantiation of the module. The first loads the files under their own names (the ones
 * Trunk preloads); each later one under a name of its own (`?instance=N`), which makes the glue
 * a new module record, with state of its own, and lets a trap's stack trace name the instance
 * it came from: a dead instance's event handlers stay attached to host elements and may still
 * trap when something fires them, and those traps must not take the fresh instance down.
 */
class Instance {
  /** `starting`, `live`, `dead` (it trapped) or `failed` (it never started). */
  state = 'starting';
  /** The RuntimeError it died of. */
  trap = null;
  /** The glue module (wasm-bindgen's exports), once started. */
  glue = null;
  /** Handles of this instance kept after its death: never called, kept so that the glue's
   *  finalizers never call into the dead instance to free them either. */
  orphans = [];

  constructor(number) {
    this.number = number;
    this.glueHref = addressed(GLUE, number);
    this.wasmHref = addressed(WASM, number);
    this.started = this.#start();
  }

  async #start() {
    const glue = await import(this.glueHref);
    await glue.default({ module_or_path: new URL(this.wasmHref) });
    this.glue = glue;
  }

  /** Whether a stack trace runs through this instance's code (its wasm or its glue). */
  named(stack) {
    return stack.includes(`${this.wasmHref}:`) || stack.includes(`${this.glueHref}:`);
  }
}

const instances = [];
let current = null;
/** Every reader not destroyed. */
const readers = new Set();
/** The reader on each element, so that a second mount() on one is refused even while its
 *  reader waits for an instance or shows this module's error view. */
const onElement = new WeakMap();

function startInstance() {
  const instance = new Instance(instances.length + 1);
  instances.push(instance);
  current = instance;
  instance.started.then(
    () => {
      if (instance.state !== 'starting') {
        // It trapped while starting: the readers waiting for it wait no longer.
        giveUp(instance.trap);
        return;
      }
      instance.state = 'live';
      for (const reader of [...readers]) {
        if (reader.view === 'waiting') resume(reader);
      }
    },
    (error) => {
      if (instance.state === 'starting') instance.state = 'failed';
      giveUp(error);
    },
  );
  return instance;
}

/** An instance never became live: every reader waiting for one shows why, with its retry. */
function giveUp(error) {
  for (const reader of [...readers]) {
    if (reader.view !== 'waiting') continue;
    if (reader.drawn) {
      showError(reader, error);
    } else {
      // A mount() that never reached a module: there is no place known to be the reader's to
      // explain it in, so it goes where uncaught errors go.
      forget(reader);
      reportError(error);
    }
  }
}

/** Which Rust entry point mounts a reader: `mount(element, options)` for a host's reader,
 *  `mountStandalone(element)` for the standalone page's (its options come from the address). */
const KIND = Object.freeze({ embedded: 'embedded', standalone: 'standalone' });

/**
 * One reader as the host sees it: its element and its latest options survive the instances
 * it is rendered by.
 */
class Reader {
  /** `waiting` (for an instance), `reader` (Rust renders it), `error` (this module's view). */
  view = 'waiting';
  /** Whether the element was accepted by mount() once, so this module may draw into it. */
  drawn = false;
  instance = null;
  rust = null;
  destroyed = false;
  /** Whether it was brought back on its own since the host or the visitor last asked it for
   *  an article (mount, load, retry): it is brought back on its own once, never in a loop. */
  broughtBack = false;
  /** While a host's load() has not been shown yet: a MutationObserver of the root's
   *  `data-state`, else null (see `watchAsk`). */
  ask = null;

  constructor(element, options, kind) {
    this.element = element;
    this.options = options;
    this.kind = kind;
  }
}

/** Mounts `reader` on the current instance now, or as soon as there is a live one. Throws the
 *  Rust layer's errors for arguments it refuses (JsError). */
function place(reader) {
  if (current.state === 'live') {
    attach(reader, current);
    return;
  }
  reader.view = 'waiting';
  if (reader.drawn) showLoading(reader);
  if (current.state !== 'starting') startInstance();
}

function attach(reader, instance) {
  if (reader.drawn) reader.element.replaceChildren();
  try {
    reader.rust = reader.kind === KIND.standalone
      ? instance.glue.mountStandalone(reader.element, takeEarly(reader))
      : instance.glue.mount(reader.element, reader.options);
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    reader.drawn = true;
    reader.instance = instance;
    reader.view = 'reader';
    trapped(instance, error, reader);
    return;
  }
  reader.instance = instance;
  reader.view = 'reader';
  reader.drawn = true;
}

/** Mounts a reader this module holds (waiting, or showing its error) on the live instance: a
 *  refusal now has no caller to be thrown to, so it is shown in the reader, or reported where
 *  uncaught errors go if the element was never accepted (a mount() made before any instance
 *  was live). */
function resume(reader) {
  try {
    place(reader);
  } catch (error) {
    if (reader.drawn) {
      showError(reader, error);
    } else {
      forget(reader);
      reportError(error);
    }
  }
}

/** Calls `action` on `reader`'s Rust handle; a trap becomes recovery instead of an exception. */
function guarded(reader, action) {
  const { instance } = reader;
  try {
    action(reader.rust);
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    trapped(instance, error, reader);
  }
}

/**
 * Watches `reader`'s root after the host asked it for another article. Rust takes a load() up
 * in a render it schedules for later, so until that render the root still shows the article
 * before, `ready`: a trap in that render (or in the request it starts) would otherwise read as
 * one that caught a settled reader, which is brought back and asks for the same article again
 * on the fresh instance. The first change of the root's `data-state` ends the watch; from then
 * on the root tells the stage itself. (A load whose first render shows the stage the root
 * already showed, such as refused options on a failed reader, stays asked until the root
 * changes: a trap then shows the error with a retry, which never leaves the reader dead.)
 */
function watchAsk(reader) {
  endAsk(reader);
  const observer = new MutationObserver(() => {
    if (reader.ask === observer) endAsk(reader);
  });
  observer.observe(reader.element, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  reader.ask = observer;
}

function endAsk(reader) {
  reader.ask?.disconnect();
  reader.ask = null;
}

/** What a reader's own root says it shows: `loading`, `ready` or `failed`; `loading` too for
 *  a load() asked for that the root has not shown yet. */
function shownState(reader) {
  // Records not yet delivered count: a trap can come before the observer's callback runs.
  if (reader.ask !== null && reader.ask.takeRecords().length === 0) return 'loading';
  return reader.element.querySelector(':scope > .article-reader')?.getAttribute('data-state');
}

/**
 * `instance` trapped. `culprit` is the reader whose call trapped, if the trap came from a call
 * this module made.
 */
function trapped(instance, error, culprit) {
  if (instance.state === 'dead' || instance.state === 'failed') return;
  const wasStarting = instance.state === 'starting';
  instance.state = 'dead';
  instance.trap = error;
  // A trap in a callback reached the window and was reported there; one in a call this module
  // made was caught, so it is reported here, for the page's developers.
  if (culprit !== null) {
    console.error('article reader: the WebAssembly instance trapped; starting a fresh one', error);
  }
  for (const reader of [...readers]) {
    if (reader.instance !== instance || reader.view !== 'reader') continue;
    instance.orphans.push(reader.rust);
    reader.rust = null;
    reader.instance = null;
    const state = reader === culprit ? 'loading' : shownState(reader);
    endAsk(reader);
    const settled = state === 'ready' || state === 'failed';
    if (settled && !reader.broughtBack) {
      reader.broughtBack = true;
      reader.view = 'waiting';
      showLoading(reader);
    } else {
      // Loading when the trap came (its article may be what trapped), or already brought back
      // on its own once and caught by a trap again: the reader waits for a person to retry.
      showError(reader, error);
    }
  }
  // An instance that trapped while starting releases its waiting readers when its start
  // settles; one that trapped while live is replaced at once, so that readers and new mounts
  // have somewhere to go.
  if (!wasStarting && current === instance) startInstance();
}

/** The instance a trap that reached the window came from, or null if it is not one of ours. */
function sourceOf(error) {
  const stack = String(error.stack ?? '');
  for (let i = instances.length - 1; i >= 0; i -= 1) {
    if (instances[i].named(stack)) return instances[i];
  }
  // Without the streaming compile (a server not sending application/wasm) the wasm frames
  // carry no address; while there has only ever been one instance, a trap is still its own.
  if (instances.length === 1 && /wasm/.test(stack)) return instances[0];
  return null;
}

function onUncaught(error, event) {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  const instance = sourceOf(error);
  if (instance === null) return;
  if (instance.state === 'dead') {
    // A dead instance's leftover handler trapping again: an echo of a trap already handled and
    // reported, so it is not reported once more.
    event.preventDefault();
    return;
  }
  trapped(instance, error, null);
}

// Traps in futures and event handlers never come back through a call of ours: they surface as
// uncaught errors or rejections.
window.addEventListener('error', (event) => onUncaught(event.error, event));
window.addEventListener('unhandledrejection', (event) => onUncaught(event.reason, event));

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The labels for `reader`: its `lang` option, else the document's, else Chinese (the
 *  reader's own default), chosen as src/i18n.rs chooses. */
function labelsOf(reader) {
  const options = reader.options;
  const given = reader.kind === KIND.embedded && typeof options?.lang === 'string' ? options.lang : '';
  const tag = given || reader.element.ownerDocument?.documentElement?.lang || 'zh';
  return tag.split(/[-_]/)[0].toLowerCase() === 'zh' ? LABELS.zh : LABELS.en;
}

function readerRoot(labels, state) {
  const root = make('div', 'article-reader');
  root.lang = labels.tag;
  root.dir = 'ltr';
  root.setAttribute('data-state', state);
  return root;
}

function showLoading(reader) {
  const labels = labelsOf(reader);
  const root = readerRoot(labels, 'loading');
  const status = make('div', 'ar-status ar-loading');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const spinner = make('span', 'ar-spinner');
  spinner.setAttribute('aria-hidden', 'true');
  status.append(spinner, labels.loading);
  root.append(status);
  reader.element.replaceChildren(root);
}

/** The error panel, as the Rust reader draws its own, with a retry that mounts the reader
 *  again on the live instance (started first if there is none). */
function showError(reader, error) {
  // Focus inside the reader would fall to the page with the nodes that held it: it goes to
  // the retry instead, so a keyboard user is not sent back to the top.
  const focused = reader.element.contains(reader.element.ownerDocument.activeElement);
  reader.view = 'error';
  const labels = labelsOf(reader);
  const root = readerRoot(labels, 'failed');
  const panel = make('div', 'ar-status ar-error');
  panel.setAttribute('role', 'alert');
  const detail = make('p', 'ar-error-detail', String(error));
  // The engine's message is English whatever the interface language.
  detail.lang = 'en';
  const retry = make('button', 'ar-retry', labels.retry);
  retry.type = 'button';
  retry.addEventListener('click', () => {
    if (reader.destroyed || reader.view !== 'error') return;
    reader.broughtBack = false;
    resume(reader);
  });
  // The engine's words are folded away, as the Rust reader folds its own technical detail:
  // the view itself is in the reader's language.
  const technical = make('details', 'ar-error-technical');
  technical.append(make('summary', '', labels.technical), detail);
  const ways = make('p', 'ar-error-ways');
  ways.append(retry);
  panel.append(make('h2', '', labels.title), make('p', 'ar-error-summary', labels.summary), ways,
    technical);
  root.append(panel);
  reader.element.replaceChildren(root);
  if (focused) retry.focus();
}

function forget(reader) {
  endAsk(reader);
  reader.destroyed = true;
  readers.delete(reader);
  if (onElement.get(reader.element) === reader) onElement.delete(reader.element);
}

/**
 * What mount() returns: `load(options)`, `destroy()` and `destroyed`, as the Rust handle has,
 * kept working across instances. Calls made while the reader waits for a fresh instance are
 * remembered and applied when it is mounted there.
 */
class ReaderHandle {
  #reader;

  constructor(reader) {
    this.#reader = reader;
  }

  /** Shows another article in the same reader (see the Rust handle's `load`). */
  load(options) {
    const reader = this.#reader;
    if (reader.destroyed) throw new Error('load(): this reader was destroyed');
    // Kept first: if this load traps, the retry is for the article asked for now.
    reader.options = options;
    reader.broughtBack = false;
    if (reader.view === 'reader') {
      watchAsk(reader);
      guarded(reader, (rust) => rust.load(options));
    } else if (reader.view === 'error') {
      resume(reader);
    }
  }

  /** Removes the reader; calling it again does nothing. */
  destroy() {
    const reader = this.#reader;
    if (reader.destroyed) return;
    forget(reader);
    if (reader.view === 'reader') {
      const { instance } = reader;
      guarded(reader, (rust) => rust.destroy());
      if (instance.state === 'dead') {
        // It trapped on the way out: what it left in the element is dead, so it goes too.
        instance.orphans.push(reader.rust);
        reader.element.replaceChildren();
      }
    } else if (reader.drawn) {
      // This module's own view (an error, or loading while an instance starts) goes with it.
      reader.element.replaceChildren();
    }
  }

  /** Whether `destroy()` has been called. */
  get destroyed() {
    return this.#reader.destroyed;
  }
}

function mountReader(element, options, kind) {
  const existing = element !== null && typeof element === 'object' ? onElement.get(element) : undefined;
  if (existing && !existing.destroyed) {
    // The Rust layer refuses this itself, but a reader waiting for an instance or showing this
    // module's error view is not on the instance's books.
    throw new Error('mount(): a reader is already mounted on this element; call destroy() on its handle first');
  }
  const reader = new Reader(element, options, kind);
  readers.add(reader);
  try {
    place(reader);
  } catch (error) {
    readers.delete(reader);
    throw error;
  }
  // A queued mount has not been checked yet; whatever it is, only an object can be a key.
  if (element !== null && typeof element === 'object') onElement.set(element, reader);
  return new ReaderHandle(reader);
}

const first = startInstance();

/** Resolves once the WebAssembly module is instantiated; mount() may be called after that. */
export const ready = first.started;

/**
 * Mounts a reader into `element`; `options` as the README's table says. Throws for an element
 * the reader cannot use (see the README). The handle keeps working if the instance traps.
 */
export function mount(element, options) {
  return mountReader(element, options, KIND.embedded);
}

/**
 * Mounts the standalone reader (static/standalone.js), with the same recovery as mount().
 * `early`, optional, is the article request the page started while the WebAssembly module was
 * downloading, `{ url, response, controller }` (see `mountStandalone` in src/embed.rs).
 */
export function mountStandalone(element, early) {
  return mountReader(element, early, KIND.standalone);
}

/** A standalone reader's early request, handed over once: a response body can be read once,
 *  and a reader brought back after a trap requests its article itself. */
function takeEarly(reader) {
  const early = reader.options;
  reader.options = undefined;
  return early;
}

/**
 * <article-reader src="article.json" lang="en" timeout-ms="15000" embeds="www.youtube.com" elder>: a
 * reader in the light DOM (so the reader's scoped style sheet applies). Changing `src` loads the new article in the
 * same reader; removing the element destroys the reader.
 */
class ArticleReaderElement extends HTMLElement {
  static observedAttributes = ['src', 'lang', 'timeout-ms', 'embeds', 'navigation', 'body-id', 'elder'];
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
    // `navigation="reader"`: the reader shows the articles its links lead to itself.
    const navigation = this.getAttribute('navigation');
    if (navigation !== null) options.navigation = navigation;
    // `body-id="story"`: the article body takes that id, with a skip link to it.
    const bodyId = this.getAttribute('body-id');
    if (bodyId !== null) options.bodyId = bodyId;
    // `elder`, a boolean attribute: present, the reader opens in elder mode (长者模式); removed,
    // it leaves it. Absent from the start, the reader's own switch decides.
    options.elder = this.hasAttribute('elder');
    // An existing reader loads the new article in place: a load in flight is cancelled and
    // the reader's text size is kept. After a trap, the handle remounts it on a fresh instance.
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
