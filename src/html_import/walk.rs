//! The walker: one pass over the tree that acts on each element's [`Role`].
//!
//! A [`Builder`] collects the blocks of one container (the body, a quote, a list item, a table
//! cell, a description, a note) and the runs of the paragraph it is in. Containers inside
//! containers get a builder one level deeper; at [`MAX_NESTING`] a container is flattened into
//! its parent, keeping its text. Headings, captions and terms are collected by a builder in
//! inline flow, where block boundaries become line breaks and images become inline images.
//!
//! Every node is visited once (a note's label is peeked at within a fixed budget), so the work
//! is linear in the size of the tree.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use super::roles::{role, CellTag, Mark, Numbering, Role, RowGroup};
use super::text::{
    collapse_whitespace, is_caption, is_credit, is_padding, note_label, tidy_runs,
    CAPTION_MAX_CHARS,
};
use super::{HtmlNode, HEADING_MAX_CHARS};
use crate::article::model::{
    Block, Blocks, Cell, CellKind, Code, Definition, DefinitionList, Embed, EmbedKind, Footnote,
    Footnotes, Gallery, HeaderScope, Heading, Image, Inline, InlineKind, Inlines, List, Math, Note,
    NoteKind, Paragraph, Quote, Row, Table, TextDirection,
};

/// How many containers (quotes, list items, cells, descriptions, notes) may enclose one
/// another: the article model's one nesting limit.
pub const MAX_NESTING: usize = crate::article::parse::MAX_QUOTE_DEPTH;

/// What the whole body says about itself (see [`super::body_direction`]): runs that say the
/// same need not repeat it.
pub(super) struct Context {
    pub dir: Option<TextDirection>,
    pub lang: Option<String>,
    /// The footnotes referenced so far (`<sup><a href="#fn1">`), by id: a list whose items
    /// carry these ids is the footnotes.
    pub references: RefCell<BTreeSet<String>>,
}

/// The marks and attributes in effect at a point of the walk.
#[derive(Clone, Debug, Default)]
pub(super) struct Marks {
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
    sup: bool,
    sub: bool,
    code: bool,
    /// Shared, so that entering an element never copies a long address.
    href: Option<Rc<str>>,
    lang: Option<Rc<str>>,
    dir: Option<TextDirection>,
    /// Inside a centred paragraph or wrapper (`align="center"`, `<center>`, or a
    /// `text-align: center` style as `dom` reports it).
    centered: bool,
}

impl Marks {
    fn with(&self, mark: Mark) -> Marks {
        let mut marks = self.clone();
        match mark {
            Mark::Bold => marks.bold = true,
            Mark::Italic => marks.italic = true,
            Mark::Underline => marks.underline = true,
            Mark::Strike => marks.strike = true,
            Mark::Sup => marks.sup = true,
            Mark::Sub => marks.sub = true,
            Mark::Code => marks.code = true,
        }
        marks
    }

    /// The marks inside `node`, when its `lang`, `dir` or alignment changes them.
    fn within(&self, node: &HtmlNode, tag: &str) -> Option<Marks> {
        let lang = node.attr("lang").and_then(language_tag);
        let dir = node.attr("dir").and_then(parse_direction);
        let centered = match node.attr("align").map(|a| a.trim().to_ascii_lowercase()) {
            Some(a) if a == "center" || a == "middle" => Some(true),
            Some(a) if a == "left" || a == "right" || a == "justify" => Some(false),
            _ if tag == "center" => Some(true),
            _ => None,
        };
        if lang.is_none() && dir.is_none() && centered.is_none() {
            return None;
        }
        let mut marks = self.clone();
        if let Some(lang) = lang {
            marks.lang = Some(Rc::from(lang));
        }
        if dir.is_some() {
            marks.dir = dir;
        }
        if let Some(centered) = centered {
            marks.centered = centered;
        }
        Some(marks)
    }

    /// Whether text under `other` continues a run made under these marks. Addresses and
    /// languages are compared by identity: text inside one link shares one address, so a link
    /// around many text nodes costs one comparison each, however long its address.
    fn continues(&self, other: &Marks) -> bool {
        let same = |a: &Option<Rc<str>>, b: &Option<Rc<str>>| match (a, b) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        self.bold == other.bold
            && self.italic == other.italic
            && self.underline == other.underline
            && self.strike == other.strike
            && self.sup == other.sup
            && self.sub == other.sub
            && self.code == other.code
            && self.dir == other.dir
            && same(&self.href, &other.href)
            && same(&self.lang, &other.lang)
    }

    fn kind(&self) -> InlineKind {
        if self.code {
            InlineKind::Code
        } else {
            InlineKind::Text
        }
    }
}

/// The longest `lang` value taken for a language tag. Real tags are short (`zh-Hans-CN`); a
/// longer value is not one, and would only be copied into every run.
pub(super) const MAX_LANGUAGE_TAG: usize = 64;

/// Reads a `lang` attribute: a language tag, or none for an empty or overlong value.
pub(super) fn language_tag(value: &str) -> Option<&str> {
    let tag = value.trim();
    (!tag.is_empty() && tag.len() <= MAX_LANGUAGE_TAG).then_some(tag)
}

/// Reads a `dir` attribute.
pub(super) fn parse_direction(value: &str) -> Option<TextDirection> {
    match value.trim().to_ascii_lowercase().as_str() {
        "ltr" => Some(TextDirection::Ltr),
        "rtl" => Some(TextDirection::Rtl),
        "auto" => Some(TextDirection::Auto),
        _ => None,
    }
}

/// Whether a builder collects blocks or only runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Flow {
    /// Paragraphs and other blocks.
    Blocks,
    /// Runs only (a heading, a caption, a term): block boundaries become line breaks.
    Inline,
}

/// The caption a figure's walk found, and where among the figure's blocks it stood.
#[derive(Default)]
struct FigureCaption {
    caption: Option<Vec<Inline>>,
    at: usize,
}

