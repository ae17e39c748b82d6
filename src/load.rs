//! Loading an article: the fetch-state enum, every way a load can fail, and the fetch itself.
//!
//! The failure kinds and their messages are plain data, covered by `cargo test`; only
//! [`fetch_article`] touches the browser. Each failure names what went wrong in terms a site
//! developer can act on: the HTTP status, the content type received, the JSON path of a bad field.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use crate::article::{parse_article, Article, ArticleError, Channel, Document};

mod scan;
mod sliced;
use crate::i18n::Lang;
use crate::options::OptionsError;

/// Where a load stands. Two states are equal when they hold the same result (the same `Rc`),
/// not merely equal ones: hooks compare the state on every render (after each slice of the body,
/// after each T+), and comparing the contents would walk the whole article every time.
#[derive(Clone, Debug)]
pub enum FetchState {
    /// A request is in flight.
    Loading,
    /// The article arrived and passed validation.
    Ready(Rc<Article>),
    /// A channel page arrived and passed validation.
    Channel(Rc<Channel>),
    /// There is no article to show; the reader shows why, with a retry button where it helps.
    Failed(Rc<ReaderError>),
}

impl PartialEq for FetchState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (FetchState::Loading, FetchState::Loading) => true,
            (FetchState::Ready(a), FetchState::Ready(b)) => Rc::ptr_eq(a, b),
            (FetchState::Channel(a), FetchState::Channel(b)) => Rc::ptr_eq(a, b),
            (FetchState::Failed(a), FetchState::Failed(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl FetchState {
    /// The stage of the load: `loading`, `ready` or `failed`. The reader root's `data-state`
    /// is this, except that a ready article whose body is still being added in slices is
    /// `rendering` (see `crate::state::ReaderState::data_state`).
    pub fn data_state(&self) -> &'static str {
        match self {
            FetchState::Loading => "loading",
            FetchState::Ready(_) | FetchState::Channel(_) => "ready",
            FetchState::Failed(_) => "failed",
        }
    }
}

/// The longest timeout a browser timer can wait (2^31 - 1 ms, about 24.8 days); larger values
/// wrap around and fire at once, so options are clamped to it.
pub const MAX_TIMEOUT_MS: u32 = i32::MAX as u32;

/// Which origins a fetched article may come from, judged where the response landed (after
/// redirects).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OriginRule {
    /// Any origin the browser lets the page read (CORS decides): an embedding host chooses
    /// its own sources.
    #[default]
    Any,
    /// Only the page's own origin, and no redirects (a redirect is refused, not followed). The
    /// standalone page uses it: its same-origin rule must hold for where the article really
    /// came from, not just for the address it was given.
    PageOnly,
}

/// Limits on one load. Defaults suit a news article over a slow phone connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// Give up (and abort the request) after this many milliseconds (at most
    /// [`MAX_TIMEOUT_MS`]).
    pub timeout_ms: u32,
    /// Refuse bodies larger than this many bytes: a text article is a few hundred kilobytes at
    /// most, and a runaway response must not freeze the page. The default, 1 MiB, leaves room
    /// for a `bodyHtml` at its own limit (512 KiB, more once escaped in JSON). The JSON is read
    /// in slices whatever its size (see `sliced`), but the memory and the total time grow with
    /// it: this is the bound on both.
    pub max_bytes: u64,
    /// Where the response may come from.
    pub origin: OriginRule,
    /// What an accepted article may contain (see [`crate::limits`]).
    pub limits: crate::limits::Limits,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            timeout_ms: 15_000,
            max_bytes: 1024 * 1024,
            origin: OriginRule::Any,
            limits: crate::limits::Limits::default(),
        }
    }
}

/// A failed load of the article at one address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The address as given or requested.
    pub url: String,
    /// What went wrong.
    pub kind: LoadErrorKind,
}

/// Every way loading from an address can fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The address was refused (e.g. another origin in the standalone route), before the
    /// request or after it landed.
    BadAddress {
        /// Why it was refused.
        reason: String,
    },
    /// The request never got an HTTP answer (offline, DNS, CORS, refused connection).
    Network {
        /// The browser's description.
        detail: String,
    },
    /// No complete answer within the time limit; the request was aborted.
    Timeout {
        /// The limit that ran out.
        ms: u32,
    },
    /// The server answered with a status other than 2xx.
    Http {
        /// The HTTP status code.
        status: u16,
        /// The reason phrase, if the server sent one.
        status_text: String,
    },
    /// The server answered with something other than JSON.
    ContentType {
        /// The `Content-Type` received (empty when absent).
        found: String,
    },
    /// The body is larger than [`LoadOptions::max_bytes`].
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The body is not UTF-8, which JSON requires.
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The body was read but is not a valid article.
    Article(ArticleError),
}

impl LoadError {
    /// A failure of `kind` for the address `url`.
    pub fn new(url: impl Into<String>, kind: LoadErrorKind) -> Self {
        LoadError {
            url: url.into(),
            kind,
        }
    }

    /// A one-sentence summary for readers in `lang`; see [`ReaderError::summary`].
    pub fn summary(&self, lang: Lang) -> String {
        let text = &lang.labels().summaries;
        match &self.kind {
            LoadErrorKind::BadAddress { .. } => text.bad_address,
            LoadErrorKind::Network { .. } => text.network,
            LoadErrorKind::Timeout { .. } => text.timeout,
            LoadErrorKind::Http { status, .. } if *status == 404 || *status == 410 => {
                text.not_found
            }
            LoadErrorKind::Http { status, .. } if *status >= 500 => text.server_error,
            LoadErrorKind::Http { .. } => text.refused,
            LoadErrorKind::ContentType { .. } | LoadErrorKind::NotUtf8 { .. } => {
                text.not_article_data
            }
            LoadErrorKind::TooLarge { .. } => text.too_large,
            LoadErrorKind::Article(e) => return article_summary(e, lang),
        }
        .to_owned()
    }

