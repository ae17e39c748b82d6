//! Browser tests of the 繁體 / 简体 switch: converting the seed article with OpenCC's table, links
//! untouched, the reader's language and labels following, back to the original, a table that
//! fails to load, and the choice remembered by a standalone reader. Run with
//! `wasm-pack test --headless --chrome -- --test zh_switch` (or `--firefox`).
//!
//! The tables are served by the fetch stub of `tests/support.js` at the address the reader asks
//! for (`static/zh/` next to the page), from the files the site ships. The expected Traditional
//! text is written out by hand (standard Traditional forms, as in the Taiwan and Hong Kong
//! editions of the same speeches), not produced by the converter.
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use article_reader::article::parse_article;
use article_reader::components::hooks::DocumentRole;
use article_reader::components::reader::{Reader, ReaderProps};
use article_reader::options::ArticleSource;
use common::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const S2T: &str = include_str!("../static/zh/s2t.txt");
const HEADLINE: &str = "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基";
const HEADLINE_HANT: &str = "牢固樹立大抓基層的鮮明導向 夯實黨在西藏的執政根基";
const STORAGE_KEY: &str = "article-reader.zh-script";

/// The path the reader fetches a table from: `static/zh/` resolved against the test page.
fn table_path(file: &str) -> String {
    let href = web_sys::window().unwrap().location().href().unwrap();
    web_sys::Url::new_with_base(&format!("static/zh/{file}"), &href)
        .unwrap()
        .pathname()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The seed article with its language set to `lang`, as JSON.
fn seed_in(lang: &str) -> String {
    let mut seed: serde_json::Value = serde_json::from_str(SEED).unwrap();
    seed["inLanguage"] = lang.into();
    seed.to_string()
}

fn headline(root: &Element) -> String {
    text(&one(root, ".ar-headline"))
}

fn hrefs(root: &Element) -> Vec<String> {
    all(root, "a[href]")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect()
}

fn first_paragraph(root: &Element) -> String {
    text(&one(root, ".ar-body p"))
}

async fn wait_for_headline_text(root: &Element, expected: &str) {
    wait_for(&format!("the headline {expected}"), || {
        let shown = root.query_selector(".ar-headline").ok().flatten();
        (shown.map(|h| text(&h)).as_deref() == Some(expected)).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_seed_article_turns_traditional_with_its_links_and_back() {
    stub_json(
        &table_path("s2t.txt"),
        200,
        "text/plain; charset=utf-8",
        S2T,
    );
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"article": {SEED}}}"#));
    wait_for_headline(&root).await;
    let reader = one(&root, ".article-reader");
    let (before_links, before_paragraph) = (hrefs(&root), first_paragraph(&root));
    assert!(!before_links.is_empty());
    assert!(before_paragraph.contains("总书记强调"));
    let switch = one(&root, ".ar-toolbar button.ar-zh-switch");
    assert_eq!(text(&switch), "繁體");
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("zh-Hant"));
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );

    click(&switch);
    wait_for_headline_text(&root, HEADLINE_HANT).await;
    let paragraph = first_paragraph(&root);
    assert!(paragraph.contains("總書記強調"), "{paragraph}");
    assert!(paragraph.contains("基層黨組織"), "{paragraph}");
    assert_eq!(hrefs(&root), before_links);
    assert_eq!(reader.get_attribute("lang").as_deref(), Some("zh-Hant"));
    let switch = one(&root, "button.ar-zh-switch");
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(switch.get_attribute("aria-busy"), None);
    // The labels follow the text.
    assert_eq!(
        one(&root, ".ar-toolbar")
            .get_attribute("aria-label")
            .as_deref(),
        Some("閱讀工具")
    );
    assert!(text(&one(&root, ".ar-size-status")).starts_with("字號 "));
    assert!(text(&root).contains("相關閱讀"));
    assert_eq!(text(&one(&root, ".ar-zh-status")), "");

    click(&switch);
    wait_for_headline_text(&root, HEADLINE).await;
    assert_eq!(first_paragraph(&root), before_paragraph);
    assert_eq!(reader.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert_eq!(
        one(&root, ".ar-toolbar")
            .get_attribute("aria-label")
            .as_deref(),
        Some("阅读工具")
    );
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );

    // The table is kept: pressing again converts without fetching it a second time.
    let fetched = fetch_count(&table_path("s2t.txt"));
    click(&switch);
    wait_for_headline_text(&root, HEADLINE_HANT).await;
    assert_eq!(fetch_count(&table_path("s2t.txt")), fetched);
}