/// Collects one container's blocks.
pub(super) struct Builder<'c> {
    context: &'c Context,
    blocks: Vec<Block>,
    runs: Vec<Inline>,
    /// The marks the last run was made with, while more text may join it.
    last_marks: Option<Marks>,
    /// How many containers enclose this one.
    depth: usize,
    flow: Flow,
    /// Whether the paragraph being collected is centred (taken from its first run).
    centered: bool,
    /// In inline flow: a block boundary was passed since the last run.
    pending_break: bool,
    /// Set while walking a figure: its first `figcaption`, found at any depth.
    figure: Option<FigureCaption>,
    /// Inside a footnote, where links back to the reference are dropped (the reader makes its
    /// own).
    in_footnote: bool,
}

impl<'c> Builder<'c> {
    pub(super) fn new(context: &'c Context, depth: usize, flow: Flow) -> Self {
        Builder {
            context,
            blocks: Vec::new(),
            runs: Vec::new(),
            last_marks: None,
            depth,
            flow,
            centered: false,
            pending_break: false,
            figure: None,
            in_footnote: false,
        }
    }

    fn child(&self, depth: usize, flow: Flow) -> Builder<'c> {
        Builder {
            in_footnote: self.in_footnote,
            ..Builder::new(self.context, depth, flow)
        }
    }

    /// The blocks, with the last paragraph ended.
    pub(super) fn finish(mut self) -> Vec<Block> {
        self.end_paragraph();
        self.blocks
    }

    /// The runs of an inline-flow builder, tidied.
    fn finish_inline(self) -> Vec<Inline> {
        tidy_runs(self.runs)
    }

    pub(super) fn visit_all(&mut self, nodes: &[HtmlNode], marks: &Marks) {
        for node in nodes {
            self.visit(node, marks);
        }
    }

    fn visit(&mut self, node: &HtmlNode, marks: &Marks) {
        match node {
            HtmlNode::Text(text) => self.push_text(&collapse_whitespace(text), marks),
            HtmlNode::Element { tag, children, .. } => {
                let role = role_of(node, tag);
                if role == Role::Drop {
                    return;
                }
                match marks.within(node, tag) {
                    Some(inner) => self.element(role, node, children, &inner),
                    None => self.element(role, node, children, marks),
                }
            }
        }
    }

    fn element(&mut self, role: Role, node: &HtmlNode, children: &[HtmlNode], marks: &Marks) {
        let blocks = self.flow == Flow::Blocks;
        let room = self.depth < MAX_NESTING;
        match role {
            Role::Inline | Role::RubyText => self.visit_all(children, marks),
            Role::Mark(Mark::Sup) | Role::Link if self.footnote_reference(node, marks) => {}
            Role::Link if self.in_footnote && is_back_link(node) => {}
            Role::Mark(mark) => self.visit_all(children, &marks.with(mark)),
            Role::Link => match node.attr("href") {
                Some(href) => {
                    let mut linked = marks.clone();
                    linked.href = Some(Rc::from(href));
                    self.visit_all(children, &linked);
                }
                None => self.visit_all(children, marks),
            },
            Role::Break => self.push_text("\n", marks),
            Role::Ruby => self.ruby(children, marks),
            Role::Math => self.math(node, marks),
            Role::Image => self.image(node, marks),
            Role::Embed(kind) => self.embed(kind, node, children, marks),
            Role::Preformatted => self.code_block(node, children, marks),
            Role::Heading(level) if blocks => self.heading(level, children, marks),
            Role::Rule if blocks => {
                self.end_paragraph();
                self.blocks.push(Block::Rule);
            }
            Role::Figure if blocks => self.figure(children, marks),
            Role::FigureCaption if self.wants_caption() => self.figure_caption(children, marks),
            Role::Quote if blocks && room => {
                self.end_paragraph();
                let content = self.container(children, marks);
                if !content.is_empty() {
                    self.blocks.push(Block::Quote(Quote {
                        content,
                        cite: None,
                    }));
                }
            }
            Role::List(numbering) if blocks && room => self.list(numbering, node, children, marks),
            Role::DefinitionList if blocks && room => self.definition_list(children, marks),
            Role::Table if blocks && room => self.table(children, marks),
            Role::Aside if blocks && room => match note_kind(children) {
                Some(kind) => self.note(kind, children, marks),
                None => self.section(children, marks),
            },
            // Paragraphs and sections; and any structure met where it cannot be built (a list
            // in a heading, a table below the nesting limit, a cell outside a table) keeps its
            // text as paragraphs, or as lines in inline flow.
            _ => self.section(children, marks),
        }
    }

    fn section(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.boundary();
        self.visit_all(children, marks);
        self.boundary();
    }

    /// The blocks of a container one level down.
    fn container(&self, children: &[HtmlNode], marks: &Marks) -> Vec<Block> {
        let mut inner = self.child(self.depth + 1, Flow::Blocks);
        inner.visit_all(children, marks);
        inner.finish()
    }

    /// The runs of `children` in inline flow.
    fn inline_runs(&self, children: &[HtmlNode], marks: &Marks) -> Vec<Inline> {
        let mut inner = self.child(self.depth, Flow::Inline);
        inner.visit_all(children, marks);
        inner.finish_inline()
    }

    // -- Runs and paragraphs ------------------------------------------------------------------

    /// A run as these marks make it, without what the whole body already says.
    fn run(&self, kind: InlineKind, text: String, marks: &Marks) -> Inline {
        let lang = marks
            .lang
            .as_deref()
            .filter(|l| Some(*l) != self.context.lang.as_deref());
        Inline {
            kind,
            text,
            bold: marks.bold,
            italic: marks.italic,
            underline: marks.underline,
            strike: marks.strike,
            sup: marks.sup,
            sub: marks.sub,
            href: marks.href.as_deref().map(str::to_owned),
            lang: lang.map(str::to_owned),
            dir: marks.dir.filter(|d| Some(*d) != self.context.dir),
        }
    }

    /// Prepares for a new run: a pending line break in inline flow, and the paragraph's
    /// alignment from its first run.
    fn before_run(&mut self, marks: &Marks) {
        if self.pending_break {
            self.pending_break = false;
            if !self.runs.is_empty() {
                let run = self.run(InlineKind::Text, "\n".to_owned(), &Marks::default());
                self.runs.push(run);
                self.last_marks = None;
            }
        }
        if self.runs.is_empty() {
            self.centered = marks.centered;
        }
    }

    fn push_text(&mut self, text: &str, marks: &Marks) {
        if text.is_empty() {
            return;
        }
        self.before_run(marks);
        let continues = self.last_marks.as_ref().is_some_and(|m| m.continues(marks));
        if let Some(last) = self.runs.last_mut().filter(|_| continues) {
            last.text.push_str(text);
            return;
        }
        let run = self.run(marks.kind(), text.to_owned(), marks);
        self.runs.push(run);
        self.last_marks = Some(marks.clone());
    }

    fn push_object(&mut self, kind: InlineKind, text: String, marks: &Marks) {
        self.before_run(marks);
        let run = self.run(kind, text, marks);
        self.runs.push(run);
        self.last_marks = None;
    }

    /// A block boundary: the paragraph ends (in inline flow, a line break will separate what
    /// comes next).
    fn boundary(&mut self) {
        match self.flow {
            Flow::Blocks => self.end_paragraph(),
            Flow::Inline => self.pending_break = true,
        }
    }

    /// Ends the paragraph being collected: it becomes a paragraph, a section heading (a short
    /// line all in bold), or the caption or credit of the image just before it.
    fn end_paragraph(&mut self) {
        if self.flow == Flow::Inline {
            self.pending_break = true;
            return;
        }
        let runs = tidy_runs(std::mem::take(&mut self.runs));
        let centered = std::mem::take(&mut self.centered);
        if runs.is_empty() {
            return;
        }
        let Some(runs) = self.attach_to_image(runs, centered) else {
            return;
        };
        if heading_like(&runs) {
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

    /// The TRS habit of a centred line under an image: it becomes the image's caption (or its
    /// credit, for 图片来源 / 摄影 / Photo:). Returns the runs when they are not one.
    fn attach_to_image(&mut self, runs: Vec<Inline>, centered: bool) -> Option<Vec<Inline>> {
        let Some(Block::Image(image)) = self.blocks.last_mut() else {
            return Some(runs);
        };
        let text = plain(&runs);
        if is_credit(&text) {
            if image.credit.is_none() {
                image.credit = Some(Inlines(runs));
                return None;
            }
            return Some(runs);
        }
        let by_word = is_caption(&text);
        let by_place = centered
            && text.chars().count() <= CAPTION_MAX_CHARS
            && !text.contains('\n')
            && !heading_like(&runs);
        if image.caption.is_some() || !(by_word || by_place) {
            return Some(runs);
        }
        let (caption, credit) = split_credit(runs);
        image.caption = non_empty(caption);
        if image.credit.is_none() {
            image.credit = credit.map(Inlines);
        }
        None
    }

    // -- Blocks -------------------------------------------------------------------------------

    fn heading(&mut self, level: u8, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let runs = self.inline_runs(children, marks);
        if !runs.is_empty() {
            self.blocks.push(Block::Heading(Heading {
                level,
                content: Inlines(runs),
            }));
        }
    }

    fn image(&mut self, node: &HtmlNode, marks: &Marks) {
        let image = image_of(node);
        match (image, self.flow) {
            (Some(mut image), Flow::Blocks) => {
                self.end_paragraph();
                image.href = marks.href.as_deref().map(str::to_owned);
                self.blocks.push(Block::Image(image));
            }
            (Some(image), Flow::Inline) => {
                let alt = image.alt.clone();
                self.push_object(InlineKind::Image(Box::new(image)), alt, marks);
            }
            // Without an address there is no image to show; in running text its description
            // stands in for it.
            (None, Flow::Inline) => {
                if let Some(alt) = node.attr("alt") {
                    self.push_text(alt.trim(), marks);
                }
            }
            (None, Flow::Blocks) => {}
        }
    }

    fn figure(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let mut inner = self.child(self.depth, Flow::Blocks);
        inner.figure = Some(FigureCaption::default());
        inner.visit_all(children, marks);
        let found = inner.figure.take().unwrap_or_default();
        let mut blocks = inner.finish();
        let images = blocks
            .iter()
            .filter(|b| matches!(b, Block::Image(_)))
            .count();
        let caption = found.caption;
        match images {
            0 => {
                if let Some(caption) = caption {
                    if let Some(caption) = name_the_figure(&mut blocks, caption) {
                        // Nothing to caption: the caption's text stays, where it was.
                        let at = found.at.min(blocks.len());
                        blocks.insert(at, paragraph(caption));
                    }
                }
            }
            1 => {
                if let Some(caption) = caption {
                    let image = blocks.iter_mut().find_map(|b| match b {
                        Block::Image(image) if image.caption.is_none() => Some(image),
                        _ => None,
                    });
                    match image {
                        Some(image) => {
                            let (caption, credit) = split_credit(caption);
                            image.caption = non_empty(caption);
                            if image.credit.is_none() {
                                image.credit = credit.map(Inlines);
                            }
                        }
                        None => {
                            let at = found.at.min(blocks.len());
                            blocks.insert(at, paragraph(caption));
                        }
                    }
                }
            }
            _ => blocks = gallery(blocks, caption),
        }
        self.blocks.extend(blocks);
    }

    fn wants_caption(&self) -> bool {
        self.flow == Flow::Blocks && self.figure.as_ref().is_some_and(|f| f.caption.is_none())
    }

    fn figure_caption(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let runs = self.inline_runs(children, marks);
        if runs.is_empty() {
            return;
        }
        let at = self.blocks.len();
        if let Some(figure) = self.figure.as_mut() {
            figure.caption = Some(runs);
            figure.at = at;
        }
    }

    /// A footnote reference: a `sup` around one link to a fragment (`<sup><a href="#fn1">[1]</a>
    /// </sup>`), or such a link around a `sup`, with a short label. Says whether it was one.
    fn footnote_reference(&mut self, node: &HtmlNode, marks: &Marks) -> bool {
        let Some((id, label)) = footnote_target(node) else {
            return false;
        };
        self.context.references.borrow_mut().insert(id.to_owned());
        let plain = Marks {
            sup: false,
            href: None,
            ..marks.clone()
        };
        self.push_object(InlineKind::FootnoteRef { id: id.to_owned() }, label, &plain);
        true
    }

    /// The footnotes: a list whose every item has an `id`, the first of them referenced
    /// earlier in the text.
    fn footnotes(&mut self, children: &[HtmlNode], marks: &Marks) -> bool {
        let items: Vec<&HtmlNode> = children
            .iter()
            .filter(|c| matches!(c, HtmlNode::Element { tag, .. } if role(tag) == Role::ListItem))
            .collect();
        let referenced = items
            .first()
            .and_then(|li| li.attr("id"))
            .is_some_and(|id| self.context.references.borrow().contains(id));
        if !referenced || !items.iter().all(|li| li.attr("id").is_some()) {
            return false;
        }
        self.end_paragraph();
        let mut seen = BTreeSet::new();
        let mut notes = Vec::new();
        for li in items {
            let (Some(id), HtmlNode::Element { children, .. }) = (li.attr("id"), li) else {
                continue;
            };
            if !seen.insert(id) {
                continue;
            }
            let mut inner = self.child(self.depth + 1, Flow::Blocks);
            inner.in_footnote = true;
            inner.visit_all(children, marks);
            notes.push(Footnote {
                id: id.to_owned(),
                content: Blocks(inner.finish()),
            });
        }
        self.blocks
            .push(Block::Footnotes(Footnotes { items: notes }));
        true
    }

    fn list(&mut self, numbering: Numbering, node: &HtmlNode, children: &[HtmlNode], m: &Marks) {
        if self.footnotes(children, m) {
            return;
        }
        self.end_paragraph();
        let mut items = Items::default();
        self.collect_items(children, m, &mut items);
        items.close_stray();
        if items.items.is_empty() {
            return;
        }
        let ordered = numbering == Numbering::Numbers;
        let start = node
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|s| ordered && *s != 1);
        self.blocks.push(Block::List(List {
            ordered,
            start,
            reversed: ordered && node.attr("reversed").is_some(),
            items: items.items,
        }));
    }

    /// The items of a list: each `li`, a list nested straight in the list (it joins the item
    /// before it), and stray content between items (consecutive stray content is one item).
    /// Wrappers between the list and its items are looked through.
    fn collect_items(&self, children: &[HtmlNode], marks: &Marks, items: &mut Items<'c>) {
        for child in children {
            if let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            {
                match role_of(child, tag) {
                    Role::Drop => continue,
                    Role::ListItem => {
                        items.close_stray();
                        let inner_marks = marks.within(child, tag);
                        let blocks = self.container(inner, inner_marks.as_ref().unwrap_or(marks));
                        items.push(blocks);
                        continue;
                    }
                    Role::List(_) => {
                        items.close_stray();
                        let mut holder = self.child(self.depth + 1, Flow::Blocks);
                        holder.visit(child, marks);
                        items.extend_last(holder.finish());
                        continue;
                    }
                    _ if has_role(inner, Role::ListItem) => {
                        items.close_stray();
                        self.collect_items(inner, marks, items);
                        continue;
                    }
                    _ => {}
                }
            }
            items
                .stray
                .get_or_insert_with(|| self.child(self.depth + 1, Flow::Blocks))
                .visit(child, marks);
        }
    }

    fn definition_list(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let mut items = Vec::new();
        self.collect_definitions(children, marks, &mut items);
        items.retain(|d: &Definition| !d.term.0.is_empty() || !d.details.is_empty());
        if !items.is_empty() {
            self.blocks
                .push(Block::DefinitionList(DefinitionList { items }));
        }
    }

    fn collect_definitions(&self, children: &[HtmlNode], marks: &Marks, out: &mut Vec<Definition>) {
        for child in children {
            let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            else {
                continue;
            };
            let role = role_of(child, tag);
            let own = marks.within(child, tag);
            let marks_in = own.as_ref().unwrap_or(marks);
            match role {
                Role::Drop => {}
                Role::Term => out.push(Definition {
                    term: Inlines(self.inline_runs(inner, marks_in)),
                    details: Vec::new(),
                }),
                Role::Details => {
                    let blocks = self.container(inner, marks_in);
                    if blocks.is_empty() {
                        continue;
                    }
                    match out.last_mut() {
                        Some(last) => last.details.push(Blocks(blocks)),
                        None => out.push(Definition {
                            term: Inlines::default(),
                            details: vec![Blocks(blocks)],
                        }),
                    }
                }
                // `div` groups of `dt` and `dd`, and other wrappers.
                _ => self.collect_definitions(inner, marks_in, out),
            }
        }
    }

    fn table(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let mut parts = TableParts::default();
        self.collect_rows(children, RowGroup::Body, marks, &mut parts);
        let TableParts {
            caption,
            mut head,
            mut rows,
        } = parts;
        // A first row of only header cells is the header when there is no `thead`.
        let all_headers = |row: &Row| {
            row.cells
                .iter()
                .all(|c| matches!(c.kind, CellKind::Header(_)))
        };
        if head.is_empty() && rows.len() > 1 && rows.first().is_some_and(all_headers) {
            head.push(rows.remove(0));
        }
        if rows.is_empty() {
            rows = std::mem::take(&mut head);
        }
        if rows.is_empty() {
            return;
        }
        self.blocks.push(Block::Table(Table {
            caption: caption.map(Inlines),
            head,
            rows,
        }));
    }

    fn collect_rows(
        &self,
        children: &[HtmlNode],
        group: RowGroup,
        marks: &Marks,
        parts: &mut TableParts,
    ) {
        for child in children {
            let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            else {
                continue;
            };
            let own = marks.within(child, tag);
            let marks_in = own.as_ref().unwrap_or(marks);
            match role_of(child, tag) {
                Role::Drop => {}
                Role::TableCaption => {
                    let runs = self.inline_runs(inner, marks_in);
                    if parts.caption.is_none() && !runs.is_empty() {
                        parts.caption = Some(runs);
                    }
                }
                Role::RowGroup(group) => self.collect_rows(inner, group, marks_in, parts),
                Role::Row => {
                    let cells = self.cells(inner, marks_in);
                    if cells.is_empty() {
                        continue;
                    }
                    let row = Row { cells };
                    match group {
                        RowGroup::Head => parts.head.push(row),
                        RowGroup::Body => parts.rows.push(row),
                    }
                }
                // Wrappers around rows (a stray `form` or `div`).
                _ => self.collect_rows(inner, group, marks_in, parts),
            }
        }
    }

    fn cells(&self, children: &[HtmlNode], marks: &Marks) -> Vec<Cell> {
        let mut cells = Vec::new();
        for child in children {
            let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            else {
                continue;
            };
            let Role::Cell(cell) = role_of(child, tag) else {
                continue;
            };
            let own = marks.within(child, tag);
            let kind = match cell {
                CellTag::Data => CellKind::Data,
                CellTag::Header => CellKind::Header(child.attr("scope").and_then(parse_scope)),
            };
            cells.push(Cell {
                kind,
                colspan: span(child.attr("colspan"), 1000),
                rowspan: span(child.attr("rowspan"), 65534),
                content: Blocks(self.container(inner, own.as_ref().unwrap_or(marks))),
            });
        }
        cells
    }

    fn note(&mut self, kind: NoteKind, children: &[HtmlNode], m: &Marks) {
        self.end_paragraph();
        let mut content = self.container(children, m);
        // The label is shown by the reader in the interface language; the note keeps the rest.
        if let Some(Block::Paragraph(Paragraph { content: runs }))
        | Some(Block::Heading(Heading { content: runs, .. })) = content.first_mut()
        {
            if let Some((_, length)) = note_label(&plain(&runs.0)) {
                runs.0 = tidy_runs(drop_chars(std::mem::take(&mut runs.0), length));
            }
            if runs.0.is_empty() {
                content.remove(0);
            }
        }
        if !content.is_empty() {
            self.blocks.push(Block::Note(Note { kind, content }));
        }
    }

    fn code_block(&mut self, node: &HtmlNode, children: &[HtmlNode], marks: &Marks) {
        let mut text = String::new();
        raw_text(children, &mut text);
        let text = text.replace("\r\n", "\n");
        let text = text.trim_end_matches(is_padding);
        // Blank lines before the code are layout, not code; its first line's indent is kept.
        let start = text
            .char_indices()
            .take_while(|(_, c)| is_padding(*c))
            .filter(|(_, c)| *c == '\n')
            .last()
            .map_or(0, |(i, _)| i + 1);
        let text = text.get(start..).unwrap_or(text);
        if text.trim_matches(is_padding).is_empty() {
            return;
        }
        match self.flow {
            Flow::Blocks => {
                self.end_paragraph();
                self.blocks.push(Block::Code(Code {
                    text: text.to_owned(),
                    language: code_language(node, children),
                }));
            }
            Flow::Inline => self.push_object(InlineKind::Code, text.to_owned(), marks),
        }
    }

    fn embed(&mut self, kind: EmbedKind, node: &HtmlNode, children: &[HtmlNode], marks: &Marks) {
        let own = node.attr("src").map(str::trim).filter(|s| !s.is_empty());
        let source = children.iter().find_map(|c| match c {
            HtmlNode::Element { tag, .. } if tag == "source" => {
                c.attr("src").map(str::trim).filter(|s| !s.is_empty())
            }
            _ => None,
        });
        // Without an address there is nothing to play or link to.
        let Some(url) = own.or(source) else {
            return;
        };
        let title = node
            .attr("title")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        match self.flow {
            Flow::Blocks => {
                self.end_paragraph();
                let poster = node
                    .attr("poster")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|src| Image {
                        src: src.to_owned(),
                        alt: title.clone().unwrap_or_default(),
                        ..Image::default()
                    });
                self.blocks.push(Block::Embed(Embed {
                    kind: if kind == EmbedKind::Frame && is_video_player(url) {
                        EmbedKind::Video
                    } else {
                        kind
                    },
                    url: url.to_owned(),
                    title,
                    provider: None,
                    poster,
                }));
            }
            // In a heading or caption the player is a link to it.
            Flow::Inline => {
                let mut linked = marks.clone();
                linked.href = Some(Rc::from(url));
                self.push_text(title.as_deref().unwrap_or(url), &linked);
            }
        }
    }

    fn math(&mut self, node: &HtmlNode, marks: &Marks) {
        let text = math_text(node);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let display = node
            .attr("display")
            .is_some_and(|d| d.trim().eq_ignore_ascii_case("block"));
        if display && self.flow == Flow::Blocks {
            self.end_paragraph();
            self.blocks.push(Block::Math(Math {
                text: text.to_owned(),
            }));
        } else {
            self.push_object(InlineKind::Math, text.to_owned(), marks);
        }
    }

    /// Ruby: each stretch of base text with the `rt` after it becomes one ruby run; `rp`
    /// (the parentheses for browsers without ruby) is dropped by its role.
    fn ruby(&mut self, children: &[HtmlNode], marks: &Marks) {
        let mut base = String::new();
        for child in children {
            match child {
                HtmlNode::Text(text) => base.push_str(&collapse_whitespace(text)),
                HtmlNode::Element {
                    tag,
                    children: inner,
                    ..
                } => match role_of(child, tag) {
                    Role::Drop => {}
                    Role::RubyText => {
                        let mut annotation = String::new();
                        plain_text(inner, &mut annotation);
                        let annotation = collapse_whitespace(&annotation).trim().to_owned();
                        let stem = base.trim();
                        if stem.is_empty() {
                            self.push_text(&annotation, marks);
                        } else {
                            self.push_object(
                                InlineKind::Ruby { annotation },
                                stem.to_owned(),
                                marks,
                            );
                        }
                        base.clear();
                    }
                    _ => plain_text(std::slice::from_ref(child), &mut base),
                },
            }
        }
        self.push_text(&base, marks);
    }
}

