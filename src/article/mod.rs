//! The article and the channel page: their models (plain data types), dates, languages'
//! directions, and parsing with validation.
//!
//! Everything here is pure Rust with no DOM access, so plain `cargo test` covers it.

pub mod bidi;
pub mod channel;
pub mod convert;
pub mod datetime;
pub mod lang;
pub mod model;
pub mod parse;

pub use channel::{Channel, ChannelImage, ChannelItem, ChannelPage};
pub use datetime::DateTime;
pub use lang::direction_for_language;
pub use model::*;
pub use parse::channel::{document_from_value, parse_channel, Document};
pub use parse::{article_from_value, parse_article, ArticleError};
