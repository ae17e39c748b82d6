//! Browser tests of the embedding API's edges: the standalone page's error view and what
//! `mount()` accepts. Run with `wasm-pack test --headless --chrome -- --test api` (or
//! `--firefox`).
#![cfg(target_arch = "wasm32")]

mod common;

use article_reader::embed::{mount, mount_standalone};
use common::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_refused_standalone_address_is_shown_as_a_short_marked_address() {
    let param = "https://evil.example/【紧急通知】您的账户存在异常，请立即拨打客服电话400-000-0000办理，否则账户将被冻结。本通知由系统自动发送，请勿回复，如有疑问请联系人工客服，我们将竭诚为您服务，感谢您的配合与支持。详情请见公告全文以及后续的更多说明";
    let query = format!(
        "?article={}",
        String::from(js_sys::encode_uri_component(param))
    );
    let _restore = PageQuery::set(&query);
    let root = container();
    let _reader = mount_standalone(root.clone().into(), JsValue::UNDEFINED)
        .unwrap_or_else(|_| panic!("threw"));
    wait_for_error(&root).await;
    let expected = "https://evil.example/【紧急通知】您的账户存在异常，请立即拨…服，我们将竭诚为您服务，感谢您的配合与支持。详情请见公告全文以及后续的更多说明";
    let line = one(&root, ".ar-error-address");
    assert_eq!(text(&line), format!("请求的地址: {expected}"));
    let code = one(&line, "code.ar-address > bdi[dir=ltr]");
    assert_eq!(text(&code), expected);
    let detail = one(&root, ".ar-error-detail");
    assert_eq!(all(&detail, "code.ar-address").len(), 1);
    assert!(
        !text(&root).contains("否则账户将被冻结"),
        "the middle of the address is never shown: {}",
        text(&root)
    );
}

/// Options built in JavaScript, so that numbers JSON cannot hold (`Infinity`, `NaN`) get there.
fn js_options(src: &str, key: &str, value: f64) -> wasm_bindgen::JsValue {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"src".into(), &src.into()).unwrap();
    js_sys::Reflect::set(&options, &"lang".into(), &"en".into()).unwrap();
    js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
    options.into()
}

#[wasm_bindgen_test]
async fn numbers_json_cannot_hold_are_reported_as_the_host_wrote_them() {
    for (key, value, shown) in [
        ("timeoutMs", f64::INFINITY, "Infinity"),
        ("timeoutMs", f64::NAN, "NaN"),
        ("maxBytes", f64::NEG_INFINITY, "-Infinity"),
    ] {
        let root = container();
        let _reader = mount(
            root.clone().into(),
            js_options("/t/api-never.json", key, value),
        )
        .unwrap_or_else(|_| panic!("threw"));
        let detail = wait_for_error(&root).await;
        assert_eq!(
            detail,
            format!("mount(): `{key}` must be a positive whole number, got {shown}")
        );
        assert_eq!(
            text(&one(&root, ".ar-error-summary")),
            "The reader was embedded with wrong options.",
            "in the language the options asked for"
        );
        assert_eq!(fetch_count("/t/api-never.json"), 0);
    }
}

#[wasm_bindgen_test]
async fn a_one_millisecond_timeout_says_one_ms() {
    stub_hang("/t/api-hang.json");
    let root = container();
    let _reader = mount(
        root.clone().into(),
        js_options("/t/api-hang.json", "timeoutMs", 1.0),
    )
    .unwrap_or_else(|_| panic!("threw"));
    let detail = wait_for_error(&root).await;
    assert_eq!(
        detail,
        "Loading /t/api-hang.json took longer than 1 ms and was stopped."
    );
}

