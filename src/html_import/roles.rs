//! The one table of the import: for every element it knows, the role that element plays.
//!
//! Adding an element is one line here (and a test): the walker in `walk` acts on roles, never
//! on element names. An element missing from the table is unwrapped to its content (`span`,
//! `font`, Word's `o:p`, unknown tags), so an unknown element can lose its meaning but never
//! its text, and never bring in anything the table does not allow.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::article::model::EmbedKind;

/// What an element is to the import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Dropped together with everything inside it: it runs code, loads things, collects input,
    /// or holds text that is not part of the article.
    Drop,
    /// Unwrapped: its content continues the text around it.
    Inline,
    /// Groups blocks: unwrapped, but it ends the paragraph before and after it.
    Section,
    /// An inline mark on the runs inside it.
    Mark(Mark),
    /// A link (`a href`) on the runs inside it.
    Link,
    /// A line break.
    Break,
    /// A paragraph.
    Paragraph,
    /// A heading of this level in the body (`h1` and `h2` are both level 2: the headline is
    /// the page's only `h1`).
    Heading(u8),
    /// An image (`img`).
    Image,
    /// A figure: its images with the `figcaption` as caption (a gallery when several).
    Figure,
    /// A figure's caption.
    FigureCaption,
    /// A list, numbered or not.
    List(Numbering),
    /// An item of a list.
    ListItem,
    /// A definition list.
    DefinitionList,
    /// A term of a definition list.
    Term,
    /// A description of a definition list.
    Details,
    /// A quotation.
    Quote,
    /// A table.
    Table,
    /// The caption of a table.
    TableCaption,
    /// A group of table rows.
    RowGroup(RowGroup),
    /// A table row.
    Row,
    /// A table cell, data or header.
    Cell(CellTag),
    /// Preformatted text: a code block, whitespace kept.
    Preformatted,
    /// Ruby: base text with annotations.
    Ruby,
    /// A ruby annotation (`rt`), read by the ruby it belongs to.
    RubyText,
    /// A player: a video, a sound or another page in a frame.
    Embed(EmbedKind),
    /// A MathML formula, kept as its text.
    Math,
    /// A thematic break.
    Rule,
    /// An aside: an editor's note or correction when its text starts with such a label, else a
    /// section.
    Aside,
}

/// The inline marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Strong emphasis.
    Bold,
    /// Emphasis.
    Italic,
    /// Underline.
    Underline,
    /// Struck through.
    Strike,
    /// Superscript.
    Sup,
    /// Subscript.
    Sub,
    /// Inline code.
    Code,
}

/// Whether a list is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    /// `ul`: bullets.
    Bullets,
    /// `ol`: numbers.
    Numbers,
}

/// Which rows a row group holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowGroup {
    /// `thead`: header rows.
    Head,
    /// `tbody`, `tfoot`: body rows.
    Body,
}

/// Which kind of cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellTag {
    /// `td`.
    Data,
    /// `th`.
    Header,
}

