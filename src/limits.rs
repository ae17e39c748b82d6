//! The limits that keep every accepted article cheap to import and render.
//!
//! An article is data from someone else. Its bytes are already capped by the fetch
//! (`LoadOptions::max_bytes`), but a few megabytes can still describe a million table cells or a
//! million-character address, and the work a reader does is proportional to such counts, not
//! to bytes alone. Every count that drives work has one limit here, with the reason for its
//! default in its documentation. A host may raise or lower each one (mount option `limits`)
//! between [`Limit::min`] and [`Limit::max`]: the maximum is what a reader can still import and
//! render without blocking its page for long, the minimum keeps ordinary articles readable.
//!
//! What exceeds a limit is refused with a message that names the limit (its option key, such as
//! `limits.tableCells`), the count found and where. Nothing is cut short: a reader shown half
//! an article as if it were whole is worse served than one told why there is none. The one
//! exception is depth in an HTML body, below [`crate::html_import::dom::MAX_DEPTH`] elements
//! or [`crate::html_import::MAX_NESTING`] containers, which keeps every word and only
//! flattens the structure. (The walk here recurses into nested blocks, which that bound, and
//! the article reader's own, keep shallow.)

use crate::article::{
    Article, Block, Blocks, Cell, CellKind, Heading, Image, InlineKind, Inlines, Paragraph, Row,
    Table,
};

/// One limit: its option key, default and the bounds a host may choose within.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// The key under the mount option `limits` (`{ limits: { tableCells: 20000 } }`), also
    /// named in every message about it.
    pub key: &'static str,
    /// The value when the host gives none.
    pub default: usize,
    /// The smallest value a host may choose.
    pub min: usize,
    /// The largest value a host may choose; larger values are clamped to it.
    pub max: usize,
}

/// Which limit (an index into [`Limits`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitKind {
    /// Bytes of an article's `bodyHtml` (UTF-8).
    BodyHtmlBytes,
    /// Elements in the parsed HTML body.
    HtmlElements,
    /// Blocks in the whole article, nested ones included.
    Blocks,
    /// List items (and description-list entries) in the whole article.
    ListItems,
    /// Table cells in the whole article.
    TableCells,
    /// Rows of one table.
    TableRows,
    /// Columns of one table (cells in its widest row, spans counted).
    TableColumns,
    /// Inline runs in one paragraph, heading, caption or cell.
    RunsPerParagraph,
    /// Characters of one address (a link, image, player or related item).
    AddressLength,
    /// Characters of one text run (or any other single string field).
    TextLength,
    /// Inline runs in the whole article: each inline container is bounded by
    /// [`LimitKind::RunsPerParagraph`], but many containers at that bound would not be.
    Runs,
    /// How deeply elements of the HTML body nest, estimated before it is parsed
    /// (`crate::html_import::prescan`): the browser's parser is quadratic in it.
    HtmlDepth,
}

impl LimitKind {
    /// Every limit, in the order the docs list them.
    pub const ALL: [LimitKind; 12] = [
        LimitKind::BodyHtmlBytes,
        LimitKind::HtmlElements,
        LimitKind::Blocks,
        LimitKind::ListItems,
        LimitKind::TableCells,
        LimitKind::TableRows,
        LimitKind::TableColumns,
        LimitKind::RunsPerParagraph,
        LimitKind::AddressLength,
        LimitKind::TextLength,
        LimitKind::Runs,
        LimitKind::HtmlDepth,
    ];

    /// The key, default and bounds of this limit; `docs/limits.md` gives each one's reason.
    /// The defaults sit far above what real news articles need (the longest have about 1000
    /// paragraphs, tables of a few thousand cells, addresses under 2000 characters) and far
    /// below the shapes that froze a page (a million paragraphs, a row of a million cells).
    pub const fn spec(self) -> Limit {
        const fn l(key: &'static str, default: usize, min: usize, max: usize) -> Limit {
            Limit {
                key,
                default,
                min,
                max,
            }
        }
        match self {
            // The browser parses an HTML body in one task that nothing can split: measured
            // (scripts/longtask.mjs, on a busy two-core machine) at about 120 ms per MiB with
            // 20,000 elements, and the walk at about 70 ms per 20,000 elements. The defaults
            // keep each near 50 ms on such a machine, while still taking the long Word-pasted
            // bodies real CMSs store (a few hundred KB, many nested spans).
            LimitKind::BodyHtmlBytes => l("bodyHtmlBytes", 512 * 1024, 1024, 1024 * 1024),
            LimitKind::HtmlElements => l("htmlElements", 10_000, 100, 20_000),
            LimitKind::Blocks => l("blocks", 5_000, 100, 50_000),
            LimitKind::ListItems => l("listItems", 5_000, 100, 50_000),
            LimitKind::TableCells => l("tableCells", 10_000, 100, 100_000),
            LimitKind::TableRows => l("tableRows", 2_000, 10, 20_000),
            LimitKind::TableColumns => l("tableColumns", 100, 10, 1_000),
            LimitKind::RunsPerParagraph => l("runsPerParagraph", 2_000, 50, 20_000),
            LimitKind::AddressLength => l("addressLength", 4_096, 256, 65_536),
            LimitKind::TextLength => l("textLength", 100_000, 1_000, 1_000_000),
            LimitKind::Runs => l("runs", 50_000, 1_000, 500_000),
            // `DOMParser` time grows with the square of the nesting. Measured in headless
            // Chromium (median of 7 parses): 1,000 nested `<div>`s take 2.5 ms, 2,000 take 8 ms,
            // 5,000 take 41 ms and 10,000 take 200 ms. Shapes at the maximum of 1,000 levels by
            // the estimate of `crate::html_import::prescan` (median of 9): 1,000 `<div>`s
            // 3.4 ms, 250 nested one-cell tables 2.3 ms, 500 × `<option><div>` 7.3 ms; far
            // under the 50 ms budget of issue 8. Real articles nest a dozen or two levels.
            LimitKind::HtmlDepth => l("htmlDepth", 256, 64, 1_000),
        }
    }
}

