//! The root component: one reader, from a source to a rendered page. Its state lives in one
//! reducer (`crate::state`); storage, loading and the document title are hooks in
//! [`super::hooks`].

use yew::prelude::*;

use super::channel::channel_view;
use super::hooks::{
    remembered_size, use_article_load, use_document_facts, use_remembered_size, use_requested_mode,
    use_slices, DocumentFacts, DocumentRole,
};
use super::navigation::use_navigation;
use super::page::ArticlePage;
use super::status::{error_panel, loading, not_found};
use super::zh_switch::use_zh_switch;
use super::ArticleRef;
use crate::article::TextDirection;
use crate::font_scale::Mode;
use crate::i18n::Lang;
use crate::load::{FetchState, LoadOptions, ReaderError};
use crate::options::{ArticleSource, EmbedHosts};
use crate::route::Navigation;
use crate::state::{ReaderAction, ReaderState};

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The article, or where to get it, or why there is none.
    pub source: ArticleSource,
    /// Time and size limits for fetching.
    #[prop_or_default]
    pub options: LoadOptions,
    /// Language of the interface until an article says otherwise (loading and error messages).
    #[prop_or_default]
    pub ui_lang: Lang,
    /// The hosts whose players the article may show in a frame (none by default).
    #[prop_or_default]
    pub embeds: EmbedHosts,
    /// Whether the reader is the whole document or part of a host's page.
    #[prop_or_default]
    pub role: DocumentRole,
    /// Changes when the host asks to load again, so that loading the same source reloads it.
    #[prop_or_default]
    pub reload: u32,
    /// Whether links to other articles are the browser's (the default) or the reader's own.
    #[prop_or_default]
    pub navigation: Navigation,
    /// The id the article body takes, with a skip link to it first in the reader: the
    /// standalone page's `components::page::BODY_ID`, or a host's `bodyId` option (none by default).
    #[prop_or_default]
    pub body_id: Option<AttrValue>,
    /// A request for the first article that the page started before the reader existed (the
    /// standalone page starts it while the WebAssembly module downloads).
    #[prop_or_default]
    pub handover: Option<crate::prefetch::Handover>,
    /// Elder mode as the host or the page's address asks for it (mount option `elder`,
    /// attribute `elder`, `?elder=1`); `None` leaves it to the reader (and, standalone, to what
    /// it remembers).
    #[prop_or_default]
    pub elder: Option<Mode>,
}

