//! The hostile corpus, continued for issue 8: what content and host pages can do to a page
//! besides running script. Bidirectional controls (tests/fixtures/xss/bidi.jsonl) in every
//! label, title, run and cell, and in a refused value the error message quotes, must not
//! reorder the reader's own text; every count a host lowers (mount option `limits`) is reached
//! exactly and refused one past it, naming `limits.<key>`, fetched and given alike; hostile
//! `limits` values are refused by name before anything loads; and the API's odd targets and
//! orders (a detached element, one in a shadow root, `load()` after `destroy()`, `destroy()`
//! twice) behave. Kept apart from tests/hostile.rs so that each file stays well inside the
//! test runner's time limit in Firefox.
#![cfg(target_arch = "wasm32")]

mod common;

use article_reader::embed::mount;
use common::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
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

fn base() -> Value {
    json!({
        "schemaVersion": 1, "inLanguage": "zh-CN", "headline": "h",
        "datePublished": "2020-07-01T10:14:37+08:00",
    })
}

/// How the article reaches the reader.
#[derive(Clone, Copy, PartialEq)]
enum Via {
    /// Passed to `mount` as an object.
    Object,
    /// Fetched from `src`, through the network stub.
    Fetch,
}

fn bidi_payloads() -> Vec<String> {
    corpus(include_str!("fixtures/xss/bidi.jsonl"))
}

/// Counted from the file, as the other corpus sizes are.
const BIDI_PAYLOADS: usize = 12;

/// The payload in every untrusted string issue 8 names next to text of the reader's own: the
/// headline, breadcrumb names (linked and current), the source, authors (plain and linked), the
/// editor, a paragraph's runs (plain, linked, plain), an image caption, a table's caption,
/// header and cells, related items' titles (each followed by the reader's date) and the sidebar.
fn bidi_article(p: &str) -> Value {
    let mut doc = base();
    doc["headline"] = json!(p);
    doc["breadcrumb"] = json!([{"name": p, "url": "/"}, {"name": p, "url": "/b"}, {"name": p}]);
    doc["sourceOrganization"] = json!({"name": p});
    doc["author"] = json!([{"name": p}, {"name": p, "url": "/a"}]);
    doc["editor"] = json!({"name": p});
    doc["body"] = json!([
        {"type": "paragraph", "content": [p, {"text": p, "href": "/x"}, p]},
        {"type": "image", "src": "/img.png", "alt": "image", "caption": p},
        {"type": "table", "caption": p, "header": [p, p], "rows": [[p, p]]},
    ]);
    doc["relatedLink"] = json!([
        {"headline": p, "url": "/r1", "datePublished": "2020-07-01"},
        {"headline": p, "url": "/r2", "datePublished": "2020-07-02"},
    ]);
    doc["sidebar"] = json!([{"name": p, "items": [{"name": p, "url": "/i"}]}]);
    doc
}

/// The payload in the runs of an HTML body: plain, linked and plain again in one paragraph,
/// a table cell and a figure's caption.
fn bidi_html_article(p: &str) -> Value {
    // The corpus has no markup characters, so the payload goes into the HTML as it is.
    assert!(!p.contains(['<', '>', '&', '"']), "{p:?}");
    let mut doc = base();
    doc["bodyHtml"] = json!(format!(
        "<p>{p}<a href=\"/x\">{p}</a>{p}</p><table><tr><td>{p}</td><td>{p}</td></tr></table>\
         <figure><img src=\"/i.png\" alt=\"i\"><figcaption>{p}</figcaption></figure><p>end</p>"
    ));
    doc
}

/// Runs `body` (a JavaScript function body over `a` and `b`) in the page.
fn js2(body: &str, a: &wasm_bindgen::JsValue, b: &wasm_bindgen::JsValue) -> wasm_bindgen::JsValue {
    js_sys::Function::new_with_args("a, b", body)
        .call2(&wasm_bindgen::JsValue::NULL, a, b)
        .unwrap_or_else(|e| panic!("{body}: {e:?}"))
}

