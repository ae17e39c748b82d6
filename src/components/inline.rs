//! Inline runs: text with its marks, links, inline code, math, ruby, footnote references and
//! pictures inside text, and the render context the body's views share.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::link::{link_view, safe_url, AriaCurrent};
use super::media;
use crate::article::{Inline, InlineKind, Inlines, TextDirection};
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
    /// Each link address resolved so far, by the identity of its shared text (see
    /// [`Ctx::link_url`]), with the address held so that its identity stays its own.
    links: RefCell<HashMap<*const u8, Resolved>>,
}

/// A link address from content, kept alive, and what the URL policy made of it.
type Resolved = (Rc<str>, Option<AttrValue>);

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
            links: RefCell::default(),
        }
    }

    /// The page's own address without its fragment, when known.
    pub fn page(&self) -> Option<&'a str> {
        self.page
    }

    /// A link address from content, resolved and checked by the URL policy, or `None` when
    /// the policy refuses it. The import shares one address among all the runs and images of
    /// one link (a link around a thousand formatted runs, or around many images and
    /// paragraphs, renders as many links), so it is resolved once per shared text, found by
    /// identity: a million-character address costs one parse, not one per link it becomes.
    pub fn link_url(&self, href: &Rc<str>) -> Option<AttrValue> {
        let key = Rc::as_ptr(href).cast::<u8>();
        if let Some((_, resolved)) = self.links.borrow().get(&key) {
            return resolved.clone();
        }
        let resolved = safe_url(href, UrlUse::Link, self.base).map(AttrValue::from);
        self.links
            .borrow_mut()
            .insert(key, (Rc::clone(href), resolved.clone()));
        resolved
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
fn link_target(run: &Inline) -> Option<&Rc<str>> {
    match run.kind {
        InlineKind::FootnoteRef { .. } => None,
        _ => run.href.as_ref(),
    }
}

/// Whether two runs link to the same address. Runs of one link share its text, so identity
/// answers at once however long the address; only separately written equal addresses (each
/// run of a JSON article may repeat its own) are compared by content, and each of those is
/// part of the input.
fn same_address(a: &Rc<str>, b: &Rc<str>) -> bool {
    Rc::ptr_eq(a, b) || a == b
}

/// Inline runs. Adjacent runs with the same `href` render as one link around their formatted
/// runs: one focus stop, one name, as the author wrote it, and the address resolved once.
pub fn inlines(runs: &Inlines, ctx: &Ctx) -> Html {
    let mut out: Vec<Html> = Vec::new();
    // The address of the open link and the index of its first run.
    let mut group: Option<(&Rc<str>, usize)> = None;
    let mut nodes: Vec<Html> = Vec::new();
    for (index, run) in runs.0.iter().enumerate() {
        let target = link_target(run);
        if let (Some((href, _)), Some(target)) = (group, target) {
            if same_address(href, target) {
                nodes.push(run_node(run, ctx, Within::Link));
                continue;
            }
        }
        if let Some((href, first)) = group.take() {
            let grouped = runs.0.get(first..index).unwrap_or_default();
            out.push(link_of_runs(href, grouped, std::mem::take(&mut nodes), ctx));
        }
        match target {
            Some(href) => {
                group = Some((href, index));
                nodes.push(run_node(run, ctx, Within::Link));
            }
            None => out.push(run_node(run, ctx, Within::Text)),
        }
    }
    if let Some((href, first)) = group {
        let grouped = runs.0.get(first..).unwrap_or_default();
        out.push(link_of_runs(href, grouped, nodes, ctx));
    }
    out.into_iter().collect()
}

/// How many runs a link may hold and still leave its direction to the browser (`dir="auto"`).
/// Chromium's `dir="auto"` costs time quadratic in the number of nodes inside the element
/// (measured in Chromium 156: 40,000 runs built into one link took 1.35 s of main-thread time
/// and 20,000 took 0.40 s; with an explicit `dir`, 0.23 s and 0.12 s), so a link of more runs
/// gets its direction from [`first_strong_direction`] instead, by the same rule.
pub const AUTO_DIRECTION_RUNS: usize = 32;

/// A link around the rendered `nodes` of `runs`, as [`super::link::safe_link`] renders it.
fn link_of_runs(href: &Rc<str>, runs: &[Inline], nodes: Vec<Html>, ctx: &Ctx) -> Html {
    let dir = if runs.len() <= AUTO_DIRECTION_RUNS {
        TextDirection::Auto
    } else {
        first_strong_direction(runs)
    };
    link_view(
        ctx.link_url(href),
        nodes.into_iter().collect(),
        Classes::new(),
        None,
        AriaCurrent::Elsewhere,
        dir,
    )
}

/// A link around one rendered picture, as [`super::link::safe_link`] renders it.
pub fn link(href: &Rc<str>, picture: Html, ctx: &Ctx) -> Html {
    link_view(
        ctx.link_url(href),
        picture,
        Classes::new(),
        None,
        AriaCurrent::Elsewhere,
        TextDirection::Auto,
    )
}

/// The direction `dir="auto"` would give an element holding these runs: that of the first
/// strong character of their text, outside runs that set their own direction (rendered with a
/// `dir` of their own, which `auto` skips); left to right when there is none. Letters of the
/// right-to-left scripts and the right-to-left marks are right to left, other letters and the
/// left-to-right mark left to right; digits, punctuation, symbols and spaces are not strong. (The Unicode bidirectional classes differ from this in
/// a few rare letters, such as combining marks before any letter.)
pub fn first_strong_direction(runs: &[Inline]) -> TextDirection {
    let texts = runs.iter().filter(|run| run.dir.is_none()).flat_map(|run| {
        let annotation = match &run.kind {
            InlineKind::Ruby { annotation } => annotation.as_str(),
            _ => "",
        };
        let text = match run.kind {
            // A picture's description is an attribute, not text.
            InlineKind::Image(_) => "",
            _ => run.text.as_str(),
        };
        [text, annotation]
    });
    texts
        .flat_map(str::chars)
        .find_map(strong_direction)
        .unwrap_or(TextDirection::Ltr)
}

/// The direction of a strong character, or `None` for one that is not strong: the marks
/// U+200E (left to right) and U+200F and U+061C (right to left), and letters.
fn strong_direction(c: char) -> Option<TextDirection> {
    match c {
        '\u{200e}' => Some(TextDirection::Ltr),
        '\u{200f}' | '\u{061c}' => Some(TextDirection::Rtl),
        c if c.is_alphabetic() && is_right_to_left_letter(c) => Some(TextDirection::Rtl),
        c if c.is_alphabetic() => Some(TextDirection::Ltr),
        _ => None,
    }
}

/// Whether a letter belongs to a right-to-left script: the blocks of Hebrew, Arabic, Syriac,
/// Thaana, N'Ko, Samaritan and Mandaic and their supplements and presentation forms, and the
/// right-to-left blocks of the supplementary planes.
fn is_right_to_left_letter(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08FF
            | 0xFB1D..=0xFDFF
            | 0xFE70..=0xFEFE
            | 0x10800..=0x10FFF
            | 0x1E800..=0x1EFFF
    )
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
                (Some(href), Within::Text) => link(href, picture, ctx),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Image;

    fn dir_of(runs: &[Inline]) -> TextDirection {
        first_strong_direction(runs)
    }

    #[test]
    fn the_first_letter_decides_as_dir_auto_would() {
        assert_eq!(dir_of(&[Inline::plain("Read more")]), TextDirection::Ltr);
        assert_eq!(dir_of(&[Inline::plain("阅读全文")]), TextDirection::Ltr);
        assert_eq!(dir_of(&[Inline::plain("اقرأ المزيد")]), TextDirection::Rtl);
        // Digits, punctuation and spaces are not strong: the Hebrew word decides.
        assert_eq!(
            dir_of(&[Inline::plain("2020-07-01, "), Inline::plain("שלום world")]),
            TextDirection::Rtl
        );
        // Nothing strong at all: left to right.
        assert_eq!(dir_of(&[Inline::plain("123 !?")]), TextDirection::Ltr);
        assert_eq!(dir_of(&[]), TextDirection::Ltr);
    }

    #[test]
    fn runs_with_their_own_direction_and_pictures_do_not_count() {
        let own = Inline {
            dir: Some(TextDirection::Rtl),
            ..Inline::plain("עברית")
        };
        assert_eq!(
            dir_of(&[own, Inline::plain("then English")]),
            TextDirection::Ltr
        );
        let picture = Inline {
            kind: InlineKind::Image(Box::new(Image {
                src: "i.png".into(),
                alt: "صورة".into(),
                ..Image::default()
            })),
            ..Inline::plain("صورة")
        };
        assert_eq!(
            dir_of(&[picture, Inline::plain("caption")]),
            TextDirection::Ltr
        );
        // A ruby annotation is text inside the link.
        let ruby = Inline {
            kind: InlineKind::Ruby {
                annotation: "ערך".into(),
            },
            ..Inline::plain("123")
        };
        assert_eq!(dir_of(&[ruby]), TextDirection::Rtl);
    }
}
