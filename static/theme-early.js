// The standalone page's reading settings (theme, typeface, line spacing, line width), applied
// before the first paint. A classic script in <head> (not a module, which would wait for the
// document to be parsed) so that the page, and the loading state inside #app, are painted with
// the reader's choices from the first frame. It only copies the names the reader stored
// (src/settings.rs writes the same keys and names, and tests that these lists are its own) to
// data-* attributes on <html>; with none, the style sheet follows prefers-color-scheme.
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
})();
