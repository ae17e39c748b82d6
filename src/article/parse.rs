//! From JSON to a checked [`Article`], or to an [`ArticleError`] that names the JSON path of the
//! first bad field. Versions 1 and 2 of the format (see `docs/article-json.md`) read into the
//! same model.
//!
//! serde_json reads the text into a [`Value`]; its recursion limit (128) turns hostile nesting
//! into an error before anything else looks at it. A small reader then walks that value, with
//! one function per model type (`article`, `block`, `inlines`, `run`, ...). Each function
//! is handed the `Path` of the value it reads, so any error can name its place as
//! `$.body[3].content[0].bold` ("invalid JSON" alone leaves a CMS developer guessing which of
//! 5,000 fields is wrong); `block` is handed how many blocks enclose it, so the nesting limit is
//! an ordinary argument too; and every function gets the document's `Scope` (its version, and
//! the footnotes seen so far). Every rule (types, required fields, real dates, heading levels,
//! non-blank text, span bounds, the body alternatives) lives in the function of the type it
//! constrains, in one place. The one rule that needs the whole body, that every footnote
//! reference names a footnote of the article, is checked once the body is read, with the
//! reference's path.
//!
//! The messages follow one pattern, which serde made familiar: `missing field `name`` at the
//! object that lacks it, `invalid type: <found>, expected <what>` for a value of the wrong JSON
//! type, `invalid value: <found>, expected <what>` for a value of the right type that breaks a
//! rule. An optional field that is absent or `null` takes its default; unknown fields are
//! ignored. A version-1 document keeps exactly the version-1 rules: a field only version 2
//! knows is an unknown field there (ignored), and a block type, inline type or item form only
//! version 2 has is refused with a message that says it needs `schemaVersion` 2.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use serde_json::{Map, Value};

pub mod channel;

use super::bidi;
use super::datetime::{self, DateTime};
use super::model::{
    Article, Block, Blocks, Cell, CellKind, Code, Crumb, Definition, DefinitionList, Embed,
    EmbedKind, Footnote, Footnotes, Gallery, HeaderScope, Heading, Image, Inline, InlineKind,
    Inlines, Link, List, Math, Note, NoteKind, Paragraph, Person, PullQuote, Quote, RelatedItem,
    Row, SidebarGroup, Source, Table, TextDirection, SUPPORTED_VERSIONS,
};

/// How deep blocks may sit inside blocks (a quote, a list item or a table cell written as
/// blocks, a note, a description, a footnote): the blocks of the body are at depth 0, the blocks
/// of a quote in the body at depth 1, and a container at depth 8 is refused. Real articles nest
/// one or two levels; the bound keeps parsing and rendering work shallow whatever the input says.
pub const MAX_NESTING: usize = 8;

/// How many quotes may enclose one another (a quote in a quote is depth 2): the nesting limit,
/// under the name version 1 gave it.
pub const MAX_QUOTE_DEPTH: usize = MAX_NESTING;

/// The largest `colspan` a table cell may have (HTML's own limit).
pub const MAX_COLSPAN: u32 = 1000;

/// The largest `rowspan` a table cell may have (HTML's own limit).
pub const MAX_ROWSPAN: u32 = 65534;

/// The largest magnitude of a list's `start` number: far beyond any real list, and exact in
/// JavaScript's numbers.
pub const MAX_LIST_NUMBER: i64 = 1_000_000_000;

