//! A linear pre-scan of an HTML body, run before the browser's parser ever sees it.
//!
//! Why: the HTML import hands `bodyHtml` to the browser's own parser (`DOMParser`, see
//! [`super::dom`]), and that parser is quadratic in how deeply elements stay open. Measured in
//! headless Chromium, 10,000 nested `<div>`s parse in about 0.2 s, 50,000 in 15 s and 100,000
//! in 46 s, so a 500 kB body freezes the page long before the element count taken after
//! parsing could refuse it. This module reads the raw string once, in time linear in its
//! length, and estimates two things the browser is about to build: how many elements (start
//! tags) and how deep they nest. [`check_html`] refuses a body whose estimate exceeds
//! `limits.htmlDepth` or `limits.htmlElements`. The count taken after parsing stays the exact
//! check of `htmlElements`; this one only keeps the parser from being started on a body it
//! would choke on.
//!
//! How: a tokenizer that follows the HTML standard's closely enough for real CMS markup, and a
//! model of the tree builder's stack of open elements.
//!
//! - Comments (`<!-- … -->`, also the bogus `<!…>` and `<?…>`), doctypes, CDATA sections in
//!   SVG and MathML, quoted and unquoted attribute values (a `>` inside quotes does not end a
//!   tag), and the raw text of `script`, `style`, `xmp`, `iframe`, `noembed`, `noframes`,
//!   `textarea` and `title` (up to their end tag) are skipped as the tokenizer skips them. A
//!   `<` not followed by a letter, `/`, `!` or `?` is text, and a tag cut off by the end of the
//!   input is no tag at all. `noscript` is *not* raw text here: a `DOMParser` document has
//!   scripting disabled, so the browser parses markup inside it (checked in Chromium).
//! - Raw text is never assumed inside SVG or MathML, where `<style>` holds markup; a script's
//!   text ends at its first `</script`, even where the browser's escape states would read on.
//!   Both choices can only make the scan read *more* markup than the browser does.
//! - Void elements (`br`, `img`, …) and self-closing (`/>`) elements of SVG and MathML do not
//!   open; an HTML element that breaks out of SVG (`<svg><div>`) closes the SVG elements first,
//!   and inside `foreignObject` and the other integration points HTML rules apply again.
//! - Elements whose end tags are optional close as the tree builder closes them: a `p` before
//!   a block, an `li` before the next `li` (the list-item algorithm), `dd`/`dt`, `option`,
//!   ruby annotations, and table rows, cells and row groups inside a table (a table counts for
//!   itself and its implied row group). So ordinary `<p>`, `<li>` and `<td>` habits never look
//!   deep, and a `<li><section>` staircase, which the browser does nest, is counted in full.
//! - An end tag closes back to the nearest open element of its name, within the scope the
//!   tree builder uses for it: a block's end tag stops at a table, object or the like, any
//!   other end tag (`</span>`) stops at a block, and a formatting element's end tag
//!   (`</b>` around a `<div>`) closes that element but leaves the block open, as the adoption
//!   agency does. Unmatched end tags are ignored, like the parser ignores them.
//! - Formatting elements that another element's end tag closed (`<b>` in `<div><b>x</div>`)
//!   are opened again, as new elements, before the next text or inline start tag, as the
//!   browser "reconstructs the active formatting elements"; up to three identical ones (by
//!   name and attributes as written) each, the browser's own bound. Without this, a few kB of
//!   `<div><b id=1></div><div><b id=2></div>…` would make the browser build thousands of
//!   elements, deeply nested, that no start tag names.
//!
//! Where the model is simpler than the browser, it errs towards a deeper estimate: nested `<a>`,
//! `<button>` or headings, which the browser closes, count as nested, and formatting elements
//! closed inside a table cell are reopened in the next one (the browser forgets them at the
//! cell's end). On the 59 CMS fixtures the estimate equals the depth Chromium builds; on
//! adversarial shapes it is at least that depth (checked in Chromium for each shape that
//! `tests/prescan.rs` tests).
//!
//! Cost: each byte is read once; each end tag and each implied close walks the stack of open
//! elements, whose size the depth limit bounds (the scan stops as soon as an estimate passes
//! its limit). So the work is linear in the input for given limits; [`Estimate::steps`] counts
//! it for the tests.

