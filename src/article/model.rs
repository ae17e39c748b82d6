//! The article model: the Rust shape of article JSON, versions 1 and 2.
//!
//! Version 2 is a superset: every version-1 document reads into the same types (a version-1
//! list item becomes a list item holding one paragraph, a version-1 table cell a cell holding
//! one paragraph), so the views know one model.
//!
//! These types are plain data: no serde derives and no view logic. They mirror
//! `docs/article-json.md` and `static/schema/article-v1.schema.json` field for field, and
//! `article::parse` builds them from JSON (one reader function per type), so the reader and
//! every component agree on one vocabulary. Names follow schema.org's
//! `NewsArticle` where it has one (`headline`, `datePublished`, `inLanguage`, `author`, `editor`).

use std::rc::Rc;

/// The newest schema version this reader understands. Documents carry it in `schemaVersion` so
/// that a later, incompatible version is refused with a clear message instead of misread.
pub const SCHEMA_VERSION: u32 = 2;

/// Every schema version this reader understands, oldest first.
pub const SUPPORTED_VERSIONS: [u32; 2] = [1, 2];

/// One article: everything a news-CMS article page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The version the document declared.
    pub schema_version: u32,
    /// BCP 47 language tag of the content, e.g. `zh-CN`; picks the interface labels too.
    /// Required in version 1; when a version-2 document omits it, the reader falls back to the
    /// interface language it was mounted with (see `docs/article-json.md`).
    pub in_language: Option<String>,
    /// The writing direction of the content; when absent it follows from the language
    /// (`ar`, `he`, `fa`, `ur`... are right to left).
    pub dir: Option<TextDirection>,
    /// The canonical address of the article page, if known. Relative links resolve against it.
    pub url: Option<String>,
    /// "You are here" trail from the site root to this page; the last crumb is the page itself.
    pub breadcrumb: Vec<Crumb>,
    /// The title, shown as the page's only `h1`.
    pub headline: String,
    /// Publication time, ISO 8601: with an offset (`2020-07-01T10:14:37+08:00`), or in
    /// version 2 also without one (wall-clock time in [`Article::time_zone`]) or as a date alone.
    /// Required in version 1; many CMS pages have no usable one.
    pub date_published: Option<String>,
    /// When the article was last changed, in the same forms as `date_published`.
    pub date_modified: Option<String>,
    /// The offset (`+08:00`) that dates without one are in; when absent they are shown as
    /// written, as the newsroom's own wall-clock time.
    pub time_zone: Option<String>,
    /// Where the article first appeared (来源).
    pub source_organization: Option<Source>,
    /// Authors, when the page names them.
    pub author: Vec<Person>,
    /// The responsible editor (责编).
    pub editor: Option<Person>,
    /// The body as ordered blocks. Empty in JSON that gives `bodyHtml` instead; the loader fills
    /// it from the HTML before anything renders.
    pub body: Vec<Block>,
    /// The body as CMS HTML, an alternative to `body`. It is never inserted as HTML: the loader
    /// walks it into blocks through an allow-list (see `crate::html_import`).
    pub body_html: Option<String>,
    /// Related reading (相关阅读).
    pub related_link: Vec<RelatedItem>,
    /// Side blocks such as 热点关注, each with an optional "more" link.
    pub sidebar: Vec<SidebarGroup>,
    /// The article before this one in its channel (上一篇), version 2 only.
    pub previous_article: Option<RelatedItem>,
    /// The article after this one in its channel (下一篇), version 2 only.
    pub next_article: Option<RelatedItem>,
}

impl Article {
    /// The content's language tag, or `fallback` (the interface language the reader was
    /// mounted with) when the article does not say.
    pub fn language_or<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.in_language.as_deref().unwrap_or(fallback)
    }

    /// The writing direction of the content: `dir` when the article gives it, else the one
    /// its language is written in (left to right when it names no language).
    pub fn direction(&self) -> TextDirection {
        self.direction_or(self.in_language.as_deref().unwrap_or(""))
    }

    /// Like [`Article::direction`], with `fallback` (the interface language the reader was
    /// mounted with) standing in for a missing `inLanguage`.
    pub fn direction_or(&self, fallback: &str) -> TextDirection {
        self.dir
            .unwrap_or_else(|| super::lang::direction_for_language(self.language_or(fallback)))
    }
}

