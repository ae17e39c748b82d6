//! From JSON text to a checked [`Article`], or to an [`ArticleError`] that names the JSON path
//! of the first bad field.
//!
//! Two passes: serde reads the shape (types, required fields, block tags), then [`validate`]
//! checks what types cannot say (the schema version, real dates, heading levels, nesting depth,
//! non-empty text). Both report a path such as `$.body[3].content[0].bold`, because "invalid JSON"
//! alone leaves a CMS developer guessing which of 5,000 fields is wrong.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::datetime::DateTime;
use super::model::{Article, Block, Heading, Image, List, Paragraph, Quote, Table, SCHEMA_VERSION};

/// How many quotes may enclose one another (a quote in a quote is depth 2). Real articles nest
/// one level; the bound keeps parsing and rendering work shallow whatever the input says.
pub const MAX_QUOTE_DEPTH: usize = 8;

thread_local! {
    /// Quotes enclosing the block being deserialized. Checked while deserializing, not after:
    /// each block re-reads its buffered subtree, so deep nesting would otherwise cost
    /// depth × size before validation could refuse it.
    static QUOTE_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one more enclosing quote for as long as it lives.
struct QuoteLevel;

impl QuoteLevel {
    fn enter() -> Option<QuoteLevel> {
        QUOTE_DEPTH.with(|d| {
            if d.get() >= MAX_QUOTE_DEPTH {
                None
            } else {
                d.set(d.get() + 1);
                Some(QuoteLevel)
            }
        })
    }
}

impl Drop for QuoteLevel {
    fn drop(&mut self) {
        QUOTE_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

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
    article_from_value(value)
}

/// Validates an already-parsed JSON value (the embedding API receives objects, not text).
pub fn article_from_value(mut value: Value) -> Result<Article, ArticleError> {
    if !value.is_object() {
        return Err(schema_error(
            "$",
            format!("expected an article object, found {}", kind(&value)),
        ));
    }
    // A version mismatch explains every later error at once, so it is checked before the shape.
    match value.get("schemaVersion") {
        None => {
            return Err(schema_error(
                "$.schemaVersion",
                "missing field `schemaVersion`".into(),
            ))
        }
        // 1.0 is the number 1 in JSON (and to JSON Schema's `const: 1`).
        Some(Value::Number(n)) if n.as_f64() == Some(f64::from(SCHEMA_VERSION)) => {}
        Some(other @ Value::Number(_)) => {
            return Err(ArticleError::UnsupportedVersion {
                found: other.to_string(),
            })
        }
        Some(other) => {
            return Err(schema_error(
                "$.schemaVersion",
                format!(
                    "expected the number {SCHEMA_VERSION}, found {}",
                    kind(other)
                ),
            ))
        }
    }
    // The check above accepted 1.0 too; the typed field wants the integer.
    if let Some(version) = value.get_mut("schemaVersion") {
        *version = Value::from(SCHEMA_VERSION);
    }
    // Present at all, even empty: exactly one of the two may be given.
    if value.get("body").is_some() && value.get("bodyHtml").is_some() {
        return Err(schema_error(
            "$.bodyHtml",
            "give either `body` (blocks) or `bodyHtml` (CMS HTML), not both".into(),
        ));
    }
    let article: Article = serde_path_to_error::deserialize(value).map_err(|e| {
        let outer = json_path(e.path());
        let (inner, reason) = split_nested(&e.inner().to_string());
        schema_error(&format!("{outer}{inner}"), reason)
    })?;
    validate(&article)?;
    Ok(article)
}

fn schema_error(path: &str, reason: String) -> ArticleError {
    ArticleError::Schema {
        path: path.to_owned(),
        reason,
    }
}

/// serde_json appends " at line L column C" to syntax errors; the reader shows the position
/// in its own words.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

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

fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("$");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

// A block is deserialized from a buffered `Value`, so serde_path_to_error's outer tracking stops
// at the block itself. The inner error's path travels inside the error message between these
// markers and is spliced back by `split_nested`. The markers are control characters that
// serde's own messages never contain.
const NESTED: char = '\u{1}';

fn split_nested(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix(NESTED) {
        if let Some((path, reason)) = rest.split_once(NESTED) {
            return (path.to_owned(), reason.to_owned());
        }
    }
    (String::new(), message.to_owned())
}

fn nested_error<E: de::Error>(inner_path: &str, reason: &str) -> E {
    E::custom(format!("{NESTED}{inner_path}{NESTED}{reason}"))
}

const BLOCK_TYPES: &str = "paragraph, heading, image, list, quote, table";

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let Value::Object(map) = value else {
            return Err(nested_error(
                "",
                &format!(
                    "expected a block object with a `type`, found {}",
                    kind(&value)
                ),
            ));
        };
        let tag = match map.get("type") {
            Some(Value::String(tag)) => tag.clone(),
            Some(other) => {
                return Err(nested_error(
                    ".type",
                    &format!(
                        "expected a string naming the block type, found {}",
                        kind(other)
                    ),
                ))
            }
            None => {
                return Err(nested_error(
                    "",
                    &format!("missing field `type` (one of {BLOCK_TYPES})"),
                ))
            }
        };
        match tag.as_str() {
            "paragraph" => fields(map).map(Block::Paragraph),
            "heading" => fields(map).map(Block::Heading),
            "image" => fields(map).map(Block::Image),
            "list" => fields(map).map(Block::List),
            "quote" => {
                let Some(_level) = QuoteLevel::enter() else {
                    return Err(nested_error(
                        "",
                        &format!("quotes nest deeper than {MAX_QUOTE_DEPTH} levels"),
                    ));
                };
                fields(map).map(Block::Quote)
            }
            "table" => fields(map).map(Block::Table),
            other => Err(nested_error(
                ".type",
                &format!("unknown block type `{other}`, expected one of {BLOCK_TYPES}"),
            )),
        }
    }
}