use std::collections::BTreeMap;

use crate::limits::{LimitError, LimitKind, Limits};

/// What the scan found: its estimates, and how much work it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// Elements the browser will create (start tags, less the `html`, `head` and `body` it
    /// merges into its own), up to where the scan stopped.
    pub elements: usize,
    /// The deepest nesting of open elements seen, up to where the scan stopped.
    pub depth: usize,
    /// Bytes read plus stack entries visited: the scan's work, which tests check is linear.
    pub steps: usize,
}

/// Estimates the elements and depth of `html`, stopping as soon as the depth passes
/// `max_depth` or the element count passes `max_elements` (the estimate is then at least one
/// over that bound, and its stack never grows much past it).
pub fn estimate(html: &str, max_depth: usize, max_elements: usize) -> Estimate {
    let mut scan = Scan {
        bytes: html.as_bytes(),
        pos: 0,
        names: Vec::new(),
        open: Vec::new(),
        depth: 0,
        foreign: 0,
        dormant: BTreeMap::new(),
        found: Estimate {
            elements: 0,
            depth: 0,
            steps: 0,
        },
        max_depth,
        max_elements,
    };
    scan.run();
    scan.found
}

/// Refuses an HTML body the browser's parser would take too long over: more nesting than
/// `limits.htmlDepth`, or more start tags than `limits.htmlElements`, by [`estimate`]. Run it
/// on `bodyHtml` after its bytes are checked and before `DOMParser` sees it. The path of the
/// error is `$.bodyHtml`; `found` is the estimate where the scan stopped (at least one over).
pub fn check_html(html: &str, limits: &Limits) -> Result<(), LimitError> {
    let max_depth = limits.get(LimitKind::HtmlDepth);
    let max_elements = limits.get(LimitKind::HtmlElements);
    let found = estimate(html, max_depth, max_elements);
    let refuse = |kind: LimitKind, count: usize, limit: usize| LimitError {
        kind,
        limit,
        found: count,
        path: "$.bodyHtml".to_owned(),
    };
    if found.depth > max_depth {
        return Err(refuse(LimitKind::HtmlDepth, found.depth, max_depth));
    }
    if found.elements > max_elements {
        return Err(refuse(
            LimitKind::HtmlElements,
            found.elements,
            max_elements,
        ));
    }
    Ok(())
}

/// Elements that never have content, so never open.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag (outside SVG and MathML).
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "script", "style", "textarea", "title", "xmp",
];

/// Start tags that close an open `p` (in button scope) before they open.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// The standard's "special" HTML elements: `</span>` and other end tags without a rule of
/// their own do not close through them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// End tags that close back to their element through blocks, up to a scope boundary.
const SCOPED_END: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "template",
    "ul",
];

/// Formatting elements, whose misnested end tags the adoption agency handles.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// HTML elements that bound the default scope (the foreign integration points do too).
const SCOPE_BOUNDARY: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

/// SVG and MathML elements inside which HTML rules apply again.
const INTEGRATION: &[&str] = &[
    "annotation-xml",
    "desc",
    "foreignobject",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "title",
];

/// HTML start tags that end SVG or MathML content (`font` only with some attributes, but
/// always here: breaking out can only add depth to the estimate).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// Start tags before which the browser does not reopen dormant formatting elements (besides
/// [`CLOSES_P`] and [`TABLE_PARTS`]): what belongs in the head, raw text, ruby annotations.
const NO_RECONSTRUCT: &[&str] = &[
    "base", "basefont", "bgsound", "iframe", "link", "meta", "noembed", "noframes", "rb", "rp",
    "rt", "rtc", "script", "style", "template", "textarea", "title",
];

/// Table parts that only mean something inside a table.
const TABLE_PARTS: &[&str] = &[
    "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
];

fn is(list: &[&str], name: &[u8]) -> bool {
    list.iter().any(|item| item.as_bytes() == name)
}

/// The namespace an open element's children are parsed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    /// An HTML element.
    Html,
    /// An SVG or MathML element whose children are foreign too.
    Foreign,
    /// An SVG or MathML element whose children follow HTML rules (`foreignObject`, `mi`, …).
    Integration,
}

