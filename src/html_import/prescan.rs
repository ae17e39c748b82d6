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
//! Cost: each byte is read once; the nearest open element of a name, and the nearest element
//! that bounds a scope, are kept per name and per scope, so an end tag costs one look-up
//! rather than a walk down the stack of open elements; each element is opened and closed once.
//! The scan stops as soon as an estimate passes its limit. [`Estimate::steps`] counts the work
//! for the tests (about one step per byte). Measured natively (release build), a 1 MiB body
//! of CMS markup takes 6 ms, 1 MiB of `</div>` under 255 open spans 16 ms, and no shape tried
//! more than 30 ms at the largest element limit.

use std::collections::{BTreeMap, HashMap};

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
        html_names: HashMap::new(),
        foreign_names: HashMap::new(),
        marks: Default::default(),
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

/// The lists above an element name is in, as bits (one look-up per tag instead of a scan of
/// every list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Class(u16);

impl Class {
    const VOID: u16 = 1;
    const RAW_TEXT: u16 = 1 << 1;
    const CLOSES_P: u16 = 1 << 2;
    const SPECIAL: u16 = 1 << 3;
    const SCOPED_END: u16 = 1 << 4;
    const FORMATTING: u16 = 1 << 5;
    const SCOPE_BOUNDARY: u16 = 1 << 6;
    const INTEGRATION: u16 = 1 << 7;
    const BREAKOUT: u16 = 1 << 8;
    const NO_RECONSTRUCT: u16 = 1 << 9;
    const TABLE_PARTS: u16 = 1 << 10;

    fn of(name: &[u8]) -> Class {
        static CLASSES: std::sync::LazyLock<HashMap<&'static [u8], u16>> =
            std::sync::LazyLock::new(|| {
                let mut classes: HashMap<&'static [u8], u16> = HashMap::new();
                for (list, bit) in [
                    (VOID, Class::VOID),
                    (RAW_TEXT, Class::RAW_TEXT),
                    (CLOSES_P, Class::CLOSES_P),
                    (SPECIAL, Class::SPECIAL),
                    (SCOPED_END, Class::SCOPED_END),
                    (FORMATTING, Class::FORMATTING),
                    (SCOPE_BOUNDARY, Class::SCOPE_BOUNDARY),
                    (INTEGRATION, Class::INTEGRATION),
                    (BREAKOUT, Class::BREAKOUT),
                    (NO_RECONSTRUCT, Class::NO_RECONSTRUCT),
                    (TABLE_PARTS, Class::TABLE_PARTS),
                ] {
                    for name in list {
                        *classes.entry(name.as_bytes()).or_insert(0) |= bit;
                    }
                }
                classes
            });
        Class(CLASSES.get(name).copied().unwrap_or(0))
    }

    fn is(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
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
    /// Special elements other than `address`, `div` and `p`, and SVG or MathML (for the
    /// list-item algorithm of `li`, `dd` and `dt`).
    Item,
}

impl Scope {
    /// Its bit in [`Open::flags`], and its index in [`Scan::marks`].
    const fn mark(self) -> usize {
        match self {
            Scope::Default => 0,
            Scope::Button => 1,
            Scope::ListItem => 2,
            Scope::Table => 3,
            Scope::Special => 4,
            Scope::Item => 5,
        }
    }
}

/// The mark of HTML elements (the end of SVG or MathML content, walking down).
const HTML_MARK: usize = 6;
/// How many marks [`Scan::marks`] keeps.
const MARKS: usize = 7;
/// The flag of formatting elements (not a mark).
const FORMATTING_FLAG: u8 = 1 << 7;

/// Which scopes an element bounds, and whether it is HTML or a formatting element, as bits.
fn flags(name: &[u8], class: Class, ns: Ns) -> u8 {
    let bit = |scope: Scope| 1u8 << scope.mark();
    match ns {
        // Integration points bound every scope.
        Ns::Integration => (1 << HTML_MARK) - 1,
        Ns::Foreign => bit(Scope::Item),
        Ns::Html => {
            let mut flags = 1 << HTML_MARK;
            if class.is(Class::SCOPE_BOUNDARY) {
                flags |= bit(Scope::Default) | bit(Scope::Button) | bit(Scope::ListItem);
            }
            match name {
                b"button" => flags |= bit(Scope::Button),
                b"ol" | b"ul" => flags |= bit(Scope::ListItem),
                b"html" | b"table" | b"template" => flags |= bit(Scope::Table),
                _ => {}
            }
            if class.is(Class::SPECIAL) {
                flags |= bit(Scope::Special);
                if !matches!(name, b"address" | b"div" | b"p") {
                    flags |= bit(Scope::Item);
                }
            }
            if class.is(Class::FORMATTING) {
                flags |= FORMATTING_FLAG;
            }
            flags
        }
    }
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
    /// See [`flags`].
    flags: u8,
    /// Removed from the middle of the stack by the adoption agency: it no longer counts, and
    /// its slot is dropped when the elements above it close.
    gone: bool,
}

struct Scan<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The lowercase names of the open elements, back to back.
    names: Vec<u8>,
    open: Vec<Open>,
    /// For each name, the indices in `open` of the HTML elements of that name, bottom first:
    /// finding the nearest open `div` costs one look-up, not a walk down the stack.
    html_names: HashMap<Vec<u8>, Vec<usize>>,
    /// The same for SVG and MathML elements.
    foreign_names: HashMap<Vec<u8>, Vec<usize>>,
    /// For each [`Scope`] (and [`HTML_MARK`]), the indices of the open elements that bound it,
    /// bottom first.
    marks: [Vec<usize>; MARKS],
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

