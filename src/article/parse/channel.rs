//! From JSON to a checked [`Channel`], and the one place that tells a channel document from an
//! article: `"kind": "channel"` at the top. A child of the article reader, so that a channel is
//! read by the same field readers, with the same JSONPath errors, date rules and message
//! pattern (see the parent module's documentation); `docs/channel-json.md` is the format.

use serde_json::Value;

use super::{
    crumb, date_v2, direction, invalid_type, invalid_value, kind, object, optional, optional_list,
    required, schema_error, string, text, ArticleError, Fields, Path, Read,
};
use crate::article::channel::{
    Channel, ChannelImage, ChannelItem, ChannelPage, MAX_CHANNEL_ITEMS, MAX_PAGE_NUMBER,
};
use crate::article::Article;
use crate::limits::{LimitError, LimitKind, Limits};

/// What a document is: an article, or one page of a channel.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// An article (`docs/article-json.md`), boxed: it is several times the size of a channel.
    Article(Box<Article>),
    /// A channel page (`docs/channel-json.md`).
    Channel(Channel),
}

/// The `kind` that marks a channel document.
pub const CHANNEL_KIND: &str = "channel";

/// Whether a parsed JSON value is a channel document: an object whose `kind` is `channel`.
/// Anything else is read as an article, whose format has no `kind` (and ignores unknown
/// fields), so every article valid before channels existed still is.
pub fn is_channel(value: &Value) -> bool {
    value.get("kind").and_then(Value::as_str) == Some(CHANNEL_KIND)
}

/// Reads a parsed JSON value as whichever document it is.
pub fn document_from_value(value: Value) -> Result<Document, ArticleError> {
    if is_channel(&value) {
        channel(&value).map(Document::Channel)
    } else {
        super::article_from_value(value).map(|a| Document::Article(Box::new(a)))
    }
}

/// Parses and validates channel JSON text.
pub fn parse_channel(json: &str) -> Result<Channel, ArticleError> {
    let value: Value = serde_json::from_str(json).map_err(|e| ArticleError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: super::strip_position(&e.to_string()),
    })?;
    channel(&value)
}

/// Validates an already-parsed channel document.
pub fn channel_from_value(value: &Value) -> Result<Channel, ArticleError> {
    channel(value)
}

fn channel(value: &Value) -> Read<Channel> {
    let at = Path::Root;
    let Value::Object(fields) = value else {
        return Err(schema_error(
            &at,
            format!("expected a channel object, found {}", kind(value)),
        ));
    };
    required(fields, &at, "kind", |value, at| match value.as_str() {
        Some(CHANNEL_KIND) => Ok(()),
        _ => Err(invalid_value(at, value, "\"channel\"")),
    })?;
    let schema_version = required(fields, &at, "schemaVersion", |value, at| {
        // 1.0 is the number 1 in JSON (and to JSON Schema's `const: 1`).
        match value {
            Value::Number(n) if n.as_f64() == Some(1.0) => Ok(1),
            Value::Number(_) => Err(invalid_value(
                at,
                value,
                "1 (the only channel version this reader understands)",
            )),
            other => Err(invalid_type(at, other, "the number 1")),
        }
    })?;
    Ok(Channel {
        schema_version,
        in_language: optional(fields, &at, "inLanguage", text)?,
        dir: optional(fields, &at, "dir", direction)?,
        url: optional(fields, &at, "url", string)?,
        breadcrumb: optional_list(fields, &at, "breadcrumb", crumb)?,
        title: required(fields, &at, "title", text)?,
        items: required(fields, &at, "items", items)?,
        page: optional(fields, &at, "page", page)?.unwrap_or(ChannelPage {
            number: 1,
            count: None,
            previous: None,
            next: None,
        }),
    })
}

