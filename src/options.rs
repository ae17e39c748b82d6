//! The embedding API's options, checked in pure Rust.
//!
//! `mount(element, options)` takes what a host page's JavaScript passes: a URL string, or an
//! object `{ src | article, timeoutMs?, maxBytes?, lang?, embeds?, limits?, navigation?, bodyId?, elder? }`. `crate::embed`
//! turns the JavaScript value into JSON and hands it here, so every rule and message is
//! covered by `cargo test`.

use std::fmt;
use std::rc::Rc;

use serde_json::Value;

use crate::article::bidi::isolate;
use crate::article::{article_from_value, Article};
use crate::font_scale::Mode;
use crate::i18n::Lang;
use crate::limits::{Limit, LimitKind, Limits};
use crate::load::{LoadError, LoadErrorKind, LoadOptions, ReaderError};
use crate::route::Navigation;

/// What a reader shows, from the host's options to the view: one type all the way, so there
/// is nothing to convert at the boundary.
#[derive(Clone, Debug, PartialEq)]
pub enum ArticleSource {
    /// Fetch article JSON from this address (relative to the page).
    Url(Rc<str>),
    /// An article already parsed and validated (an article in the pure option rules, and
    /// tests that render a model directly).
    Given(Rc<Article>),
    /// An article the host gave to `mount()` as an object, as the JSON text `JSON.stringify`
    /// made of it. The reader parses and validates it after `mount()` has returned, in the same
    /// steps and tasks as a fetched one, so that `mount()` stays quick and both ways to give an
    /// article reach the same verdict.
    Json(Rc<str>),
    /// Nothing can be shown: the reason is rendered in place of the article.
    Unusable(Rc<ReaderError>),
}

impl ArticleSource {
    /// A source that shows `error` in place of an article.
    pub fn unusable(error: impl Into<ReaderError>) -> Self {
        ArticleSource::Unusable(Rc::new(error.into()))
    }

    /// The source with a given article passed through `step`, which may refuse it (the browser
    /// half of the HTML import); other sources are unchanged.
    pub fn map_given(
        self,
        step: impl FnOnce(Article) -> Result<Article, crate::article::ArticleError>,
    ) -> Self {
        match self {
            ArticleSource::Given(article) => {
                // Fresh from `parse_mount_options`, the article has no other owner, so this
                // moves it rather than copying it.
                let article = Rc::try_unwrap(article).unwrap_or_else(|shared| (*shared).clone());
                match step(article) {
                    Ok(article) => ArticleSource::Given(Rc::new(article)),
                    Err(e) => ArticleSource::unusable(ReaderError::Article(e)),
                }
            }
            other => other,
        }
    }
}

/// Mount options the reader cannot use. Not a load error: nothing was loaded, and trying
/// again cannot help; the host page has to change its call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError {
    message: String,
}

impl OptionsError {
    /// An error whose message says what is wrong, in a host developer's terms.
    pub fn new(message: impl Into<String>) -> Self {
        OptionsError {
            message: message.into(),
        }
    }
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "mount(): {}", self.message)
    }
}

/// Mount options after checking.
#[derive(Clone, Debug, PartialEq)]
pub struct MountOptions {
    /// What to show; a problem with the options is itself shown, in place of the article.
    pub source: ArticleSource,
    /// Fetch limits.
    pub load: LoadOptions,
    /// Interface language until the article is known.
    pub lang: Lang,
    /// The hosts whose players the article may frame.
    pub embeds: EmbedHosts,
    /// Whether the reader follows links to other articles itself (`navigation: "reader"`).
    pub navigation: Navigation,
    /// The id the article body takes, with a skip link to it first in the reader (`bodyId`;
    /// none by default: the id must be unique on the host's page, which only the host knows).
    pub body_id: Option<String>,
    /// Elder mode as the host asks for it (`elder: true` or `false`); `None` when not given.
    pub elder: Option<Mode>,
}

/// The longest `bodyId` accepted: an id, not a text.
pub const MAX_BODY_ID_CHARS: usize = 64;

