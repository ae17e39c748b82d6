//! Articles fetched ahead of a click, so that the next page is usually already there.
//!
//! When a pointer rests on a link the reader would follow itself, or keyboard focus reaches
//! one, the reader requests that document at once, through the same
//! [`crate::load::fetch_bytes`] as a load (so it passes the same checks), and keeps the bytes
//! until the link is followed. Parsing waits for the click: a prefetched page that is never
//! opened costs one request and its bytes, no main-thread work.
//!
//! It is bounded so that it can never cost a reader or a server much: at most [`PER_PAGE`]
//! requests for each page the reader shows, at most [`IN_FLIGHT`] at a time, at most [`KEPT`]
//! documents kept (the oldest dropped first), each kept for at most [`MAX_AGE_MS`], and none
//! at all when the browser says the connection saves data
//! or is 2G ([`may_prefetch`]). A reader's prefetches end with it.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use wasm_bindgen::{JsCast, JsValue};

use crate::load::{fetch_bytes, LoadError, LoadErrorKind, LoadOptions};

/// At most this many prefetch requests run at once: a pointer sweeping down a list of links
/// must not start a request per link.
pub const IN_FLIGHT: usize = 2;

/// At most this many prefetches for each page shown: a reader who moves the pointer over every
/// link of the sidebar while reading costs the server a few requests, not one per link.
pub const PER_PAGE: usize = 6;

/// At most this many prefetched documents are kept, each at most `maxBytes` (1 MiB by
/// default), so a reader holds at most a few megabytes for pages it may never open.
pub const KEPT: usize = 4;

/// A prefetched document older than this is dropped rather than shown: news pages change, and
/// a reader who opens a link after a minute gets the page as it is then.
pub const MAX_AGE_MS: f64 = 60_000.0;

/// What the browser says of the connection (`navigator.connection`, where it exists).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connection {
    /// The reader asked the browser to save data (`saveData`, the "Lite mode" switch).
    pub save_data: bool,
    /// `effectiveType`: `slow-2g`, `2g`, `3g` or `4g`.
    pub effective_type: Option<String>,
}

/// Whether prefetching is welcome on `connection`: never when the reader asked to save data,
/// nor on a 2G connection, where a guessed request slows the one the reader makes.
pub fn may_prefetch(connection: &Connection) -> bool {
    !connection.save_data
        && !matches!(
            connection.effective_type.as_deref(),
            Some("slow-2g") | Some("2g")
        )
}

/// One prefetch: its outcome once it is in, and who waits for it.
struct Slot {
    outcome: Option<Result<Vec<u8>, LoadError>>,
    waker: Option<Waker>,
    controller: web_sys::AbortController,
}

struct Entry {
    url: String,
    started_ms: f64,
    slot: Rc<RefCell<Slot>>,
}

impl Entry {
    fn in_flight(&self) -> bool {
        self.slot.borrow().outcome.is_none()
    }

    fn abort(&self) {
        self.slot.borrow().controller.abort();
    }
}

/// One reader's prefetches. Dropping it (the reader is removed) aborts those in flight.
#[derive(Default)]
pub struct Prefetcher {
    entries: RefCell<Vec<Entry>>,
    /// Prefetches started since the reader last moved to a page.
    started: std::cell::Cell<usize>,
}

impl Prefetcher {
    /// Starts fetching `url` with `options`, unless it is already fetched or being fetched, the
    /// bounds are reached, or the connection asks for restraint.
    pub fn start(&self, url: &str, options: LoadOptions) {
        if self.started.get() >= PER_PAGE || !may_prefetch(&connection()) {
            return;
        }
        let mut entries = self.entries.borrow_mut();
        drop_stale(&mut entries);
        if entries.iter().any(|e| e.url == url)
            || entries.iter().filter(|e| e.in_flight()).count() >= IN_FLIGHT
        {
            return;
        }
        if entries.len() >= KEPT {
            // The oldest is the one least likely to be opened next.
            let oldest = entries.remove(0);
            oldest.abort();
        }
        if let Some(entry) = launch(url, options) {
            self.started.set(self.started.get().saturating_add(1));
            entries.push(entry);
        }
    }

