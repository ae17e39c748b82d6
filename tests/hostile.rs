//! The hostile-payload corpus (tests/fixtures/xss): every payload through every input path,
//! rendered in a real browser. Asserts that no script ran, that no element in a reader carries
//! an event-handler attribute or a dangerous element, that every rendered address has an allowed
//! scheme, and that text payloads come out as the same text (nothing lost).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use serde_json::{json, Value};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn corpus(lines: &str) -> Vec<String> {
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn html_payloads() -> Vec<String> {
    corpus(include_str!("fixtures/xss/html.jsonl"))
}

fn url_payloads() -> Vec<String> {
    corpus(include_str!("fixtures/xss/urls.jsonl"))
}

fn base() -> Value {
    json!({
        "schemaVersion": 1, "inLanguage": "zh-CN", "headline": "h",
        "datePublished": "2020-07-01T10:14:37+08:00",
    })
}

/// The payload as plain text in every label, title and text field.
fn text_article(p: &str) -> Value {
    let mut doc = base();
    doc["headline"] = json!(p);
    doc["breadcrumb"] = json!([{"name": p, "url": "/"}, {"name": p}]);
    doc["sourceOrganization"] = json!({"name": p});
    doc["author"] = json!([{"name": p}]);
    doc["editor"] = json!({"name": p});
    doc["body"] = json!([
        {"type": "heading", "content": p},
        {"type": "paragraph", "content": [p, {"text": p, "bold": true, "href": "/x"}]},
        {"type": "image", "src": "/img.png", "alt": p, "caption": p},
        {"type": "list", "items": [p]},
        {"type": "quote", "content": [{"type": "paragraph", "content": p}], "cite": p},
        {"type": "table", "caption": p, "header": [p], "rows": [[p]]},
    ]);
    doc["relatedLink"] = json!([{"headline": p, "url": "/r"}]);
    doc["sidebar"] = json!([{"name": p, "more": "/m", "items": [{"name": p, "url": "/i"}]}]);
    doc
}

fn v2_base() -> Value {
    let mut doc = base();
    doc["schemaVersion"] = json!(2);
    doc
}

/// The payload as plain text in every text field version 2 added: credits, galleries,
/// definitions, pull quotes, code and its language, embed cards, math, notes, footnotes (and
/// their ids), ruby, inline code, a span's language and a cell of blocks.
fn text_article_v2(p: &str) -> Value {
    let mut doc = v2_base();
    doc["headline"] = json!(p);
    let para = json!({"type": "paragraph", "content": p});
    doc["body"] = json!([
        {"type": "paragraph", "content": [
            p,
            {"text": p, "code": true},
            {"text": p, "lang": p, "dir": "rtl", "strike": true, "sup": true},
            {"type": "ruby", "text": p, "annotation": p},
            {"type": "math", "text": p},
            {"type": "break"},
            {"type": "footnoteRef", "id": p, "label": p},
            {"type": "image", "src": "/i.png", "alt": p},
        ]},
        {"type": "image", "src": "/img.png", "alt": p, "caption": p, "credit": p},
        {"type": "gallery", "images": [{"src": "/g.png", "alt": p, "credit": p}], "caption": p},
        {"type": "list", "ordered": true, "start": 2, "items": [{"blocks": [para.clone()]}]},
        {"type": "definitionList", "items": [{"term": p, "details": [p]}]},
        {"type": "pullQuote", "content": p, "cite": p},
        {"type": "table", "caption": p, "rows": [[{"blocks": [para.clone()], "header": true}, p]]},
        {"type": "code", "text": p, "language": p},
        {"type": "embed", "kind": "video", "url": "https://player.example/v", "title": p,
         "provider": p, "poster": {"src": "/poster.png", "alt": p}},
        {"type": "math", "text": p},
        {"type": "note", "kind": "correction", "content": [para.clone()]},
        {"type": "footnotes", "items": [{"id": p, "content": p}]},
    ]);
    doc
}