/// The longest label (in characters) of a footnote reference; a longer linked `sup` is text.
pub(super) const MAX_FOOTNOTE_LABEL: usize = 8;

/// The note a footnote reference points to, and its label: `node` is a `sup` around one link
/// to `#id`, or such a link around a `sup`; the label is the link's text without brackets, at
/// most [`MAX_FOOTNOTE_LABEL`] characters.
fn footnote_target(node: &HtmlNode) -> Option<(&str, String)> {
    fn only_element(nodes: &[HtmlNode]) -> Option<&HtmlNode> {
        let mut found = None;
        for n in nodes {
            match n {
                HtmlNode::Text(text) if text.trim().is_empty() => {}
                HtmlNode::Element { .. } if found.is_none() => found = Some(n),
                _ => return None,
            }
        }
        found
    }
    let HtmlNode::Element { tag, children, .. } = node else {
        return None;
    };
    let (link, label_from) = match role(tag) {
        Role::Mark(Mark::Sup) => {
            let link = only_element(children)?;
            (link, link)
        }
        Role::Link => (node, only_element(children)?),
        _ => return None,
    };
    let HtmlNode::Element { tag: link_tag, .. } = link else {
        return None;
    };
    let HtmlNode::Element { tag: inner_tag, .. } = label_from else {
        return None;
    };
    let shape = match role(tag) {
        Role::Link => role(inner_tag) == Role::Mark(Mark::Sup),
        _ => role(link_tag) == Role::Link,
    };
    let id = link
        .attr("href")?
        .strip_prefix('#')
        .filter(|id| !id.is_empty())?;
    if !shape {
        return None;
    }
    let text = short_text(std::slice::from_ref(label_from))?;
    let label = text
        .trim()
        .trim_start_matches(['[', '(', '（', '［'])
        .trim_end_matches([']', ')', '）', '］'])
        .trim()
        .to_owned();
    (!label.is_empty() && label.chars().count() <= MAX_FOOTNOTE_LABEL).then_some((id, label))
}