/// One article reader. All its CSS hangs under the `article-reader` class of its root element,
/// whose `data-state` tells tests and hosts where a load stands: `loading` while the article
/// is fetched and prepared, `rendering` while its body is still being added in slices (the
/// headline and first blocks are shown), `ready` once every block is on the page, `failed`
/// when an error is shown instead (see [`ReaderState::data_state`]).
///
/// The root also carries the text size (`ar-size-N`, which scales every part of the reader)
/// and, in elder mode, the class `ar-elder` and `data-elder="true"`, for the style sheet and
/// for any feature that behaves differently for elder readers.
#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    let role = props.role;
    let requested = props.elder;
    let state = use_reducer(move || ReaderState::with_size(remembered_size(role, requested)));
    use_remembered_size(role, state.size);
    use_requested_mode(role, requested, &state);
    let root = use_node_ref();
    let nav = use_navigation(props, &root, (state.data_state(), state.generation));
    let retry = use_article_load(
        &nav.source,
        props.options,
        props.reload,
        &state,
        &nav.prefetcher,
    );
    use_slices(&state);
    // One callback for the reader's life: a new one at each render would make every render of
    // the reader (two when it moves to another page, before the page has arrived) render the
    // whole article page again.
    let on_size = use_callback(state.dispatcher(), |change, size| {
        size.dispatch(ReaderAction::Size(change))
    });

    // The interface languages (Chinese, English) are written left to right; an article sets
    // its own direction on the root, so the whole page mirrors for Arabic or Hebrew.
    // While the reader moves to a page of its own accord, the page being left stays on screen
    // (marked busy) until the next one is there: no flash of a loading line, no "loading"
    // announcement before the new headline is.
    let (fetch, progress, busy) = match (&state.fetch, &state.leaving) {
        (FetchState::Loading, Some((leaving, progress))) if nav.moving => {
            (leaving, progress.clone(), Some("true"))
        }
        (fetch, _) => (fetch, state.progress(), None),
    };
    // A Chinese article may be shown in the other script (繁/简): the converted copy then
    // stands for the article everywhere below, so the language and the title follow it.
    let ready = match fetch {
        FetchState::Ready(article) => Some(article.clone()),
        _ => None,
    };
    let zh = use_zh_switch(role, ready, props.ui_lang.tag());
    let (lang, tag, dir): (Lang, AttrValue, TextDirection) = match fetch {
        FetchState::Ready(original) => {
            let article = zh.article.as_ref().unwrap_or(original);
            let tag = article.language_or(props.ui_lang.tag());
            let dir = article.direction_or(props.ui_lang.tag());
            (Lang::from_tag(tag), AttrValue::from(tag.to_owned()), dir)
        }
        FetchState::Channel(channel) => {
            let tag = channel.language_or(props.ui_lang.tag());
            let dir = channel.direction_or(props.ui_lang.tag());
            (Lang::from_tag(tag), AttrValue::from(tag.to_owned()), dir)
        }
        FetchState::Loading | FetchState::Failed(_) => (
            props.ui_lang,
            props.ui_lang.tag().into(),
            TextDirection::Ltr,
        ),
    };
    let labels = lang.labels();
    let title = match fetch {
        FetchState::Ready(original) => Some(AttrValue::from(
            zh.article.as_ref().unwrap_or(original).headline.clone(),
        )),
        FetchState::Channel(channel) => Some(AttrValue::from(channel.title.clone())),
        FetchState::Failed(error) if error.is_not_found() => Some(labels.not_found_title.into()),
        FetchState::Failed(_) => Some(labels.error_title.into()),
        FetchState::Loading => None,
    };
    use_document_facts(
        role,
        title.map(|title| DocumentFacts {
            title,
            lang: tag.clone(),
            dir: dir.as_str(),
        }),
    );
    let content = match fetch {
        FetchState::Loading => loading(labels),
        FetchState::Failed(error) if error.is_not_found() => {
            let address = match &**error {
                ReaderError::Load(e) => e.url.as_str(),
                ReaderError::Article(_) | ReaderError::Options(_) => "",
            };
            let home = (role == DocumentRole::Standalone)
                .then(standalone_home)
                .flatten();
            not_found(address, home, state.came_from.as_ref(), labels)
        }
        FetchState::Failed(error) => {
            // Only a fetched article can come out differently a second time.
            let on_retry = matches!(nav.source, ArticleSource::Url(_)).then_some(&retry);
            // The home article is a way on from any other article's failure; from its own, a
            // link to it would only fail again.
            let home = (role == DocumentRole::Standalone && !at_home())
                .then(standalone_home)
                .flatten();
            error_panel(error, on_retry, home, labels)
        }
        FetchState::Channel(channel) => channel_view(channel),
        FetchState::Ready(original) => {
            let article = zh.article.as_ref().unwrap_or(original);
            let load = progress.load;
            // Keyed by the load that brought it, so that the page of another load (a link
            // followed, Back, a retry) replaces this one as a new component rather than
            // updating it in place. Yew then renders the whole new page before it lets the
            // browser paint: while it updates in place, it may yield to the browser after 16 ms
            // between a parent's render and a child's, and a frame could show the new headline
            // above the old body. The page's own state (an open panel, a reading aloud) belongs
            // to the page it was opened on, and ends with it.
            html! {
                <ArticlePage key={load} article={ArticleRef(article.clone())} size={state.size}
                    embeds={props.embeds.clone()} progress={Some(progress)} role={role}
                    zh_switch={zh.switch.clone()}
                    body_id={props.body_id.clone()}
                    on_size={on_size} />
            }
        }
    };
    let elder = state.size.mode() == Mode::Elder;
    let back = nav.back.map(|on_back| {
        html! {
            <button type="button" class="ar-back" onclick={on_back}>{ labels.back }</button>
        }
    });
    html! {
        <div class={classes!("article-reader", state.size.scale().class(), elder.then_some("ar-elder"))}
             lang={tag} dir={dir.as_str()} data-state={state.data_state()}
             data-elder={elder.then_some("true")} aria-busy={busy}
             ref={root} onclick={nav.onclick} onpointerover={nav.onpointerover}
             onpointerout={nav.onpointerout} onpointerdown={nav.onpointerdown}
             onfocusin={nav.onfocusin}>
            { back }
            { content }
        </div>
    }
}

