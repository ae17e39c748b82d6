//! The views: one component family per file, each with its props beside it.
//!
//! Data flows one way: [`reader::Reader`] owns the state (see `crate::state`), drives it through
//! the custom hooks in [`hooks`], and hands each part of the page only what it shows. Every string from content reaches the DOM as a text node
//! or, for addresses, through [`link`]'s URL policy; nothing here builds HTML from strings.

pub mod body;
pub mod breadcrumb;
pub mod channel;
pub mod hooks;
pub mod inline;
pub mod link;
pub mod media;
pub mod meta;
pub mod navigation;
pub mod page;
pub mod reader;
pub mod related;
pub mod share;
pub mod sidebar;
pub mod status;
pub mod toolbar;

use std::rc::Rc;

use crate::article::Article;

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
