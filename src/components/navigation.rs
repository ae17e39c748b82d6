//! Client-side navigation: links the reader follows itself, Back and Forward, and what a
//! reader expects on arrival (scroll, focus), with prefetching of the page a link leads to.
//!
//! The rules of which link is whose are `crate::route`'s; this module reads the browser's
//! events, URL parser and History API for them. The standalone page ([`Navigation::History`])
//! pushes each followed link onto the session history, remembers the scroll position of each
//! entry in its state, and answers `popstate`; an embedded reader that opted in
//! ([`Navigation::InReader`]) keeps a bounded trail of its own behind a Back button, and never
//! touches the host's address.
//!
//! On arrival at a page the reader moved to itself, focus goes to its main heading (without
//! scrolling), which is how a screen reader learns, once, that the page changed; a reader who
//! pressed Back finds the scroll position they left, restored once the whole body is there.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::reader::ReaderProps;
use crate::options::{check_standalone_article, standalone_param, ArticleSource, DEFAULT_ARTICLE};
use crate::prefetch::{Handover, Prefetcher};
use crate::route::{decide, Click, Decision, Navigation, Place, MAX_TRAIL};

/// How long a pointer must rest on a link before its page is prefetched: long enough that a
/// pointer crossing a list of links on its way elsewhere starts nothing, short enough to be
/// well ahead of the click (people rest on a link for 200–300 ms before clicking).
const PREFETCH_REST_MS: u32 = 65;

/// How long scrolling must rest before its position is written into the history entry.
const SCROLL_REST_MS: u32 = 150;

/// The key under which the standalone page keeps the scroll position in each history entry's
/// state, inside an object of its own so that nothing else's state is mistaken for it.
const STATE_KEY: &str = "articleReader";

/// The standalone page's source for its own address: the article its `?article=` names (same
/// origin only), or the home article.
pub fn standalone_source() -> ArticleSource {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return ArticleSource::Url(DEFAULT_ARTICLE.into());
    };
    let param = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
        .ok()
        .and_then(|p| p.get("article"));
    standalone_source_for(
        standalone_param(param),
        &location.href().unwrap_or_default(),
        &location.origin().unwrap_or_default(),
    )
}

/// The source for a standalone `?article=` value (`None`: the home article), resolved against
/// the page at `page` on `page_origin`.
fn standalone_source_for(param: Option<String>, page: &str, page_origin: &str) -> ArticleSource {
    // The home article is resolved like any other, so that each page has one address (the
    // prefetch and the load must name a document alike).
    let param = param.unwrap_or_else(|| DEFAULT_ARTICLE.to_owned());
    let resolved = web_sys::Url::new_with_base(&param, page).ok();
    match check_standalone_article(
        &param,
        resolved.as_ref().map(|u| u.origin()).as_deref(),
        page_origin,
    ) {
        Ok(()) => ArticleSource::Url(resolved.map(|u| u.href()).unwrap_or(param).into()),
        Err(error) => ArticleSource::unusable(error),
    }
}

/// What to do once the page moved to has content.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Arrival {
    /// Where to scroll once the whole body is there (Back, Forward, a reload); `None`: to the
    /// reader's top.
    scroll: Option<f64>,
    /// Whether focus moves to the new page's heading: yes after the reader moved on its own,
    /// no on the first page of a visit (focus is the browser's then).
    focus: Focus,
    /// Whether the focus step was done (the scroll may still wait for the rest of the body).
    focused: bool,
}

/// Whether an arrival moves focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Focus {
    Heading,
    Untouched,
}

/// What [`use_navigation`] gives the reader.
pub struct Navigator {
    /// The source to show: the host's (or the page address's), or the one a followed link
    /// named.
    pub source: ArticleSource,
    /// The reader's prefetched pages, for the load to take from.
    pub prefetcher: Rc<Prefetcher>,
    /// Clicks anywhere in the reader (delegated from its root).
    pub onclick: Callback<MouseEvent>,
    /// A pointer entering something in the reader: prefetch after a rest on a link.
    pub onpointerover: Callback<PointerEvent>,
    /// A pointer leaving something in the reader: no prefetch for a link it only crossed.
    pub onpointerout: Callback<PointerEvent>,
    /// A pointer pressed in the reader: prefetch a link's page at once, ahead of the click that
    /// usually follows the press (by the 50 to 100 ms a press lasts).
    pub onpointerdown: Callback<PointerEvent>,
    /// Focus reaching something in the reader: prefetch a focused link's page.
    pub onfocusin: Callback<FocusEvent>,
    /// An embedded reader's Back button, when it has somewhere to go back to.
    pub back: Option<Callback<MouseEvent>>,
    /// Whether the reader is on its way to a page it moved to itself (a followed link, Back,
    /// Forward): the page being left then stays on screen until the next one is there.
    pub moving: bool,
}

