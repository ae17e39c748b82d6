//! The article body: blocks and their inline runs.

use yew::prelude::*;

use super::link::{safe_url, use_link_base, SafeLink};
use super::ArticleRef;
use crate::article::{
    Block, Blocks, Cell, CellKind, Heading, Image, Inlines, List, Paragraph, Quote, Table,
};
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
        Block::List(List { ordered, items, .. }) => {
            let items = items
                .iter()
                .map(|item| html! { <li>{ blocks(item, base, labels) }</li> });
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
        Block::Table(table) => table_view(table, base, labels),
        // The version-2 blocks are rendered by their own views (issue 7, in progress); until
        // then nothing produces them.
        Block::Gallery(_)
        | Block::DefinitionList(_)
        | Block::PullQuote(_)
        | Block::Code(_)
        | Block::Embed(_)
        | Block::Math(_)
        | Block::Rule
        | Block::Note(_)
        | Block::Footnotes(_) => html! {},
    }
}

/// The blocks of a list item or table cell. One paragraph alone renders as its text, with no
/// `<p>` around it, as a version-1 item or cell (inline runs only) always did.
fn blocks(content: &Blocks, base: &str, labels: &'static Labels) -> Html {
    match content.as_single_paragraph() {
        Some(runs) => inlines(runs),
        None => html! { <>{ for content.0.iter().map(|b| block(b, base, labels)) }</> },
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

fn table_view(table: &Table, base: &str, labels: &'static Labels) -> Html {
    let cell = |cell: &Cell| {
        let content = blocks(&cell.content, base, labels);
        // Spans of 1 are the default and are left out, as version 1 rendered them.
        let colspan = (cell.colspan > 1).then(|| cell.colspan.to_string());
        let rowspan = (cell.rowspan > 1).then(|| cell.rowspan.to_string());
        match cell.kind {
            CellKind::Data => html! { <td colspan={colspan} rowspan={rowspan}>{ content }</td> },
            CellKind::Header(scope) => html! {
                <th scope={scope.map(|s| s.as_str())} colspan={colspan} rowspan={rowspan}>{ content }</th>
            },
        }
    };
    let row = |row: &crate::article::Row| html! { <tr>{ for row.cells.iter().map(cell) }</tr> };
    let head = (!table.head.is_empty())
        .then(|| html! { <thead>{ for table.head.iter().map(row) }</thead> });
    // The wrapper scrolls a wide table sideways on a phone instead of widening the page; it is
    // focusable so that keyboard users can scroll it too.
    let name = table
        .caption
        .as_ref()
        .map(Inlines::plain_text)
        .unwrap_or_else(|| labels.table.to_owned());
    html! {
        <div class="ar-table-wrap" tabindex="0" role="region" aria-label={name}>
            <table>
                if let Some(caption) = &table.caption { <caption>{ inlines(caption) }</caption> }
                { head }
                <tbody>{ for table.rows.iter().map(row) }</tbody>
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