impl LimitKind {
    /// Whether this limit counts over the whole article (blocks, list entries, table cells,
    /// runs, HTML elements) rather than within one thing (one table, one string). Counting a total
    /// stops at the first one over the limit, so `found` is then a lower bound and messages
    /// say "at least". The HTML depth is counted so too: its scan stops once past the limit.
    pub fn counts_whole_article(self) -> bool {
        matches!(
            self,
            LimitKind::Blocks
                | LimitKind::ListItems
                | LimitKind::TableCells
                | LimitKind::Runs
                | LimitKind::HtmlElements
                | LimitKind::HtmlDepth
        )
    }

    /// How messages in `lang` name what this limit counts.
    pub fn words(self, lang: crate::i18n::Lang) -> &'static crate::i18n::LimitWords {
        const NONE: crate::i18n::LimitWords = crate::i18n::LimitWords { what: "", unit: "" };
        lang.labels()
            .summaries
            .limit_words
            .get(self as usize)
            .unwrap_or(&NONE)
    }
}

/// The limits one reader applies: each [`LimitKind`]'s value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    values: [usize; LimitKind::ALL.len()],
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            values: LimitKind::ALL.map(|kind| kind.spec().default),
        }
    }
}

impl Limits {
    /// The value of one limit.
    pub fn get(&self, kind: LimitKind) -> usize {
        self.values
            .get(kind as usize)
            .copied()
            .unwrap_or(kind.spec().default)
    }

    /// Sets one limit, clamped into its bounds.
    pub fn set(&mut self, kind: LimitKind, value: usize) {
        let spec = kind.spec();
        if let Some(slot) = self.values.get_mut(kind as usize) {
            *slot = value.clamp(spec.min, spec.max);
        }
    }

    /// Every limit at its maximum (what tests of the largest accepted article use).
    pub fn max() -> Self {
        Limits {
            values: LimitKind::ALL.map(|kind| kind.spec().max),
        }
    }
}

/// An article, or its HTML body, that exceeds one limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitError {
    /// Which limit.
    pub kind: LimitKind,
    /// The limit's value for this reader.
    pub limit: usize,
    /// What the article has (at least: counting stops once the limit is passed).
    pub found: usize,
    /// JSONPath of where, e.g. `$.body[3]` or `$.bodyHtml`.
    pub path: String,
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The technical detail is English in every interface language (see `crate::load`),
        // with the same words as the English summary, and the path.
        let words = self.kind.words(crate::i18n::Lang::En);
        let at_least = if self.kind.counts_whole_article() {
            "at least "
        } else {
            ""
        };
        write!(
            f,
            "{}: {at_least}{} {}, where limits.{} allows at most {}",
            self.path,
            self.found,
            words.what,
            self.kind.spec().key,
            self.limit
        )
    }
}

/// Where a count sits in the article: a chain of steps from the root, shown as a JSONPath in
/// the style of `crate::article::parse`'s errors (`$.body[3].rows[2]`). Each step borrows its
/// parent, so descending costs nothing; the text is only built for the one error reported.
#[derive(Clone, Copy, Debug)]
enum At<'a> {
    /// The article itself, `$`.
    Root,
    /// A field of the object at the parent path.
    Key(&'a At<'a>, &'static str),
    /// An item of the array at the parent path.
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    fn key(&'a self, key: &'static str) -> At<'a> {
        At::Key(self, key)
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At::Index(self, index)
    }
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Root => f.write_str("$"),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

type Check = Result<(), LimitError>;

/// The walk of [`check_article`]: the limits, and the totals counted so far.
struct Checker<'l> {
    limits: &'l Limits,
    /// For each whole-article limit (blocks, list entries, table cells, runs), how many were
    /// seen so far.
    totals: [usize; LimitKind::ALL.len()],
    /// Whether the article was written as version 1, whose table header row has its own key.
    v1: bool,
    /// For the row group being measured, how many columns stop being spanned from above at
    /// each row (reused from table to table).
    span_ends: Vec<u64>,
}