#[wasm_bindgen_test]
async fn the_switch_is_busy_while_its_table_loads() {
    stub_hang(&table_path("hk2t.txt"));
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"article": {}}}"#, seed_in("zh-HK")));
    wait_for_headline(&root).await;
    let switch = one(&root, "button.ar-zh-switch");
    click(&switch);
    wait_for("the busy state", || {
        (switch.get_attribute("aria-busy").as_deref() == Some("true")).then_some(())
    })
    .await;
    assert_eq!(
        switch.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(headline(&root), HEADLINE);
}

#[wasm_bindgen_test]
async fn a_table_that_fails_to_load_says_so_and_changes_nothing_else() {
    // A Taiwan article converts with tw2t.txt then t2s.txt; the first is missing.
    stub_json(&table_path("tw2t.txt"), 404, "text/plain", "Not Found");
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"article": {}}}"#, seed_in("zh-TW")));
    wait_for_headline(&root).await;
    // A Traditional article wears Traditional labels and offers Simplified.
    assert_eq!(
        one(&root, ".ar-toolbar")
            .get_attribute("aria-label")
            .as_deref(),
        Some("閱讀工具")
    );
    let switch = one(&root, "button.ar-zh-switch");
    assert_eq!(text(&switch), "简体");
    let paragraph = first_paragraph(&root);

    click(&switch);
    let status = one(&root, ".ar-zh-status");
    wait_for("the failure message", || {
        (!text(&status).is_empty()).then_some(())
    })
    .await;
    assert_eq!(text(&status), "未能載入簡體字轉換表，請稍後再試。");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(headline(&root), HEADLINE);
    assert_eq!(first_paragraph(&root), paragraph);
    assert_eq!(
        one(&root, ".article-reader")
            .get_attribute("lang")
            .as_deref(),
        Some("zh-TW")
    );
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(switch.get_attribute("aria-busy"), None);
}

#[wasm_bindgen_test]
async fn an_article_in_another_language_has_no_switch() {
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"article": {READER_EN}}}"#));
    wait_for_headline(&root).await;
    assert!(all(&root, ".ar-zh-switch").is_empty());
}

/// Renders a standalone reader of the seed article.
fn standalone(root: &Element) -> yew::AppHandle<Reader> {
    let article = parse_article(SEED).unwrap();
    yew::Renderer::<Reader>::with_root_and_props(
        root.clone(),
        ReaderProps {
            source: ArticleSource::Given(Rc::new(article)),
            role: DocumentRole::Standalone,
            ..props_default()
        },
    )
    .render()
}

#[wasm_bindgen_test]
async fn a_standalone_reader_remembers_the_choice_for_the_next_article() {
    storage().remove_item(STORAGE_KEY).unwrap();
    stub_json(
        &table_path("s2t.txt"),
        200,
        "text/plain; charset=utf-8",
        S2T,
    );
    let root = container();
    let app = standalone(&root);
    wait_for_headline(&root).await;
    assert_eq!(
        headline(&root),
        HEADLINE,
        "a reader with no choice stored shows the original"
    );
    click(&one(&root, "button.ar-zh-switch"));
    wait_for_headline_text(&root, HEADLINE_HANT).await;
    // The document's language and title are set after the page is painted.
    let html = document().document_element().unwrap();
    wait_for("the document in Traditional Chinese", || {
        (html.get_attribute("lang").as_deref() == Some("zh-Hant")).then_some(())
    })
    .await;
    assert_eq!(document().title(), HEADLINE_HANT);
    assert_eq!(
        storage().get_item(STORAGE_KEY).unwrap().as_deref(),
        Some("hant")
    );
    app.destroy();

    // The next article opens converted, from its first paint.
    let root = container();
    let _app = standalone(&root);
    wait_for_headline(&root).await;
    assert_eq!(headline(&root), HEADLINE_HANT);
    click(&one(&root, "button.ar-zh-switch"));
    wait_for_headline_text(&root, HEADLINE).await;
    assert_eq!(storage().get_item(STORAGE_KEY).unwrap(), None);
}

/// The props a plain embedded reader gets, for the fields a test does not set.
fn props_default() -> ReaderProps {
    ReaderProps {
        source: ArticleSource::Url(String::new().into()),
        options: Default::default(),
        ui_lang: Default::default(),
        embeds: Default::default(),
        role: DocumentRole::Embedded,
        reload: 0,
        navigation: Default::default(),
        handover: None,
        elder: None,
    }
}
