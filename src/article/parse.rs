//! From JSON to a checked [`Article`], or to an [`ArticleError`] that names the JSON path of the
//! first bad field.
//!
//! serde_json reads the text into a [`Value`]; its recursion limit (128) turns hostile nesting
//! into an error before anything else looks at it. A small reader then walks that value, with
//! one function per model type (`article`, `block`, `inlines`, `run`, ...). Each function
//! is handed the `Path` of the value it reads, so any error can name its place as
//! `$.body[3].content[0].bold` ("invalid JSON" alone leaves a CMS developer guessing which of
//! 5,000 fields is wrong), and `block` is handed the number of quotes around it, so the quote
//! limit is an ordinary argument too. Every rule (types, required fields, real dates, heading
//! levels, non-blank text, the body alternatives) lives in the function of the type it
//! constrains, in one place; there is no second validation pass.
//!
//! The messages follow one pattern, which serde made familiar: `missing field `name`` at the
//! object that lacks it, `invalid type: <found>, expected <what>` for a value of the wrong JSON
//! type, `invalid value: <found>, expected <what>` for a value of the right type that breaks a
//! rule. An optional field that is absent or `null` takes its default; unknown fields are
//! ignored. A later version of the format (more block kinds, blocks inside list items) is a
//! matter of another arm in `block` and another function.

use std::fmt;

use serde_json::{Map, Value};

use super::datetime::DateTime;
use super::model::{
    Article, Block, Blocks, Cell, CellKind, Crumb, Heading, Image, Inline, Inlines, Link, List,
    Paragraph, Person, Quote, RelatedItem, Row, SidebarGroup, Source, Table, SCHEMA_VERSION,
};

/// How many quotes may enclose one another (a quote in a quote is depth 2). Real articles nest
/// one level; the bound keeps parsing and rendering work shallow whatever the input says.
pub const MAX_QUOTE_DEPTH: usize = 8;

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
                "Unsupported article schema version {found} at $.schemaVersion: this reader understands version {SCHEMA_VERSION}"
            ),
            ArticleError::Schema { path, reason } => {
                write!(f, "The article does not match the schema at {path}: {reason}")
            }
        }
    }
}

impl std::error::Error for ArticleError {}

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
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_owned(),
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
            format!("string {head:?}…")
        }
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    }
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
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, &at.index(i)))
        .collect()
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