fn fields<T: for<'de> Deserialize<'de>, E: de::Error>(map: Map<String, Value>) -> Result<T, E> {
    serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| {
        let (inner, reason) = split_nested(&e.inner().to_string());
        let here = json_path(e.path());
        let here = here.strip_prefix('$').unwrap_or(&here);
        nested_error(&format!("{here}{inner}"), &reason)
    })
}

/// Checks what the types alone cannot.
pub fn validate(article: &Article) -> Result<(), ArticleError> {
    fn non_blank(path: &str, text: &str) -> Result<(), ArticleError> {
        if text.trim().is_empty() {
            Err(schema_error(path, "must not be empty".into()))
        } else {
            Ok(())
        }
    }
    non_blank("$.inLanguage", &article.in_language)?;
    non_blank("$.headline", &article.headline)?;
    DateTime::parse_instant(&article.date_published)
        .map_err(|e| schema_error("$.datePublished", e.to_string()))?;
    for (i, crumb) in article.breadcrumb.iter().enumerate() {
        non_blank(&format!("$.breadcrumb[{i}].name"), &crumb.name)?;
    }
    if let Some(source) = &article.source_organization {
        non_blank("$.sourceOrganization.name", &source.name)?;
    }
    if let Some(editor) = &article.editor {
        non_blank("$.editor.name", &editor.name)?;
    }
    for (i, author) in article.author.iter().enumerate() {
        non_blank(&format!("$.author[{i}].name"), &author.name)?;
    }
    match (&article.body_html, article.body.is_empty()) {
        (Some(_), false) => {
            return Err(schema_error(
                "$.bodyHtml",
                "give either `body` (blocks) or `bodyHtml` (CMS HTML), not both".into(),
            ))
        }
        (Some(html), true) => non_blank("$.bodyHtml", html)?,
        (None, true) => {
            return Err(schema_error(
                "$.body",
                "the article has no body: give `body` (blocks) or `bodyHtml` (CMS HTML)".into(),
            ))
        }
        (None, false) => {}
    }
    validate_blocks("$.body", &article.body)?;
    for (i, item) in article.related_link.iter().enumerate() {
        non_blank(&format!("$.relatedLink[{i}].headline"), &item.headline)?;
        if let Some(date) = &item.date_published {
            DateTime::parse_lenient(date).map_err(|e| {
                schema_error(&format!("$.relatedLink[{i}].datePublished"), e.to_string())
            })?;
        }
    }
    for (g, group) in article.sidebar.iter().enumerate() {
        non_blank(&format!("$.sidebar[{g}].name"), &group.name)?;
        for (i, item) in group.items.iter().enumerate() {
            non_blank(&format!("$.sidebar[{g}].items[{i}].name"), &item.name)?;
        }
    }
    Ok(())
}

/// Quote depth is not checked here: deserialization already refused deeper nesting.
fn validate_blocks(path: &str, blocks: &[Block]) -> Result<(), ArticleError> {
    for (i, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{i}]");
        match block {
            Block::Heading(Heading { level, .. }) if !(2..=4).contains(level) => {
                return Err(schema_error(
                    &format!("{here}.level"),
                    format!(
                        "heading level must be 2, 3 or 4 (the headline is level 1), found {level}"
                    ),
                ))
            }
            Block::Quote(Quote { content, .. }) => {
                validate_blocks(&format!("{here}.content"), content)?;
            }
            Block::Table(Table { rows, .. }) if rows.is_empty() => {
                return Err(schema_error(
                    &format!("{here}.rows"),
                    "a table needs at least one row".into(),
                ))
            }
            Block::List(List { items, .. }) if items.is_empty() => {
                return Err(schema_error(
                    &format!("{here}.items"),
                    "a list needs at least one item".into(),
                ))
            }
            Block::Paragraph(Paragraph { .. })
            | Block::Heading(_)
            | Block::Image(Image { .. })
            | Block::Table(_)
            | Block::List(_) => {}
        }
    }
    Ok(())
}