/// One step of the breadcrumb trail.
#[derive(Clone, Debug, PartialEq)]
pub struct Crumb {
    /// The visible label.
    pub name: String,
    /// Where the crumb leads; absent for the current page.
    pub url: Option<String>,
}

/// The publication an article comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The outlet's name, e.g. 中国西藏新闻网.
    pub name: String,
    /// Its home page, if the site links it.
    pub url: Option<String>,
}

/// A person named on the page (author or editor).
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// The name as printed.
    pub name: String,
    /// A profile page, if any.
    pub url: Option<String>,
}

/// One entry of the related-reading list.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedItem {
    /// The linked article's title.
    pub headline: String,
    /// Its address.
    pub url: String,
    /// Its publication date (`2020-07-01`) or date-time, shown as a date.
    pub date_published: Option<String>,
}

/// A titled list of links beside the article.
#[derive(Clone, Debug, PartialEq)]
pub struct SidebarGroup {
    /// The block's title, e.g. 热点关注.
    pub name: String,
    /// The channel page behind the block's 更多>> link.
    pub more: Option<String>,
    /// The links in the block; may be empty.
    pub items: Vec<Link>,
}

/// A plain named link.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The visible text.
    pub name: String,
    /// The target address.
    pub url: String,
}

/// A writing direction, for the article or for a span inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextDirection {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu...).
    Rtl,
    /// Decided by the browser from the first strong character.
    Auto,
}

impl TextDirection {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
            TextDirection::Auto => "auto",
        }
    }
}

/// One block of the article body, in reading order.
///
/// In JSON a block is an object whose `type` names the variant; `article::parse` reads each
/// kind with its own function, so an error deep inside a block keeps its full JSON path.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph(Paragraph),
    /// A section heading inside the body (the headline is not one of these).
    Heading(Heading),
    /// An image as a figure, with optional caption and credit.
    Image(Image),
    /// Several images under one caption.
    Gallery(Gallery),
    /// A bulleted or numbered list.
    List(List),
    /// Terms and their descriptions.
    DefinitionList(DefinitionList),
    /// A quotation set off from the text.
    Quote(Quote),
    /// A short passage repeated large for emphasis (a pull quote).
    PullQuote(PullQuote),
    /// A table of cells holding blocks.
    Table(Table),
    /// Preformatted code, whitespace kept.
    Code(Code),
    /// A video, audio or frame player, shown as a card linking to where it plays.
    Embed(Embed),
    /// A formula as display math, kept as its text.
    Math(Math),
    /// A thematic break (`<hr>`).
    Rule,
    /// An editor's note, a correction or an update (编者按, 更正).
    Note(Note),
    /// The article's footnotes, each linked both ways with its references.
    Footnotes(Footnotes),
}

impl Block {
    /// The `type` tag that names this block in JSON.
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::Paragraph(_) => "paragraph",
            Block::Heading(_) => "heading",
            Block::Image(_) => "image",
            Block::Gallery(_) => "gallery",
            Block::List(_) => "list",
            Block::DefinitionList(_) => "definitionList",
            Block::Quote(_) => "quote",
            Block::PullQuote(_) => "pullQuote",
            Block::Table(_) => "table",
            Block::Code(_) => "code",
            Block::Embed(_) => "embed",
            Block::Math(_) => "math",
            Block::Rule => "rule",
            Block::Note(_) => "note",
            Block::Footnotes(_) => "footnotes",
        }
    }
}

/// A paragraph of running text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paragraph {
    /// The paragraph's text as inline runs.
    pub content: Inlines,
}

/// A section heading inside the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// 2 for a section, 3 or 4 for sub-sections; rendered as `h2`..`h4` under the `h1` headline.
    pub level: u8,
    /// The heading's text as inline runs.
    pub content: Inlines,
}

/// An image: a figure when it is a block, or a picture inside text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Image {
    /// The image address.
    pub src: String,
    /// Text for readers who cannot see the image; empty only for pure decoration.
    pub alt: String,
    /// Candidate sources for other resolutions (`srcset`), each address under the URL policy.
    pub srcset: Option<String>,
    /// Which candidate fits which layout width (`sizes`).
    pub sizes: Option<String>,
    /// Intrinsic width in CSS pixels, so the layout does not jump while the image loads.
    pub width: Option<u32>,
    /// Intrinsic height in CSS pixels.
    pub height: Option<u32>,
    /// Where the image links to, if it is a link. Shared, like a run's `href`: every image
    /// inside one long-addressed link points at the same text.
    pub href: Option<Rc<str>>,
    /// A visible caption (figures only).
    pub caption: Option<Inlines>,
    /// Who made the image (图片来源, "Photo: ..."), shown with the caption (figures only).
    pub credit: Option<Inlines>,
}