impl Checker<'_> {
    fn refuse(&self, kind: LimitKind, found: usize, at: &At<'_>) -> LimitError {
        LimitError {
            kind,
            limit: self.limits.get(kind),
            found,
            path: at.to_string(),
        }
    }

    /// Refuses `found` of one thing (rows of one table, characters of one string) above its
    /// limit.
    fn each(&self, kind: LimitKind, found: usize, at: &At<'_>) -> Check {
        if found > self.limits.get(kind) {
            return Err(self.refuse(kind, found, at));
        }
        Ok(())
    }

    /// Counts one more of a whole-article total; the one that passes the limit is refused,
    /// so `found` is then the limit plus one.
    fn one_more(&mut self, kind: LimitKind, at: &At<'_>) -> Check {
        self.more(kind, 1, at)
    }

    /// Counts `n` more of a whole-article total, refused at the first container that passes
    /// the limit (`found` is then the total so far).
    fn more(&mut self, kind: LimitKind, n: usize, at: &At<'_>) -> Check {
        let found = match self.totals.get_mut(kind as usize) {
            Some(total) => {
                *total = total.saturating_add(n);
                *total
            }
            None => 0,
        };
        self.each(kind, found, at)
    }

    /// A string field, in characters (counted in place: nothing is copied).
    fn text(&self, text: &str, at: &At<'_>) -> Check {
        self.length(LimitKind::TextLength, text, at)
    }

    fn optional_text(&self, text: Option<&str>, at: &At<'_>) -> Check {
        text.map_or(Ok(()), |text| self.text(text, at))
    }

    /// An address field, in characters.
    fn address(&self, address: &str, at: &At<'_>) -> Check {
        self.length(LimitKind::AddressLength, address, at)
    }

    fn optional_address(&self, address: Option<&str>, at: &At<'_>) -> Check {
        address.map_or(Ok(()), |address| self.address(address, at))
    }

    fn length(&self, kind: LimitKind, text: &str, at: &At<'_>) -> Check {
        // A string has at least a quarter as many characters as bytes and never more, so only
        // one longer in bytes than the limit needs counting.
        if text.len() <= self.limits.get(kind) {
            return Ok(());
        }
        self.each(kind, text.chars().count(), at)
    }

    fn named_link(&self, name: &str, url: Option<&str>, at: &At<'_>) -> Check {
        self.text(name, &at.key("name"))?;
        self.optional_address(url, &at.key("url"))
    }

    fn article(&mut self, article: &Article) -> Check {
        let at = At::Root;
        self.optional_text(article.in_language.as_deref(), &at.key("inLanguage"))?;
        self.optional_address(article.url.as_deref(), &at.key("url"))?;
        let crumbs = at.key("breadcrumb");
        for (i, crumb) in article.breadcrumb.iter().enumerate() {
            let at = crumbs.index(i);
            self.one_more(LimitKind::ListItems, &at)?;
            self.named_link(&crumb.name, crumb.url.as_deref(), &at)?;
        }
        self.text(&article.headline, &at.key("headline"))?;
        self.optional_text(article.date_published.as_deref(), &at.key("datePublished"))?;
        self.optional_text(article.date_modified.as_deref(), &at.key("dateModified"))?;
        self.optional_text(article.time_zone.as_deref(), &at.key("timeZone"))?;
        if let Some(source) = &article.source_organization {
            self.named_link(
                &source.name,
                source.url.as_deref(),
                &at.key("sourceOrganization"),
            )?;
        }
        let authors = at.key("author");
        for (i, person) in article.author.iter().enumerate() {
            let at = authors.index(i);
            self.one_more(LimitKind::ListItems, &at)?;
            self.named_link(&person.name, person.url.as_deref(), &at)?;
        }
        if let Some(editor) = &article.editor {
            self.named_link(&editor.name, editor.url.as_deref(), &at.key("editor"))?;
        }
        // `bodyHtml` is measured in bytes by its own limit when it is imported; once imported
        // it is gone, and its blocks are counted below like any others.
        let body = at.key("body");
        for (i, block) in article.body.iter().enumerate() {
            self.block(block, &body.index(i))?;
        }
        let related = at.key("relatedLink");
        for (i, item) in article.related_link.iter().enumerate() {
            let at = related.index(i);
            self.one_more(LimitKind::ListItems, &at)?;
            self.text(&item.headline, &at.key("headline"))?;
            self.address(&item.url, &at.key("url"))?;
            self.optional_text(item.date_published.as_deref(), &at.key("datePublished"))?;
        }
        for (key, item) in [
            ("previousArticle", &article.previous_article),
            ("nextArticle", &article.next_article),
        ] {
            if let Some(item) = item {
                let at = at.key(key);
                self.text(&item.headline, &at.key("headline"))?;
                self.address(&item.url, &at.key("url"))?;
                self.optional_text(item.date_published.as_deref(), &at.key("datePublished"))?;
            }
        }
        let sidebar = at.key("sidebar");
        for (i, group) in article.sidebar.iter().enumerate() {
            let at = sidebar.index(i);
            self.one_more(LimitKind::ListItems, &at)?;
            self.text(&group.name, &at.key("name"))?;
            self.optional_address(group.more.as_deref(), &at.key("more"))?;
            let items = at.key("items");
            for (j, link) in group.items.iter().enumerate() {
                let at = items.index(j);
                self.one_more(LimitKind::ListItems, &at)?;
                self.named_link(&link.name, Some(&link.url), &at)?;
            }
        }
        Ok(())
    }

    fn block(&mut self, block: &Block, at: &At<'_>) -> Check {
        self.one_more(LimitKind::Blocks, at)?;
        match block {
            Block::Paragraph(Paragraph { content }) | Block::Heading(Heading { content, .. }) => {
                self.runs(content, &at.key("content"))
            }
            Block::Image(image) => self.image(image, at),
            Block::Gallery(gallery) => {
                let images = at.key("images");
                for (i, image) in gallery.images.iter().enumerate() {
                    // Each image of a gallery is a figure of its own, so it counts as a block.
                    let at = images.index(i);
                    self.one_more(LimitKind::Blocks, &at)?;
                    self.image(image, &at)?;
                }
                self.optional_runs(gallery.caption.as_ref(), &at.key("caption"))
            }
            Block::List(list) => {
                let items = at.key("items");
                for (i, item) in list.items.iter().enumerate() {
                    let at = items.index(i);
                    self.one_more(LimitKind::ListItems, &at)?;
                    self.item(item, &at)?;
                }
                Ok(())
            }
            Block::DefinitionList(list) => {
                let items = at.key("items");
                for (i, definition) in list.items.iter().enumerate() {
                    let at = items.index(i);
                    self.one_more(LimitKind::ListItems, &at)?;
                    self.runs(&definition.term, &at.key("term"))?;
                    let details = at.key("details");
                    for (j, detail) in definition.details.iter().enumerate() {
                        // A description renders as an entry of its own (`<dd>`).
                        let at = details.index(j);
                        self.one_more(LimitKind::ListItems, &at)?;
                        self.item(detail, &at)?;
                    }
                }
                Ok(())
            }
            Block::Quote(quote) => {
                let content = at.key("content");
                for (i, block) in quote.content.iter().enumerate() {
                    self.block(block, &content.index(i))?;
                }
                self.optional_text(quote.cite.as_deref(), &at.key("cite"))
            }
            Block::PullQuote(quote) => {
                self.runs(&quote.content, &at.key("content"))?;
                self.optional_text(quote.cite.as_deref(), &at.key("cite"))
            }
            Block::Table(table) => self.table(table, at),
            Block::Code(code) => {
                self.text(&code.text, &at.key("text"))?;
                self.optional_text(code.language.as_deref(), &at.key("language"))
            }
            Block::Embed(embed) => {
                self.address(&embed.url, &at.key("url"))?;
                self.optional_text(embed.title.as_deref(), &at.key("title"))?;
                self.optional_text(embed.provider.as_deref(), &at.key("provider"))?;
                match &embed.poster {
                    Some(poster) => self.picture(poster, &at.key("poster")),
                    None => Ok(()),
                }
            }
            Block::Math(math) => self.text(&math.text, &at.key("text")),
            Block::Rule => Ok(()),
            Block::Note(note) => {
                let content = at.key("content");
                for (i, block) in note.content.iter().enumerate() {
                    self.block(block, &content.index(i))?;
                }
                Ok(())
            }
            Block::Footnotes(notes) => {
                let items = at.key("items");
                for (i, note) in notes.items.iter().enumerate() {
                    let at = items.index(i);
                    self.one_more(LimitKind::ListItems, &at)?;
                    self.text(&note.id, &at.key("id"))?;
                    self.item(&note.content, &at.key("content"))?;
                }
                Ok(())
            }
        }
    }

    /// The blocks of a list item, a description or a footnote. One paragraph alone is the
    /// item's text (written in JSON as the runs themselves, and rendered without a `<p>`), so
    /// it is counted by the item's own limit and not as a block.
    fn item(&mut self, item: &Blocks, at: &At<'_>) -> Check {
        match item.as_single_paragraph() {
            Some(runs) => self.runs(runs, at),
            None => self.blocks_of(item, at),
        }
    }

    fn blocks_of(&mut self, blocks: &Blocks, at: &At<'_>) -> Check {
        let at = at.key("blocks");
        for (i, block) in blocks.0.iter().enumerate() {
            self.block(block, &at.index(i))?;
        }
        Ok(())
    }

    fn image(&mut self, image: &Image, at: &At<'_>) -> Check {
        self.picture(image, at)?;
        self.optional_runs(image.caption.as_ref(), &at.key("caption"))?;
        self.optional_runs(image.credit.as_ref(), &at.key("credit"))
    }

    /// The fields every image has: its addresses (each `srcset` candidate's too) and texts.
    fn picture(&mut self, image: &Image, at: &At<'_>) -> Check {
        self.address(&image.src, &at.key("src"))?;
        self.text(&image.alt, &at.key("alt"))?;
        if let Some(srcset) = &image.srcset {
            let at = at.key("srcset");
            self.text(srcset, &at)?;
            for address in srcset_addresses(srcset) {
                self.address(address, &at)?;
            }
        }
        self.optional_text(image.sizes.as_deref(), &at.key("sizes"))?;
        self.optional_address(image.href.as_deref(), &at.key("href"))
    }

    fn optional_runs(&mut self, runs: Option<&Inlines>, at: &At<'_>) -> Check {
        runs.map_or(Ok(()), |runs| self.runs(runs, at))
    }

    /// The runs of one inline container: how many, and each one's texts and addresses.
    fn runs(&mut self, runs: &Inlines, at: &At<'_>) -> Check {
        self.each(LimitKind::RunsPerParagraph, runs.0.len(), at)?;
        self.more(LimitKind::Runs, runs.0.len(), at)?;
        for (i, run) in runs.0.iter().enumerate() {
            let at = at.index(i);
            match &run.kind {
                InlineKind::Text | InlineKind::Code | InlineKind::Math => {
                    self.text(&run.text, &at.key("text"))?
                }
                InlineKind::Ruby { annotation } => {
                    self.text(&run.text, &at.key("text"))?;
                    self.text(annotation, &at.key("annotation"))?;
                }
                InlineKind::FootnoteRef { id } => {
                    self.text(id, &at.key("id"))?;
                    self.text(&run.text, &at.key("label"))?;
                }
                // The run's text is a copy of the image's `alt`, measured with the image.
                InlineKind::Image(image) => self.picture(image, &at)?,
            }
            self.optional_address(run.href.as_deref(), &at.key("href"))?;
            self.optional_text(run.lang.as_deref(), &at.key("lang"))?;
        }
        Ok(())
    }

    fn table(&mut self, table: &Table, at: &At<'_>) -> Check {
        self.optional_runs(table.caption.as_ref(), &at.key("caption"))?;
        let rows = table.head.len().saturating_add(table.rows.len());
        let rows_at = if table.head.len() > self.limits.get(LimitKind::TableRows) {
            at.key("head")
        } else {
            at.key("rows")
        };
        self.each(LimitKind::TableRows, rows, &rows_at)?;
        // Version 1 has one header row, under its own key.
        let head = if self.v1 {
            at.key("header")
        } else {
            at.key("head")
        };
        let head_paths = if self.v1 {
            RowPaths::Header(&head)
        } else {
            RowPaths::Rows(&head)
        };
        self.row_group(&table.head, head_paths)?;
        self.row_group(&table.rows, RowPaths::Rows(&at.key("rows")))
    }

    /// One row group (`<thead>` or `<tbody>`): first each row's width, counting the columns
    /// that cells from the rows above still span (as HTML does, within the group), then the
    /// cells. Widths come first because a cell may hold a table, whose own group reuses
    /// `span_ends`.
    fn row_group(&mut self, rows: &[Row], paths: RowPaths<'_, '_>) -> Check {
        self.span_ends.clear();
        self.span_ends.resize(rows.len() + 1, 0);
        let mut spanned_from_above: u64 = 0;
        for (r, row) in rows.iter().enumerate() {
            let ending = self.span_ends.get(r).copied().unwrap_or(0);
            spanned_from_above = spanned_from_above.saturating_sub(ending);
            let own: u64 = row.cells.iter().map(|cell| u64::from(cell.colspan)).sum();
            let width = spanned_from_above.saturating_add(own);
            self.each(
                LimitKind::TableColumns,
                usize::try_from(width).unwrap_or(usize::MAX),
                &paths.row(r),
            )?;
            for cell in row.cells.iter().filter(|cell| cell.rowspan > 1) {
                let end = usize::try_from(cell.rowspan)
                    .map_or(usize::MAX, |span| r.saturating_add(span))
                    .min(rows.len());
                if let Some(slot) = self.span_ends.get_mut(end) {
                    *slot += u64::from(cell.colspan);
                }
                spanned_from_above += u64::from(cell.colspan);
            }
        }
        for (r, row) in rows.iter().enumerate() {
            let at = paths.row(r);
            if row.cells.is_empty() {
                // An empty row still renders as a row: it counts as one cell, so that a
                // million empty rows cost no less than a million cells.
                self.one_more(LimitKind::TableCells, &at)?;
            }
            for (c, cell) in row.cells.iter().enumerate() {
                let at = at.index(c);
                self.one_more(LimitKind::TableCells, &at)?;
                self.cell(cell, &at)?;
            }
        }
        Ok(())
    }

    fn cell(&mut self, cell: &Cell, at: &At<'_>) -> Check {
        match cell.content.as_single_paragraph() {
            Some(runs) => {
                // In JSON a plain data cell is its runs; a header or spanning cell is an
                // object whose runs are its `content`.
                let object = !self.v1
                    && (cell.kind != CellKind::Data || cell.colspan != 1 || cell.rowspan != 1);
                if object {
                    self.runs(runs, &at.key("content"))
                } else {
                    self.runs(runs, at)
                }
            }
            None => self.blocks_of(&cell.content, at),
        }
    }
}

