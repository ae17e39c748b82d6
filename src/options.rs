//! The embedding API's options, checked in pure Rust.
//!
//! `mount(element, options)` takes what a host page's JavaScript passes: a URL string, or an
//! object `{ src | article, timeoutMs?, maxBytes?, lang? }`. `crate::embed` turns the JavaScript
//! value into JSON and hands it here, so every rule and message is covered by `cargo test`.

use serde_json::Value;

use crate::article::{article_from_value, Article};
use crate::load::{LoadError, LoadOptions};

/// Where a mounted reader gets its article.
#[derive(Clone, Debug, PartialEq)]
pub enum MountSource {
    /// Fetch from this address.
    Url(String),
    /// The article object the host passed, already validated.
    Article(Box<Article>),
}

/// Mount options after checking.
#[derive(Clone, Debug, PartialEq)]
pub struct MountOptions {
    /// What to show; an error is shown on the page in place of the article.
    pub source: Result<MountSource, LoadError>,
    /// Fetch limits.
    pub load: LoadOptions,
    /// Interface language until the article is known.
    pub lang: String,
}

fn bad(message: String) -> LoadError {
    LoadError::BadOptions(format!("mount(): {message}"))
}

/// Interprets mount options. Never fails outright: a problem becomes the `source` error, which
/// the reader renders on the page where the host developer will see it.
pub fn parse_mount_options(options: &Value) -> MountOptions {
    let mut parsed = MountOptions {
        source: Err(bad("no article given".into())),
        load: LoadOptions::default(),
        lang: "zh-CN".into(),
    };
    let map = match options {
        Value::String(url) => {
            parsed.source = url_source(url);
            return parsed;
        }
        Value::Object(map) => map,
        other => {
            parsed.source = Err(bad(format!(
                "options must be a URL string or an object like {{ src: \"article.json\" }}, got {other}"
            )));
            return parsed;
        }
    };
    if let Some(lang) = map.get("lang") {
        match lang.as_str() {
            Some(lang) if !lang.trim().is_empty() => parsed.lang = lang.to_owned(),
            _ => {
                parsed.source = Err(bad("`lang` must be a language tag such as \"en\"".into()));
                return parsed;
            }
        }
    }
    let positive = |key: &str| match map.get(key) {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or_else(|| bad(format!("`{key}` must be a positive whole number, got {v}"))),
    };
    match (positive("timeoutMs"), positive("maxBytes")) {
        (Err(e), _) | (_, Err(e)) => {
            parsed.source = Err(e);
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
    parsed.source = match (map.get("src"), map.get("article")) {
        (Some(_), Some(_)) => Err(bad("give either `src` or `article`, not both".into())),
        (Some(Value::String(url)), None) => url_source(url),
        (Some(other), None) => Err(bad(format!("`src` must be a string, got {other}"))),
        (None, Some(article)) => article_from_value(article.clone())
            .map(|a| MountSource::Article(Box::new(a)))
            .map_err(LoadError::Article),
        (None, None) => Err(bad(
            "give `src` (a URL) or `article` (an article object)".into()
        )),
    };
    parsed
}

fn url_source(url: &str) -> Result<MountSource, LoadError> {
    if url.trim().is_empty() {
        Err(bad("the article URL is empty".into()))
    } else {
        Ok(MountSource::Url(url.to_owned()))
    }
}

/// The article the standalone page shows when its URL names none.
pub const DEFAULT_ARTICLE: &str = "static/articles/seed.json";

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
        Some(origin) => Err(LoadError::BadAddress {
            url: param.to_owned(),
            reason: format!(
                "the standalone reader only loads articles from its own site ({page_origin}), not from {origin}"
            ),
        }),
        None => Err(LoadError::BadAddress {
            url: param.to_owned(),
            reason: "it is not a valid URL".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(v: Value) -> String {
        parse_mount_options(&v).source.unwrap_err().to_string()
    }

    #[test]
    fn a_string_is_a_url() {
        let o = parse_mount_options(&json!("a.json"));
        assert_eq!(o.source, Ok(MountSource::Url("a.json".into())));
        assert_eq!(o.load, LoadOptions::default());
    }

    #[test]
    fn object_options() {
        let o = parse_mount_options(&json!({"src": "a.json", "timeoutMs": 50, "lang": "en"}));
        assert_eq!(o.source, Ok(MountSource::Url("a.json".into())));
        assert_eq!(o.load.timeout_ms, 50);
        assert_eq!(o.lang, "en");
    }

    #[test]
    fn huge_timeouts_are_clamped_to_what_a_browser_timer_can_wait() {
        let o = parse_mount_options(&json!({"src": "a", "timeoutMs": 1e12 as u64}));
        assert_eq!(o.load.timeout_ms, crate::load::MAX_TIMEOUT_MS);
    }

    #[test]
    fn bad_options_say_what_is_wrong() {
        assert!(message(json!({})).contains("give `src`"));
        assert!(message(json!({"src": "a", "article": {}})).contains("not both"));
        assert!(message(json!({"src": 5})).contains("`src` must be a string"));
        assert!(message(json!({"src": "a", "timeoutMs": -1})).contains("`timeoutMs`"));
        assert!(message(json!(null)).contains("URL string or an object"));
        assert!(message(json!("  ")).contains("empty"));
    }

    #[test]
    fn an_invalid_article_object_reports_its_path() {
        let m = message(json!({"article": {"schemaVersion": 1, "headline": 3}}));
        assert!(m.contains("$."), "{m}");
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
        assert!(err
            .to_string()
            .contains("only loads articles from its own site"));
        assert!(check_standalone_article("data:,{}", Some("null"), "null").is_err());
        assert!(check_standalone_article("http://[", None, page).is_err());
    }
}