/// The payload in every address version 2 added: `srcset` candidates, linked figures, gallery
/// pictures, pictures inside text, a player's address and its poster.
fn url_article_v2(u: &str) -> Value {
    let mut doc = v2_base();
    // The pictures' own `src` is safe, so that they render and their `srcset` is checked; the
    // payload is one of the candidates, between safe ones.
    let ok = "https://img.example/ok.png";
    let srcset = format!("{ok} 1x, {u} 2x, {ok} 3x");
    doc["body"] = json!([
        {"type": "paragraph", "content": [
            {"type": "image", "src": ok, "alt": "inline", "href": u, "srcset": srcset},
            {"type": "image", "src": u, "alt": "inline, hostile src"},
            {"text": "run", "href": u},
        ]},
        {"type": "image", "src": ok, "alt": "figure", "srcset": format!("{u} 640w"),
         "sizes": "100vw", "href": u},
        {"type": "image", "src": u, "alt": "figure, hostile src", "srcset": srcset},
        {"type": "gallery", "images": [{"src": ok, "alt": "g", "href": u, "srcset": srcset}]},
        {"type": "embed", "kind": "video", "url": u, "title": "t",
         "poster": {"src": ok, "alt": "poster", "srcset": srcset}},
        {"type": "embed", "kind": "frame", "url": u,
         "poster": {"src": u, "alt": "poster, hostile src"}},
    ]);
    doc
}

/// The payload as the HTML body.
fn html_article(p: &str) -> Value {
    let mut doc = base();
    // Some payloads have no readable text at all; the trailing paragraph keeps the article
    // valid so the rest of the page renders too.
    doc["bodyHtml"] = json!(format!("{p}<p>end</p>"));
    doc
}

/// The payload in every address of the article.
fn url_article(u: &str) -> Value {
    let mut doc = base();
    doc["breadcrumb"] = json!([{"name": "home", "url": u}, {"name": "here"}]);
    doc["sourceOrganization"] = json!({"name": "source", "url": u});
    doc["author"] = json!([{"name": "author", "url": u}]);
    doc["body"] = json!([
        {"type": "paragraph", "content": [{"text": "link", "href": u}]},
        {"type": "image", "src": u, "alt": "image"},
    ]);
    doc["relatedLink"] = json!([{"headline": "related", "url": u}]);
    doc["sidebar"] = json!([{"name": "side", "more": u, "items": [{"name": "item", "url": u}]}]);
    doc
}

/// The payload as the article's own `url`, the base for its relative addresses.
fn url_base_article(u: &str) -> Value {
    let mut doc = url_article("relative/page.html");
    doc["url"] = json!(u);
    doc
}

/// The payload in links and images of an HTML body (only `"` is escaped, so the character
/// references in the corpus reach the parser as written).
fn url_html_article(u: &str) -> Value {
    let attr = u.replace('"', "&quot;");
    let mut doc = base();
    doc["bodyHtml"] = json!(format!(
        "<p><a href=\"{attr}\">link</a></p><p><img src=\"{attr}\" alt=\"image\"></p>\
         <figure><img src=\"{attr}\" alt=\"fig\"><figcaption><a href=\"{attr}\">cap</a></figcaption></figure><p>end</p>"
    ));
    doc
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "poster",
    "background",
    "data",
    "cite",
    "ping",
    "lowsrc",
    "dynsrc",
    "codebase",
];
const FORBIDDEN_ELEMENTS: &str =
    "script, frame, object, embed, applet, style, link, meta, base, form, input, button:not(.ar-print):not(.ar-bigger):not(.ar-smaller):not(.ar-retry):not(.ar-share-toggle):not(.ar-zh-switch):not(.ar-size-reset):not(.ar-elder-switch):not(.ar-settings-toggle):not(.ar-aloud-read):not(.ar-aloud-pause):not(.ar-aloud-stop):not(.ar-aloud-point), textarea, select, svg, math, template, noscript";

/// Whether the reader was allowed to frame players (mount option `embeds`).
#[derive(Clone, Copy, PartialEq)]
enum Frames {
    /// No `embeds`: no frame at all.
    Forbidden,
    /// `embeds` lists [`FRAMED_HOSTS`]: a frame only as the sandboxed player of an embed card,
    /// from an `https:` address on one of those hosts.
    Sandboxed,
}

/// The hosts of the URL corpus, all allowed in the run with frames, so that every hostile
/// address on them reaches the frame code.
const FRAMED_HOSTS: &[&str] = &["evil.example", "example.org", "127.0.0.1", "evil"];

/// The `sandbox` every framed player must have, exactly.
const PLAYER_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation";