/// Whether the standalone page shows its home article (its address names no `article`; other
/// parameters, such as `elder`, do not choose the article).
fn at_home() -> bool {
    web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .is_none_or(|params| !params.has("article"))
}

/// The standalone page's home: the page itself without its query, which shows the default
/// article.
fn standalone_home() -> Option<AttrValue> {
    let path = web_sys::window()?.location().pathname().ok()?;
    Some(path.into())
}

/// The `data-state` contract, in a real browser: it names the stage the reader shows, and
/// changes only together with what is on the page.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use web_sys::Element;

    wasm_bindgen_test_configure!(run_in_browser);

    fn mounted(options: &str) -> (Element, crate::embed::ReaderHandle) {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let options = js_sys::JSON::parse(options).unwrap();
        let handle = crate::embed::mount(root.clone().into(), options).unwrap();
        (root, handle)
    }

    fn data_state(root: &Element) -> Option<String> {
        root.query_selector(".article-reader")
            .unwrap()
            .and_then(|el| el.get_attribute("data-state"))
    }

    /// Polls every 10 ms (for at most about 10 s) until the reader's `data-state` is `want`.
    async fn settles_to(root: &Element, want: &str) {
        for _ in 0..1000 {
            if data_state(root).as_deref() == Some(want) {
                return;
            }
            gloo_timers::future::TimeoutFuture::new(10).await;
        }
        panic!("data-state never became {want:?}: {}", root.outer_html());
    }

    #[wasm_bindgen_test]
    async fn a_given_article_is_ready_with_its_page() {
        let seed = include_str!("../../static/articles/seed.json");
        let (root, _handle) = mounted(&format!(r#"{{"article": {seed}}}"#));
        settles_to(&root, "ready").await;
        assert!(root.query_selector(".ar-headline").unwrap().is_some());
        assert!(root.query_selector(".ar-status").unwrap().is_none());
    }

    #[wasm_bindgen_test]
    async fn bad_options_have_failed_with_the_error_panel() {
        let (root, _handle) = mounted(r#"{"src": 5}"#);
        settles_to(&root, "failed").await;
        assert!(root.query_selector(".ar-error").unwrap().is_some());
    }

    #[wasm_bindgen_test]
    async fn a_fetch_is_loading_until_it_fails() {
        let (root, _handle) = mounted(r#""/no-such-article-for-data-state.json""#);
        // Yew renders in microtasks, and no network answer can arrive before the current task
        // ends, so the first render is seen while the request is still in flight. On a busy
        // machine Yew's scheduler may hand the rest of its work to a `setTimeout(0)` (it yields
        // after 16 ms); a zero timeout of ours then comes after it, and still before the answer
        // to a request that only starts once the reader has rendered.
        for _ in 0..100 {
            for _ in 0..100 {
                if data_state(&root).is_some() {
                    break;
                }
                wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
                    .await
                    .unwrap();
            }
            if data_state(&root).is_some() {
                break;
            }
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        assert_eq!(data_state(&root).as_deref(), Some("loading"));
        assert!(root.query_selector(".ar-loading").unwrap().is_some());
        settles_to(&root, "failed").await;
        // The test server answers 404, which is shown as the not-found view.
        assert!(root.query_selector(".ar-not-found").unwrap().is_some());
        assert!(root.query_selector(".ar-loading").unwrap().is_none());
    }
}