    /// Whether retrying the same fetch could help. Everything a server can fix counts (a status,
    /// a content type, a malformed document that gets republished); a refused address will be
    /// refused the same way.
    pub fn retryable(&self) -> bool {
        !matches!(self.kind, LoadErrorKind::BadAddress { .. })
    }

    /// Whether the server said there is no such document (HTTP 404 Not Found or 410 Gone): the
    /// reader then shows its not-found view, which offers a way on instead of a retry.
    pub fn is_not_found(&self) -> bool {
        matches!(
            self.kind,
            LoadErrorKind::Http {
                status: 404 | 410,
                ..
            }
        )
    }
}

fn article_summary(error: &ArticleError, lang: Lang) -> String {
    let text = &lang.labels().summaries;
    match error {
        ArticleError::NotJson { .. } => text.damaged.to_owned(),
        ArticleError::UnsupportedVersion { .. } => text.newer_version.to_owned(),
        ArticleError::Schema { path, .. } => {
            let (before, after) = text.schema_at;
            format!("{before}{path}{after}")
        }
        ArticleError::Limit(e) => crate::i18n::limit_summary(lang, e),
    }
}

/// Why a reader shows no article: what it renders in its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReaderError {
    /// Loading from an address failed.
    Load(LoadError),
    /// The article object the host passed is not a valid article.
    Article(ArticleError),
    /// The host called the embedding API with unusable options.
    Options(OptionsError),
}

impl ReaderError {
    /// A one-sentence summary for readers, in the interface language; the `Display` text (the
    /// technical detail, in English) is shown under it. Chinese readers get Chinese summaries
    /// because the reader's primary audience reads Chinese; the detail stays in English because
    /// its parts (serde's reasons, HTTP phrases) come from English-only sources.
    pub fn summary(&self, lang: Lang) -> String {
        match self {
            ReaderError::Load(e) => e.summary(lang),
            ReaderError::Article(e) => article_summary(e, lang),
            ReaderError::Options(_) => lang.labels().summaries.bad_options.to_owned(),
        }
    }

    /// Whether the document was not found (see [`LoadError::is_not_found`]).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReaderError::Load(e) if e.is_not_found())
    }

    /// Whether loading again could help: only for a fetch that a server could answer better.
    /// An article the host passed, or its options, fail the same way every time.
    pub fn retryable(&self) -> bool {
        match self {
            ReaderError::Load(e) => e.retryable(),
            ReaderError::Article(_) | ReaderError::Options(_) => false,
        }
    }
}

impl From<LoadError> for ReaderError {
    fn from(e: LoadError) -> Self {
        ReaderError::Load(e)
    }
}

impl From<OptionsError> for ReaderError {
    fn from(e: OptionsError) -> Self {
        ReaderError::Options(e)
    }
}

impl fmt::Display for ReaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReaderError::Load(e) => e.fmt(f),
            ReaderError::Article(e) => e.fmt(f),
            ReaderError::Options(e) => e.fmt(f),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The address may come from the page's query: isolated, so that right-to-left letters
        // or controls in it cannot reorder the sentence around it.
        let url = crate::article::bidi::isolate(&self.url);
        match &self.kind {
            LoadErrorKind::BadAddress { reason } => {
                let quoted = format!("{:?}", self.url);
                let quoted = crate::article::bidi::isolate(&quoted);
                write!(f, "The article address {quoted} was refused: {reason}")
            }
            LoadErrorKind::Network { detail } => write!(
                f,
                "Network error while loading {url}: {detail}. Check the connection and that the server allows this page to read it (CORS)."
            ),
            // Under a second, seconds with one decimal would round a short limit to "0.0".
            LoadErrorKind::Timeout { ms } if *ms < 1000 => write!(
                f,
                "Loading {url} took longer than {ms} ms and was stopped."
            ),
            LoadErrorKind::Timeout { ms } => {
                // Seconds to one decimal, rounded half up, in integers: formatting an `f64`
                // would link the float printer, 8 KB of the compressed wasm for this one line.
                let tenths = (u64::from(*ms) + 50) / 100;
                write!(
                    f,
                    "Loading {url} took longer than {}.{} seconds and was stopped.",
                    tenths / 10,
                    tenths % 10
                )
            }
            LoadErrorKind::Http {
                status,
                status_text,
            } => {
                let phrase = if status_text.is_empty() {
                    status_phrase(*status)
                } else {
                    status_text.as_str()
                };
                write!(f, "The server answered HTTP {status} {phrase} for {url}.")?;
                if *status == 404 {
                    f.write_str(" Is the article address right?")?;
                }
                Ok(())
            }
            LoadErrorKind::ContentType { found } => {
                let found = if found.is_empty() {
                    "no Content-Type"
                } else {
                    found.as_str()
                };
                write!(
                    f,
                    "Expected JSON (application/json) from {url}, but the server sent {found}."
                )?;
                // Development servers and SPA hosts answer a missing file with their index page.
                if found.starts_with("text/html") {
                    f.write_str(" A missing file answered with the site's HTML page looks like this: is the article address right?")?;
                }
                Ok(())
            }
            LoadErrorKind::TooLarge { limit } => write!(
                f,
                "The response from {url} is larger than the limit for an article ({}).",
                human_bytes(*limit)
            ),
            LoadErrorKind::NotUtf8 { offset } => write!(
                f,
                "The response from {url} is not UTF-8 text (invalid byte sequence at byte {offset})."
            ),
            // The address is in the reader's hands already; the path inside the document is
            // what a developer needs.
            LoadErrorKind::Article(e) => e.fmt(f),
        }
    }
}

