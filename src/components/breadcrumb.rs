//! 您的位置: the breadcrumb trail above the headline.

use yew::prelude::*;

use super::link::{safe_link, AriaCurrent};
use crate::article::Crumb;
use crate::i18n::{Labels, COLON};

/// A `nav` landmark named 您的位置 for `crumbs` (the trail, root first; the last crumb is the
/// current page), with `>` separators and the current page marked `aria-current="page"`;
/// addresses resolve against `base`.
///
/// A function rather than a component: it has no state, and each component costs the Wasm
/// its own copy of Yew's lifecycle code (about a kilobyte), while the markup is the same.
pub fn breadcrumb(crumbs: &[Crumb], labels: &'static Labels, base: &str) -> Html {
    if crumbs.is_empty() {
        return Html::default();
    }
    let last = crumbs.len() - 1;
    let items = crumbs.iter().enumerate().map(|(i, crumb)| {
        let current = if i == last {
            AriaCurrent::Page
        } else {
            AriaCurrent::Elsewhere
        };
        let separator = (i > 0).then(|| {
            html! {
                <span class="ar-crumb-sep" aria-hidden="true">{ " > " }</span>
            }
        });
        let label = match &crumb.url {
            Some(url) => html! {
                { safe_link(base, url, "", None, current, html! { { crumb.name.clone() } }) }
            },
            None => html! {
                <span aria-current={current.value()} dir="auto">{ crumb.name.clone() }</span>
            },
        };
        html! { <li class="ar-crumb">{ separator }{ label }</li> }
    });
    html! {
        <nav class="ar-breadcrumb" aria-label={labels.you_are_here}>
            <span class="ar-breadcrumb-label" aria-hidden="true">
                { labels.you_are_here }{ COLON }
            </span>
            <ol>{ for items }</ol>
        </nav>
    }
}
