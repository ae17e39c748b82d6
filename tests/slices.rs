//! The main-thread budget, in a real browser: an article's preparation (the `bodyHtml` limits,
//! the browser's parse, the copy and the walk) runs after `mount()` has returned, in tasks that
//! yield to the browser; it stops when the reader is destroyed or given another article; and
//! the body reaches the page in slices, `data-state` saying `rendering` until the last one is
//! there. Run with `wasm-pack test --headless --chrome` (or `--firefox`) `-- --test slices`.

mod common;

use article_reader::limits::{LimitKind, Limits};
use article_reader::load::{preparation_counts, yield_to_browser};
use common::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
export function watch_states(root, selector) {
  const seen = [];
  const note = () => {
    const reader = root.querySelector('.article-reader');
    if (!reader) return;
    const state = reader.dataset.state;
    const blocks = reader.querySelectorAll(selector).length;
    const last = seen[seen.length - 1];
    if (!last || last[0] !== state || last[1] !== blocks) seen.push([state, blocks]);
  };
  new MutationObserver(note).observe(root, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'],
  });
  return () => { note(); return JSON.stringify(seen); };
}
")]
extern "C" {
    /// Records every (data-state, number of elements matching `selector`) the reader in `root`
    /// goes through, as each mutation is delivered; the returned function gives the record as
    /// JSON.
    fn watch_states(root: &Element, selector: &str) -> js_sys::Function;
}

fn preparations_started() -> u32 {
    preparation_counts().started
}

fn preparations_cancelled() -> u32 {
    preparation_counts().cancelled
}

/// The default value of one limit: what these tests reach exactly.
fn limit(kind: LimitKind) -> usize {
    Limits::default().get(kind)
}

