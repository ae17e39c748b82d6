//! The article body: every kind of block, put on the page in slices. Inline runs are in
//! [`super::inline`], pictures and players in [`super::media`].

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::inline::{inlines, Ctx, Ledger};
use super::link::LinkBase;
use super::media;
#[cfg(not(target_arch = "wasm32"))]
use super::use_static_page;
use super::ArticleRef;
use crate::article::{
    Block, Blocks, Cell as TableCell, CellKind, Code, DefinitionList, Footnotes, HeaderScope,
    Heading, Inlines, List, Math, Note, NoteKind, Paragraph, PullQuote, Quote, Row, Table,
};
use crate::i18n::Labels;
use crate::options::EmbedHosts;
use crate::state::{BodyProgress, Extent, Piece};

/// Props of [`Body`].
#[derive(Properties, PartialEq)]
pub struct BodyProps {
    /// The article whose body is shown.
    pub article: ArticleRef,
    /// Interface labels (notes, footnotes, embed cards, refused images).
    pub labels: &'static Labels,
    /// The hosts whose players may be framed; none by default.
    #[prop_or_default]
    pub embeds: EmbedHosts,
    /// Which slices of the body are on the page (all of a one-slice body by default).
    #[prop_or_default]
    pub progress: Option<BodyProgress>,
    /// Where links resolve.
    #[prop_or_else(LinkBase::of_document)]
    pub base: LinkBase,
}

thread_local! {
    /// How many bodies have been created in this page: each takes the next number as the
    /// prefix of its element ids.
    static BODIES: Cell<u32> = const { Cell::new(0) };
}

fn next_prefix() -> String {
    let n = BODIES.with(|count| {
        let n = count.get().wrapping_add(1);
        count.set(n);
        n
    });
    format!("ar{n}")
}

/// The page's address without its fragment, for footnote links within the page.
#[cfg(target_arch = "wasm32")]
fn page_address() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    url.set_hash("");
    Some(url.href())
}

/// `address` without its fragment, if it is an absolute address: outside a browser there is
/// no location to read, and [`super::StaticPage::address`] stands in for it.
#[cfg(not(target_arch = "wasm32"))]
fn without_fragment(address: &str) -> Option<String> {
    let mut url = url::Url::parse(address).ok()?;
    url.set_fragment(None);
    Some(url.into())
}

/// One body's [`Ledger`], shared by its slices and compared by address: the slices of one
/// article share one.
#[derive(Clone, Debug, Default)]
pub struct LedgerRef(Rc<Ledger>);

impl PartialEq for LedgerRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What every slice of one body renders with; equal for the life of the article.
#[derive(Clone, PartialEq)]
pub struct Shared {
    /// Where the article's relative addresses resolve.
    base: LinkBase,
    article: ArticleRef,
    labels: &'static Labels,
    embeds: EmbedHosts,
    /// The reader's element id prefix.
    prefix: AttrValue,
    /// The page's address without its fragment.
    page: Option<AttrValue>,
    ledger: LedgerRef,
}

impl Shared {
    /// The block at `index` of the body.
    fn block(&self, index: usize) -> Option<&Block> {
        self.article.body.get(index)
    }
}

/// Calls `render` with the context for one slice of the body described by `shared`.
fn with_ctx(shared: &Shared, render: impl FnOnce(&Ctx) -> Html) -> Html {
    let ctx = Ctx::new(
        &shared.base.0,
        shared.labels,
        &shared.embeds,
        &shared.prefix,
        shared.page.as_deref(),
        &shared.ledger.0,
    );
    render(&ctx)
}