/// Everything a reader must never contain, whatever it was given. Returns how many frames
/// it checked.
fn assert_clean(root: &Element, what: &str, frames: Frames) -> usize {
    let players = all(root, "iframe");
    for frame in &players {
        assert!(
            frames == Frames::Sandboxed,
            "{what}: {}",
            frame.outer_html()
        );
        assert_eq!(frame.class_name(), "ar-embed-frame", "{what}");
        assert_eq!(
            frame.get_attribute("sandbox").as_deref(),
            Some(PLAYER_SANDBOX),
            "{what}"
        );
        assert_eq!(
            frame.get_attribute("referrerpolicy").as_deref(),
            Some("no-referrer")
        );
        let src = web_sys::Url::new(&frame.get_attribute("src").unwrap_or_default())
            .unwrap_or_else(|_| panic!("{what}: a frame without an absolute src"));
        assert_eq!(src.protocol(), "https:", "{what}");
        assert!(
            FRAMED_HOSTS.contains(&src.hostname().as_str()),
            "{what}: {}",
            src.href()
        );
    }
    if let Some(bad) = root.query_selector(FORBIDDEN_ELEMENTS).unwrap() {
        panic!(
            "{what}: rendered <{}>: {}",
            bad.tag_name(),
            bad.outer_html()
        );
    }
    for el in all(root, "*") {
        let names = el.get_attribute_names();
        for name in names.iter().filter_map(|n| n.as_string()) {
            let lower = name.to_ascii_lowercase();
            assert!(
                !lower.starts_with("on"),
                "{what}: <{}> has {name}",
                el.tag_name()
            );
            // The one style attribute the reader writes itself: the reading-progress bar's
            // fraction, a number it measured (through the CSSOM, which the CSP allows), never
            // text from content.
            let own_progress = el.class_name() == "ar-progress"
                && el.get_attribute("style").is_some_and(|style| {
                    style
                        .strip_prefix("--ar-read: ")
                        .and_then(|rest| rest.strip_suffix(';'))
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                });
            assert!(
                lower != "style" || own_progress,
                "{what}: <{}> has a style attribute",
                el.tag_name()
            );
            if lower == "srcset" {
                // Each candidate is an address and at most one descriptor.
                let value = el.get_attribute(&name).unwrap_or_default();
                for candidate in value.split(", ") {
                    let mut parts = candidate.split(' ');
                    let url = parts.next().unwrap_or_default();
                    let descriptors: Vec<&str> = parts.collect();
                    assert!(descriptors.len() <= 1, "{what}: srcset {value:?}");
                    let url = web_sys::Url::new(url)
                        .unwrap_or_else(|_| panic!("{what}: srcset {value:?} is not absolute"));
                    assert!(
                        ["http:", "https:"].contains(&url.protocol().as_str()),
                        "{what}: srcset {value:?}"
                    );
                }
            } else if URL_ATTRIBUTES.contains(&lower.as_str()) {
                let value = el.get_attribute(&name).unwrap_or_default();
                let url = web_sys::Url::new(&value)
                    .unwrap_or_else(|_| panic!("{what}: {name}={value:?} is not absolute"));
                let protocol = url.protocol();
                let allowed = if el.tag_name() == "IMG" {
                    ["http:", "https:"].contains(&protocol.as_str())
                } else {
                    ["http:", "https:", "mailto:"].contains(&protocol.as_str())
                };
                assert!(allowed, "{what}: <{}> {name}={value:?}", el.tag_name());
            }
        }
    }
    players.len()
}

/// Waits until every image in the readers has fired its load or error event (recorded by a
/// capturing listener in support.js, which runs in the same dispatch just before the image's own
/// handlers), so an `onerror` or `onload` payload would have run by the time this returns.
async fn settle(roots: &[Element]) {
    // Lazy images off screen would never load (nor fail); make them load now.
    for img in roots.iter().flat_map(|r| all(r, "img")) {
        img.set_attribute("loading", "eager").unwrap();
    }
    wait_for("every image's load or error event", || {
        roots
            .iter()
            .flat_map(|r| all(r, "img"))
            .all(|img| image_done(&img))
            .then_some(())
    })
    .await;
}

/// Whether an HTML body may leave no readable text, in which case the reader's specific error
/// message is its answer (an unclosed `<math>` swallows the rest of the body).
#[derive(Clone, Copy, PartialEq)]
enum Empty {
    Allowed,
    Refused,
}

