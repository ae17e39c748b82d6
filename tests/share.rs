//! Browser tests of 分享 / Share: the disclosure (aria-expanded, Escape), which address a reader
//! shares, the QR code's size, and copying with a stubbed `navigator.clipboard`. Run with
//! `wasm-pack test --headless --chrome -- --test share` (or `--firefox`).
//!
//! The QR code's content is decoded by an independent decoder in `crate::qr`'s native tests and
//! in `tests/e2e/share.test.mjs`; here its size is checked against the QR standard's capacity
//! table, written out by hand.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use article_reader::article::parse_article;
use article_reader::components::hooks::DocumentRole;
use article_reader::components::reader::{Reader, ReaderProps};
use article_reader::options::ArticleSource;
use common::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// The seed article (Chinese) with `url` set to `url`, as JSON.
fn seed_with_url(url: Option<&str>) -> String {
    let mut seed: serde_json::Value = serde_json::from_str(SEED).unwrap();
    match url {
        Some(url) => seed["url"] = url.into(),
        None => {
            seed.as_object_mut().unwrap().remove("url");
        }
    }
    seed.to_string()
}

/// Mounts an embedded reader of the seed article with `url` and waits for its headline.
async fn embedded(url: Option<&str>) -> (Element, article_reader::embed::ReaderHandle) {
    let root = container();
    let handle = mount_with(&root, &format!(r#"{{"article": {}}}"#, seed_with_url(url)));
    wait_for_headline(&root).await;
    (root, handle)
}

fn expanded(toggle: &Element) -> String {
    toggle.get_attribute("aria-expanded").unwrap()
}

fn active_element() -> Option<Element> {
    document().active_element()
}

/// Clicks 分享 and waits for the panel to open.
async fn open_panel(root: &Element) -> Element {
    let toggle = one(root, "button.ar-share-toggle");
    click(&toggle);
    wait_for("the panel to open", || {
        (expanded(&toggle) == "true").then_some(())
    })
    .await;
    let id = toggle.get_attribute("aria-controls").unwrap();
    document().get_element_by_id(&id).unwrap()
}

/// Defines `navigator[name]` as an own property with `value`, shadowing the browser's own;
/// [`Restore`] deletes it again.
fn define_on_navigator(name: &str, value: &JsValue) -> Restore {
    let navigator = JsValue::from(web_sys::window().unwrap().navigator());
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"value".into(), value).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Reflect::define_property(
        navigator.unchecked_ref::<js_sys::Object>(),
        &name.into(),
        &descriptor,
    )
    .unwrap();
    Restore(name.to_owned())
}

/// Deletes a property [`define_on_navigator`] defined, when dropped.
struct Restore(String);

impl Drop for Restore {
    fn drop(&mut self) {
        let navigator = JsValue::from(web_sys::window().unwrap().navigator());
        let _ = js_sys::Reflect::delete_property(
            navigator.unchecked_ref::<js_sys::Object>(),
            &self.0.as_str().into(),
        );
    }
}

/// A stub `navigator.clipboard` whose `writeText` records its text and resolves, or rejects
/// (as a browser does without permission).
fn stub_clipboard(resolves: Outcome) -> (Restore, Rc<RefCell<Vec<String>>>) {
    let written = Rc::new(RefCell::new(Vec::new()));
    let record = written.clone();
    let write = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |text: JsValue| {
        record.borrow_mut().push(text.as_string().unwrap());
        match resolves {
            Outcome::Resolve => js_sys::Promise::resolve(&JsValue::UNDEFINED),
            Outcome::Reject => js_sys::Promise::reject(&"NotAllowedError".into()),
        }
    });
    let clipboard = js_sys::Object::new();
    js_sys::Reflect::set(&clipboard, &"writeText".into(), write.as_ref()).unwrap();
    write.forget();
    (define_on_navigator("clipboard", &clipboard), written)
}

#[derive(Clone, Copy)]
enum Outcome {
    Resolve,
    Reject,
}