    /// Requests `url`, a page the reader is moving to this moment (a followed link, Back,
    /// Forward), at once, before anything is rendered for the move, unless a prefetch of it is
    /// kept (which the load then takes). The load that follows would make this very request a
    /// moment later, after the history entry and a render, so no budget and no connection
    /// rule applies; only [`KEPT`] does, the oldest prefetch making way.
    pub fn start_followed(&self, url: &str, options: LoadOptions) {
        let mut entries = self.entries.borrow_mut();
        drop_stale(&mut entries);
        if entries.iter().any(|e| e.url == url) {
            return;
        }
        if entries.len() >= KEPT {
            let oldest = entries.remove(0);
            oldest.abort();
        }
        if let Some(entry) = launch(url, options) {
            entries.push(entry);
        }
    }

    /// Keeps `early`, a request for `url` started outside the reader, for the load that opens
    /// `url`; it counts against no budget, since the reader did not choose it.
    pub fn adopt(&self, url: &str, early: Early) {
        self.entries.borrow_mut().push(Entry {
            url: url.to_owned(),
            started_ms: js_sys::Date::now(),
            slot: early.slot,
        });
    }

    /// Starts a new page's budget of [`PER_PAGE`] prefetches: the reader moved on.
    pub fn new_page(&self) {
        self.started.set(0);
    }

    /// The prefetch of `url`, if one is kept and fresh, handed over to the load that opens it
    /// (it is no longer kept).
    pub fn take(&self, url: &str) -> Option<Early> {
        let mut entries = self.entries.borrow_mut();
        let index = entries.iter().position(|e| e.url == url)?;
        let entry = entries.remove(index);
        if js_sys::Date::now() - entry.started_ms >= MAX_AGE_MS {
            entry.abort();
            return None;
        }
        Some(Early { slot: entry.slot })
    }
}

impl Drop for Prefetcher {
    fn drop(&mut self) {
        for entry in self.entries.borrow().iter() {
            entry.abort();
        }
    }
}

/// Drops (and aborts) the prefetches older than [`MAX_AGE_MS`].
fn drop_stale(entries: &mut Vec<Entry>) {
    let now = js_sys::Date::now();
    entries.retain(|e| {
        let fresh = now - e.started_ms < MAX_AGE_MS;
        if !fresh {
            e.abort();
        }
        fresh
    });
}

/// Requests `url` through [`fetch_bytes`], under a timeout like a load's, into a new entry.
///
/// The request goes out before this returns: the fetch is polled once here, which runs it up
/// to `fetch()` itself, and only the wait for the answer is left to the browser's event loop.
/// A spawned future would first be polled in a microtask after the current event handler, that
/// is after everything else a click does (the history entry, the render of the move).
fn launch(url: &str, options: LoadOptions) -> Option<Entry> {
    let controller = web_sys::AbortController::new().ok()?;
    let slot = Rc::new(RefCell::new(Slot {
        outcome: None,
        waker: None,
        controller: controller.clone(),
    }));
    let (address, filled) = (url.to_owned(), slot.clone());
    let mut task = Box::pin(async move {
        // A prefetch that hangs is given up like a load would be, freeing its place.
        let _timer = {
            let controller = controller.clone();
            gloo_timers::callback::Timeout::new(
                options.timeout_ms.min(crate::load::MAX_TIMEOUT_MS),
                move || controller.abort(),
            )
        };
        let outcome = fetch_bytes(&address, &controller.signal(), options).await;
        let mut slot = filled.borrow_mut();
        slot.outcome = Some(outcome);
        if let Some(waker) = slot.waker.take() {
            waker.wake();
        }
    });
    // The first poll's waker is never called: the spawned task polls again in a microtask,
    // before any answer can arrive (an answer comes in a task of its own), and that poll
    // leaves the executor's own waker with the request's promise.
    if task
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
        .is_pending()
    {
        wasm_bindgen_futures::spawn_local(task);
    }
    Some(Entry {
        url: url.to_owned(),
        started_ms: js_sys::Date::now(),
        slot,
    })
}

/// A prefetched document being handed to the load that opens it.
pub struct Early {
    slot: Rc<RefCell<Slot>>,
}