/// How the article reaches the reader.
#[derive(Clone, Copy, PartialEq)]
enum Via {
    /// Passed to `mount` as an object.
    Object,
    /// Fetched from `src`, through the network stub.
    Fetch,
    /// Passed as an object, with `embeds` allowing every host of the URL corpus.
    ObjectFramed,
}

/// Renders every payload with `build` and checks the readers: each has finished (its headline or
/// error is shown) before anything is checked, and no script may have run once every image in
/// them has fired its events. Returns how many articles were rendered.
async fn run_corpus(
    kind: &str,
    payloads: &[String],
    build: fn(&str) -> Value,
    empty: Empty,
    via: Via,
) -> usize {
    xss_reset();
    let mut roots = Vec::new();
    let mut handles = Vec::new();
    let mut framed = 0;
    for (i, payload) in payloads.iter().enumerate() {
        let root = container();
        // Either fetched (the `src` path, through the network stub) or passed as an object.
        let options = if via == Via::Fetch {
            let path = format!("/t/hostile/{kind}/{i}.json").replace(' ', "-");
            stub_json(&path, 200, "application/json", &build(payload).to_string());
            json!({ "src": path })
        } else if via == Via::ObjectFramed {
            json!({ "article": build(payload), "embeds": FRAMED_HOSTS })
        } else {
            json!({ "article": build(payload) })
        };
        handles.push(mount_with(&root, &options.to_string()));
        roots.push((i, root));
    }
    for (i, root) in &roots {
        let what = format!("{kind} #{i} {:?}", payloads[*i]);
        wait_for(&what, || {
            root.query_selector(".ar-headline, .ar-error")
                .ok()
                .flatten()
        })
        .await;
        if let Some(error) = root.query_selector(".ar-error").unwrap() {
            assert!(empty == Empty::Allowed, "{what}: {}", text(root));
            assert!(
                text(&error).contains("$.bodyHtml: the HTML body has no readable text"),
                "{what}: {}",
                text(&error)
            );
        }
        let frames = if via == Via::ObjectFramed {
            Frames::Sandboxed
        } else {
            Frames::Forbidden
        };
        framed += assert_clean(root, &what, frames);
    }
    if via == Via::ObjectFramed {
        // The corpus has https addresses on the allowed hosts: their players were framed, so
        // the frame checks above did run.
        assert!(framed > 0, "{kind}: no player was framed");
    }
    let elements: Vec<Element> = roots.iter().map(|(_, r)| r.clone()).collect();
    settle(&elements).await;
    assert_eq!(xss_calls(), "", "{kind}: a payload ran script");
    for mut handle in handles {
        handle.destroy();
    }
    for root in elements {
        root.remove();
    }
    payloads.len()
}

/// The detector works, through the same wait as the corpus: a payload inserted the unsafe way
/// has run by the time `settle` returns, so the corpus's "nothing ran" check can fail.
#[wasm_bindgen_test]
async fn the_detector_catches_a_payload_that_runs() {
    xss_reset();
    let trap = container();
    // Deliberately unsafe, in the test only: proves that `xss_calls` sees a payload that runs.
    trap.set_inner_html("<img src=\"/no-such-image.png\" onerror=\"window.__xss()\">");
    settle(std::slice::from_ref(&trap)).await;
    assert_eq!(xss_calls(), "__xss");
    trap.remove();
    xss_reset();
}

/// The corpus sizes, counted from the files (`grep -c . tests/fixtures/xss/*.jsonl`) and written
/// out, so that a lost or unparsed line fails the test.
const HTML_PAYLOADS: usize = 207;
const URL_PAYLOADS: usize = 147;

#[wasm_bindgen_test]
async fn hostile_payloads_never_run_script() {
    let html = html_payloads();
    let urls = url_payloads();
    assert_eq!(html.len(), HTML_PAYLOADS);
    assert_eq!(urls.len(), URL_PAYLOADS);
    assert_eq!(html.len() + urls.len(), 354);
    let mut rendered = 0;
    rendered += run_corpus("text", &html, text_article, Empty::Refused, Via::Object).await;
    rendered += run_corpus(
        "html body",
        &html,
        html_article,
        Empty::Allowed,
        Via::Object,
    )
    .await;
    rendered += run_corpus("urls", &urls, url_article, Empty::Refused, Via::Object).await;
    rendered += run_corpus(
        "url base",
        &urls,
        url_base_article,
        Empty::Refused,
        Via::Object,
    )
    .await;
    rendered += run_corpus(
        "urls in html",
        &urls,
        url_html_article,
        Empty::Refused,
        Via::Object,
    )
    .await;
    rendered += run_corpus(
        "fetched html body",
        &html,
        html_article,
        Empty::Allowed,
        Via::Fetch,
    )
    .await;
    rendered += run_corpus(
        "fetched urls",
        &urls,
        url_article,
        Empty::Refused,
        Via::Fetch,
    )
    .await;
    // Three passes over the HTML corpus and four over the URLs.
    assert_eq!(rendered, 3 * 207 + 4 * 147);
}