fn string(value: &Value, at: &Path<'_>) -> Read<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
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

// ---------------------------------------------------------------------------------------------
// The model, one function per type.

fn article(value: &Value) -> Read<Article> {
    let at = Path::Root;
    let Value::Object(fields) = value else {
        return Err(schema_error(
            &at,
            format!("expected an article object, found {}", kind(value)),
        ));
    };
    // A version mismatch explains every later error at once, so it is checked before the rest.
    schema_version(fields)?;
    let (body, body_html) = body(fields, &at)?;
    Ok(Article {
        schema_version: 1,
        in_language: Some(required(fields, &at, "inLanguage", text)?),
        dir: None,
        url: optional(fields, &at, "url", string)?,
        breadcrumb: optional_list(fields, &at, "breadcrumb", crumb)?,
        headline: required(fields, &at, "headline", text)?,
        date_published: Some(required(fields, &at, "datePublished", instant)?),
        date_modified: None,
        time_zone: None,
        source_organization: optional(fields, &at, "sourceOrganization", source)?,
        author: optional_list(fields, &at, "author", person)?,
        editor: optional(fields, &at, "editor", person)?,
        body,
        body_html,
        related_link: optional_list(fields, &at, "relatedLink", related_item)?,
        sidebar: optional_list(fields, &at, "sidebar", sidebar_group)?,
    })
}

fn schema_version(fields: &Fields) -> Read<()> {
    let at = Path::Root;
    let at = at.key("schemaVersion");
    match fields.get("schemaVersion") {
        // Unlike other missing fields, this one is reported at its own path: every version
        // error points at `$.schemaVersion`.
        None => Err(schema_error(&at, "missing field `schemaVersion`".into())),
        // 1.0 is the number 1 in JSON (and to JSON Schema's `const: 1`).
        Some(Value::Number(n)) if n.as_f64() == Some(f64::from(SCHEMA_VERSION)) => Ok(()),
        Some(other @ Value::Number(_)) => Err(ArticleError::UnsupportedVersion {
            found: other.to_string(),
        }),
        Some(other) => Err(schema_error(
            &at,
            format!(
                "expected the number {SCHEMA_VERSION}, found {}",
                kind(other)
            ),
        )),
    }
}

/// The body: exactly one of `body` (blocks) and `bodyHtml` (CMS HTML). The HTML stays text
/// here; the loader imports it in the browser.
fn body(fields: &Fields, at: &Path<'_>) -> Read<(Vec<Block>, Option<String>)> {
    let given = |key: &str| fields.get(key).filter(|v| !v.is_null());
    match (given("body"), given("bodyHtml")) {
        (Some(_), Some(_)) => Err(schema_error(
            &at.key("bodyHtml"),
            "give either `body` (blocks) or `bodyHtml` (CMS HTML), not both".into(),
        )),
        (Some(blocks), None) => {
            non_empty_list(blocks, &at.key("body"), "block", |v, at| block(v, at, 0))
                .map(|blocks| (blocks, None))
        }
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

fn related_item(value: &Value, at: &Path<'_>) -> Read<RelatedItem> {
    let fields = object(
        value,
        at,
        "a related item such as {\"headline\": …, \"url\": …}",
    )?;
    Ok(RelatedItem {
        headline: required(fields, at, "headline", text)?,
        url: required(fields, at, "url", string)?,
        date_published: optional(fields, at, "datePublished", date_or_instant)?,
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

const BLOCK_TYPES: &str = "paragraph, heading, image, list, quote, table";

/// One body block; `quotes` is how many quotes enclose it.
fn block(value: &Value, at: &Path<'_>, quotes: usize) -> Read<Block> {
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
                format!("missing field `type` (one of {BLOCK_TYPES})"),
            ))
        }
    };
    match tag {
        "paragraph" => paragraph(fields, at).map(Block::Paragraph),
        "heading" => heading(fields, at).map(Block::Heading),
        "image" => image(fields, at).map(Block::Image),
        "list" => list_block(fields, at).map(Block::List),
        "quote" => quote(fields, at, quotes).map(Block::Quote),
        "table" => table(fields, at).map(Block::Table),
        other => Err(schema_error(
            &at.key("type"),
            format!("unknown block type `{other}`, expected one of {BLOCK_TYPES}"),
        )),
    }
}

fn paragraph(fields: &Fields, at: &Path<'_>) -> Read<Paragraph> {
    Ok(Paragraph {
        content: required(fields, at, "content", inlines)?,
    })
}

fn heading(fields: &Fields, at: &Path<'_>) -> Read<Heading> {
    Ok(Heading {
        level: optional(fields, at, "level", heading_level)?.unwrap_or(2),
        content: required(fields, at, "content", inlines)?,
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

fn image(fields: &Fields, at: &Path<'_>) -> Read<Image> {
    Ok(Image {
        src: required(fields, at, "src", string)?,
        alt: required(fields, at, "alt", string)?,
        caption: optional(fields, at, "caption", inlines)?,
        ..Image::default()
    })
}

fn list_block(fields: &Fields, at: &Path<'_>) -> Read<List> {
    Ok(List {
        ordered: optional(fields, at, "ordered", boolean)?.unwrap_or(false),
        start: None,
        reversed: false,
        items: required(fields, at, "items", |v, at| {
            non_empty_list(v, at, "item", |v, at| inlines(v, at).map(Blocks::paragraph))
        })?,
    })
}

/// A quote, `quotes` quotes deep. The limit is checked before the content is read, so a deeply
/// nested document costs no more than one at the limit.
fn quote(fields: &Fields, at: &Path<'_>, quotes: usize) -> Read<Quote> {
    if quotes >= MAX_QUOTE_DEPTH {
        return Err(schema_error(
            at,
            format!(
                "quotes nest deeper than {MAX_QUOTE_DEPTH} levels: this is quote number {} inside one another, expected at most {MAX_QUOTE_DEPTH}",
                quotes + 1
            ),
        ));
    }
    Ok(Quote {
        content: required(fields, at, "content", |v, at| {
            list(v, at, |v, at| block(v, at, quotes + 1))
        })?,
        cite: optional(fields, at, "cite", string)?,
    })
}

fn table(fields: &Fields, at: &Path<'_>) -> Read<Table> {
    Ok(Table {
        caption: optional(fields, at, "caption", string)?.map(|c| Inlines(vec![Inline::plain(c)])),
        head: optional_list(fields, at, "header", cell_v1).map(|cells| {
            if cells.is_empty() {
                Vec::new()
            } else {
                vec![Row {
                    cells: cells.into_iter().map(Cell::header_v1).collect(),
                }]
            }
        })?,
        rows: required(fields, at, "rows", |v, at| {
            non_empty_list(v, at, "row", |row, at| {
                list(row, at, cell_v1).map(|cells| Row { cells })
            })
        })?,
    })
}

/// Inline runs: a string (one plain run) or an array of strings and run objects.
fn inlines(value: &Value, at: &Path<'_>) -> Read<Inlines> {
    match value {
        Value::String(s) => Ok(Inlines(vec![Inline::plain(s.as_str())])),
        Value::Array(_) => list(value, at, |item, at| match item {
            Value::String(s) => Ok(Inline::plain(s.as_str())),
            Value::Object(fields) => run(fields, at),
            other => Err(invalid_type(
                at,
                other,
                "a string or an inline run object such as {\"text\": \"…\"}",
            )),
        })
        .map(Inlines),
        other => Err(invalid_type(
            at,
            other,
            "a string or an array of inline runs",
        )),
    }
}

fn run(fields: &Fields, at: &Path<'_>) -> Read<Inline> {
    Ok(Inline {
        text: required(fields, at, "text", string)?,
        bold: optional(fields, at, "bold", boolean)?.unwrap_or(false),
        italic: optional(fields, at, "italic", boolean)?.unwrap_or(false),
        underline: optional(fields, at, "underline", boolean)?.unwrap_or(false),
        href: optional(fields, at, "href", string)?,
        ..Inline::default()
    })
}

/// A version-1 table cell: inline runs, read as a data cell holding one paragraph.
fn cell_v1(value: &Value, at: &Path<'_>) -> Read<Cell> {
    Ok(Cell {
        kind: CellKind::Data,
        colspan: 1,
        rowspan: 1,
        content: Blocks::paragraph(inlines(value, at)?),
    })
}
