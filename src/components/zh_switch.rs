//! 繁體 / 简体: shows a Chinese article in the other script.
//!
//! [`use_zh_switch`] owns the choice and the converted copy of the article; the reader shows
//! what it returns (so the reader's `lang`, the document's title and the labels follow the
//! text) and puts its button in the toolbar. The conversion tables are fetched only when a
//! reader first asks for them (`crate::zh_convert::load`), then kept for the page's life, so
//! the base Wasm carries no dictionary. The copy is made by `crate::article::convert::map_text`,
//! which converts text and never an address.
//!
//! The choice is the script a reader prefers. A standalone reader remembers it across articles
//! and visits, as it remembers the text size; an embedded reader starts from the original,
//! because its host owns such preferences.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::hooks::DocumentRole;
use crate::article::convert::{conversion_for, map_text, Script};
use crate::article::Article;
use crate::zh_convert::{Conversion, Converter, LoadError};

/// Where a standalone reader remembers the preferred script.
const STORAGE_KEY: &str = "article-reader.zh-script";

thread_local! {
    /// The converters loaded so far: at most one per conversion, kept for the page's life so
    /// that the next article converts without a second download.
    static CONVERTERS: RefCell<Vec<(Conversion, Rc<Converter>)>> = const { RefCell::new(Vec::new()) };
}

fn cached(conversion: Conversion) -> Option<Rc<Converter>> {
    CONVERTERS.with(|cache| {
        cache
            .borrow()
            .iter()
            .find(|(c, _)| *c == conversion)
            .map(|(_, converter)| converter.clone())
    })
}

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refuse access (privacy modes); the reader then just forgets.
    web_sys::window()?.local_storage().ok()?
}

fn stored(script: Script) -> &'static str {
    match script {
        Script::Simplified => "hans",
        Script::Traditional => "hant",
    }
}

/// The script a standalone reader last chose, if any.
fn remembered(role: DocumentRole) -> Option<Script> {
    if role != DocumentRole::Standalone {
        return None;
    }
    let text = local_storage()?.get_item(STORAGE_KEY).ok()??;
    [Script::Simplified, Script::Traditional]
        .into_iter()
        .find(|script| stored(*script) == text)
}

/// The converted copy of `article`: every visible string through `converter`, and the
/// language tag of the script it is now written in.
fn converted(article: &Article, conversion: Conversion, converter: &Converter) -> Rc<Article> {
    let mut copy = article.clone();
    map_text(&mut copy, &mut |text: &mut String| {
        if let std::borrow::Cow::Owned(new) = converter.convert(text) {
            *text = new;
        }
    });
    copy.in_language = Some(conversion.target_lang().to_owned());
    Rc::new(copy)
}

#[cfg(target_arch = "wasm32")]
async fn load(conversion: Conversion) -> Result<Converter, LoadError> {
    crate::zh_convert::load(crate::zh_convert::DEFAULT_BASE, conversion).await
}

/// Outside a browser (the prerender command) nothing is fetched: the page is rendered in its
/// original script, and nobody presses the button there.
#[cfg(not(target_arch = "wasm32"))]
async fn load(_: Conversion) -> Result<Converter, LoadError> {
    Err(LoadError::Network {
        url: crate::zh_convert::DEFAULT_BASE.to_owned(),
        detail: "no browser".to_owned(),
    })
}

/// Whether the tables are being fetched, or could not be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Idle,
    Busy,
    Failed,
}

/// What [`use_zh_switch`] gives the reader.
pub struct ZhView {
    /// The article to show: the converted copy while the reader has it on, else the original.
    pub article: Option<Rc<Article>>,
    /// The 繁體 / 简体 button and its status, for the toolbar; empty for an article that is not
    /// Chinese.
    pub switch: Html,
}

/// The 繁/简 state of a reader showing `article` (`None` while no article is shown), whose
/// language is `fallback_tag` when the article names none.
#[hook]
pub fn use_zh_switch(
    role: DocumentRole,
    article: Option<Rc<Article>>,
    fallback_tag: &'static str,
) -> ZhView {
    let wanted = use_state(move || remembered(role));
    let status = use_state(|| Status::Idle);
    // Counts the tables loaded, so that the copy below is made again once one arrives.
    let loaded = use_state(|| 0u32);
    let conversion = article
        .as_deref()
        .and_then(|a| conversion_for(a.language_or(fallback_tag)));
    // The wanted script, when it is not the article's own: then the article is to be shown
    // converted.
    let active = conversion.filter(|c| *wanted == Some(Script::target_of(*c)));
    // Made while rendering when the table is at hand, so that a remembered choice shows the
    // next article converted from its first paint, without the original flashing first.
    let copy = use_memo(
        (article.clone().map(super::ArticleRef), active, *loaded),
        |(article, active, _)| {
            let (article, conversion) = (article.as_ref()?, (*active)?);
            Some(converted(&article.0, conversion, &*cached(conversion)?))
        },
    );
    let copy = (*copy).clone();

    use_effect_with(*wanted, move |wanted| {
        if role == DocumentRole::Standalone {
            if let Some(storage) = local_storage() {
                // Failing to store (quota, privacy mode) only costs the preference.
                let _ = match wanted {
                    Some(script) => storage.set_item(STORAGE_KEY, stored(*script)),
                    None => storage.remove_item(STORAGE_KEY),
                };
            }
        }
    });

    {
        let (status, wanted, loaded) = (status.clone(), wanted.clone(), loaded.clone());
        use_effect_with(active, move |active| {
            let Some(conversion) = *active else {
                return;
            };
            if cached(conversion).is_some() {
                return;
            }
            status.set(Status::Busy);
            wasm_bindgen_futures::spawn_local(async move {
                match load(conversion).await {
                    Ok(converter) => {
                        CONVERTERS.with(|c| c.borrow_mut().push((conversion, Rc::new(converter))));
                        loaded.set(loaded.wrapping_add(1));
                        status.set(Status::Idle);
                    }
                    Err(_) => {
                        // Nothing else changes: the original stays, the button can be pressed
                        // again, and the choice is not kept.
                        wanted.set(None);
                        status.set(Status::Failed);
                    }
                }
            });
        });
    }

    let Some(conversion) = conversion else {
        return ZhView {
            article,
            switch: Html::default(),
        };
    };
    let pressed = copy.is_some();
    let busy = *status == Status::Busy;
    let target = Script::target_of(conversion);
    let onclick = {
        let (wanted, status) = (wanted.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            // While the tables load, the button keeps focus and does nothing (as T+ at its
            // bound does).
            if busy {
                return;
            }
            status.set(Status::Idle);
            wanted.set((!pressed).then_some(target));
        })
    };
    // The button names the script it shows, in that script; the failure message is in the
    // script of the text on screen, which is the original's.
    let (label, label_lang, failure) = match target {
        Script::Traditional => ("繁體", "zh-Hant", "未能加载繁体字转换表，请稍后重试。"),
        Script::Simplified => ("简体", "zh-Hans", "未能載入簡體字轉換表，請稍後再試。"),
    };
    let message = (*status == Status::Failed).then_some(failure);
    ZhView {
        article: copy.or(article),
        switch: html! {
            <>
                <button type="button" class="ar-zh-switch" lang={label_lang}
                        aria-pressed={if pressed { "true" } else { "false" }}
                        aria-busy={busy.then_some("true")}
                        aria-disabled={busy.then_some("true")}
                        onclick={onclick}>
                    { label }
                </button>
                <span class="ar-zh-status" role="status" aria-live="polite">{ message }</span>
            </>
        },
    }
}