/// Why an article document was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleError {
    /// The text is not JSON at all (or is cut short).
    NotJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// serde_json's description.
        reason: String,
    },
    /// The document declares a schema version this reader does not understand.
    UnsupportedVersion {
        /// What `schemaVersion` held, as JSON text.
        found: String,
    },
    /// The JSON is well formed but a field does not match the schema.
    Schema {
        /// JSONPath of the bad field, e.g. `$.body[3].type`.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The article is well formed but exceeds one of the reader's limits.
    Limit(crate::limits::LimitError),
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArticleError::NotJson {
                line,
                column,
                reason,
            } => write!(
                f,
                "The response is not valid JSON (line {line}, column {column}): {reason}"
            ),
            ArticleError::UnsupportedVersion { found } => write!(
                f,
                "Unsupported article schema version {found} at $.schemaVersion: this reader understands {}",
                versions_in_words()
            ),
            ArticleError::Schema { path, reason } => {
                write!(f, "The article does not match the schema at {path}: {reason}")
            }
            ArticleError::Limit(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ArticleError {}

/// The supported versions as a phrase: `versions 1 and 2`.
fn versions_in_words() -> String {
    match SUPPORTED_VERSIONS.split_last() {
        Some((last, [])) => format!("version {last}"),
        Some((last, rest)) => {
            let rest: Vec<String> = rest.iter().map(u32::to_string).collect();
            format!("versions {} and {last}", rest.join(", "))
        }
        None => "no version".to_owned(),
    }
}

/// Parses and validates article JSON.
pub fn parse_article(json: &str) -> Result<Article, ArticleError> {
    // Syntax first, into a Value: serde_json's recursion limit (128) applies here, so hostile
    // nesting becomes an error, not a stack overflow.
    let value: Value = serde_json::from_str(json).map_err(|e| ArticleError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: strip_position(&e.to_string()),
    })?;
    article(&value)
}

/// Validates an already-parsed JSON value (the embedding API receives objects, not text).
pub fn article_from_value(value: Value) -> Result<Article, ArticleError> {
    article(&value)
}

/// Where a value sits in the document: a chain of steps from the root, shown as a JSONPath such
/// as `$.body[3].content[0].bold`. Each step borrows its parent, so descending costs nothing;
/// the text is only built when an error needs it.
#[derive(Clone, Copy, Debug)]
enum Path<'a> {
    /// The document itself, `$`.
    Root,
    /// A field of the object at the parent path.
    Key(&'a Path<'a>, &'a str),
    /// An item of the array at the parent path.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => f.write_str("$"),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

type Fields = Map<String, Value>;
type Read<T> = Result<T, ArticleError>;

// ---------------------------------------------------------------------------------------------
// Errors.

fn schema_error(at: &Path<'_>, reason: String) -> ArticleError {
    ArticleError::Schema {
        path: at.to_string(),
        reason,
    }
}

/// A value of the wrong JSON type.
fn invalid_type(at: &Path<'_>, found: &Value, expected: &str) -> ArticleError {
    schema_error(
        at,
        format!("invalid type: {}, expected {expected}", unexpected(found)),
    )
}

/// A value of the right JSON type that breaks a rule.
fn invalid_value(at: &Path<'_>, found: &Value, expected: &str) -> ArticleError {
    schema_error(
        at,
        format!("invalid value: {}, expected {expected}", unexpected(found)),
    )
}

/// serde_json appends " at line L column C" to syntax errors; the reader shows the position
/// in its own words.
fn strip_position(message: &str) -> String {
    // The last match, found searching forwards: a backward search (`rfind`) would be the
    // Wasm's only one, and bring its own code.
    match message.match_indices(" at line ").last() {
        Some((i, _)) => message.get(..i).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

/// The JSON type of a value as a noun phrase, for sentences such as "found an array".
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value as serde describes one it did not expect (`integer `7``, `string "yes"`, `map`), so
/// messages read as they did when serde produced them. Long strings are cut: the message is for
/// a person, and the document may hold megabytes in one field.
fn unexpected(value: &Value) -> String {
    const SHOWN_CHARS: usize = 60;
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) if s.chars().count() > SHOWN_CHARS => {
            let head: String = s.chars().take(SHOWN_CHARS).collect();
            format!("string {}…", quoted(&head))
        }
        Value::String(s) => format!("string {}", quoted(s)),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    }
}

/// A string from the document as a message quotes it: with Rust's escapes (which spell out
/// every bidirectional control) in quotes, and isolated (see [`bidi::isolate`]) so that
/// right-to-left letters in it cannot reorder the message around it.
fn quoted(s: &str) -> String {
    bidi::isolate(&format!("{s:?}")).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Fields and JSON types, the same for every model type.

/// A required field: a missing one is reported at the object that lacks it. `null` is passed on
/// to `read`, which refuses it with its type (`null` only stands for an absent optional field).
fn required<T>(
    fields: &Fields,
    at: &Path<'_>,
    key: &str,
    read: impl FnOnce(&Value, &Path<'_>) -> Read<T>,
) -> Read<T> {
    match fields.get(key) {
        Some(value) => read(value, &at.key(key)),
        None => Err(schema_error(at, format!("missing field `{key}`"))),
    }
}

/// An optional field: absent and `null` both give `None`.
fn optional<T>(
    fields: &Fields,
    at: &Path<'_>,
    key: &str,
    read: impl FnOnce(&Value, &Path<'_>) -> Read<T>,
) -> Read<Option<T>> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => read(value, &at.key(key)).map(Some),
    }
}

/// An optional array field: absent and `null` both give an empty list.
fn optional_list<T>(
    fields: &Fields,
    at: &Path<'_>,
    key: &str,
    read: impl Fn(&Value, &Path<'_>) -> Read<T>,
) -> Read<Vec<T>> {
    optional(fields, at, key, |value, at| list(value, at, read)).map(Option::unwrap_or_default)
}

fn object<'v>(value: &'v Value, at: &Path<'_>, expected: &str) -> Read<&'v Fields> {
    value
        .as_object()
        .ok_or_else(|| invalid_type(at, value, expected))
}

fn list<T>(
    value: &Value,
    at: &Path<'_>,
    read: impl Fn(&Value, &Path<'_>) -> Read<T>,
) -> Read<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(invalid_type(at, value, "a sequence"));
    };
    // A loop rather than `collect::<Result<Vec<_>, _>>()`: the adapter that collect needs is
    // compiled again for every item type and reader, and costs the Wasm more than the loop.
    let mut read_items = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        read_items.push(read(item, &at.index(i))?);
    }
    Ok(read_items)
}

/// A list that must not be empty; `what` names one item ("block", "row").
fn non_empty_list<T>(
    value: &Value,
    at: &Path<'_>,
    what: &str,
    read: impl Fn(&Value, &Path<'_>) -> Read<T>,
) -> Read<Vec<T>> {
    let items = list(value, at, read)?;
    if items.is_empty() {
        return Err(schema_error(
            at,
            format!("invalid length 0, expected at least one {what}"),
        ));
    }
    Ok(items)
}

/// Every string the document gives is read here, plain runs of [`inlines`] included, with its
/// bidirectional controls balanced (see [`bidi`]): no string from content can reorder the
/// reader's text outside it, whichever component shows it.
fn string(value: &Value, at: &Path<'_>) -> Read<String> {
    match value {
        Value::String(s) => Ok(bidi::balance(s).into_owned()),
        other => Err(invalid_type(at, other, "a string")),
    }
}

/// A string with at least one character that is not white space in Unicode's sense (the
/// `White_Space` property, which `str::trim` uses and the JSON Schema's `nonBlank` pattern
/// spells out).
fn text(value: &Value, at: &Path<'_>) -> Read<String> {
    let s = string(value, at)?;
    if s.trim().is_empty() {
        return Err(invalid_value(at, value, "text that is not blank"));
    }
    Ok(s)
}

fn boolean(value: &Value, at: &Path<'_>) -> Read<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(invalid_type(at, other, "a boolean")),
    }
}

/// An integer from `min` to `max`, written as an integer or as a number with a zero fraction
/// (`2.0`), as JSON Schema's `integer` allows.
fn bounded_integer(value: &Value, at: &Path<'_>, min: i64, max: i64) -> Read<i64> {
    let Value::Number(n) = value else {
        return Err(invalid_type(at, value, "an integer"));
    };
    let whole = n.as_i64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
            // The filter keeps the cast exact: the number is whole and well inside i64.
            .map(|f| f as i64)
    });
    match whole {
        Some(i) if (min..=max).contains(&i) => Ok(i),
        _ => Err(invalid_value(
            at,
            value,
            &format!("an integer from {min} to {max}"),
        )),
    }
}

/// One of a fixed set of strings, each naming a value.
fn one_of<T: Copy>(value: &Value, at: &Path<'_>, names: &[(&str, T)]) -> Read<T> {
    let expected = || {
        let names: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
        format!("one of {}", names.join(", "))
    };
    let Value::String(s) = value else {
        return Err(invalid_type(at, value, &expected()));
    };
    names
        .iter()
        .find(|(name, _)| name == s)
        .map(|(_, value)| *value)
        .ok_or_else(|| invalid_value(at, value, &expected()))
}

fn direction(value: &Value, at: &Path<'_>) -> Read<TextDirection> {
    one_of(
        value,
        at,
        &[
            ("ltr", TextDirection::Ltr),
            ("rtl", TextDirection::Rtl),
            ("auto", TextDirection::Auto),
        ],
    )
}

/// A date-time with an offset, kept as written (the components parse it again for display).
fn instant(value: &Value, at: &Path<'_>) -> Read<String> {
    let s = string(value, at)?;
    DateTime::parse_instant(&s)
        .map_err(|e| schema_error(at, format!("{e}; found {}", unexpected(value))))?;
    Ok(s)
}

/// A date, or a date-time as `instant` takes it.
fn date_or_instant(value: &Value, at: &Path<'_>) -> Read<String> {
    let s = string(value, at)?;
    DateTime::parse_lenient(&s)
        .map_err(|e| schema_error(at, format!("{e}; found {}", unexpected(value))))?;
    Ok(s)
}

/// A date or date-time in any form version 2 takes (offset optional, `+0800` allowed, a date
/// alone), kept as written.
fn date_v2(value: &Value, at: &Path<'_>) -> Read<String> {
    let s = string(value, at)?;
    DateTime::parse(&s)
        .map_err(|e| schema_error(at, format!("{e}; found {}", unexpected(value))))?;
    Ok(s)
}

