//! 相关阅读: links to related articles; 上一篇 / 下一篇: the article's neighbours.

use yew::prelude::*;

use super::link::{safe_link, AriaCurrent};
use crate::article::{DateTime, RelatedItem};
use crate::i18n::{Labels, COLON};

/// The related-reading list of `items` (in the order the site lists them, their addresses
/// resolved against `base`); says so when it is empty rather than showing a bare heading.
///
/// This and [`neighbours`] are functions rather than components: they have no state, and each
/// component costs the Wasm its own copy of Yew's lifecycle code, while the markup is the same.
pub fn related(items: &[RelatedItem], labels: &'static Labels, base: &str) -> Html {
    let list = items.iter().map(|item| {
        let date = item.date_published.as_ref().and_then(|d| {
            // Any form an article date may take. The day is what the list shows; the
            // machine-readable value is the canonical ISO form, a valid `datetime` whatever
            // the source wrote (`+0800` becomes `+08:00`).
            DateTime::parse(d)
                .ok()
                .map(|p| (p.to_iso(), p.display_date()))
        });
        html! {
            <li>
                { link(base, item) }
                if let Some((raw, shown)) = date {
                    { " " }<time datetime={raw} dir="auto">{ shown }</time>
                }
            </li>
        }
    });
    html! {
        <section class="ar-related" aria-label={labels.related}>
            <h2>{ labels.related }</h2>
            if items.is_empty() {
                <p class="ar-empty">{ labels.no_related }</p>
            } else {
                <ul>{ for list }</ul>
            }
        </section>
    }
}

/// A navigation landmark with 上一篇 (`previous`, the article before this one) and 下一篇
/// (`next`, the one after), each with the neighbour's title as its link; nothing when the
/// article names neither. Addresses resolve against `base`.
pub fn neighbours(
    previous: Option<&RelatedItem>,
    next: Option<&RelatedItem>,
    labels: &'static Labels,
    base: &str,
) -> Html {
    let one = |item: &RelatedItem, label: &'static str, class: &'static str| {
        html! {
            <li class={class}>
                { label }{ COLON }
                { link(base, item) }
            </li>
        }
    };
    if previous.is_none() && next.is_none() {
        return Html::default();
    }
    html! {
        <nav class="ar-neighbours" aria-label={labels.neighbours_name}>
            <ul>
                { for previous.map(|item| one(item, labels.previous_article, "ar-previous-article")) }
                { for next.map(|item| one(item, labels.next_article, "ar-next-article")) }
            </ul>
        </nav>
    }
}

/// The link to a related article: its headline, to its address.
fn link(base: &str, item: &RelatedItem) -> Html {
    safe_link(
        base,
        &item.url,
        "",
        None,
        AriaCurrent::Elsewhere,
        html! { { item.headline.clone() } },
    )
}