/// One entry of an embedded reader's trail: a page it showed and where it was scrolled.
#[derive(Clone, Debug, PartialEq)]
struct Visited {
    source: ArticleSource,
    scroll: f64,
}

/// Drives client-side navigation for a reader with `props`: the source its host gave (the
/// `reload`-th time), the navigation mode, and a request for the first page that the page may
/// have started before the reader existed. `root` is the reader's root element; `arrived` (the
/// `data-state` and the load's generation) tells when a page has arrived.
#[hook]
pub fn use_navigation(
    props: &ReaderProps,
    root: &NodeRef,
    arrived: (&'static str, u64),
) -> Navigator {
    let (source, reload, mode, options) =
        (&props.source, props.reload, props.navigation, props.options);
    let handover = &props.handover;
    // The page a followed link named, for as long as the host has not asked for another
    // (`reload` counts the host's requests).
    let moved = use_state(|| None::<(u32, ArticleSource)>);
    let current = match &*moved {
        Some((r, s)) if *r == reload => s.clone(),
        _ => source.clone(),
    };
    let shown = use_mut_ref(|| current.clone());
    *shown.borrow_mut() = current.clone();
    let trail = use_state(|| (reload, Rc::<[Visited]>::from(Vec::new())));
    let arrival = use_mut_ref(|| initial_arrival(mode));
    let handover = handover.clone();
    let prefetcher: Rc<Prefetcher> = use_memo((), move |()| {
        let prefetcher = Prefetcher::default();
        if let Some((url, early)) = handover.as_ref().and_then(Handover::take) {
            prefetcher.adopt(&url, early);
        }
        prefetcher
    });

    let rest = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);

    // Moves the reader to `next`, remembering the way back.
    let go = {
        let rest = rest.clone();
        let (moved, arrival, trail) = (moved.clone(), arrival.clone(), trail.clone());
        let (shown, prefetcher) = (shown.clone(), prefetcher.clone());
        Rc::new(move |next: ArticleSource, scroll: Option<f64>| {
            // A pointer that rested on the link just followed must not prefetch it now: the
            // page being left stays on screen while the next loads, link included.
            drop(rest.borrow_mut().take());
            prefetcher.new_page();
            if mode == Navigation::InReader {
                let leaving = Visited {
                    source: shown.borrow().clone(),
                    scroll: window_scroll(),
                };
                let kept = if trail.0 == reload {
                    &trail.1[..]
                } else {
                    &[][..]
                };
                let skip = kept.len().saturating_add(1).saturating_sub(MAX_TRAIL);
                let next_trail: Vec<Visited> = kept
                    .iter()
                    .skip(skip)
                    .cloned()
                    .chain(std::iter::once(leaving))
                    .collect();
                trail.set((reload, next_trail.into()));
            }
            *arrival.borrow_mut() = Some(Arrival {
                scroll,
                focus: Focus::Heading,
                focused: false,
            });
            moved.set(Some((reload, next)));
        })
    };

    let onclick = {
        let (root, go, arrival) = (root.clone(), go.clone(), arrival.clone());
        let (shown, prefetcher) = (shown.clone(), prefetcher.clone());
        Callback::from(move |event: MouseEvent| {
            let Some(link) = link_of(event.target(), &root) else {
                return;
            };
            if !opens_here(&event, &link) {
                return;
            }
            let Some((decision, href)) = decision_for(&link, mode, &shown.borrow()) else {
                return;
            };
            match decision {
                Decision::Browser => {}
                Decision::Current => {
                    event.prevent_default();
                    *arrival.borrow_mut() = None;
                    scroll_to_top(&root, mode);
                    focus_heading(&root);
                }
                Decision::Follow(param) => {
                    event.prevent_default();
                    let next = source_for(param, &href, mode);
                    if next != *shown.borrow() {
                        // The request first: it is what the move waits for, and the history
                        // entry and the render below take a while.
                        if let ArticleSource::Url(url) = &next {
                            prefetcher.start_followed(url, options);
                        }
                    }
                    if mode == Navigation::History {
                        push_history(&href);
                    }
                    if next == *shown.borrow() {
                        // Another spelling of the address shown (`./a.json` for `a.json`):
                        // nothing to load, as for a link to the page itself.
                        *arrival.borrow_mut() = None;
                        scroll_to_top(&root, mode);
                        focus_heading(&root);
                    } else {
                        go(next, None);
                    }
                }
            }
        })
    };

    let prefetch_link = {
        let (root, prefetcher, shown) = (root.clone(), prefetcher.clone(), shown.clone());
        Rc::new(move |target: Option<web_sys::EventTarget>| {
            let Some(link) = link_of(target, &root) else {
                return;
            };
            let Some((Decision::Follow(param), href)) = decision_for(&link, mode, &shown.borrow())
            else {
                return;
            };
            if let ArticleSource::Url(url) = source_for(param, &href, mode) {
                prefetcher.start(&url, options);
            }
        })
    };
    let onpointerover = {
        let (prefetch_link, rest) = (prefetch_link.clone(), rest.clone());
        Callback::from(move |event: PointerEvent| {
            let prefetch_link = prefetch_link.clone();
            let target = event.target();
            *rest.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                PREFETCH_REST_MS,
                move || prefetch_link(target),
            ));
        })
    };
    let onpointerout = {
        let rest = rest.clone();
        // Dropping a gloo timeout cancels it.
        Callback::from(move |_: PointerEvent| drop(rest.borrow_mut().take()))
    };
    let onpointerdown = {
        let (root, prefetch_link) = (root.clone(), prefetch_link.clone());
        Callback::from(move |event: PointerEvent| {
            let Some(link) = link_of(event.target(), &root) else {
                return;
            };
            // Only a press that can become a click the reader follows: the main button of the
            // primary pointer, without a key or an attribute that opens the link elsewhere. A
            // press dragged away costs this one bounded prefetch, and navigates nowhere.
            if event.is_primary() && opens_here(&event, &link) {
                prefetch_link(event.target());
            }
        })
    };
    let onfocusin = {
        let prefetch_link = prefetch_link.clone();
        Callback::from(move |event: FocusEvent| prefetch_link(event.target()))
    };

    // Back and Forward on the standalone page, and the scroll position kept in each entry.
    {
        let (moved, arrival, shown) = (moved.clone(), arrival.clone(), shown.clone());
        let prefetcher = prefetcher.clone();
        use_effect_with((mode, reload, options), move |&(mode, reload, options)| {
            let listeners = (mode == Navigation::History)
                .then(web_sys::window)
                .flatten()
                .map(|window| {
                    if let Ok(history) = window.history() {
                        // The reader restores scroll itself, once the page it returns to is
                        // there again; the browser would scroll a page still loading.
                        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
                    }
                    let popstate =
                        gloo_events::EventListener::new(&window, "popstate", move |event| {
                            let state = event
                                .dyn_ref::<web_sys::PopStateEvent>()
                                .map(web_sys::PopStateEvent::state)
                                .unwrap_or(JsValue::UNDEFINED);
                            let next = standalone_source();
                            if next == *shown.borrow() {
                                // Only the fragment changed: the browser scrolls to it.
                                return;
                            }
                            prefetcher.new_page();
                            if let ArticleSource::Url(url) = &next {
                                prefetcher.start_followed(url, options);
                            }
                            *arrival.borrow_mut() = Some(Arrival {
                                scroll: Some(saved_scroll(&state).unwrap_or(0.0)),
                                focus: Focus::Heading,
                                focused: false,
                            });
                            moved.set(Some((reload, next)));
                        });
                    // The entry keeps the scroll position, for the reader who comes back to it
                    // after a reload or another site: kept once scrolling rests, since a
                    // browser may drop a state written while the document is being unloaded
                    // (Chromium does on reload), and rate-limits `replaceState`.
                    let settle = Rc::new(std::cell::RefCell::new(None));
                    let scroll = gloo_events::EventListener::new(&window, "scroll", move |_| {
                        *settle.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                            SCROLL_REST_MS,
                            remember_scroll,
                        ));
                    });
                    let pagehide =
                        gloo_events::EventListener::new(&window, "pagehide", |_| remember_scroll());
                    (popstate, scroll, pagehide)
                });
            move || drop(listeners)
        });
    }

    // Arrival: focus once the new page has content, scroll once all of it is there.
    {
        let (root, arrival) = (root.clone(), arrival.clone());
        use_effect_with(arrived, move |&(data_state, _)| {
            let mut pending = arrival.borrow_mut();
            let content = matches!(data_state, "rendering" | "ready" | "failed");
            if let Some(next) = pending.as_mut().filter(|_| content) {
                // A long article's first part may have taken the focus to its headline before
                // its rest was refused: the error view that replaces it takes it again, or it
                // would fall to the document with the headline.
                let refused = data_state == "failed" && next.focused;
                if !next.focused || refused {
                    let first = !next.focused;
                    next.focused = true;
                    if next.focus == Focus::Heading {
                        if first && next.scroll.is_none() {
                            scroll_to_top(&root, mode);
                        }
                        focus_heading(&root);
                    }
                }
                if data_state != "rendering" {
                    if let Some(y) = next.scroll {
                        lay_out_whole_body(&root);
                        if let Some(window) = web_sys::window() {
                            window.scroll_to_with_x_and_y(0.0, y);
                        }
                    }
                    *pending = None;
                }
            }
        });
    }

    let back = (mode == Navigation::InReader && trail.0 == reload)
        .then(|| trail.1.last().cloned())
        .flatten()
        .map(|previous| {
            let (trail, moved, arrival) = (trail.clone(), moved.clone(), arrival.clone());
            let prefetcher = prefetcher.clone();
            Callback::from(move |_: MouseEvent| {
                prefetcher.new_page();
                if let ArticleSource::Url(url) = &previous.source {
                    prefetcher.start_followed(url, options);
                }
                let rest: Rc<[Visited]> = trail
                    .1
                    .get(..trail.1.len().saturating_sub(1))
                    .unwrap_or_default()
                    .into();
                trail.set((reload, rest));
                *arrival.borrow_mut() = Some(Arrival {
                    scroll: Some(previous.scroll),
                    focus: Focus::Heading,
                    focused: false,
                });
                moved.set(Some((reload, previous.source.clone())));
            })
        });

    let moving = arrival
        .borrow()
        .as_ref()
        .is_some_and(|a| a.focus == Focus::Heading && !a.focused);
    Navigator {
        moving,
        source: current,
        prefetcher,
        onclick,
        onpointerover,
        onpointerout,
        onpointerdown,
        onfocusin,
        back,
    }
}

