//! Links and images from content, after the URL policy.
//!
//! The browser's own URL parser resolves each address against the article's location; the
//! resolved protocol is checked by `crate::url_policy`. An address that fails renders its text
//! without a link (or an explanatory note instead of an image), so nothing is lost and nothing
//! unsafe is clickable.

use std::rc::Rc;

use yew::prelude::*;

use crate::article::TextDirection;
use crate::url_policy::{allowed_protocol, precheck, UrlUse};

/// The address relative links resolve against: the article's `url`, else the page's base URI.
/// Provided once per reader as a Yew context.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkBase(pub Rc<str>);

impl LinkBase {
    /// The page's base URI, or `about:blank` where there is no document (against which only
    /// absolute addresses resolve, so nothing relative can pass by accident).
    pub fn of_document() -> LinkBase {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_else(|| "about:blank".to_owned());
        LinkBase(base.into())
    }

    /// The base for an article's links: its `url` resolved against the page (it may itself be
    /// relative), or the page's base when it has none or it does not parse.
    pub fn for_article(url: Option<&str>) -> LinkBase {
        let document = LinkBase::of_document();
        url.and_then(|u| web_sys::Url::new_with_base(u, &document.0).ok())
            .map(|u| LinkBase(u.href().into()))
            .unwrap_or(document)
    }
}

/// The base of the reader around the calling component, or the page's own outside a reader.
#[hook]
pub fn use_link_base() -> LinkBase {
    use_context::<LinkBase>().unwrap_or_else(LinkBase::of_document)
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
pub fn safe_url(raw: &str, usage: UrlUse, base: &str) -> Option<String> {
    if !precheck(raw, usage) {
        return None;
    }
    let url = web_sys::Url::new_with_base(raw, base).ok()?;
    allowed_protocol(&url.protocol(), usage).then(|| url.href())
}

/// Props of [`SafeLink`].
#[derive(Properties, PartialEq)]
pub struct SafeLinkProps {
    /// The address as the content gave it.
    pub href: AttrValue,
    /// The link's content.
    #[prop_or_default]
    pub children: Html,
    /// Extra CSS classes.
    #[prop_or_default]
    pub class: Classes,
    /// An accessible name, when the visible text alone is ambiguous (更多>>).
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// Marks the link as the current page (the last breadcrumb).
    #[prop_or_default]
    pub current: AriaCurrent,
}

/// A link whose address passed the URL policy, or its content as plain text if it did not.
///
/// Its text comes from content, so it is a bidirectional isolate (`dir="auto"`): a stray
/// U+202E in one link's text cannot reorder anything outside the link, and an Arabic title in
/// a Chinese list keeps its own direction.
#[function_component]
pub fn SafeLink(props: &SafeLinkProps) -> Html {
    let base = use_link_base();
    let href = safe_url(&props.href, UrlUse::Link, &base.0).map(AttrValue::from);
    link_view(
        href,
        props.children.clone(),
        props.class.clone(),
        props.aria_label.clone(),
        props.current,
        TextDirection::Auto,
    )
}

/// What [`SafeLink`] renders once its address is resolved: a link to `href` when the policy
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
