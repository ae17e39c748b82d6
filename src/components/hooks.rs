//! The reader's custom hooks, one concern each (as in Yew's `function_todomvc`): remembering the
//! text size, loading the article, adding the body's slices, and titling the document.
//! [`super::reader::Reader`] composes them; none of them renders anything.

use std::rc::Rc;

use yew::prelude::*;

use crate::font_scale::{FontScale, Mode, TextSize};
use crate::load::{
    document_from_text, fetch_article, given_too_large, prepare, prepare_document,
    yield_to_browser, Cancel, LoadError, LoadErrorKind, LoadOptions, Prepared, ReaderError,
};
use crate::options::ArticleSource;
use crate::state::{ReaderAction, ReaderState};

/// How much of the page a reader owns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentRole {
    /// One reader among a host page's content: the host owns the title, the document's
    /// language and its stored preferences.
    #[default]
    Embedded,
    /// The standalone page: the reader is the document, so it sets the title and language from
    /// the article and remembers the text size across articles.
    Standalone,
}

/// Where the standalone page remembers the text size, so that T+ pressed on one article still
/// holds on the next.
const FONT_STORAGE_KEY: &str = "article-reader.font-step";

/// Where the standalone page remembers whether elder mode is on (`"1"`) or off (`"0"`).
const ELDER_STORAGE_KEY: &str = "article-reader.elder";

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refuse access (privacy modes); the reader then just forgets.
    web_sys::window()?.local_storage().ok()?
}

/// One remembered value of a standalone reader, if storage has a readable one.
fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// The text size and mode a reader starts with. A standalone reader takes the size it last
/// used, and the mode the page's address asks for (`?elder=1`) or else the one it last used.
/// Embedded readers start at the default size, in the mode their host asks for: the host owns
/// such preferences, and a reader never writes to its host's storage.
pub fn remembered_size(role: DocumentRole, requested: Option<Mode>) -> TextSize {
    match role {
        DocumentRole::Embedded => {
            TextSize::new(FontScale::default(), requested.unwrap_or_default())
        }
        DocumentRole::Standalone => {
            let font = stored(FONT_STORAGE_KEY)
                .and_then(|text| FontScale::from_stored(&text))
                .unwrap_or_default();
            let mode = requested
                .or_else(|| stored(ELDER_STORAGE_KEY).and_then(|text| Mode::from_stored(&text)))
                .unwrap_or_default();
            TextSize::new(font, mode)
        }
    }
}

/// Stores the size chosen outside elder mode and the mode whenever they change, for a
/// standalone reader.
#[hook]
pub fn use_remembered_size(role: DocumentRole, size: TextSize) {
    use_effect_with((size.normal(), size.mode()), move |(font, mode)| {
        if role == DocumentRole::Standalone {
            if let Some(storage) = local_storage() {
                // Failing to store (quota, privacy mode) only costs the preference.
                let _ = storage.set_item(FONT_STORAGE_KEY, &font.to_stored());
                let _ = storage.set_item(ELDER_STORAGE_KEY, mode.to_stored());
            }
        }
    });
}

/// Follows the host's `elder` option or attribute when it changes after the reader started (a
/// reader's own switch is left alone while the host asks for nothing new). For an embedded
/// reader no request means the ordinary mode, so removing the attribute switches elder mode off.
#[hook]
pub fn use_requested_mode(
    role: DocumentRole,
    requested: Option<Mode>,
    state: &UseReducerHandle<ReaderState>,
) {
    let dispatcher = state.dispatcher();
    let current = state.size.mode();
    use_effect_with(requested, move |requested| {
        let wanted = match (role, requested) {
            (_, Some(mode)) => Some(*mode),
            (DocumentRole::Embedded, None) => Some(Mode::Normal),
            (DocumentRole::Standalone, None) => None,
        };
        if let Some(mode) = wanted.filter(|mode| *mode != current) {
            dispatcher.dispatch(ReaderAction::SetMode(mode));
        }
    });
}

