//! Loading an article: the fetch-state enum, every way a load can fail, and the fetch itself.
//!
//! The failure kinds and their messages are plain data, covered by `cargo test`; only
//! [`fetch_article`] touches the browser. Each failure names what went wrong in terms a site
//! developer can act on: the HTTP status, the content type received, the JSON path of a bad field.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use crate::article::{parse_article, Article, ArticleError};

/// Where a load stands.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchState {
    /// A request is in flight.
    Loading,
    /// The article arrived and passed validation.
    Ready(Rc<Article>),
    /// The load failed; the reader shows why, with a retry button.
    Failed(Rc<LoadError>),
}

/// The longest timeout a browser timer can wait (2^31 - 1 ms, about 24.8 days); larger values
/// wrap around and fire at once, so options are clamped to it.
pub const MAX_TIMEOUT_MS: u32 = i32::MAX as u32;

/// Limits on one load. Defaults suit a news article over a slow phone connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// Give up (and abort the request) after this many milliseconds (at most
    /// [`MAX_TIMEOUT_MS`]).
    pub timeout_ms: u32,
    /// Refuse bodies larger than this many bytes: a text article is a few hundred kilobytes at
    /// most, and a runaway response must not freeze the page.
    pub max_bytes: u64,
    /// Refuse a response that ended up on another origin (after redirects). The standalone
    /// page sets it: its same-origin rule must hold for where the article really came from.
    pub same_origin_only: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            timeout_ms: 15_000,
            max_bytes: 5 * 1024 * 1024,
            same_origin_only: false,
        }
    }
}

