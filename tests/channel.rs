//! Browser tests of channel pages, the not-found view and an article's neighbours (上一篇 /
//! 下一篇). Run with `wasm-pack test --headless --chrome -- --test channel` (or `--firefox`).
//!
//! The network is the stub of `support.js`; the channel pages are the samples in
//! `static/channels/`, and every expected text below is written out by hand.
#![cfg(target_arch = "wasm32")]

mod common;

use article_reader::embed::mount_standalone;
use common::*;
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const LLYJ: &str = include_str!("../static/channels/llyj.json");
const LLYJ_2: &str = include_str!("../static/channels/llyj-2.json");

/// Serves both pages of 理论研究 where their links lead: `?article=static/channels/...`
/// names the path, so a test loads what a link names from there.
fn stub_theory_channel() {
    stub_json("/static/channels/llyj.json", 200, "application/json", LLYJ);
    stub_json(
        "/static/channels/llyj-2.json",
        200,
        "application/json",
        LLYJ_2,
    );
}

/// The path a standalone link (`…/?article=static/channels/llyj-2.json`) names, as the
/// standalone page would load it.
fn named_path(href: &str) -> String {
    let url = web_sys::Url::new(href).unwrap();
    let param = url.search_params().get("article").unwrap();
    format!("/{param}")
}

/// Waits until the reader shows page `n` of 理论研究.
async fn wait_for_page(root: &Element, shown: &str) {
    wait_for(shown, || {
        root.query_selector(".ar-page-current")
            .unwrap()
            .filter(|el| text(el) == shown)
    })
    .await;
}

fn headlines(root: &Element) -> Vec<String> {
    all(root, ".ar-channel-list > li h2 a")
        .iter()
        .map(text)
        .collect()
}

#[wasm_bindgen_test]
async fn a_channel_page_shows_its_trail_title_summaries_and_pages() {
    stub_theory_channel();
    let root = container();
    let _reader = mount_with(&root, r#"{"src": "/static/channels/llyj.json"}"#);
    wait_for_page(&root, "第 1 页，共 2 页").await;
    let reader = one(&root, ".article-reader");
    assert_eq!(reader.get_attribute("data-state").as_deref(), Some("ready"));
    assert_eq!(reader.get_attribute("lang").as_deref(), Some("zh-CN"));

    // The trail ends at the channel, which is the current page.
    let nav = one(&root, "nav.ar-breadcrumb");
    assert_eq!(
        text(&nav).replace('\u{a0}', " "),
        "您的位置: 西藏统一战线 > 理论研究"
    );
    assert_eq!(text(&one(&nav, "[aria-current=page]")), "理论研究");

    // The title is the page's one h1; each summary's title an h2 link in a named list.
    let h1 = all(&root, "h1");
    assert_eq!(h1.len(), 1);
    assert_eq!(text(&h1[0]), "理论研究");
    let list = one(&root, "ul.ar-channel-list");
    assert_eq!(
        list.get_attribute("aria-label").as_deref(),
        Some("文章列表")
    );
    assert_eq!(
        headlines(&root),
        [
            "示例：高原湖泊科考手记（第二版格式的全部内容块）",
            "示例：正文是内容管理系统的 HTML",
            "文章阅读器：让新闻稿件在任何网页上好读、安全",
        ]
    );
    let first = one(&list, "li");
    assert!(one(&first, "h2 a")
        .get_attribute("href")
        .unwrap()
        .ends_with("/?article=static/articles/rich-zh.json"));
    let time = one(&first, "time");
    assert_eq!(text(&time), "2026-11-25");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-11-25T10:00:00+08:00")
    );
    assert_eq!(
        text(&one(&first, ".ar-summary-description")),
        "一篇用第二版文章格式写成的示例，图集、表格、注释等内容块一应俱全。"
    );
    let image = one(&first, "img.ar-summary-image");
    assert_eq!(image.get_attribute("alt").as_deref(), Some(""));
    assert!(image
        .get_attribute("src")
        .unwrap()
        .ends_with("/static/articles/media/lake.svg"));
    let third = all(&list, "li")[2].clone();
    assert!(third
        .query_selector(".ar-summary-description")
        .unwrap()
        .is_none());
    assert!(third.query_selector("img").unwrap().is_none());

    // Page links: the first page has a next page and no previous one.
    let pages = one(&root, "nav.ar-pages");
    assert_eq!(pages.get_attribute("aria-label").as_deref(), Some("翻页"));
    assert!(pages.query_selector(".ar-page-previous").unwrap().is_none());
    assert_eq!(
        one(&pages, "[aria-current=page]")
            .get_attribute("class")
            .as_deref(),
        Some("ar-page-current")
    );
    assert_eq!(text(&one(&pages, "a.ar-page-next")), "下一页");
}