/// The arrival the first page of a visit waits for: on the standalone page, the scroll position
/// its history entry kept (a reload, or a return from another site), without moving focus.
fn initial_arrival(mode: Navigation) -> Option<Arrival> {
    if mode != Navigation::History {
        return None;
    }
    let state = web_sys::window()?.history().ok()?.state().ok()?;
    Some(Arrival {
        scroll: Some(saved_scroll(&state)?),
        focus: Focus::Untouched,
        focused: false,
    })
}

fn window_scroll() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

/// The link an event happened in, if it is inside this reader (a host may wrap the reader in
/// markup of its own, links included, which are not the reader's to follow).
fn link_of(target: Option<web_sys::EventTarget>, root: &NodeRef) -> Option<web_sys::Element> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    let link = element.closest("a[href]").ok()??;
    let root = root.cast::<web_sys::Element>()?;
    root.contains(Some(&link)).then_some(link)
}

/// What `crate::route` decides for `link` in a reader showing `shown`, and the link's absolute
/// address; `None` when the browser cannot parse the address (it is then the browser's).
fn decision_for(
    link: &web_sys::Element,
    mode: Navigation,
    shown: &ArticleSource,
) -> Option<(Decision, String)> {
    let window = web_sys::window()?;
    let base = window.document()?.base_uri().ok().flatten()?;
    let url = web_sys::Url::new_with_base(&link.get_attribute("href")?, &base).ok()?;
    let page = web_sys::Url::new(&window.location().href().ok()?).ok()?;
    let article_origin = match shown {
        ArticleSource::Url(address) => web_sys::Url::new_with_base(address, &base)
            .ok()
            .map(|u| u.origin()),
        ArticleSource::Given(_) | ArticleSource::Json(_) | ArticleSource::Unusable(_) => None,
    };
    let (link_article, page_article) = (
        url.search_params().get("article"),
        page.search_params().get("article"),
    );
    let parts = |u: &web_sys::Url| (u.origin(), u.pathname(), u.search(), u.hash());
    let (lo, lp, ls, lh) = parts(&url);
    let (po, pp, ps, ph) = parts(&page);
    let place = |origin, pathname, search, hash, article| Place {
        origin,
        pathname,
        search,
        hash,
        article,
    };
    let decision = decide(
        &place(&lo, &lp, &ls, &lh, link_article.as_deref()),
        &place(&po, &pp, &ps, &ph, page_article.as_deref()),
        article_origin.as_deref(),
        mode,
    );
    Some((decision, url.href()))
}