/// Where each text node of `root` that contains `payload` can be reordered: the nearest
/// element around it that starts a bidirectional paragraph or isolate of its own (computed
/// `unicode-bidi` isolate, isolate-override or plaintext, which `<bdi>` and `dir` give; or a
/// box that is not inline, such as a heading or a table cell, which is a paragraph of its own).
/// A payload is contained when that element holds nothing else than payloads (whitespace
/// aside): then no text of the reader's own shares its paragraph. Returns how many text nodes
/// had the payload and a description of each uncontained one.
fn uncontained(root: &Element, payload: &str) -> (u32, Vec<String>) {
    let result = js2(
        "const bad = [];
         let found = 0;
         const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
         for (let n = walker.nextNode(); n; n = walker.nextNode()) {
           if (!n.data.includes(b)) continue;
           found += 1;
           let el = n.parentElement;
           while (el !== a) {
             const s = getComputedStyle(el);
             if (['isolate', 'isolate-override', 'plaintext'].includes(s.unicodeBidi)
                 || !['inline', 'contents'].includes(s.display)) break;
             el = el.parentElement;
           }
           if (el.textContent.split(b).join('').trim() !== '') {
             bad.push(el.outerHTML.slice(0, 300));
           }
         }
         return [found, bad];",
        root,
        &payload.into(),
    );
    let pair: js_sys::Array = result.unchecked_into();
    let found = pair.get(0).as_f64().unwrap_or_default() as u32;
    let bad: js_sys::Array = pair.get(1).unchecked_into();
    (found, bad.iter().filter_map(|s| s.as_string()).collect())
}

/// The left edge of each character of `needle` in the first text node under `el` that has
/// it, in the order the characters are stored.
fn char_lefts(el: &Element, needle: &str) -> Vec<f64> {
    let lefts = js2(
        "const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
         for (let n = walker.nextNode(); n; n = walker.nextNode()) {
           const at = n.data.indexOf(b);
           if (at < 0) continue;
           const range = document.createRange();
           const lefts = [];
           for (let i = at; i < at + b.length; i += 1) {
             range.setStart(n, i);
             range.setEnd(n, i + 1);
             lefts.push(range.getBoundingClientRect().left);
           }
           return lefts;
         }
         return null;",
        el,
        &needle.into(),
    );
    let lefts: js_sys::Array = lefts
        .dyn_into()
        .unwrap_or_else(|_| panic!("no {needle:?} in {}", el.outer_html()));
    lefts.iter().filter_map(|x| x.as_f64()).collect()
}

/// An element's left and right edges.
fn edges(el: &Element) -> (f64, f64) {
    let rect = js2(
        "const r = a.getBoundingClientRect(); return [r.left, r.right];",
        el,
        &wasm_bindgen::JsValue::NULL,
    );
    let rect: js_sys::Array = rect.unchecked_into();
    (
        rect.get(0).as_f64().unwrap_or_default(),
        rect.get(1).as_f64().unwrap_or_default(),
    )
}

/// Text of the reader's own, on one line of a left-to-right page, reads left to right: each
/// character of `needle` is drawn to the right of the one before it. Returns what is wrong.
fn reads_left_to_right(el: &Element, needle: &str) -> Option<String> {
    let lefts = char_lefts(el, needle);
    (!lefts.windows(2).all(|w| w[1] > w[0]))
        .then(|| format!("{needle:?} is not drawn in its order: {lefts:?}"))
}

/// `first` is drawn wholly to the left of `second` (half a pixel of rounding allowed).
/// Returns what is wrong.
fn left_of(first: &Element, second: &Element) -> Option<String> {
    let (a, b) = (edges(first), edges(second));
    (a.1 > b.0 + 0.5).then(|| {
        format!(
            "{} ends at {} but {} starts at {}",
            first.outer_html(),
            a.1,
            second.outer_html(),
            b.0
        )
    })
}

/// The reader's `data-state` once it has settled (`ready` or `failed`).
async fn settled(root: &Element) -> String {
    wait_for("the reader to settle (ready or failed)", || {
        root.query_selector(".article-reader")
            .ok()
            .flatten()
            .and_then(|el| el.get_attribute("data-state"))
            .filter(|s| s == "ready" || s == "failed")
    })
    .await
}

