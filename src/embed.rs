//! The JavaScript boundary: the only module with `#[wasm_bindgen]`.
//!
//! Exports `mount(element, options)`, which returns a [`ReaderHandle`] with `destroy()`, and
//! `mountStandalone(element)` for the standalone page. Everything that can be decided without
//! the browser (options, the standalone route rule) lives in `crate::options`; this module only
//! converts JavaScript values and starts Yew renderers.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::{AppHandle, AttrValue};

use crate::article::ArticleError;
use crate::components::hooks::DocumentRole;
use crate::components::navigation::standalone_source;
use crate::components::page::BODY_ID;
use crate::components::reader::{Reader, ReaderProps};
use crate::font_scale::Mode;
use crate::i18n::Lang;
use crate::limits::LimitKind;
use crate::load::{LoadOptions, OriginRule, ReaderError};
use crate::options::{
    limit_value_message, parse_mount_options, parse_mount_options_with_article, ArticleSource,
    EmbedHosts, MountOptions, OptionsError,
};
use crate::prefetch::{Early, Handover};
use crate::route::Navigation;

/// A mounted reader. Keep it to remove the reader later; each one is independent.
#[wasm_bindgen]
pub struct ReaderHandle {
    app: Option<AppHandle<Reader>>,
    /// The element the reader is in.
    target: web_sys::Element,
    /// Counts `load()` calls, so that loading the same address again reloads it.
    loads: u32,
}

#[wasm_bindgen]
impl ReaderHandle {
    /// Removes the reader from its element, cancels its request and frees its memory. Calling it
    /// again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
            MOUNTED.with(|m| m.delete(&self.target));
            VACATED.with(|v| v.add(&self.target));
        }
    }

    /// Shows another article in the same reader, with the same options `mount` takes. A load
    /// still in flight is cancelled; the text size the reader chose is kept.
    pub fn load(&mut self, options: JsValue) -> Result<(), JsError> {
        let app = self
            .app
            .as_mut()
            .ok_or_else(|| JsError::new("load(): this reader was destroyed"))?;
        self.loads = self.loads.wrapping_add(1);
        app.update(ReaderProps {
            reload: self.loads,
            ..props_from(&options)
        });
        Ok(())
    }

    /// Whether `destroy()` has been called.
    #[wasm_bindgen(getter)]
    pub fn destroyed(&self) -> bool {
        self.app.is_none()
    }
}

fn element(target: JsValue) -> Result<web_sys::Element, JsError> {
    // `dyn_into` checks `instanceof Element`, which is false for an element of another realm
    // (a same-origin iframe's document). Node type 1 is what makes a DOM element, in any realm.
    let node_type = js_sys::Reflect::get(&target, &JsValue::from_str("nodeType"))
        .ok()
        .and_then(|t| t.as_f64());
    if target.is_object() && node_type == Some(1.0) {
        Ok(target.unchecked_into::<web_sys::Element>())
    } else {
        Err(JsError::new(
            "mount(): the first argument must be a DOM Element to render the reader into",
        ))
    }
}

thread_local! {
    /// The elements a live reader is mounted in, so that a second `mount()` on one is refused
    /// rather than two readers fighting over the same children.
    static MOUNTED: js_sys::WeakSet = js_sys::WeakSet::new();
    /// The elements whose reader was destroyed. Yew removes a destroyed reader's nodes a moment
    /// later, so such an element may still show them: they are the reader's, not the host's
    /// content, and mounting again right away is allowed.
    static VACATED: js_sys::WeakSet = js_sys::WeakSet::new();
}

/// The element `mount()` may render into: an element of its own, empty, with no reader in it.
/// A reader replaces its element's children, so an element with content (or the whole page)
/// would lose what the host put there; refusing says so at once.
fn mount_target(target: JsValue) -> Result<web_sys::Element, JsError> {
    let target = element(target)?;
    let same = |other: Option<web_sys::Element>| {
        other.is_some_and(|other| js_sys::Object::is(&other, &target))
    };
    let document = target.owner_document();
    if same(
        document
            .as_ref()
            .and_then(web_sys::Document::document_element),
    ) || same(document.as_ref().and_then(|d| d.body()).map(Into::into))
    {
        return Err(JsError::new(
            "mount(): not on document.body or document.documentElement; give an empty element of the reader's own",
        ));
    }
    if MOUNTED.with(|m| m.has(&target)) {
        return Err(JsError::new(
            "mount(): a reader is already mounted on this element; call destroy() on its handle first",
        ));
    }
    // Whitespace and comments are not content: markup often leaves them inside an empty element.
    let has_content = target.child_element_count() > 0
        || target
            .text_content()
            .is_some_and(|text| !text.trim().is_empty());
    if has_content && !VACATED.with(|v| v.has(&target)) {
        return Err(JsError::new(
            "mount(): the element already has content; give an empty element",
        ));
    }
    Ok(target)
}

fn render(target: web_sys::Element, props: ReaderProps) -> ReaderHandle {
    let app = yew::Renderer::<Reader>::with_root_and_props(target.clone(), props).render();
    MOUNTED.with(|m| m.add(&target));
    VACATED.with(|v| v.delete(&target));
    ReaderHandle {
        app: Some(app),
        target,
        loads: 0,
    }
}