    /// The index of the nearest open HTML element named one of `names`, if no element that
    /// bounds `scope` lies above it (it may bound the scope itself).
    fn find_open(&mut self, scope: Scope, names: &[&[u8]]) -> Option<usize> {
        self.found.steps += names.len();
        let target = names
            .iter()
            .filter_map(|name| self.html_names.get(*name)?.last().copied())
            .max()?;
        match self.marks.get(scope.mark()).and_then(|mark| mark.last()) {
            Some(&bound) if bound > target => None,
            _ => Some(target),
        }
    }

    /// Closes the open elements from the top down to and including index `i`.
    /// Formatting elements closed so become dormant.
    fn pop_to(&mut self, i: usize) {
        while self.open.len() > i {
            if let Some(top) = self.open.last().copied() {
                if top.flags & FORMATTING_FLAG != 0 && !top.gone {
                    let name = self.name_of(&top).to_vec();
                    let attrs = self.names.get(top.end..top.key_end).unwrap_or_default();
                    let count = self.dormant.entry((name, attrs.to_vec())).or_insert(0);
                    *count = (*count + 1).min(3);
                }
            }
            self.pop();
        }
    }

    /// Removes the top element (closed by its own end tag, or foreign).
    fn pop(&mut self) {
        let Some(open) = self.open.pop() else {
            return;
        };
        let index = self.open.len();
        self.found.steps += 1;
        self.depth = self.depth.saturating_sub(open.weight);
        if open.ns != Ns::Html {
            self.foreign = self.foreign.saturating_sub(1);
        }
        for mark in &mut self.marks {
            if mark.last() == Some(&index) {
                mark.pop();
            }
        }
        if !open.gone {
            let name = self.names.get(open.start..open.end).unwrap_or_default();
            let by_name = match open.ns {
                Ns::Html => &mut self.html_names,
                Ns::Foreign | Ns::Integration => &mut self.foreign_names,
            };
            if let Some(stack) = by_name.get_mut(name) {
                if stack.last() == Some(&index) {
                    stack.pop();
                }
            }
        }
        self.names.truncate(open.start);
    }

    fn push(&mut self, name: &[u8], ns: Ns, weight: usize) {
        self.push_keyed(name, &[], ns, weight);
    }