/// Several images under one caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Gallery {
    /// The images, in order; each may have its own caption.
    pub images: Vec<Image>,
    /// The caption of the whole gallery.
    pub caption: Option<Inlines>,
}

/// A bulleted or numbered list.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// Numbered when true.
    pub ordered: bool,
    /// The first number of an ordered list (`<ol start>`), when not 1.
    pub start: Option<i64>,
    /// Numbered downwards (`<ol reversed>`).
    pub reversed: bool,
    /// The items, each a sequence of blocks (a nested list is a block of its item).
    pub items: Vec<Blocks>,
}

/// Terms and their descriptions (`<dl>`).
#[derive(Clone, Debug, PartialEq)]
pub struct DefinitionList {
    /// The entries in order.
    pub items: Vec<Definition>,
}

/// One term of a definition list with its descriptions.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// The term (`<dt>`).
    pub term: Inlines,
    /// Its descriptions (`<dd>`), each a sequence of blocks.
    pub details: Vec<Blocks>,
}

/// A quotation set off from the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted blocks.
    pub content: Vec<Block>,
    /// Who or what is quoted, if given.
    pub cite: Option<String>,
}

/// A short passage repeated large for emphasis.
#[derive(Clone, Debug, PartialEq)]
pub struct PullQuote {
    /// The passage.
    pub content: Inlines,
    /// Who said it, if given.
    pub cite: Option<String>,
}

/// A table whose cells hold blocks.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// A caption above the table.
    pub caption: Option<Inlines>,
    /// Header rows (`<thead>`); empty when the table has none.
    pub head: Vec<Row>,
    /// The body rows.
    pub rows: Vec<Row>,
}

/// One row of a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The cells in order.
    pub cells: Vec<Cell>,
}

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// A data cell or a header cell.
    pub kind: CellKind,
    /// How many columns the cell spans (at least 1).
    pub colspan: u32,
    /// How many rows the cell spans (at least 1).
    pub rowspan: u32,
    /// What the cell holds.
    pub content: Blocks,
}

impl Cell {
    /// A cell of a version-1 `header` row: a column header.
    pub fn header_v1(cell: Cell) -> Cell {
        Cell {
            kind: CellKind::Header(Some(HeaderScope::Col)),
            ..cell
        }
    }
}

/// Whether a cell is data or a header, and for a header which cells it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// A data cell (`<td>`).
    Data,
    /// A header cell (`<th>`), with its `scope` when given.
    Header(Option<HeaderScope>),
}

/// What a header cell is a header for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderScope {
    /// Its row.
    Row,
    /// Its column.
    Col,
    /// Its row group.
    RowGroup,
    /// Its column group.
    ColGroup,
}

impl HeaderScope {
    /// The value of the HTML `scope` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            HeaderScope::Row => "row",
            HeaderScope::Col => "col",
            HeaderScope::RowGroup => "rowgroup",
            HeaderScope::ColGroup => "colgroup",
        }
    }
}

/// Preformatted code.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    /// The code, every space and line break kept.
    pub text: String,
    /// The language it is written in, shown as a label (`rust`, `python`).
    pub language: Option<String>,
}

/// A media player from another site, shown as a card.
#[derive(Clone, Debug, PartialEq)]
pub struct Embed {
    /// What kind of player it is.
    pub kind: EmbedKind,
    /// Where it plays (the player's or the media's address), under the URL policy.
    pub url: String,
    /// What it is called; the card's heading.
    pub title: Option<String>,
    /// Who provides it (a site name, e.g. 央视网).
    pub provider: Option<String>,
    /// A still image shown on the card.
    pub poster: Option<Image>,
}

/// The kinds of embedded media.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedKind {
    /// A video.
    Video,
    /// A sound recording.
    Audio,
    /// Any other frame (a map, a poll, a social post).
    Frame,
}

impl EmbedKind {
    /// The name of the kind in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EmbedKind::Video => "video",
            EmbedKind::Audio => "audio",
            EmbedKind::Frame => "frame",
        }
    }
}

/// A formula, kept as its text (MathML's `annotation`, LaTeX or its alt text).
#[derive(Clone, Debug, PartialEq)]
pub struct Math {
    /// The formula as text.
    pub text: String,
}