fn items(value: &Value, at: &Path<'_>) -> Read<Vec<ChannelItem>> {
    let Value::Array(items) = value else {
        return Err(invalid_type(at, value, "a sequence"));
    };
    // Refused before any item is read: the count alone decides, whatever the items hold.
    if items.len() > MAX_CHANNEL_ITEMS {
        return Err(schema_error(
            at,
            format!(
                "invalid length {}, expected at most {MAX_CHANNEL_ITEMS} summaries on one page",
                items.len()
            ),
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| summary(item, &at.index(i)))
        .collect()
}

fn summary(value: &Value, at: &Path<'_>) -> Read<ChannelItem> {
    let fields = object(
        value,
        at,
        "a summary such as {\"headline\": …, \"url\": …, \"datePublished\": …}",
    )?;
    Ok(ChannelItem {
        headline: required(fields, at, "headline", text)?,
        url: required(fields, at, "url", string)?,
        date_published: required(fields, at, "datePublished", date_v2)?,
        description: optional(fields, at, "description", text)?,
        image: optional(fields, at, "image", thumbnail)?,
    })
}

fn thumbnail(value: &Value, at: &Path<'_>) -> Read<ChannelImage> {
    let fields = object(value, at, "an image object such as {\"url\": …}")?;
    Ok(ChannelImage {
        url: required(fields, at, "url", string)?,
        alt: optional(fields, at, "alt", string)?.unwrap_or_default(),
    })
}

fn page(value: &Value, at: &Path<'_>) -> Read<ChannelPage> {
    let fields: &Fields = object(value, at, "a page object such as {\"number\": 1}")?;
    let number = required(fields, at, "number", page_number)?;
    let count = optional(fields, at, "count", page_number)?;
    if let Some(count) = count.filter(|count| *count < number) {
        return Err(schema_error(
            &at.key("count"),
            format!("invalid value: integer `{count}`, expected at least the page number {number}"),
        ));
    }
    Ok(ChannelPage {
        number,
        count,
        previous: optional(fields, at, "previous", string)?,
        next: optional(fields, at, "next", string)?,
    })
}

fn page_number(value: &Value, at: &Path<'_>) -> Read<u32> {
    let n = super::bounded_integer(value, at, 1, MAX_PAGE_NUMBER)?;
    // In range by the check above, so the conversion cannot fail.
    Ok(u32::try_from(n).unwrap_or(1))
}

/// Holds a channel to the reader's limits on strings: every text within
/// `limits.textLength` characters and every address within `limits.addressLength`, as for an
/// article (the number of summaries has its own bound, [`MAX_CHANNEL_ITEMS`], checked as the
/// document is read). The first string over its limit is refused, with its path.
pub fn check_channel(channel: &Channel, limits: &Limits) -> Result<(), LimitError> {
    let check = |kind: LimitKind, text: &str, path: &dyn Fn() -> String| {
        let limit = limits.get(kind);
        // A string has at least a quarter as many characters as bytes and never more, so only
        // one longer in bytes than the limit needs counting.
        if text.len() <= limit {
            return Ok(());
        }
        let found = text.chars().count();
        if found <= limit {
            return Ok(());
        }
        Err(LimitError {
            kind,
            limit,
            found,
            path: path(),
        })
    };
    let text_at = |text: &str, path: &dyn Fn() -> String| check(LimitKind::TextLength, text, path);
    let address_at =
        |text: &str, path: &dyn Fn() -> String| check(LimitKind::AddressLength, text, path);
    if let Some(lang) = &channel.in_language {
        text_at(lang, &|| "$.inLanguage".into())?;
    }
    if let Some(url) = &channel.url {
        address_at(url, &|| "$.url".into())?;
    }
    for (i, crumb) in channel.breadcrumb.iter().enumerate() {
        text_at(&crumb.name, &|| format!("$.breadcrumb[{i}].name"))?;
        if let Some(url) = &crumb.url {
            address_at(url, &|| format!("$.breadcrumb[{i}].url"))?;
        }
    }
    text_at(&channel.title, &|| "$.title".into())?;
    for (i, item) in channel.items.iter().enumerate() {
        text_at(&item.headline, &|| format!("$.items[{i}].headline"))?;
        address_at(&item.url, &|| format!("$.items[{i}].url"))?;
        text_at(&item.date_published, &|| {
            format!("$.items[{i}].datePublished")
        })?;
        if let Some(description) = &item.description {
            text_at(description, &|| format!("$.items[{i}].description"))?;
        }
        if let Some(image) = &item.image {
            address_at(&image.url, &|| format!("$.items[{i}].image.url"))?;
            text_at(&image.alt, &|| format!("$.items[{i}].image.alt"))?;
        }
    }
    if let Some(previous) = &channel.page.previous {
        address_at(previous, &|| "$.page.previous".into())?;
    }
    if let Some(next) = &channel.page.next {
        address_at(next, &|| "$.page.next".into())?;
    }
    Ok(())
}