/// The source a followed link leads to: on the standalone page, what the page at that address
/// would show (the same rule as a fresh load of it); in an embedded reader, the `?article=`
/// value resolved against the link.
fn source_for(param: Option<String>, href: &str, mode: Navigation) -> ArticleSource {
    match mode {
        Navigation::History => {
            let origin = web_sys::Url::new(href)
                .map(|u| u.origin())
                .unwrap_or_default();
            standalone_source_for(param, href, &origin)
        }
        Navigation::InReader | Navigation::Links => {
            let param = param.unwrap_or_else(|| DEFAULT_ARTICLE.to_owned());
            match web_sys::Url::new_with_base(&param, href) {
                Ok(url) => ArticleSource::Url(url.href().into()),
                Err(_) => ArticleSource::Url(param.into()),
            }
        }
    }
}

/// A history entry's state with the reader's scroll position set, keeping whatever else the
/// entry's state holds.
fn state_with_scroll(old: &JsValue, scroll: f64) -> JsValue {
    let state = js_sys::Object::new();
    if old.is_object() {
        js_sys::Object::assign(&state, old.unchecked_ref());
    }
    let ours = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ours, &"scroll".into(), &scroll.into());
    let _ = js_sys::Reflect::set(&state, &STATE_KEY.into(), &ours);
    state.into()
}

