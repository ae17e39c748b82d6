// What the long-article tests share: the generated article, the press of T+ while the reader
// is still adding the body, and the note of what the first part showed (tests/e2e/long-article.test.mjs, long-article-firefox.test.mjs).

/**
 * Run in the page before anything else: once the reader first says `rendering`, in the next
 * task, it notes the body text's size and presses T+, then notes the reader's stage when the
 * size status changes (`window.pressed`). A click from the test itself could come after a fast
 * machine has put the whole body on the page.
 */
export function PRESS_WHILE_RENDERING() {
  const press = (root) => {
    const status = root.querySelector('.ar-size-status');
    const was = status.textContent;
    window.pressed = { sizeBefore: parseFloat(getComputedStyle(root.querySelector('.ar-body p')).fontSize) };
    new MutationObserver((_, watcher) => {
      if (status.textContent === was) return;
      window.pressed.changedWhile = root.dataset.state;
      watcher.disconnect();
    }).observe(status, { subtree: true, childList: true, characterData: true });
    root.querySelector('.ar-bigger').click();
  };
  new MutationObserver((records, observer) => {
    const root = document.querySelector('.article-reader');
    if (root?.dataset.state !== 'rendering') return;
    observer.disconnect();
    // In a task of its own, as a reader's click would be: reading the text's size here, in the
    // task that drew the first blocks, would lay the page out inside that task and make it the
    // test's long task rather than the reader's.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => press(root);
    channel.port2.postMessage(null);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
}

/**
 * Run in the page before anything else: when the body's first paragraph appears, notes the
 * reader's stage, how many paragraphs there are and whether the reading time is shown
 * (`window.firstSeen`), and marks that paragraph and the headline with a property of their own,
 * which only those very nodes carry.
 */
export function NOTE_FIRST_PARAGRAPH() {
  new MutationObserver((records, observer) => {
    const root = document.querySelector('.article-reader');
    const first = root?.querySelector('.ar-body p');
    if (!first) return;
    observer.disconnect();
    window.firstSeen = {
      state: root.dataset.state,
      paragraphs: root.querySelectorAll('.ar-body p').length,
      // The reading time's text, and whether its room is kept (empty until the whole is
      // counted).
      readingTime: root.querySelector('.ar-reading-time')?.textContent ?? '',
      readingRoom: root.querySelector('.ar-reading-time.ar-kept') !== null,
    };
    first.seenFirst = true;
    root.querySelector('h1').seenFirst = true;
  }).observe(document, { subtree: true, childList: true });
}

/** The text of paragraph `i` (from 1): distinct, so that each one can be searched for. */
export const sentence = (i) => `Paragraph ${i}: a sentence of ordinary length for a long article, `;

/** An article of `count` paragraphs, each a sentence and a few bold words, as JSON text. */
export function longArticle(count) {
  const body = [];
  for (let i = 1; i <= count; i += 1) {
    body.push({
      type: 'paragraph',
      content: [{ text: sentence(i) }, { text: 'and a few bold words after it.', bold: true }],
    });
  }
  return JSON.stringify({
    schemaVersion: 1, headline: `An article of ${count} paragraphs`, inLanguage: 'en',
    datePublished: '2026-11-25T10:00:00+08:00', body,
  });
}