/// Which elements stop a walk down the stack looking for an element to close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// The standard's default scope: tables, cells, objects, integration points.
    Default,
    /// The default scope and `button` (for `p`).
    Button,
    /// The default scope and `ol`/`ul` (for `li`).
    ListItem,
    /// Only `html`, `table` and `template` (for table parts).
    Table,
    /// Any special element (for end tags without a rule of their own).
    Special,
}

/// One open element: its name (a range of [`Scan::names`]), namespace and weight.
#[derive(Clone, Copy, Debug)]
struct Open {
    start: usize,
    end: usize,
    /// For a formatting element, its attributes as written follow its name, up to here (they
    /// tell identical formatting elements apart, as the browser's "Noah's Ark" rule does).
    key_end: usize,
    ns: Ns,
    /// How much it adds to the depth: 1, 3 for a table (itself, its implied row group and
    /// row), 0 for a row group or row (counted with their table).
    weight: usize,
}

struct Scan<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The lowercase names of the open elements, back to back.
    names: Vec<u8>,
    open: Vec<Open>,
    /// The sum of the open elements' weights.
    depth: usize,
    /// How many open elements are SVG or MathML.
    foreign: usize,
    /// Formatting elements closed by another element's end tag, by name and attributes: the
    /// browser opens them again before the next text (see [`Scan::reconstruct`]).
    dormant: BTreeMap<(Vec<u8>, Vec<u8>), usize>,
    found: Estimate,
    max_depth: usize,
    max_elements: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