/// A byte count as people read it: `1000 bytes`, `64 KiB`, `5 MiB`.
fn human_bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= KIB && n.is_multiple_of(KIB) {
        format!("{} KiB", n / KIB)
    } else {
        format!("{n} bytes")
    }
}

fn status_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Whether a `Content-Type` header value names JSON: `application/json`, any `+json` type, or
/// the legacy `text/json`, with or without parameters.
pub fn is_json_content_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// Decodes a body as UTF-8 JSON text and parses the article.
pub fn article_from_bytes(url: &str, bytes: &[u8]) -> Result<Article, LoadError> {
    let text = json_text(url, bytes)?;
    parse_article(text).map_err(|e| LoadError::new(url, LoadErrorKind::Article(e)))
}

/// The JSON text of a body: UTF-8, without a byte-order mark.
fn json_text<'a>(url: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        LoadError::new(
            url,
            LoadErrorKind::NotUtf8 {
                offset: e.valid_up_to(),
            },
        )
    })?;
    // A UTF-8 byte-order mark is legal in the wild though not in JSON; drop it.
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// [`article_from_bytes`] in tasks: the JSON syntax, then (after a yield to the browser) the
/// article's validation, a long article's each in slices (see [`sliced`]); a long article's
/// first part goes to `first` meanwhile (see [`document_from_text`]).
async fn document_from_bytes_in_two(
    url: &str,
    bytes: &[u8],
    first: Option<&dyn Fn(Article)>,
) -> Result<Document, LoadError> {
    let text = json_text(url, bytes)?;
    document_from_text(text, first)
        .await
        .map_err(|e| LoadError::new(url, LoadErrorKind::Article(e)))
}

/// A document from JSON text, like [`article_from_text`]: an article, or a channel page when
/// its `kind` says so (see `crate::article::parse::channel`).
///
/// A long article (see [`sliced::FIRST_PART_FROM_BYTES`]) is also given to `first` before
/// the rest of its body is read: the article with every field it will have, its body cut to
/// its first blocks, when that much of it reads as an article. What `first` gets is only a
/// preview: the document returned is the whole, and may still be refused by its later blocks.
pub async fn document_from_text(
    text: &str,
    first: Option<&dyn Fn(Article)>,
) -> Result<Document, ArticleError> {
    let first = first.map(|first| {
        move |value: serde_json::Value| {
            if crate::article::parse::channel::is_channel(&value) {
                return;
            }
            // A first part that does not read (a rule that looks past it) shows nothing early;
            // the whole is read all the same and says what is wrong, if anything is.
            if let Ok(article) = crate::article::article_from_value(value) {
                first(article);
            }
        }
    });
    let long = text.len() > ONE_TASK_BYTES;
    match value_in_slices(text, first).await {
        Ok(value) if crate::article::parse::channel::is_channel(&value) => {
            if long {
                yield_to_browser().await;
            }
            crate::article::document_from_value(value)
        }
        Ok(value) => {
            if long {
                yield_to_browser().await;
            }
            let article = sliced::article(&value)
                .await
                .map(|a| Document::Article(Box::new(a)));
            sliced::release(value);
            article
        }
        // Not JSON: parsed again the one way, so that the message is the same as ever.
        Err(_) => parse_article(text).map(|a| Document::Article(Box::new(a))),
    }
}

/// Up to this length a document's JSON is parsed, read and checked in a few milliseconds (about
/// 3 ms for 64 KiB in Chromium on this project's machine), well within one slice, so it goes
/// from its bytes to the page in one task. Each pause between those steps let the browser draw
/// a frame in between, which cost a client-side navigation to a short article about 10 ms, and
/// 40 ms with the CPU slowed 4× (bench/nav-ab.mjs, 25 rounds).
const ONE_TASK_BYTES: usize = 64 * 1024;

/// The JSON value of `text`: a long article's in slices (see [`sliced`]), else in one piece,
/// which also gives the error of text that is not JSON.
async fn value_in_slices(
    text: &str,
    first: Option<impl FnOnce(serde_json::Value)>,
) -> serde_json::Result<serde_json::Value> {
    match sliced::value(text, first).await {
        Some(value) => Ok(value),
        None => serde_json::from_str(text),
    }
}

/// A document made ready to show: an article by [`prepare`], a channel page once it is within
/// the limits.
#[derive(Clone, Debug, PartialEq)]
pub enum Prepared {
    /// An article, its body imported.
    Article(Rc<Article>),
    /// A channel page.
    Channel(Rc<Channel>),
}

/// [`prepare`] for either kind of document. A channel page needs no import: only its strings
/// are held to the limits, which takes one short pass.
pub async fn prepare_document(
    document: Document,
    limits: &crate::limits::Limits,
    cancel: &Cancel,
) -> Option<Result<Prepared, ArticleError>> {
    match document {
        Document::Article(article) => prepare(Rc::new(*article), limits, cancel)
            .await
            .map(|prepared| prepared.map(Prepared::Article)),
        Document::Channel(channel) => Some(
            crate::article::parse::channel::check_channel(&channel, limits)
                .map(|()| Prepared::Channel(Rc::new(channel)))
                .map_err(ArticleError::Limit),
        ),
    }
}