/// The body's blocks, as the slices of [`BodyProps::progress`] come. Each slice is a component
/// with props that never change, so adding one renders only the new blocks; in a body of more
/// than one slice, each slice of whole blocks is wrapped in a `div.ar-slice`. The text size is a
/// class on the element around them (see `page::ArticlePage`), so T+ and T- change one
/// attribute without re-rendering the body.
#[function_component]
pub fn Body(props: &BodyProps) -> Html {
    // One prefix for the life of this reader: its footnote ids stay stable across renders and
    // differ from every other reader's on the page.
    #[cfg(target_arch = "wasm32")]
    let (prefix, page) = (
        use_memo((), |()| AttrValue::from(next_prefix())),
        use_memo(props.article.clone(), |_| {
            page_address().map(AttrValue::from)
        }),
    );
    // Outside a browser, the prefix and the page's address come from the prerendered page.
    #[cfg(not(target_arch = "wasm32"))]
    let (prefix, page) = {
        let outside = use_static_page();
        let prefix = use_memo((), |()| match &outside {
            Some(page) => page.id_prefix.clone(),
            None => AttrValue::from(next_prefix()),
        });
        let page = use_memo(props.article.clone(), |_| {
            outside
                .as_ref()
                .and_then(|page| without_fragment(page.address.as_deref()?))
                .map(AttrValue::from)
        });
        (prefix, page)
    };
    // A new article starts a new ledger: its ids and references begin again.
    let ledger = use_memo(props.article.clone(), |_| LedgerRef::default());
    let shared = Shared {
        base: props.base.clone(),
        article: props.article.clone(),
        labels: props.labels,
        embeds: props.embeds.clone(),
        prefix: (*prefix).clone(),
        page: (*page).clone(),
        ledger: (*ledger).clone(),
    };
    let progress = props.progress.clone().unwrap_or_else(|| BodyProgress {
        plan: Rc::new([Piece::Blocks {
            start: 0,
            end: props.article.body.len(),
        }]),
        slices: 1,
        extent: Extent::Whole,
        load: 0,
    });
    let shown = progress.plan.get(..progress.slices).unwrap_or_default();
    // A body of more than one slice puts each slice of whole blocks in an element of its own,
    // which the style sheet lets the browser skip while it is off screen (`content-visibility`).
    // The page then costs the browser about as much per frame however many slices it has:
    // without them each frame lays out, or checks the visibility of, every block so far.
    // A first part is wrapped too: the whole that replaces it is long, and its slices then
    // keep their elements.
    let wrapped = progress.plan.len() > 1 || progress.extent == Extent::FirstPart;
    let mut out = Vec::new();
    let mut index = 0;
    while let Some(piece) = shown.get(index) {
        match *piece {
            Piece::Blocks { start, end } if wrapped => out.push(html! {
                <div key={index} class="ar-slice">
                    <Slice shared={shared.clone()} start={start} end={end} />
                </div>
            }),
            Piece::Blocks { start, end } => out.push(html! {
                <Slice key={index} shared={shared.clone()} start={start} end={end} />
            }),
            Piece::Part { block, .. } => {
                // This part and the ones after it of the same block share its element.
                let parts = shown
                    .get(index..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|p| matches!(p, Piece::Part { block: b, .. } if *b == block))
                    .count();
                out.push(html! {
                    <Sliced key={index} shared={shared.clone()} block={block}
                        plan={progress.plan.clone()} first={index} parts={parts} />
                });
                index += parts.saturating_sub(1);
            }
        }
        index += 1;
    }
    out.into_iter().collect()
}

/// Props of [`Slice`].
#[derive(Properties, PartialEq)]
pub struct SliceProps {
    /// The body.
    pub shared: Shared,
    /// The index of the slice's first block.
    pub start: usize,
    /// One past the index of its last block.
    pub end: usize,
}

/// Some consecutive whole blocks of a body. Rendered once: its props stay equal for the life
/// of the article, so neither a later slice nor T+ renders it again (a second render would
/// claim its element ids twice).
#[function_component]
pub fn Slice(props: &SliceProps) -> Html {
    with_ctx(&props.shared, |ctx| {
        props
            .shared
            .article
            .body
            .get(props.start..props.end)
            .unwrap_or_default()
            .iter()
            .map(|b| block(b, ctx))
            .collect()
    })
}

/// Props of [`Sliced`].
#[derive(Properties, PartialEq)]
pub struct SlicedProps {
    /// The body.
    pub shared: Shared,
    /// The index of the list or table block.
    pub block: usize,
    /// The body's plan.
    pub plan: Rc<[Piece]>,
    /// The index in the plan of the block's first part.
    pub first: usize,
    /// How many of its parts are shown.
    pub parts: usize,
}

/// A long list or table whose items or rows come in parts: the list or table element, with
/// one [`Part`] component per part shown. Adding a part renders this element's children list
/// and the new part only.
#[function_component]
pub fn Sliced(props: &SlicedProps) -> Html {
    let parts = props
        .plan
        .get(props.first..props.first.saturating_add(props.parts))
        .unwrap_or_default()
        .iter()
        .filter_map(|piece| match *piece {
            Piece::Part { from, to, .. } => Some(html! {
                <Part key={from} shared={props.shared.clone()} block={props.block}
                    from={from} to={to} />
            }),
            Piece::Blocks { .. } => None,
        })
        .collect::<Html>();
    match props.shared.block(props.block) {
        Some(Block::List(list)) => list_element(list, parts),
        Some(Block::Table(table)) => {
            let top = html! { <TableTop shared={props.shared.clone()} block={props.block} /> };
            table_element(
                table,
                props.shared.labels,
                top,
                html! { <tbody>{ parts }</tbody> },
            )
        }
        _ => Html::default(),
    }
}