/// An editor's note, a correction or an update.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// Which kind of note; it picks the label (编者按, 更正...).
    pub kind: NoteKind,
    /// The note itself.
    pub content: Vec<Block>,
}

/// The kinds of note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// 编者按: the editors speak to the reader.
    EditorsNote,
    /// 更正: a correction of an earlier version.
    Correction,
    /// An update added after publication.
    Update,
}

impl NoteKind {
    /// The name of the kind in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::EditorsNote => "editorsNote",
            NoteKind::Correction => "correction",
            NoteKind::Update => "update",
        }
    }
}

/// The article's footnotes.
#[derive(Clone, Debug, PartialEq)]
pub struct Footnotes {
    /// The notes in order.
    pub items: Vec<Footnote>,
}

/// One footnote; references to it are [`InlineKind::FootnoteRef`] runs with the same `id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Footnote {
    /// The identifier references use (unique within the article).
    pub id: String,
    /// The note's text.
    pub content: Blocks,
}

/// A sequence of blocks: a list item, a table cell, a description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Blocks(pub Vec<Block>);

impl Blocks {
    /// Blocks holding one paragraph of these runs: what a version-1 list item or table cell
    /// (inline runs only) becomes.
    pub fn paragraph(content: Inlines) -> Self {
        Blocks(vec![Block::Paragraph(Paragraph { content })])
    }

    /// The text of the paragraphs and headings in these blocks (and in lists and quotes inside
    /// them), joined without separators: for labels and tests.
    pub fn plain_text(&self) -> String {
        fn collect(blocks: &[Block], out: &mut String) {
            for block in blocks {
                match block {
                    Block::Paragraph(Paragraph { content })
                    | Block::Heading(Heading { content, .. }) => {
                        out.push_str(&content.plain_text())
                    }
                    Block::List(list) => list.items.iter().for_each(|i| collect(&i.0, out)),
                    Block::Quote(quote) => collect(&quote.content, out),
                    _ => {}
                }
            }
        }
        let mut out = String::new();
        collect(&self.0, &mut out);
        out
    }

    /// The runs, when these blocks are exactly one paragraph: such an item or cell renders its
    /// text directly, without a `<p>`, as version 1 did.
    pub fn as_single_paragraph(&self) -> Option<&Inlines> {
        match self.0.as_slice() {
            [Block::Paragraph(p)] => Some(&p.content),
            _ => None,
        }
    }
}

/// What an inline run is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum InlineKind {
    /// Text (a `\n` in it is a line break).
    #[default]
    Text,
    /// Inline code, set in monospace.
    Code,
    /// A formula kept as its text.
    Math,
    /// Ruby: the run's text is the base (漢字) and this is its annotation (かんじ).
    Ruby {
        /// The reading shown above the base.
        annotation: String,
    },
    /// A reference to the footnote with this id; the run's text is its label (`1`).
    FootnoteRef {
        /// The footnote's `id`.
        id: String,
    },
    /// An image inside text; the run's text is its `alt`.
    Image(Box<Image>),
}

/// A run of inline content with its marks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inline {
    /// What the run is; plain text unless said otherwise.
    pub kind: InlineKind,
    /// The text itself (for other kinds, see [`InlineKind`]).
    pub text: String,
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// Underlined (CMS bodies use it).
    pub underline: bool,
    /// Struck through (`<s>`, `<del>`).
    pub strike: bool,
    /// Superscript.
    pub sup: bool,
    /// Subscript.
    pub sub: bool,
    /// A link target: the run is a link when present. Adjacent runs with the same target render
    /// as one link. Shared, not copied: every run inside one long-addressed link points at the
    /// same text, so a link around many runs costs its address once.
    pub href: Option<Rc<str>>,
    /// The language of this run when it differs from the article's.
    pub lang: Option<String>,
    /// The direction of this run when it differs from the article's.
    pub dir: Option<TextDirection>,
}

impl Inline {
    /// A run of plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Inline {
            text: text.into(),
            ..Inline::default()
        }
    }
}

/// A sequence of inline runs.
///
/// In JSON it is either a string (one plain run, the common case, which keeps hand-written
/// articles readable) or an array whose items are strings or run objects.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inlines(pub Vec<Inline>);

impl Inlines {
    /// The text of all runs joined, without marks: for labels and tests.
    pub fn plain_text(&self) -> String {
        self.0.iter().map(|run| run.text.as_str()).collect()
    }
}
