// The standalone page's theme, applied before the first paint. A classic script in <head> (not
// a module, which would wait for the document to be parsed) so that the page, and the loading
// state inside #app, are painted in the reader's chosen theme from the first frame. It only
// reads the choice the reader stored (src/theme.rs writes the same key and values); with none,
// the style sheet follows prefers-color-scheme.
(function () {
  try {
    var theme = window.localStorage.getItem('article-reader.theme');
    if (theme === 'light' || theme === 'sepia' || theme === 'dark' || theme === 'contrast') {
      document.documentElement.setAttribute('data-theme', theme);
    }
  } catch (refused) {
    // Storage refused (privacy modes): the page follows the system's preference.
  }
})();
