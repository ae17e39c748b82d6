//! The article body: blocks and their inline runs.

use yew::prelude::*;

use super::link::{safe_url, use_link_base, SafeLink};
use super::ArticleRef;
use crate::article::{Block, Heading, Image, Inlines, List, Paragraph, Quote, Table};
use crate::i18n::Labels;
use crate::url_policy::UrlUse;

/// Props of [`Body`].
#[derive(Properties, PartialEq)]
pub struct BodyProps {
    /// The article whose body is shown.
    pub article: ArticleRef,
    /// Interface labels (for the note that replaces a refused image).
    pub labels: &'static Labels,
}

/// The body's blocks. The text size is a class on the element around them (see
/// `page::ArticlePage`), so T+ and T- change one attribute without re-rendering the body.
#[function_component]
pub fn Body(props: &BodyProps) -> Html {
    let base = use_link_base();
    html! {
        <>{ for props.article.body.iter().map(|b| block(b, &base.0, props.labels)) }</>
    }
}

fn block(block: &Block, base: &str, labels: &'static Labels) -> Html {
    match block {
        Block::Paragraph(Paragraph { content }) => html! { <p>{ inlines(content) }</p> },
        Block::Heading(Heading { level, content }) => {
            // Validation keeps levels in 2..=4; anything else would still be a heading, not a
            // headline, so it is clamped rather than trusted.
            let tag = format!("h{}", (*level).clamp(2, 4));
            html! { <@{tag} class="ar-section-heading">{ inlines(content) }</@> }
        }
        Block::Image(image) => figure(image, base, labels),
        Block::List(List { ordered, items }) => {
            let items = items
                .iter()
                .map(|item| html! { <li>{ inlines(item) }</li> });
            if *ordered {
                html! { <ol>{ for items }</ol> }
            } else {
                html! { <ul>{ for items }</ul> }
            }
        }
        Block::Quote(Quote { content, cite }) => html! {
            <figure class="ar-quote">
                <blockquote>{ for content.iter().map(|b| self::block(b, base, labels)) }</blockquote>
                if let Some(cite) = cite {
                    <figcaption>{ "— " }<cite>{ cite.clone() }</cite></figcaption>
                }
            </figure>
        },
        Block::Table(table) => table_view(table, labels),
    }
}

fn figure(image: &Image, base: &str, labels: &'static Labels) -> Html {
    let caption = image
        .caption
        .as_ref()
        .map(|c| html! { <figcaption>{ inlines(c) }</figcaption> });
    match safe_url(&image.src, UrlUse::Image, base) {
        Some(src) => html! {
            <figure class="ar-figure">
                <img src={src} alt={image.alt.clone()} loading="lazy" decoding="async" />
                { caption }
            </figure>
        },
        // Nothing is lost: the reader still learns what the image showed.
        None => html! {
            <figure class="ar-figure ar-figure-blocked">
                <p class="ar-blocked">{ labels.blocked_image }{ ": " }{ image.alt.clone() }</p>
                { caption }
            </figure>
        },
    }
}

fn table_view(table: &Table, labels: &'static Labels) -> Html {
    let header = (!table.header.is_empty()).then(|| {
        html! {
            <thead><tr>{ for table.header.iter().map(|c| html! { <th scope="col">{ inlines(c) }</th> }) }</tr></thead>
        }
    });
    let rows = table.rows.iter().map(|row| {
        html! { <tr>{ for row.iter().map(|c| html! { <td>{ inlines(c) }</td> }) }</tr> }
    });
    // The wrapper scrolls a wide table sideways on a phone instead of widening the page; it is
    // focusable so that keyboard users can scroll it too.
    let name = table
        .caption
        .clone()
        .unwrap_or_else(|| labels.table.to_owned());
    html! {
        <div class="ar-table-wrap" tabindex="0" role="region" aria-label={name}>
            <table>
                if let Some(caption) = &table.caption { <caption>{ caption.clone() }</caption> }
                { header }
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

/// Inline runs as text nodes wrapped in `strong` / `em` / `u` and, for links, [`SafeLink`].
pub fn inlines(runs: &Inlines) -> Html {
    runs.0
        .iter()
        .map(|run| {
            let mut node = html! { { run.text.clone() } };
            if run.underline {
                node = html! { <u>{ node }</u> };
            }
            if run.italic {
                node = html! { <em>{ node }</em> };
            }
            if run.bold {
                node = html! { <strong>{ node }</strong> };
            }
            if let Some(href) = &run.href {
                node = html! { <SafeLink href={href.clone()}>{ node }</SafeLink> };
            }
            node
        })
        .collect()
}
