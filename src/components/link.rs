//! Links and images from content, after the URL policy.
//!
//! The browser's own URL parser resolves each address against the article's location; the
//! resolved protocol is checked by `crate::url_policy`. An address that fails renders its text
//! without a link (or an explanatory note instead of an image), so nothing is lost and nothing
//! unsafe is clickable. Outside a browser (the prerender command) there is no URL parser to ask:
//! the `url` crate, an implementation of the same WHATWG URL standard, resolves instead, and the
//! same policy decides on what it resolved.

use std::rc::Rc;

use yew::prelude::*;

use crate::article::TextDirection;
use crate::url_policy::{allowed_protocol, precheck, UrlUse};

/// The address relative links resolve against: the article's `url`, else the page's base URI.
/// Made once per article by the page, which hands it to the parts that render links.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkBase(pub Rc<str>);

impl LinkBase {
    /// The page's base URI, or `about:blank` where there is no document (against which only
    /// absolute addresses resolve, so nothing relative can pass by accident).
    #[cfg(target_arch = "wasm32")]
    pub fn of_document() -> LinkBase {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_else(|| "about:blank".to_owned());
        LinkBase(base.into())
    }

    /// Outside a browser there is no document, so `about:blank`: a prerendered page's address
    /// comes from [`super::StaticPage`] instead (see [`LinkBase::for_article_on`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_document() -> LinkBase {
        LinkBase("about:blank".into())
    }

    /// The base for an article's links: its `url` resolved against the page (it may itself be
    /// relative), or the page's base when it has none or it does not parse.
    #[cfg(target_arch = "wasm32")]
    pub fn for_article(url: Option<&str>) -> LinkBase {
        let document = LinkBase::of_document();
        url.and_then(|u| web_sys::Url::new_with_base(u, &document.0).ok())
            .map(|u| LinkBase(u.href().into()))
            .unwrap_or(document)
    }

    /// The base for an article's links: its `url` resolved against the page (it may itself be
    /// relative), or the page's base when it has none or it does not parse.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn for_article(url: Option<&str>) -> LinkBase {
        LinkBase::for_article_on(url, None)
    }

    /// [`LinkBase::for_article`] on a page whose address is `page` (a prerendered page, see
    /// [`super::StaticPage`]); on no page at all (`about:blank`) when `page` is `None`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn for_article_on(url: Option<&str>, page: Option<&str>) -> LinkBase {
        let document = match page {
            Some(page) => LinkBase(page.into()),
            None => LinkBase::of_document(),
        };
        url.and_then(|u| resolve(u, &document.0))
            .map(|resolved| LinkBase(resolved.href.into()))
            .unwrap_or(document)
    }
}

/// An address as a WHATWG URL parser resolved it: what the policy decides on.
#[cfg(not(target_arch = "wasm32"))]
pub struct ResolvedUrl {
    /// The scheme with its colon, lowercase (`"https:"`), as `URL.protocol` gives it.
    pub protocol: String,
    /// The whole serialized address, as `URL.href` gives it.
    pub href: String,
}

/// Resolves `raw` against `base` as `new URL(raw, base)` does in a browser (the `url` crate
/// implements the same WHATWG standard: a base that is not absolute, or a relative address
/// against a base that cannot have one, such as `about:blank`, fails alike); `None` where the
/// browser would throw. The wasm build asks the browser's own parser instead.
#[cfg(not(target_arch = "wasm32"))]
pub fn resolve(raw: &str, base: &str) -> Option<ResolvedUrl> {
    let url = url::Url::parse(base).ok()?.join(raw).ok()?;
    Some(ResolvedUrl {
        protocol: format!("{}:", url.scheme()),
        href: url.into(),
    })
}

/// Whether a link is the page the reader is on (`aria-current`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AriaCurrent {
    /// An ordinary link.
    #[default]
    Elsewhere,
    /// The current page, such as the last breadcrumb.
    Page,
}

impl AriaCurrent {
    /// The `aria-current` attribute value, absent for an ordinary link.
    pub fn value(self) -> Option<&'static str> {
        match self {
            AriaCurrent::Elsewhere => None,
            AriaCurrent::Page => Some("page"),
        }
    }
}

/// Resolves `raw` against `base` with the browser's URL parser and returns the absolute
/// address if the policy allows it for `usage`.
#[cfg(target_arch = "wasm32")]
pub fn safe_url(raw: &str, usage: UrlUse, base: &str) -> Option<String> {
    if !precheck(raw, usage) {
        return None;
    }
    let url = web_sys::Url::new_with_base(raw, base).ok()?;
    allowed_protocol(&url.protocol(), usage).then(|| url.href())
}