impl Early {
    /// A request someone else started for `url` (the standalone page starts its article's
    /// while the WebAssembly module is still downloading): `response` is the promise `fetch`
    /// returned, `controller` the `AbortController` it was given. Its response passes the same
    /// checks as a request of the reader's own ([`crate::load::read_response`]).
    pub fn from_response(
        url: &str,
        response: js_sys::Promise,
        controller: web_sys::AbortController,
        options: LoadOptions,
    ) -> Early {
        let slot = Rc::new(RefCell::new(Slot {
            outcome: None,
            waker: None,
            controller,
        }));
        let (url, filled) = (url.to_owned(), slot.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match wasm_bindgen_futures::JsFuture::from(response).await {
                Ok(raw) => match raw.dyn_into::<web_sys::Response>() {
                    Ok(raw) => crate::load::read_response(&url, raw.into(), options).await,
                    Err(_) => Err(LoadError::new(
                        &url,
                        LoadErrorKind::Network {
                            detail: "the request started by the page gave no response".into(),
                        },
                    )),
                },
                Err(error) => Err(LoadError::new(
                    &url,
                    LoadErrorKind::Network {
                        detail: error
                            .dyn_ref::<js_sys::Error>()
                            .map(|e| String::from(e.message()))
                            .unwrap_or_else(|| "the request failed".to_owned()),
                    },
                )),
            };
            let mut slot = filled.borrow_mut();
            slot.outcome = Some(outcome);
            if let Some(waker) = slot.waker.take() {
                waker.wake();
            }
        });
        Early { slot }
    }

    /// The prefetch's outcome, as [`fetch_bytes`] gave it; aborting `signal` (the load's)
    /// aborts the prefetch, so that a load cancelled while it waits ends at once.
    pub async fn outcome(self, signal: &web_sys::AbortSignal) -> Result<Vec<u8>, LoadError> {
        let controller = self.slot.borrow().controller.clone();
        if signal.aborted() {
            controller.abort();
        }
        let _link = gloo_events::EventListener::once(signal, "abort", move |_| controller.abort());
        Wait(self.slot).await
    }
}

/// Resolves with a slot's outcome once it is in.
struct Wait(Rc<RefCell<Slot>>);

impl Future for Wait {
    type Output = Result<Vec<u8>, LoadError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.0.borrow_mut();
        match slot.outcome.take() {
            Some(outcome) => Poll::Ready(outcome),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// The browser's `navigator.connection`, read through `Reflect` because only some browsers
/// have it; where it is missing, nothing is known against prefetching.
fn connection() -> Connection {
    let Some(window) = web_sys::window() else {
        return Connection::default();
    };
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let Ok(info) = get(&window.navigator().into(), "connection") else {
        return Connection::default();
    };
    if !info.is_object() {
        return Connection::default();
    }
    Connection {
        save_data: get(&info, "saveData").ok().and_then(|v| v.as_bool()) == Some(true),
        effective_type: get(&info, "effectiveType").ok().and_then(|v| v.as_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_saver_and_2g_connections_get_no_prefetch() {
        assert!(may_prefetch(&Connection::default()), "unknown: allowed");
        let fast = Connection {
            save_data: false,
            effective_type: Some("4g".into()),
        };
        assert!(may_prefetch(&fast));
        assert!(may_prefetch(&Connection {
            effective_type: Some("3g".into()),
            ..fast.clone()
        }));
        assert!(!may_prefetch(&Connection {
            save_data: true,
            ..fast.clone()
        }));
        assert!(!may_prefetch(&Connection {
            effective_type: Some("2g".into()),
            ..fast.clone()
        }));
        assert!(!may_prefetch(&Connection {
            effective_type: Some("slow-2g".into()),
            ..fast
        }));
    }
}

/// A request for the first article, started outside the reader, on its way to the reader that
/// will show it: taken once, by the first render.
#[derive(Clone)]
pub struct Handover(Rc<RefCell<Option<(String, Early)>>>);

impl Handover {
    /// The request for `url` that `early` stands for.
    pub fn new(url: String, early: Early) -> Handover {
        Handover(Rc::new(RefCell::new(Some((url, early)))))
    }

    /// The address and the request, the first time it is asked for.
    pub fn take(&self) -> Option<(String, Early)> {
        self.0.borrow_mut().take()
    }
}

/// Compared by identity: one handover is one request.
impl PartialEq for Handover {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Handover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handover")
    }
}