/// The version-2 fields, in a test of their own so that each test stays well within the
/// runner's time limit on a busy machine.
#[wasm_bindgen_test]
async fn hostile_payloads_in_version_2_fields_never_run_script() {
    let html = html_payloads();
    let urls = url_payloads();
    let mut rendered = 0;
    rendered += run_corpus(
        "text, version 2",
        &html,
        text_article_v2,
        Empty::Refused,
        Via::Object,
    )
    .await;
    rendered += run_corpus(
        "urls, version 2",
        &urls,
        url_article_v2,
        Empty::Refused,
        Via::Object,
    )
    .await;
    rendered += run_corpus(
        "urls, version 2, players allowed",
        &urls,
        url_article_v2,
        Empty::Refused,
        Via::ObjectFramed,
    )
    .await;
    // One pass over the HTML corpus and two over the URLs.
    assert_eq!(rendered, 207 + 2 * 147);
}

/// The text a payload comes out as: the payload itself, except that a string from content has
/// its bidirectional controls balanced (docs/article-json.md), so an override it leaves open
/// is closed at its end. The corpus's one such payload opens an RLO (U+202E) and closes
/// nothing.
fn shown(payload: &str) -> String {
    if payload.contains('\u{202E}') && !payload.contains('\u{202C}') {
        format!("{payload}\u{202C}")
    } else {
        payload.to_owned()
    }
}

#[wasm_bindgen_test]
async fn text_payloads_come_out_as_the_same_text() {
    for payload in html_payloads() {
        let root = container();
        let mut handle = mount_with(
            &root,
            &json!({ "article": text_article(&payload) }).to_string(),
        );
        let headline = wait_for_headline(&root).await;
        let payload = shown(&payload);
        assert_eq!(headline, payload);
        let crumb = text(&one(&root, "[aria-current=page]"));
        assert_eq!(crumb, payload);
        assert_eq!(text(&one(&root, ".ar-table-wrap td")), payload);
        handle.destroy();
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn version_2_text_payloads_come_out_as_the_same_text() {
    for payload in html_payloads() {
        let root = container();
        let mut handle = mount_with(
            &root,
            &json!({ "article": text_article_v2(&payload) }).to_string(),
        );
        let headline = wait_for_headline(&root).await;
        let payload = shown(&payload);
        assert_eq!(headline, payload);
        for selector in [
            ".ar-body > p > code",
            ".ar-body > p > span[dir=rtl]",
            ".ar-body > p .ar-math",
            ".ar-body > .ar-figure .ar-credit",
            ".ar-gallery .ar-credit",
            ".ar-definitions dt",
            ".ar-pullquote p",
            ".ar-pullquote cite",
            ".ar-table-wrap th",
            ".ar-code figcaption",
            ".ar-code code",
            ".ar-embed-title",
            ".ar-embed-provider",
            "div.ar-math",
            ".ar-fnref",
        ] {
            assert_eq!(text(&one(&root, selector)), payload, "{selector}");
        }
        assert_eq!(
            one(&root, ".ar-body > p > span[dir=rtl]").get_attribute("lang"),
            Some(payload.clone())
        );
        assert_eq!(text(&one(&root, "ruby rt")), payload);
        assert_eq!(
            text(&one(&root, ".ar-note-correction p:last-child")),
            payload
        );
        let footnote = one(&root, ".ar-footnotes li");
        assert_eq!(text(&footnote), format!("{payload} ↩\u{fe0e}"));
        // The reference and the note find each other, whatever the id was.
        let href = one(&root, ".ar-fnref a").get_attribute("href").unwrap();
        assert_eq!(
            href.split_once('#').map(|(_, id)| id),
            Some(footnote.id().as_str())
        );
        handle.destroy();
        root.remove();
    }
}
