//! The sidebar link blocks (热点关注, 领导论述, ...), each with its 更多>> link.

use yew::prelude::*;

use super::link::{safe_link, AriaCurrent};
use crate::article::SidebarGroup;
use crate::i18n::Labels;

/// An `aside` landmark with one titled section per block of `groups` (top to bottom), their
/// addresses resolved against `base`.
///
/// A function rather than a component: it has no state, and each component costs the Wasm its
/// own copy of Yew's lifecycle code, while the markup is the same.
pub fn sidebar(groups: &[SidebarGroup], labels: &'static Labels, base: &str) -> Html {
    if groups.is_empty() {
        return Html::default();
    }
    let sections = groups.iter().map(|group| {
        // "更多>>" four times is ambiguous to a screen reader listing links; the accessible
        // name says which block it continues.
        let more_name = AttrValue::from(format!("{}{}", labels.more_name, group.name));
        html! {
            <section class="ar-side-group" aria-label={group.name.clone()}>
                <div class="ar-side-head">
                    <h2 dir="auto">{ group.name.clone() }</h2>
                    if let Some(more) = &group.more {
                        { safe_link(base, more, "ar-more", Some(more_name), AriaCurrent::Elsewhere,
                                    html! { { labels.more } }) }
                    }
                </div>
                if !group.items.is_empty() {
                    <ul>
                        { for group.items.iter().map(|item| html! {
                            <li>{ safe_link(base, &item.url, "", None, AriaCurrent::Elsewhere,
                                            html! { { item.name.clone() } }) }</li>
                        }) }
                    </ul>
                }
            </section>
        }
    });
    html! {
        <aside class="ar-sidebar" aria-label={labels.sidebar_name}>{ for sections }</aside>
    }
}