    /// Opens an element; `attrs` (for a formatting element) are kept after its name.
    fn push_keyed(&mut self, name: &[u8], attrs: &[u8], ns: Ns, weight: usize) {
        let index = self.open.len();
        let flags = flags(name, Class::of(name), ns);
        for (bit, mark) in self.marks.iter_mut().enumerate() {
            if flags & (1 << bit) != 0 {
                mark.push(index);
            }
        }
        let by_name = match ns {
            Ns::Html => &mut self.html_names,
            Ns::Foreign | Ns::Integration => &mut self.foreign_names,
        };
        match by_name.get_mut(name) {
            Some(stack) => stack.push(index),
            None => {
                by_name.insert(name.to_vec(), vec![index]);
            }
        }
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
            flags,
            gone: false,
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
        match self.find_open(scope, &[name]) {
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

    /// A start tag. True when the rest of the input is text (`plaintext`).
    fn open_element(&mut self, name: &[u8], attrs: &[u8], self_closing: bool) -> bool {
        let class = Class::of(name);
        let top_ns = self.open.last().map_or(Ns::Html, |top| top.ns);
        if top_ns == Ns::Foreign {
            if !class.is(Class::BREAKOUT) {
                self.found.elements += 1;
                if self_closing {
                    self.leaf();
                } else {
                    let ns = if class.is(Class::INTEGRATION) {
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
        if class.is(Class::TABLE_PARTS) {
            self.table_part(name);
            return false;
        }
        if class.is(Class::CLOSES_P) {
            self.implied_closes(name);
        } else if !class.is(Class::NO_RECONSTRUCT) {
            self.reconstruct();
        }
        self.found.elements += 1;
        match name {
            b"option" | b"optgroup" => self.pop_while(|top| top == b"option"),
            b"rb" | b"rtc" => self.pop_while(|top| matches!(top, b"rb" | b"rp" | b"rt" | b"rtc")),
            b"rp" | b"rt" => self.pop_while(|top| matches!(top, b"rb" | b"rp" | b"rt")),
            _ => {}
        }
        if class.is(Class::VOID) {
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
        if self.foreign == 0 && class.is(Class::RAW_TEXT) {
            self.leaf();
            return self.raw_text(name);
        }
        if class.is(Class::FORMATTING) {
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
        // The list-item algorithm: the nearest item, unless a special element other than
        // `address`, `div` and `p` lies above it.
        let items: &[&[u8]] = match name {
            b"li" => &[b"li"],
            b"dd" | b"dt" => &[b"dd", b"dt"],
            _ => &[],
        };
        if let Some(i) = self.find_open(Scope::Item, items) {
            self.pop_to(i);
        }
        self.close_in(Scope::Button, b"p");
    }

    /// A table part's start tag: inside a table it closes the cell, row or row group it
    /// follows; outside one the parser ignores it.
    fn table_part(&mut self, name: &[u8]) {
        let Some(table) = self.find_open(Scope::Table, &[b"table"]) else {
            return;
        };
        self.found.elements += 1;
        // A cell adds one level; a row or row group none, as its table counts for them.
        let weight = usize::from(matches!(name, b"td" | b"th"));
        let closes: &[&[u8]] = match name {
            b"td" | b"th" => &[b"td", b"th"],
            b"tr" => &[b"tr", b"td", b"th"],
            // Row groups, captions and column groups close everything back to the table.
            _ => &[
                b"tbody",
                b"thead",
                b"tfoot",
                b"tr",
                b"td",
                b"th",
                b"caption",
                b"colgroup",
            ],
        };
        // Close the lowest of those open in this table: a row starting inside a cell closes
        // the cell's row, not only the cell.
        self.found.steps += closes.len();
        let lowest = closes
            .iter()
            .filter_map(|part| {
                let stack = self.html_names.get(*part)?;
                stack.get(stack.partition_point(|&i| i <= table)).copied()
            })
            .min();
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
        let class = Class::of(name);
        // In SVG or MathML, an end tag closes the nearest foreign element of its name above
        // the HTML ones.
        if self.open.last().is_some_and(|top| top.ns != Ns::Html) {
            self.found.steps += 1;
            let html = self
                .marks
                .get(HTML_MARK)
                .and_then(|mark| mark.last().copied());
            let nearest = self
                .foreign_names
                .get(name)
                .and_then(|stack| stack.last().copied());
            if let Some(i) = nearest.filter(|&i| html.is_none_or(|html| i > html)) {
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
                let headings: &[&[u8]] = &[b"h1", b"h2", b"h3", b"h4", b"h5", b"h6"];
                if let Some(i) = self.find_open(Scope::Default, headings) {
                    self.pop_to(i);
                }
            }
            _ if class.is(Class::TABLE_PARTS) || name == b"table" => {
                self.close_in(Scope::Table, name);
            }
            _ if class.is(Class::SCOPED_END) => {
                self.close_in(Scope::Default, name);
            }
            _ if class.is(Class::FORMATTING) => self.close_formatting(name),
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
        let Some(i) = self.find_open(Scope::Default, &[name]) else {
            return;
        };
        let innermost_block = self
            .marks
            .get(Scope::Special.mark())
            .and_then(|mark| mark.last().copied())
            .filter(|&block| block > i);
        match innermost_block {
            None => {
                // What it closes around it becomes dormant; itself it is closed for good.
                self.pop_to(i + 1);
                self.pop();
            }
            Some(block) => {
                self.pop_to(block + 1);
                // It leaves the stack where it is: its slot stays, counting nothing, until
                // the block closes (removing it would move every index above it).
                if let Some(stack) = self.html_names.get_mut(name) {
                    if stack.last() == Some(&i) {
                        stack.pop();
                    }
                }
                if let Some(open) = self.open.get_mut(i) {
                    self.depth = self.depth.saturating_sub(open.weight);
                    open.weight = 0;
                    open.gone = true;
                }
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
