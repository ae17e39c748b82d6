//! Loading an article: the fetch-state enum, every way a load can fail, and the fetch itself.
//!
//! The failure kinds and their messages are plain data, covered by `cargo test`; only
//! [`fetch_article`] touches the browser. Each failure names what went wrong in terms a site
//! developer can act on: the HTTP status, the content type received, the JSON path of a bad field.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use crate::article::{parse_article, Article, ArticleError};
use crate::i18n::Lang;
use crate::options::OptionsError;

/// Where a load stands.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchState {
    /// A request is in flight.
    Loading,
    /// The article arrived and passed validation.
    Ready(Rc<Article>),
    /// There is no article to show; the reader shows why, with a retry button where it helps.
    Failed(Rc<ReaderError>),
}

impl FetchState {
    /// The reader root's `data-state` value: `loading`, `ready` or `failed`. Tests and host
    /// pages wait on it to know that a load has settled, rather than on any text.
    pub fn data_state(&self) -> &'static str {
        match self {
            FetchState::Loading => "loading",
            FetchState::Ready(_) => "ready",
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
    /// most, and a runaway response must not freeze the page.
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
            max_bytes: 5 * 1024 * 1024,
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
        let url = &self.url;
        match &self.kind {
            LoadErrorKind::BadAddress { reason } => {
                write!(f, "The article address {url:?} was refused: {reason}")
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
            LoadErrorKind::Timeout { ms } => write!(
                f,
                "Loading {url} took longer than {:.1} seconds and was stopped.",
                f64::from(*ms) / 1000.0
            ),
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
    let fail = |kind| LoadError::new(url, kind);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        fail(LoadErrorKind::NotUtf8 {
            offset: e.valid_up_to(),
        })
    })?;
    // A UTF-8 byte-order mark is legal in the wild though not in JSON; drop it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    parse_article(text).map_err(|e| fail(LoadErrorKind::Article(e)))
}

/// Turns an article whose body came as CMS HTML into a block article, with the browser's
/// parser (see `crate::html_import`). Articles with block bodies pass through untouched.
/// Browser only: it uses `DOMParser`.
pub fn import_html_body(mut article: Article) -> Result<Article, ArticleError> {
    let Some(html) = article.body_html.take() else {
        return Ok(article);
    };
    crate::html_import::prescan::check_html(&html, &crate::limits::Limits::default())
        .map_err(ArticleError::Limit)?;
    let no_text = |reason: &str| ArticleError::Schema {
        path: "$.bodyHtml".into(),
        reason: reason.into(),
    };
    let nodes = crate::html_import::dom::parse(&html)
        .ok_or_else(|| no_text("this browser could not parse HTML (no DOMParser)"))?;
    article.body = crate::html_import::import(&nodes);
    // A body that declares its direction or language on the element around everything speaks
    // for the article where the JSON does not: the import keeps such a declaration off the runs.
    article.dir = article
        .dir
        .or_else(|| crate::html_import::body_direction(&nodes));
    if article.in_language.is_none() {
        article.in_language = crate::html_import::body_language(&nodes).map(str::to_owned);
    }
    if article.body.is_empty() {
        return Err(no_text("the HTML body has no readable text"));
    }
    Ok(article)
}

/// Fetches and parses an article. `signal` cancels it from outside (a newer load, or the
/// reader being destroyed); the timeout aborts the same request from inside. Returns `None`
/// when cancelled from outside, since nobody is waiting for the result.
pub async fn fetch_article(
    url: &str,
    controller: &web_sys::AbortController,
    options: LoadOptions,
) -> Option<Result<Article, LoadError>> {
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        gloo_timers::callback::Timeout::new(options.timeout_ms.min(MAX_TIMEOUT_MS), move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let result = fetch_inner(url, &controller.signal(), options).await;
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

async fn fetch_inner(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: LoadOptions,
) -> Result<Article, LoadError> {
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
    let bytes = read_capped(response.body(), options.max_bytes)
        .await
        .map_err(|e| match e {
            ReadError::TooLarge => too_large(),
            ReadError::Js(detail) => fail(LoadErrorKind::Network { detail }),
        })?;
    import_html_body(article_from_bytes(url, &bytes)?)
        .and_then(|article| crate::limits::accept(article, &options.limits))
        .map_err(|e| fail(LoadErrorKind::Article(e)))
}

enum ReadError {
    TooLarge,
    Js(String),
}

/// Reads a response body chunk by chunk and stops (cancelling the stream) as soon as it passes
/// `limit`: a server that sends 50 MB, or never stops, costs at most `limit` bytes of memory.
async fn read_capped(
    body: Option<web_sys::ReadableStream>,
    limit: u64,
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
    let mut bytes = Vec::new();
    loop {
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
