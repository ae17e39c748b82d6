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
pub mod progress;
pub mod read_aloud;
pub mod reader;
pub mod related;
pub mod settings;
pub mod share;
pub mod sidebar;
pub mod status;
pub mod toolbar;
pub mod zh_switch;

use std::rc::Rc;

use yew::prelude::*;

use crate::article::Article;

/// What a reader rendered outside a browser (by the prerender command, see `crate::prerender`)
/// is told instead of asking the document, which it does not have. Provided as a context
/// around the page; in a browser there is none, and nothing looks for it.
#[derive(Clone, Debug, PartialEq)]
pub struct StaticPage {
    /// Where the page will be published: the base for relative addresses, and the page that
    /// footnote links point within. `None` when unknown: relative addresses and in-page links
    /// then render as text, as they would on a page with no base.
    pub address: Option<Rc<str>>,
    /// The prefix of the body's element ids, the one the first reader in a browser document
    /// takes (`ar1`), so that a page comes out the same each time it is rendered.
    pub id_prefix: AttrValue,
}

/// The [`StaticPage`] around the calling component, outside a browser. The wasm build has no
/// such hook: its views never look for the context, so the browser's reader does no extra work
/// and carries no extra code.
#[cfg(not(target_arch = "wasm32"))]
#[hook]
pub fn use_static_page() -> Option<StaticPage> {
    use_context::<StaticPage>()
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

/// The key handler of a disclosure panel (分享, 设置): Escape closes an open panel and gives
/// focus back to the button that opened it, where a keyboard user left off.
pub(crate) fn close_on_escape(
    open: UseStateHandle<bool>,
    button: NodeRef,
) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" && *open {
            event.prevent_default();
            open.set(false);
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        }
    })
}
