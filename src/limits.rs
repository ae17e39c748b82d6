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
//! exception is nesting below [`crate::html_import::dom::MAX_DEPTH`], which keeps every word
//! and only flattens the structure.

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
}

impl LimitKind {
    /// Every limit, in the order the docs list them.
    pub const ALL: [LimitKind; 10] = [
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
    ];

    /// The key, default and bounds of this limit. The numbers are provisional until measured;
    /// see `docs/limits.md` for each reason.
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
            LimitKind::BodyHtmlBytes => l("bodyHtmlBytes", 1024 * 1024, 1024, 4 * 1024 * 1024),
            LimitKind::HtmlElements => l("htmlElements", 20_000, 100, 100_000),
            LimitKind::Blocks => l("blocks", 5_000, 100, 50_000),
            LimitKind::ListItems => l("listItems", 5_000, 100, 50_000),
            LimitKind::TableCells => l("tableCells", 10_000, 100, 100_000),
            LimitKind::TableRows => l("tableRows", 2_000, 10, 20_000),
            LimitKind::TableColumns => l("tableColumns", 100, 10, 1_000),
            LimitKind::RunsPerParagraph => l("runsPerParagraph", 2_000, 50, 20_000),
            LimitKind::AddressLength => l("addressLength", 4_096, 256, 65_536),
            LimitKind::TextLength => l("textLength", 100_000, 1_000, 1_000_000),
        }
    }
}

impl LimitKind {
    /// Whether this limit counts over the whole article (blocks, list entries, table cells,
    /// HTML elements) rather than within one thing (one table, one string). Counting a total
    /// stops at the first one over the limit, so `found` is then a lower bound and messages
    /// say "at least".
    pub fn counts_whole_article(self) -> bool {
        matches!(
            self,
            LimitKind::Blocks
                | LimitKind::ListItems
                | LimitKind::TableCells
                | LimitKind::HtmlElements
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
    /// For each whole-article limit (blocks, list entries, table cells), how many were seen
    /// so far.
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
        let found = match self.totals.get_mut(kind as usize) {
            Some(total) => {
                *total += 1;
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

    fn image(&self, image: &Image, at: &At<'_>) -> Check {
        self.picture(image, at)?;
        self.optional_runs(image.caption.as_ref(), &at.key("caption"))?;
        self.optional_runs(image.credit.as_ref(), &at.key("credit"))
    }

    /// The fields every image has: its addresses (each `srcset` candidate's too) and texts.
    fn picture(&self, image: &Image, at: &At<'_>) -> Check {
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

    fn optional_runs(&self, runs: Option<&Inlines>, at: &At<'_>) -> Check {
        runs.map_or(Ok(()), |runs| self.runs(runs, at))
    }

    /// The runs of one inline container: how many, and each one's texts and addresses.
    fn runs(&self, runs: &Inlines, at: &At<'_>) -> Check {
        self.each(LimitKind::RunsPerParagraph, runs.0.len(), at)?;
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
