//! Inline runs: text with its marks, links, inline code, math, ruby, footnote references and
//! pictures inside text, and the render context the body's views share.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use yew::prelude::*;

use super::link::{safe_url, SafeLink};
use super::media;
use crate::article::{Inline, InlineKind, Inlines};
use crate::i18n::Labels;
use crate::options::EmbedHosts;
use crate::url_policy::UrlUse;

/// The bookkeeping that must span a whole body (the first image, element ids, the references
/// to each footnote). A body rendered in slices shares one ledger among them, and its slices
/// render in order, so a footnote in the last slice finds the references from the first.
#[derive(Debug, Default)]
pub struct Ledger {
    /// How many images have been rendered so far.
    images: Cell<u32>,
    /// How many times each wanted element id has been handed out so far.
    ids: RefCell<HashMap<String, u32>>,
    /// For each footnote id, the element ids of the references to it, in order.
    refs: RefCell<HashMap<String, Vec<String>>>,
}

/// What one rendering of (a slice of) a body needs besides the blocks themselves: where links
/// resolve, the labels, which hosts may be framed, and the body's [`Ledger`].
pub struct Ctx<'a> {
    /// The address relative links and images resolve against.
    pub base: &'a str,
    /// Interface labels.
    pub labels: &'static Labels,
    /// The hosts whose players may be framed.
    pub embeds: &'a EmbedHosts,
    /// The prefix of every element id in this reader (`ar3`), so two readers on one page never
    /// share an id.
    prefix: &'a str,
    /// The page's own address without its fragment, for links within the page.
    page: Option<&'a str>,
    /// The bookkeeping of the whole body.
    ledger: &'a Ledger,
}

impl<'a> Ctx<'a> {
    /// A context for rendering (a slice of) a body whose bookkeeping is `ledger`.
    pub fn new(
        base: &'a str,
        labels: &'static Labels,
        embeds: &'a EmbedHosts,
        prefix: &'a str,
        page: Option<&'a str>,
        ledger: &'a Ledger,
    ) -> Self {
        Ctx {
            base,
            labels,
            embeds,
            prefix,
            page,
            ledger,
        }
    }

    /// The `loading` attribute of the next image: the first image of the body is most likely
    /// on screen when the page opens, so it loads at once; the others wait until they are near.
    pub fn next_image_loading(&self) -> &'static str {
        let n = self.ledger.images.get();
        self.ledger.images.set(n.saturating_add(1));
        if n == 0 {
            "eager"
        } else {
            "lazy"
        }
    }

    /// A unique element id built from `kind` and a content id: `{prefix}-{kind}-{id}`, with
    /// `-2`, `-3`... added when it was already given out. Each wanted id counts its own uses,
    /// so a thousand repeats of one id cost a thousand steps, not a million; the suffixes cannot
    /// meet another wanted id, since `anchor_part` leaves no `-` in a content id.
    fn claim_id(&self, kind: &str, id: &str) -> String {
        let wanted = format!("{}-{kind}-{}", self.prefix, anchor_part(id));
        let mut ids = self.ledger.ids.borrow_mut();
        let uses = ids.entry(wanted.clone()).or_insert(0);
        *uses = uses.saturating_add(1);
        match *uses {
            1 => wanted,
            n => format!("{wanted}-{n}"),
        }
    }

    /// The element id of the footnote `id` (its first occurrence, if the id repeats).
    fn footnote_target(&self, id: &str) -> String {
        format!("{}-fn-{}", self.prefix, anchor_part(id))
    }

    /// Claims the element id of a footnote.
    pub fn claim_footnote_id(&self, id: &str) -> String {
        self.claim_id("fn", id)
    }

    /// The ids of the references to footnote `id` rendered so far.
    pub fn references_to(&self, id: &str) -> Vec<String> {
        self.ledger
            .refs
            .borrow()
            .get(id)
            .cloned()
            .unwrap_or_default()
    }

    /// An absolute address of an element on this page, if the page's own address passes the
    /// URL policy (it does on any web page; a `file:` page gets no in-page links).
    pub fn in_page(&self, element_id: &str) -> Option<String> {
        let page = self.page?;
        safe_url(&format!("{page}#{element_id}"), UrlUse::Link, page)
    }
}

