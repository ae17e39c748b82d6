// What the standalone page does before its first paint and before anything else has arrived.
// A classic script in <head> (not a module, which would wait for the document to be parsed and
// for its style sheets), run as soon as it arrives:
//
// 1. The reading settings (theme, typeface, line spacing, line width), so that the page, and
//    the loading state inside #app, are painted with the reader's choices from the first
//    frame. It only copies the names the reader stored (src/settings.rs writes the same keys
//    and names, and tests that these lists are its own) to data-* attributes on <html>; with
//    none, the style sheet follows prefers-color-scheme.
// 2. The request for the page's article, so that the JSON downloads beside the style sheets,
//    the scripts and the WebAssembly module instead of after them. static/standalone.js hands
//    it to the reader, which takes the response over (through every check its own request
//    would pass) if it is for the address it shows, and aborts it otherwise. Started here
//    rather than in standalone.js: a module script runs only once the document is parsed and
//    its style sheets have arrived, one more round trip later.
(function () {
  var names = {
    theme: ['light', 'sepia', 'dark', 'contrast'],
    typeface: ['serif', 'kai'],
    leading: ['compact', 'loose'],
    measure: ['narrow', 'medium'],
  };
  try {
    for (var setting in names) {
      var value = window.localStorage.getItem('article-reader.' + setting);
      if (names[setting].indexOf(value) >= 0) {
        document.documentElement.setAttribute('data-ar-' + setting, value);
      }
    }
  } catch (refused) {
    // Storage refused (privacy modes): the page shows the defaults.
  }

  // The article the page shows without `?article=`: the same value as DEFAULT_ARTICLE in
  // src/options.rs (tests/e2e/paint.test.mjs checks that a request started here is the one the
  // reader uses, which it is only if both agree).
  var DEFAULT_ARTICLE = 'static/articles/seed.json';

  // The request, or none where the reader would refuse the address (another origin): a
  // request it will not use must not be made. Nor is one made in a browser that cannot run the
  // reader (no module scripts, no WebAssembly) or lacks what the request needs: the reader's
  // module would never take it over there.
  function startArticle() {
    var canRun = typeof WebAssembly === 'object' && window.HTMLScriptElement
      && 'noModule' in HTMLScriptElement.prototype;
    if (!canRun || !window.fetch || !window.AbortController || !window.URL
      || !window.URLSearchParams) {
      return undefined;
    }
    var param = new URLSearchParams(location.search).get('article');
    var url;
    try {
      url = new URL(param && param.trim() ? param : DEFAULT_ARTICLE, location.href);
    } catch (invalid) {
      return undefined;
    }
    if (url.origin !== location.origin) return undefined;
    var controller = new AbortController();
    var response = fetch(url.href, {
      headers: { Accept: 'application/json' },
      // As the reader's own request: a redirect is refused, not followed (see the README).
      redirect: 'manual',
      signal: controller.signal,
    });
    // The reader reports a failure itself, with its address; this only keeps it from being
    // reported twice as an unhandled rejection.
    response.catch(function () {});
    return { url: url.href, response: response, controller: controller };
  }

  // Read once, by static/standalone.js.
  window.articleReaderEarly = startArticle();
})();