/// A time zone given as an offset (`+08:00`, `-05:00`, `Z`), kept as written.
fn time_zone(value: &Value, at: &Path<'_>) -> Read<String> {
    let s = string(value, at)?;
    match datetime::parse_offset(&s) {
        Some(_) => Ok(s),
        None => Err(invalid_value(
            at,
            value,
            "an offset such as +08:00, -05:00 or Z (time zone names are not supported)",
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// The document's scope: its version, and its footnotes.

/// The version a document declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Version {
    /// `schemaVersion: 1`: the first format, kept exactly.
    V1,
    /// `schemaVersion: 2`: version 1 plus the blocks, inlines and fields of version 2.
    V2,
}

impl Version {
    fn number(self) -> u32 {
        match self {
            Version::V1 => 1,
            Version::V2 => 2,
        }
    }
}

/// What every reader function of one document shares: the version, and the footnote ids and
/// references met so far (references usually come before their footnotes, so they are checked
/// once the body is read).
struct Scope {
    version: Version,
    notes: RefCell<NoteIds>,
}

#[derive(Default)]
struct NoteIds {
    /// Each footnote id with its number (1 for the first footnote) and the path of its `id`.
    defined: HashMap<String, (usize, String)>,
    /// Each reference's id and the path of its object, in document order.
    references: Vec<(String, String)>,
}

impl Scope {
    fn new(version: Version) -> Self {
        Scope {
            version,
            notes: RefCell::new(NoteIds::default()),
        }
    }

    fn is_v1(&self) -> bool {
        self.version == Version::V1
    }

    /// Records a footnote; its id must not be taken yet.
    fn define_footnote(&self, id: &str, at: &Path<'_>, value: &Value) -> Read<()> {
        let mut notes = self.notes.borrow_mut();
        if let Some((_, first)) = notes.defined.get(id) {
            return Err(invalid_value(
                at,
                value,
                &format!("an id no other footnote has (the footnote at {first} has it)"),
            ));
        }
        let number = notes.defined.len() + 1;
        notes
            .defined
            .insert(id.to_owned(), (number, at.to_string()));
        Ok(())
    }

    fn refer_to_footnote(&self, id: &str, at: &Path<'_>) {
        self.notes
            .borrow_mut()
            .references
            .push((id.to_owned(), at.to_string()));
    }

    /// Checks that every reference names a footnote, and gives references without a label the
    /// number of their footnote.
    fn finish_footnotes(&self, body: &mut [Block]) -> Read<()> {
        let notes = self.notes.borrow();
        if let Some((id, path)) = notes
            .references
            .iter()
            .find(|(id, _)| !notes.defined.contains_key(id))
        {
            return Err(ArticleError::Schema {
                path: format!("{path}.id"),
                reason: format!(
                    "invalid value: {}, expected the id of a footnote of this article",
                    unexpected(&Value::String(id.clone()))
                ),
            });
        }
        if notes.references.is_empty() {
            return Ok(());
        }
        for_each_run(body, &mut |run| {
            if let InlineKind::FootnoteRef { id } = &run.kind {
                if run.text.is_empty() {
                    run.text = match notes.defined.get(id) {
                        Some((number, _)) => number.to_string(),
                        None => id.clone(),
                    };
                }
            }
        });
        Ok(())
    }
}

/// Calls `f` on every inline run in these blocks, however deep.
fn for_each_run(blocks: &mut [Block], f: &mut impl FnMut(&mut Inline)) {
    fn runs(inlines: &mut Inlines, f: &mut impl FnMut(&mut Inline)) {
        inlines.0.iter_mut().for_each(f);
    }
    fn image(image: &mut Image, f: &mut impl FnMut(&mut Inline)) {
        for inlines in [&mut image.caption, &mut image.credit]
            .into_iter()
            .flatten()
        {
            runs(inlines, f);
        }
    }
    for block in blocks {
        match block {
            Block::Paragraph(Paragraph { content })
            | Block::Heading(Heading { content, .. })
            | Block::PullQuote(PullQuote { content, .. }) => runs(content, f),
            Block::Image(i) => image(i, f),
            Block::Gallery(gallery) => {
                gallery.images.iter_mut().for_each(|i| image(i, f));
                if let Some(caption) = &mut gallery.caption {
                    runs(caption, f);
                }
            }
            Block::List(list) => list
                .items
                .iter_mut()
                .for_each(|i| for_each_run(&mut i.0, f)),
            Block::DefinitionList(list) => {
                for item in &mut list.items {
                    runs(&mut item.term, f);
                    item.details
                        .iter_mut()
                        .for_each(|d| for_each_run(&mut d.0, f));
                }
            }
            Block::Quote(Quote { content, .. }) | Block::Note(Note { content, .. }) => {
                for_each_run(content, f)
            }
            Block::Table(table) => {
                if let Some(caption) = &mut table.caption {
                    runs(caption, f);
                }
                for row in table.head.iter_mut().chain(table.rows.iter_mut()) {
                    row.cells
                        .iter_mut()
                        .for_each(|c| for_each_run(&mut c.content.0, f));
                }
            }
            Block::Footnotes(notes) => notes
                .items
                .iter_mut()
                .for_each(|n| for_each_run(&mut n.content.0, f)),
            Block::Code(_) | Block::Embed(_) | Block::Math(_) | Block::Rule => {}
        }
    }
}

/// Refuses what only version 2 has in a version-1 document, saying so.
fn needs_v2(at: &Path<'_>, what: &str, expected: &str) -> ArticleError {
    schema_error(
        at,
        format!("{what} needs schemaVersion 2, expected {expected} in a version-1 document"),
    )
}

/// Refuses blocks nested deeper than [`MAX_NESTING`]; `depth` is how many containers enclose
/// the container at `at`.
fn check_nesting(at: &Path<'_>, depth: usize) -> Read<()> {
    if depth >= MAX_NESTING {
        return Err(schema_error(
            at,
            format!(
                "blocks nest deeper than {MAX_NESTING} levels: these would be level {} inside one another, expected at most {MAX_NESTING}",
                depth + 1
            ),
        ));
    }
    Ok(())
}

/// Blocks inside the container at `at`, which sits `depth` containers deep.
fn nested_blocks(value: &Value, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Vec<Block>> {
    list(value, at, |v, at| block(v, at, depth + 1, scope))
}

// ---------------------------------------------------------------------------------------------
// The model, one function per type.

fn article(value: &Value) -> Read<Article> {
    let mut steps = ArticleSteps::start(value)?;
    steps.step(usize::MAX)?;
    steps.finish()
}

/// An article read in steps, a number of its body's blocks at a time, so that whoever reads a
/// long one can give the browser its main thread back between steps. The result, and the first
/// error, are those of [`article_from_value`]: the same functions read the same values in the
/// same order (the version, the body's blocks in order, then the other fields).
pub struct ArticleSteps<'v> {
    fields: &'v Fields,
    scope: Scope,
    body: BodySteps<'v>,
}

/// How far the body of an [`ArticleSteps`] is read.
enum BodySteps<'v> {
    /// A body of blocks: these values, of which the first `read.len()` are read.
    Blocks {
        items: &'v [Value],
        read: Vec<Block>,
    },
    /// The body as a whole (`bodyHtml`, or a body that is refused before any block is read).
    Whole(Vec<Block>, Option<String>),
}

impl<'v> ArticleSteps<'v> {
    /// Starts reading `value`: checks that it is an object of a supported version, and reads the
    /// body at once unless it is a non-empty list of blocks.
    pub fn start(value: &'v Value) -> Read<Self> {
        let at = Path::Root;
        let Value::Object(fields) = value else {
            return Err(schema_error(
                &at,
                format!("expected an article object, found {}", kind(value)),
            ));
        };
        // A version mismatch explains every later error at once, so it is checked before the
        // rest.
        let scope = Scope::new(schema_version(fields)?);
        let given = |key: &str| fields.get(key).filter(|v| !v.is_null());
        let body = match (given("body"), given("bodyHtml")) {
            (Some(Value::Array(items)), None) if !items.is_empty() => BodySteps::Blocks {
                items,
                read: Vec::with_capacity(items.len()),
            },
            _ => {
                let (blocks, html) = body(fields, &at, &scope)?;
                BodySteps::Whole(blocks, html)
            }
        };
        Ok(ArticleSteps {
            fields,
            scope,
            body,
        })
    }

    /// Reads up to `count` more blocks of the body; says whether the body is now read.
    pub fn step(&mut self, count: usize) -> Read<bool> {
        let BodySteps::Blocks { items, read } = &mut self.body else {
            return Ok(true);
        };
        let root = Path::Root;
        let at = root.key("body");
        let from = read.len();
        for (i, item) in items.iter().enumerate().skip(from).take(count) {
            read.push(block(item, &at.index(i), 0, &self.scope)?);
        }
        Ok(read.len() == items.len())
    }

    /// Reads what is left of the body, then the article's other fields.
    pub fn finish(mut self) -> Read<Article> {
        self.step(usize::MAX)?;
        let (body, body_html) = match self.body {
            BodySteps::Blocks { read, .. } => (read, None),
            BodySteps::Whole(blocks, html) => (blocks, html),
        };
        article_fields(self.fields, &self.scope, body, body_html)
    }
}

/// The article around its body, read after it.
fn article_fields(
    fields: &Fields,
    scope: &Scope,
    mut body: Vec<Block>,
    body_html: Option<String>,
) -> Read<Article> {
    let at = Path::Root;
    let v1 = scope.is_v1();
    let article = Article {
        schema_version: scope.version.number(),
        in_language: if v1 {
            Some(required(fields, &at, "inLanguage", text)?)
        } else {
            optional(fields, &at, "inLanguage", text)?
        },
        dir: if v1 {
            None
        } else {
            optional(fields, &at, "dir", direction)?
        },
        url: optional(fields, &at, "url", string)?,
        breadcrumb: optional_list(fields, &at, "breadcrumb", crumb)?,
        headline: required(fields, &at, "headline", text)?,
        date_published: if v1 {
            Some(required(fields, &at, "datePublished", instant)?)
        } else {
            optional(fields, &at, "datePublished", date_v2)?
        },
        date_modified: if v1 {
            None
        } else {
            optional(fields, &at, "dateModified", date_v2)?
        },
        time_zone: if v1 {
            None
        } else {
            optional(fields, &at, "timeZone", time_zone)?
        },
        source_organization: optional(fields, &at, "sourceOrganization", source)?,
        author: optional_list(fields, &at, "author", person)?,
        editor: optional(fields, &at, "editor", person)?,
        body: Vec::new(),
        body_html,
        related_link: optional_list(fields, &at, "relatedLink", |v, at| {
            related_item(v, at, scope)
        })?,
        sidebar: optional_list(fields, &at, "sidebar", sidebar_group)?,
        previous_article: if v1 {
            None
        } else {
            optional(fields, &at, "previousArticle", |v, at| {
                related_item(v, at, scope)
            })?
        },
        next_article: if v1 {
            None
        } else {
            optional(fields, &at, "nextArticle", |v, at| {
                related_item(v, at, scope)
            })?
        },
    };
    scope.finish_footnotes(&mut body)?;
    Ok(Article { body, ..article })
}

fn schema_version(fields: &Fields) -> Read<Version> {
    let at = Path::Root;
    let at = at.key("schemaVersion");
    match fields.get("schemaVersion") {
        // Unlike other missing fields, this one is reported at its own path: every version
        // error points at `$.schemaVersion`.
        None => Err(schema_error(&at, "missing field `schemaVersion`".into())),
        // 1.0 is the number 1 in JSON (and to JSON Schema's `const: 1`).
        Some(Value::Number(n)) if n.as_f64() == Some(1.0) => Ok(Version::V1),
        Some(Value::Number(n)) if n.as_f64() == Some(2.0) => Ok(Version::V2),
        Some(other @ Value::Number(_)) => Err(ArticleError::UnsupportedVersion {
            found: other.to_string(),
        }),
        Some(other) => Err(schema_error(
            &at,
            format!("expected the number 1 or 2, found {}", kind(other)),
        )),
    }
}

/// The body: exactly one of `body` (blocks) and `bodyHtml` (CMS HTML). The HTML stays text
/// here; the loader imports it in the browser.
fn body(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<(Vec<Block>, Option<String>)> {
    let given = |key: &str| fields.get(key).filter(|v| !v.is_null());
    match (given("body"), given("bodyHtml")) {
        (Some(_), Some(_)) => Err(schema_error(
            &at.key("bodyHtml"),
            "give either `body` (blocks) or `bodyHtml` (CMS HTML), not both".into(),
        )),
        (Some(blocks), None) => non_empty_list(blocks, &at.key("body"), "block", |v, at| {
            block(v, at, 0, scope)
        })
        .map(|blocks| (blocks, None)),
        (None, Some(html)) => text(html, &at.key("bodyHtml")).map(|html| (Vec::new(), Some(html))),
        (None, None) => Err(schema_error(
            &at.key("body"),
            "the article has no body: give `body` (blocks) or `bodyHtml` (CMS HTML)".into(),
        )),
    }
}

fn crumb(value: &Value, at: &Path<'_>) -> Read<Crumb> {
    let fields = object(value, at, "a crumb object such as {\"name\": …}")?;
    Ok(Crumb {
        name: required(fields, at, "name", text)?,
        url: optional(fields, at, "url", string)?,
    })
}

fn source(value: &Value, at: &Path<'_>) -> Read<Source> {
    let fields = object(value, at, "a source object such as {\"name\": …}")?;
    Ok(Source {
        name: required(fields, at, "name", text)?,
        url: optional(fields, at, "url", string)?,
    })
}

fn person(value: &Value, at: &Path<'_>) -> Read<Person> {
    let fields = object(value, at, "a person object such as {\"name\": …}")?;
    Ok(Person {
        name: required(fields, at, "name", text)?,
        url: optional(fields, at, "url", string)?,
    })
}

fn related_item(value: &Value, at: &Path<'_>, scope: &Scope) -> Read<RelatedItem> {
    let fields = object(
        value,
        at,
        "a related item such as {\"headline\": …, \"url\": …}",
    )?;
    Ok(RelatedItem {
        headline: required(fields, at, "headline", text)?,
        url: required(fields, at, "url", string)?,
        date_published: if scope.is_v1() {
            optional(fields, at, "datePublished", date_or_instant)?
        } else {
            optional(fields, at, "datePublished", date_v2)?
        },
    })
}

fn sidebar_group(value: &Value, at: &Path<'_>) -> Read<SidebarGroup> {
    let fields = object(
        value,
        at,
        "a sidebar group such as {\"name\": …, \"items\": […]}",
    )?;
    Ok(SidebarGroup {
        name: required(fields, at, "name", text)?,
        more: optional(fields, at, "more", string)?,
        items: optional_list(fields, at, "items", link)?,
    })
}

fn link(value: &Value, at: &Path<'_>) -> Read<Link> {
    let fields = object(value, at, "a link object such as {\"name\": …, \"url\": …}")?;
    Ok(Link {
        name: required(fields, at, "name", text)?,
        url: required(fields, at, "url", string)?,
    })
}

/// The block types of version 1.
const BLOCK_TYPES: &str = "paragraph, heading, image, list, quote, table";

/// The block types of version 2.
const BLOCK_TYPES_V2: &str = "paragraph, heading, image, gallery, list, definitionList, quote, pullQuote, table, code, embed, math, rule, note, footnotes";

/// One body block; `depth` is how many containers (quotes, items, cells...) enclose it.
fn block(value: &Value, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Block> {
    let types = if scope.is_v1() {
        BLOCK_TYPES
    } else {
        BLOCK_TYPES_V2
    };
    let Value::Object(fields) = value else {
        return Err(schema_error(
            at,
            format!(
                "expected a block object with a `type`, found {}",
                kind(value)
            ),
        ));
    };
    let tag = match fields.get("type") {
        Some(Value::String(tag)) => tag.as_str(),
        Some(other) => {
            return Err(schema_error(
                &at.key("type"),
                format!(
                    "expected a string naming the block type, found {}",
                    kind(other)
                ),
            ))
        }
        None => {
            return Err(schema_error(
                at,
                format!("missing field `type` (one of {types})"),
            ))
        }
    };
    let v2_only = !BLOCK_TYPES.split(", ").any(|t| t == tag);
    if scope.is_v1() && v2_only && BLOCK_TYPES_V2.split(", ").any(|t| t == tag) {
        return Err(needs_v2(
            &at.key("type"),
            &format!("block type `{tag}`"),
            &format!("one of {BLOCK_TYPES}"),
        ));
    }
    match tag {
        "paragraph" => paragraph(fields, at, scope).map(Block::Paragraph),
        "heading" => heading(fields, at, scope).map(Block::Heading),
        "image" => figure(fields, at, scope).map(Block::Image),
        "gallery" => gallery(fields, at, scope).map(Block::Gallery),
        "list" => list_block(fields, at, depth, scope).map(Block::List),
        "definitionList" => definition_list(fields, at, depth, scope).map(Block::DefinitionList),
        "quote" => quote(fields, at, depth, scope).map(Block::Quote),
        "pullQuote" => pull_quote(fields, at, scope).map(Block::PullQuote),
        "table" => table(fields, at, depth, scope).map(Block::Table),
        "code" => code(fields, at).map(Block::Code),
        "embed" => embed(fields, at, scope).map(Block::Embed),
        "math" => math(fields, at).map(Block::Math),
        "rule" => Ok(Block::Rule),
        "note" => note(fields, at, depth, scope).map(Block::Note),
        "footnotes" => footnotes(fields, at, depth, scope).map(Block::Footnotes),
        other => Err(schema_error(
            &at.key("type"),
            format!(
                "unknown block type {}, expected one of {types}",
                bidi::isolate(&format!("`{other}`"))
            ),
        )),
    }
}

fn paragraph(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<Paragraph> {
    Ok(Paragraph {
        content: required(fields, at, "content", |v, at| inlines(v, at, scope))?,
    })
}

fn heading(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<Heading> {
    Ok(Heading {
        level: optional(fields, at, "level", heading_level)?.unwrap_or(2),
        content: required(fields, at, "content", |v, at| inlines(v, at, scope))?,
    })
}

/// 2, 3 or 4, written as an integer or as a number with a zero fraction (`2.0`), as JSON
/// Schema's `integer` allows.
fn heading_level(value: &Value, at: &Path<'_>) -> Read<u8> {
    let level = [2u8, 3, 4]
        .into_iter()
        .find(|level| value.as_f64() == Some(f64::from(*level)));
    level.ok_or_else(|| {
        schema_error(
            at,
            format!(
                "heading level must be 2, 3 or 4 (the headline is level 1), found {}",
                unexpected(value)
            ),
        )
    })
}

/// An image as a figure: a block, or one image of a gallery. Version 1 knows `src`, `alt` and
/// `caption` only.
fn figure(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<Image> {
    let picture = picture(fields, at, scope)?;
    Ok(Image {
        caption: optional(fields, at, "caption", |v, at| inlines(v, at, scope))?,
        credit: if scope.is_v1() {
            None
        } else {
            optional(fields, at, "credit", |v, at| inlines(v, at, scope))?
        },
        ..picture
    })
}

/// The fields every image has, in a figure, in text or as a poster: without caption or credit.
fn picture(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<Image> {
    let src = required(fields, at, "src", string)?;
    let alt = required(fields, at, "alt", string)?;
    if scope.is_v1() {
        return Ok(Image {
            src,
            alt,
            ..Image::default()
        });
    }
    Ok(Image {
        src,
        alt,
        srcset: optional(fields, at, "srcset", string)?,
        sizes: optional(fields, at, "sizes", string)?,
        width: optional(fields, at, "width", pixels)?,
        height: optional(fields, at, "height", pixels)?,
        href: optional(fields, at, "href", string)?.map(Rc::from),
        caption: None,
        credit: None,
    })
}

/// An intrinsic image size: a whole number of CSS pixels, at least 1.
fn pixels(value: &Value, at: &Path<'_>) -> Read<u32> {
    let n = bounded_integer(value, at, 1, i64::from(u32::MAX))?;
    u32::try_from(n).map_err(|_| invalid_value(at, value, "an integer from 1 to 4294967295"))
}

fn gallery(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<Gallery> {
    Ok(Gallery {
        images: required(fields, at, "images", |v, at| {
            non_empty_list(v, at, "image", |v, at| {
                let fields = object(v, at, "an image object such as {\"src\": …, \"alt\": …}")?;
                figure(fields, at, scope)
            })
        })?,
        caption: optional(fields, at, "caption", |v, at| inlines(v, at, scope))?,
    })
}

fn list_block(fields: &Fields, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<List> {
    let items = required(fields, at, "items", |v, at| {
        non_empty_list(v, at, "item", |v, at| item(v, at, depth, scope))
    })?;
    let ordered = optional(fields, at, "ordered", boolean)?.unwrap_or(false);
    if scope.is_v1() {
        return Ok(List {
            ordered,
            start: None,
            reversed: false,
            items,
        });
    }
    Ok(List {
        ordered,
        start: optional(fields, at, "start", |v, at| {
            bounded_integer(v, at, -MAX_LIST_NUMBER, MAX_LIST_NUMBER)
        })?,
        reversed: optional(fields, at, "reversed", boolean)?.unwrap_or(false),
        items,
    })
}

/// A list item, a description, a footnote's text or a table cell's blocks: inline runs (one
/// paragraph) or, in version 2, `{"blocks": [...]}`. `depth` is that of the enclosing block.
fn item(value: &Value, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Blocks> {
    match value {
        Value::Object(fields) if !scope.is_v1() => {
            let blocks = required(fields, at, "blocks", |v, at| {
                check_nesting(at, depth)?;
                nested_blocks(v, at, depth, scope)
            })?;
            Ok(Blocks(blocks))
        }
        Value::Object(fields) if fields.contains_key("blocks") => Err(needs_v2(
            at,
            "an item of blocks",
            "a string or an array of inline runs",
        )),
        Value::String(_) | Value::Array(_) => inlines(value, at, scope).map(Blocks::paragraph),
        other if scope.is_v1() => Err(invalid_type(
            at,
            other,
            "a string or an array of inline runs",
        )),
        other => Err(invalid_type(
            at,
            other,
            "a string, an array of inline runs or {\"blocks\": […]}",
        )),
    }
}

fn definition_list(
    fields: &Fields,
    at: &Path<'_>,
    depth: usize,
    scope: &Scope,
) -> Read<DefinitionList> {
    Ok(DefinitionList {
        items: required(fields, at, "items", |v, at| {
            non_empty_list(v, at, "term", |v, at| definition(v, at, depth, scope))
        })?,
    })
}

fn definition(value: &Value, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Definition> {
    let fields = object(
        value,
        at,
        "a definition object such as {\"term\": …, \"details\": […]}",
    )?;
    Ok(Definition {
        term: required(fields, at, "term", |v, at| inlines(v, at, scope))?,
        details: required(fields, at, "details", |v, at| {
            non_empty_list(v, at, "detail", |v, at| item(v, at, depth, scope))
        })?,
    })
}

/// A quote `depth` containers deep. The limit is checked before the content is read, so a
/// deeply nested document costs no more than one at the limit.
fn quote(fields: &Fields, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Quote> {
    if depth >= MAX_NESTING {
        return Err(schema_error(
            at,
            format!(
                "quotes nest deeper than {MAX_NESTING} levels: this is quote number {} inside one another, expected at most {MAX_NESTING}",
                depth + 1
            ),
        ));
    }
    Ok(Quote {
        content: required(fields, at, "content", |v, at| {
            nested_blocks(v, at, depth, scope)
        })?,
        cite: optional(fields, at, "cite", string)?,
    })
}

fn pull_quote(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<PullQuote> {
    Ok(PullQuote {
        content: required(fields, at, "content", |v, at| inlines(v, at, scope))?,
        cite: optional(fields, at, "cite", string)?,
    })
}

fn table(fields: &Fields, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Table> {
    let row = |value: &Value, at: &Path<'_>| {
        list(value, at, |v, at| cell(v, at, depth, scope)).map(|cells| Row { cells })
    };
    let header = optional_list(fields, at, "header", |v, at| cell(v, at, depth, scope))?;
    let header = if header.is_empty() {
        Vec::new()
    } else {
        vec![Row {
            cells: header.into_iter().map(Cell::header_v1).collect(),
        }]
    };
    let head = if scope.is_v1() {
        header
    } else {
        let head = optional_list(fields, at, "head", row)?;
        match (head.is_empty(), header.is_empty()) {
            (_, true) => head,
            (true, false) => header,
            (false, false) => {
                return Err(schema_error(
                    &at.key("head"),
                    "give either `header` (one row) or `head` (rows), not both".into(),
                ))
            }
        }
    };
    Ok(Table {
        caption: if scope.is_v1() {
            optional(fields, at, "caption", string)?.map(|c| Inlines(vec![Inline::plain(c)]))
        } else {
            optional(fields, at, "caption", |v, at| inlines(v, at, scope))?
        },
        head,
        rows: required(fields, at, "rows", |v, at| {
            non_empty_list(v, at, "row", row)
        })?,
    })
}

/// A table cell: inline runs (a data cell holding one paragraph) or, in version 2, a cell
/// object with its content, kind and spans.
fn cell(value: &Value, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Cell> {
    let Value::Object(fields) = value else {
        return Ok(Cell {
            kind: CellKind::Data,
            colspan: 1,
            rowspan: 1,
            content: Blocks::paragraph(inlines(value, at, scope)?),
        });
    };
    if scope.is_v1() {
        return Err(invalid_type(
            at,
            value,
            "a string or an array of inline runs (cell objects need schemaVersion 2)",
        ));
    }
    let content = optional(fields, at, "content", |v, at| inlines(v, at, scope))?;
    let blocks = optional(fields, at, "blocks", |v, at| {
        check_nesting(at, depth)?;
        nested_blocks(v, at, depth, scope)
    })?;
    let content = match (content, blocks) {
        (Some(_), Some(_)) => {
            return Err(schema_error(
                &at.key("blocks"),
                "give either `content` (inline runs) or `blocks`, not both".into(),
            ))
        }
        (Some(runs), None) => Blocks::paragraph(runs),
        (None, Some(blocks)) => Blocks(blocks),
        (None, None) => Blocks::default(),
    };
    let scope_attr = optional(fields, at, "scope", |v, at| {
        one_of(
            v,
            at,
            &[
                ("row", HeaderScope::Row),
                ("col", HeaderScope::Col),
                ("rowgroup", HeaderScope::RowGroup),
                ("colgroup", HeaderScope::ColGroup),
            ],
        )
    })?;
    let span = |key: &str, max: u32| {
        optional(fields, at, key, |v, at| {
            let n = bounded_integer(v, at, 1, i64::from(max))?;
            Ok(u32::try_from(n).unwrap_or(1))
        })
        .map(|n| n.unwrap_or(1))
    };
    Ok(Cell {
        kind: if optional(fields, at, "header", boolean)?.unwrap_or(false) {
            CellKind::Header(scope_attr)
        } else {
            CellKind::Data
        },
        colspan: span("colspan", MAX_COLSPAN)?,
        rowspan: span("rowspan", MAX_ROWSPAN)?,
        content,
    })
}

fn code(fields: &Fields, at: &Path<'_>) -> Read<Code> {
    Ok(Code {
        text: required(fields, at, "text", string)?,
        language: optional(fields, at, "language", text)?,
    })
}

fn embed(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<Embed> {
    Ok(Embed {
        kind: required(fields, at, "kind", |v, at| {
            one_of(
                v,
                at,
                &[
                    ("video", EmbedKind::Video),
                    ("audio", EmbedKind::Audio),
                    ("frame", EmbedKind::Frame),
                ],
            )
        })?,
        url: required(fields, at, "url", string)?,
        title: optional(fields, at, "title", text)?,
        provider: optional(fields, at, "provider", text)?,
        poster: optional(fields, at, "poster", |v, at| {
            let fields = object(v, at, "an image object such as {\"src\": …, \"alt\": …}")?;
            picture(fields, at, scope)
        })?,
    })
}

fn math(fields: &Fields, at: &Path<'_>) -> Read<Math> {
    Ok(Math {
        text: required(fields, at, "text", text)?,
    })
}

fn note(fields: &Fields, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Note> {
    check_nesting(at, depth)?;
    Ok(Note {
        kind: required(fields, at, "kind", |v, at| {
            one_of(
                v,
                at,
                &[
                    ("editorsNote", NoteKind::EditorsNote),
                    ("correction", NoteKind::Correction),
                    ("update", NoteKind::Update),
                ],
            )
        })?,
        content: required(fields, at, "content", |v, at| {
            nested_blocks(v, at, depth, scope)
        })?,
    })
}

fn footnotes(fields: &Fields, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Footnotes> {
    Ok(Footnotes {
        items: required(fields, at, "items", |v, at| {
            non_empty_list(v, at, "footnote", |v, at| footnote(v, at, depth, scope))
        })?,
    })
}

fn footnote(value: &Value, at: &Path<'_>, depth: usize, scope: &Scope) -> Read<Footnote> {
    let fields = object(
        value,
        at,
        "a footnote object such as {\"id\": …, \"content\": …}",
    )?;
    let id = required(fields, at, "id", |v, at| {
        let id = text(v, at)?;
        scope.define_footnote(&id, at, v)?;
        Ok(id)
    })?;
    Ok(Footnote {
        id,
        content: required(fields, at, "content", |v, at| item(v, at, depth, scope))?,
    })
}

/// Inline runs: a string (one plain run) or an array of strings, run objects and (version 2)
/// typed inline objects.
fn inlines(value: &Value, at: &Path<'_>, scope: &Scope) -> Read<Inlines> {
    match value {
        Value::String(_) => Ok(Inlines(vec![Inline::plain(string(value, at)?)])),
        Value::Array(_) => list(value, at, |item, at| match item {
            Value::String(_) => Ok(Inline::plain(string(item, at)?)),
            Value::Object(fields) => run(fields, at, scope),
            other => Err(invalid_type(
                at,
                other,
                "a string or an inline run object such as {\"text\": \"…\"}",
            )),
        })
        .map(share_addresses)
        .map(Inlines),
        other => Err(invalid_type(
            at,
            other,
            "a string or an array of inline runs",
        )),
    }
}

/// Adjacent runs that link to the same address share one copy of it, as the runs of one HTML
/// link do: JSON repeats the address in every run, and sharing halves what the article holds
/// and lets rendering see at once, by identity, which runs form one link.
fn share_addresses(mut runs: Vec<Inline>) -> Vec<Inline> {
    let mut previous: Option<Rc<str>> = None;
    for run in &mut runs {
        match (&previous, &mut run.href) {
            (Some(shared), Some(own)) if shared == own => *own = Rc::clone(shared),
            (_, own) => previous = own.clone(),
        }
    }
    runs
}

/// The inline types of version 2 (an object without `type` is a run of text).
const INLINE_TYPES: &str = "break, ruby, math, footnoteRef, image";

/// A run object, or in version 2 a typed inline object.
fn run(fields: &Fields, at: &Path<'_>, scope: &Scope) -> Read<Inline> {
    let tag = match fields.get("type") {
        None | Some(Value::Null) => None,
        Some(Value::String(tag)) => Some(tag.as_str()),
        // Version 1 ignores the field, as any unknown one.
        Some(_) if scope.is_v1() => None,
        Some(other) => return Err(invalid_type(&at.key("type"), other, "a string")),
    };
    if scope.is_v1() {
        // Version 1 has no typed inlines; `type` is an unknown field there, so a run with a
        // `text` reads as before. Without one, say why the typed object was not understood.
        if let Some(tag) = tag.filter(|t| {
            !fields.contains_key("text") && INLINE_TYPES.split(", ").any(|known| known == *t)
        }) {
            return Err(needs_v2(
                at,
                &format!("inline type `{tag}`"),
                "a run object such as {\"text\": \"…\"}",
            ));
        }
        return Ok(Inline {
            text: required(fields, at, "text", string)?,
            bold: optional(fields, at, "bold", boolean)?.unwrap_or(false),
            italic: optional(fields, at, "italic", boolean)?.unwrap_or(false),
            underline: optional(fields, at, "underline", boolean)?.unwrap_or(false),
            href: optional(fields, at, "href", string)?.map(Rc::from),
            ..Inline::default()
        });
    }
    match tag {
        None => {
            let code = optional(fields, at, "code", boolean)?.unwrap_or(false);
            let kind = if code {
                InlineKind::Code
            } else {
                InlineKind::Text
            };
            let text = required(fields, at, "text", string)?;
            marks(fields, at, kind, text)
        }
        Some("break") => Ok(Inline::plain("\n")),
        Some("ruby") => {
            let text = required(fields, at, "text", self::text)?;
            let annotation = required(fields, at, "annotation", self::text)?;
            marks(fields, at, InlineKind::Ruby { annotation }, text)
        }
        Some("math") => {
            let text = required(fields, at, "text", self::text)?;
            marks(fields, at, InlineKind::Math, text)
        }
        Some("footnoteRef") => {
            let id = required(fields, at, "id", self::text)?;
            // An empty text stands for "no label": the reference gets its footnote's number
            // once the body is read (a label must not be blank, so the two never mix).
            let label = optional(fields, at, "label", self::text)?.unwrap_or_default();
            scope.refer_to_footnote(&id, at);
            Ok(Inline {
                kind: InlineKind::FootnoteRef { id },
                text: label,
                ..Inline::default()
            })
        }
        Some("image") => {
            let image = picture(fields, at, scope)?;
            Ok(Inline {
                text: image.alt.clone(),
                kind: InlineKind::Image(Box::new(image)),
                ..Inline::default()
            })
        }
        Some(other) => Err(invalid_value(
            &at.key("type"),
            &Value::String(other.to_owned()),
            &format!("one of {INLINE_TYPES}, or no `type` for a run of text"),
        )),
    }
}

/// A run of `kind` with `text` and the marks of a version-2 run object.
fn marks(fields: &Fields, at: &Path<'_>, kind: InlineKind, text: String) -> Read<Inline> {
    let flag = |key: &str| optional(fields, at, key, boolean).map(Option::unwrap_or_default);
    Ok(Inline {
        kind,
        text,
        bold: flag("bold")?,
        italic: flag("italic")?,
        underline: flag("underline")?,
        strike: flag("strike")?,
        sup: flag("sup")?,
        sub: flag("sub")?,
        href: optional(fields, at, "href", string)?.map(Rc::from),
        lang: optional(fields, at, "lang", self::text)?,
        dir: optional(fields, at, "dir", direction)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_of(json: &str) -> Vec<Inline> {
        match parse_article(json) {
            Ok(Article { body, .. }) => match body.into_iter().next() {
                Some(Block::Paragraph(p)) => p.content.0,
                other => panic!("one paragraph expected, got {other:?}"),
            },
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn adjacent_runs_with_one_address_share_it() {
        let runs = runs_of(
            r#"{"schemaVersion": 2, "headline": "h", "body": [{"type": "paragraph", "content": [
                {"text": "a", "href": "/x"}, {"text": "b", "bold": true, "href": "/x"},
                "plain", {"text": "c", "href": "/x"}, {"text": "d", "href": "/y"}]}]}"#,
        );
        let hrefs: Vec<Option<&Rc<str>>> = runs.iter().map(|r| r.href.as_ref()).collect();
        let [Some(a), Some(b), None, Some(c), Some(d)] = hrefs.as_slice() else {
            panic!("five runs, the third unlinked: {hrefs:?}");
        };
        assert!(Rc::ptr_eq(a, b), "neighbours share one copy");
        // Only neighbours are compared (an unlinked run ends the sharing), and sharing never
        // changes an address.
        assert!(!Rc::ptr_eq(a, c));
        assert_eq!((c.as_ref(), d.as_ref()), ("/x", "/y"));
        assert!(!Rc::ptr_eq(c, d));
    }

    /// A version-2 article with `extra` fields, its body one paragraph of `content`.
    fn article_with(extra: &str, content: &str) -> Result<Article, ArticleError> {
        parse_article(&format!(
            r#"{{"schemaVersion": 2, "headline": "h", {extra} "body": [{{"type": "paragraph", "content": {content}}}]}}"#
        ))
    }

    #[test]
    fn every_string_comes_out_with_its_bidi_controls_balanced() {
        // A stray PDI is dropped, an override left open is closed: in a label, a plain run
        // given as a string, a run object, and an address.
        let article = article_with(
            r#""editor": {"name": "\u2069\u202eevil"},
               "author": [{"name": "a\u202eb", "url": "/\u2069x"}],"#,
            r#"["\u2069\u202eevil", {"text": "\u2067x", "href": "/y"}]"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            article.editor.map(|e| e.name).as_deref(),
            Some("\u{202E}evil\u{202C}")
        );
        let [author] = article.author.as_slice() else {
            panic!("one author: {:?}", article.author);
        };
        assert_eq!(author.name, "a\u{202E}b\u{202C}");
        assert_eq!(author.url.as_deref(), Some("/x"));
        let Some(Block::Paragraph(Paragraph { content })) = article.body.first() else {
            panic!("one paragraph: {:?}", article.body);
        };
        let texts: Vec<&str> = content.0.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["\u{202E}evil\u{202C}", "\u{2067}x\u{2069}"]);
    }

    #[test]
    fn a_paragraph_given_as_one_string_is_balanced_too() {
        let runs = runs_of(
            r#"{"schemaVersion": 2, "headline": "h", "body": [{"type": "paragraph", "content": "\u202bx\u202c\u202c"}]}"#,
        );
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["\u{202B}x\u{202C}"]);
    }

    #[test]
    fn text_that_is_only_stray_controls_is_blank() {
        let Err(e) = article_with(r#""editor": {"name": "\u2069\u202c"},"#, r#""p""#) else {
            panic!("a name of stray closers was accepted");
        };
        assert_eq!(
            e.to_string(),
            "The article does not match the schema at $.editor.name: invalid value: string \"\\u{2069}\\u{202c}\", expected text that is not blank"
        );
    }

    #[test]
    fn a_quoted_value_with_right_to_left_letters_is_isolated_in_the_message() {
        let Err(e) = article_with(
            r#""relatedLink": [{"headline": "r", "url": "/r", "datePublished": "2020-07-01العربية"}],"#,
            r#""p""#,
        ) else {
            panic!("a date with letters after it was accepted");
        };
        let message = e.to_string();
        assert!(
            message.ends_with("; found string \u{2068}\"2020-07-01العربية\"\u{2069}"),
            "{message}"
        );
        // An ASCII value is quoted as before, with no invisible characters.
        let Err(e) = article_with(r#""timeZone": "Asia/Shanghai","#, r#""p""#) else {
            panic!("a time zone name was accepted");
        };
        assert!(
            e.to_string()
                .ends_with(": invalid value: string \"Asia/Shanghai\", expected an offset such as +08:00, -05:00 or Z (time zone names are not supported)"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_block_type_is_quoted_isolated_and_balanced() {
        // The quoted token (backticks included) is balanced: the stray PDI goes, and the RLO is
        // closed at the token's end, inside the isolate.
        let json = r#"{"schemaVersion": 2, "headline": "h", "body": [{"type": "\u2069ب\u202e"}]}"#;
        let Err(e) = parse_article(json) else {
            panic!("an unknown block type was accepted");
        };
        assert!(
            e.to_string().contains(
                ": unknown block type \u{2068}`ب\u{202E}`\u{202C}\u{2069}, expected one of "
            ),
            "{e}"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_schemas_and_the_reader_agree_on_text_of_stray_closers() {
        // Text is blank once balanced exactly when it is white space and closing controls
        // (an opening control is never dropped): the schemas' `nonBlank` says the same.
        let cases = [
            ("\u{2069}", false),
            ("\u{202C} \u{2069}\u{3000}", false),
            ("\u{202B}\u{202C}", true),
            ("\u{2069}x", true),
            ("\u{202E}", true),
        ];
        for schema in [
            include_str!("../../static/schema/article-v1.schema.json"),
            include_str!("../../static/schema/article-v2.schema.json"),
        ] {
            let schema: Value = serde_json::from_str(schema).unwrap_or_else(|e| panic!("{e}"));
            let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{e}"));
            let version = &schema["properties"]["schemaVersion"]["const"];
            for (headline, accepted) in cases {
                let doc = serde_json::json!({
                    "schemaVersion": version, "inLanguage": "en", "headline": headline,
                    "datePublished": "2020-07-01T10:14:37+08:00",
                    "body": [{"type": "paragraph", "content": "p"}],
                });
                assert_eq!(
                    validator.is_valid(&doc),
                    accepted,
                    "{version} {headline:?} by the schema"
                );
                assert_eq!(
                    article_from_value(doc).is_ok(),
                    accepted,
                    "{version} {headline:?} by the reader"
                );
            }
        }
    }
}