/// A content id as a part of an element id: ASCII letters and digits are kept, every other
/// character becomes `_` + its code point in hex + `_`. The mapping is one to one, never gives
/// white space (not allowed in ids) and never gives `-`, which separates the parts around it.
pub fn anchor_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

/// Whether a run sits inside a link already (then a linked picture must not open another).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Within {
    Link,
    Text,
}

/// The link target a run joins, if any. A footnote reference is a link of its own and never
/// joins another.
fn link_target(run: &Inline) -> Option<&str> {
    match run.kind {
        InlineKind::FootnoteRef { .. } => None,
        _ => run.href.as_deref(),
    }
}

/// Inline runs. Adjacent runs with the same `href` render as one link around their formatted
/// runs: one focus stop, one name, as the author wrote it.
pub fn inlines(runs: &Inlines, ctx: &Ctx) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut group: Option<(&str, Vec<Html>)> = None;
    for run in &runs.0 {
        let target = link_target(run);
        if let Some((href, nodes)) = &mut group {
            if Some(*href) == target {
                nodes.push(run_node(run, ctx, Within::Link));
                continue;
            }
        }
        if let Some((href, nodes)) = group.take() {
            out.push(link(href, nodes));
        }
        match target {
            Some(href) => group = Some((href, vec![run_node(run, ctx, Within::Link)])),
            None => out.push(run_node(run, ctx, Within::Text)),
        }
    }
    if let Some((href, nodes)) = group {
        out.push(link(href, nodes));
    }
    out.into_iter().collect()
}

fn link(href: &str, nodes: Vec<Html>) -> Html {
    html! { <SafeLink href={AttrValue::from(href.to_owned())}>{ for nodes }</SafeLink> }
}

/// One run: its kind, then its marks from the inside out, then its language and direction.
fn run_node(run: &Inline, ctx: &Ctx, within: Within) -> Html {
    let mut node = match &run.kind {
        InlineKind::Text => html! { { run.text.clone() } },
        InlineKind::Code => html! { <code>{ run.text.clone() }</code> },
        InlineKind::Math => html! { <span class="ar-math">{ run.text.clone() }</span> },
        InlineKind::Ruby { annotation } => html! {
            <ruby>{ run.text.clone() }<rp>{ "(" }</rp><rt>{ annotation.clone() }</rt><rp>{ ")" }</rp></ruby>
        },
        // A reference is already set as a superscript link; other marks do not apply.
        InlineKind::FootnoteRef { id } => return footnote_ref(id, &run.text, ctx),
        InlineKind::Image(image) => {
            let picture = media::inline_image(image, ctx);
            match (&image.href, within) {
                (Some(href), Within::Text) => {
                    html! { <SafeLink href={href.clone()}>{ picture }</SafeLink> }
                }
                _ => picture,
            }
        }
    };
    if run.strike {
        node = html! { <s>{ node }</s> };
    }
    if run.sub {
        node = html! { <sub>{ node }</sub> };
    }
    if run.sup {
        node = html! { <sup>{ node }</sup> };
    }
    if run.underline {
        node = html! { <u>{ node }</u> };
    }
    if run.italic {
        node = html! { <em>{ node }</em> };
    }
    if run.bold {
        node = html! { <strong>{ node }</strong> };
    }
    if run.lang.is_some() || run.dir.is_some() {
        // An element with `dir` is a bidirectional isolate, so the run's direction cannot leak
        // into the text around it.
        node = html! {
            <span lang={run.lang.clone()} dir={run.dir.map(|d| d.as_str())}>{ node }</span>
        };
    }
    node
}

/// `<sup><a href="#{prefix}-fn-{id}" id="{prefix}-fnref-{id}">1</a></sup>`, the address made
/// absolute (on this page) so that it passes the one URL policy like every other.
fn footnote_ref(id: &str, label: &str, ctx: &Ctx) -> Html {
    let own = ctx.claim_id("fnref", id);
    ctx.ledger
        .refs
        .borrow_mut()
        .entry(id.to_owned())
        .or_default()
        .push(own.clone());
    let label = label.to_owned();
    match ctx.in_page(&ctx.footnote_target(id)) {
        Some(href) => html! {
            <sup class="ar-fnref"><a href={href} id={own} role="doc-noteref">{ label }</a></sup>
        },
        None => html! { <sup class="ar-fnref" id={own}>{ label }</sup> },
    }
}