/// Every way a load can fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The address was refused before any request (e.g. another origin in the standalone route).
    BadAddress {
        /// The address as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// The request never got an HTTP answer (offline, DNS, CORS, refused connection).
    Network {
        /// The address requested.
        url: String,
        /// The browser's description.
        detail: String,
    },
    /// No complete answer within the time limit; the request was aborted.
    Timeout {
        /// The address requested.
        url: String,
        /// The limit that ran out.
        ms: u32,
    },
    /// The server answered with a status other than 2xx.
    Http {
        /// The address requested.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The reason phrase, if the server sent one.
        status_text: String,
    },
    /// The server answered with something other than JSON.
    ContentType {
        /// The address requested.
        url: String,
        /// The `Content-Type` received (empty when absent).
        found: String,
    },
    /// The body is larger than [`LoadOptions::max_bytes`].
    TooLarge {
        /// The address requested.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The body is not UTF-8, which JSON requires.
    NotUtf8 {
        /// The address requested.
        url: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The body was read but is not a valid article.
    Article(ArticleError),
    /// The host page called the embedding API with unusable options.
    BadOptions(String),
}

impl LoadError {
    /// A one-sentence summary for readers, in the interface language; the `Display` text (the
    /// technical detail, in English) is shown under it. Chinese readers get Chinese summaries
    /// because the reader's primary audience reads Chinese; the detail stays in English because
    /// its parts (serde's reasons, HTTP phrases) come from English-only sources.
    pub fn summary(&self, chinese: bool) -> String {
        let schema_path = |path: &str| {
            if chinese {
                format!("文章数据不符合格式要求，问题在 {path}。")
            } else {
                format!("The article data is not in the expected format, at {path}.")
            }
        };
        let (zh, en): (&str, &str) = match self {
            LoadError::BadAddress { .. } => (
                "不能从这个地址加载文章。",
                "The reader cannot load an article from this address.",
            ),
            LoadError::Network { .. } => (
                "无法连接到服务器，请检查网络后重试。",
                "The server could not be reached. Check the connection and try again.",
            ),
            LoadError::Timeout { .. } => (
                "加载超时，请稍后重试。",
                "Loading took too long. Try again later.",
            ),
            LoadError::Http { status, .. } if *status == 404 || *status == 410 => {
                ("找不到这篇文章。", "This article was not found.")
            }
            LoadError::Http { status, .. } if *status >= 500 => (
                "服务器暂时出错，请稍后重试。",
                "The server had a problem. Try again later.",
            ),
            LoadError::Http { .. } => ("服务器拒绝了请求。", "The server refused the request."),
            LoadError::ContentType { .. } | LoadError::NotUtf8 { .. } => (
                "服务器返回的不是文章数据。",
                "The server did not send article data.",
            ),
            LoadError::TooLarge { .. } => (
                "文章数据太大，无法显示。",
                "The article data is too large to show.",
            ),
            LoadError::Article(ArticleError::NotJson { .. }) => (
                "文章数据已损坏（不是有效的 JSON）。",
                "The article data is damaged (not valid JSON).",
            ),
            LoadError::Article(ArticleError::UnsupportedVersion { .. }) => (
                "文章数据的版本过新，本阅读器无法读取。",
                "The article data is of a newer version than this reader understands.",
            ),
            LoadError::Article(ArticleError::Schema { path, .. }) => return schema_path(path),
            LoadError::BadOptions(_) => (
                "嵌入阅读器的参数有误。",
                "The reader was embedded with wrong options.",
            ),
        };
        (if chinese { zh } else { en }).to_owned()
    }

    /// Whether retrying the same fetch could help. Everything a server can fix counts (a status,
    /// a content type, a malformed document that gets republished); a refused address or bad
    /// options will fail the same way.
    pub fn retryable(&self) -> bool {
        !matches!(
            self,
            LoadError::BadAddress { .. } | LoadError::BadOptions(_)
        )
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::BadAddress { url, reason } => {
                write!(f, "The article address {url:?} was refused: {reason}")
            }
            LoadError::Network { url, detail } => write!(
                f,
                "Network error while loading {url}: {detail}. Check the connection and that the server allows this page to read it (CORS)."
            ),
            LoadError::Timeout { url, ms } => write!(
                f,
                "Loading {url} took longer than {:.1} seconds and was stopped.",
                f64::from(*ms) / 1000.0
            ),
            LoadError::Http {
                url,
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
            LoadError::ContentType { url, found } => {
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
            LoadError::TooLarge { url, limit } => write!(
                f,
                "The response from {url} is larger than the limit for an article ({}).",
                human_bytes(*limit)
            ),
            LoadError::NotUtf8 { url, offset } => write!(
                f,
                "The response from {url} is not UTF-8 text (invalid byte sequence at byte {offset})."
            ),
            LoadError::Article(e) => e.fmt(f),
            LoadError::BadOptions(message) => f.write_str(message),
        }
    }
}

/// A byte count as people read it: `1000 bytes`, `64 KiB`, `5 MiB`.
fn human_bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else if n >= KIB && n % KIB == 0 {
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
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        url: url.to_owned(),
        offset: e.valid_up_to(),
    })?;
    // A UTF-8 byte-order mark is legal in the wild though not in JSON; drop it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    parse_article(text).map_err(LoadError::Article)
}

/// Turns an article whose body came as CMS HTML into a block article, with the browser's
/// parser (see `crate::html_import`). Articles with block bodies pass through untouched.
/// Browser only: it uses `DOMParser`.
pub fn import_html_body(mut article: Article) -> Result<Article, LoadError> {
    let Some(html) = article.body_html.take() else {
        return Ok(article);
    };
    let no_text = |reason: &str| {
        LoadError::Article(ArticleError::Schema {
            path: "$.bodyHtml".into(),
            reason: reason.into(),
        })
    };
    let nodes = crate::html_import::dom::parse(&html)
        .ok_or_else(|| no_text("this browser could not parse HTML (no DOMParser)"))?;
    article.body = crate::html_import::import(&nodes);
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
        return Some(Err(LoadError::Timeout {
            url: url.to_owned(),
            ms: options.timeout_ms,
        }));
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
    let network = |e: gloo_net::Error| LoadError::Network {
        url: url.to_owned(),
        detail: e.to_string(),
    };
    let response = gloo_net::http::Request::get(url)
        .abort_signal(Some(signal))
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(network)?;
    if options.same_origin_only {
        let page = web_sys::window().and_then(|w| w.location().origin().ok());
        let landed = web_sys::Url::new(&response.url()).ok().map(|u| u.origin());
        if page.is_none() || page != landed {
            return Err(LoadError::BadAddress {
                url: url.to_owned(),
                reason: format!(
                    "it redirected to another site ({}), and the standalone reader only shows articles from its own",
                    landed.unwrap_or_default()
                ),
            });
        }
    }
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if !is_json_content_type(&content_type) {
        return Err(LoadError::ContentType {
            url: url.to_owned(),
            found: content_type,
        });
    }
    let too_large = || LoadError::TooLarge {
        url: url.to_owned(),
        limit: options.max_bytes,
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
            ReadError::Js(detail) => LoadError::Network {
                url: url.to_owned(),
                detail,
            },
        })?;
    import_html_body(article_from_bytes(url, &bytes)?)
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
        let http = LoadError::Http {
            url: "a.json".into(),
            status: 404,
            status_text: String::new(),
        };
        assert_eq!(
            http.to_string(),
            "The server answered HTTP 404 Not Found for a.json. Is the article address right?"
        );
        let ct = LoadError::ContentType {
            url: "a.json".into(),
            found: "text/html".into(),
        };
        assert!(ct.to_string().contains("text/html"));
        let t = LoadError::Timeout {
            url: "a.json".into(),
            ms: 2500,
        };
        assert!(t.to_string().contains("2.5 seconds"));
        let big = LoadError::TooLarge {
            url: "a.json".into(),
            limit: 5 * 1024 * 1024,
        };
        assert!(big.to_string().ends_with("(5 MiB)."), "{big}");
        assert_eq!(human_bytes(1000), "1000 bytes");
        assert_eq!(human_bytes(64 * 1024), "64 KiB");
    }

    #[test]
    fn summaries_speak_the_readers_language() {
        let e = LoadError::Http {
            url: "a.json".into(),
            status: 404,
            status_text: String::new(),
        };
        assert_eq!(e.summary(true), "找不到这篇文章。");
        assert_eq!(e.summary(false), "This article was not found.");
        let e = LoadError::Article(ArticleError::Schema {
            path: "$.body[3].type".into(),
            reason: "x".into(),
        });
        assert!(e.summary(true).contains("$.body[3].type"));
    }

    #[test]
    fn invalid_utf8_reports_the_offset() {
        let err = article_from_bytes("a.json", b"{\"x\": \"\xff\"}").unwrap_err();
        assert_eq!(
            err,
            LoadError::NotUtf8 {
                url: "a.json".into(),
                offset: 7
            }
        );
    }

    #[test]
    fn bom_is_tolerated_and_empty_body_is_not_json() {
        let err = article_from_bytes("a.json", b"").unwrap_err();
        assert!(matches!(
            err,
            LoadError::Article(ArticleError::NotJson { .. })
        ));
        let err = article_from_bytes("a.json", "\u{feff}{}".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("$.schemaVersion"), "{err}");
    }
}