/// How the rows of one group are addressed in JSON.
#[derive(Clone, Copy)]
enum RowPaths<'p, 'a> {
    /// Version 2's `head` and `rows`: arrays of rows, each an array of cells.
    Rows(&'p At<'a>),
    /// Version 1's `header`: one row, the array of cells itself.
    Header(&'p At<'a>),
}

impl<'p, 'a> RowPaths<'p, 'a> {
    fn row(self, r: usize) -> At<'p> {
        match self {
            RowPaths::Rows(at) => at.index(r),
            RowPaths::Header(at) => *at,
        }
    }
}

/// The addresses of a `srcset`, split as `crate::components::media::safe_srcset` (and the HTML
/// standard) split it: candidates are separated by commas, an address runs to the next white
/// space, and trailing commas end it.
fn srcset_addresses(srcset: &str) -> impl Iterator<Item = &str> {
    let mut rest = srcset;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (address, after) = rest.split_at(end);
        rest = if address.ends_with(',') {
            after
        } else {
            after.find(',').map_or("", |stop| after.split_at(stop).1)
        };
        Some(address.trim_end_matches(','))
    })
}

/// Checks a parsed article against `limits`: blocks, list entries and table cells in total;
/// each table's rows and columns; each inline container's runs; each address and each other
/// string field's length. One pass, linear in the article's size, that stops at the first
/// count over its limit and reports where, as a JSONPath (`$.body[3].rows`).
///
/// The path names the place in the article's JSON. For a body imported from `bodyHtml` it
/// names the place in the blocks made from it, written as JSON. A list item, description,
/// footnote or cell that is one paragraph is addressed as its runs (`$.body[2].items[5][0]`),
/// the way JSON writes such an item; a run's text as `.text` even where JSON gave a bare string.
pub fn check_article(article: &Article, limits: &Limits) -> Result<(), LimitError> {
    Checker {
        limits,
        totals: [0; LimitKind::ALL.len()],
        v1: article.schema_version == 1,
        span_ends: Vec::new(),
    }
    .article(article)
}

