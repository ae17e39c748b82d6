//! The one URL policy for every address that comes from content.
//!
//! Breadcrumbs, the source, body links, related and sidebar items, "more" links and images all
//! pass through here before they reach an `href` or `src`. The decision is made on what the
//! browser itself would load: `components::link` resolves the raw text with the browser's URL
//! parser (against the article's location) and asks [`allowed_protocol`] about the resulting
//! protocol, so no disguise (`" jAvA\tscript:"`, control characters, mixed case) can make the
//! policy and the browser disagree. [`scheme_of`] is the same rule in pure Rust, used as a first
//! filter and by native tests.

/// What a URL will be used for; images may load fewer schemes than links may navigate to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// An `<a href>`: http, https, mailto or relative.
    Link,
    /// An `<img src>`: http, https or relative.
    Image,
}

/// Whether a resolved protocol (as `URL.protocol` gives it: lowercase with the colon, e.g.
/// `"https:"`) is allowed for this use.
pub fn allowed_protocol(protocol: &str, usage: UrlUse) -> bool {
    match usage {
        UrlUse::Link => matches!(protocol, "http:" | "https:" | "mailto:"),
        UrlUse::Image => matches!(protocol, "http:" | "https:"),
    }
}

/// The scheme a URL parser would read from `raw`, lowercased, or `None` for a relative
/// reference. Mirrors the WHATWG URL standard's preprocessing: leading and trailing C0 controls
/// and spaces are stripped, and ASCII tabs and newlines anywhere are removed, before the scheme
/// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`) is read.
pub fn scheme_of(raw: &str) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// The pure verdict: a relative reference, or a scheme the use allows. The browser-side check
/// in `components::link` repeats the decision on the parsed URL; both must agree to pass.
pub fn precheck(raw: &str, usage: UrlUse) -> bool {
    if raw.trim_matches(|c: char| c <= ' ').is_empty() {
        return false;
    }
    match scheme_of(raw) {
        None => true,
        Some(scheme) => allowed_protocol(&format!("{scheme}:"), usage),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_web_links_and_relative_references_pass() {
        for ok in [
            "https://example.org/a",
            "HTTP://EXAMPLE.ORG",
            "mailto:editor@example.org",
            "/channel/index.html",
            "../202007/t20200701.html",
            "?article=static/articles/reader-en.json",
            "#top",
            "page.html?x=a:b",
        ] {
            assert!(precheck(ok, UrlUse::Link), "{ok:?}");
        }
    }

    #[test]
    fn script_schemes_and_their_disguises_fail() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "",
            "   ",
        ] {
            assert!(!precheck(bad, UrlUse::Link), "{bad:?}");
        }
    }

    #[test]
    fn images_do_not_take_mailto() {
        assert!(!precheck("mailto:a@example.org", UrlUse::Image));
        assert!(!precheck("data:image/png;base64,AAAA", UrlUse::Image));
        assert!(precheck("https://example.org/a.png", UrlUse::Image));
        assert!(precheck("img/a.png", UrlUse::Image));
    }
}