#[wasm_bindgen_test]
async fn following_next_and_previous_shows_those_pages() {
    stub_theory_channel();
    let root = container();
    let mut reader = mount_with(&root, r#"{"src": "/static/channels/llyj.json"}"#);
    wait_for_page(&root, "第 1 页，共 2 页").await;

    let next = one(&root, "a.ar-page-next").get_attribute("href").unwrap();
    assert_eq!(named_path(&next), "/static/channels/llyj-2.json");
    reader
        .load(src_options(&named_path(&next)))
        .unwrap_or_else(|_| panic!("load threw"));
    wait_for_page(&root, "第 2 页，共 2 页").await;
    assert_eq!(
        headlines(&root),
        [
            "The article reader: a fast, safe article view for any site",
            "مثال: مقالة من اليمين إلى اليسار",
            "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基",
        ]
    );
    assert!(
        root.query_selector("a.ar-page-next").unwrap().is_none(),
        "the last page"
    );
    let previous = one(&root, "a.ar-page-previous");
    assert_eq!(text(&previous), "上一页");

    let href = previous.get_attribute("href").unwrap();
    assert_eq!(named_path(&href), "/static/channels/llyj.json");
    reader
        .load(src_options(&named_path(&href)))
        .unwrap_or_else(|_| panic!("load threw"));
    wait_for_page(&root, "第 1 页，共 2 页").await;
    assert_eq!(
        headlines(&root)[0],
        "示例：高原湖泊科考手记（第二版格式的全部内容块）"
    );
}

/// `{ src }` as the options object `load()` takes.
fn src_options(src: &str) -> wasm_bindgen::JsValue {
    js_sys::JSON::parse(&json!({ "src": src }).to_string()).unwrap()
}

#[wasm_bindgen_test]
async fn a_missing_document_shows_the_not_found_view_without_a_retry() {
    for (path, status) in [("/t/i9-gone-404.json", 404), ("/t/i9-gone-410.json", 410)] {
        stub_json(path, status, "text/html", "<h1>Not Found</h1>");
        let root = container();
        let _reader = mount_with(&root, &json!({ "src": path }).to_string());
        let view = wait_for("the not-found view", || {
            root.query_selector(".ar-not-found").unwrap()
        })
        .await;
        assert_eq!(view.get_attribute("role").as_deref(), Some("alert"));
        assert_eq!(text(&one(&view, "h1")), "页面不存在");
        assert_eq!(
            text(&one(&view, ".ar-not-found-text")),
            "您要找的文章或栏目不存在，可能已被删除或移动。"
        );
        assert!(text(&one(&view, ".ar-error-address")).ends_with(path));
        assert!(
            root.query_selector(".ar-retry").unwrap().is_none(),
            "{status}"
        );
        assert!(
            root.query_selector(".ar-error").unwrap().is_none(),
            "{status}"
        );
        assert_eq!(
            one(&root, ".article-reader")
                .get_attribute("data-state")
                .as_deref(),
            Some("failed")
        );
    }
}

#[wasm_bindgen_test]
async fn other_failures_keep_the_error_panel_and_its_retry() {
    stub_json("/t/i9-down.json", 503, "text/html", "down");
    let root = container();
    let _reader = mount_with(&root, r#"{"src": "/t/i9-down.json"}"#);
    wait_for_error(&root).await;
    assert!(root.query_selector(".ar-retry").unwrap().is_some());
    assert!(root.query_selector(".ar-not-found").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_not_found_view_leads_back_to_the_channel_the_reader_came_from() {
    stub_theory_channel();
    stub_json("/t/i9-missing-article.json", 404, "text/html", "");
    let root = container();
    let mut reader = mount_with(
        &root,
        r#"{"src": "/static/channels/llyj.json", "lang": "en"}"#,
    );
    wait_for_page(&root, "第 1 页，共 2 页").await;
    // `load()` takes a whole set of options, the language among them.
    let options = json!({"src": "/t/i9-missing-article.json", "lang": "en"});
    reader
        .load(js_sys::JSON::parse(&options.to_string()).unwrap())
        .unwrap_or_else(|_| panic!("load threw"));
    let back = wait_for("the link back", || {
        root.query_selector(".ar-not-found a.ar-back-to-channel")
            .unwrap()
    })
    .await;
    // The channel was Chinese, but the missing article says nothing: the interface is the
    // reader's own (English here).
    assert_eq!(text(&one(&root, ".ar-not-found h1")), "Page not found");
    assert_eq!(text(&back), "Back to: 理论研究");
    assert!(back
        .get_attribute("href")
        .unwrap()
        .ends_with("/?article=static/channels/llyj.json"));
    assert!(
        root.query_selector(".ar-home").unwrap().is_none(),
        "an embedded reader has no home of its own"
    );
}

#[wasm_bindgen_test]
async fn a_standalone_not_found_view_links_home() {
    // A real 404 from the test server: the standalone page takes only responses from its own
    // origin, which the stub's cannot show.
    let _restore = PageQuery::set("?article=/i9-no-such-channel.json");
    let location = web_sys::window().unwrap().location();
    let home = format!(
        "{}{}",
        location.origin().unwrap(),
        location.pathname().unwrap()
    );
    let root = container();
    let _reader = mount_standalone(root.clone().into(), JsValue::UNDEFINED)
        .unwrap_or_else(|_| panic!("threw"));
    let link = wait_for("the home link", || {
        root.query_selector(".ar-not-found a.ar-home").unwrap()
    })
    .await;
    assert_eq!(text(&link), "返回首页");
    assert_eq!(link.get_attribute("href"), Some(home));
    assert!(root.query_selector(".ar-retry").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_empty_article_parameter_asks_for_the_default_article() {
    stub_json("/static/articles/seed.json", 200, "application/json", SEED);
    let _restore = PageQuery::set("?article=");
    let root = container();
    let _reader = mount_standalone(root.clone().into(), JsValue::UNDEFINED)
        .unwrap_or_else(|_| panic!("threw"));
    // The stub's response carries no URL, which the standalone page refuses as coming from
    // elsewhere: the request is what this test is about, and that it is not refused as empty.
    wait_for("the default article's request", || {
        (fetch_count("/static/articles/seed.json") == 1).then_some(())
    })
    .await;
    wait_for_error(&root).await;
    assert!(
        !text(&root).contains("empty"),
        "an empty parameter is not an error: {}",
        text(&root)
    );
}

#[wasm_bindgen_test]
async fn neighbours_render_as_a_named_nav_at_the_end_of_the_article() {
    let article = json!({
        "schemaVersion": 2, "inLanguage": "zh-CN", "headline": "本文",
        "body": [{"type": "paragraph", "content": "正文。"}],
        "previousArticle": {"headline": "前一篇的标题", "url": "/?article=a.json"},
        "nextArticle": {"headline": "后一篇的标题", "url": "/?article=b.json"}
    });
    let root = container();
    let _reader = mount_with(&root, &json!({ "article": article }).to_string());
    wait_for_headline(&root).await;
    let nav = one(&root, "article.ar-article > nav.ar-neighbours:last-child");
    assert_eq!(
        nav.get_attribute("aria-label").as_deref(),
        Some("上一篇和下一篇")
    );
    let items: Vec<String> = all(&nav, "li").iter().map(text).collect();
    assert_eq!(items, ["上一篇: 前一篇的标题", "下一篇: 后一篇的标题"]);
    let hrefs: Vec<String> = all(&nav, "a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(hrefs[0].ends_with("/?article=a.json"), "{hrefs:?}");
    assert!(hrefs[1].ends_with("/?article=b.json"), "{hrefs:?}");
}

#[wasm_bindgen_test]
async fn an_article_without_neighbours_has_no_neighbours_nav() {
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"article": {SEED}}}"#));
    wait_for_headline(&root).await;
    assert!(root.query_selector(".ar-neighbours").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_english_interface_names_the_neighbours_in_english() {
    let rtl = include_str!("../static/articles/rtl-ar.json");
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"article": {rtl}}}"#));
    wait_for_headline(&root).await;
    let items: Vec<String> = all(&root, ".ar-neighbours li").iter().map(text).collect();
    assert_eq!(
        items,
        [
            "Previous: The article reader: a fast, safe article view for any site",
            "Next: 牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基",
        ]
    );
}