/// `article` if it is within `limits`, else the refusal as an article error: the step that
/// follows parsing (and the HTML import) wherever an article is accepted.
pub fn accept(article: Article, limits: &Limits) -> Result<Article, crate::article::ArticleError> {
    check_article(&article, limits).map_err(crate::article::ArticleError::Limit)?;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::article_from_value;
    use crate::options::parse_mount_options;
    use serde_json::{json, Value};

    /// A version-2 article with this body.
    fn article(body: Value) -> Article {
        with(json!({ "body": body }))
    }

    /// A version-2 article with a one-paragraph body and these fields.
    fn with(fields: Value) -> Article {
        let mut doc = json!({"schemaVersion": 2, "headline": "h", "body": [{"type": "paragraph", "content": "p"}]});
        if let (Some(doc), Value::Object(fields)) = (doc.as_object_mut(), fields) {
            doc.extend(fields);
        }
        article_from_value(doc).unwrap()
    }

    /// The limits a host gets by mounting with `limits: { key: value }`.
    fn host(key: &str, value: u64) -> Limits {
        let limits = parse_mount_options(&json!({"src": "a", "limits": { key: value }}))
            .load
            .limits;
        assert_ne!(
            limits,
            Limits::default(),
            "limits.{key} = {value} was not taken"
        );
        limits
    }

    fn refused(article: &Article, limits: &Limits) -> (LimitKind, usize, usize, String) {
        let e = check_article(article, limits).unwrap_err();
        (e.kind, e.found, e.limit, e.path)
    }

    fn accepted(article: &Article, limits: &Limits) {
        assert_eq!(check_article(article, limits), Ok(()));
    }

    fn paragraphs(n: usize) -> Vec<Value> {
        vec![json!({"type": "paragraph", "content": "p"}); n]
    }

    fn table(rows: Vec<Value>) -> Value {
        json!([{"type": "table", "rows": rows}])
    }

    #[test]
    fn blocks_in_the_whole_article() {
        let defaults = Limits::default();
        accepted(&article(json!(paragraphs(5000))), &defaults);
        assert_eq!(
            refused(&article(json!(paragraphs(5001))), &defaults),
            (LimitKind::Blocks, 5001, 5000, "$.body[5000]".into())
        );
        // Nested blocks count: a quote and 99 paragraphs in it are 100 blocks.
        let limits = host("blocks", 100);
        let quoted = |n| article(json!([{"type": "quote", "content": paragraphs(n)}]));
        accepted(&quoted(99), &limits);
        assert_eq!(
            refused(&quoted(100), &limits),
            (LimitKind::Blocks, 101, 100, "$.body[0].content[99]".into())
        );
        // An item that is one paragraph is the item's text, not a block of its own.
        let items = vec![json!("x"); 150];
        accepted(&article(json!([{"type": "list", "items": items}])), &limits);
        // Gallery images are figures, so they count as blocks too.
        let images = vec![json!({"src": "a.jpg", "alt": ""}); 100];
        assert_eq!(
            refused(
                &article(json!([{"type": "gallery", "images": images}])),
                &limits
            ),
            (LimitKind::Blocks, 101, 100, "$.body[0].images[99]".into())
        );
    }

    #[test]
    fn list_items_in_the_whole_article() {
        let list = |n| article(json!([{"type": "list", "items": vec![json!("x"); n]}]));
        accepted(&list(5000), &Limits::default());
        assert_eq!(
            refused(&list(5001), &Limits::default()),
            (
                LimitKind::ListItems,
                5001,
                5000,
                "$.body[0].items[5000]".into()
            )
        );
        // Each term and each description of a definition list is an entry.
        let limits = host("listItems", 100);
        let terms = |details: usize| {
            let mut items = vec![json!({"term": "t", "details": ["d"]}); 49];
            items.push(json!({"term": "t", "details": vec![json!("d"); details]}));
            article(json!([{"type": "definitionList", "items": items}]))
        };
        accepted(&terms(1), &limits);
        assert_eq!(
            refused(&terms(2), &limits),
            (
                LimitKind::ListItems,
                101,
                100,
                "$.body[0].items[49].details[1]".into()
            )
        );
        // So is each related item.
        let related = |n| {
            let item = json!({"headline": "r", "url": "r.html"});
            with(json!({ "relatedLink": vec![item; n] }))
        };
        accepted(&related(100), &limits);
        assert_eq!(
            refused(&related(101), &limits),
            (LimitKind::ListItems, 101, 100, "$.relatedLink[100]".into())
        );
    }

    #[test]
    fn table_cells_in_the_whole_article() {
        let row = |n| json!(vec![json!("c"); n]);
        let mut rows = vec![row(100); 100];
        accepted(&article(table(rows.clone())), &Limits::default());
        rows.push(row(1));
        assert_eq!(
            refused(&article(table(rows)), &Limits::default()),
            (
                LimitKind::TableCells,
                10_001,
                10_000,
                "$.body[0].rows[100][0]".into()
            )
        );
        // An empty row renders as a row, so it counts as one cell.
        let limits = host("tableCells", 100);
        let mut rows = vec![row(10); 10];
        accepted(&article(table(rows.clone())), &limits);
        rows.push(json!([]));
        assert_eq!(
            refused(&article(table(rows)), &limits),
            (LimitKind::TableCells, 101, 100, "$.body[0].rows[10]".into())
        );
    }

    #[test]
    fn rows_of_one_table() {
        let rows = |n| vec![json!(["c"]); n];
        accepted(&article(table(rows(2000))), &Limits::default());
        assert_eq!(
            refused(&article(table(rows(2001))), &Limits::default()),
            (LimitKind::TableRows, 2001, 2000, "$.body[0].rows".into())
        );
        // Header rows count; the limit is per table, so two tables of 10 rows pass.
        let limits = host("tableRows", 10);
        let headed = |n| article(json!([{"type": "table", "head": [["h"]], "rows": rows(n)}]));
        accepted(&headed(9), &limits);
        let two = json!([{"type": "table", "rows": rows(10)}, {"type": "table", "rows": rows(10)}]);
        accepted(&article(two), &limits);
        assert_eq!(
            refused(&headed(10), &limits),
            (LimitKind::TableRows, 11, 10, "$.body[0].rows".into())
        );
    }

    #[test]
    fn columns_of_one_table_count_spans() {
        let cells = |n| json!(vec![json!("c"); n]);
        accepted(&article(table(vec![cells(100)])), &Limits::default());
        assert_eq!(
            refused(
                &article(table(vec![cells(3), cells(101)])),
                &Limits::default()
            ),
            (
                LimitKind::TableColumns,
                101,
                100,
                "$.body[0].rows[1]".into()
            )
        );
        let wide = |extra| {
            let mut row = vec![json!({"colspan": 100, "content": "w"})];
            row.extend(vec![json!("c"); extra]);
            article(table(vec![json!(row)]))
        };
        accepted(&wide(0), &Limits::default());
        assert_eq!(
            refused(&wide(1), &Limits::default()),
            (
                LimitKind::TableColumns,
                101,
                100,
                "$.body[0].rows[0]".into()
            )
        );
        // A cell spanning two rows takes a column of the second row too.
        let limits = host("tableColumns", 10);
        let spanned = |second: usize| {
            let mut first = vec![json!({"rowspan": 2, "content": "s"})];
            first.extend(vec![json!("c"); 9]);
            article(table(vec![json!(first), cells(second)]))
        };
        accepted(&spanned(9), &limits);
        assert_eq!(
            refused(&spanned(10), &limits),
            (LimitKind::TableColumns, 11, 10, "$.body[0].rows[1]".into())
        );
        // ... but not beyond its row group: a header cell does not reach into the body.
        let head_span = json!([{
            "type": "table",
            "head": [[{"rowspan": 5, "header": true, "content": "h"}]],
            "rows": [cells(10)]
        }]);
        accepted(&article(head_span), &limits);
    }

    #[test]
    fn runs_of_one_paragraph() {
        let runs = |n| json!(vec![json!("r"); n]);
        let paragraph = |n| article(json!([{"type": "paragraph", "content": runs(n)}]));
        accepted(&paragraph(2000), &Limits::default());
        assert_eq!(
            refused(&paragraph(2001), &Limits::default()),
            (
                LimitKind::RunsPerParagraph,
                2001,
                2000,
                "$.body[0].content".into()
            )
        );
        // A cell's text is an inline container too.
        let limits = host("runsPerParagraph", 50);
        let cell = |n| article(table(vec![json!([runs(n)])]));
        accepted(&cell(50), &limits);
        assert_eq!(
            refused(&cell(51), &limits),
            (
                LimitKind::RunsPerParagraph,
                51,
                50,
                "$.body[0].rows[0][0]".into()
            )
        );
    }

    #[test]
    fn runs_in_the_whole_article() {
        let body = |paragraphs: usize, runs: usize, extra: usize| {
            let mut body =
                vec![json!({"type": "paragraph", "content": vec![json!("r"); runs]}); paragraphs];
            if extra > 0 {
                body.push(json!({"type": "paragraph", "content": vec![json!("r"); extra]}));
            }
            article(json!(body))
        };
        accepted(&body(25, 2000, 0), &Limits::default());
        assert_eq!(
            refused(&body(25, 2000, 1), &Limits::default()),
            (LimitKind::Runs, 50_001, 50_000, "$.body[25].content".into())
        );
        let limits = host("runs", 1000);
        accepted(&body(20, 50, 0), &limits);
        assert_eq!(
            refused(&body(20, 50, 1), &limits),
            (LimitKind::Runs, 1001, 1000, "$.body[20].content".into())
        );
    }

    #[test]
    fn length_of_one_address_in_characters() {
        // Characters, not bytes: 4096 two-byte characters pass.
        let link = |n: usize| {
            let href = format!("https://a.example/{}", "é".repeat(n - 18));
            article(
                json!([{"type": "paragraph", "content": ["see ", {"text": "x", "href": href}]}]),
            )
        };
        accepted(&link(4096), &Limits::default());
        assert_eq!(
            refused(&link(4097), &Limits::default()),
            (
                LimitKind::AddressLength,
                4097,
                4096,
                "$.body[0].content[1].href".into()
            )
        );
        let limits = host("addressLength", 256);
        let related = |n| {
            let long = json!({"headline": "r", "url": "u".repeat(n)});
            with(json!({ "relatedLink": [{"headline": "r", "url": "r.html"}, long] }))
        };
        accepted(&related(256), &limits);
        assert_eq!(
            refused(&related(257), &limits),
            (
                LimitKind::AddressLength,
                257,
                256,
                "$.relatedLink[1].url".into()
            )
        );
        // Each candidate of a srcset is an address of its own.
        let srcset = |n| {
            let srcset = format!("a.jpg 1x, {} 2x", "b".repeat(n));
            article(json!([{"type": "image", "src": "a.jpg", "alt": "", "srcset": srcset}]))
        };
        accepted(&srcset(256), &limits);
        assert_eq!(
            refused(&srcset(257), &limits),
            (
                LimitKind::AddressLength,
                257,
                256,
                "$.body[0].srcset".into()
            )
        );
    }

    #[test]
    fn length_of_one_text_in_characters() {
        let headline = |n| with(json!({ "headline": "中".repeat(n) }));
        accepted(&headline(100_000), &Limits::default());
        assert_eq!(
            refused(&headline(100_001), &Limits::default()),
            (LimitKind::TextLength, 100_001, 100_000, "$.headline".into())
        );
        let limits = host("textLength", 1000);
        let item = |n| article(json!([{"type": "list", "items": ["a", "x".repeat(n)]}]));
        accepted(&item(1000), &limits);
        assert_eq!(
            refused(&item(1001), &limits),
            (
                LimitKind::TextLength,
                1001,
                1000,
                "$.body[0].items[1][0].text".into()
            )
        );
    }

    #[test]
    fn paths_follow_the_json_of_each_container() {
        let limits = host("addressLength", 256);
        let long = "u".repeat(257);
        let cases = [
            (
                json!([{"type": "table", "rows": [[{"header": true, "content": [{"text": "x", "href": long}]}]]}]),
                "$.body[0].rows[0][0].content[0].href",
            ),
            (
                json!([{"type": "table", "rows": [[{"blocks": [{"type": "rule"}, {"type": "image", "src": long, "alt": ""}]}]]}]),
                "$.body[0].rows[0][0].blocks[1].src",
            ),
            (
                json!([{"type": "list", "items": [{"blocks": [{"type": "embed", "kind": "video", "url": long}]}]}]),
                "$.body[0].items[0].blocks[0].url",
            ),
            (
                json!([{"type": "embed", "kind": "video", "url": "v", "poster": {"src": "p.jpg", "alt": "", "href": long}}]),
                "$.body[0].poster.href",
            ),
            (
                json!([{"type": "paragraph", "content": ["a", {"type": "image", "src": long, "alt": "i"}]}]),
                "$.body[0].content[1].src",
            ),
            (
                json!([{"type": "footnotes", "items": [{"id": "n1", "content": [{"text": "x", "href": long}]}]}]),
                "$.body[0].items[0].content[0].href",
            ),
        ];
        for (body, path) in cases {
            assert_eq!(
                refused(&article(body), &limits),
                (LimitKind::AddressLength, 257, 256, path.into())
            );
        }
        let sidebar = with(json!({"sidebar": [{"name": "s", "more": long}]}));
        assert_eq!(refused(&sidebar, &limits).3, "$.sidebar[0].more");
    }

    #[test]
    fn a_version_1_header_row_is_addressed_by_its_own_key() {
        let doc = json!({
            "schemaVersion": 1, "inLanguage": "en", "headline": "h",
            "datePublished": "2020-07-01T10:14:37+08:00",
            "body": [{"type": "table", "header": ["a", "b".repeat(1001)], "rows": [["c", "d"]]}]
        });
        let article = article_from_value(doc).unwrap();
        assert_eq!(
            refused(&article, &host("textLength", 1000)),
            (
                LimitKind::TextLength,
                1001,
                1000,
                "$.body[0].header[1][0].text".into()
            )
        );
    }

    #[test]
    fn ordinary_articles_are_within_every_minimum() {
        let minimum = Limits {
            values: LimitKind::ALL.map(|kind| kind.spec().min),
        };
        for (name, json) in [
            ("seed", include_str!("../static/articles/seed.json")),
            (
                "reader-en",
                include_str!("../static/articles/reader-en.json"),
            ),
            (
                "reader-zh",
                include_str!("../static/articles/reader-zh.json"),
            ),
            ("rich-zh", include_str!("../static/articles/rich-zh.json")),
            ("rtl-ar", include_str!("../static/articles/rtl-ar.json")),
        ] {
            let article = crate::article::parse_article(json).unwrap();
            assert_eq!(check_article(&article, &minimum), Ok(()), "{name}");
        }
    }

    #[test]
    fn srcset_addresses_split_as_the_renderer_splits_them() {
        let split: Vec<&str> = srcset_addresses(" a.jpg 1x,b.jpg,, c.jpg 640w ,d,e.jpg").collect();
        // A comma inside an address is part of it; only trailing ones separate.
        assert_eq!(split, ["a.jpg", "b.jpg", "c.jpg", "d,e.jpg"]);
    }

    #[test]
    fn the_detail_line_names_the_path_the_count_and_the_key() {
        let rows = LimitError {
            kind: LimitKind::TableRows,
            limit: 2000,
            found: 2001,
            path: "$.body[3].rows".into(),
        };
        assert_eq!(
            rows.to_string(),
            "$.body[3].rows: 2001 rows in one table, where limits.tableRows allows at most 2000"
        );
        let cells = LimitError {
            kind: LimitKind::TableCells,
            limit: 10_000,
            found: 10_001,
            path: "$.body[0].rows[100][0]".into(),
        };
        assert_eq!(
            cells.to_string(),
            "$.body[0].rows[100][0]: at least 10001 table cells, where limits.tableCells allows at most 10000"
        );
    }

    #[test]
    fn accept_refuses_as_an_article_error() {
        let big = article(json!(paragraphs(101)));
        let err = accept(big, &host("blocks", 100)).unwrap_err();
        assert!(
            matches!(&err, crate::article::ArticleError::Limit(e) if e.kind == LimitKind::Blocks),
            "{err:?}"
        );
        assert!(accept(article(json!(paragraphs(100))), &host("blocks", 100)).is_ok());
    }

    #[test]
    fn every_kind_indexes_its_own_slot() {
        for (i, kind) in LimitKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i);
        }
    }

    #[test]
    fn defaults_lie_within_bounds_and_set_clamps() {
        let mut limits = Limits::default();
        for kind in LimitKind::ALL {
            let spec = kind.spec();
            assert!(
                spec.min <= spec.default && spec.default <= spec.max,
                "{kind:?}"
            );
            limits.set(kind, usize::MAX);
            assert_eq!(limits.get(kind), spec.max);
            limits.set(kind, 0);
            assert_eq!(limits.get(kind), spec.min);
        }
    }
}