/// Every element the import gives a role other than [`Role::Inline`], by lowercase local name.
/// MathML and SVG elements come prefixed (`math:`, `svg:`) and are handled in [`role`].
pub const ELEMENTS: &[(&str, Role)] = &[
    // Code, loading, input, metadata and chrome: never content.
    ("script", Role::Drop),
    ("style", Role::Drop),
    ("frame", Role::Drop),
    ("frameset", Role::Drop),
    ("object", Role::Drop),
    ("embed", Role::Drop),
    ("applet", Role::Drop),
    ("form", Role::Drop),
    ("input", Role::Drop),
    ("button", Role::Drop),
    ("select", Role::Drop),
    ("option", Role::Drop),
    ("optgroup", Role::Drop),
    ("textarea", Role::Drop),
    ("datalist", Role::Drop),
    ("output", Role::Drop),
    ("noscript", Role::Drop),
    ("noembed", Role::Drop),
    ("noframes", Role::Drop),
    ("template", Role::Drop),
    ("slot", Role::Drop),
    ("canvas", Role::Drop),
    // `<source>` and `<track>` are read by their video or audio; a `<picture>`'s sources are
    // alternatives to its `<img>`, which is kept.
    ("source", Role::Drop),
    ("track", Role::Drop),
    ("map", Role::Drop),
    ("area", Role::Drop),
    ("link", Role::Drop),
    ("meta", Role::Drop),
    ("base", Role::Drop),
    ("head", Role::Drop),
    ("title", Role::Drop),
    ("svg", Role::Drop),
    ("dialog", Role::Drop),
    ("menu", Role::Drop),
    ("portal", Role::Drop),
    ("xmp", Role::Drop),
    ("plaintext", Role::Drop),
    ("param", Role::Drop),
    ("marquee", Role::Drop),
    ("colgroup", Role::Drop),
    ("col", Role::Drop),
    ("rp", Role::Drop),
    // Players: cards that link to where they play.
    ("iframe", Role::Embed(EmbedKind::Frame)),
    ("video", Role::Embed(EmbedKind::Video)),
    ("audio", Role::Embed(EmbedKind::Audio)),
    // Block wrappers.
    ("html", Role::Section),
    ("body", Role::Section),
    ("div", Role::Section),
    ("section", Role::Section),
    ("article", Role::Section),
    ("main", Role::Section),
    ("header", Role::Section),
    ("footer", Role::Section),
    ("nav", Role::Section),
    ("center", Role::Section),
    ("address", Role::Section),
    ("hgroup", Role::Section),
    ("details", Role::Section),
    ("summary", Role::Section),
    ("fieldset", Role::Section),
    ("legend", Role::Section),
    ("aside", Role::Aside),
    // Text blocks.
    ("p", Role::Paragraph),
    ("h1", Role::Heading(2)),
    ("h2", Role::Heading(2)),
    ("h3", Role::Heading(3)),
    ("h4", Role::Heading(4)),
    ("h5", Role::Heading(4)),
    ("h6", Role::Heading(4)),
    ("pre", Role::Preformatted),
    ("listing", Role::Preformatted),
    ("blockquote", Role::Quote),
    ("hr", Role::Rule),
    // Images.
    ("img", Role::Image),
    ("figure", Role::Figure),
    ("figcaption", Role::FigureCaption),
    // Lists.
    ("ul", Role::List(Numbering::Bullets)),
    ("ol", Role::List(Numbering::Numbers)),
    ("dir", Role::List(Numbering::Bullets)),
    ("li", Role::ListItem),
    ("dl", Role::DefinitionList),
    ("dt", Role::Term),
    ("dd", Role::Details),
    // Tables.
    ("table", Role::Table),
    ("caption", Role::TableCaption),
    ("thead", Role::RowGroup(RowGroup::Head)),
    ("tbody", Role::RowGroup(RowGroup::Body)),
    ("tfoot", Role::RowGroup(RowGroup::Body)),
    ("tr", Role::Row),
    ("td", Role::Cell(CellTag::Data)),
    ("th", Role::Cell(CellTag::Header)),
    // Inline marks and objects.
    ("b", Role::Mark(Mark::Bold)),
    ("strong", Role::Mark(Mark::Bold)),
    ("i", Role::Mark(Mark::Italic)),
    ("em", Role::Mark(Mark::Italic)),
    ("cite", Role::Mark(Mark::Italic)),
    ("dfn", Role::Mark(Mark::Italic)),
    ("var", Role::Mark(Mark::Italic)),
    ("u", Role::Mark(Mark::Underline)),
    ("ins", Role::Mark(Mark::Underline)),
    ("s", Role::Mark(Mark::Strike)),
    ("strike", Role::Mark(Mark::Strike)),
    ("del", Role::Mark(Mark::Strike)),
    ("sup", Role::Mark(Mark::Sup)),
    ("sub", Role::Mark(Mark::Sub)),
    ("code", Role::Mark(Mark::Code)),
    ("kbd", Role::Mark(Mark::Code)),
    ("samp", Role::Mark(Mark::Code)),
    ("tt", Role::Mark(Mark::Code)),
    ("a", Role::Link),
    ("br", Role::Break),
    ("ruby", Role::Ruby),
    ("rt", Role::RubyText),
    ("math", Role::Math),
];

/// The role of an element, by the name `dom` gives it.
pub fn role(tag: &str) -> Role {
    if let Some(local) = tag.strip_prefix("math:") {
        // The formula is read as a whole from its root; a MathML element met anywhere else
        // carries nothing the import reads.
        return if local == "math" {
            Role::Math
        } else {
            Role::Drop
        };
    }
    if tag.starts_with("svg:") {
        return Role::Drop;
    }
    lookup().get(tag).copied().unwrap_or(Role::Inline)
}

/// [`ELEMENTS`] as a map, built once: the table stays in the order that reads well, and a
/// lookup costs one hash instead of a scan of the whole table for every element of a body.
fn lookup() -> &'static HashMap<&'static str, Role> {
    static MAP: OnceLock<HashMap<&'static str, Role>> = OnceLock::new();
    MAP.get_or_init(|| ELEMENTS.iter().copied().collect())
}
