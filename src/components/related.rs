//! 相关阅读: links to related articles; 上一篇 / 下一篇: the article's neighbours.

use yew::prelude::*;

use super::link::SafeLink;
use crate::article::{DateTime, RelatedItem};
use crate::i18n::{Labels, COLON};

/// Props of [`Related`].
#[derive(Properties, PartialEq)]
pub struct RelatedProps {
    /// The related articles, in the order the site lists them.
    pub items: Vec<RelatedItem>,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// The related-reading list; says so when it is empty rather than showing a bare heading.
#[function_component]
pub fn Related(props: &RelatedProps) -> Html {
    let labels = props.labels;
    let items = props.items.iter().map(|item| {
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
                <SafeLink href={item.url.clone()}>{ item.headline.clone() }</SafeLink>
                if let Some((raw, shown)) = date {
                    { " " }<time datetime={raw} dir="auto">{ shown }</time>
                }
            </li>
        }
    });
    html! {
        <section class="ar-related" aria-label={labels.related}>
            <h2>{ labels.related }</h2>
            if props.items.is_empty() {
                <p class="ar-empty">{ labels.no_related }</p>
            } else {
                <ul>{ for items }</ul>
            }
        </section>
    }
}

/// Props of [`Neighbours`].
#[derive(Properties, PartialEq)]
pub struct NeighboursProps {
    /// The article before this one (上一篇).
    pub previous: Option<RelatedItem>,
    /// The article after this one (下一篇).
    pub next: Option<RelatedItem>,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// A navigation landmark with 上一篇 and 下一篇, each with the neighbour's title as its link;
/// nothing when the article names neither.
#[function_component]
pub fn Neighbours(props: &NeighboursProps) -> Html {
    let labels = props.labels;
    let one = |item: &RelatedItem, label: &'static str, class: &'static str| {
        html! {
            <li class={class}>
                { label }{ COLON }
                <SafeLink href={item.url.clone()}>{ item.headline.clone() }</SafeLink>
            </li>
        }
    };
    if props.previous.is_none() && props.next.is_none() {
        return Html::default();
    }
    html! {
        <nav class="ar-neighbours" aria-label={labels.neighbours_name}>
            <ul>
                { for props.previous.iter().map(|item| one(item, labels.previous_article, "ar-previous-article")) }
                { for props.next.iter().map(|item| one(item, labels.next_article, "ar-next-article")) }
            </ul>
        </nav>
    }
}
