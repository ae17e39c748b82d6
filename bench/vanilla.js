// The speed harness's vanilla-JS baseline (scripts/bench.mjs): what a page costs that renders
// the same article JSON with plain DOM calls and no framework, in the same markup and with the
// same style sheet as the reader, so the two pages lay out and paint the same way.
//
// It renders the subset of the article schema (docs/article-json.md) the harness's articles
// use: breadcrumb, headline, meta line (date and source), the T+ / T- toolbar, a body of
// paragraphs and headings (content as a string or an array of text runs), the editor, related
// reading and the sidebar. It is deliberately simple and honest: one fetch, one
// DocumentFragment built in one pass and inserted once, text only through textContent, and T+ /
// T- as one class change on the body. It validates nothing and has no limits: what it costs is
// the floor, not a competitor. Anything outside the subset is skipped.
//
//   /bench/vanilla.html?article=static/articles/seed.json

const LABELS = {
  zh: {
    you: '您的位置', published: '发布时间', source: '来源', print: '打印', printName: '打印本文',
    tools: '阅读工具', biggerName: 'T+ 放大字号', smallerName: 'T- 缩小字号', size: '字号',
    editor: '责编', related: '相关阅读', sidebar: '栏目推荐', more: '更多>>', moreName: '更多',
  },
  en: {
    you: 'You are here', published: 'Published', source: 'Source', print: 'Print',
    printName: 'Print this article', tools: 'Reading tools', biggerName: 'T+ larger text',
    smallerName: 'T- smaller text', size: 'Text size', editor: 'Editor',
    related: 'Related reading', sidebar: 'More from the site', more: 'More>>', moreName: 'More: ',
  },
};
/** Text sizes, as the reader's classes ar-size-0 … ar-size-6 on its root set them. */
const PERCENT = [80, 90, 100, 115, 130, 150, 175];
const START = 2;

/** An element with a class and text (either may be omitted) and attributes. */
function el(tag, className, text, attrs) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  return node;
}

/** A block's inline content: a string, or runs given as strings or `{ text }`. */
function plain(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((run) => (typeof run === 'string' ? run : run?.text ?? '')).join('');
}

/** "2020-07-01T10:14:37+08:00" as the reader shows it: "2020-07-01 10:14:37". */
function shownDate(iso) {
  return iso.length > 10 ? iso.slice(0, 19).replace('T', ' ') : iso;
}

function breadcrumb(crumbs, t) {
  const nav = el('nav', 'ar-breadcrumb', undefined, { 'aria-label': t.you });
  nav.append(el('span', 'ar-breadcrumb-label', `${t.you}: `, { 'aria-hidden': 'true' }));
  const list = el('ol');
  crumbs.forEach((crumb, i) => {
    const item = el('li', 'ar-crumb');
    if (i > 0) item.append(el('span', 'ar-crumb-sep', ' > ', { 'aria-hidden': 'true' }));
    item.append(crumb.url ? el('a', '', crumb.name, { href: crumb.url })
      : el('span', '', crumb.name, { 'aria-current': 'page' }));
    list.append(item);
  });
  nav.append(list);
  return nav;
}

function header(article, t, body) {
  const head = el('header', 'ar-header');
  head.append(el('h1', 'ar-headline', article.headline ?? ''));
  const meta = el('p', 'ar-meta');
  if (article.datePublished) {
    const published = el('span', 'ar-published', `${t.published}: `);
    published.append(el('time', '', shownDate(article.datePublished), { datetime: article.datePublished }));
    meta.append(published);
  }
  if (article.sourceOrganization?.name) {
    meta.append(' ', el('span', 'ar-source', `${t.source}: ${article.sourceOrganization.name}`));
  }
  const tools = el('div', 'ar-toolbar', undefined, { role: 'group', 'aria-label': t.tools });
  const status = el('span', 'ar-size-status', `${t.size} 100%`, { role: 'status', 'aria-live': 'polite' });
  let step = START;
  const resize = (by) => {
    step = Math.min(PERCENT.length - 1, Math.max(0, step + by));
    body.closest('.article-reader').className = `article-reader ar-size-${step}`;
    status.textContent = `${t.size} ${PERCENT[step]}%`;
  };
  const button = (className, text, name, action) => {
    const b = el('button', className, text, { type: 'button', 'aria-label': name });
    b.addEventListener('click', action);
    return b;
  };
  tools.append(button('ar-print', t.print, t.printName, () => window.print()),
    button('ar-bigger', 'T+', t.biggerName, () => resize(1)),
    button('ar-smaller', 'T-', t.smallerName, () => resize(-1)), status);
  head.append(meta, tools);
  return head;
}

function blocks(article) {
  const body = el('div', 'ar-body');
  for (const block of article.body ?? []) {
    if (block?.type === 'paragraph') body.append(el('p', '', plain(block.content)));
    else if (block?.type === 'heading') body.append(el('h2', 'ar-section-heading', plain(block.content)));
  }
  return body;
}

function linkList(items, text) {
  const list = el('ul');
  for (const item of items) {
    const li = el('li');
    li.append(el('a', '', text(item), { href: item.url ?? '' }));
    list.append(li);
  }
  return list;
}

function render(article) {
  const t = (article.inLanguage ?? 'zh').toLowerCase().startsWith('zh') ? LABELS.zh : LABELS.en;
  const root = el('div', `article-reader ar-size-${START}`, undefined, { lang: article.inLanguage ?? 'zh-CN', dir: 'ltr' });
  if (article.breadcrumb?.length) root.append(breadcrumb(article.breadcrumb, t));
  const layout = el('div', 'ar-layout');
  const main = el('div', 'ar-main');
  const art = el('article', 'ar-article');
  const body = blocks(article);
  art.append(header(article, t, body), body);
  if (article.editor?.name) art.append(el('p', 'ar-editor', `(${t.editor}: ${article.editor.name})`));
  main.append(art);
  if (article.relatedLink?.length) {
    const related = el('section', 'ar-related', undefined, { 'aria-label': t.related });
    related.append(el('h2', '', t.related), linkList(article.relatedLink, (item) => item.headline ?? ''));
    main.append(related);
  }
  layout.append(main);
  if (article.sidebar?.length) {
    const aside = el('aside', 'ar-sidebar', undefined, { 'aria-label': t.sidebar });
    for (const group of article.sidebar) {
      const section = el('section', 'ar-side-group', undefined, { 'aria-label': group.name });
      const head = el('div', 'ar-side-head');
      head.append(el('h2', '', group.name));
      if (group.more) head.append(el('a', 'ar-more', t.more, { href: group.more, 'aria-label': `${t.moreName}${group.name}` }));
      section.append(head);
      if (group.items?.length) section.append(linkList(group.items, (item) => item.name ?? ''));
      aside.append(section);
    }
    layout.append(aside);
  }
  root.append(layout);
  return root;
}

const app = document.getElementById('app');
const path = new URLSearchParams(window.location.search).get('article') ?? 'static/articles/seed.json';
try {
  const response = await fetch(new URL(path, `${window.location.origin}/`));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const root = render(await response.json());
  root.setAttribute('data-state', 'ready');
  app.replaceChildren(root);
} catch (error) {
  const root = el('div', 'article-reader', `The article could not be loaded: ${error}`, { 'data-state': 'failed' });
  app.replaceChildren(root);
}