/// Loads `source` into `state` whenever the source, the options or `reload` change, and returns
/// the callback that loads it again (the retry button).
///
/// Both kinds of article go through the same asynchronous [`prepare`] (limits, and the HTML
/// import in slices), so that neither `mount()` nor any task holds the page for long. Each load
/// takes the reducer's next generation, so a result that arrives after a newer load began is
/// ignored by the reducer. A load still in flight when the next one starts, or when the reader
/// is removed, is aborted (a request) or cancelled (a preparation, at its next pause).
#[hook]
pub fn use_article_load(
    source: &ArticleSource,
    options: LoadOptions,
    reload: u32,
    state: &UseReducerHandle<ReaderState>,
    prefetcher: &Rc<crate::prefetch::Prefetcher>,
) -> Callback<()> {
    let attempt = use_state(|| 0u32);
    // Read at render time: every earlier load's `Started` was reduced before this render, so
    // this is one past the newest.
    let generation = state.next_generation();
    let dispatcher = state.dispatcher();
    let prefetcher = prefetcher.clone();
    use_effect_with(
        (source.clone(), *attempt, options, reload),
        move |(source, _, options, _)| {
            dispatcher.dispatch(ReaderAction::Started(generation));
            let cancel = Cancel::default();
            let limits = options.limits;
            // A long article's first part is shown while the rest is read, once it is within
            // the limits (a part within them says nothing of the whole, which is checked
            // after; a part over them shows nothing early). Only a body of blocks has one: an
            // HTML body is imported whole.
            let first = {
                let (dispatcher, cancel) = (dispatcher.clone(), cancel.clone());
                Rc::new(move |article: crate::article::Article| {
                    if cancel.cancelled() || article.body_html.is_some() {
                        return;
                    }
                    if crate::limits::check_article(&article, &limits).is_ok() {
                        dispatcher.dispatch(ReaderAction::FirstPart(generation, Rc::new(article)));
                    }
                })
            };
            let settle = move |result: Result<Prepared, Rc<ReaderError>>| {
                dispatcher.dispatch(match result {
                    Ok(Prepared::Article(article)) => {
                        ReaderAction::Settled(generation, Ok(article))
                    }
                    Ok(Prepared::Channel(channel)) => ReaderAction::Listed(generation, channel),
                    Err(error) => ReaderAction::Settled(generation, Err(error)),
                })
            };
            let mut controller = None;
            match source {
                ArticleSource::Url(url) => match web_sys::AbortController::new() {
                    Ok(c) => {
                        controller = Some(c.clone());
                        let (url, options, cancel) = (url.to_string(), *options, cancel.clone());
                        let first = first.clone();
                        // A link the reader follows itself may have been fetched already.
                        let early = prefetcher.take(&url);
                        wasm_bindgen_futures::spawn_local(async move {
                            // `None` means this load was cancelled (a newer load or the
                            // reader's removal), so nobody wants its outcome.
                            let Some(fetched) =
                                fetch_article(&url, &c, options, early, Some(&*first)).await
                            else {
                                return;
                            };
                            let result = match fetched {
                                Ok(document) => {
                                    match prepare_document(document, &limits, &cancel).await {
                                        None => return,
                                        Some(prepared) => prepared.map_err(|e| {
                                            Rc::new(
                                                LoadError::new(url, LoadErrorKind::Article(e))
                                                    .into(),
                                            )
                                        }),
                                    }
                                }
                                Err(e) => Err(Rc::new(e.into())),
                            };
                            settle(result);
                        });
                    }
                    Err(_) => settle(Err(Rc::new(
                        LoadError::new(
                            url.to_string(),
                            LoadErrorKind::Network {
                                detail: "this browser cannot cancel requests (no AbortController)"
                                    .into(),
                            },
                        )
                        .into(),
                    ))),
                },
                ArticleSource::Json(text) => {
                    let (text, cancel, max_bytes) =
                        (text.clone(), cancel.clone(), options.max_bytes);
                    let first = first.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let prepared = async {
                            if u64::try_from(text.len()).unwrap_or(u64::MAX) > max_bytes {
                                return Some(Err(given_too_large(text.len(), max_bytes)));
                            }
                            // `mount()` has returned before any of this work begins.
                            yield_to_browser().await;
                            if cancel.cancelled() {
                                return None;
                            }
                            match document_from_text(&text, Some(&*first)).await {
                                Ok(document) => prepare_document(document, &limits, &cancel).await,
                                Err(e) => Some(Err(e)),
                            }
                        }
                        .await;
                        if let Some(prepared) = prepared {
                            settle(prepared.map_err(|e| Rc::new(ReaderError::Article(e))));
                        }
                    });
                }
                ArticleSource::Given(article) => {
                    let (article, cancel) = (article.clone(), cancel.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        // `mount()` has returned before any of this work begins, and each
                        // reader mounted at once prepares its article in a task of its own.
                        yield_to_browser().await;
                        if cancel.cancelled() {
                            return;
                        }
                        if let Some(prepared) = prepare(article, &limits, &cancel).await {
                            settle(
                                prepared
                                    .map(Prepared::Article)
                                    .map_err(|e| Rc::new(ReaderError::Article(e))),
                            );
                        }
                    });
                }
                ArticleSource::Unusable(error) => settle(Err(error.clone())),
            }
            move || {
                cancel.cancel();
                if let Some(c) = controller {
                    c.abort();
                }
            }
        },
    );
    Callback::from(move |()| attempt.set(attempt.wrapping_add(1)))
}