/// Reader props from the options a host passed (`mount` and `load` take the same ones).
///
/// An article given as an object is taken out of the options as JSON text and parsed by the
/// reader after `mount()` has returned, in the same steps as a fetched one: `mount()` itself
/// only turns the object into text, which the browser does natively.
fn props_from(options: &JsValue) -> ReaderProps {
    let converted = take_article(options).and_then(|(rest, article)| {
        let (text, rest_key) = json_text(&rest)?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        Ok((value, article, rest_key))
    });
    let (mut parsed, unrepresentable) = match converted {
        Ok((value, Some((article, article_key)), rest_key)) => (
            parse_mount_options_with_article(&value, article),
            rest_key.or(article_key),
        ),
        Ok((value, None, rest_key)) => (parse_mount_options(&value), rest_key),
        Err(reason) => (
            MountOptions {
                source: ArticleSource::unusable(OptionsError::new(reason)),
                load: LoadOptions::default(),
                lang: Lang::default(),
                embeds: EmbedHosts::default(),
                navigation: Navigation::default(),
                body_id: None,
                elder: None,
            },
            None,
        ),
    };
    // Checked after the other options so that `lang` still picks the language of the message.
    if let Some(reason) = non_finite_number(options) {
        parsed.source = ArticleSource::unusable(OptionsError::new(reason));
    } else if let Some(key) = unrepresentable {
        parsed.source = ArticleSource::unusable(ReaderError::Article(ArticleError::Schema {
            path: "$".to_owned(),
            reason: format!(
                "the value of `{key}` is Infinity or NaN, a number JSON cannot represent (a fetched document with 1e400 there is refused too)"
            ),
        }));
    }
    ReaderProps {
        // A given article's HTML body is imported by the reader, after `mount()` has returned,
        // in slices (`crate::load::prepare`), as a fetched one is.
        source: parsed.source,
        options: parsed.load,
        ui_lang: parsed.lang,
        embeds: parsed.embeds,
        role: DocumentRole::Embedded,
        reload: 0,
        navigation: parsed.navigation,
        body_id: parsed.body_id.map(AttrValue::from),
        handover: None,
        elder: parsed.elder,
    }
}

/// A given article and the key of its first number JSON cannot hold.
type ArticleJson = (Rc<str>, Option<String>);

/// Splits the host's options into the options without `article` and the article as JSON text,
/// when the options are an object with an own `article` that is not `undefined`.
fn take_article(options: &JsValue) -> Result<(JsValue, Option<ArticleJson>), String> {
    let own_article = options.is_object()
        && !js_sys::Array::is_array(options)
        && js_sys::Object::has_own(
            options.unchecked_ref::<js_sys::Object>(),
            &JsValue::from_str("article"),
        );
    if !own_article {
        return Ok((options.clone(), None));
    }
    let article = js_sys::Reflect::get(options, &JsValue::from_str("article"))
        .map_err(|_| "the option `article` could not be read".to_owned())?;
    if article.is_undefined() {
        return Ok((options.clone(), None));
    }
    let rest = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
    // Deleting from a fresh plain object cannot fail; a failure would only keep `article`,
    // which the option rules then refuse as given twice.
    let _ = js_sys::Reflect::delete_property(&rest, &JsValue::from_str("article"));
    let (text, key) = json_text(&article)?;
    Ok((rest.into(), Some((text.into(), key))))
}

/// `value` as JSON text, and the key of the first number in it that JSON cannot hold.
///
/// JSON has no Infinity or NaN: `JSON.stringify` writes them as `null`, which an article would
/// read as "absent" where the same document fetched as text (`1e400`) is refused. So when the
/// text has a `null` at all, a second pass with a replacer finds the first such number; the
/// common case, no `null`, costs one native `JSON.stringify` and no call back into the reader.
fn json_text(value: &JsValue) -> Result<(String, Option<String>), String> {
    let unconvertible =
        || "the options could not be converted to JSON (a cycle, or a BigInt?)".to_owned();
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(unconvertible)?;
    if !text.contains("null") {
        return Ok((text, None));
    }
    let seen: Rc<RefCell<Option<String>>> = Rc::default();
    let replacer = {
        let seen = seen.clone();
        Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(
            move |key: JsValue, value: JsValue| {
                if value.as_f64().is_some_and(|n| !n.is_finite()) {
                    let mut seen = seen.borrow_mut();
                    if seen.is_none() {
                        *seen = Some(key.as_string().unwrap_or_default());
                    }
                }
                value
            },
        )
    };
    js_sys::JSON::stringify_with_replacer(value, replacer.as_ref().unchecked_ref())
        .map_err(|_| unconvertible())?;
    let key = seen.borrow_mut().take();
    Ok((text, key))
}

