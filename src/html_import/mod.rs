//! CMS HTML bodies, imported into the block model through an allow-list.
//!
//! Many sites' CMSs (TRS WCM and the like) store an article body as HTML. The reader never
//! inserts that HTML. Instead `dom::parse` lets the browser's own parser read it into an inert
//! document (`DOMParser`: no script runs, nothing loads) and copies it into a plain [`HtmlNode`]
//! tree, keeping only the attributes in [`KEPT_ATTRIBUTES`]. [`import`] then walks that tree
//! into [`Block`]s, in pure Rust, so `cargo test` and the fuzz tests cover every rule.
//!
//! One table, [`roles::ELEMENTS`], gives every element its role (a block of some kind, an
//! inline mark, an inline object, list or table structure, a wrapper to unwrap, or dropped with
//! its content), and one walker (`walk`) acts on roles:
//!
//! - paragraphs, headings, marks (bold, italic, underline, strike, sup, sub, code), links, line
//!   breaks, ruby, images (also inside links, lists, cells, headings and `picture`), figures
//!   and galleries, nested lists with `start` and `reversed`, definition lists, quotes, tables
//!   with header cells, spans and tables inside cells, code blocks, players, formulas, rules
//!   and editors' notes become their blocks and runs;
//! - scripts, styles, objects, forms, SVG and the like are dropped with their content;
//! - any other element is unwrapped to its content (a `div.TRS_Editor`, `span`, `font`);
//! - the CMS habits of `&nbsp;` or full-width-space indents, empty paragraphs,
//!   `<p><strong>…</strong></p>` section headings and centred caption lines under images come
//!   out as clean paragraphs, headings and captions.
//!
//! Addresses are kept as written: the URL policy is applied when they are rendered.

pub mod dom;
pub mod prescan;
pub mod roles;
mod text;
mod walk;

use crate::article::model::{Block, TextDirection};
pub use walk::MAX_NESTING;

/// A node of parsed HTML, reduced to what the import reads.
#[derive(Clone, Debug, PartialEq)]
pub enum HtmlNode {
    /// A text node's data (entities already decoded by the parser).
    Text(String),
    /// An element.
    Element {
        /// Lowercase local name for HTML elements (Word's `o:p` and `st1:place` included); `svg:`
        /// or `math:` prefixed for SVG and MathML elements, so that none is taken for HTML (SVG
        /// is dropped; a formula is read as text from its `math:math` root).
        tag: String,
        /// Only the [`KEPT_ATTRIBUTES`], when present.
        attrs: Vec<(String, String)>,
        /// Child nodes in order.
        children: Vec<HtmlNode>,
    },
}

impl HtmlNode {
    /// An element, for building trees by hand (tests).
    pub fn el(tag: &str, attrs: &[(&str, &str)], children: Vec<HtmlNode>) -> HtmlNode {
        HtmlNode::Element {
            tag: tag.to_owned(),
            attrs: attrs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            children,
        }
    }

    /// A text node.
    pub fn text(text: &str) -> HtmlNode {
        HtmlNode::Text(text.to_owned())
    }

    /// The value of a kept attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            HtmlNode::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            HtmlNode::Text(_) => None,
        }
    }
}

/// Attributes the DOM walker keeps; nothing else (event handlers, `style`, `id`, data
/// attributes) ever leaves the parsed document. Each is here for one rule:
///
/// - `href`: links; `src`: images, players and their `<source>`s; `alt`: image descriptions;
/// - `srcset`, `sizes`, `width`, `height`: an image's other resolutions and its intrinsic size,
///   so the layout does not jump while it loads;
/// - `colspan`, `rowspan`, `scope`: the shape of a table and what its header cells name;
/// - `start`, `reversed`: where a numbered list starts and which way it counts;
/// - `lang`, `dir`: the language and direction of a span (or of the whole body);
/// - `align`: the centred line under an image that CMSs use as its caption (`dom` also reports
///   a `text-align: center` style here, and reads nothing else of the style);
/// - `title`, `poster`: a player's name and still image;
/// - `display`, `alttext`, `encoding`: whether a formula is a block, its text alternative, and
///   which annotation holds its TeX;
/// - `id`: matches a footnote to the references that link to it (`href="#fn1"`); it is never
///   put on the page;
/// - `class`: only its `language-…` / `lang-…` tokens (a code block's language) and the
///   tokens in [`NOTE_CLASSES`]; `dom` drops every other token.
pub const KEPT_ATTRIBUTES: [&str; 21] = [
    "href", "src", "alt", "srcset", "sizes", "width", "height", "colspan", "rowspan", "scope",
    "start", "reversed", "lang", "dir", "align", "title", "poster", "display", "alttext",
    "encoding", "id",
];

/// Class tokens that mark a `div` as an editor's note, correction or update (it becomes a note
/// when its text also opens with such a label).
pub const NOTE_CLASSES: &[&str] = &[
    "editor-note",
    "editors-note",
    "editor_note",
    "editornote",
    "note",
    "correction",
    "update",
];

/// Longest text (in characters) that a bold-only paragraph may have to count as a section
/// heading; a longer one is an emphasised paragraph.
pub const HEADING_MAX_CHARS: usize = 60;

/// Whether an element is dropped together with its content.
pub(crate) fn is_dropped(tag: &str) -> bool {
    roles::role(tag) == roles::Role::Drop
}

/// Converts a parsed body into blocks.
pub fn import(nodes: &[HtmlNode]) -> Vec<Block> {
    let context = walk::Context {
        dir: body_direction(nodes),
        lang: body_language(nodes).map(str::to_owned),
        references: Default::default(),
        footnotes: Default::default(),
    };
    let mut builder = walk::Builder::new(&context, 0, walk::Flow::Blocks);
    builder.visit_all(nodes, &walk::Marks::default());
    let mut blocks = builder.finish();
    walk::unlink_missing_footnotes(&mut blocks);
    blocks
}

/// The writing direction the whole body declares: a `dir` on the wrapper around everything
/// (`<div dir="rtl">`), or the same `dir` on every top-level element. Runs do not repeat it;
/// the loader should make it the article's `dir` when the article gives none.
pub fn body_direction(nodes: &[HtmlNode]) -> Option<TextDirection> {
    body_attribute(nodes, "dir").and_then(walk::parse_direction)
}

/// The language the whole body declares, found like [`body_direction`]. Runs do not repeat it;
/// the loader should make it the article's `inLanguage` when the article gives none.
pub fn body_language(nodes: &[HtmlNode]) -> Option<&str> {
    body_attribute(nodes, "lang").and_then(walk::language_tag)
}

/// An attribute that all top-level elements share, looking through a single wrapper (a
/// `div`, `section` or `article` around everything) as often as it is there.
fn body_attribute<'a>(mut nodes: &'a [HtmlNode], name: &str) -> Option<&'a str> {
    loop {
        let mut elements = Vec::new();
        for node in nodes {
            match node {
                HtmlNode::Text(text) if !text.trim().is_empty() => return None,
                HtmlNode::Text(_) => {}
                HtmlNode::Element { tag, .. } if is_dropped(tag) => {}
                HtmlNode::Element { .. } => elements.push(node),
            }
        }
        let first = elements.first()?.attr(name);
        if first.is_some() && elements.iter().all(|e| e.attr(name) == first) {
            return first;
        }
        match elements.as_slice() {
            [HtmlNode::Element { tag, children, .. }]
                if first.is_none()
                    && matches!(roles::role(tag), roles::Role::Section | roles::Role::Inline) =>
            {
                nodes = children;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests;
