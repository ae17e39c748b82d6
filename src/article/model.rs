//! The article model: the Rust shape of article JSON, version 1.
//!
//! These types are plain data: no serde derives and no view logic. They mirror
//! `docs/article-json.md` and `static/schema/article-v1.schema.json` field for field, and
//! `article::parse` builds them from JSON (one reader function per type), so the reader and
//! every component agree on one vocabulary. Names follow schema.org's
//! `NewsArticle` where it has one (`headline`, `datePublished`, `inLanguage`, `author`, `editor`).

/// The only schema version this reader understands. Documents carry it in `schemaVersion` so
/// that a later, incompatible version is refused with a clear message instead of misread.
pub const SCHEMA_VERSION: u32 = 1;

/// One article: everything a news-CMS article page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// Must equal [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// BCP 47 language tag of the content, e.g. `zh-CN`; picks the interface labels too.
    pub in_language: String,
    /// The canonical address of the article page, if known. Relative links resolve against it.
    pub url: Option<String>,
    /// "You are here" trail from the site root to this page; the last crumb is the page itself.
    pub breadcrumb: Vec<Crumb>,
    /// The title, shown as the page's only `h1`.
    pub headline: String,
    /// Publication time, ISO 8601 with an offset (`2020-07-01T10:14:37+08:00`).
    pub date_published: String,
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

/// One block of the article body, in reading order.
///
/// In JSON a block is an object whose `type` names the variant (`"paragraph"`, `"heading"`,
/// `"image"`, `"list"`, `"quote"`, `"table"`).
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph(Paragraph),
    /// A section heading inside the body (the headline is not one of these).
    Heading(Heading),
    /// An image with its alternative text and optional caption.
    Image(Image),
    /// A bulleted or numbered list.
    List(List),
    /// A quotation set off from the text.
    Quote(Quote),
    /// A table of cells holding inline runs.
    Table(Table),
}

impl Block {
    /// The `type` tag that names this block in JSON.
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::Paragraph(_) => "paragraph",
            Block::Heading(_) => "heading",
            Block::Image(_) => "image",
            Block::List(_) => "list",
            Block::Quote(_) => "quote",
            Block::Table(_) => "table",
        }
    }
}

/// A paragraph of running text.
#[derive(Clone, Debug, PartialEq)]
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

/// An image with its alternative text and optional caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// The image address.
    pub src: String,
    /// Text for readers who cannot see the image; empty only for pure decoration.
    pub alt: String,
    /// A visible caption.
    pub caption: Option<Inlines>,
}

/// A bulleted or numbered list.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// Numbered when true.
    pub ordered: bool,
    /// One entry of inline runs per list item.
    pub items: Vec<Inlines>,
}

/// A quotation set off from the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted blocks.
    pub content: Vec<Block>,
    /// Who or what is quoted, if given.
    pub cite: Option<String>,
}

/// A table of cells holding inline runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// A caption above the table.
    pub caption: Option<String>,
    /// The header row; empty when the table has none.
    pub header: Vec<Inlines>,
    /// The body rows.
    pub rows: Vec<Vec<Inlines>>,
}

/// A run of inline text with its marks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inline {
    /// The text itself.
    pub text: String,
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// Underlined (CMS bodies use it).
    pub underline: bool,
    /// A link target: the run is a link when present.
    pub href: Option<String>,
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