/// Props of [`Part`] and [`TableTop`].
#[derive(Properties, PartialEq)]
pub struct PartProps {
    /// The body.
    pub shared: Shared,
    /// The index of the list or table block.
    pub block: usize,
    /// The first item or row.
    #[prop_or_default]
    pub from: usize,
    /// One past the last item or row.
    #[prop_or_default]
    pub to: usize,
}

/// Some items of a long list, or body rows of a long table. Rendered once, as a [`Slice`].
#[function_component]
pub fn Part(props: &PartProps) -> Html {
    with_ctx(&props.shared, |ctx| match props.shared.block(props.block) {
        Some(Block::List(list)) => list_items(
            list.items.get(props.from..props.to).unwrap_or_default(),
            ctx,
        ),
        Some(Block::Table(table)) => table
            .rows
            .get(props.from..props.to)
            .unwrap_or_default()
            .iter()
            .map(|r| table_row(r, TableSection::Body, ctx))
            .collect(),
        _ => Html::default(),
    })
}

/// The caption and head of a long table, rendered once before its first rows.
#[function_component]
pub fn TableTop(props: &PartProps) -> Html {
    with_ctx(&props.shared, |ctx| match props.shared.block(props.block) {
        Some(Block::Table(table)) => table_top(table, ctx),
        _ => Html::default(),
    })
}

fn block(block: &Block, ctx: &Ctx) -> Html {
    match block {
        Block::Paragraph(Paragraph { content }) => html! { <p>{ inlines(content, ctx) }</p> },
        Block::Heading(Heading { level, content }) => {
            // Validation keeps levels in 2..=4; anything else would still be a heading, not a
            // headline, so it is clamped rather than trusted.
            let tag = format!("h{}", (*level).clamp(2, 4));
            html! { <@{tag} class="ar-section-heading">{ inlines(content, ctx) }</@> }
        }
        Block::Image(image) => media::figure(image, ctx),
        Block::Gallery(gallery) => media::gallery(gallery, ctx),
        Block::List(list) => list_view(list, ctx),
        Block::DefinitionList(list) => definitions(list, ctx),
        Block::Quote(Quote { content, cite }) => html! {
            <figure class="ar-quote">
                <blockquote>{ for content.iter().map(|b| self::block(b, ctx)) }</blockquote>
                if let Some(cite) = cite {
                    <figcaption>{ "— " }<cite>{ cite.clone() }</cite></figcaption>
                }
            </figure>
        },
        Block::PullQuote(PullQuote { content, cite }) => html! {
            <figure class="ar-pullquote">
                <blockquote><p>{ inlines(content, ctx) }</p></blockquote>
                if let Some(cite) = cite {
                    <figcaption>{ "— " }<cite>{ cite.clone() }</cite></figcaption>
                }
            </figure>
        },
        Block::Table(table) => table_view(table, ctx),
        Block::Code(code) => code_view(code),
        Block::Embed(embed) => media::embed(embed, ctx),
        // Formulas are written left to right whatever the article's direction.
        Block::Math(Math { text }) => {
            html! { <div class="ar-math" dir="ltr">{ text.clone() }</div> }
        }
        Block::Rule => html! { <hr class="ar-rule" /> },
        Block::Note(note) => note_view(note, ctx),
        Block::Footnotes(footnotes) => footnotes_view(footnotes, ctx),
    }
}

/// The blocks of a list item, table cell, description or footnote. One paragraph alone renders
/// as its text, with no `<p>` around it, as a version-1 item or cell (inline runs only) always
/// did.
fn blocks(content: &Blocks, ctx: &Ctx) -> Html {
    match content.as_single_paragraph() {
        Some(runs) => inlines(runs, ctx),
        None => content.0.iter().map(|b| block(b, ctx)).collect(),
    }
}

fn list_view(list: &List, ctx: &Ctx) -> Html {
    list_element(list, list_items(&list.items, ctx))
}

fn list_items(items: &[Blocks], ctx: &Ctx) -> Html {
    items
        .iter()
        .map(|item| html! { <li>{ blocks(item, ctx) }</li> })
        .collect()
}

fn list_element(list: &List, items: Html) -> Html {
    if list.ordered {
        let start = list.start.map(|n| n.to_string());
        html! { <ol start={start} reversed={list.reversed}>{ items }</ol> }
    } else {
        html! { <ul>{ items }</ul> }
    }
}

fn definitions(list: &DefinitionList, ctx: &Ctx) -> Html {
    html! {
        <dl class="ar-definitions">
            { for list.items.iter().map(|item| html! {
                <>
                    <dt>{ inlines(&item.term, ctx) }</dt>
                    { for item.details.iter().map(|d| html! { <dd>{ blocks(d, ctx) }</dd> }) }
                </>
            }) }
        </dl>
    }
}