/// [`safe_url`] outside a browser: the same policy on what [`resolve`] makes of `raw`.
#[cfg(not(target_arch = "wasm32"))]
pub fn safe_url(raw: &str, usage: UrlUse, base: &str) -> Option<String> {
    if !precheck(raw, usage) {
        return None;
    }
    let url = resolve(raw, base)?;
    allowed_protocol(&url.protocol, usage).then_some(url.href)
}

/// A link whose address (`href`, as the content gave it) passed the URL policy once resolved
/// against `base`, or its content (`children`) as plain text if it did not; `class` is its
/// CSS classes (none when empty), `aria_label` an accessible name when the visible text alone
/// is ambiguous (更多>>), and `current` marks the current page (the last breadcrumb).
///
/// Its text comes from content, so it is a bidirectional isolate (`dir="auto"`): a stray
/// U+202E in one link's text cannot reorder anything outside the link, and an Arabic title in
/// a Chinese list keeps its own direction.
///
/// A function rather than a component: it has no state of its own (its callers hold the base),
/// and a component would cost each of its many call sites a props builder, and the Wasm a copy
/// of Yew's lifecycle code.
pub fn safe_link(
    base: &str,
    href: &str,
    class: &'static str,
    aria_label: Option<AttrValue>,
    current: AriaCurrent,
    children: Html,
) -> Html {
    let href = safe_url(href, UrlUse::Link, base).map(AttrValue::from);
    link_view(
        href,
        children,
        Classes::from(class),
        aria_label,
        current,
        TextDirection::Auto,
    )
}

/// What [`safe_link`] renders once its address is resolved: a link to `href` when the policy
/// passed it, else the content as plain text, either way a bidirectional isolate in direction
/// `dir` (`Auto` unless the caller has found the direction itself). Body text calls it directly
/// with an address it resolved once for all the links that share it (see
/// `inline::Ctx::link_url`).
pub fn link_view(
    href: Option<AttrValue>,
    children: Html,
    class: Classes,
    aria_label: Option<AttrValue>,
    current: AriaCurrent,
    dir: TextDirection,
) -> Html {
    let current = current.value();
    let dir = dir.as_str();
    match href {
        Some(href) => html! {
            <a href={href} class={class} aria-label={aria_label} aria-current={current}
               dir={dir}>
                { children }
            </a>
        },
        None => html! {
            <span class={classes!(class, "ar-unlinked")} aria-current={current} dir={dir}>
                { children }
            </span>
        },
    }
}

/// The native resolver (the prerender command's) against the policy's own cases: it must
/// refuse what the browser's parser makes a script or data address, and resolve like it.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const PAGE: &str = "https://news.example.org/2020/07/a.html";

    #[test]
    fn relative_addresses_resolve_against_the_page() {
        assert_eq!(
            safe_url("../b.html?x=1#n", UrlUse::Link, PAGE).as_deref(),
            Some("https://news.example.org/2020/b.html?x=1#n")
        );
        assert_eq!(
            safe_url("/?article=static/articles/seed.json", UrlUse::Link, PAGE).as_deref(),
            Some("https://news.example.org/?article=static/articles/seed.json")
        );
        assert_eq!(
            safe_url("mailto:editor@example.org", UrlUse::Link, PAGE).as_deref(),
            Some("mailto:editor@example.org")
        );
    }

    #[test]
    fn script_addresses_and_their_disguises_are_refused() {
        for bad in [
            "javascript:alert(1)",
            " jAvA\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
        ] {
            assert_eq!(safe_url(bad, UrlUse::Link, PAGE), None, "{bad:?}");
        }
        assert_eq!(safe_url("mailto:a@example.org", UrlUse::Image, PAGE), None);
    }

    #[test]
    fn without_a_page_only_absolute_addresses_resolve() {
        assert_eq!(safe_url("/a", UrlUse::Link, "about:blank"), None);
        assert_eq!(
            safe_url("https://example.org/a", UrlUse::Link, "about:blank").as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(
            LinkBase::for_article_on(Some("/x/y.html"), None).0.as_ref(),
            "about:blank"
        );
        assert_eq!(
            LinkBase::for_article_on(Some("/x/y.html"), Some(PAGE))
                .0
                .as_ref(),
            "https://news.example.org/x/y.html"
        );
    }
}