#[wasm_bindgen_test]
async fn the_panel_opens_and_closes_with_its_state_and_escape_returns_focus() {
    let (root, _reader) = embedded(Some("https://example.org/a")).await;
    let toggle = one(&root, "button.ar-share-toggle");
    assert_eq!(text(&toggle), "分享");
    assert_eq!(expanded(&toggle), "false");
    let id = toggle.get_attribute("aria-controls").unwrap();
    let panel = document().get_element_by_id(&id).unwrap();
    assert!(panel.has_attribute("hidden"), "closed at first");

    let panel = open_panel(&root).await;
    assert!(!panel.has_attribute("hidden"));
    assert!(root.contains(Some(&panel)), "the panel is this reader's");
    let copy = one(&panel, "button.ar-share-copy");
    assert_eq!(text(&copy), "复制链接");

    // Escape from inside the panel closes it and puts focus back on 分享.
    copy.unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    copy.dispatch_event(&escape).unwrap();
    wait_for("the panel to close", || {
        (expanded(&toggle) == "false").then_some(())
    })
    .await;
    assert!(panel.has_attribute("hidden"));
    assert_eq!(active_element(), Some(toggle.clone()));

    // The button itself closes it too.
    open_panel(&root).await;
    click(&toggle);
    wait_for("the panel to close", || {
        (expanded(&toggle) == "false").then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_qr_code_is_an_image_named_by_the_address_with_the_modules_of_its_version() {
    // 21 bytes: more than version 1-M's 14, at most version 2-M's 26 (ISO/IEC 18004, table 7),
    // so version 2: 25 modules a side, 33 with the 4-module quiet zone on each side.
    let address = "https://example.org/a";
    let (root, _reader) = embedded(Some(address)).await;
    let panel = open_panel(&root).await;
    let svg = one(&panel, "svg.ar-share-qr");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label"),
        Some(format!("二维码：{address}"))
    );
    assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 33 33"));
    // At least 4 CSS pixels a module.
    let width: f64 = svg.get_attribute("width").unwrap().parse().unwrap();
    assert!(width >= 33.0 * 4.0, "{width}");
    let rect = one(&svg, "rect");
    assert_eq!(rect.get_attribute("fill").as_deref(), Some("#fff"));
    let path = one(&svg, "path");
    assert_eq!(path.get_attribute("fill").as_deref(), Some("#000"));
    // Version 2's top-left finder pattern: its top row, 7 dark modules, after the quiet zone.
    assert!(path.get_attribute("d").unwrap().starts_with("M4 4h7v1h-7z"));

    // A longer address takes a larger version: 100 bytes is more than version 5-M's 84 and at
    // most version 6-M's 106, so 41 + 8 = 49 modules a side.
    let long = format!("https://example.org/{}", "a".repeat(80));
    assert_eq!(long.len(), 100);
    let (root, _reader) = embedded(Some(&long)).await;
    let panel = open_panel(&root).await;
    let svg = one(&panel, "svg.ar-share-qr");
    assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 49 49"));
}

#[wasm_bindgen_test]
async fn an_address_too_long_for_a_qr_code_gets_a_message_and_can_still_be_copied() {
    // 2332 bytes: one more than version 40-M holds.
    let long = format!("https://example.org/?q={}", "a".repeat(2332 - 23));
    assert_eq!(long.len(), 2332);
    let (root, _reader) = embedded(Some(&long)).await;
    let panel = open_panel(&root).await;
    assert!(panel.query_selector("svg").unwrap().is_none());
    assert_eq!(
        text(&one(&panel, ".ar-share-too-long")),
        "链接超过 2331 字节，太长，无法生成二维码；请复制链接。"
    );
    one(&panel, "button.ar-share-copy");
}

#[wasm_bindgen_test]
async fn an_embedded_article_without_a_web_address_has_no_share_button() {
    for url in [
        None,
        Some("javascript:alert(1)"),
        Some("mailto:editor@example.org"),
    ] {
        let (root, _reader) = embedded(url).await;
        assert!(
            root.query_selector(".ar-share-toggle").unwrap().is_none(),
            "{url:?}"
        );
        // The rest of the toolbar is there.
        one(&root, "button.ar-print");
    }
    // A relative `url` is shared as the absolute address it resolves to.
    let (root, _reader) = embedded(Some("/news/a.html")).await;
    let panel = open_panel(&root).await;
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(
        one(&panel, "svg").get_attribute("aria-label"),
        Some(format!("二维码：{origin}/news/a.html"))
    );
}

#[wasm_bindgen_test]
async fn a_standalone_reader_shares_the_pages_own_address() {
    let _query = PageQuery::set("?article=static/articles/seed.json&x=%E4%B8%AD");
    let href = web_sys::window().unwrap().location().href().unwrap();
    let root = container();
    let article = parse_article(&seed_with_url(Some("https://elsewhere.example/a"))).unwrap();
    let _app = yew::Renderer::<Reader>::with_root_and_props(
        root.clone(),
        ReaderProps {
            source: ArticleSource::Given(Rc::new(article)),
            role: DocumentRole::Standalone,
            ..props_default()
        },
    )
    .render();
    wait_for_headline(&root).await;
    let panel = open_panel(&root).await;
    assert_eq!(
        one(&panel, "svg").get_attribute("aria-label"),
        Some(format!("二维码：{href}"))
    );
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

#[wasm_bindgen_test]
async fn copy_link_puts_the_address_on_the_clipboard_and_says_so() {
    let address = "https://example.org/copy";
    let (_clipboard, written) = stub_clipboard(Outcome::Resolve);
    let (root, _reader) = embedded(Some(address)).await;
    let panel = open_panel(&root).await;
    let status = one(&panel, ".ar-share-status");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(text(&status), "");
    click(&one(&panel, "button.ar-share-copy"));
    wait_for("the confirmation", || {
        (text(&status) == "链接已复制").then_some(())
    })
    .await;
    assert_eq!(*written.borrow(), vec![address.to_owned()]);
    assert!(panel.query_selector("input").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_refused_clipboard_leaves_the_address_selected_for_copying_by_hand() {
    let address = "https://example.org/refused";
    let (_clipboard, written) = stub_clipboard(Outcome::Reject);
    let (root, _reader) = embedded(Some(address)).await;
    let panel = open_panel(&root).await;
    click(&one(&panel, "button.ar-share-copy"));
    let input = wait_for("the address field", || {
        panel.query_selector("input").unwrap()
    })
    .await;
    assert_eq!(written.borrow().len(), 1);
    assert_eq!(
        text(&one(&panel, ".ar-share-status")),
        "浏览器未允许自动复制，请手动复制下面已选中的链接。"
    );
    let input: web_sys::HtmlInputElement = input.dyn_into().unwrap();
    assert!(input.read_only());
    assert_eq!(input.value(), address);
    // Its label names it.
    let label = one(&panel, "label");
    assert_eq!(label.get_attribute("for"), Some(input.id()));
    assert_eq!(text(&label), "文章链接");
    wait_for("focus on the address", || {
        (active_element() == Some(input.clone().into())).then_some(())
    })
    .await;
    assert_eq!(input.selection_start().unwrap(), Some(0));
    assert_eq!(
        input.selection_end().unwrap(),
        Some(u32::try_from(address.len()).unwrap())
    );
}

#[wasm_bindgen_test]
async fn native_share_is_offered_only_where_the_browser_has_it() {
    let address = "https://example.org/native";
    {
        let _no_share = define_on_navigator("share", &JsValue::UNDEFINED);
        let (root, _reader) = embedded(Some(address)).await;
        let panel = open_panel(&root).await;
        assert!(panel.query_selector(".ar-share-native").unwrap().is_none());
    }
    let shared = Rc::new(RefCell::new(Vec::new()));
    let record = shared.clone();
    let share = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |data: JsValue| {
        let url = js_sys::Reflect::get(&data, &"url".into()).unwrap();
        record.borrow_mut().push(url.as_string().unwrap());
        js_sys::Promise::resolve(&JsValue::UNDEFINED)
    });
    let _share = define_on_navigator("share", share.as_ref());
    share.forget();
    let (root, _reader) = embedded(Some(address)).await;
    let panel = open_panel(&root).await;
    let button = one(&panel, "button.ar-share-native");
    assert_eq!(text(&button), "通过其他应用分享");
    click(&button);
    assert_eq!(*shared.borrow(), vec![address.to_owned()]);
}
