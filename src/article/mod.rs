//! The article: its model (plain data types), its dates, its languages' directions, and
//! parsing with validation.
//!
//! Everything here is pure Rust with no DOM access, so plain `cargo test` covers it.

pub mod bidi;
pub mod datetime;
pub mod lang;
pub mod model;
pub mod parse;

pub use datetime::DateTime;
pub use lang::direction_for_language;
pub use model::*;
pub use parse::{article_from_value, parse_article, ArticleError};
