//! CMS HTML bodies, imported into the block model through an allow-list.
//!
//! Many sites' CMSs (TRS WCM and the like) store an article body as HTML. The reader never
//! inserts that HTML. Instead `dom::parse` lets the browser's own parser read it into an inert
//! document (`DOMParser`: no script runs, nothing loads) and copies it into a plain [`HtmlNode`]
//! tree, keeping only the attributes the import uses (`href`, `src`, `alt`). [`import`] then
//! walks that tree into [`Block`]s, in pure Rust, so `cargo test` and the fuzz tests cover every
//! rule:
//!
//! - paragraphs, headings, bold / italic / underline, links, line breaks, images with `alt`,
//!   figures with captions, lists, block quotes and tables become their blocks and runs;
//! - scripts, styles, iframes, objects, forms, SVG and MathML, templates and the like are
//!   dropped with their content;
//! - any other element is unwrapped to its content (a `div.TRS_Editor`, `span`, `font`);
//! - the CMS habits of `&nbsp;` or full-width-space indents, empty paragraphs and
//!   `<p><strong>…</strong></p>` section headings come out as clean paragraphs and headings.

pub mod dom;

use crate::article::model::{
    Block, Blocks, Cell, CellKind, Heading, Image, Inline, Inlines, List, Paragraph, Quote, Row,
    Table,
};
use crate::article::parse::MAX_QUOTE_DEPTH;

/// A node of parsed HTML, reduced to what the import reads.
#[derive(Clone, Debug, PartialEq)]
pub enum HtmlNode {
    /// A text node's data (entities already decoded by the parser).
    Text(String),
    /// An element.
    Element {
        /// Lowercase local name for HTML elements (Word's `o:p` and `st1:place` included); `svg:`
        /// or `math:` prefixed, and so always dropped, for SVG and MathML elements.
        tag: String,
        /// Only `href`, `src` and `alt`, when present.
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

    fn attr(&self, name: &str) -> Option<&str> {
        match self {
            HtmlNode::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            HtmlNode::Text(_) => None,
        }
    }
}

/// Attributes the DOM walker keeps; nothing else (event handlers, `style`) ever leaves the
/// parsed document.
pub const KEPT_ATTRIBUTES: [&str; 3] = ["href", "src", "alt"];

/// Elements dropped together with everything inside them: they run code, load things, collect
/// input, or carry text that is not part of the article.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "option",
    "optgroup",
    "textarea",
    "datalist",
    "output",
    "noscript",
    "noembed",
    "noframes",
    "template",
    "slot",
    "canvas",
    "video",
    "audio",
    "source",
    "track",
    "picture",
    "map",
    "area",
    "link",
    "meta",
    "base",
    "head",
    "title",
    "svg",
    "math",
    "dialog",
    "menu",
    "portal",
    "xmp",
    "plaintext",
    "param",
    "marquee",
];

/// Elements that only group blocks: unwrapped, but they end the paragraph before and after.
const BLOCK_WRAPPERS: &[&str] = &[
    "html",
    "body",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "center",
    "address",
    "hgroup",
    "details",
    "summary",
    "fieldset",
    "legend",
    "dl",
    "dt",
    "dd",
    "pre",
    "hr",
    "caption",
    "figcaption",
    "li",
    "td",
    "th",
    "tr",
    "tbody",
    "thead",
    "tfoot",
];

/// Longest text (in characters) that a bold-only paragraph may have to count as a section
/// heading; a longer one is an emphasised paragraph.
pub const HEADING_MAX_CHARS: usize = 60;

