//! The root component: one reader, from a source to a rendered page.

use std::rc::Rc;

use yew::prelude::*;

use super::page::ArticlePage;
use super::status::{ErrorPanel, Loading};
use super::ArticleRef;
use crate::article::Article;
use crate::font_scale::FontScale;
use crate::i18n::labels_for;
use crate::load::{fetch_article, FetchState, LoadError, LoadOptions};
use crate::state::{ReaderAction, ReaderState};

/// What a reader shows.
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderSource {
    /// Fetch article JSON from this address (relative to the page).
    Url(AttrValue),
    /// An article the host already has (the embedding API's `article` option).
    Ready(Rc<Article>),
    /// Nothing can be shown: the reason is rendered in place of the article.
    Refused(Rc<LoadError>),
}

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The article, or where to get it.
    pub source: ReaderSource,
    /// Time and size limits for fetching.
    #[prop_or_default]
    pub options: LoadOptions,
    /// Language of the interface until an article says otherwise (loading and error messages).
    #[prop_or(AttrValue::Static("zh-CN"))]
    pub ui_lang: AttrValue,
    /// Standalone mode: the reader owns the document, so it also sets the document's title and
    /// language from the article.
    #[prop_or_default]
    pub owns_document: bool,
    /// Changes when the host asks to load again, so that loading the same source reloads it.
    #[prop_or_default]
    pub reload: u32,
}

/// Where the standalone page remembers the text size, so that T+ pressed on one article still
/// holds on the next. Embedded readers do not use it: their host owns such preferences.
const FONT_STORAGE_KEY: &str = "article-reader.font-step";

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refuse access (privacy modes); the reader then just forgets.
    web_sys::window()?.local_storage().ok()?
}

/// One article reader. All its CSS hangs under the `article-reader` class of its root element.
#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    let owns_document = props.owns_document;
    let state = use_reducer(move || {
        let saved = owns_document
            .then(local_storage)
            .flatten()
            .and_then(|s| s.get_item(FONT_STORAGE_KEY).ok().flatten())
            .and_then(|text| FontScale::from_stored(&text));
        ReaderState::with_font(saved.unwrap_or_default())
    });
    use_effect_with(state.font, move |font| {
        if owns_document {
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(FONT_STORAGE_KEY, &font.to_stored());
            }
        }
    });
    let attempt = use_state(|| 0u32);
    let generation = use_mut_ref(|| 0u64);

    {
        let dispatcher = state.dispatcher();
        use_effect_with(
            (props.source.clone(), *attempt, props.options, props.reload),
            move |(source, _, options, _)| {
                let this_load = {
                    let mut g = generation.borrow_mut();
                    *g += 1;
                    *g
                };
                dispatcher.dispatch(ReaderAction::Started(this_load));
                let mut controller = None;
                match source {
                    ReaderSource::Url(url) => match web_sys::AbortController::new() {
                        Ok(c) => {
                            controller = Some(c.clone());
                            let (url, options) = (url.to_string(), *options);
                            wasm_bindgen_futures::spawn_local(async move {
                                // `None` means this load was cancelled (a newer load or the
                                // reader's removal), so nobody wants its outcome.
                                if let Some(result) = fetch_article(&url, &c, options).await {
                                    let result = result.map(Rc::new).map_err(Rc::new);
                                    dispatcher.dispatch(ReaderAction::Settled(this_load, result));
                                }
                            });
                        }
                        Err(_) => dispatcher.dispatch(ReaderAction::Settled(
                            this_load,
                            Err(Rc::new(LoadError::Network {
                                url: url.to_string(),
                                detail: "this browser cannot cancel requests (no AbortController)"
                                    .into(),
                            })),
                        )),
                    },
                    ReaderSource::Ready(article) => {
                        dispatcher.dispatch(ReaderAction::Settled(this_load, Ok(article.clone())))
                    }
                    ReaderSource::Refused(error) => {
                        dispatcher.dispatch(ReaderAction::Settled(this_load, Err(error.clone())))
                    }
                }
                move || {
                    if let Some(c) = controller {
                        c.abort();
                    }
                }
            },
        );
    }

    {
        use_effect_with(state.fetch.clone(), move |fetch| {
            if let (true, FetchState::Ready(article)) = (owns_document, fetch) {
                if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                    document.set_title(&article.headline);
                    if let Some(root) = document.document_element() {
                        let _ = root.set_attribute("lang", &article.in_language);
                    }
                }
            }
        });
    }

    let lang: AttrValue = match &state.fetch {
        FetchState::Ready(article) => article.in_language.clone().into(),
        _ => props.ui_lang.clone(),
    };
    let labels = labels_for(&lang);
    let content = match &state.fetch {
        FetchState::Loading => html! { <Loading labels={labels} /> },
        FetchState::Failed(error) => {
            // Only a fetched article can come out differently a second time.
            let on_retry = matches!(props.source, ReaderSource::Url(_)).then(|| {
                let attempt = attempt.clone();
                Callback::from(move |()| attempt.set(attempt.wrapping_add(1)))
            });
            html! { <ErrorPanel error={error.clone()} on_retry={on_retry} labels={labels} /> }
        }
        FetchState::Ready(article) => {
            let bigger = state.dispatcher();
            let smaller = state.dispatcher();
            html! {
                <ArticlePage article={ArticleRef(article.clone())} font={state.font}
                    on_bigger={Callback::from(move |()| bigger.dispatch(ReaderAction::Bigger))}
                    on_smaller={Callback::from(move |()| smaller.dispatch(ReaderAction::Smaller))} />
            }
        }
    };
    html! {
        <div class="article-reader" lang={lang}>{ content }</div>
    }
}
