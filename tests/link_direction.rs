//! The direction of a link of many runs, in a real browser. Chromium's `dir="auto"` costs time
//! quadratic in the nodes under the element, so a link of more than
//! `inline::AUTO_DIRECTION_RUNS` runs gets an explicit direction found by
//! `inline::first_strong_direction`; these tests hold that function to the browser's own
//! `dir="auto"` (its `:dir()` answer) and check what the reader renders on each side of the
//! threshold. Run with `wasm-pack test --headless --chrome -- --test link_direction`.
#![cfg(target_arch = "wasm32")]

mod common;

use article_reader::article::{Inline, TextDirection};
use article_reader::components::inline::{first_strong_direction, AUTO_DIRECTION_RUNS};
use common::*;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The direction the browser gives `text` under `dir="auto"`.
fn browser_direction(text: &str) -> TextDirection {
    let span = document().create_element("span").unwrap();
    span.set_attribute("dir", "auto").unwrap();
    span.set_text_content(Some(text));
    document().body().unwrap().append_child(&span).unwrap();
    let rtl = span.matches(":dir(rtl)").unwrap();
    span.remove();
    if rtl {
        TextDirection::Rtl
    } else {
        TextDirection::Ltr
    }
}

#[wasm_bindgen_test]
fn the_first_strong_letter_agrees_with_the_browser() {
    for text in [
        "Read more",
        "阅读全文",
        "続きを読む",
        "اقرأ المزيد",
        "שלום",
        "2020-07-01 שלום world",
        "٣ abc",
        "۴ فارسی",
        "123 !? …",
        "",
        "ܫܠܡܐ",
        "ދިވެހި",
        "ߒߞߏ",
        "ࠀࠁ",
        "𐤀𐤁",
        "𞤀𞤁",
        "ﭐﭑ",
        "ﺍﺏ",
        "«\u{200f}»",
        "\u{200e}שלום",
        "\u{061c}abc",
        "(Здравствуйте)",
        "हिन्दी",
    ] {
        assert_eq!(
            first_strong_direction(&[Inline::plain(text)]),
            browser_direction(text),
            "{text:?}"
        );
    }
}

/// The `dir` of the one link in a paragraph of `runs` runs of `text`, all linked to one address.
async fn link_dir(runs: usize, text: &str) -> Option<String> {
    let content: Vec<_> = (0..runs)
        .map(|i| json!({"text": text, "bold": i % 2 == 1, "href": "https://news.example/a"}))
        .collect();
    let options = json!({"article": {
        "schemaVersion": 2, "headline": "h",
        "body": [{"type": "paragraph", "content": content}],
    }});
    let root = container();
    let mut handle = mount_with(&root, &options.to_string());
    wait_for_headline(&root).await;
    let links = all(&root, ".ar-body a");
    assert_eq!(links.len(), 1, "one link around all {runs} runs");
    let dir = links[0].get_attribute("dir");
    handle.destroy();
    root.remove();
    dir
}

#[wasm_bindgen_test]
async fn a_link_of_many_runs_has_the_direction_of_its_first_letter() {
    let few = AUTO_DIRECTION_RUNS;
    let many = AUTO_DIRECTION_RUNS + 1;
    assert_eq!(link_dir(few, "اقرأ ").await.as_deref(), Some("auto"));
    assert_eq!(link_dir(many, "اقرأ ").await.as_deref(), Some("rtl"));
    assert_eq!(link_dir(many, "more ").await.as_deref(), Some("ltr"));
}