/// Converts a parsed body into blocks.
pub fn import(nodes: &[HtmlNode]) -> Vec<Block> {
    let mut builder = Builder::new(0);
    for node in nodes {
        builder.visit(node, Marks::default());
    }
    builder.finish()
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Marks {
    bold: bool,
    italic: bool,
    underline: bool,
    href: Option<String>,
    /// Inside `pre`: line breaks in the source are kept.
    pre: bool,
}

impl Marks {
    /// If `tag` is an inline mark (bold, italic, underline, link), adds it and says so. The
    /// block walk and the inline walk share this one table.
    fn apply(&mut self, tag: &str, node: &HtmlNode) -> bool {
        match tag {
            "b" | "strong" => self.bold = true,
            "i" | "em" | "cite" | "dfn" => self.italic = true,
            "u" | "ins" => self.underline = true,
            "a" => {
                if let Some(href) = node.attr("href") {
                    self.href = Some(href.to_owned());
                }
            }
            _ => return false,
        }
        true
    }
}

struct Builder {
    blocks: Vec<Block>,
    runs: Vec<Inline>,
    quote_depth: usize,
    /// Set while walking the rest of a figure: its image was already taken, so the next
    /// `img` met is that one and is not repeated.
    skip_image: bool,
}

/// Whether an element is dropped together with its content.
pub(crate) fn is_dropped(tag: &str) -> bool {
    tag.starts_with("svg:") || tag.starts_with("math:") || DROPPED.contains(&tag)
}

impl Builder {
    fn new(quote_depth: usize) -> Self {
        Builder {
            blocks: Vec::new(),
            runs: Vec::new(),
            quote_depth,
            skip_image: false,
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    fn push_text(&mut self, text: &str, marks: &Marks) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            if last.bold == marks.bold
                && last.italic == marks.italic
                && last.underline == marks.underline
                && last.href == marks.href
            {
                last.text.push_str(text);
                return;
            }
        }
        self.runs.push(Inline {
            text: text.to_owned(),
            bold: marks.bold,
            italic: marks.italic,
            underline: marks.underline,
            href: marks.href.clone(),
            ..Inline::default()
        });
    }

    /// Ends the paragraph being collected, if it has any text.
    fn flush(&mut self) {
        let runs = tidy_runs(std::mem::take(&mut self.runs));
        if runs.is_empty() {
            return;
        }
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let all_bold = runs.iter().all(|r| r.bold || r.text.trim().is_empty());
        let heading_like = all_bold
            && runs.iter().all(|r| r.href.is_none())
            && !text.contains('\n')
            && text.chars().count() <= HEADING_MAX_CHARS;
        if heading_like {
            let content = Inlines(
                runs.into_iter()
                    .map(|r| Inline { bold: false, ..r })
                    .collect(),
            );
            self.blocks
                .push(Block::Heading(Heading { level: 2, content }));
        } else {
            self.blocks.push(Block::Paragraph(Paragraph {
                content: Inlines(runs),
            }));
        }
    }

    fn visit_children(&mut self, children: &[HtmlNode], marks: &Marks) {
        for child in children {
            self.visit(child, marks.clone());
        }
    }

    fn visit(&mut self, node: &HtmlNode, mut marks: Marks) {
        let (tag, children) = match node {
            HtmlNode::Text(text) => {
                let text = if marks.pre {
                    text.replace("\r\n", "\n")
                        .split('\n')
                        .map(collapse_whitespace)
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    collapse_whitespace(text)
                };
                self.push_text(&text, &marks);
                return;
            }
            HtmlNode::Element { tag, children, .. } => (tag.as_str(), children),
        };
        if is_dropped(tag) {
            return;
        }
        if marks.apply(tag, node) {
            self.visit_children(children, &marks);
            return;
        }
        match tag {
            "br" => self.push_text("\n", &marks),
            "p" => {
                self.flush();
                self.visit_children(children, &marks);
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = match tag {
                    "h1" | "h2" => 2,
                    "h3" => 3,
                    _ => 4,
                };
                let runs = tidy_runs(inline_runs(children));
                if !runs.is_empty() {
                    self.blocks.push(Block::Heading(Heading {
                        level,
                        content: Inlines(runs),
                    }));
                }
            }
            "img" if self.skip_image => self.skip_image = false,
            "img" => {
                self.flush();
                if let Some(image) = image_of(node, None) {
                    self.blocks.push(Block::Image(image));
                }
            }
            "figure" => {
                self.flush();
                self.figure(children, &marks);
            }
            "ul" | "ol" => {
                self.flush();
                let mut items = Vec::new();
                list_items(children, &mut items);
                if !items.is_empty() {
                    self.blocks.push(Block::List(List {
                        ordered: tag == "ol",
                        start: None,
                        reversed: false,
                        items: items.into_iter().map(Blocks::paragraph).collect(),
                    }));
                }
            }
            // `quote_depth` quotes enclose this builder's blocks; beyond the limit a quote's
            // content is kept, unwrapped.
            "blockquote" if self.quote_depth < MAX_QUOTE_DEPTH => {
                self.flush();
                let mut inner = Builder::new(self.quote_depth + 1);
                inner.visit_children(children, &Marks::default());
                let content = inner.finish();
                if !content.is_empty() {
                    self.blocks.push(Block::Quote(Quote {
                        content,
                        cite: None,
                    }));
                }
            }
            "table" => {
                self.flush();
                if let Some(table) = table_of(children) {
                    self.blocks.push(Block::Table(table));
                }
            }
            "pre" => {
                self.flush();
                marks.pre = true;
                self.visit_children(children, &marks);
                self.flush();
            }
            _ if BLOCK_WRAPPERS.contains(&tag) || tag == "blockquote" => {
                self.flush();
                self.visit_children(children, &marks);
                self.flush();
            }
            // Any other element (span, font, sup, small, code, abbr, unknown tags) is
            // unwrapped to its content.
            _ => self.visit_children(children, &marks),
        }
    }

    /// A figure: its first image with the figcaption as caption; any other content becomes
    /// blocks after it.
    fn figure(&mut self, children: &[HtmlNode], marks: &Marks) {
        let caption = find_first(children, "figcaption").map(|c| match c {
            HtmlNode::Element { children, .. } => Inlines(tidy_runs(inline_runs(children))),
            HtmlNode::Text(_) => Inlines::default(),
        });
        let caption = caption.filter(|c| !c.0.is_empty());
        match find_first(children, "img").and_then(|img| image_of(img, caption)) {
            Some(image) => self.blocks.push(Block::Image(image)),
            None => {
                // No usable image: keep whatever text the figure had.
                for child in children {
                    self.visit(child, marks.clone());
                }
                self.flush();
                return;
            }
        }
        // The rest of the figure, minus the caption and the image already taken (often inside
        // a link to a larger version); other images and text in it are kept.
        self.skip_image = true;
        let mut caption_seen = false;
        for child in children {
            let is_caption = matches!(child, HtmlNode::Element { tag, .. } if tag == "figcaption");
            if is_caption && !caption_seen {
                caption_seen = true;
                continue;
            }
            self.visit(child, marks.clone());
        }
        self.skip_image = false;
        self.flush();
    }
}

/// Collapses HTML whitespace runs to one space, as rendering would.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Whether a character only pads: ASCII spaces, line breaks, no-break and ideographic spaces
/// (the CMS indent), zero-width characters.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
}