/// Which part of a table a row is in.
#[derive(Clone, Copy)]
enum TableSection {
    /// `<thead>`: a header cell there names its column unless it says otherwise.
    Head,
    /// `<tbody>`.
    Body,
}

fn table_view(table: &Table, ctx: &Ctx) -> Html {
    let top = table_top(table, ctx);
    let body = html! {
        <tbody>{ for table.rows.iter().map(|r| table_row(r, TableSection::Body, ctx)) }</tbody>
    };
    table_element(table, ctx.labels, top, body)
}

fn table_row(row: &Row, section: TableSection, ctx: &Ctx) -> Html {
    let cell = |cell: &TableCell| {
        let content = blocks(&cell.content, ctx);
        // Spans of 1 are the default and are left out, as version 1 rendered them.
        let colspan = (cell.colspan > 1).then(|| cell.colspan.to_string());
        let rowspan = (cell.rowspan > 1).then(|| cell.rowspan.to_string());
        match cell.kind {
            CellKind::Data => {
                html! { <td colspan={colspan} rowspan={rowspan}>{ content }</td> }
            }
            CellKind::Header(scope) => {
                let scope = match (scope, section) {
                    (Some(scope), _) => Some(scope.as_str()),
                    (None, TableSection::Head) => Some(HeaderScope::Col.as_str()),
                    (None, TableSection::Body) => None,
                };
                html! { <th scope={scope} colspan={colspan} rowspan={rowspan}>{ content }</th> }
            }
        }
    };
    html! { <tr>{ for row.cells.iter().map(cell) }</tr> }
}

/// A table's caption and head. The caption comes first in the table, also in the order its
/// runs are rendered.
fn table_top(table: &Table, ctx: &Ctx) -> Html {
    let caption = table
        .caption
        .as_ref()
        .map(|caption| html! { <caption>{ inlines(caption, ctx) }</caption> });
    let head = (!table.head.is_empty()).then(|| {
        html! {
            <thead>{ for table.head.iter().map(|r| table_row(r, TableSection::Head, ctx)) }</thead>
        }
    });
    html! { <>{ caption }{ head }</> }
}

/// The table element around its caption and head (`top`) and its `body`.
fn table_element(table: &Table, labels: &Labels, top: Html, body: Html) -> Html {
    // The wrapper scrolls a wide table sideways on a phone instead of widening the page; it is
    // focusable so that keyboard users can scroll it too.
    let name = table
        .caption
        .as_ref()
        .map(Inlines::plain_text)
        .unwrap_or_else(|| labels.table.to_owned());
    html! {
        <div class="ar-table-wrap" tabindex="0" role="region" aria-label={name}>
            <table>{ top }{ body }</table>
        </div>
    }
}

/// Code keeps every space and line break and scrolls sideways rather than wrapping; the
/// scrolling box is focusable so that a keyboard can scroll it. Code reads left to right in
/// any article.
fn code_view(code: &Code) -> Html {
    html! {
        <figure class="ar-code">
            if let Some(language) = &code.language {
                <figcaption dir="auto">{ language.clone() }</figcaption>
            }
            <pre tabindex="0" dir="ltr"><code>{ code.text.clone() }</code></pre>
        </figure>
    }
}

fn note_view(note: &Note, ctx: &Ctx) -> Html {
    let labels = ctx.labels;
    let (label, class) = match note.kind {
        NoteKind::EditorsNote => (labels.editors_note, "ar-note-editors-note"),
        NoteKind::Correction => (labels.correction, "ar-note-correction"),
        NoteKind::Update => (labels.update, "ar-note-update"),
    };
    html! {
        <aside class={classes!("ar-note", class)} aria-label={label}>
            <p class="ar-note-label">{ label }</p>
            { for note.content.iter().map(|b| block(b, ctx)) }
        </aside>
    }
}

/// The footnotes, numbered in order, each with links back to every reference to it that came
/// before it in the body.
fn footnotes_view(footnotes: &Footnotes, ctx: &Ctx) -> Html {
    let labels = ctx.labels;
    let items = footnotes.items.iter().map(|note| {
        let id = ctx.claim_footnote_id(&note.id);
        let back = ctx
            .references_to(&note.id)
            .into_iter()
            .filter_map(|reference| ctx.in_page(&reference))
            .map(|href| {
                html! {
                    <>{ " " }<a href={href} class="ar-fn-back" aria-label={labels.footnote_back}
                        role="doc-backlink">{ "↩\u{fe0e}" }</a></>
                }
            })
            .collect::<Html>();
        html! { <li id={id}>{ blocks(&note.content, ctx) }{ back }</li> }
    });
    html! {
        <section class="ar-footnotes" aria-label={labels.footnotes}>
            <ol>{ for items }</ol>
        </section>
    }
}