/// A link back from a footnote to its reference: to a fragment, with an arrow or a word for
/// "back" as its text.
fn is_back_link(node: &HtmlNode) -> bool {
    let to_fragment = node.attr("href").is_some_and(|h| h.starts_with('#'));
    let HtmlNode::Element { children, .. } = node else {
        return false;
    };
    let back = short_text(children).is_some_and(|text| {
        matches!(
            text.trim().to_lowercase().as_str(),
            "↩" | "↩\u{fe0e}" | "↑" | "^" | "返回" | "back" | "↵"
        )
    });
    to_fragment && back
}

/// The role of an element, refined by its attributes where the table cannot say: a `div` whose
/// class marks an editor's note is an aside.
fn role_of(node: &HtmlNode, tag: &str) -> Role {
    let role = role(tag);
    if role == Role::Section
        && node.attr("class").is_some_and(|class| {
            class
                .split_ascii_whitespace()
                .any(|c| super::NOTE_CLASSES.contains(&c))
        })
    {
        return Role::Aside;
    }
    role
}

fn has_role(nodes: &[HtmlNode], wanted: Role) -> bool {
    nodes.iter().any(|n| match n {
        HtmlNode::Element { tag, .. } => role_of(n, tag) == wanted,
        HtmlNode::Text(_) => false,
    })
}

