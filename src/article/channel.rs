//! The channel document: one page of a channel's list of articles (a news site's 理论研究 or
//! 热点关注 page), as plain data. Its JSON kind is told apart from an article's by
//! `"kind": "channel"` and has versions of its own (see `docs/channel-json.md`); the reader is
//! `super::parse::channel`.

use super::model::{Crumb, TextDirection};

/// The channel versions this reader understands.
pub const CHANNEL_VERSIONS: &[u32] = &[1];

/// The most summaries one channel page may list. A channel page is one page of a paged list, and
/// news sites show 20 to 50 a page; 200 leaves room for long pages while keeping the work of one
/// page small whatever a document claims (each summary is a handful of DOM nodes, and its
/// strings are held to the reader's text and address limits like an article's).
pub const MAX_CHANNEL_ITEMS: usize = 200;

/// The largest page number (and page count) a channel may give: far beyond any real channel.
pub const MAX_PAGE_NUMBER: i64 = 1_000_000;

/// One page of a channel.
#[derive(Clone, Debug, PartialEq)]
pub struct Channel {
    /// The version the document declared.
    pub schema_version: u32,
    /// BCP 47 language tag of the content; picks the interface labels, as for an article.
    pub in_language: Option<String>,
    /// The writing direction; when absent it follows from the language.
    pub dir: Option<TextDirection>,
    /// The canonical address of this page, if known. Relative links resolve against it.
    pub url: Option<String>,
    /// "You are here" trail from the site root to this channel; the last crumb is the channel.
    pub breadcrumb: Vec<Crumb>,
    /// The channel's name, shown as the page's only `h1` (理论研究).
    pub title: String,
    /// The summaries on this page, newest first as the site lists them; may be empty.
    pub items: Vec<ChannelItem>,
    /// Where this page sits in the channel's pages.
    pub page: ChannelPage,
}

impl Channel {
    /// The content's language tag, or `fallback` when the channel does not say.
    pub fn language_or<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.in_language.as_deref().unwrap_or(fallback)
    }

    /// The writing direction: `dir` when given, else that of its language (or `fallback`).
    pub fn direction_or(&self, fallback: &str) -> TextDirection {
        self.dir
            .unwrap_or_else(|| super::lang::direction_for_language(self.language_or(fallback)))
    }
}

/// One article in a channel's list.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelItem {
    /// The article's title.
    pub headline: String,
    /// Its address.
    pub url: String,
    /// Its publication date or date-time, in any form an article (version 2) takes.
    pub date_published: String,
    /// A sentence or two about it, shown under the title.
    pub description: Option<String>,
    /// A thumbnail beside it.
    pub image: Option<ChannelImage>,
}

/// A summary's thumbnail.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelImage {
    /// The image address.
    pub url: String,
    /// Its text alternative; empty for a decorative thumbnail (the title says it all).
    pub alt: String,
}

/// Where a channel page sits among the channel's pages.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelPage {
    /// This page's number, from 1.
    pub number: u32,
    /// How many pages the channel has, when known; never less than `number`.
    pub count: Option<u32>,
    /// The address of the page before, if any (the first page has none).
    pub previous: Option<String>,
    /// The address of the page after, if any (the last page has none).
    pub next: Option<String>,
}