/// An article object (as JSON text) whose body is `html`.
fn html_article(headline: &str, html: &str) -> String {
    let article = serde_json::json!({
        "schemaVersion": 1,
        "inLanguage": "en",
        "headline": headline,
        "datePublished": "2020-01-01T00:00:00Z",
        "bodyHtml": html,
    });
    format!(r#"{{"article": {article}}}"#)
}

/// An HTML body of exactly `bytes` bytes: paragraphs of a thousand letters, the last one
/// shorter so that the total is exact.
fn html_of_bytes(bytes: usize) -> String {
    let paragraph = format!("<p>{}</p>", "x".repeat(1000));
    let mut html = String::new();
    while html.len() + paragraph.len() + "<p></p>".len() <= bytes {
        html.push_str(&paragraph);
    }
    let rest = bytes - html.len() - "<p></p>".len();
    html.push_str(&format!("<p>{}</p>", "y".repeat(rest)));
    assert_eq!(html.len(), bytes);
    html
}

/// An HTML body of exactly `elements` elements (the body itself not counted): paragraphs of
/// nineteen bold words, and what is left over as italic words in a last paragraph.
fn html_of_elements(elements: usize) -> String {
    let paragraph = format!("<p>{}</p>", "a <b>b</b> ".repeat(19));
    let mut html = paragraph.repeat(elements / 20);
    let rest = elements % 20;
    if rest > 0 {
        html.push_str(&format!("<p>{}</p>", "c <i>d</i> ".repeat(rest - 1)));
    }
    html
}

/// The largest body accepted at the default limits, or near it: what takes longest to prepare.
fn big_body() -> String {
    let elements = limit(LimitKind::HtmlElements) - 20;
    let html = html_of_elements(elements);
    // Padded with paragraphs of 40,000 letters, each one text well under limits.textLength.
    let mut padding = limit(LimitKind::BodyHtmlBytes) - html.len() - 64;
    let mut html = html;
    while padding > 8 {
        let letters = (padding - 7).min(40_000);
        html.push_str(&format!("<p>{}</p>", "z".repeat(letters)));
        padding -= letters + 7;
    }
    html
}

fn data_state(root: &Element) -> Option<String> {
    root.query_selector(".article-reader")
        .unwrap()
        .and_then(|el| el.get_attribute("data-state"))
}

async fn wait_for_state(root: &Element, want: &str) {
    wait_for(&format!("data-state {want}"), || {
        (data_state(root).as_deref() == Some(want)).then_some(())
    })
    .await;
}

/// Lets pending microtasks (Yew's renders) run, without letting a new task begin.
async fn microtasks() {
    for _ in 0..20 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_body_of_exactly_the_byte_limit_is_accepted_and_one_byte_more_refused() {
    let bytes = limit(LimitKind::BodyHtmlBytes);
    let at = container();
    let _at = mount_with(&at, &html_article("At the limit", &html_of_bytes(bytes)));
    assert_eq!(wait_for_headline(&at).await, "At the limit");
    wait_for_state(&at, "ready").await;

    let over = container();
    let started = preparations_started();
    let _over = mount_with(&over, &html_article("Over", &html_of_bytes(bytes + 1)));
    let message = wait_for_error(&over).await;
    assert!(message.contains("limits.bodyHtmlBytes"), "{message}");
    assert!(message.contains("$.bodyHtml"), "{message}");
    assert_eq!(data_state(&over).as_deref(), Some("failed"));
    assert_eq!(
        preparations_started(),
        started + 1,
        "refused in its preparation"
    );
}

#[wasm_bindgen_test]
async fn a_body_of_exactly_the_element_limit_is_accepted_and_one_more_refused() {
    let elements = limit(LimitKind::HtmlElements);
    let at = container();
    let _at = mount_with(
        &at,
        &html_article("At the limit", &html_of_elements(elements)),
    );
    assert_eq!(wait_for_headline(&at).await, "At the limit");
    wait_for_state(&at, "ready").await;
    assert!(!all(&at, ".ar-body strong").is_empty());

    let over = container();
    let _over = mount_with(
        &over,
        &html_article("Over", &html_of_elements(elements + 1)),
    );
    let message = wait_for_error(&over).await;
    assert!(message.contains("limits.htmlElements"), "{message}");
    assert_eq!(data_state(&over).as_deref(), Some("failed"));
}

#[wasm_bindgen_test]
async fn mount_returns_before_a_given_body_is_imported() {
    let root = container();
    let states = watch_states(&root, ".ar-body > *");
    let started = preparations_started();
    let _reader = mount_with(&root, &html_article("Big", &big_body()));
    assert_eq!(preparations_started(), started, "mount() did no import");
    assert!(root.query_selector(".ar-headline").unwrap().is_none());
    wait_for_state(&root, "ready").await;
    assert_eq!(text(&one(&root, ".ar-headline")), "Big");
    let seen: Vec<(String, usize)> =
        serde_json::from_str(&states.call0(&JsValue::NULL).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(seen.first(), Some(&("loading".to_owned(), 0)), "{seen:?}");
}

#[wasm_bindgen_test]
async fn another_article_given_while_importing_replaces_it_for_good() {
    let root = container();
    let (started, cancelled) = (preparations_started(), preparations_cancelled());
    let mut reader = mount_with(&root, &html_article("Big", &big_body()));
    wait_for("the big body's preparation to begin", || {
        (preparations_started() > started).then_some(())
    })
    .await;
    assert_eq!(data_state(&root).as_deref(), Some("loading"));
    let small = js_sys::JSON::parse(&html_article("Small", "<p>One paragraph.</p>")).unwrap();
    reader.load(small).unwrap();
    wait_for("the big body's preparation to stop", || {
        (preparations_cancelled() > cancelled).then_some(())
    })
    .await;
    assert_eq!(wait_for_headline(&root).await, "Small");
    wait_for_state(&root, "ready").await;
    // The big preparation has stopped, so nothing can replace the small article any more.
    assert_eq!(text(&one(&root, ".ar-headline")), "Small");
    assert_eq!(text(&one(&root, ".ar-body")), "One paragraph.");
}

#[wasm_bindgen_test]
async fn a_reader_destroyed_while_importing_stops_and_shows_nothing() {
    let root = container();
    let (started, cancelled) = (preparations_started(), preparations_cancelled());
    let mut reader = mount_with(&root, &html_article("Big", &big_body()));
    wait_for("the preparation to begin", || {
        (preparations_started() > started).then_some(())
    })
    .await;
    reader.destroy();
    wait_for("the preparation to stop", || {
        (preparations_cancelled() > cancelled).then_some(())
    })
    .await;
    wait_for("the reader's nodes to go", || {
        (root.child_element_count() == 0).then_some(())
    })
    .await;
    assert!(root.query_selector(".ar-headline").unwrap().is_none());
    // The page's other readers still work.
    let (other, _handle) = bystander().await;
    assert_still_works(&other).await;
}

/// Checks what `watch_states` recorded: more than one slice while `rendering`, each adding
/// elements, and `ready` only with all `total` of them.
fn assert_came_in_slices(states: &js_sys::Function, total: usize) {
    let seen: Vec<(String, usize)> =
        serde_json::from_str(&states.call0(&JsValue::NULL).unwrap().as_string().unwrap()).unwrap();
    let rendering: Vec<usize> = seen
        .iter()
        .filter(|(state, _)| state == "rendering")
        .map(|(_, n)| *n)
        .collect();
    assert!(rendering.len() >= 2, "more than one slice: {seen:?}");
    assert!(rendering.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert!(rendering.iter().all(|n| *n > 0 && *n < total), "{seen:?}");
    assert_eq!(seen.last(), Some(&("ready".to_owned(), total)), "{seen:?}");
    assert!(
        seen.iter()
            .all(|(state, n)| state != "ready" || *n == total),
        "ready only with every element: {seen:?}"
    );
}

#[wasm_bindgen_test]
async fn a_long_list_and_a_long_table_come_in_parts_of_one_element() {
    const ITEMS: usize = 1500;
    const ROWS: usize = 700;
    let items: Vec<String> = (1..=ITEMS).map(|i| format!("item {i}")).collect();
    let rows: Vec<Vec<String>> = (1..=ROWS)
        .map(|i| vec![format!("r{i}"), "x".into()])
        .collect();
    let list_article = serde_json::json!({
        "schemaVersion": 2, "inLanguage": "en", "headline": "List",
        "datePublished": "2020-01-01T00:00:00Z",
        "body": [{ "type": "list", "ordered": true, "start": 3, "items": items }],
    });
    let root = container();
    let states = watch_states(&root, ".ar-body li");
    let _list = mount_with(&root, &format!(r#"{{"article": {list_article}}}"#));
    wait_for_state(&root, "ready").await;
    assert_came_in_slices(&states, ITEMS);
    let list = one(&root, ".ar-body > ol");
    assert_eq!(all(&root, ".ar-body > *").len(), 1, "one list element");
    assert_eq!(list.get_attribute("start").as_deref(), Some("3"));
    assert_eq!(list.child_element_count() as usize, ITEMS);
    assert_eq!(text(&one(&list, "li:last-child")), format!("item {ITEMS}"));

    let table_article = serde_json::json!({
        "schemaVersion": 2, "inLanguage": "en", "headline": "Table",
        "datePublished": "2020-01-01T00:00:00Z",
        "body": [{ "type": "table", "caption": "Results",
                   "head": [[{ "content": "Name", "header": true }, { "content": "X", "header": true }]],
                   "rows": rows }],
    });
    let root = container();
    let states = watch_states(&root, ".ar-body tbody tr");
    let _table = mount_with(&root, &format!(r#"{{"article": {table_article}}}"#));
    wait_for_state(&root, "ready").await;
    assert_came_in_slices(&states, ROWS);
    assert_eq!(all(&root, ".ar-body table").len(), 1, "one table element");
    assert_eq!(all(&root, ".ar-body tbody").len(), 1);
    assert_eq!(all(&root, ".ar-body caption").len(), 1);
    assert_eq!(all(&root, ".ar-body thead tr").len(), 1);
    assert_eq!(
        text(&one(
            &root,
            "tbody tr:last-child th, tbody tr:last-child td"
        )),
        format!("r{ROWS}")
    );
}

#[wasm_bindgen_test]
async fn a_long_body_is_rendered_in_slices_until_every_block_is_there() {
    const PARAGRAPHS: usize = 1200;
    let mut body: Vec<serde_json::Value> = vec![serde_json::json!({
        "type": "paragraph",
        "content": ["First, with a note", { "type": "footnoteRef", "id": "n1" }],
    })];
    for i in 1..PARAGRAPHS {
        body.push(serde_json::json!({
            "type": "paragraph",
            "content": ["Paragraph ", { "text": i.to_string(), "bold": true }],
        }));
    }
    body.push(serde_json::json!({
        "type": "footnotes",
        "items": [{ "id": "n1", "content": "The note." }],
    }));
    let article = serde_json::json!({
        "schemaVersion": 2,
        "inLanguage": "en",
        "headline": "Long",
        "datePublished": "2020-01-01T00:00:00Z",
        "body": body,
    });
    let root = container();
    // The body's blocks: in a body of more than one slice, each slice's blocks are in a
    // `div.ar-slice` of their own.
    let states = watch_states(&root, ".ar-body > :not(.ar-slice), .ar-slice > *");
    let _reader = mount_with(&root, &format!(r#"{{"article": {article}}}"#));
    wait_for_state(&root, "ready").await;
    assert_came_in_slices(&states, PARAGRAPHS + 1);
    assert_eq!(all(&root, ".ar-slice > p").len(), PARAGRAPHS);
    // The reference is in the first slice and its footnote in the last: they link both ways,
    // and each link's target is on the page, once.
    let reference = one(&root, ".ar-fnref a");
    let back = one(&root, ".ar-fn-back");
    let target = |link: &Element| {
        let href = link.get_attribute("href").unwrap();
        href.rsplit_once('#').unwrap().1.to_owned()
    };
    assert_eq!(target(&back), reference.id());
    let note = common::document()
        .get_element_by_id(&target(&reference))
        .unwrap();
    assert_eq!(
        text(&note).trim_end_matches(['↩', '\u{fe0e}', ' ']),
        "The note."
    );
    assert_eq!(all(&root, &format!("[id='{}']", reference.id())).len(), 1);
}

#[wasm_bindgen_test]
async fn a_reader_answers_t_plus_while_another_imports() {
    let (quiet, _quiet) = bystander().await;
    let busy = container();
    let pauses = preparation_counts().pauses;
    let _busy = mount_with(&busy, &html_article("Big", &big_body()));
    // Waiting in the preparation's own kind of task: timers may come later than them.
    let mut tasks = 0u32;
    while preparation_counts().pauses < pauses + 2 {
        yield_to_browser().await;
        tasks += 1;
        assert!(tasks < 100_000, "the preparation never paused twice");
    }
    // The other reader is between two slices of its import: a click is answered now (in this
    // task's microtasks, or, when Yew's scheduler has used up its 16 ms, in the next task).
    let before = text(&one(&quiet, ".ar-size-status"));
    click(&one(&quiet, ".ar-bigger"));
    for _ in 0..10 {
        microtasks().await;
        if text(&one(&quiet, ".ar-size-status")) != before {
            break;
        }
        yield_to_browser().await;
    }
    assert_ne!(text(&one(&quiet, ".ar-size-status")), before);
    assert_eq!(
        data_state(&busy).as_deref(),
        Some("loading"),
        "T+ was answered while the other reader was still importing"
    );
    assert_eq!(wait_for_headline(&busy).await, "Big");
}