/// An article from JSON text in tasks, the JSON syntax and then (after a yield to the browser)
/// the article's validation, a long article's each in slices (see [`sliced`]), for a fetched
/// article and for one given to `mount()`.
pub async fn article_from_text(text: &str) -> Result<Article, ArticleError> {
    match value_in_slices(text, None::<fn(serde_json::Value)>).await {
        Ok(value) => {
            yield_to_browser().await;
            let article = sliced::article(&value).await;
            sliced::release(value);
            article
        }
        // Not JSON: parsed again the one way, so that the message is the same as ever.
        Err(_) => parse_article(text),
    }
}

/// The refusal of an article given to `mount()` whose JSON text is over `maxBytes`: the same
/// cap as for a fetched one, so that the host's object is held to the same budget.
pub fn given_too_large(len: usize, max_bytes: u64) -> ArticleError {
    ArticleError::Schema {
        path: "$".into(),
        reason: format!(
            "the article is {} as JSON, larger than the limit for an article ({}); the option `maxBytes` raises it",
            human_bytes(u64::try_from(len).unwrap_or(u64::MAX)),
            human_bytes(max_bytes)
        ),
    }
}

/// Turns an article whose body came as CMS HTML into a block article, with the browser's
/// parser (see `crate::html_import`), in one go. Articles with block bodies pass through
/// untouched. Browser only: it uses `DOMParser`. Readers use [`prepare`], which does the same
/// work in slices and applies the limits.
pub fn import_html_body(mut article: Article) -> Result<Article, ArticleError> {
    let Some(html) = article.body_html.take() else {
        return Ok(article);
    };
    let nodes = crate::html_import::dom::parse(&html).ok_or_else(no_parser)?;
    finish_import(article, &nodes)
}

/// The error for a body that cannot be read at all.
fn no_text(reason: &str) -> ArticleError {
    ArticleError::Schema {
        path: "$.bodyHtml".into(),
        reason: reason.into(),
    }
}

fn no_parser() -> ArticleError {
    no_text("this browser could not parse HTML (no DOMParser)")
}

/// The pure end of an import: the walk into blocks, and what the body says about the whole
/// article.
fn finish_import(
    mut article: Article,
    nodes: &[crate::html_import::HtmlNode],
) -> Result<Article, ArticleError> {
    article.body_html = None;
    article.body = crate::html_import::import(nodes);
    // A body that declares its direction or language on the element around everything speaks
    // for the article where the JSON does not: the import keeps such a declaration off the runs.
    article.dir = article
        .dir
        .or_else(|| crate::html_import::body_direction(nodes));
    if article.in_language.is_none() {
        article.in_language = crate::html_import::body_language(nodes).map(str::to_owned);
    }
    if article.body.is_empty() {
        return Err(no_text("the HTML body has no readable text"));
    }
    Ok(article)
}

/// How long the preparation of an article works before it gives the browser its main thread
/// back: well inside the 50 ms after which a task counts as long, so that input, painting and
/// other readers wait at most a few milliseconds for it.
pub const SLICE_MS: f64 = 8.0;

/// The most a response's declared `Content-Length` reserves before its bytes arrive: 16 MiB,
/// more than any article the default limits accept (1 MiB), so a real article still reads
/// into one allocation, while a false header cannot reserve what the body never sends.
pub const RESERVED_AT_MOST: usize = 16 << 20;

/// How many nodes the copy of a parsed body takes between two looks at the clock: reading the
/// clock costs a call into JavaScript, and 64 nodes take well under a millisecond.
const NODES_PER_LOOK: usize = 64;

/// A flag that whoever started a preparation sets when it no longer wants the result (a newer
/// load began, or the reader was destroyed). Clones share the flag.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Rc<Cell<bool>>);

impl Cancel {
    /// Says that the result is no longer wanted; the work stops at its next pause.
    pub fn cancel(&self) {
        self.0.set(true);
    }

    /// Whether [`Cancel::cancel`] was called on this flag or a clone of it.
    pub fn cancelled(&self) -> bool {
        self.0.get()
    }
}

/// What the preparations in this page have done, for tests: that a preparation is under way,
/// that it paused, and that it noticed it was cancelled are facts no view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PreparationCounts {
    /// Preparations begun.
    pub started: u32,
    /// Times a preparation gave the main thread back to the browser.
    pub pauses: u32,
    /// Preparations that stopped because their result was no longer wanted (see [`Cancel`]).
    pub cancelled: u32,
}

thread_local! {
    static PREPARATIONS: Cell<PreparationCounts> = const {
        Cell::new(PreparationCounts { started: 0, pauses: 0, cancelled: 0 })
    };
}

/// The counts of all article preparations in this page so far.
pub fn preparation_counts() -> PreparationCounts {
    PREPARATIONS.with(Cell::get)
}

fn count(change: impl FnOnce(&mut PreparationCounts)) {
    PREPARATIONS.with(|p| {
        let mut counts = p.get();
        change(&mut counts);
        p.set(counts);
    });
}

