//! A channel page (理论研究, 热点关注...): its breadcrumb, its title, one page of article
//! summaries and the links to the pages before and after, as the list pages of the seed site.

use yew::prelude::*;

use super::breadcrumb::breadcrumb;
use super::link::{safe_link, safe_url, AriaCurrent, LinkBase};
use crate::article::{Channel, ChannelImage, ChannelItem, ChannelPage, DateTime};
use crate::i18n::{Labels, Lang};
use crate::url_policy::UrlUse;

/// The breadcrumb, then the channel's title as the page's `h1`, its summaries as a list (each
/// title an `h2` link, its date, and its summary text and thumbnail when given), and a
/// navigation landmark with the previous and next pages and the current page marked
/// `aria-current="page"`.
///
/// A function rather than a component, as are the views below it: none has state, and each
/// component costs the Wasm its own copy of Yew's lifecycle code, while the markup is the same.
pub fn channel_view(channel: &Channel) -> Html {
    // Without a language the channel wears the default interface, as an article does.
    let labels = Lang::from_tag(channel.language_or(Lang::default().tag())).labels();
    // Every link and image below resolves against it, handed down rather than provided as a
    // context: none of the views below is a component that could read one.
    let base = LinkBase::for_article(channel.url.as_deref());
    html! {
        <>
            { breadcrumb(&channel.breadcrumb, labels, &base.0) }
            <div class="ar-channel">
                <h1 class="ar-headline ar-channel-title" dir="auto" tabindex="-1">
                    { channel.title.clone() }
                </h1>
                if channel.items.is_empty() {
                    <p class="ar-empty">{ labels.channel_empty }</p>
                } else {
                    <ul class="ar-channel-list" aria-label={labels.channel_list}>
                        { for channel.items.iter().map(|item| summary(item, &base.0)) }
                    </ul>
                }
                { pages(&channel.page, labels, &base.0) }
            </div>
        </>
    }
}

/// One article in the list: a thumbnail, its title as a link, its date and its summary.
fn summary(item: &ChannelItem, base: &str) -> Html {
    let date = DateTime::parse(&item.date_published)
        .ok()
        .map(|d| (d.to_iso(), d.display_date()));
    html! {
        <li class="ar-summary">
            if let Some(image) = &item.image {
                { thumbnail(image, base) }
            }
            <div class="ar-summary-text">
                <h2 class="ar-summary-title">
                    { safe_link(base, &item.url, "", None, AriaCurrent::Elsewhere,
                                html! { { item.headline.clone() } }) }
                </h2>
                if let Some((iso, shown)) = date {
                    <time class="ar-summary-date" datetime={iso} dir="auto">{ shown }</time>
                }
                if let Some(description) = &item.description {
                    <p class="ar-summary-description" dir="auto">{ description.clone() }</p>
                }
            </div>
        </li>
    }
}

/// A summary's image, after the URL policy (its address resolved against `base`); a refused
/// address keeps its `alt` as text.
fn thumbnail(image: &ChannelImage, base: &str) -> Html {
    match safe_url(&image.url, UrlUse::Image, base) {
        Some(src) => html! {
            <img class="ar-summary-image" src={src} alt={image.alt.clone()} loading="lazy"
                 decoding="async" />
        },
        None if image.alt.trim().is_empty() => Html::default(),
        None => {
            html! { <span class="ar-summary-image ar-unlinked" dir="auto">{ image.alt.clone() }</span> }
        }
    }
}

/// 上一页, the current page, 下一页. Nothing when there is only this page and no count.
fn pages(page: &ChannelPage, labels: &'static Labels, base: &str) -> Html {
    if page.previous.is_none() && page.next.is_none() && page.count.is_none() {
        return Html::default();
    }
    let (before, after) = labels.page_number;
    let current = match page.count {
        Some(count) => {
            let (between, end) = labels.page_of;
            format!("{before}{}{between}{count}{end}", page.number)
        }
        None => format!("{before}{}{after}", page.number),
    };
    html! {
        <nav class="ar-pages" aria-label={labels.pages_name}>
            if let Some(previous) = &page.previous {
                { safe_link(base, previous, "ar-page-previous", None, AriaCurrent::Elsewhere,
                            html! { { labels.previous_page } }) }
            }
            <span class="ar-page-current" aria-current={AriaCurrent::Page.value()}>{ current }</span>
            if let Some(next) = &page.next {
                { safe_link(base, next, "ar-page-next", None, AriaCurrent::Elsewhere,
                            html! { { labels.next_page } }) }
            }
        </nav>
    }
}
