//! The walker: one pass over the tree that acts on each element's [`Role`].
//!
//! A [`Builder`] collects the blocks of one container (the body, a quote, a list item, a table
//! cell, a description, a note) and the runs of the paragraph it is in. Containers inside
//! containers get a builder one level deeper; at [`MAX_NESTING`] a container is flattened into
//! its parent, keeping its text. Headings, captions and terms are collected by a builder in
//! inline flow, where block boundaries become line breaks and images become inline images.
//!
//! Every node is visited once, apart from looks ahead of a fixed size (the label of a note or of
//! a footnote reference), so the work is linear in the size of the tree. The submodules add the
//! builder's methods for figures, structures (lists, tables, notes), objects read whole (code,
//! players, formulas, ruby) and footnotes.

mod figures;
mod footnotes;
mod objects;
mod structure;

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use super::roles::{role, CellTag, Mark, Numbering, Role, RowGroup};
use super::text::{
    collapse_whitespace, is_caption, is_credit, is_padding, note_label, tidy_runs,
    CAPTION_MAX_CHARS,
};
use super::{HtmlNode, HEADING_MAX_CHARS};
use crate::article::bidi;
use crate::article::model::{
    Block, Blocks, Cell, CellKind, Code, Definition, DefinitionList, Embed, EmbedKind, Footnote,
    Footnotes, Gallery, HeaderScope, Heading, Image, Inline, InlineKind, Inlines, List, Math, Note,
    NoteKind, Paragraph, Quote, Row, Table, TextDirection,
};

use figures::FigureCaption;
use footnotes::is_back_link;
pub(super) use footnotes::unlink_missing_footnotes;
#[cfg(test)]
pub(super) use footnotes::MAX_FOOTNOTE_LABEL;
use structure::note_kind;

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
    // Sets of ids are only asked whether they hold one, never walked in order: hash sets, as
    // the rest of the reader uses, rather than a B-tree whose code the Wasm would carry for
    // these alone.
    pub references: RefCell<HashSet<String>>,
    /// The ids already made footnotes: a later list that starts with one of them is an
    /// ordinary list, so no id becomes a footnote twice (each footnote renders a back link to
    /// every reference, so repeats would multiply).
    pub footnotes: RefCell<HashSet<String>>,
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
            href: marks.href.clone(),
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

    /// Adds text to the paragraph. Every text run of the import starts here, so its
    /// bidirectional controls are balanced here (see [`bidi`]); runs joined from balanced
    /// pieces stay balanced.
    fn push_text(&mut self, text: &str, marks: &Marks) {
        if text.is_empty() {
            return;
        }
        let text = bidi::balance(text);
        self.before_run(marks);
        let continues = self.last_marks.as_ref().is_some_and(|m| m.continues(marks));
        if let Some(last) = self.runs.last_mut().filter(|_| continues) {
            last.text.push_str(&text);
            return;
        }
        let run = self.run(marks.kind(), text.into_owned(), marks);
        self.runs.push(run);
        self.last_marks = Some(marks.clone());
    }

    /// Adds an object (an image, a formula, ruby, a reference) with its text, balanced as
    /// [`Builder::push_text`] balances text.
    fn push_object(&mut self, kind: InlineKind, text: String, marks: &Marks) {
        self.before_run(marks);
        let run = self.run(kind, bidi::balance_owned(text), marks);
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

/// The import's text entry points balance bidirectional controls; the balance itself is tested
/// in `crate::article::bidi`.
#[cfg(test)]
mod bidi_tests {
    use super::super::{import, HtmlNode};
    use crate::article::model::{Block, Code, Image, Inlines, Paragraph};

    fn el(tag: &str, children: Vec<HtmlNode>) -> HtmlNode {
        HtmlNode::el(tag, &[], children)
    }

    fn t(text: &str) -> HtmlNode {
        HtmlNode::text(text)
    }

    #[test]
    fn text_runs_come_out_balanced() {
        let blocks = import(&[el(
            "p",
            vec![
                t("\u{2069}\u{202E}evil"),
                HtmlNode::el("a", &[("href", "/x")], vec![t("\u{202E}evil")]),
                t("x\u{202C}"),
            ],
        )]);
        let [Block::Paragraph(Paragraph { content })] = blocks.as_slice() else {
            panic!("one paragraph: {blocks:?}");
        };
        let runs: Vec<(&str, Option<&str>)> = content
            .0
            .iter()
            .map(|r| (r.text.as_str(), r.href.as_deref()))
            .collect();
        assert_eq!(
            runs,
            [
                ("\u{202E}evil\u{202C}", None),
                ("\u{202E}evil\u{202C}", Some("/x")),
                ("x", None)
            ]
        );
    }

    #[test]
    fn an_image_description_and_a_code_block_come_out_balanced() {
        let blocks = import(&[
            el(
                "p",
                vec![HtmlNode::el(
                    "img",
                    &[("src", "a.jpg"), ("alt", "\u{2069}alt\u{2067}")],
                    vec![],
                )],
            ),
            el("pre", vec![t("\u{202E}code")]),
        ]);
        let [Block::Image(Image { alt, .. }), Block::Code(Code { text, .. })] = blocks.as_slice()
        else {
            panic!("an image and a code block: {blocks:?}");
        };
        assert_eq!(alt, "alt\u{2067}\u{2069}");
        assert_eq!(text, "\u{202E}code\u{202C}");
    }

    #[test]
    fn a_credit_cut_from_a_caption_leaves_both_parts_balanced() {
        // The RLO in the caption is closed by the PDF in the credit: once cut apart, the
        // caption closes its RLO and the credit loses the PDF that matches nothing there.
        let blocks = import(&[
            el(
                "p",
                vec![HtmlNode::el(
                    "img",
                    &[("src", "b.jpg"), ("alt", "B")],
                    vec![],
                )],
            ),
            el(
                "p",
                vec![t("图为\u{202E}会场。（新华社\u{202C}记者 李鑫 摄）")],
            ),
        ]);
        let [Block::Image(image)] = blocks.as_slice() else {
            panic!("one image: {blocks:?}");
        };
        assert_eq!(
            image.caption.as_ref().map(Inlines::plain_text).as_deref(),
            Some("图为\u{202E}会场。\u{202C}")
        );
        assert_eq!(
            image.credit.as_ref().map(Inlines::plain_text).as_deref(),
            Some("新华社记者 李鑫 摄")
        );
    }
}