/// `performance.now()`, or `Date.now()` where there is no `performance`.
fn now_ms() -> f64 {
    let global = js_sys::global();
    let performance = js_sys::Reflect::get(&global, &"performance".into()).ok();
    let now = performance.as_ref().and_then(|p| {
        let now = js_sys::Reflect::get(p, &"now".into()).ok()?;
        let now: &js_sys::Function = wasm_bindgen::JsCast::dyn_ref(&now)?;
        now.call0(p).ok()?.as_f64()
    });
    now.unwrap_or_else(js_sys::Date::now)
}

/// Lets the browser run whatever waits (input, painting, other readers' work) and resumes in a
/// new task: `scheduler.postTask` where the browser has it, else a `MessageChannel` message.
/// Not `setTimeout(0)`: nested timeouts are clamped to 4 ms each, which would make a long
/// import mostly waiting.
pub async fn yield_to_browser() {
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    let get = |target: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(target, &key.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let post_task = || -> Option<js_sys::Promise> {
        let scheduler = get(&global, "scheduler")?;
        let post: js_sys::Function = get(&scheduler, "postTask")?.dyn_into().ok()?;
        let task = wasm_bindgen::closure::Closure::once_into_js(|| {});
        post.call1(&scheduler, &task).ok()?.dyn_into().ok()
    };
    let message = || -> Option<js_sys::Promise> {
        let class: js_sys::Function = get(&global, "MessageChannel")?.dyn_into().ok()?;
        let channel = js_sys::Reflect::construct(&class, &js_sys::Array::new()).ok()?;
        let (receiver, sender) = (get(&channel, "port1")?, get(&channel, "port2")?);
        let send: js_sys::Function = get(&sender, "postMessage")?.dyn_into().ok()?;
        let mut sent = false;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            sent = js_sys::Reflect::set(&receiver, &"onmessage".into(), &resolve).unwrap_or(false)
                && send
                    .call1(&sender, &wasm_bindgen::JsValue::UNDEFINED)
                    .is_ok();
        });
        sent.then_some(promise)
    };
    match post_task().or_else(message) {
        // A rejected task only means it ran differently; either way the task has ended.
        Some(promise) => drop(wasm_bindgen_futures::JsFuture::from(promise).await),
        None => gloo_timers::future::TimeoutFuture::new(0).await,
    }
}

/// The clock of one preparation: when its current slice began.
struct Budget<'a> {
    started: f64,
    cancel: &'a Cancel,
}

impl<'a> Budget<'a> {
    fn new(cancel: &'a Cancel) -> Self {
        Budget {
            started: now_ms(),
            cancel,
        }
    }

    fn spent(&self) -> bool {
        now_ms() - self.started >= SLICE_MS
    }

    /// Yields to the browser, and says whether the result is still wanted.
    async fn pause(&mut self) -> bool {
        count(|c| c.pauses = c.pauses.wrapping_add(1));
        yield_to_browser().await;
        self.started = now_ms();
        !self.cancel.cancelled()
    }

    /// Yields if this slice has used its time; says whether the result is still wanted.
    async fn pause_if_spent(&mut self) -> bool {
        if self.spent() {
            self.pause().await
        } else {
            !self.cancel.cancelled()
        }
    }
}

/// Makes a parsed article ready to show, without holding the main thread for more than about
/// [`SLICE_MS`] at a time: the limits on the article, then for a CMS HTML body the limit on its
/// bytes (before the browser parses it), the browser's parse, the limit on its elements
/// (before anything is copied), the copy in slices, the walk into blocks, and the limits on
/// the blocks that came out. Both ways to get an article (fetched, or given to `mount()`) go
/// through here. Returns `None`, having stopped at its next pause, once `cancel` is set.
pub async fn prepare(
    article: Rc<Article>,
    limits: &crate::limits::Limits,
    cancel: &Cancel,
) -> Option<Result<Rc<Article>, ArticleError>> {
    count(|c| c.started = c.started.wrapping_add(1));
    let result = prepare_inner(article, limits, cancel).await;
    if result.is_none() {
        count(|c| c.cancelled = c.cancelled.wrapping_add(1));
    }
    result
}

async fn prepare_inner(
    article: Rc<Article>,
    limits: &crate::limits::Limits,
    cancel: &Cancel,
) -> Option<Result<Rc<Article>, ArticleError>> {
    use crate::html_import::dom;
    use crate::limits::{LimitError, LimitKind};
    let refuse = |kind: LimitKind, found: usize| {
        Some(Err(ArticleError::Limit(LimitError {
            kind,
            limit: limits.get(kind),
            found,
            path: "$.bodyHtml".into(),
        })))
    };
    let mut budget = Budget::new(cancel);
    // Each reader's work is already a task of its own here: a fetched article's from its
    // response on, one given to `mount()` from a pause before it (see
    // `components::hooks::use_article_load`), so that many readers mounted at once do not share
    // one task. What came before in this task (a JSON parse) is short, or paused when long.
    if !budget.pause_if_spent().await {
        return None;
    }
    if let Err(e) = crate::limits::check_article(&article, limits) {
        return Some(Err(ArticleError::Limit(e)));
    }
    let Some(html) = article.body_html.as_deref() else {
        // The first render of a long article (its headline and first slice) is a task of its
        // own: the check above walked the whole article.
        if !budget.pause_if_spent().await {
            return None;
        }
        return Some(Ok(article));
    };
    if html.len() > limits.get(LimitKind::BodyHtmlBytes) {
        return refuse(LimitKind::BodyHtmlBytes, html.len());
    }
    // The browser's parser is quadratic in nesting depth (100,000 nested elements hold the
    // page for most of a minute), so depth and elements are estimated from the text first, in
    // one linear pass, and a body past either limit never reaches it.
    if let Err(e) = crate::html_import::prescan::check_html(html, limits) {
        return Some(Err(ArticleError::Limit(e)));
    }
    // The parse that follows is the longest single step: it starts in a task of its own.
    if !budget.pause_if_spent().await {
        return None;
    }
    let Some(body) = dom::parse_body(html) else {
        return Some(Err(no_parser()));
    };
    let elements = dom::element_count(&body);
    if elements > limits.get(LimitKind::HtmlElements) {
        return refuse(LimitKind::HtmlElements, elements);
    }
    let mut copier = dom::Copier::new(&body);
    let nodes = loop {
        if let Some(nodes) = copier.step(NODES_PER_LOOK) {
            break nodes;
        }
        if !budget.pause_if_spent().await {
            return None;
        }
    };
    drop(copier);
    drop(body);
    // The walk is pure and runs in one piece: what bounds it is the element limit above.
    if !budget.pause_if_spent().await {
        return None;
    }
    let article = match finish_import(Rc::unwrap_or_clone(article), &nodes) {
        Ok(article) => article,
        Err(e) => return Some(Err(e)),
    };
    drop(nodes);
    if !budget.pause_if_spent().await {
        return None;
    }
    if let Err(e) = crate::limits::check_article(&article, limits) {
        return Some(Err(ArticleError::Limit(e)));
    }
    Some(Ok(Rc::new(article)))
}