/// Adds the next slice of the body once the last one is on the page: after a yield to the
/// browser, so that each slice is a task of its own and input and painting go between them.
/// A newer load, or the reader's removal, stops the chain.
#[hook]
pub fn use_slices(state: &UseReducerHandle<ReaderState>) {
    let dispatcher = state.dispatcher();
    use_effect_with(state.next_slice(), move |next| {
        let cancel = Cancel::default();
        if let Some((generation, slices)) = *next {
            let cancel = cancel.clone();
            wasm_bindgen_futures::spawn_local(async move {
                yield_to_browser().await;
                if !cancel.cancelled() {
                    dispatcher.dispatch(ReaderAction::Shown(generation, slices));
                }
            });
        }
        move || cancel.cancel()
    });
}

/// What the standalone document says of the page shown: its title, language and direction.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentFacts {
    /// The document's title: the headline, the channel's title, or the error view's title.
    pub title: AttrValue,
    /// The language tag of what is shown.
    pub lang: AttrValue,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
}

/// Titles a standalone document after the page it shows (an article, a channel page, or the
/// not-found or error view) and gives the document its language and direction, so that the
/// window's title, the history list and a screen reader's voice follow client-side navigation.
/// Nothing is changed while a page loads: the title of the page being left is still true until
/// the next one is there.
#[hook]
pub fn use_document_facts(role: DocumentRole, facts: Option<DocumentFacts>) {
    use_effect_with(facts, move |facts| {
        let Some(facts) = facts.as_ref().filter(|_| role == DocumentRole::Standalone) else {
            return;
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&facts.title);
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", &facts.lang);
                let _ = root.set_attribute("dir", facts.dir);
            }
        }
    });
}

/// Whether the browser has painted the current article yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstFrame {
    /// The article is new on the page and its first frame is still to be painted.
    Pending,
    /// The article's first frame has been painted (always, outside a browser).
    Painted,
}

/// Tells [`FirstFrame::Pending`] from the time an article comes until the browser is first idle
/// after it, then [`FirstFrame::Painted`]. The article page lets the browser skip the layout of
/// the body's blocks off screen while the first frame is pending, so an article is painted
/// after laying out about a screen of it rather than all of it. The browser's idle periods
/// begin after a frame, so once it has nothing more urgent to do, the whole is laid out, and
/// the page's height, the scroll bar and the reading progress are exact.
#[hook]
pub fn use_first_frame(article: &super::ArticleRef) -> FirstFrame {
    // The article whose first frame has been painted.
    let painted = use_state_eq(|| None::<super::ArticleRef>);
    #[cfg(target_arch = "wasm32")]
    {
        let painted = painted.clone();
        use_effect_with(article.clone(), move |article| {
            let article = article.clone();
            let wait = when_idle(move || painted.set(Some(article)));
            move || drop(wait)
        });
    }
    // A prerendered page is painted by the browser from its HTML: it has no first frame to
    // hurry, and its markup must not differ from the live reader's.
    if cfg!(not(target_arch = "wasm32")) || painted.as_ref() == Some(article) {
        FirstFrame::Painted
    } else {
        FirstFrame::Pending
    }
}

/// How long the browser may put off the layout of the whole body for more urgent work.
#[cfg(target_arch = "wasm32")]
const IDLE_WITHIN_MS: u32 = 500;

/// A wait for the browser to be idle; dropping it cancels the wait.
#[cfg(target_arch = "wasm32")]
enum Idle {
    /// An idle callback, by its id, with the closure it calls (kept alive until then).
    Callback {
        id: u32,
        _call: wasm_bindgen::closure::Closure<dyn FnMut()>,
    },
    /// A timer, where the browser has no idle callbacks (dropping it cancels it).
    Timer {
        _timer: gloo_timers::callback::Timeout,
    },
}

#[cfg(target_arch = "wasm32")]
impl Drop for Idle {
    fn drop(&mut self) {
        // The browser that gave the id has `cancelIdleCallback`; cancelling a callback that has
        // run already does nothing.
        if let (Self::Callback { id, .. }, Some(window)) = (&*self, web_sys::window()) {
            window.cancel_idle_callback(*id);
        }
    }
}

/// Calls `then` when the browser is next idle (or after [`IDLE_WITHIN_MS`] at the latest), or
/// in a task of its own where the browser has no idle callbacks.
#[cfg(target_arch = "wasm32")]
fn when_idle(then: impl FnOnce() + 'static) -> Idle {
    use wasm_bindgen::JsCast;
    let then = Rc::new(std::cell::RefCell::new(Some(then)));
    let run = move || {
        if let Some(then) = then.borrow_mut().take() {
            then();
        }
    };
    let call = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(run.clone());
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_WITHIN_MS);
    let asked = web_sys::window().map(|window| {
        window.request_idle_callback_with_options(call.as_ref().unchecked_ref(), &options)
    });
    match asked {
        Some(Ok(id)) => Idle::Callback { id, _call: call },
        _ => Idle::Timer {
            _timer: gloo_timers::callback::Timeout::new(0, run),
        },
    }
}
