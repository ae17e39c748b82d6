//! What the reader shows while loading, when loading failed, and when there is no such
//! document.

use yew::prelude::*;

use super::link::{safe_link, AriaCurrent, LinkBase};
use crate::article::Crumb;
use crate::i18n::{Labels, COLON};
use crate::load::ReaderError;

/// The most characters of an address an error panel shows. Enough to recognise a real address
/// (site, path, file name); a longer one is cut in the middle, so that a crafted address cannot
/// fill the panel with a message of its own.
pub const MAX_ADDRESS_CHARS: usize = 80;

/// `address` cut to at most [`MAX_ADDRESS_CHARS`] characters: its start and its end, joined by
/// an ellipsis.
pub fn shorten_address(address: &str) -> String {
    let count = address.chars().count();
    if count <= MAX_ADDRESS_CHARS {
        return address.to_owned();
    }
    // One character goes to the ellipsis; the start keeps the extra one of an odd split.
    let keep = MAX_ADDRESS_CHARS - 1;
    let head = keep - keep / 2;
    let tail = keep / 2;
    let mut short: String = address.chars().take(head).collect();
    short.push('…');
    short.extend(address.chars().skip(count - tail));
    short
}

/// The link to the home article, `home`. The status views stand outside the article page, so
/// relative addresses resolve against the document's base, as the page's own links would.
fn home_link(home: &str, labels: &'static Labels) -> Html {
    safe_link(
        &LinkBase::of_document().0,
        home,
        "ar-home",
        None,
        AriaCurrent::Elsewhere,
        html! { { labels.home } },
    )
}

/// An address, shortened and marked as one: code for the style, an isolate left to right so
/// that the page's direction cannot reorder it, and `translate="no"`.
fn address_view(address: &str) -> Html {
    html! {
        <code class="ar-address" translate="no"><bdi dir="ltr">{ shorten_address(address) }</bdi></code>
    }
}

/// The technical detail with the address it names (if it does) shown as an address.
fn detail_view(detail: &str, address: Option<&str>) -> Html {
    let found = address.and_then(|address| {
        // `BadAddress` quotes the address with Rust's escapes; the others give it as it is.
        let quoted = format!("{address:?}");
        let escaped = quoted
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
            .unwrap_or(address);
        [address, escaped]
            .iter()
            .filter(|a| !a.is_empty())
            .find_map(|a| detail.find(a).map(|at| (at, a.len())))
    });
    match found.and_then(|(at, len)| Some((detail.get(..at)?, detail.get(at + len..)?))) {
        Some((before, after)) => html! {
            <>{ before }{ address_view(address.unwrap_or_default()) }{ after }</>
        },
        None => html! { { detail } },
    }
}

/// A polite live status, so a screen reader hears that something is happening.
///
/// The views in this file are functions rather than components: they have no state, and each
/// component costs the Wasm its own copy of Yew's lifecycle code, while the markup is the same.
pub fn loading(labels: &'static Labels) -> Html {
    html! {
        <div class="ar-status ar-loading" role="status" aria-live="polite">
            <span class="ar-spinner" aria-hidden="true"></span>
            { labels.loading }
        </div>
    }
}

/// The specific failure (`error`), announced as an alert, in the reader's language: a summary,
/// what to do if it persists, the address asked for, and the ways on (retry when retrying can
/// help, the home article). The technical detail (status, content type, JSON path), which is
/// English in every language, waits in a disclosure labelled as such, for a report to the site.
///
/// `on_retry` starts the load again (`None` where retrying cannot help: an article the host
/// passed); `home` is the home article's address, when the reader shows another one (the
/// standalone page with `?article=`): a way on when retrying does not help.
pub fn error_panel(
    error: &ReaderError,
    on_retry: Option<&Callback<()>>,
    home: Option<AttrValue>,
    labels: &'static Labels,
) -> Html {
    let on_retry = on_retry
        .filter(|_| error.retryable())
        .map(|retry| retry.reform(|_: MouseEvent| ()));
    let address = match error {
        ReaderError::Load(e) => Some(e.url.as_str()),
        ReaderError::Article(_) | ReaderError::Options(_) => None,
    };
    html! {
        <div class="ar-status ar-error" role="alert">
            <h2 tabindex="-1">{ labels.error_title }</h2>
            <p class="ar-error-summary">{ error.summary(labels.lang) }</p>
            <p class="ar-error-hint">{ labels.error_hint }</p>
            if let Some(address) = address {
                <p class="ar-error-address">
                    { labels.requested_address }{ ": " }{ address_view(address) }
                </p>
            }
            if on_retry.is_some() || home.is_some() {
                <p class="ar-error-ways">
                    if let Some(on_retry) = on_retry {
                        <button type="button" class="ar-retry" onclick={on_retry}>{ labels.retry }</button>
                    }
                    if let Some(home) = home {
                        { " " }{ home_link(&home, labels) }
                    }
                </p>
            }
            <details class="ar-error-technical">
                <summary>{ labels.technical_detail }</summary>
                // The technical detail is English whatever the interface language; saying so
                // lets a screen reader pronounce it right.
                <p class="ar-error-detail" lang="en">{ detail_view(&error.to_string(), address) }</p>
            </details>
        </div>
    }
}

/// What a reader shows for an article or channel that does not exist (HTTP 404 or 410): a
/// title and a sentence in the reader's language, the address asked for (`address`), and the
/// ways on (`home`, the home article's address when there is one: the standalone page without
/// `?article=`; `came_from`, the channel page the reader showed before, when it knows one). No
/// retry: asking again cannot make the document exist.
pub fn not_found(
    address: &str,
    home: Option<AttrValue>,
    came_from: Option<&Crumb>,
    labels: &'static Labels,
) -> Html {
    let back = came_from.and_then(|crumb| Some((crumb.url.clone()?, crumb.name.clone())));
    html! {
        <div class="ar-status ar-not-found" role="alert">
            <h1 class="ar-not-found-title" tabindex="-1">{ labels.not_found_title }</h1>
            <p class="ar-not-found-text">{ labels.not_found_text }</p>
            <p class="ar-error-address">
                { labels.requested_address }{ ": " }{ address_view(address) }
            </p>
            if home.is_some() || back.is_some() {
                <ul class="ar-ways-on">
                    if let Some(home) = home {
                        <li>{ home_link(&home, labels) }</li>
                    }
                    if let Some((url, name)) = back {
                        <li>
                            { safe_link(&LinkBase::of_document().0, &url, "ar-back-to-channel", None,
                                        AriaCurrent::Elsewhere,
                                        html! { <>{ labels.back_to_channel }{ COLON }<bdi>{ name }</bdi></> }) }
                        </li>
                    }
                </ul>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_addresses_are_kept_whole() {
        let eighty = "a".repeat(80);
        assert_eq!(shorten_address(&eighty), eighty, "exactly the limit");
        assert_eq!(shorten_address("static/a.json"), "static/a.json");
    }

    #[test]
    fn long_addresses_are_cut_in_the_middle() {
        let long = format!("{}{}", "a".repeat(41), "b".repeat(40));
        let short = shorten_address(&long);
        assert_eq!(short, format!("{}…{}", "a".repeat(40), "b".repeat(39)));
        assert_eq!(short.chars().count(), 80);
        let chinese = "【紧急通知】您的账户存在异常".repeat(10);
        let short = shorten_address(&chinese);
        assert_eq!(short.chars().count(), 80, "characters, not bytes");
        assert!(short.starts_with("【紧急通知】"), "{short}");
    }
}