/// Fetches and parses a document, an article or a channel page (the rest of the work is
/// [`prepare_document`]'s). `controller` cancels
/// it from outside (a newer load, or the reader being destroyed); the timeout aborts the same
/// request from inside, and covers the request and its body, not the preparation. Returns
/// `None` when cancelled from outside, since nobody is waiting for the result.
///
/// `early` is the same request started before the reader asked for it (a prefetch, see
/// `crate::prefetch`): its outcome is used as if this call had made the request, and
/// cancelling this call cancels it. A long article's first part goes to `first` while the
/// rest is read (see [`document_from_text`]).
pub async fn fetch_article(
    url: &str,
    controller: &web_sys::AbortController,
    options: LoadOptions,
    early: Option<crate::prefetch::Early>,
    first: Option<&dyn Fn(Article)>,
) -> Option<Result<Document, LoadError>> {
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        gloo_timers::callback::Timeout::new(options.timeout_ms.min(MAX_TIMEOUT_MS), move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let bytes = match early {
        Some(early) => early.outcome(&controller.signal()).await,
        None => fetch_bytes(url, &controller.signal(), options).await,
    };
    // The timeout is the network's: reading a long article that has arrived, part of which may
    // already be on the page, is not cut short by it.
    drop(timer);
    let result = match bytes {
        Ok(bytes) => document_from_bytes_in_two(url, &bytes, first).await,
        Err(e) => Err(e),
    };
    if timed_out.get() {
        return Some(Err(LoadError::new(
            url,
            LoadErrorKind::Timeout {
                ms: options.timeout_ms,
            },
        )));
    }
    if controller.signal().aborted() {
        return None;
    }
    if result.is_err() {
        // Failures before the body was read (a bad status or content type) leave it open;
        // aborting releases the connection.
        controller.abort();
    }
    Some(result)
}

/// Requests `url` and reads its body, with every check a fetched document passes before it is
/// parsed: where it came from, its status, its content type and its size. The prefetch makes
/// the same request, through this same function, so that a prefetched article meets exactly
/// the rules of a fetched one.
pub async fn fetch_bytes(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: LoadOptions,
) -> Result<Vec<u8>, LoadError> {
    let fail = |kind| LoadError::new(url, kind);
    let request = gloo_net::http::Request::get(url)
        .abort_signal(Some(signal))
        .header("Accept", "application/json");
    // The standalone page's rule is about where the article comes from, so it must hold before
    // a redirect is followed, not only where the response landed: a same-origin address that
    // redirects (an open redirect on the site, say) is refused without being followed.
    let request = match options.origin {
        OriginRule::PageOnly => request.redirect(web_sys::RequestRedirect::Manual),
        OriginRule::Any => request,
    };
    let response = request.send().await.map_err(|e| {
        fail(LoadErrorKind::Network {
            detail: e.to_string(),
        })
    })?;
    read_response(url, response, options).await
}

/// Every check a response passes before its body is parsed (where it came from, its status,
/// content type and size), then its body, read under the size cap. Shared by requests the
/// reader makes and one the standalone page started before the reader was there
/// (`crate::prefetch::Early::from_response`).
pub async fn read_response(
    url: &str,
    response: gloo_net::http::Response,
    options: LoadOptions,
) -> Result<Vec<u8>, LoadError> {
    let fail = |kind| LoadError::new(url, kind);
    if options.origin == OriginRule::PageOnly
        && response.type_() == web_sys::ResponseType::Opaqueredirect
    {
        return Err(fail(LoadErrorKind::BadAddress {
            reason: "it redirected, and the standalone reader only follows its own addresses, not redirects".into(),
        }));
    }
    if options.origin == OriginRule::PageOnly {
        let page = web_sys::window().and_then(|w| w.location().origin().ok());
        let landed = web_sys::Url::new(&response.url()).ok().map(|u| u.origin());
        if page.is_none() || page != landed {
            return Err(fail(LoadErrorKind::BadAddress {
                reason: format!(
                    "it redirected to another site ({}), and the standalone reader only shows articles from its own",
                    landed.unwrap_or_default()
                ),
            }));
        }
    }
    if !response.ok() {
        return Err(fail(LoadErrorKind::Http {
            status: response.status(),
            status_text: response.status_text(),
        }));
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if !is_json_content_type(&content_type) {
        return Err(fail(LoadErrorKind::ContentType {
            found: content_type,
        }));
    }
    let too_large = || {
        fail(LoadErrorKind::TooLarge {
            limit: options.max_bytes,
        })
    };
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > options.max_bytes) {
        return Err(too_large());
    }
    // A declared length within the cap is room reserved at once (up to a bound, see
    // `read_capped`), not grown into chunk by chunk.
    let room = declared
        .and_then(|len| usize::try_from(len).ok())
        .unwrap_or(0);
    read_capped(response.body(), options.max_bytes, room)
        .await
        .map_err(|e| match e {
            ReadError::TooLarge => too_large(),
            ReadError::Js(detail) => fail(LoadErrorKind::Network { detail }),
        })
}

enum ReadError {
    TooLarge,
    Js(String),
}

/// Reads a response body chunk by chunk and stops (cancelling the stream) as soon as it passes
/// `limit`: a server that sends 50 MB, or never stops, costs at most `limit` bytes of memory.
/// `room` bytes (the declared length, already held to the limit) are reserved first. Chunks
/// that have already arrived come one after the other without a task between them: the read
/// yields to the browser every [`SLICE_MS`].
async fn read_capped(
    body: Option<web_sys::ReadableStream>,
    limit: u64,
    room: usize,
) -> Result<Vec<u8>, ReadError> {
    use wasm_bindgen::JsCast;
    let js = |e: wasm_bindgen::JsValue| {
        ReadError::Js(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "the response body could not be read".into()),
        )
    };
    let Some(stream) = body else {
        return Ok(Vec::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    // The declared length is the server's word, not bytes received: reserved only up to
    // `RESERVED_AT_MOST` and only if the allocator can give it, so that a header alone can never
    // ask for more memory than a body that small would (a host may raise `maxBytes` far past
    // what the WebAssembly memory can hold). Beyond that the vector grows with the bytes.
    let mut bytes = Vec::new();
    let _ = bytes.try_reserve(room.min(RESERVED_AT_MOST));
    let mut slice_began = now_ms();
    loop {
        if now_ms() - slice_began >= SLICE_MS {
            yield_to_browser().await;
            slice_began = now_ms();
        }
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(js)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .map_err(js)?
            .as_bool()
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(js)?;
        let array: js_sys::Uint8Array = value
            .dyn_into()
            .map_err(|_| ReadError::Js("the response body is not bytes".into()))?;
        let start = bytes.len();
        let len = usize::try_from(array.length()).unwrap_or(usize::MAX);
        if u64::try_from(start.saturating_add(len)).unwrap_or(u64::MAX) > limit {
            // Tell the server we are done; the result of cancelling does not matter.
            let _ = reader.cancel();
            return Err(ReadError::TooLarge);
        }
        bytes.resize(start + len, 0);
        if let Some(tail) = bytes.get_mut(start..) {
            array.copy_to(tail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/ld+json",
            "text/json",
        ] {
            assert!(is_json_content_type(ok), "{ok}");
        }
        for bad in ["text/html", "text/plain", "", "application/jsonx", "json"] {
            assert!(!is_json_content_type(bad), "{bad}");
        }
    }

    #[test]
    fn messages_name_the_specific_failure() {
        let http = LoadError::new(
            "a.json",
            LoadErrorKind::Http {
                status: 404,
                status_text: String::new(),
            },
        );
        assert_eq!(
            http.to_string(),
            "The server answered HTTP 404 Not Found for a.json. Is the article address right?"
        );
        let ct = LoadError::new(
            "a.json",
            LoadErrorKind::ContentType {
                found: "text/html".into(),
            },
        );
        assert_eq!(
            ct.to_string(),
            "Expected JSON (application/json) from a.json, but the server sent text/html. A missing file answered with the site's HTML page looks like this: is the article address right?"
        );
        let t = LoadError::new("a.json", LoadErrorKind::Timeout { ms: 2500 });
        assert_eq!(
            t.to_string(),
            "Loading a.json took longer than 2.5 seconds and was stopped."
        );
        let t = LoadError::new("a.json", LoadErrorKind::Timeout { ms: 1 });
        assert_eq!(
            t.to_string(),
            "Loading a.json took longer than 1 ms and was stopped."
        );
        let t = LoadError::new("a.json", LoadErrorKind::Timeout { ms: 999 });
        assert_eq!(
            t.to_string(),
            "Loading a.json took longer than 999 ms and was stopped."
        );
        let t = LoadError::new("a.json", LoadErrorKind::Timeout { ms: 1000 });
        assert_eq!(
            t.to_string(),
            "Loading a.json took longer than 1.0 seconds and was stopped."
        );
        // Rounded half up to tenths, and the largest timeout does not overflow.
        for (ms, shown) in [
            (1049, "1.0"),
            (1050, "1.1"),
            (1250, "1.3"),
            (15_000, "15.0"),
        ] {
            assert_eq!(
                LoadError::new("a.json", LoadErrorKind::Timeout { ms }).to_string(),
                format!("Loading a.json took longer than {shown} seconds and was stopped.")
            );
        }
        assert_eq!(
            LoadError::new("a.json", LoadErrorKind::Timeout { ms: u32::MAX }).to_string(),
            "Loading a.json took longer than 4294967.3 seconds and was stopped."
        );
        let big = LoadError::new(
            "a.json",
            LoadErrorKind::TooLarge {
                limit: 5 * 1024 * 1024,
            },
        );
        assert!(big.to_string().ends_with("(5 MiB)."), "{big}");
        assert_eq!(human_bytes(1000), "1000 bytes");
        assert_eq!(human_bytes(64 * 1024), "64 KiB");
    }

    #[test]
    fn the_detail_of_a_reader_error_is_the_detail_of_its_cause() {
        let refused = ReaderError::from(LoadError::new(
            "https://evil.example/a.json",
            LoadErrorKind::BadAddress {
                reason: "it is not a valid URL".into(),
            },
        ));
        assert_eq!(
            refused.to_string(),
            "The article address \"https://evil.example/a.json\" was refused: it is not a valid URL"
        );
        let options = ReaderError::from(OptionsError::new("the article URL is empty"));
        assert_eq!(options.to_string(), "mount(): the article URL is empty");
    }

    fn http(status: u16) -> ReaderError {
        ReaderError::Load(LoadError::new(
            "a.json",
            LoadErrorKind::Http {
                status,
                status_text: String::new(),
            },
        ))
    }

    #[test]
    fn summaries_in_chinese() {
        assert_eq!(http(404).summary(Lang::Zh), "找不到这篇文章。");
        assert_eq!(http(503).summary(Lang::Zh), "服务器暂时出错，请稍后重试。");
        assert_eq!(http(403).summary(Lang::Zh), "服务器拒绝了请求。");
        let schema = ReaderError::Article(ArticleError::Schema {
            path: "$.body[3].type".into(),
            reason: "x".into(),
        });
        assert_eq!(
            schema.summary(Lang::Zh),
            "文章数据不符合格式要求，问题在 $.body[3].type。"
        );
        let options = ReaderError::from(OptionsError::new("x"));
        assert_eq!(options.summary(Lang::Zh), "嵌入阅读器的参数有误。");
    }

    #[test]
    fn summaries_in_english() {
        assert_eq!(http(410).summary(Lang::En), "This article was not found.");
        assert_eq!(
            http(500).summary(Lang::En),
            "The server had a problem. Try again later."
        );
        let timeout = LoadError::new("a.json", LoadErrorKind::Timeout { ms: 1 });
        assert_eq!(
            timeout.summary(Lang::En),
            "Loading took too long. Try again later."
        );
        let fetched = LoadError::new(
            "a.json",
            LoadErrorKind::Article(ArticleError::Schema {
                path: "$.headline".into(),
                reason: "x".into(),
            }),
        );
        assert_eq!(
            fetched.summary(Lang::En),
            "The article data is not in the expected format, at $.headline."
        );
        let options = ReaderError::from(OptionsError::new("x"));
        assert_eq!(
            options.summary(Lang::En),
            "The reader was embedded with wrong options."
        );
    }

    #[test]
    fn only_what_a_server_could_fix_is_retryable() {
        assert!(http(503).retryable());
        let refused = ReaderError::from(LoadError::new(
            "x",
            LoadErrorKind::BadAddress { reason: "r".into() },
        ));
        assert!(!refused.retryable());
        assert!(!ReaderError::from(OptionsError::new("x")).retryable());
        let given = ReaderError::Article(ArticleError::UnsupportedVersion { found: "2".into() });
        assert!(
            !given.retryable(),
            "the host's own article fails the same way again"
        );
    }

    #[test]
    fn data_state_names_each_stage() {
        assert_eq!(FetchState::Loading.data_state(), "loading");
        assert_eq!(
            FetchState::Failed(Rc::new(http(404))).data_state(),
            "failed"
        );
        let article = parse_article(include_str!("../static/articles/seed.json")).unwrap();
        assert_eq!(FetchState::Ready(Rc::new(article)).data_state(), "ready");
    }

    #[test]
    fn a_state_equals_only_the_same_result() {
        // Equal contents in two loads are two results: comparing them never walks an article.
        let article = Rc::new(parse_article(include_str!("../static/articles/seed.json")).unwrap());
        let same = FetchState::Ready(article.clone());
        assert_eq!(FetchState::Ready(article.clone()), same);
        assert_ne!(FetchState::Ready(Rc::new((*article).clone())), same);
        let error = Rc::new(http(404));
        assert_eq!(FetchState::Failed(error.clone()), FetchState::Failed(error));
        assert_ne!(
            FetchState::Failed(Rc::new(http(404))),
            FetchState::Failed(Rc::new(http(404)))
        );
        assert_eq!(FetchState::Loading, FetchState::Loading);
        assert_ne!(FetchState::Loading, same);
    }

    #[test]
    fn invalid_utf8_reports_the_offset() {
        let err = article_from_bytes("a.json", b"{\"x\": \"\xff\"}").unwrap_err();
        assert_eq!(
            err,
            LoadError::new("a.json", LoadErrorKind::NotUtf8 { offset: 7 })
        );
    }

    #[test]
    fn bom_is_tolerated_and_empty_body_is_not_json() {
        let err = article_from_bytes("a.json", b"").unwrap_err();
        assert!(matches!(
            err.kind,
            LoadErrorKind::Article(ArticleError::NotJson { .. })
        ));
        let err = article_from_bytes("a.json", "\u{feff}{}".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("$.schemaVersion"), "{err}");
    }
}