/// Whether `id` may be the body's id: 1 to [`MAX_BODY_ID_CHARS`] ASCII letters, digits, `-` or
/// `_`, starting with a letter, so that it is also a valid URL fragment and CSS identifier
/// without escaping.
pub fn is_body_id(id: &str) -> bool {
    id.len() <= MAX_BODY_ID_CHARS
        && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The hosts whose players an article may show in a frame (mount option `embeds`). Empty by
/// default: every embed is then a card linking to where it plays, and the host page needs no
/// `frame-src` in its Content Security Policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedHosts(Rc<[String]>);

impl EmbedHosts {
    /// The allow-list, lowercased (host names are case-insensitive, and the browser's URL
    /// parser gives them in lowercase).
    pub fn new<S: AsRef<str>>(hosts: &[S]) -> Self {
        EmbedHosts(
            hosts
                .iter()
                .map(|h| h.as_ref().to_ascii_lowercase())
                .collect(),
        )
    }

    /// Whether a player on `host` (a URL's `hostname`, exactly: no wildcard, no subdomains)
    /// may be framed.
    pub fn allows(&self, host: &str) -> bool {
        !host.is_empty() && self.0.iter().any(|h| h.eq_ignore_ascii_case(host))
    }
}

/// Reads the `embeds` option: a list of bare host names. Anything else (a URL, a port, a
/// wildcard) is refused rather than guessed at, because it decides what may run in a frame.
fn embed_hosts(value: &Value) -> Result<EmbedHosts, ArticleSource> {
    let refuse = || {
        bad(format!(
            "`embeds` must be a list of host names such as [\"www.youtube.com\"], got {}",
            quoted(value)
        ))
    };
    let list = value.as_array().ok_or_else(refuse)?;
    let mut hosts = Vec::with_capacity(list.len());
    for item in list {
        let host = item.as_str().ok_or_else(refuse)?;
        let plain = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
        if !plain {
            return Err(refuse());
        }
        hosts.push(host);
    }
    Ok(EmbedHosts::new(&hosts))
}

/// Reads the `limits` option: an object of limit keys (`{ tableCells: 20000 }`), each set
/// under the rule of every numeric option, then kept within the limit's bounds. A value below
/// a limit's minimum is refused, because a host asking for less than a reader needs has made
/// a mistake; a value above its maximum is clamped, as `timeoutMs` is, because it asks for
/// "as much as you can". An unknown key is refused with the list of known ones: a misspelt
/// limit silently left at its default is the mistake a host would never notice.
fn host_limits(value: &Value) -> Result<Limits, ArticleSource> {
    let Value::Object(map) = value else {
        return Err(bad(format!(
            "`limits` must be an object such as {{ tableCells: 20000 }}, got {}",
            quoted(value)
        )));
    };
    let mut limits = Limits::default();
    for (key, value) in map {
        let Some(kind) = LimitKind::ALL.into_iter().find(|k| k.spec().key == key) else {
            let known: Vec<&str> = LimitKind::ALL.iter().map(|k| k.spec().key).collect();
            return Err(bad(format!(
                "`limits` has no key {}; the keys are {}",
                isolate(&format!("`{key}`")),
                known.join(", ")
            )));
        };
        let spec = kind.spec();
        let n = whole_number(value)
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            .filter(|n| *n >= spec.min)
            .ok_or_else(|| bad(limit_value_message(kind, &value.to_string())))?;
        limits.set(kind, n);
    }
    Ok(limits)
}

/// The message for a value of `limits.<key>` that is not allowed, `shown` as the host wrote
/// it (also for `Infinity` and `NaN`, which `crate::embed` catches before the JSON step).
pub fn limit_value_message(kind: LimitKind, shown: &str) -> String {
    let Limit { key, min, max, .. } = kind.spec();
    format!(
        "`limits.{key}` must be a whole number from {min} to {max} (a larger one is clamped to {max}), got {}",
        isolate(shown)
    )
}

/// A value the host gave, as a message quotes it: its JSON text, isolated (see
/// [`isolate`]) so that right-to-left letters or controls in it cannot reorder the message.
fn quoted(value: &Value) -> String {
    isolate(&value.to_string()).into_owned()
}

fn bad(message: String) -> ArticleSource {
    ArticleSource::unusable(OptionsError::new(message))
}

/// Interprets mount options. Never fails outright: a problem becomes an
/// [`ArticleSource::Unusable`] source, which the reader renders on the page where the host
/// developer will see it.
pub fn parse_mount_options(options: &Value) -> MountOptions {
    mount_options(options, None)
}

/// [`parse_mount_options`] for options whose `article` the host gave as an object and
/// `crate::embed` took out as JSON text (`article_json`): the options themselves then have no
/// `article` key, and the article becomes an [`ArticleSource::Json`] to be parsed later.
pub fn parse_mount_options_with_article(options: &Value, article_json: Rc<str>) -> MountOptions {
    mount_options(options, Some(article_json))
}

/// The `article` a host gave: still in the options, or taken out as JSON text.
enum GivenArticle<'a> {
    Value(&'a Value),
    Json(Rc<str>),
}

fn mount_options(options: &Value, article_json: Option<Rc<str>>) -> MountOptions {
    let mut parsed = MountOptions {
        source: bad("no article given".into()),
        load: LoadOptions::default(),
        lang: Lang::default(),
        embeds: EmbedHosts::default(),
        navigation: Navigation::default(),
        body_id: None,
        elder: None,
    };
    let map = match options {
        Value::String(url) => {
            parsed.source = url_source(url);
            return parsed;
        }
        Value::Object(map) => map,
        other => {
            parsed.source = bad(format!(
                "options must be a URL string or an object like {{ src: \"article.json\" }}, got {}",
                quoted(other)
            ));
            return parsed;
        }
    };
    if let Some(lang) = map.get("lang") {
        match lang.as_str() {
            Some(lang) if !lang.trim().is_empty() => parsed.lang = Lang::from_tag(lang),
            _ => {
                parsed.source = bad("`lang` must be a language tag such as \"en\"".into());
                return parsed;
            }
        }
    }
    if let Some(embeds) = map.get("embeds") {
        match embed_hosts(embeds) {
            Ok(hosts) => parsed.embeds = hosts,
            Err(refused) => {
                parsed.source = refused;
                return parsed;
            }
        }
    }
    if let Some(navigation) = map.get("navigation") {
        match navigation.as_str().and_then(Navigation::from_option) {
            Some(navigation) => parsed.navigation = navigation,
            None => {
                parsed.source = bad(format!(
                    "`navigation` must be \"links\" (the default: links load their page) or \"reader\" (the reader shows linked articles itself), got {}",
                    quoted(navigation)
                ));
                return parsed;
            }
        }
    }
    if let Some(id) = map.get("bodyId") {
        match id.as_str().filter(|id| is_body_id(id)) {
            Some(id) => parsed.body_id = Some(id.to_owned()),
            None => {
                parsed.source = bad(format!(
                    "`bodyId` must be an id for the article body (up to {MAX_BODY_ID_CHARS} ASCII letters, digits, \"-\" or \"_\", starting with a letter), got {}",
                    quoted(id)
                ));
                return parsed;
            }
        }
    }
    if let Some(elder) = map.get("elder") {
        match elder.as_bool() {
            Some(true) => parsed.elder = Some(Mode::Elder),
            Some(false) => parsed.elder = Some(Mode::Normal),
            None => {
                parsed.source = bad(format!(
                    "`elder` must be true (elder mode: large text, large targets, one column) or false, got {}",
                    quoted(elder)
                ));
                return parsed;
            }
        }
    }
    if let Some(limits) = map.get("limits") {
        match host_limits(limits) {
            Ok(limits) => parsed.load.limits = limits,
            Err(refused) => {
                parsed.source = refused;
                return parsed;
            }
        }
    }
    let positive = |key: &str| match map.get(key) {
        None => Ok(None),
        Some(v) => whole_number(v).map(Some).ok_or_else(|| {
            bad(format!(
                "`{key}` must be a positive whole number, got {}",
                quoted(v)
            ))
        }),
    };
    match (positive("timeoutMs"), positive("maxBytes")) {
        (Err(e), _) | (_, Err(e)) => {
            parsed.source = e;
            return parsed;
        }
        (Ok(timeout), Ok(max_bytes)) => {
            if let Some(ms) = timeout {
                parsed.load.timeout_ms = u32::try_from(ms)
                    .unwrap_or(u32::MAX)
                    .min(crate::load::MAX_TIMEOUT_MS);
            }
            if let Some(bytes) = max_bytes {
                parsed.load.max_bytes = bytes;
            }
        }
    }
    let article = match (map.get("article"), article_json) {
        (Some(value), _) => Some(GivenArticle::Value(value)),
        (None, Some(text)) => Some(GivenArticle::Json(text)),
        (None, None) => None,
    };
    parsed.source = match (map.get("src"), article) {
        (Some(_), Some(_)) => bad("give either `src` or `article`, not both".into()),
        (Some(Value::String(url)), None) => url_source(url),
        (Some(other), None) => bad(format!("`src` must be a string, got {}", quoted(other))),
        (None, Some(GivenArticle::Json(text))) => ArticleSource::Json(text),
        (None, Some(GivenArticle::Value(article))) => match article_from_value(article.clone()) {
            Ok(article) => ArticleSource::Given(Rc::new(article)),
            Err(e) => ArticleSource::unusable(ReaderError::Article(e)),
        },
        (None, None) => bad("give `src` (a URL) or `article` (an article object)".into()),
    };
    parsed
}

/// The one rule for numeric options: a JavaScript number that is finite, whole and at least 1.
/// JSON cannot tell `2` from `2.0`, and neither can JavaScript, so both are 2; a number too
/// large for `u64` saturates, to be clamped by the option's own maximum. Strings, fractions,
/// zero and negatives are refused. (`Infinity` and `NaN` never get here: `crate::embed` refuses
/// them before the JSON step, which would turn them into `null`.)
fn whole_number(value: &Value) -> Option<u64> {
    if let Some(n) = value.as_u64() {
        return Some(n).filter(|n| *n >= 1);
    }
    let n = value.as_f64()?;
    // `as` saturates: anything above `u64::MAX` becomes `u64::MAX`.
    (n.is_finite() && n.fract() == 0.0 && n >= 1.0).then_some(n as u64)
}

fn url_source(url: &str) -> ArticleSource {
    if url.trim().is_empty() {
        bad("the article URL is empty".into())
    } else {
        ArticleSource::Url(url.into())
    }
}

/// The article the standalone page shows when its URL names none.
pub const DEFAULT_ARTICLE: &str = "static/articles/seed.json";

/// What the standalone page's `?article=` parameter names: `None`, meaning
/// [`DEFAULT_ARTICLE`], when it is absent or blank. An empty `?article=` is a link that names
/// nothing (a template with no value filled in, a trimmed share link), so the reader shows the
/// home article rather than an error.
pub fn standalone_param(param: Option<String>) -> Option<String> {
    param.filter(|p| !p.trim().is_empty())
}

/// The standalone page reads `?article=PATH`. Only addresses on the page's own origin are
/// accepted: otherwise anyone could send a link that shows their own "article" under the
/// news site's address. `resolved_origin` is the origin the browser's URL parser gave the
/// parameter; `page_origin` is the page's.
pub fn check_standalone_article(
    param: &str,
    resolved_origin: Option<&str>,
    page_origin: &str,
) -> Result<(), LoadError> {
    match resolved_origin {
        Some(origin) if origin == page_origin && origin != "null" => Ok(()),
        Some(origin) => Err(LoadError::new(
            param,
            LoadErrorKind::BadAddress {
                reason: format!(
                    "the standalone reader only loads articles from its own site ({page_origin}), not from {origin}"
                ),
            },
        )),
        None => Err(LoadError::new(
            param,
            LoadErrorKind::BadAddress {
                reason: "it is not a valid URL".into(),
            },
        )),
    }
}

/// Elder mode as the standalone page's address asks for it: `?elder=1` (or `true`, or a bare
/// `?elder`) switches it on, `?elder=0` (or `false`) off, so that a site can link to either;
/// no parameter, or any other value, leaves the reader's remembered choice alone.
pub fn elder_param(value: Option<&str>) -> Option<Mode> {
    match value?.trim() {
        "" | "1" | "true" => Some(Mode::Elder),
        "0" | "false" => Some(Mode::Normal),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(v: Value) -> String {
        match parse_mount_options(&v).source {
            ArticleSource::Unusable(e) => e.to_string(),
            other => panic!("{v} was accepted as {other:?}"),
        }
    }

    #[test]
    fn a_quoted_value_that_is_not_ascii_is_isolated_and_balanced() {
        assert_eq!(
            message(json!({"src": "a", "timeoutMs": "\u{0627}\u{2069}"})),
            "mount(): `timeoutMs` must be a positive whole number, got \u{2068}\"\u{0627}\"\u{2069}"
        );
        assert_eq!(
            message(json!({"src": "a", "limits": {"\u{202E}x": 1}})),
            "mount(): `limits` has no key \u{2068}`\u{202E}x`\u{202C}\u{2069}; the keys are bodyHtmlBytes, htmlElements, blocks, listItems, tableCells, tableRows, tableColumns, runsPerParagraph, addressLength, textLength, runs, htmlDepth"
        );
        // ASCII is quoted as before.
        assert_eq!(
            message(json!({"src": 5})),
            "mount(): `src` must be a string, got 5"
        );
    }

    #[test]
    fn a_string_is_a_url() {
        let o = parse_mount_options(&json!("a.json"));
        assert_eq!(o.source, ArticleSource::Url("a.json".into()));
        assert_eq!(o.load, LoadOptions::default());
        assert_eq!(o.lang, Lang::Zh, "Chinese until the article says otherwise");
    }

    #[test]
    fn object_options() {
        let o = parse_mount_options(&json!({"src": "a.json", "timeoutMs": 50, "lang": "en"}));
        assert_eq!(o.source, ArticleSource::Url("a.json".into()));
        assert_eq!(o.load.timeout_ms, 50);
        assert_eq!(o.lang, Lang::En);
        let o = parse_mount_options(&json!({"src": "a.json", "lang": "zh-TW", "maxBytes": 10}));
        assert_eq!(o.lang, Lang::Zh);
        assert_eq!(o.load.max_bytes, 10);
    }

    #[test]
    fn huge_timeouts_are_clamped_to_what_a_browser_timer_can_wait() {
        let o = parse_mount_options(&json!({"src": "a", "timeoutMs": 1e12 as u64}));
        assert_eq!(o.load.timeout_ms, 2_147_483_647);
        let o = parse_mount_options(&json!({"src": "a", "timeoutMs": 2_147_483_647u64}));
        assert_eq!(o.load.timeout_ms, 2_147_483_647, "the limit itself is kept");
    }

    #[test]
    fn numeric_options_are_finite_whole_numbers_of_at_least_one() {
        let o = parse_mount_options(&json!({"src": "a", "timeoutMs": 1, "maxBytes": 1}));
        assert_eq!(
            (o.load.timeout_ms, o.load.max_bytes),
            (1, 1),
            "1 is the least"
        );
        let o = parse_mount_options(&json!({"src": "a", "timeoutMs": 2.0}));
        assert_eq!(o.load.timeout_ms, 2, "2.0 is 2 in JavaScript");
        let o = parse_mount_options(&json!({"src": "a", "timeoutMs": 1e20, "maxBytes": 1e300}));
        assert_eq!(o.load.timeout_ms, 2_147_483_647, "clamped, not refused");
        assert_eq!(o.load.max_bytes, u64::MAX);
        for (value, shown) in [
            (json!(0), "0"),
            (json!(-1), "-1"),
            (json!(0.5), "0.5"),
            (json!(1.5), "1.5"),
            (json!("100"), "\"100\""),
            (json!("0x10"), "\"0x10\""),
            (json!(null), "null"),
            (json!(true), "true"),
        ] {
            for key in ["timeoutMs", "maxBytes"] {
                assert_eq!(
                    message(json!({"src": "a", key: value})),
                    format!("mount(): `{key}` must be a positive whole number, got {shown}")
                );
            }
        }
    }

    #[test]
    fn limits_are_set_by_key_and_the_rest_keep_their_defaults() {
        let o = parse_mount_options(
            &json!({"src": "a", "limits": {"tableCells": 20000, "addressLength": 256}}),
        );
        assert_eq!(o.source, ArticleSource::Url("a".into()));
        assert_eq!(o.load.limits.get(LimitKind::TableCells), 20_000);
        assert_eq!(
            o.load.limits.get(LimitKind::AddressLength),
            256,
            "the minimum itself is kept"
        );
        assert_eq!(o.load.limits.get(LimitKind::TableRows), 2000);
        let o = parse_mount_options(&json!({"src": "a", "limits": {}}));
        assert_eq!(o.load.limits, Limits::default());
        let o = parse_mount_options(&json!({"src": "a", "limits": {"blocks": 6000.0}}));
        assert_eq!(
            o.load.limits.get(LimitKind::Blocks),
            6000,
            "6000.0 is 6000 in JavaScript"
        );
    }

    #[test]
    fn limits_above_their_maximum_are_clamped() {
        let o = parse_mount_options(
            &json!({"src": "a", "limits": {"tableCells": 1e12, "textLength": 1_000_001}}),
        );
        assert_eq!(o.source, ArticleSource::Url("a".into()));
        assert_eq!(o.load.limits.get(LimitKind::TableCells), 100_000);
        assert_eq!(o.load.limits.get(LimitKind::TextLength), 1_000_000);
        let o = parse_mount_options(&json!({"src": "a", "limits": {"tableColumns": 1000}}));
        assert_eq!(
            o.load.limits.get(LimitKind::TableColumns),
            1000,
            "the maximum itself is kept"
        );
    }

    #[test]
    fn limits_below_their_minimum_or_not_whole_numbers_are_refused_with_the_bounds() {
        for (value, shown) in [
            (json!(99), "99"),
            (json!(0), "0"),
            (json!(-1), "-1"),
            (json!(150.5), "150.5"),
            (json!("200"), "\"200\""),
            (json!(null), "null"),
        ] {
            assert_eq!(
                message(json!({"src": "a", "limits": {"tableCells": value}})),
                format!("mount(): `limits.tableCells` must be a whole number from 100 to 100000 (a larger one is clamped to 100000), got {shown}")
            );
        }
        assert_eq!(
            message(json!({"src": "a", "limits": {"addressLength": 255}})),
            "mount(): `limits.addressLength` must be a whole number from 256 to 65536 (a larger one is clamped to 65536), got 255"
        );
    }

    #[test]
    fn body_ids_are_plain_identifiers_of_a_bounded_length() {
        let body_id = |id: Value| parse_mount_options(&json!({ "src": "a.json", "bodyId": id }));
        assert_eq!(
            body_id(json!("main-text")).body_id.as_deref(),
            Some("main-text")
        );
        let longest = format!("a{}", "_".repeat(63));
        assert_eq!(
            body_id(json!(longest)).body_id.as_deref(),
            Some(longest.as_str())
        );
        assert_eq!(
            parse_mount_options(&json!({ "src": "a.json" })).body_id,
            None
        );
        let refused = ["", "1st", "a b", "a\"b", "é", "#body"]
            .into_iter()
            .map(|id| json!(id))
            .chain([json!(format!("a{}", "_".repeat(64))), json!(7), json!(null)]);
        for id in refused {
            let parsed = body_id(id.clone());
            assert_eq!(parsed.body_id, None, "{id}");
            match parsed.source {
                ArticleSource::Unusable(e) => {
                    assert!(e.to_string().contains("`bodyId` must be an id"), "{e}")
                }
                other => panic!("{id} accepted as {other:?}"),
            }
        }
    }

    #[test]
    fn an_unknown_limit_is_refused_with_the_known_keys() {
        assert_eq!(
            message(json!({"src": "a", "limits": {"tableCell": 20000}})),
            "mount(): `limits` has no key `tableCell`; the keys are bodyHtmlBytes, htmlElements, blocks, listItems, tableCells, tableRows, tableColumns, runsPerParagraph, addressLength, textLength, runs, htmlDepth"
        );
    }

    #[test]
    fn limits_must_be_an_object() {
        for (value, shown) in [
            (json!(5), "5"),
            (json!([1]), "[1]"),
            (json!(null), "null"),
            (json!("x"), "\"x\""),
        ] {
            assert_eq!(
                message(json!({"src": "a", "limits": value})),
                format!("mount(): `limits` must be an object such as {{ tableCells: 20000 }}, got {shown}")
            );
        }
    }

    #[test]
    fn refused_limits_are_options_errors_in_the_readers_language() {
        let o = parse_mount_options(&json!({"src": "a", "lang": "en", "limits": {"blocks": 1}}));
        let ArticleSource::Unusable(e) = &o.source else {
            panic!("accepted");
        };
        assert!(matches!(**e, ReaderError::Options(_)), "{e:?}");
        assert_eq!(
            e.summary(o.lang),
            "The reader was embedded with wrong options."
        );
        let o = parse_mount_options(&json!({"src": "a", "limits": {"blocks": 1}}));
        let ArticleSource::Unusable(e) = &o.source else {
            panic!("accepted");
        };
        assert_eq!(e.summary(o.lang), "嵌入阅读器的参数有误。");
    }

    #[test]
    fn a_given_article_is_checked_against_the_hosts_limits() {
        let paragraph = json!({"type": "paragraph", "content": "p"});
        let doc =
            |n| json!({"schemaVersion": 2, "headline": "h", "body": vec![paragraph.clone(); n]});
        let o = parse_mount_options(&json!({"article": doc(101), "limits": {"blocks": 100}}));
        let ArticleSource::Given(article) = o.source else {
            panic!("refused while parsing");
        };
        let refused = crate::limits::accept((*article).clone(), &o.load.limits).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "$.body[100]: at least 101 blocks, where limits.blocks allows at most 100"
        );
        let o = parse_mount_options(&json!({"article": doc(100), "limits": {"blocks": 100}}));
        let ArticleSource::Given(article) = o.source else {
            panic!("refused while parsing");
        };
        assert!(crate::limits::accept((*article).clone(), &o.load.limits).is_ok());
    }

    #[test]
    fn bad_options_say_what_is_wrong() {
        assert_eq!(
            message(json!({})),
            "mount(): give `src` (a URL) or `article` (an article object)"
        );
        assert!(message(json!({"src": "a", "article": {}})).contains("not both"));
        assert!(message(json!({"src": 5})).contains("`src` must be a string"));
        assert!(message(json!({"src": "a", "timeoutMs": -1})).contains("`timeoutMs`"));
        assert!(message(json!({"src": "a", "lang": " "})).contains("`lang`"));
        assert!(message(json!(null)).contains("URL string or an object"));
        assert_eq!(message(json!("  ")), "mount(): the article URL is empty");
    }

    #[test]
    fn bad_options_are_options_errors_not_load_errors() {
        let o = parse_mount_options(&json!({"src": 5}));
        assert!(
            matches!(&o.source, ArticleSource::Unusable(e) if matches!(**e, ReaderError::Options(_))),
            "{:?}",
            o.source
        );
    }

    #[test]
    fn an_invalid_article_object_reports_its_path() {
        let o = parse_mount_options(&json!({"article": {"schemaVersion": 1, "headline": 3}}));
        let ArticleSource::Unusable(e) = o.source else {
            panic!("accepted");
        };
        assert!(matches!(*e, ReaderError::Article(_)), "{e:?}");
        assert!(e.to_string().contains("$."), "{e}");
    }

    #[test]
    fn map_given_refuses_or_keeps_the_article() {
        let seed: Value =
            serde_json::from_str(include_str!("../static/articles/seed.json")).unwrap();
        let given = parse_mount_options(&json!({ "article": seed })).source;
        let ArticleSource::Given(article) = given.clone() else {
            panic!("the seed article was refused");
        };
        let kept = given.clone().map_given(Ok);
        assert_eq!(kept, ArticleSource::Given(article));
        let refused = given.map_given(|_| {
            Err(crate::article::ArticleError::UnsupportedVersion { found: "9".into() })
        });
        let ArticleSource::Unusable(e) = refused else {
            panic!("not refused");
        };
        assert!(matches!(*e, ReaderError::Article(_)));
        let url = ArticleSource::Url("a.json".into());
        assert_eq!(url.clone().map_given(Ok), url);
    }

    #[test]
    fn embeds_is_an_allow_list_of_exact_host_names() {
        let o =
            parse_mount_options(&json!({"src": "a", "embeds": ["WWW.YouTube.com", "v.qq.com"]}));
        assert!(matches!(o.source, ArticleSource::Url(_)));
        assert!(o.embeds.allows("www.youtube.com"));
        assert!(o.embeds.allows("v.qq.com"));
        assert!(!o.embeds.allows("youtube.com"), "no subdomain matching");
        assert!(!o.embeds.allows("evil.v.qq.com"));
        assert!(!o.embeds.allows(""));
        let none = parse_mount_options(&json!({"src": "a"}));
        assert!(!none.embeds.allows("www.youtube.com"), "default: no frames");
        assert_eq!(none.embeds, EmbedHosts::default());
    }

    #[test]
    fn embeds_refuses_anything_but_host_names() {
        for bad in [
            json!("www.youtube.com"),
            json!(["https://www.youtube.com"]),
            json!(["*.youtube.com"]),
            json!(["www.youtube.com:443"]),
            json!([""]),
            json!([5]),
        ] {
            let m = message(json!({"src": "a", "embeds": bad}));
            assert!(
                m.starts_with("mount(): `embeds` must be a list of host names such as [\"www.youtube.com\"], got "),
                "{m}"
            );
        }
    }

    #[test]
    fn an_absent_or_blank_article_parameter_means_the_default_article() {
        assert_eq!(standalone_param(None), None);
        assert_eq!(standalone_param(Some(String::new())), None);
        assert_eq!(standalone_param(Some(" \t".into())), None);
        assert_eq!(
            standalone_param(Some("static/a.json".into())).as_deref(),
            Some("static/a.json")
        );
    }

    #[test]
    fn standalone_accepts_only_its_own_origin() {
        let page = "http://127.0.0.1:8080";
        assert!(check_standalone_article("static/a.json", Some(page), page).is_ok());
        let err = check_standalone_article(
            "https://evil.example/a.json",
            Some("https://evil.example"),
            page,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "The article address \"https://evil.example/a.json\" was refused: the standalone reader only loads articles from its own site (http://127.0.0.1:8080), not from https://evil.example"
        );
        assert!(check_standalone_article("data:,{}", Some("null"), "null").is_err());
        assert!(check_standalone_article("http://[", None, page).is_err());
    }

    #[test]
    fn elder_is_true_or_false_and_nothing_else() {
        assert_eq!(parse_mount_options(&json!({"src": "a"})).elder, None);
        assert_eq!(
            parse_mount_options(&json!({"src": "a", "elder": true})).elder,
            Some(Mode::Elder)
        );
        let off = parse_mount_options(&json!({"src": "a", "elder": false}));
        assert_eq!(off.elder, Some(Mode::Normal));
        assert!(matches!(off.source, ArticleSource::Url(_)));
        for bad in [json!("true"), json!(1), json!(null), json!("elder")] {
            assert_eq!(
                message(json!({"src": "a", "elder": bad.clone()})),
                format!("mount(): `elder` must be true (elder mode: large text, large targets, one column) or false, got {bad}"),
            );
        }
    }

    #[test]
    fn the_elder_parameter_switches_on_or_off_or_is_ignored() {
        for on in ["1", "true", "", " 1 "] {
            assert_eq!(elder_param(Some(on)), Some(Mode::Elder), "{on:?}");
        }
        for off in ["0", "false"] {
            assert_eq!(elder_param(Some(off)), Some(Mode::Normal), "{off:?}");
        }
        for other in ["2", "yes", "on", "TRUE"] {
            assert_eq!(elder_param(Some(other)), None, "{other:?}");
        }
        assert_eq!(elder_param(None), None);
    }
}
