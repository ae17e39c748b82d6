//! Helpers shared by the browser test files: the network and print stubs of `support.js`,
//! mounting, DOM queries and condition polling.
#![allow(dead_code)]

use article_reader::components::reader::ReaderProps;
use article_reader::embed::{mount, ReaderHandle};
use article_reader::options::ArticleSource;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

#[wasm_bindgen(module = "/tests/support.js")]
extern "C" {
    pub fn stub_json(path: &str, status: u16, content_type: &str, body: &str);
    pub fn stub_hang(path: &str);
    pub fn stub_network_error(path: &str);
    pub fn was_aborted(path: &str) -> bool;
    pub fn stub_print() -> u32;
    pub fn print_calls() -> u32;
    pub fn stub_bytes(path: &str, status: u16, content_type: &str, bytes: &[u8]);
    pub fn stub_declared(path: &str, length: f64);
    pub fn stub_endless(path: &str);
    pub fn stub_stream(path: &str, chunk_size: f64, total: f64);
    pub fn stub_chunked(path: &str, body: &str, chunk_size: f64, declared: f64);
    pub fn fetch_count(path: &str) -> u32;
    pub fn fetch_total() -> u32;
    pub fn image_done(img: &Element) -> bool;
    pub fn stream_cancelled(path: &str) -> bool;
    pub fn stream_pulled(path: &str) -> f64;
    pub fn stub_stalled_body(path: &str);
    pub fn xss_calls() -> String;
    pub fn xss_reset();
}

pub const SEED: &str = include_str!("../../static/articles/seed.json");
pub const READER_EN: &str = include_str!("../../static/articles/reader-en.json");
pub const READER_ZH: &str = include_str!("../../static/articles/reader-zh.json");
pub const CSS: &str = include_str!("../../static/article-reader.css");

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into, with the reader's style sheet on the page.
pub fn container() -> Element {
    let doc = document();
    if doc.get_element_by_id("ar-test-css").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("ar-test-css");
        style.set_text_content(Some(CSS));
        doc.head().unwrap().append_child(&style).unwrap();
    }
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

pub fn mount_with(el: &Element, options: &str) -> ReaderHandle {
    let options = js_sys::JSON::parse(options).unwrap();
    mount(el.clone().into(), options).unwrap_or_else(|_| panic!("mount threw"))
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.dyn_into::<Element>().unwrap())
        .collect()
}

pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.outer_html()))
}

pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

pub fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
}

/// Polls (every 10 ms, for at most about 10 s) until `check` returns `Some`. The deadline only
/// bounds how long a failing test takes; a passing one returns as soon as the condition holds.
///
/// Each look waits first for Yew's scheduler to finish the work queued so far. Yew yields to
/// the browser every 16 ms of rendering, and it may do so between a parent's render and its
/// children's (their new props are queued, which does not hold the yield back): a look then
/// would see, say, a converted headline above a body not yet converted.
pub async fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..1000 {
        yew::scheduler::flush().await;
        if let Some(value) = check() {
            return value;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

pub async fn wait_for_headline(root: &Element) -> String {
    wait_for("the headline", || {
        root.query_selector(".ar-headline").ok().flatten()
    })
    .await
    .text_content()
    .unwrap_or_default()
}

pub async fn wait_for_error(root: &Element) -> String {
    let el = wait_for("the error panel", || {
        root.query_selector(".ar-error").ok().flatten()
    })
    .await;
    text(&one(&el, ".ar-error-detail"))
}

/// A computed style property of an element, e.g. `computed(&p, "text-indent")` → `"36px"`.
pub fn computed(el: &Element, property: &str) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(el)
        .unwrap()
        .unwrap()
        .get_property_value(property)
        .unwrap()
}

/// A computed length in pixels.
pub fn computed_px(el: &Element, property: &str) -> f64 {
    let value = computed(el, property);
    value
        .trim_end_matches("px")
        .parse()
        .unwrap_or_else(|_| panic!("{property}: {value}"))
}

/// The computed font size of the first body paragraph.
pub fn body_font_px(root: &Element) -> f64 {
    computed_px(&one(root, ".ar-body p"), "font-size")
}

/// Serves `body` at `path`, mounts a reader on it and waits for its headline.
pub async fn show(path: &str, content_type: &str, body: &str) -> (Element, ReaderHandle) {
    stub_json(path, 200, content_type, body);
    let root = container();
    let handle = mount_with(&root, &format!(r#"{{"src": "{path}"}}"#));
    wait_for_headline(&root).await;
    (root, handle)
}

/// Mounts the seed article as a bystander: tests that break one reader check that this one
/// still works afterwards.
pub async fn bystander() -> (Element, ReaderHandle) {
    show("/t/bystander.json", "application/json", SEED).await
}

/// Clicks a size button and waits until the reader's size status changes.
pub async fn press(root: &Element, button: &Element) {
    let before = text(&one(root, ".ar-size-status"));
    click(button);
    wait_for("the text size to change", || {
        (text(&one(root, ".ar-size-status")) != before).then_some(())
    })
    .await;
}

/// Asserts that a reader still responds: T+ (or T- at the top) changes its size status.
pub async fn assert_still_works(root: &Element) {
    let button = if one(root, ".ar-bigger")
        .get_attribute("aria-disabled")
        .is_some()
    {
        one(root, ".ar-smaller")
    } else {
        one(root, ".ar-bigger")
    };
    press(root, &button).await;
}

/// Sets the page's query string for a standalone mount, and puts the old one back when dropped.
pub struct PageQuery(String);

impl PageQuery {
    pub fn set(query: &str) -> Self {
        let window = web_sys::window().unwrap();
        let old = window.location().href().unwrap();
        window
            .history()
            .unwrap()
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query))
            .unwrap();
        PageQuery(old)
    }
}

impl Drop for PageQuery {
    fn drop(&mut self) {
        let _ = web_sys::window()
            .unwrap()
            .history()
            .unwrap()
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.0));
    }
}

/// The props of a plain embedded reader of `source`, for the fields a test does not set.
pub fn reader_props(source: ArticleSource) -> ReaderProps {
    ReaderProps {
        source,
        options: Default::default(),
        ui_lang: Default::default(),
        embeds: Default::default(),
        role: Default::default(),
        reload: 0,
        navigation: Default::default(),
        body_id: None,
        elder: None,
        handover: None,
    }
}