impl Scan<'_> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn over(&self) -> bool {
        self.found.depth > self.max_depth || self.found.elements > self.max_elements
    }

    /// The position of the next `needle` at or after `from`, counting the bytes passed.
    fn find(&mut self, from: usize, needle: u8) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        match rest.iter().position(|&b| b == needle) {
            Some(i) => {
                self.found.steps += i + 1;
                Some(from + i)
            }
            None => {
                self.found.steps += rest.len();
                None
            }
        }
    }

    fn run(&mut self) {
        while let Some(lt) = self.find(self.pos, b'<') {
            if lt > self.pos {
                // Text: the browser first reopens the formatting elements closed around it.
                self.reconstruct();
            }
            self.pos = lt + 1;
            let Some(next) = self.byte(lt + 1) else {
                return;
            };
            let done = match next {
                b'!' => self.declaration(lt + 2),
                b'?' => self.skip_past_gt(lt + 2),
                b'/' => self.end_tag(lt + 2),
                b if b.is_ascii_alphabetic() => self.start_tag(lt + 1),
                // A `<` before anything else is text.
                _ => {
                    self.reconstruct();
                    false
                }
            };
            if done || self.over() {
                return;
            }
        }
        if self.pos < self.bytes.len() {
            self.reconstruct();
        }
    }

    /// The browser's "reconstruct the active formatting elements": before text and before most
    /// start tags, the formatting elements that another element's end tag closed (`<b>` in
    /// `<div><b>x</div>`) open again, as new elements, around what follows. Each identical one
    /// (same name and attributes as written) is kept at most three times, the browser's limit;
    /// markers (table cells and the like), which hide some from the browser, are not modelled,
    /// so this may reopen more than it does, never fewer.
    fn reconstruct(&mut self) {
        if self.dormant.is_empty() {
            return;
        }
        for ((name, attrs), count) in std::mem::take(&mut self.dormant) {
            for _ in 0..count {
                self.found.steps += 1;
                self.found.elements += 1;
                self.push_keyed(&name, &attrs, Ns::Html, 1);
                if self.over() {
                    return;
                }
            }
        }
    }

    /// Skips a bogus comment (or doctype) to the next `>`. True at the end of the input.
    fn skip_past_gt(&mut self, from: usize) -> bool {
        match self.find(from, b'>') {
            Some(gt) => {
                self.pos = gt + 1;
                false
            }
            None => true,
        }
    }

    /// After `<!`: a comment, a CDATA section in foreign content, or a bogus comment.
    fn declaration(&mut self, from: usize) -> bool {
        let rest = self.bytes.get(from..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return self.comment(from + 2);
        }
        let in_foreign = self.open.last().is_some_and(|top| top.ns == Ns::Foreign);
        if in_foreign && rest.starts_with(b"[CDATA[") {
            let mut at = from + 7;
            loop {
                let Some(gt) = self.find(at, b'>') else {
                    return true;
                };
                if gt >= from + 9 && self.bytes.get(gt - 2..gt) == Some(b"]]") {
                    self.pos = gt + 1;
                    return false;
                }
                at = gt + 1;
            }
        }
        self.skip_past_gt(from)
    }

    /// A comment whose text starts at `start`: it ends at `-->` or `--!>`, or at once for
    /// `<!-->` and `<!--->`.
    fn comment(&mut self, start: usize) -> bool {
        let mut at = start;
        loop {
            let Some(gt) = self.find(at, b'>') else {
                return true;
            };
            let before = self.bytes.get(start..gt).unwrap_or_default();
            let ends = before.is_empty()
                || before == b"-"
                || before.ends_with(b"--")
                || before.ends_with(b"--!");
            if ends {
                self.pos = gt + 1;
                return false;
            }
            at = gt + 1;
        }
    }

    /// Reads a tag name from `from` into a lowercase buffer; returns where it ends.
    fn tag_name(&mut self, from: usize, name: &mut Vec<u8>) -> usize {
        name.clear();
        let mut at = from;
        while let Some(b) = self.byte(at) {
            if is_space(b) || b == b'/' || b == b'>' {
                break;
            }
            name.push(b.to_ascii_lowercase());
            at += 1;
        }
        self.found.steps += at - from;
        at
    }

    /// Skips the attributes of a tag from `from`. Returns the position after its `>` and
    /// whether it ended with `/>`, or `None` if the input ends first (the tag is then dropped).
    fn attributes(&mut self, from: usize) -> Option<(usize, bool)> {
        let mut at = from;
        loop {
            while self.byte(at).is_some_and(is_space) {
                at += 1;
                self.found.steps += 1;
            }
            match self.byte(at)? {
                b'>' => return Some((at + 1, false)),
                b'/' => {
                    at += 1;
                    if self.byte(at) == Some(b'>') {
                        return Some((at + 1, true));
                    }
                    continue;
                }
                _ => {}
            }
            // An attribute name: its first character may be anything, even `=`.
            at += 1;
            while self
                .byte(at)
                .is_some_and(|b| !is_space(b) && b != b'/' && b != b'>' && b != b'=')
            {
                at += 1;
                self.found.steps += 1;
            }
            while self.byte(at).is_some_and(is_space) {
                at += 1;
                self.found.steps += 1;
            }
            if self.byte(at) != Some(b'=') {
                continue;
            }
            at += 1;
            while self.byte(at).is_some_and(is_space) {
                at += 1;
                self.found.steps += 1;
            }
            match self.byte(at)? {
                quote @ (b'"' | b'\'') => at = self.find(at + 1, quote)? + 1,
                // `a=>` has an empty value and ends the tag.
                b'>' => return Some((at + 1, false)),
                _ => {
                    while self.byte(at).is_some_and(|b| !is_space(b) && b != b'>') {
                        at += 1;
                        self.found.steps += 1;
                    }
                }
            }
        }
    }

    /// After `</`.
    fn end_tag(&mut self, from: usize) -> bool {
        match self.byte(from) {
            None => return true,
            // `</>` is nothing.
            Some(b'>') => {
                self.pos = from + 1;
                return false;
            }
            Some(b) if !b.is_ascii_alphabetic() => return self.skip_past_gt(from),
            Some(_) => {}
        }
        let mut name = Vec::new();
        let after_name = self.tag_name(from, &mut name);
        let Some((end, _)) = self.attributes(after_name) else {
            return true;
        };
        self.pos = end;
        self.close(&name);
        false
    }

    /// After `<` and before a letter.
    fn start_tag(&mut self, from: usize) -> bool {
        let mut name = Vec::new();
        let after_name = self.tag_name(from, &mut name);
        let Some((end, self_closing)) = self.attributes(after_name) else {
            return true;
        };
        self.pos = end;
        // The attributes as written, without the `>` (or `/>`), tell formatting elements apart.
        let bytes = self.bytes;
        let close = if self_closing { 2 } else { 1 };
        let attrs = bytes
            .get(after_name..end.saturating_sub(close).max(after_name))
            .unwrap_or_default()
            .trim_ascii();
        self.open_element(&name, attrs, self_closing)
    }

    fn name_of(&self, open: &Open) -> &[u8] {
        self.names.get(open.start..open.end).unwrap_or_default()
    }

    /// Whether the open element `open` stops a walk in `scope`.
    fn bounds(&self, open: &Open, scope: Scope) -> bool {
        if open.ns == Ns::Integration {
            return true;
        }
        if open.ns == Ns::Foreign {
            return false;
        }
        let name = self.name_of(open);
        match scope {
            Scope::Default => is(SCOPE_BOUNDARY, name),
            Scope::Button => name == b"button" || is(SCOPE_BOUNDARY, name),
            Scope::ListItem => name == b"ol" || name == b"ul" || is(SCOPE_BOUNDARY, name),
            Scope::Table => matches!(name, b"html" | b"table" | b"template"),
            Scope::Special => is(SPECIAL, name),
        }
    }

    /// The index of the nearest open element for which `want` holds, walking down from the
    /// top and stopping at the first element that bounds `scope` (which may itself match).
    fn find_open(&mut self, scope: Scope, want: impl Fn(&[u8]) -> bool) -> Option<usize> {
        for (i, open) in self.open.iter().enumerate().rev() {
            self.found.steps += 1;
            if open.ns == Ns::Html && want(self.name_of(open)) {
                return Some(i);
            }
            if self.bounds(open, scope) {
                return None;
            }
        }
        None
    }

    /// Closes the open elements from the top down to and including index `i`.
    /// Formatting elements closed so become dormant.
    fn pop_to(&mut self, i: usize) {
        while self.open.len() > i {
            if let Some(top) = self.open.last().copied() {
                if self.is_formatting(&top) {
                    let name = self.name_of(&top).to_vec();
                    let attrs = self.names.get(top.end..top.key_end).unwrap_or_default();
                    let count = self.dormant.entry((name, attrs.to_vec())).or_insert(0);
                    *count = (*count + 1).min(3);
                }
            }
            self.pop();
        }
    }

    fn is_formatting(&self, open: &Open) -> bool {
        open.ns == Ns::Html && is(FORMATTING, self.name_of(open))
    }

    /// Removes the top element (closed by its own end tag, or foreign).
    fn pop(&mut self) {
        if let Some(open) = self.open.pop() {
            self.found.steps += 1;
            self.depth = self.depth.saturating_sub(open.weight);
            if open.ns != Ns::Html {
                self.foreign = self.foreign.saturating_sub(1);
            }
            self.names.truncate(open.start);
        }
    }

    fn push(&mut self, name: &[u8], ns: Ns, weight: usize) {
        self.push_keyed(name, &[], ns, weight);
    }

    /// Opens an element; `attrs` (for a formatting element) are kept after its name.
    fn push_keyed(&mut self, name: &[u8], attrs: &[u8], ns: Ns, weight: usize) {
        let start = self.names.len();
        self.names.extend_from_slice(name);
        let end = self.names.len();
        self.names.extend_from_slice(attrs);
        self.open.push(Open {
            start,
            end,
            key_end: self.names.len(),
            ns,
            weight,
        });
        if ns != Ns::Html {
            self.foreign += 1;
        }
        self.depth += weight;
        self.found.depth = self.found.depth.max(self.depth);
    }

    /// An element that does not open (void, self-closing or raw text) still sits one level
    /// below the current one.
    fn leaf(&mut self) {
        self.found.depth = self.found.depth.max(self.depth + 1);
    }

    /// Closes the nearest open element named `name` within `scope`, if any.
    fn close_in(&mut self, scope: Scope, name: &[u8]) -> bool {
        match self.find_open(scope, |open| open == name) {
            Some(i) => {
                self.pop_to(i);
                true
            }
            None => false,
        }
    }

    /// Pops the top element while `want` holds for it.
    fn pop_while(&mut self, want: impl Fn(&[u8]) -> bool) {
        while let Some(top) = self.open.last().copied() {
            if top.ns != Ns::Html || !want(self.name_of(&top)) {
                return;
            }
            self.pop();
        }
    }

    fn in_table(&mut self) -> bool {
        self.find_open(Scope::Table, |name| name == b"table")
            .is_some()
    }

    /// A start tag. True when the rest of the input is text (`plaintext`).
    fn open_element(&mut self, name: &[u8], attrs: &[u8], self_closing: bool) -> bool {
        let top_ns = self.open.last().map_or(Ns::Html, |top| top.ns);
        if top_ns == Ns::Foreign {
            if !is(BREAKOUT, name) {
                self.found.elements += 1;
                if self_closing {
                    self.leaf();
                } else {
                    let ns = if is(INTEGRATION, name) {
                        Ns::Integration
                    } else {
                        Ns::Foreign
                    };
                    self.push(name, ns, 1);
                }
                return false;
            }
            // An HTML element ends the foreign content it stands in.
            while self.open.last().is_some_and(|top| top.ns == Ns::Foreign) {
                self.pop();
            }
        }
        if matches!(name, b"html" | b"head" | b"body" | b"frameset") {
            // Merged into the document's own, or ignored in a body.
            return false;
        }
        if is(TABLE_PARTS, name) {
            self.table_part(name);
            return false;
        }
        if is(CLOSES_P, name) {
            self.implied_closes(name);
        } else if !is(NO_RECONSTRUCT, name) {
            self.reconstruct();
        }
        self.found.elements += 1;
        match name {
            b"option" | b"optgroup" => self.pop_while(|top| top == b"option"),
            b"rb" | b"rtc" => self.pop_while(|top| matches!(top, b"rb" | b"rp" | b"rt" | b"rtc")),
            b"rp" | b"rt" => self.pop_while(|top| matches!(top, b"rb" | b"rp" | b"rt")),
            _ => {}
        }
        if is(VOID, name) {
            self.leaf();
            return false;
        }
        if name == b"svg" || name == b"math" {
            if self_closing {
                self.leaf();
            } else {
                self.push(name, Ns::Foreign, 1);
            }
            return false;
        }
        if self.foreign == 0 && is(RAW_TEXT, name) {
            self.leaf();
            return self.raw_text(name);
        }
        if is(FORMATTING, name) {
            self.push_keyed(name, attrs, Ns::Html, 1);
            return false;
        }
        let weight = if name == b"table" { 3 } else { 1 };
        self.push(name, Ns::Html, weight);
        name == b"plaintext"
    }

    /// What a block's start tag closes first: an `li` before an `li`, a `dd` or `dt` before
    /// either, and an open `p` in button scope.
    fn implied_closes(&mut self, name: &[u8]) {
        let item: Option<fn(&[u8]) -> bool> = match name {
            b"li" => Some(|open| open == b"li"),
            b"dd" | b"dt" => Some(|open| open == b"dd" || open == b"dt"),
            _ => None,
        };
        if let Some(item) = item {
            // The list-item algorithm: walk down to the nearest item, stopping at any special
            // element other than `address`, `div` and `p`.
            let mut found = None;
            for (i, open) in self.open.iter().enumerate().rev() {
                self.found.steps += 1;
                if open.ns != Ns::Html {
                    break;
                }
                let open_name = self.name_of(open);
                if item(open_name) {
                    found = Some(i);
                    break;
                }
                if is(SPECIAL, open_name) && !matches!(open_name, b"address" | b"div" | b"p") {
                    break;
                }
            }
            if let Some(i) = found {
                self.pop_to(i);
            }
        }
        self.close_in(Scope::Button, b"p");
    }

    /// A table part's start tag: inside a table it closes the cell, row or row group it
    /// follows; outside one the parser ignores it.
    fn table_part(&mut self, name: &[u8]) {
        if !self.in_table() {
            return;
        }
        self.found.elements += 1;
        // A cell adds one level; a row or row group none, as its table counts for them.
        let weight = usize::from(matches!(name, b"td" | b"th"));
        let closes: fn(&[u8]) -> bool = match name {
            b"td" | b"th" => |open| matches!(open, b"td" | b"th"),
            b"tr" => |open| matches!(open, b"tr" | b"td" | b"th"),
            // Row groups, captions and column groups close everything back to the table.
            _ => |open| {
                matches!(
                    open,
                    b"tbody"
                        | b"thead"
                        | b"tfoot"
                        | b"tr"
                        | b"td"
                        | b"th"
                        | b"caption"
                        | b"colgroup"
                )
            },
        };
        // Close the lowest of those open in this table: a row starting inside a cell closes
        // the cell's row, not only the cell.
        let mut lowest = None;
        for (i, open) in self.open.iter().enumerate().rev() {
            self.found.steps += 1;
            if self.bounds(open, Scope::Table) {
                break;
            }
            if open.ns == Ns::Html && closes(self.name_of(open)) {
                lowest = Some(i);
            }
        }
        if let Some(i) = lowest {
            self.pop_to(i);
        }
        if name == b"col" {
            return;
        }
        self.push(name, Ns::Html, weight);
    }

    /// Skips the text of a raw-text element up to its end tag. True at the end of the input.
    fn raw_text(&mut self, name: &[u8]) -> bool {
        let mut at = self.pos;
        loop {
            let Some(lt) = self.find(at, b'<') else {
                return true;
            };
            at = lt + 1;
            if self.byte(lt + 1) != Some(b'/') {
                continue;
            }
            let start = lt + 2;
            let matches = self
                .bytes
                .get(start..start + name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name));
            if !matches {
                continue;
            }
            let after = start + name.len();
            match self.byte(after) {
                Some(b) if is_space(b) || b == b'/' || b == b'>' => {}
                None => return true,
                Some(_) => continue,
            }
            return match self.attributes(after) {
                Some((end, _)) => {
                    self.pos = end;
                    false
                }
                None => true,
            };
        }
    }

    /// An end tag.
    fn close(&mut self, name: &[u8]) {
        // In SVG or MathML, an end tag closes the nearest foreign element of its name.
        if self.open.last().is_some_and(|top| top.ns != Ns::Html) {
            let mut found = None;
            for (i, open) in self.open.iter().enumerate().rev() {
                self.found.steps += 1;
                if open.ns == Ns::Html {
                    break;
                }
                if self.name_of(open) == name {
                    found = Some(i);
                    break;
                }
            }
            if let Some(i) = found {
                self.pop_to(i);
                return;
            }
        }
        match name {
            b"p" => {
                if !self.close_in(Scope::Button, b"p") {
                    // `</p>` without a `p` makes an empty one.
                    self.found.elements += 1;
                }
            }
            b"br" => self.found.elements += 1,
            b"li" => {
                self.close_in(Scope::ListItem, b"li");
            }
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                let heading =
                    |open: &[u8]| matches!(open, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6");
                if let Some(i) = self.find_open(Scope::Default, heading) {
                    self.pop_to(i);
                }
            }
            _ if is(TABLE_PARTS, name) || name == b"table" => {
                self.close_in(Scope::Table, name);
            }
            _ if is(SCOPED_END, name) => {
                self.close_in(Scope::Default, name);
            }
            _ if is(FORMATTING, name) => self.close_formatting(name),
            _ => {
                self.close_in(Scope::Special, name);
            }
        }
    }

    /// A formatting element's end tag. With no block opened inside it, it closes it and what
    /// is inside. With blocks inside (`<b><div>x</b>`), the adoption agency leaves them open,
    /// moves a copy of the formatting element into each and closes those copies at once: the
    /// element leaves the stack, with whatever sits above the innermost block.
    fn close_formatting(&mut self, name: &[u8]) {
        let Some(i) = self.find_open(Scope::Default, |open| open == name) else {
            return;
        };
        let above = self.open.get(i + 1..).unwrap_or_default();
        self.found.steps += above.len();
        let innermost_block = above
            .iter()
            .rposition(|open| open.ns == Ns::Html && is(SPECIAL, self.name_of(open)));
        match innermost_block {
            None => {
                // What it closes around it becomes dormant; itself it is closed for good.
                self.pop_to(i + 1);
                self.pop();
            }
            Some(k) => {
                self.pop_to(i + k + 2);
                // Its name stays in `names` as unused bytes until the elements above it close.
                let removed = self.open.remove(i);
                self.depth = self.depth.saturating_sub(removed.weight);
                self.found.elements += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_count_for_their_row_group_and_row() {
        // Written by hand: table + implied tbody + tr + td = 4 per level.
        let html = "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>";
        assert_eq!(estimate(html, 1000, 1000).depth, 8);
    }
}