/// Items of a list being collected.
#[derive(Default)]
struct Items<'c> {
    items: Vec<Blocks>,
    /// Stray content since the last item, collected as one item.
    stray: Option<Builder<'c>>,
}

impl Items<'_> {
    fn push(&mut self, blocks: Vec<Block>) {
        if !blocks.is_empty() {
            self.items.push(Blocks(blocks));
        }
    }

    fn close_stray(&mut self) {
        if let Some(stray) = self.stray.take() {
            let blocks = stray.finish();
            self.push(blocks);
        }
    }

    /// A list nested straight in a list belongs to the item before it.
    fn extend_last(&mut self, blocks: Vec<Block>) {
        match self.items.last_mut() {
            Some(last) => last.0.extend(blocks),
            None => self.push(blocks),
        }
    }
}

#[derive(Default)]
struct TableParts {
    caption: Option<Vec<Inline>>,
    head: Vec<Row>,
    rows: Vec<Row>,
}

fn plain(runs: &[Inline]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

fn non_empty(runs: Vec<Inline>) -> Option<Inlines> {
    (!runs.is_empty()).then_some(Inlines(runs))
}

fn paragraph(runs: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph {
        content: Inlines(runs),
    })
}

/// Whether a paragraph is a section heading in disguise: one short line, all bold, plain text,
/// no link.
fn heading_like(runs: &[Inline]) -> bool {
    let text = plain(runs);
    runs.iter().all(|r| {
        r.kind == InlineKind::Text && r.href.is_none() && (r.bold || r.text.trim().is_empty())
    }) && !text.contains('\n')
        && text.chars().count() <= HEADING_MAX_CHARS
}

