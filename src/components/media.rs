//! Pictures and players: figures with caption and credit, galleries, pictures inside text and
//! embed cards. Every address (`src`, each `srcset` candidate, `href`, a player's `url`) passes
//! the one URL policy; a player is framed only for a host the embedding page allowed.

use std::rc::Rc;

use yew::prelude::*;

use super::inline::{inlines, link, Ctx};
use super::link::{safe_link, safe_url, AriaCurrent};
use crate::article::{Embed, EmbedKind, Gallery, Image, Inlines};
use crate::url_policy::UrlUse;

/// The `sandbox` of a framed player: it may run its own scripts, keep its own storage and go
/// full screen, but not navigate the page, open pop-ups or submit forms.
const PLAYER_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation";

/// A `srcset` with only the candidates whose address passes the policy for images, each
/// address resolved. A candidate is an address and optional descriptors (`2x`, `640w`); one
/// whose descriptors are not of those forms is dropped too, since the browser would drop the
/// whole attribute for it. `None` when no candidate is left.
pub fn safe_srcset(raw: &str, base: &str) -> Option<String> {
    let mut kept: Vec<String> = Vec::new();
    let mut rest = raw;
    loop {
        // The parsing follows the HTML standard's srcset algorithm: candidates are separated
        // by commas, an address runs to the next white space, and an address that ends in
        // commas has no descriptors.
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (address, after) = rest.split_at(end);
        let (address, descriptors, after) = if address.ends_with(',') {
            (address.trim_end_matches(','), "", after)
        } else {
            let stop = after.find(',').unwrap_or(after.len());
            let (descriptors, after) = after.split_at(stop);
            (address, descriptors.trim(), after)
        };
        rest = after;
        let valid = descriptors.split_ascii_whitespace().count() <= 1
            && descriptors.split_ascii_whitespace().all(is_descriptor);
        if !valid {
            continue;
        }
        if let Some(url) = safe_url(address, UrlUse::Image, base) {
            // A resolved address never holds white space; a trailing comma would be read as
            // the separator, so it is escaped.
            let url = match url.strip_suffix(',') {
                Some(_) => format!("{}%2C", url.trim_end_matches(',')),
                None => url,
            };
            kept.push(if descriptors.is_empty() {
                url
            } else {
                format!("{url} {descriptors}")
            });
        }
    }
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// `2x`, `1.5x` or `640w`: a positive number and its unit.
fn is_descriptor(d: &str) -> bool {
    let Some(number) = d.strip_suffix(['x', 'w']) else {
        return false;
    };
    let is_width = d.ends_with('w');
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    match number.split_once('.') {
        None => digits(number),
        Some((whole, fraction)) if !is_width => {
            (whole.is_empty() || digits(whole)) && digits(fraction)
        }
        Some(_) => false,
    }
}

/// The `<img>` of an image, or `None` when its address is refused.
fn img(image: &Image, ctx: &Ctx, class: Option<&'static str>) -> Option<Html> {
    let src = safe_url(&image.src, UrlUse::Image, ctx.base)?;
    let srcset = image
        .srcset
        .as_deref()
        .and_then(|s| safe_srcset(s, ctx.base));
    // `sizes` only means something with width candidates.
    let sizes = srcset.as_ref().and(image.sizes.clone());
    Some(html! {
        <img class={class} src={src} alt={image.alt.clone()} srcset={srcset} sizes={sizes}
             width={image.width.map(|w| w.to_string())}
             height={image.height.map(|h| h.to_string())}
             loading={ctx.next_image_loading()} decoding="async" />
    })
}

/// An image with its link, if it has one (resolved once for all the images of one link).
fn linked(picture: Html, href: Option<&Rc<str>>, ctx: &Ctx) -> Html {
    match href {
        Some(href) => link(href, picture, ctx),
        None => picture,
    }
}

/// The note that replaces a refused image: the reader still learns what it showed.
fn blocked(image: &Image, ctx: &Ctx) -> Html {
    html! {
        <span class="ar-blocked">{ ctx.labels.blocked_image }{ ": " }{ image.alt.clone() }</span>
    }
}

/// The caption line of a figure: the caption, then the credit.
fn figcaption(caption: Option<&Inlines>, credit: Option<&Inlines>, ctx: &Ctx) -> Html {
    if caption.is_none() && credit.is_none() {
        return Html::default();
    }
    html! {
        <figcaption>
            if let Some(caption) = caption { { inlines(caption, ctx) } }
            if let Some(credit) = credit {
                if caption.is_some() { { " " } }
                <span class="ar-credit">{ inlines(credit, ctx) }</span>
            }
        </figcaption>
    }
}

/// An image block: `<figure class="ar-figure">` with the picture (linked if it has an `href`)
/// and a caption holding the caption and the credit.
pub fn figure(image: &Image, ctx: &Ctx) -> Html {
    // The picture first: it comes before any picture in its caption, also in loading order.
    let picture = img(image, ctx, None);
    let caption = figcaption(image.caption.as_ref(), image.credit.as_ref(), ctx);
    match picture {
        Some(picture) => html! {
            <figure class="ar-figure">{ linked(picture, image.href.as_ref(), ctx) }{ caption }</figure>
        },
        None => html! {
            <figure class="ar-figure ar-figure-blocked">
                <p class="ar-blocked">{ ctx.labels.blocked_image }{ ": " }{ image.alt.clone() }</p>
                { caption }
            </figure>
        },
    }
}

/// Several figures under one caption.
pub fn gallery(gallery: &Gallery, ctx: &Ctx) -> Html {
    html! {
        <figure class="ar-gallery">
            { for gallery.images.iter().map(|image| figure(image, ctx)) }
            if let Some(caption) = &gallery.caption {
                <figcaption>{ inlines(caption, ctx) }</figcaption>
            }
        </figure>
    }
}

/// A picture inside text (its link, if any, is the caller's to add).
pub fn inline_image(image: &Image, ctx: &Ctx) -> Html {
    img(image, ctx, Some("ar-inline-image")).unwrap_or_else(|| blocked(image, ctx))
}

/// The address a player may be framed from: it passes the policy, is `https:`, its host is on
/// the embedding page's allow-list, and it is not the page's own origin (a same-origin frame
/// with `allow-scripts allow-same-origin` could lift its own sandbox).
#[cfg(target_arch = "wasm32")]
fn frame_src(embed: &Embed, ctx: &Ctx) -> Option<String> {
    let src = safe_url(&embed.url, UrlUse::Link, ctx.base)?;
    let url = web_sys::Url::new(&src).ok()?;
    let page_origin = web_sys::window().and_then(|w| w.location().origin().ok());
    let allowed = url.protocol() == "https:"
        && ctx.embeds.allows(&url.hostname())
        && page_origin.as_deref() != Some(url.origin().as_str());
    allowed.then_some(src)
}

/// [`frame_src`] outside a browser, the same rule with the `url` crate's parser and the
/// prerendered page's own address (see `super::StaticPage`) in place of the location.
#[cfg(not(target_arch = "wasm32"))]
fn frame_src(embed: &Embed, ctx: &Ctx) -> Option<String> {
    let src = safe_url(&embed.url, UrlUse::Link, ctx.base)?;
    let url = url::Url::parse(&src).ok()?;
    let page_origin = ctx
        .page()
        .and_then(|page| url::Url::parse(page).ok())
        .map(|page| page.origin().ascii_serialization());
    let origin = url.origin().ascii_serialization();
    let allowed = url.scheme() == "https"
        && ctx.embeds.allows(url.host_str().unwrap_or_default())
        && page_origin.as_deref() != Some(origin.as_str());
    allowed.then_some(src)
}

/// An embed card: the player framed (only for an allowed host) or its poster, then the title,
/// the provider and a link to where it plays.
pub fn embed(embed: &Embed, ctx: &Ctx) -> Html {
    let labels = ctx.labels;
    let action = match embed.kind {
        EmbedKind::Video | EmbedKind::Audio => labels.play_original,
        EmbedKind::Frame => labels.view_original,
    };
    // Several cards on a page would have links of the same name; the title tells them apart,
    // after the visible text so that voice control still finds the link by what it says.
    let link_name = embed
        .title
        .as_ref()
        .map(|title| AttrValue::from(format!("{action}: {title}")));
    let picture = match frame_src(embed, ctx) {
        Some(src) => {
            let title = embed
                .title
                .clone()
                .unwrap_or_else(|| labels.embedded_player.to_owned());
            html! {
                <iframe class="ar-embed-frame" src={src} title={title} sandbox={PLAYER_SANDBOX}
                        referrerpolicy="no-referrer" loading="lazy"></iframe>
            }
        }
        None => match &embed.poster {
            Some(poster) => img(poster, ctx, Some("ar-embed-poster")).unwrap_or_default(),
            None => Html::default(),
        },
    };
    html! {
        <figure class={classes!("ar-embed", format!("ar-embed-{}", embed.kind.as_str()))}>
            { picture }
            <figcaption>
                if let Some(title) = &embed.title {
                    <span class="ar-embed-title" dir="auto">{ title.clone() }</span>
                }
                if let Some(provider) = &embed.provider {
                    <span class="ar-embed-provider" dir="auto">{ provider.clone() }</span>
                }
                { safe_link(ctx.base, &embed.url, "ar-embed-link", link_name, AriaCurrent::Elsewhere,
                            html! { { action } }) }
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::is_descriptor;

    #[test]
    fn descriptors_are_densities_or_widths() {
        for ok in ["1x", "2x", "1.5x", ".5x", "640w"] {
            assert!(is_descriptor(ok), "{ok}");
        }
        for bad in [
            "",
            "x",
            "w",
            "2",
            "1.5w",
            "2h",
            "-1x",
            "1e2x",
            "2xx",
            "javascript:x",
        ] {
            assert!(!is_descriptor(bad), "{bad}");
        }
    }
}