/// The scroll position kept in a history entry's state, if it is the reader's and sane.
fn saved_scroll(state: &JsValue) -> Option<f64> {
    if !state.is_object() {
        return None;
    }
    let ours = js_sys::Reflect::get(state, &STATE_KEY.into()).ok()?;
    if !ours.is_object() {
        return None;
    }
    js_sys::Reflect::get(&ours, &"scroll".into())
        .ok()?
        .as_f64()
        .filter(|y| y.is_finite() && *y >= 0.0)
}

/// Keeps the current scroll position in the current history entry.
fn remember_scroll() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let old = history.state().unwrap_or(JsValue::NULL);
    let scroll = window_scroll();
    // Writing an entry's state takes the browser several milliseconds (it serializes the state
    // and tells the browser process), in the click that follows a link too: the entry usually
    // holds the position already, kept when scrolling last came to rest.
    if saved_scroll(&old) == Some(scroll) {
        return;
    }
    // A refusal (a sandboxed document) only costs the restored position.
    let _ = history.replace_state(&state_with_scroll(&old, scroll), "");
}

/// Adds `href` to the session history, after keeping the scroll position of the entry left.
fn push_history(href: &str) {
    remember_scroll();
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ =
            history.push_state_with_url(&state_with_scroll(&JsValue::NULL, 0.0), "", Some(href));
    }
}

/// Lets the browser skip no more of the body: a position to restore is one in the whole page,
/// so the blocks it may skip until the article's first frame (`data-first-frame`, see
/// `page::ArticlePage`) are laid out before scrolling, rather than counted at an estimate.
fn lay_out_whole_body(root: &NodeRef) {
    let body = root.cast::<web_sys::Element>().and_then(|root| {
        root.query_selector(".ar-body[data-first-frame]")
            .ok()
            .flatten()
    });
    if let Some(body) = body {
        // Yew removes the attribute itself a task later; removing it first changes nothing then.
        let _ = body.remove_attribute("data-first-frame");
    }
}

/// Brings the reader's top into view: the page's top for the standalone page; for an embedded
/// reader, its own top if it is scrolled above the window (the host's page stays as it is
/// otherwise).
fn scroll_to_top(root: &NodeRef, mode: Navigation) {
    match mode {
        Navigation::History => {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        Navigation::InReader | Navigation::Links => {
            if let Some(root) = root.cast::<web_sys::Element>() {
                if root.get_bounding_client_rect().top() < 0.0 {
                    root.scroll_into_view();
                }
            }
        }
    }
}

/// Whether a click (or a press) on `link` asks for it to open in this browsing context (see
/// [`Click::opens_here`]): the main button, no key held, nothing else handled it, no `target`
/// or `download` that sends it elsewhere.
fn opens_here(event: &MouseEvent, link: &web_sys::Element) -> bool {
    let target = link.get_attribute("target");
    Click {
        button: event.button(),
        modified: event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key(),
        default_prevented: event.default_prevented(),
        target: target.as_deref(),
        download: link.has_attribute("download"),
    }
    .opens_here()
}

/// Moves focus to the shown page's main heading (the article's or channel's headline, or the
/// title of the not-found or error view), without scrolling: a screen reader then reads the new
/// page's name, once, and the next Tab starts from the top of the new page.
fn focus_heading(root: &NodeRef) {
    let heading = root
        .cast::<web_sys::Element>()
        .and_then(|root| root.query_selector("h1, .ar-status h2").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = heading.focus_with_options(&options);
    }
}