/// Splits a credit off the end of a caption: a line that starts with a credit word, or a
/// closing parenthesis like （新华社记者 李鑫 摄）.
fn split_credit(mut runs: Vec<Inline>) -> (Vec<Inline>, Option<Vec<Inline>>) {
    // A line of its own.
    let mut split = None;
    'runs: for (index, run) in runs.iter().enumerate() {
        if run.kind != InlineKind::Text {
            continue;
        }
        for (at, _) in run.text.match_indices('\n') {
            let rest = run.text.get(at + 1..).unwrap_or_default();
            let following: String = rest
                .chars()
                .chain(runs.iter().skip(index + 1).flat_map(|r| r.text.chars()))
                .take(24)
                .collect();
            if is_credit(&following) {
                split = Some((index, at, at + 1));
                break 'runs;
            }
        }
    }
    // A closing parenthesis that names the photographer: （新华社记者 李鑫 摄）, （撮影：山田）,
    // (Photo: AP).
    if split.is_none() {
        if let Some(last) = runs.last().filter(|r| r.kind == InlineKind::Text) {
            let text = last.text.trim_end();
            let open = text.rfind(['（', '(']);
            let inside = open.and_then(|open| {
                let from = open + text.get(open..)?.chars().next()?.len_utf8();
                let body = text.get(from..)?;
                let body = body.strip_suffix('）').or_else(|| body.strip_suffix(')'))?;
                Some((open, from, body))
            });
            if let Some((open, from, body)) = inside {
                let names = is_credit(body) || body.ends_with('摄') || body.ends_with("供图");
                if names {
                    let end = from + body.len();
                    split = Some((runs.len() - 1, open, from));
                    // Keep the credit without its parentheses.
                    if let Some(last) = runs.last_mut() {
                        last.text.truncate(end);
                    }
                }
            }
        }
    }
    let Some((index, cut, resume)) = split else {
        return (runs, None);
    };
    let mut credit: Vec<Inline> = runs.drain(index + 1..).collect();
    if let Some(run) = runs.get_mut(index) {
        let tail = run.text.get(resume..).unwrap_or_default().to_owned();
        run.text.truncate(cut);
        credit.insert(
            0,
            Inline {
                text: tail,
                ..run.clone()
            },
        );
    }
    let credit = tidy_runs(credit);
    (tidy_runs(runs), (!credit.is_empty()).then_some(credit))
}

