// The speed harness's probe (scripts/bench.mjs), run by Chromium at the start of every
// document of a measured page, before any of the page's own scripts, and identical for every
// page measured (reader, prerendered, static HTML, vanilla JS). It only observes: it collects
// into `window.__bench`
// - `element`: Element Timing entries (the browser's own record of when an element's text was
//   first painted) for the first headline (`h1.ar-headline`) and the first paragraph of the
//   body (`.ar-body p`). The `elementtiming` attribute is put on them in a requestAnimationFrame
//   callback, which runs before the frame that first paints them is drawn;
// - `lcp`: Largest Contentful Paint entries;
// - `longtasks`: the Long Tasks API's tasks (50 ms and over), with their start and duration;
// - `readyAt`: when the frame after the reader's root (`.article-reader`) first showed
//   `data-state="ready"` (or `failed`) was drawn: seen in a requestAnimationFrame callback,
//   timed by a message posted from it, which runs once that frame's work is done;
// - `headlineAt`: with `watchHeadline(text)` (or a target left in sessionStorage by the
//   previous document of the tab, for a navigation that loads a new one), the time, as epoch
//   milliseconds, of the frame after the headline first read `text`, timed the same way.
// The polling loop stops once everything it waits for is seen, so it costs nothing after.
(() => {
  if (window.__bench) return;
  const bench = {
    element: [], lcp: [], longtasks: [], readyAt: null, state: null, headlineAt: null,
  };
  window.__bench = bench;
  const observe = (type, into) => {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) into(entry);
      }).observe({ type, buffered: true });
    } catch { /* an entry type this browser lacks stays empty */ }
  };
  observe('element', (e) => bench.element.push({
    id: e.identifier, renderTime: e.renderTime || e.loadTime, text: e.element?.textContent?.slice(0, 80) ?? '',
  }));
  observe('largest-contentful-paint', (e) => bench.lcp.push({ time: e.renderTime || e.loadTime, size: e.size }));
  observe('longtask', (e) => bench.longtasks.push({ start: e.startTime, duration: e.duration }));

  /** Resolves with performance.now() once the frame being drawn is done (rAF, then a message). */
  const afterFrame = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  const epoch = (now) => performance.timeOrigin + now;

  let target = null;
  try { target = window.sessionStorage.getItem('benchHeadline'); } catch { /* no storage */ }
  bench.watchHeadline = (text) => {
    target = text;
    bench.headlineAt = null;
    schedule();
  };

  const tag = (element, name) => {
    if (element && !element.hasAttribute('elementtiming')) element.setAttribute('elementtiming', name);
  };
  let tagged = false;
  let polling = false;
  function schedule() {
    if (polling) return;
    polling = true;
    requestAnimationFrame(poll);
  }
  function poll() {
    polling = false;
    let again = false;
    if (!tagged) {
      const headline = document.querySelector('h1.ar-headline');
      const paragraph = document.querySelector('.ar-body p');
      tag(headline, 'bench-headline');
      tag(paragraph, 'bench-first-paragraph');
      tagged = Boolean(headline && paragraph);
      again ||= !tagged;
    }
    if (bench.state === null) {
      const state = document.querySelector('.article-reader')?.getAttribute('data-state');
      if (state === 'ready' || state === 'failed') {
        bench.state = state;
        afterFrame().then((now) => { bench.readyAt = now; });
      } else {
        again = true;
      }
    }
    if (target !== null) {
      if (document.querySelector('h1.ar-headline')?.textContent === target) {
        target = null;
        try { window.sessionStorage.removeItem('benchHeadline'); } catch { /* no storage */ }
        afterFrame().then((now) => { bench.headlineAt = epoch(now); });
      } else {
        again = true;
      }
    }
    // A page that never becomes ready (a failed load, a page without the reader's markup)
    // stops being polled after 60 s, so a broken page does not keep drawing frames.
    if (again && performance.now() < 60_000) schedule();
  }
  schedule();
})();