/// Trims padding at the start and end of a paragraph (including `&nbsp;&nbsp;` and `　　`
/// indents), trims spaces around line breaks, and drops runs left empty. A paragraph that is only
/// padding becomes no runs at all.
fn tidy_runs(mut runs: Vec<Inline>) -> Vec<Inline> {
    for run in &mut runs {
        if run.text.contains('\n') {
            run.text = run
                .text
                .split('\n')
                .map(|line| line.trim_matches(|c: char| c == ' '))
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    // Leading and trailing padding, found by position and cut in one step each, so a hostile
    // run of thousands of empty runs costs linear time.
    let Some(start) = runs
        .iter()
        .position(|r| !r.text.trim_start_matches(is_padding).is_empty())
    else {
        return Vec::new();
    };
    runs.drain(..start);
    let end = runs
        .iter()
        .rposition(|r| !r.text.trim_end_matches(is_padding).is_empty())
        .unwrap_or(0);
    runs.truncate(end + 1);
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start_matches(is_padding).to_owned();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end_matches(is_padding).to_owned();
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

/// The inline content of nodes, with block structure flattened into line breaks (used for
/// headings, list items, captions and table cells).
fn inline_runs(children: &[HtmlNode]) -> Vec<Inline> {
    let mut inner = Builder::new(MAX_QUOTE_DEPTH);
    inner.collect_inline(children, &Marks::default());
    inner.runs
}

impl Builder {
    fn collect_inline(&mut self, children: &[HtmlNode], marks: &Marks) {
        for child in children {
            match child {
                HtmlNode::Text(text) => self.push_text(&collapse_whitespace(text), marks),
                HtmlNode::Element { tag, children, .. } => {
                    if is_dropped(tag) {
                        continue;
                    }
                    let mut marks = marks.clone();
                    match tag.as_str() {
                        _ if marks.apply(tag, child) => {}
                        "br" => self.push_text("\n", &marks),
                        "img" => {
                            // An image inside a heading or cell keeps its description.
                            if let Some(alt) = child.attr("alt").filter(|a| !a.trim().is_empty()) {
                                self.push_text(alt, &marks);
                            }
                        }
                        _ => {}
                    }
                    let is_block = tag == "p"
                        || BLOCK_WRAPPERS.contains(&tag.as_str())
                        || matches!(
                            tag.as_str(),
                            "ul" | "ol" | "table" | "blockquote" | "figure"
                        )
                        || tag.starts_with('h') && tag.len() == 2;
                    if is_block && !self.runs.is_empty() {
                        self.push_text("\n", &marks);
                    }
                    if tag != "br" && tag != "img" {
                        self.collect_inline(children, &marks);
                    }
                }
            }
        }
    }
}

fn find_first<'a>(nodes: &'a [HtmlNode], wanted: &str) -> Option<&'a HtmlNode> {
    for node in nodes {
        if let HtmlNode::Element { tag, children, .. } = node {
            if tag == wanted {
                return Some(node);
            }
            if is_dropped(tag) {
                continue;
            }
            if let Some(found) = find_first(children, wanted) {
                return Some(found);
            }
        }
    }
    None
}

fn image_of(img: &HtmlNode, caption: Option<Inlines>) -> Option<Image> {
    let src = img.attr("src")?.trim();
    if src.is_empty() {
        return None;
    }
    Some(Image {
        src: src.to_owned(),
        alt: img.attr("alt").unwrap_or_default().trim().to_owned(),
        caption,
        ..Image::default()
    })
}

/// List items in order; a list nested in an item continues as further items.
fn list_items(children: &[HtmlNode], items: &mut Vec<Inlines>) {
    for child in children {
        let (tag, children) = match child {
            HtmlNode::Element { tag, children, .. } => (tag, children),
            // Text straight inside <ul>/<ol> (invalid, but CMSs write it) is an item too.
            HtmlNode::Text(text) => {
                let runs = tidy_runs(vec![Inline::plain(collapse_whitespace(text))]);
                if !runs.is_empty() {
                    items.push(Inlines(runs));
                }
                continue;
            }
        };
        match tag.as_str() {
            "li" => {
                let (nested, own): (Vec<&HtmlNode>, Vec<&HtmlNode>) = children.iter().partition(
                    |c| matches!(c, HtmlNode::Element { tag, .. } if tag == "ul" || tag == "ol"),
                );
                let own: Vec<HtmlNode> = own.into_iter().cloned().collect();
                let runs = tidy_runs(inline_runs(&own));
                if !runs.is_empty() {
                    items.push(Inlines(runs));
                }
                for list in nested {
                    if let HtmlNode::Element { children, .. } = list {
                        list_items(children, items);
                    }
                }
            }
            t if is_dropped(t) => {}
            // Stray wrappers between <ul> and <li> (invalid but common) are looked through.
            _ => list_items(children, items),
        }
    }
}

fn table_of(children: &[HtmlNode]) -> Option<Table> {
    let mut caption = None;
    let mut header = Vec::new();
    let mut rows = Vec::new();
    collect_rows(children, false, &mut caption, &mut header, &mut rows);
    // A first row of only <th> cells is the header when there is no <thead>.
    if header.is_empty() {
        if let Some((true, _)) = rows.first() {
            let (_, first) = rows.remove(0);
            header = first;
        }
    }
    let rows: Vec<Vec<Inlines>> = rows.into_iter().map(|(_, cells)| cells).collect();
    if rows.is_empty() && header.is_empty() {
        return None;
    }
    let rows = if rows.is_empty() {
        vec![std::mem::take(&mut header)]
    } else {
        rows
    };
    // Until the table import is rebuilt for version 2 (spans, scopes, blocks in cells), cells
    // keep their inline runs and the header row is a row of column headers, as in version 1.
    let cells = |cells: Vec<Inlines>| Row {
        cells: cells
            .into_iter()
            .map(|c| Cell {
                kind: CellKind::Data,
                colspan: 1,
                rowspan: 1,
                content: Blocks::paragraph(c),
            })
            .collect(),
    };
    let head = if header.is_empty() {
        Vec::new()
    } else {
        let mut row = cells(header);
        row.cells = row.cells.into_iter().map(Cell::header_v1).collect();
        vec![row]
    };
    Some(Table {
        caption: caption.map(|c| Inlines(vec![Inline::plain(c)])),
        head,
        rows: rows.into_iter().map(cells).collect(),
    })
}

/// A row as the walk collects it: whether it has only header cells, and its cells.
type RowCells = (bool, Vec<Inlines>);

fn collect_rows(
    nodes: &[HtmlNode],
    in_head: bool,
    caption: &mut Option<String>,
    header: &mut Vec<Inlines>,
    rows: &mut Vec<RowCells>,
) {
    for node in nodes {
        let HtmlNode::Element { tag, children, .. } = node else {
            continue;
        };
        match tag.as_str() {
            "caption" => {
                let text: String = tidy_runs(inline_runs(children))
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect();
                if !text.is_empty() {
                    *caption = Some(text);
                }
            }
            "thead" => collect_rows(children, true, caption, header, rows),
            "tbody" | "tfoot" => collect_rows(children, false, caption, header, rows),
            "tr" => {
                let mut all_th = true;
                let cells: Vec<Inlines> = children
                    .iter()
                    .filter_map(|c| match c {
                        HtmlNode::Element { tag, children, .. } if tag == "td" || tag == "th" => {
                            all_th &= tag == "th";
                            Some(Inlines(tidy_runs(inline_runs(children))))
                        }
                        _ => None,
                    })
                    .collect();
                if cells.is_empty() {
                    continue;
                }
                if in_head && header.is_empty() {
                    *header = cells;
                } else {
                    rows.push((all_th, cells));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