/// The caption of a figure without images, given to what the figure holds: the source of a
/// quotation (`<figure><blockquote>…</blockquote><figcaption>— Author</figcaption>`) or the
/// title of a player. Returns the caption when the figure is only one such block but already
/// has it, or is something else.
fn name_the_figure(blocks: &mut [Block], caption: Vec<Inline>) -> Option<Vec<Inline>> {
    let text = plain(&caption);
    let text = text
        .trim_matches(is_padding)
        .trim_start_matches(['—', '―', '–', '-', '~', '～'])
        .trim_matches(is_padding);
    match blocks {
        [Block::Quote(quote)] if quote.cite.is_none() && !text.is_empty() => {
            quote.cite = Some(text.to_owned());
            None
        }
        [Block::Embed(embed)] if embed.title.is_none() && !text.is_empty() => {
            embed.title = Some(text.to_owned());
            None
        }
        _ => Some(caption),
    }
}

/// Images in a figure's blocks become one gallery at the place of the first.
fn gallery(blocks: Vec<Block>, caption: Option<Vec<Inline>>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut images = Vec::new();
    let mut at = None;
    for block in blocks {
        match block {
            Block::Image(image) => {
                at.get_or_insert(out.len());
                images.push(image);
            }
            other => out.push(other),
        }
    }
    let gallery = Block::Gallery(Gallery {
        images,
        caption: caption.map(Inlines),
    });
    out.insert(at.unwrap_or(0).min(out.len()), gallery);
    out
}

