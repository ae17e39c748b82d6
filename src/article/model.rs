//! The article model: the Rust shape of article JSON, version 1.
//!
//! These types are data only. They mirror `docs/article-json.md` and
//! `static/schema/article-v1.schema.json` field for field, and carry no view logic, so that the
//! parser, the validator and every component agree on one vocabulary. Names follow schema.org's
//! `NewsArticle` where it has one (`headline`, `datePublished`, `inLanguage`, `author`, `editor`).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// The only schema version this reader understands. Documents carry it in `schemaVersion` so
/// that a later, incompatible version is refused with a clear message instead of misread.
pub const SCHEMA_VERSION: u32 = 1;

/// One article: everything a news-CMS article page shows.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Must equal [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// BCP 47 language tag of the content, e.g. `zh-CN`; picks the interface labels too.
    pub in_language: String,
    /// The canonical address of the article page, if known. Relative links resolve against it.
    #[serde(default)]
    pub url: Option<String>,
    /// "You are here" trail from the site root to this page; the last crumb is the page itself.
    #[serde(default)]
    pub breadcrumb: Vec<Crumb>,
    /// The title, shown as the page's only `h1`.
    pub headline: String,
    /// Publication time, ISO 8601 with an offset (`2020-07-01T10:14:37+08:00`).
    pub date_published: String,
    /// Where the article first appeared (来源).
    #[serde(default)]
    pub source_organization: Option<Source>,
    /// Authors, when the page names them.
    #[serde(default)]
    pub author: Vec<Person>,
    /// The responsible editor (责编).
    #[serde(default)]
    pub editor: Option<Person>,
    /// The body as ordered blocks. Empty in JSON that gives `bodyHtml` instead; the loader fills
    /// it from the HTML before anything renders.
    #[serde(default)]
    pub body: Vec<Block>,
    /// The body as CMS HTML, an alternative to `body`. It is never inserted as HTML: the loader
    /// walks it into blocks through an allow-list (see `crate::html_import`).
    #[serde(default)]
    pub body_html: Option<String>,
    /// Related reading (相关阅读).
    #[serde(default)]
    pub related_link: Vec<RelatedItem>,
    /// Side blocks such as 热点关注, each with an optional "more" link.
    #[serde(default)]
    pub sidebar: Vec<SidebarGroup>,
}

/// One step of the breadcrumb trail.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Crumb {
    /// The visible label.
    pub name: String,
    /// Where the crumb leads; absent for the current page.
    #[serde(default)]
    pub url: Option<String>,
}

/// The publication an article comes from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Source {
    /// The outlet's name, e.g. 中国西藏新闻网.
    pub name: String,
    /// Its home page, if the site links it.
    #[serde(default)]
    pub url: Option<String>,
}

/// A person named on the page (author or editor).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Person {
    /// The name as printed.
    pub name: String,
    /// A profile page, if any.
    #[serde(default)]
    pub url: Option<String>,
}

/// One entry of the related-reading list.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedItem {
    /// The linked article's title.
    pub headline: String,
    /// Its address.
    pub url: String,
    /// Its publication date (`2020-07-01`) or date-time, shown as a date.
    #[serde(default)]
    pub date_published: Option<String>,
}

/// A titled list of links beside the article.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SidebarGroup {
    /// The block's title, e.g. 热点关注.
    pub name: String,
    /// The channel page behind the block's 更多>> link.
    #[serde(default)]
    pub more: Option<String>,
    /// The links in the block; may be empty.
    #[serde(default)]
    pub items: Vec<Link>,
}

/// A plain named link.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Link {
    /// The visible text.
    pub name: String,
    /// The target address.
    pub url: String,
}

/// One block of the article body, in reading order.
///
/// In JSON a block is an object whose `type` names the variant (`"paragraph"`, `"heading"`,
/// `"image"`, `"list"`, `"quote"`, `"table"`). Its `Deserialize` lives in `article::parse`,
/// written by hand so that an error deep inside a block keeps its full JSON path.
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
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Paragraph {
    /// The paragraph's text as inline runs.
    pub content: Inlines,
}

/// A section heading inside the body.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Heading {
    /// 2 for a section, 3 or 4 for sub-sections; rendered as `h2`..`h4` under the `h1` headline.
    #[serde(default = "default_heading_level")]
    pub level: u8,
    /// The heading's text as inline runs.
    pub content: Inlines,
}

/// An image with its alternative text and optional caption.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Image {
    /// The image address.
    pub src: String,
    /// Text for readers who cannot see the image; empty only for pure decoration.
    pub alt: String,
    /// A visible caption.
    #[serde(default)]
    pub caption: Option<Inlines>,
}

/// A bulleted or numbered list.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct List {
    /// Numbered when true.
    #[serde(default)]
    pub ordered: bool,
    /// One entry of inline runs per list item.
    pub items: Vec<Inlines>,
}

/// A quotation set off from the text.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Quote {
    /// The quoted blocks.
    pub content: Vec<Block>,
    /// Who or what is quoted, if given.
    #[serde(default)]
    pub cite: Option<String>,
}

/// A table of cells holding inline runs.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Table {
    /// A caption above the table.
    #[serde(default)]
    pub caption: Option<String>,
    /// The header row; empty when the table has none.
    #[serde(default)]
    pub header: Vec<Inlines>,
    /// The body rows.
    pub rows: Vec<Vec<Inlines>>,
}

fn default_heading_level() -> u8 {
    2
}

/// A run of inline text with its marks.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Inline {
    /// The text itself.
    pub text: String,
    /// Strong emphasis.
    #[serde(default)]
    pub bold: bool,
    /// Emphasis.
    #[serde(default)]
    pub italic: bool,
    /// Underlined (CMS bodies use it).
    #[serde(default)]
    pub underline: bool,
    /// A link target: the run is a link when present.
    #[serde(default)]
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
/// articles readable) or an array whose items are strings or run objects. It is deserialized
/// by hand rather than with `#[serde(untagged)]` because untagged enums discard the inner error,
/// and the reader promises the JSON path and reason of every bad field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inlines(pub Vec<Inline>);

impl Inlines {
    /// The text of all runs joined, without marks: for labels and tests.
    pub fn plain_text(&self) -> String {
        self.0.iter().map(|run| run.text.as_str()).collect()
    }
}

impl<'de> Deserialize<'de> for Inlines {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InlinesVisitor;
        impl<'de> Visitor<'de> for InlinesVisitor {
            type Value = Inlines;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of inline runs")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Inlines, E> {
                Ok(Inlines(vec![Inline::plain(v)]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Inlines, A::Error> {
                let mut runs = Vec::new();
                while let Some(InlineRepr(run)) = seq.next_element()? {
                    runs.push(run);
                }
                Ok(Inlines(runs))
            }
        }
        deserializer.deserialize_any(InlinesVisitor)
    }
}

/// One item of an inline array: a string or a run object.
struct InlineRepr(Inline);

impl<'de> Deserialize<'de> for InlineRepr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RunVisitor;
        impl<'de> Visitor<'de> for RunVisitor {
            type Value = InlineRepr;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an inline run object such as {\"text\": \"…\"}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<InlineRepr, E> {
                Ok(InlineRepr(Inline::plain(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<InlineRepr, A::Error> {
                Inline::deserialize(de::value::MapAccessDeserializer::new(map)).map(InlineRepr)
            }
        }
        deserializer.deserialize_any(RunVisitor)
    }
}