/// The message of the error `mount()` threw.
fn refusal(target: &wasm_bindgen::JsValue) -> String {
    let options = js_sys::JSON::parse(r#"{"src": "/t/api-never.json"}"#).unwrap();
    match mount(target.clone(), options) {
        Ok(_) => panic!("mount() accepted it"),
        Err(e) => {
            let e = wasm_bindgen::JsValue::from(e);
            js_sys::Reflect::get(&e, &"message".into())
                .unwrap()
                .as_string()
                .unwrap()
        }
    }
}

#[wasm_bindgen_test]
fn mount_refuses_an_element_with_content() {
    let root = container();
    root.set_inner_html("<p>The host's own paragraph</p>");
    assert_eq!(
        refusal(&root.clone().into()),
        "mount(): the element already has content; give an empty element"
    );
    root.set_text_content(Some("text"));
    assert_eq!(
        refusal(&root.clone().into()),
        "mount(): the element already has content; give an empty element"
    );
    assert_eq!(text(&root), "text", "the host's content is left alone");
}

#[wasm_bindgen_test]
async fn whitespace_and_comments_are_not_content() {
    stub_json("/t/api-seed.json", 200, "application/json", SEED);
    let root = container();
    root.set_inner_html("\n  <!-- the story -->\n");
    let _reader = mount_with(&root, r#"{"src": "/t/api-seed.json"}"#);
    wait_for_headline(&root).await;
}

#[wasm_bindgen_test]
fn mount_refuses_the_whole_page() {
    let doc = document();
    let message = "mount(): not on document.body or document.documentElement; give an empty element of the reader's own";
    assert_eq!(refusal(&doc.body().unwrap().into()), message);
    assert_eq!(refusal(&doc.document_element().unwrap().into()), message);
    assert_eq!(
        refusal(&doc.clone().into()),
        "mount(): the first argument must be a DOM Element to render the reader into"
    );
    assert_eq!(
        refusal(&doc.create_text_node("x").into()),
        "mount(): the first argument must be a DOM Element to render the reader into"
    );
}

#[wasm_bindgen_test]
async fn a_second_mount_is_refused_and_the_first_reader_keeps_working() {
    stub_json("/t/api-seed.json", 200, "application/json", SEED);
    let root = container();
    let mut first = mount_with(&root, r#"{"src": "/t/api-seed.json"}"#);
    // Refused at once, before the first reader has rendered anything.
    assert_eq!(
        refusal(&root.clone().into()),
        "mount(): a reader is already mounted on this element; call destroy() on its handle first"
    );
    assert_eq!(
        wait_for_headline(&root).await,
        "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基"
    );
    first.destroy();
    // Mounting again right away is fine, though the old view may still be on its way out.
    let _again = mount_with(&root, r#"{"src": "/t/api-seed.json"}"#);
    wait_for("one reader in the element", || {
        (all(&root, "h1").len() == 1 && root.child_element_count() == 1).then_some(())
    })
    .await;
    assert_eq!(
        text(&one(&root, "h1")),
        "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基"
    );
}

#[wasm_bindgen_test]
async fn an_element_of_a_same_origin_iframe_is_accepted() {
    stub_json("/t/api-seed.json", 200, "application/json", SEED);
    let doc = document();
    let iframe = doc.create_element("iframe").unwrap();
    doc.body().unwrap().append_child(&iframe).unwrap();
    let inner: web_sys::Document = wasm_bindgen::JsCast::unchecked_into(
        js_sys::Reflect::get(&iframe, &"contentDocument".into()).unwrap(),
    );
    let root = inner.create_element("div").unwrap();
    inner.body().unwrap().append_child(&root).unwrap();
    assert!(
        !root.is_instance_of::<web_sys::Element>(),
        "the test needs an element of another realm"
    );
    let _reader = mount_with(&root, r#"{"src": "/t/api-seed.json"}"#);
    assert_eq!(
        wait_for_headline(&root).await,
        "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基"
    );
}

/// Wraps the page's `fetch` (the stub of `support.js`) to record each request's redirect mode.
fn record_redirect_modes() {
    js_sys::Function::new_no_args(
        "if (window.__arRedirects) return;
         const inner = window.fetch;
         window.__arRedirects = [];
         window.fetch = function (input, init) {
           window.__arRedirects.push(input instanceof Request ? input.redirect : (init && init.redirect) || 'follow');
           return inner.apply(this, arguments);
         };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

fn last_redirect_mode() -> String {
    let list: js_sys::Array =
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__arRedirects".into())
            .unwrap()
            .unchecked_into();
    list.at(-1).as_string().unwrap()
}

#[wasm_bindgen_test]
async fn the_standalone_page_does_not_follow_redirects_and_an_embedded_reader_does() {
    record_redirect_modes();
    stub_json("/t/api-standalone.json", 200, "application/json", SEED);
    {
        let _restore = PageQuery::set("?article=/t/api-standalone.json");
        let root = container();
        let _reader = mount_standalone(root.clone().into(), JsValue::UNDEFINED)
            .unwrap_or_else(|_| panic!("threw"));
        // The stub's responses carry no URL, which the standalone page refuses as coming from
        // elsewhere: the request itself is what this test is about.
        wait_for("the standalone request", || {
            (fetch_count("/t/api-standalone.json") == 1).then_some(())
        })
        .await;
        assert_eq!(last_redirect_mode(), "manual");
    }
    let root = container();
    let _reader = mount_with(&root, r#"{"src": "/t/api-standalone.json"}"#);
    wait_for_headline(&root).await;
    assert_eq!(last_redirect_mode(), "follow");
}

/// What a reader shows once settled: the headline, or `None` for the error panel.
async fn outcome(root: &web_sys::Element) -> Option<String> {
    wait_for("the article or the error panel", || {
        if root.query_selector(".ar-error").unwrap().is_some() {
            Some(None)
        } else {
            root.query_selector("h1").unwrap().map(|h| Some(text(&h)))
        }
    })
    .await
}

#[wasm_bindgen_test]
async fn fetched_and_given_articles_agree_on_numbers() {
    let rich = include_str!("../static/articles/rich-zh.json");
    let original = r#""level": 2, "content": "一、采样点的分布""#;
    assert!(rich.contains(original));
    // `1e400`: fetched, serde_json refuses it (out of range); given, `JSON.parse` has made it
    // Infinity, which the mount notices before `JSON.stringify` would turn it into null.
    for (level, accepted) in [("2.0", true), ("1e400", false)] {
        let body = rich.replace(
            original,
            &format!(r#""level": {level}, "content": "一、采样点的分布""#),
        );
        let path = format!("/t/api-level-{level}.json");
        stub_json(&path, 200, "application/json", &body);
        let fetched = container();
        let _a = mount_with(&fetched, &format!(r#"{{"src": "{path}"}}"#));
        let given = container();
        let options = js_sys::Object::new();
        js_sys::Reflect::set(
            &options,
            &"article".into(),
            &js_sys::JSON::parse(&body).unwrap(),
        )
        .unwrap();
        let _b = mount(given.clone().into(), options.into()).unwrap_or_else(|_| panic!("threw"));
        let (fetched, given) = (outcome(&fetched).await, outcome(&given).await);
        assert_eq!(fetched.is_some(), accepted, "fetched, level {level}");
        assert_eq!(given.is_some(), accepted, "given, level {level}");
        assert_eq!(fetched, given, "level {level}");
    }
}

/// A version-2 article of `paragraphs` paragraphs.
fn paragraphs(paragraphs: usize) -> String {
    let blocks = vec![r#"{"type": "paragraph", "content": "p"}"#; paragraphs].join(",");
    format!(r#"{{"schemaVersion": 2, "inLanguage": "en", "headline": "Many", "body": [{blocks}]}}"#)
}

#[wasm_bindgen_test]
async fn a_host_limit_refuses_fetched_and_given_articles_alike_naming_its_key() {
    for (count, accepted) in [(100, true), (101, false)] {
        let body = paragraphs(count);
        let path = format!("/t/api-limit-{count}.json");
        stub_json(&path, 200, "application/json", &body);
        let fetched = container();
        let _a = mount_with(
            &fetched,
            &format!(r#"{{"src": "{path}", "lang": "en", "limits": {{"blocks": 100}}}}"#),
        );
        let given = container();
        let _b = mount_with(
            &given,
            &format!(r#"{{"article": {body}, "lang": "en", "limits": {{"blocks": 100}}}}"#),
        );
        for root in [&fetched, &given] {
            let shown = outcome(root).await;
            assert_eq!(shown.is_some(), accepted, "{count} blocks");
            let state = one(root, ".article-reader").get_attribute("data-state");
            let expected = if accepted { "ready" } else { "failed" };
            assert_eq!(state.as_deref(), Some(expected), "{count} blocks");
            if !accepted {
                assert_eq!(
                    text(&one(root, ".ar-error-summary")),
                    "The article exceeds a limit of this reader: at least 101 blocks, where at most 100 are allowed (limits.blocks)."
                );
                assert!(
                    text(&one(root, ".ar-error-detail")).contains(
                        "$.body[100]: at least 101 blocks, where limits.blocks allows at most 100"
                    ),
                    "{}",
                    text(root)
                );
            }
        }
    }
}

#[wasm_bindgen_test]
async fn an_infinite_limit_is_reported_as_the_host_wrote_it() {
    let limits = js_sys::Object::new();
    js_sys::Reflect::set(&limits, &"tableCells".into(), &f64::INFINITY.into()).unwrap();
    let options = js_options("/t/api-never.json", "timeoutMs", 1000.0);
    js_sys::Reflect::set(&options, &"limits".into(), &limits).unwrap();
    let root = container();
    let _reader = mount(root.clone().into(), options).unwrap_or_else(|_| panic!("threw"));
    assert_eq!(
        wait_for_error(&root).await,
        "mount(): `limits.tableCells` must be a whole number from 100 to 100000 (a larger one is clamped to 100000), got Infinity"
    );
    assert_eq!(fetch_count("/t/api-never.json"), 0);
}