/// The numeric options JSON cannot carry: `JSON.stringify` turns `Infinity` and `NaN` into
/// `null`, and the message would then say "got null". They are refused here, with the value
/// as the host wrote it; the rest of the rule is `crate::options`'s. The same holds for each
/// value under `limits`.
fn non_finite_number(options: &JsValue) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    let non_finite = |object: &JsValue, key: &str| {
        let n = js_sys::Reflect::get(object, &JsValue::from_str(key))
            .ok()?
            .as_f64()?;
        // JavaScript's spelling, which is what the host wrote.
        (!n.is_finite()).then_some(if n.is_nan() {
            "NaN"
        } else if n > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        })
    };
    let top = ["timeoutMs", "maxBytes"].into_iter().find_map(|key| {
        non_finite(options, key)
            .map(|shown| format!("`{key}` must be a positive whole number, got {shown}"))
    });
    top.or_else(|| {
        let limits = js_sys::Reflect::get(options, &JsValue::from_str("limits")).ok()?;
        if !limits.is_object() {
            return None;
        }
        LimitKind::ALL.into_iter().find_map(|kind| {
            non_finite(&limits, kind.spec().key).map(|shown| limit_value_message(kind, shown))
        })
    })
}

/// Mounts a reader into `target`.
///
/// `options` is a URL string, or `{ src: "article.json" }`, or `{ article: {...} }` with an
/// article object; optional `timeoutMs`, `maxBytes`, `lang` (the interface language while
/// loading), `embeds` (the hosts whose players may be framed; none by default) and `limits`
/// (what an accepted article may contain, e.g. `{ tableCells: 20000 }`; see `docs/limits.md`).
/// Bad options are explained on the page, inside the reader. Only a `target` the reader cannot use throws,
/// since then there is no place to explain it: not an element, `document.body` or
/// `document.documentElement`, an element with content (text or child elements), or one a
/// live reader is mounted on. An element of a same-origin iframe is fine.
#[wasm_bindgen]
pub fn mount(target: JsValue, options: JsValue) -> Result<ReaderHandle, JsError> {
    let target = mount_target(target)?;
    Ok(render(target, props_from(&options)))
}

/// Mounts the standalone reader: the article named by the page's `?article=` parameter (same
/// origin only), or the sample seed article when there is none. Also sets the document's
/// title, language and direction from the article, and shows the pages its links lead to in
/// place, with the address bar, Back and Forward following (`crate::components::navigation`).
///
/// `early`, optional, is the article request the page started while the WebAssembly module
/// was downloading: `{ url, response, controller }`, with `url` the absolute address, `response`
/// the promise `fetch` returned (with `redirect: "manual"`) and `controller` its
/// `AbortController`. The reader takes its response (through every check its own request would
/// pass) when `url` is the address it shows; otherwise it aborts it.
#[wasm_bindgen(js_name = mountStandalone)]
pub fn mount_standalone(target: JsValue, early: JsValue) -> Result<ReaderHandle, JsError> {
    let target = element(target)?;
    let source = standalone_source();
    let early = early_request(&early, &source);
    Ok(render(
        target,
        ReaderProps {
            source: source.clone(),
            options: standalone_load_options(),
            ui_lang: Lang::Zh,
            // The standalone page shows articles from its own site, and its CSP has no
            // `frame-src`: players stay cards.
            embeds: EmbedHosts::default(),
            role: DocumentRole::Standalone,
            reload: 0,
            // The standalone page is a single-page app: links to its own pages are shown in
            // place, and the address bar follows.
            navigation: Navigation::History,
            // The standalone page is the document: its body has the id the skip link names.
            body_id: Some(AttrValue::Static(BODY_ID)),
            handover: early.and_then(|(url, early)| {
                (matches!(&source, ArticleSource::Url(u) if **u == *url))
                    .then(|| Handover::new(url, early))
            }),
            // `?elder=1` in the page's address: a site can link straight to elder mode.
            elder: standalone_elder(),
        },
    ))
}

/// Elder mode as the standalone page's address asks for it (`crate::options::elder_param`).
fn standalone_elder() -> Option<Mode> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    crate::options::elder_param(params.get("elder").as_deref())
}

/// The standalone page's load options: the defaults, and articles from its own origin only.
fn standalone_load_options() -> LoadOptions {
    LoadOptions {
        origin: OriginRule::PageOnly,
        ..LoadOptions::default()
    }
}

/// The page's early article request, if it is one and is for the address `source` names; any
/// other is aborted, so that a request the reader will not use does not go on.
fn early_request(early: &JsValue, source: &ArticleSource) -> Option<(String, Early)> {
    if !early.is_object() {
        return None;
    }
    let get = |key: &str| js_sys::Reflect::get(early, &JsValue::from_str(key)).ok();
    let controller = get("controller")?
        .dyn_into::<web_sys::AbortController>()
        .ok()?;
    let url = get("url").and_then(|u| u.as_string());
    let response = get("response").and_then(|r| r.dyn_into::<js_sys::Promise>().ok());
    match (url, response, source) {
        (Some(url), Some(response), ArticleSource::Url(wanted)) if **wanted == *url => {
            let options = standalone_load_options();
            let early = Early::from_response(&url, response, controller, options);
            Some((url, early))
        }
        _ => {
            controller.abort();
            None
        }
    }
}