#[wasm_bindgen_test]
async fn bidi_controls_in_content_never_reorder_the_readers_own_text() {
    let payloads = bidi_payloads();
    assert_eq!(payloads.len(), BIDI_PAYLOADS);
    // Every payload is checked before the test fails, so that one run lists every problem.
    let mut problems = Vec::new();
    for p in &payloads {
        let root = container();
        let mut handle = mount_with(&root, &json!({ "article": bidi_article(p) }).to_string());
        let input = p;
        let p = &article_reader::article::bidi::balance(input).into_owned();
        assert_eq!(settled(&root).await, "ready", "{p:?}: {}", text(&root));
        let (found, bad) = uncontained(&root, p);
        // Headline 1, breadcrumb 3, source 1, authors 2, editor 1, runs 3, image caption 1,
        // table 5, related 2, sidebar 2.
        assert_eq!(found, 21, "{p:?}: every field shows the payload");
        problems.extend(bad.into_iter().map(|b| format!("{p:?}: not isolated: {b}")));

        // The labels and dates come out in their own order, as text and as drawn.
        let meta = one(&root, ".ar-meta");
        assert_eq!(
            text(&one(&meta, ".ar-published")),
            "发布时间: 2020-07-01 10:14:37"
        );
        assert_eq!(text(&one(&meta, ".ar-source")), format!("来源: {p}"));
        assert_eq!(text(&one(&meta, ".ar-author")), format!("作者: {p}、{p}"));
        let editor = one(&root, ".ar-editor");
        assert_eq!(text(&editor), format!("(责编: {p})"));
        let mut drawn = vec![
            reads_left_to_right(&meta, "2020-07-01 10:14:37"),
            reads_left_to_right(&one(&meta, ".ar-author"), "作者"),
            left_of(&one(&meta, ".ar-published"), &one(&meta, ".ar-source")),
            left_of(&one(&meta, ".ar-source"), &one(&meta, ".ar-author")),
            reads_left_to_right(&editor, "责编"),
            // The closing parenthesis follows the name.
            (edges(&one(&editor, "bdi")).1 > char_lefts(&editor, ")")[0] + 0.5)
                .then(|| format!("\")\" is drawn inside {}", editor.outer_html())),
        ];
        for (item, date) in all(&root, ".ar-related li")
            .iter()
            .zip(["2020-07-01", "2020-07-02"])
        {
            let time = one(item, "time");
            assert_eq!(text(&time), date);
            drawn.push(reads_left_to_right(&time, date));
            drawn.push(left_of(&one(item, "a"), &time));
        }
        let crumbs = all(&root, ".ar-crumb");
        assert_eq!(crumbs.len(), 3);
        drawn.extend(crumbs.windows(2).map(|pair| left_of(&pair[0], &pair[1])));
        problems.extend(drawn.into_iter().flatten().map(|d| format!("{p:?}: {d}")));
        handle.destroy();
        root.remove();
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[wasm_bindgen_test]
async fn bidi_controls_in_html_body_runs_stay_in_their_runs() {
    for p in &bidi_payloads() {
        let what = format!("{p:?}");
        let root = container();
        let mut handle = mount_with(
            &root,
            &json!({ "article": bidi_html_article(p) }).to_string(),
        );
        assert_eq!(settled(&root).await, "ready", "{what}: {}", text(&root));
        let q = article_reader::article::bidi::balance(p).into_owned();
        let (found, bad) = uncontained(&root, &q);
        assert_eq!(found, 6, "{what}: every run shows the payload");
        assert!(bad.is_empty(), "{what}: not isolated: {bad:#?}");
        // A linked run is an isolate of its own, so that it cannot reorder the runs around it.
        let link = one(&root, ".ar-body a");
        assert_eq!(text(&link), q);
        assert_eq!(computed(&link, "unicode-bidi"), "isolate", "{what}");
        handle.destroy();
        root.remove();
    }
}

/// Hebrew, Arabic and the other right-to-left scripts' letters (the blocks from U+0590 to
/// U+08FF, and the presentation forms).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The explicit bidi controls and the right-to-left marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200F}' | '\u{061C}')
}

/// A refused value quoted in the English detail line is either spelled out in ASCII or sits
/// between FSI and PDI (U+2068, U+2069), balanced first, so that nothing in it can reorder the words of the message around
/// it; and the message's own words before it are drawn first (left of it, in a left-to-right
/// line).
#[wasm_bindgen_test]
async fn a_bidi_control_in_a_refused_value_does_not_reorder_the_message() {
    let mut problems = Vec::new();
    for p in &bidi_payloads() {
        let what = format!("{p:?}");
        let mut doc = bidi_article("plain");
        // Not a date: the article is refused, and the message may quote the value.
        doc["relatedLink"][0]["datePublished"] = json!(format!("2020-07-01{p}"));
        let root = container();
        let mut handle = mount_with(&root, &json!({ "article": doc }).to_string());
        assert_eq!(settled(&root).await, "failed", "{what}");
        let detail = root
            .query_selector(".ar-error-detail")
            .unwrap()
            .expect("an error detail");
        let shown = text(&detail);
        // The message either spells a control out (`\u{202e}`, plain ASCII) or quotes the
        // value between FSI and PDI: no right-to-left letter and no bidi control may stand
        // outside such an isolate.
        let mut depth = 0usize;
        for c in shown.chars() {
            match c {
                '\u{2068}' => depth += 1,
                '\u{2069}' if depth > 0 => depth -= 1,
                _ if depth == 0 && (is_rtl_letter(c) || is_bidi_control(c)) => {
                    problems.push(format!("{what}: {c:?} outside an isolate in {shown:?}"));
                    break;
                }
                _ => {}
            }
        }
        // The words before the value come first on the line, and the value's date after them.
        problems.extend(reads_left_to_right(&detail, "found string"));
        let words = char_lefts(&detail, "found string");
        let date = char_lefts(&detail, "2020-07-01");
        let (last_word, first_digit) = (
            words.iter().copied().fold(f64::MIN, f64::max),
            date.iter().copied().fold(f64::MAX, f64::min),
        );
        if first_digit < last_word {
            problems.push(format!(
                "{what}: the quoted date starts at {first_digit}, left of \"found string\" ({last_word})"
            ));
        }
        handle.destroy();
        root.remove();
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// An `https:` address of exactly `len` characters.
fn address_of_length(len: usize) -> String {
    let head = "https://a.example/?";
    format!("{head}{}", "q".repeat(len - head.len()))
}

/// One count a host lowered (mount option `limits`), with an article that reaches it exactly
/// and one that passes it by one.
struct CountCase {
    /// The key under `limits`, named in the refusal as `limits.<key>`.
    key: &'static str,
    /// The lowered value: above every limit's minimum and below its default, so that it is
    /// the one that binds.
    limit: usize,
    /// The article with `n` of the counted things.
    article: fn(usize) -> Value,
    /// What shows that an accepted article was rendered whole: a selector and how many of it
    /// the article with `n` has.
    shown: (&'static str, fn(usize) -> usize),
}

fn with_body(body: Value) -> Value {
    let mut doc = base();
    doc["body"] = body;
    doc
}

fn with_html(html: String) -> Value {
    let mut doc = base();
    doc["bodyHtml"] = json!(html);
    doc
}

fn count_cases() -> Vec<CountCase> {
    vec![
        CountCase {
            key: "blocks",
            limit: 150,
            article: |n| with_body(json!(vec![json!({"type": "paragraph", "content": "p"}); n])),
            shown: (".ar-body > p", |n| n),
        },
        CountCase {
            key: "listItems",
            limit: 150,
            article: |n| with_body(json!([{"type": "list", "items": vec!["i"; n]}])),
            shown: (".ar-body li", |n| n),
        },
        CountCase {
            key: "tableCells",
            limit: 120,
            // 120 cells as 12 rows of 10; 121 as 11 rows of 11.
            article: |n| {
                let width = if n == 120 { 10 } else { 11 };
                with_body(json!([{"type": "table", "rows": vec![vec!["c"; width]; n / width]}]))
            },
            shown: (".ar-body td", |n| n),
        },
        CountCase {
            key: "tableRows",
            limit: 20,
            article: |n| with_body(json!([{"type": "table", "rows": vec![vec!["c"]; n]}])),
            shown: (".ar-body tr", |n| n),
        },
        CountCase {
            key: "tableColumns",
            limit: 20,
            article: |n| with_body(json!([{"type": "table", "rows": [vec!["c"; n]]}])),
            shown: (".ar-body td", |n| n),
        },
        CountCase {
            key: "runsPerParagraph",
            limit: 60,
            // Plain and bold runs alternate, so that no two neighbours could be merged.
            article: |n| {
                let runs: Vec<Value> = (0..n)
                    .map(|i| {
                        if i % 2 == 0 {
                            json!("r")
                        } else {
                            json!({"text": "b", "bold": true})
                        }
                    })
                    .collect();
                with_body(json!([{"type": "paragraph", "content": runs}]))
            },
            shown: (".ar-body strong", |n| n / 2),
        },
        CountCase {
            key: "runs",
            limit: 1200,
            // Paragraphs of 40 runs (plain and bold in turn), the last one shorter: each far
            // below runsPerParagraph, all of them together at or one past the whole's limit.
            article: |n| {
                let runs: Vec<Value> = (0..n)
                    .map(|i| {
                        if i % 2 == 0 {
                            json!("r")
                        } else {
                            json!({"text": "b", "bold": true})
                        }
                    })
                    .collect();
                let paragraphs: Vec<Value> = runs
                    .chunks(40)
                    .map(|chunk| json!({"type": "paragraph", "content": chunk}))
                    .collect();
                with_body(json!(paragraphs))
            },
            shown: (".ar-body strong", |n| n / 40 * 20 + n % 40 / 2),
        },
        CountCase {
            key: "addressLength",
            limit: 300,
            article: |n| {
                with_body(json!([{"type": "paragraph", "content": [
                    {"text": "link", "href": address_of_length(n)}]}]))
            },
            shown: (".ar-body a[href^='https://a.example/?q']", |_| 1),
        },
        CountCase {
            key: "textLength",
            limit: 1500,
            article: |n| with_body(json!([{"type": "paragraph", "content": "t".repeat(n)}])),
            shown: (".ar-body > p", |_| 1),
        },
        CountCase {
            key: "htmlElements",
            limit: 150,
            // Elements of the body: `n` paragraphs, nothing else.
            article: |n| with_html("<p>p</p>".repeat(n)),
            shown: (".ar-body > p", |n| n),
        },
        CountCase {
            key: "bodyHtmlBytes",
            limit: 2000,
            // UTF-8 bytes, not characters: "é" is two bytes, so 2,000 bytes are about 1,000
            // characters, and a limit counted in characters would let 2,001 bytes through.
            article: |n| {
                with_html(format!(
                    "<p>{}{}</p>",
                    "é".repeat((n - 7) / 2),
                    "x".repeat((n - 7) % 2)
                ))
            },
            shown: (".ar-body > p", |_| 1),
        },
        CountCase {
            key: "addressLength",
            limit: 300,
            // The same limit on an address in an HTML body.
            article: |n| {
                with_html(format!(
                    "<p><a href=\"{}\">link</a></p>",
                    address_of_length(n)
                ))
            },
            shown: (".ar-body a[href^='https://a.example/?q']", |_| 1),
        },
    ]
}

#[wasm_bindgen_test]
async fn every_count_a_host_lowers_is_reached_exactly_and_refused_one_past_it() {
    let cases = count_cases();
    // The byte case's bodies really are 2,000 and 2,001 bytes, of far fewer characters.
    let bytes = cases.iter().find(|c| c.key == "bodyHtmlBytes").unwrap();
    for n in [2000, 2001] {
        let doc = (bytes.article)(n);
        let html = doc["bodyHtml"].as_str().unwrap();
        assert_eq!(html.len(), n);
        assert!(html.chars().count() < 1100);
    }
    for case in &cases {
        for n in [case.limit, case.limit + 1] {
            for via in [Via::Object, Via::Fetch] {
                let what = format!(
                    "{} = {}, {n} found, {}",
                    case.key,
                    case.limit,
                    if via == Via::Fetch {
                        "fetched"
                    } else {
                        "given"
                    }
                );
                let limits = json!({ case.key: case.limit });
                let options = if via == Via::Fetch {
                    let path = format!("/t/hostile/count/{}-{n}.json", case.key);
                    stub_json(
                        &path,
                        200,
                        "application/json",
                        &(case.article)(n).to_string(),
                    );
                    json!({ "src": path, "limits": limits })
                } else {
                    json!({ "article": (case.article)(n), "limits": limits })
                };
                let root = container();
                let mut handle = mount_with(&root, &options.to_string());
                let state = settled(&root).await;
                if n == case.limit {
                    assert_eq!(state, "ready", "{what}: {}", text(&root));
                    let (selector, count) = case.shown;
                    assert_eq!(all(&root, selector).len(), count(n), "{what}: {selector}");
                } else {
                    assert_eq!(state, "failed", "{what}");
                    let message = text(&one(&root, ".ar-error"));
                    assert!(
                        message.contains(&format!("limits.{}", case.key)),
                        "{what}: {message}"
                    );
                }
                handle.destroy();
                root.remove();
            }
        }
    }
}

/// Options built in JavaScript: `limits` as given, around a fetched article.
fn js_limits(src: &str, limits: &wasm_bindgen::JsValue) -> wasm_bindgen::JsValue {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"src".into(), &src.into()).unwrap();
    js_sys::Reflect::set(&options, &"lang".into(), &"en".into()).unwrap();
    js_sys::Reflect::set(&options, &"limits".into(), limits).unwrap();
    options.into()
}

fn limits_with(key: &str, value: wasm_bindgen::JsValue) -> wasm_bindgen::JsValue {
    let limits = js_sys::Object::new();
    js_sys::Reflect::set(&limits, &key.into(), &value).unwrap();
    limits.into()
}

#[wasm_bindgen_test]
async fn hostile_limits_options_are_refused_by_name_before_anything_loads() {
    use wasm_bindgen::JsValue;
    let path = "/t/hostile/limits-never.json";
    stub_json(path, 200, "application/json", SEED);
    // What each refusal must name: the limit's own key, or for a key that is no limit, that
    // key and the option.
    let cases: Vec<(&str, JsValue, &[&str])> = vec![
        (
            "Infinity",
            limits_with("tableCells", f64::INFINITY.into()),
            &["limits.tableCells", "Infinity"],
        ),
        (
            "NaN",
            limits_with("tableCells", f64::NAN.into()),
            &["limits.tableCells", "NaN"],
        ),
        (
            "-1",
            limits_with("tableCells", (-1.0).into()),
            &["limits.tableCells"],
        ),
        (
            "below the minimum",
            limits_with("tableCells", 1.into()),
            &["limits.tableCells"],
        ),
        (
            "a fraction",
            limits_with("tableCells", 150.5.into()),
            &["limits.tableCells"],
        ),
        (
            "a string",
            limits_with("tableCells", "1e3".into()),
            &["limits.tableCells"],
        ),
        (
            "an object",
            limits_with("tableCells", js_sys::Object::new().into()),
            &["limits.tableCells"],
        ),
        (
            "an unknown key",
            limits_with("tableCels", 500.into()),
            &["`limits`", "tableCels"],
        ),
        ("not an object", JsValue::from(5), &["`limits`"]),
        (
            "a list",
            js_sys::Array::of1(&5.into()).into(),
            &["`limits`"],
        ),
    ];
    for (what, limits, named) in cases {
        let root = container();
        let _reader = mount(root.clone().into(), js_limits(path, &limits))
            .unwrap_or_else(|_| panic!("{what}: mount() threw"));
        assert_eq!(settled(&root).await, "failed", "{what}");
        let message = text(&one(&root, ".ar-error"));
        for name in named {
            assert!(message.contains(name), "{what}: {name} in {message}");
        }
        root.remove();
    }
    assert_eq!(
        fetch_count(path),
        0,
        "an article with bad options is never fetched"
    );
}

#[wasm_bindgen_test]
async fn a_proto_key_in_limits_changes_no_limit_and_no_prototype() {
    // `JSON.parse` makes `__proto__` an own key (an object literal would set the prototype).
    let mut small = base();
    small["body"] = json!([{"type": "table", "rows": vec![vec!["c"; 10]; 11]}]);
    let options = js_sys::JSON::parse(
        &json!({ "article": small, "limits": {"__proto__": {"tableCells": 100}} }).to_string(),
    )
    .unwrap();
    let root = container();
    let _reader = mount(root.clone().into(), options).unwrap_or_else(|_| panic!("mount() threw"));
    let state = settled(&root).await;
    let polluted = js_sys::Reflect::get(&js_sys::Object::new(), &"tableCells".into()).unwrap();
    assert!(
        polluted.is_undefined(),
        "Object.prototype gained tableCells"
    );
    let message = root
        .query_selector(".ar-error")
        .unwrap()
        .map(|e| text(&e))
        .unwrap_or_default();
    // Either the unknown key is refused by its name, or it is ignored and the table (110
    // cells, over the 100 the key pretends) is shown whole; never a lowered tableCells.
    assert!(!message.contains("limits.tableCells"), "{message}");
    if state == "failed" {
        assert!(message.contains("`__proto__`"), "{message}");
    } else {
        assert_eq!(all(&root, ".ar-body td").len(), 110);
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn a_reader_mounted_on_a_detached_element_works_once_attached() {
    stub_json("/t/hostile/detached.json", 200, "application/json", SEED);
    let root = document().create_element("div").unwrap();
    let _reader = mount_with(&root, r#"{"src": "/t/hostile/detached.json"}"#);
    assert_eq!(settled(&root).await, "ready");
    container().append_child(&root).unwrap();
    assert_still_works(&root).await;
}

#[wasm_bindgen_test]
async fn a_reader_in_a_shadow_root_renders_and_answers_its_buttons() {
    stub_json("/t/hostile/shadow.json", 200, "application/json", SEED);
    let host = container();
    let root: Element = js2(
        "const d = document.createElement('div'); a.attachShadow({ mode: 'open' }).appendChild(d); return d;",
        &host,
        &wasm_bindgen::JsValue::NULL,
    )
    .unchecked_into();
    assert!(
        root.get_root_node() != document().into(),
        "the element is in a shadow root"
    );
    let _reader = mount_with(&root, r#"{"src": "/t/hostile/shadow.json"}"#);
    assert_eq!(
        wait_for_headline(&root).await,
        "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基"
    );
    assert_still_works(&root).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn load_after_destroy_is_refused_and_destroy_twice_spares_the_next_reader() {
    stub_json("/t/hostile/twice.json", 200, "application/json", SEED);
    let root = container();
    let mut first = mount_with(&root, r#"{"src": "/t/hostile/twice.json"}"#);
    wait_for_headline(&root).await;
    first.destroy();
    assert!(first.destroyed());
    let refused = first
        .load(js_sys::JSON::parse(r#"{"src": "/t/hostile/twice.json"}"#).unwrap())
        .map_err(wasm_bindgen::JsValue::from)
        .expect_err("load() after destroy() was accepted");
    let message = js_sys::Reflect::get(&refused, &"message".into()).unwrap();
    assert_eq!(
        message.as_string().as_deref(),
        Some("load(): this reader was destroyed")
    );
    wait_for("the destroyed reader's view to go", || {
        (root.child_element_count() == 0).then_some(())
    })
    .await;
    assert_eq!(
        fetch_count("/t/hostile/twice.json"),
        1,
        "the refused load fetched nothing"
    );
    // A second reader on the same element; the first handle's second destroy() leaves it be.
    let _second = mount_with(&root, r#"{"src": "/t/hostile/twice.json"}"#);
    wait_for_headline(&root).await;
    first.destroy();
    assert_still_works(&root).await;
    assert_eq!(all(&root, ".article-reader").len(), 1);
}

#[wasm_bindgen_test]
async fn a_limit_above_its_maximum_is_clamped_not_refused() {
    // 10^12 cells is far above any maximum a reader allows: the host gets the maximum, and an
    // ordinary article shows.
    stub_json("/t/hostile/clamped.json", 200, "application/json", SEED);
    let root = container();
    let _reader = mount(
        root.clone().into(),
        js_limits(
            "/t/hostile/clamped.json",
            &limits_with("tableCells", 1e12.into()),
        ),
    )
    .unwrap_or_else(|_| panic!("mount() threw"));
    assert_eq!(settled(&root).await, "ready", "{}", text(&root));
}
