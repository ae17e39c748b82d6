//! The views: one component family per file, each with its props beside it.
//!
//! Data flows one way: [`reader::Reader`] owns the state (see `crate::state`), drives it through
//! the custom hooks in [`hooks`], and hands each part of the page only what it shows. Every string from content reaches the DOM as a text node
//! or, for addresses, through [`link`]'s URL policy; nothing here builds HTML from strings.

pub mod body;
pub mod breadcrumb;
pub mod hooks;
pub mod inline;
pub mod link;
pub mod media;
pub mod meta;
pub mod page;
pub mod reader;
pub mod related;
pub mod sidebar;
pub mod status;
pub mod toolbar;

use std::rc::Rc;

use crate::article::{Article, TextDirection};

/// The primary language subtags written right to left (V2-CONTRACT: `ar`, `he`, `iw`, `fa`,
/// `ur`, `yi`, `ps`, `sd`, `ug`, `dv`, `ckb`, `syr`).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr",
];

/// The writing direction of an article: its own `dir`, else the one its language is written
/// in. (A local rule until the article module offers one; the two must agree with the
/// contract's list above.)
pub fn article_direction(article: &Article, fallback_lang: &str) -> TextDirection {
    article.dir.unwrap_or_else(|| {
        let tag = article.language_or(fallback_lang);
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if RTL_LANGUAGES
            .iter()
            .any(|rtl| rtl.eq_ignore_ascii_case(primary))
        {
            TextDirection::Rtl
        } else {
            TextDirection::Ltr
        }
    })
}

/// A shared, immutable article. Props compare it by pointer: the same loaded article is the
/// same article, and re-rendering after T+ need not walk the whole body to find that out.
#[derive(Clone, Debug)]
pub struct ArticleRef(pub Rc<Article>);

impl PartialEq for ArticleRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ArticleRef {
    type Target = Article;
    fn deref(&self) -> &Article {
        &self.0
    }
}