/// An image from an `img`, or none without an address.
fn image_of(img: &HtmlNode) -> Option<Image> {
    let src = img.attr("src")?.trim();
    if src.is_empty() {
        return None;
    }
    let text = |name: &str| {
        img.attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let pixels = |name: &str| {
        img.attr(name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .filter(|v| *v > 0)
    };
    Some(Image {
        src: src.to_owned(),
        alt: img.attr("alt").unwrap_or_default().trim().to_owned(),
        srcset: text("srcset"),
        sizes: text("sizes"),
        width: pixels("width"),
        height: pixels("height"),
        ..Image::default()
    })
}

fn parse_scope(value: &str) -> Option<HeaderScope> {
    match value.trim().to_ascii_lowercase().as_str() {
        "row" => Some(HeaderScope::Row),
        "col" => Some(HeaderScope::Col),
        "rowgroup" => Some(HeaderScope::RowGroup),
        "colgroup" => Some(HeaderScope::ColGroup),
        _ => None,
    }
}

/// A `colspan` or `rowspan`: at least 1 (an absent, zero or unreadable one is 1), at most `max`
/// (HTML's own limits, 1000 and 65534).
fn span(value: Option<&str>, max: u32) -> u32 {
    value
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// Frames from these hosts play video.
fn is_video_player(url: &str) -> bool {
    const HOSTS: &[&str] = &[
        "youtube.com/embed",
        "youtube-nocookie.com/embed",
        "player.vimeo.com",
        "player.bilibili.com",
        "v.qq.com",
        "player.youku.com",
        "tv.cctv.com",
    ];
    HOSTS.iter().any(|h| url.contains(h))
}

/// The language of a code block, from a `language-xxx` or `lang-xxx` class on the `pre` or on
/// a `code` straight inside it.
fn code_language(pre: &HtmlNode, children: &[HtmlNode]) -> Option<String> {
    let from = |node: &HtmlNode| {
        node.attr("class")?.split_ascii_whitespace().find_map(|c| {
            c.strip_prefix("language-")
                .or_else(|| c.strip_prefix("lang-"))
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
        })
    };
    from(pre).or_else(|| {
        children.iter().find_map(|c| match c {
            HtmlNode::Element { tag, .. } if tag == "code" => from(c),
            _ => None,
        })
    })
}

/// Text below `nodes` exactly as written, with `br` as a line break, outside dropped elements.
fn raw_text(nodes: &[HtmlNode], out: &mut String) {
    for node in nodes {
        match node {
            HtmlNode::Text(text) => out.push_str(text),
            HtmlNode::Element { tag, children, .. } => match role(tag) {
                Role::Drop => {}
                Role::Break => out.push('\n'),
                _ => raw_text(children, out),
            },
        }
    }
}

/// Text below `nodes` outside dropped elements.
fn plain_text(nodes: &[HtmlNode], out: &mut String) {
    for node in nodes {
        match node {
            HtmlNode::Text(text) => out.push_str(text),
            HtmlNode::Element { tag, children, .. } => {
                if role(tag) != Role::Drop {
                    plain_text(children, out);
                }
            }
        }
    }
}

/// A formula's text: its TeX annotation, else its `alttext`, else the text of its
/// presentation markup (without annotations).
fn math_text(math: &HtmlNode) -> String {
    fn tex(nodes: &[HtmlNode]) -> Option<String> {
        nodes.iter().find_map(|node| match node {
            HtmlNode::Element { tag, children, .. } => {
                let local = tag.strip_prefix("math:").unwrap_or(tag);
                let is_tex = local == "annotation"
                    && node
                        .attr("encoding")
                        .is_some_and(|e| e.trim().eq_ignore_ascii_case("application/x-tex"));
                if is_tex {
                    let mut text = String::new();
                    raw_text_any(children, &mut text);
                    Some(text)
                } else {
                    tex(children)
                }
            }
            HtmlNode::Text(_) => None,
        })
    }
    fn content(nodes: &[HtmlNode], out: &mut String) {
        for node in nodes {
            match node {
                HtmlNode::Text(text) => out.push_str(text),
                HtmlNode::Element { tag, children, .. } => {
                    let local = tag.strip_prefix("math:").unwrap_or(tag);
                    if local != "annotation" && local != "annotation-xml" {
                        content(children, out);
                    }
                }
            }
        }
    }
    fn raw_text_any(nodes: &[HtmlNode], out: &mut String) {
        for node in nodes {
            match node {
                HtmlNode::Text(text) => out.push_str(text),
                HtmlNode::Element { children, .. } => raw_text_any(children, out),
            }
        }
    }
    let HtmlNode::Element { children, .. } = math else {
        return String::new();
    };
    if let Some(tex) = tex(children).filter(|t| !t.trim().is_empty()) {
        return collapse_whitespace(&tex);
    }
    if let Some(alt) = math.attr("alttext").filter(|a| !a.trim().is_empty()) {
        return alt.to_owned();
    }
    let mut text = String::new();
    content(children, &mut text);
    collapse_whitespace(&text)
}

/// Removes the first `count` characters of text from the front of some runs (a note's label).
fn drop_chars(runs: Vec<Inline>, mut count: usize) -> Vec<Inline> {
    let mut out = Vec::with_capacity(runs.len());
    for mut run in runs {
        if count > 0 && matches!(run.kind, InlineKind::Text | InlineKind::Code) {
            let chars = run.text.chars().count();
            let cut = count.min(chars);
            run.text = run.text.chars().skip(cut).collect();
            count -= cut;
        } else {
            count = 0;
        }
        out.push(run);
    }
    out
}

/// The kind of note an aside is, when its text opens with a note label.
fn note_kind(children: &[HtmlNode]) -> Option<NoteKind> {
    let text = collapse_whitespace(&leading_text(children));
    note_label(text.trim_start_matches(is_padding)).map(|(kind, _)| kind)
}

/// The first characters of the text below `nodes` (outside dropped elements), read from at
/// most [`LEADING_NODES`] nodes: enough to recognise a label, and a fixed cost however large the subtree, so
/// looking before walking keeps the walk linear.
fn leading_text(nodes: &[HtmlNode]) -> String {
    read_text(nodes).0
}

/// The text below `nodes` when it is short and was read whole (within the bounds of
/// [`leading_text`]); a footnote label is.
fn short_text(nodes: &[HtmlNode]) -> Option<String> {
    match read_text(nodes) {
        (text, true) => Some(text),
        (_, false) => None,
    }
}

/// How many nodes [`leading_text`] reads at most.
pub(super) const LEADING_NODES: usize = 64;

/// [`leading_text`], and whether it is all the text there is.
pub(super) fn read_text(nodes: &[HtmlNode]) -> (String, bool) {
    /// Returns false when it stopped before the end.
    fn lead(nodes: &[HtmlNode], out: &mut String, budget: &mut usize) -> bool {
        for node in nodes {
            if *budget == 0 || out.len() >= 128 {
                return false;
            }
            *budget -= 1;
            match node {
                HtmlNode::Text(text) => {
                    out.extend(text.chars().take(32));
                    if text.chars().nth(32).is_some() {
                        return false;
                    }
                }
                HtmlNode::Element { tag, children, .. } => {
                    if role(tag) != Role::Drop && !lead(children, out, budget) {
                        return false;
                    }
                }
            }
        }
        true
    }
    let mut text = String::new();
    let mut budget = LEADING_NODES;
    let whole = lead(nodes, &mut text, &mut budget);
    (text, whole)
}

/// References whose footnote the body does not have become what they were: a raised link to
/// the fragment. One pass over the output.
pub(super) fn unlink_missing_footnotes(blocks: &mut [Block]) {
    let mut ids = BTreeSet::new();
    let mut any_reference = false;
    visit_blocks(blocks, &mut |block| {
        if let Block::Footnotes(notes) = block {
            ids.extend(notes.items.iter().map(|n| n.id.clone()));
        }
    });
    visit_runs(blocks, &mut |run| {
        any_reference |= matches!(run.kind, InlineKind::FootnoteRef { .. });
    });
    if !any_reference {
        return;
    }
    visit_runs(blocks, &mut |run| {
        if let InlineKind::FootnoteRef { id } = &run.kind {
            if !ids.contains(id) {
                run.href = Some(format!("#{id}"));
                run.sup = true;
                run.kind = InlineKind::Text;
            }
        }
    });
}

/// Calls `f` on every block, nested ones included.
fn visit_blocks(blocks: &mut [Block], f: &mut dyn FnMut(&mut Block)) {
    for block in blocks {
        f(block);
        for inner in children_of(block) {
            visit_blocks(inner, f);
        }
    }
}

/// The block sequences directly inside a block.
fn children_of(block: &mut Block) -> Vec<&mut [Block]> {
    match block {
        Block::List(l) => l.items.iter_mut().map(|i| i.0.as_mut_slice()).collect(),
        Block::DefinitionList(d) => d
            .items
            .iter_mut()
            .flat_map(|i| i.details.iter_mut())
            .map(|d| d.0.as_mut_slice())
            .collect(),
        Block::Quote(q) => vec![q.content.as_mut_slice()],
        Block::Note(n) => vec![n.content.as_mut_slice()],
        Block::Table(t) => t
            .head
            .iter_mut()
            .chain(t.rows.iter_mut())
            .flat_map(|r| r.cells.iter_mut())
            .map(|c| c.content.0.as_mut_slice())
            .collect(),
        Block::Footnotes(f) => f
            .items
            .iter_mut()
            .map(|n| n.content.0.as_mut_slice())
            .collect(),
        _ => Vec::new(),
    }
}

/// Calls `f` on every run of every block, captions and terms included.
fn visit_runs(blocks: &mut [Block], f: &mut dyn FnMut(&mut Inline)) {
    visit_blocks(blocks, &mut |block| {
        let mut runs: Vec<&mut Inlines> = Vec::new();
        match block {
            Block::Paragraph(p) => runs.push(&mut p.content),
            Block::Heading(h) => runs.push(&mut h.content),
            Block::Image(i) => runs.extend(i.caption.iter_mut().chain(i.credit.iter_mut())),
            Block::Gallery(g) => {
                runs.extend(g.caption.iter_mut());
                for i in &mut g.images {
                    runs.extend(i.caption.iter_mut().chain(i.credit.iter_mut()));
                }
            }
            Block::Table(t) => runs.extend(t.caption.iter_mut()),
            Block::DefinitionList(d) => runs.extend(d.items.iter_mut().map(|i| &mut i.term)),
            Block::PullQuote(q) => runs.push(&mut q.content),
            _ => {}
        }
        for inlines in runs {
            inlines.0.iter_mut().for_each(&mut *f);
        }
    });
}
