//! Links and images from content, after the URL policy.
//!
//! The browser's own URL parser resolves each address against the article's location; the
//! resolved protocol is checked by `crate::url_policy`. An address that fails renders its text
//! without a link (or an explanatory note instead of an image), so nothing is lost and nothing
//! unsafe is clickable.

use std::rc::Rc;

use yew::prelude::*;

use crate::url_policy::{allowed_protocol, precheck, UrlUse};

/// The address relative links resolve against: the article's `url`, else the page's base URI.
/// Provided once per reader as a Yew context.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkBase(pub Rc<str>);

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
    pub current: bool,
}

/// A link whose address passed the URL policy, or its content as plain text if it did not.
#[function_component]
pub fn SafeLink(props: &SafeLinkProps) -> Html {
    let base = use_context::<LinkBase>();
    let base = base.as_ref().map(|b| &*b.0).unwrap_or("about:blank");
    let current = props.current.then_some("page");
    match safe_url(&props.href, UrlUse::Link, base) {
        Some(href) => html! {
            <a href={href} class={props.class.clone()} aria-label={props.aria_label.clone()}
               aria-current={current}>
                { props.children.clone() }
            </a>
        },
        None => html! {
            <span class={classes!(props.class.clone(), "ar-unlinked")} aria-current={current}>
                { props.children.clone() }
            </span>
        },
    }
}
