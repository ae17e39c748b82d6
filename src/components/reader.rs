//! The root component: one reader, from a source to a rendered page. Its state lives in one
//! reducer (`crate::state`); storage, loading and the document title are hooks in
//! [`super::hooks`].

use yew::prelude::*;

use super::hooks::{
    remembered_font, use_article_load, use_document_title, use_remembered_font, DocumentRole,
};
use super::page::ArticlePage;
use super::status::{ErrorPanel, Loading};
use super::ArticleRef;
use crate::i18n::Lang;
use crate::load::{FetchState, LoadOptions};
use crate::options::ArticleSource;
use crate::state::{ReaderAction, ReaderState};

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The article, or where to get it, or why there is none.
    pub source: ArticleSource,
    /// Time and size limits for fetching.
    #[prop_or_default]
    pub options: LoadOptions,
    /// Language of the interface until an article says otherwise (loading and error messages).
    #[prop_or_default]
    pub ui_lang: Lang,
    /// Whether the reader is the whole document or part of a host's page.
    #[prop_or_default]
    pub role: DocumentRole,
    /// Changes when the host asks to load again, so that loading the same source reloads it.
    #[prop_or_default]
    pub reload: u32,
}

/// One article reader. All its CSS hangs under the `article-reader` class of its root element,
/// whose `data-state` (`loading`, `ready` or `failed`) tells tests and hosts when a load has
/// settled.
#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    let role = props.role;
    let state = use_reducer(move || ReaderState::with_font(remembered_font(role)));
    use_remembered_font(role, state.font);
    let retry = use_article_load(&props.source, props.options, props.reload, &state);
    use_document_title(role, &state.fetch);

    let (lang, tag): (Lang, AttrValue) = match &state.fetch {
        FetchState::Ready(article) => (
            Lang::from_tag(&article.in_language),
            article.in_language.clone().into(),
        ),
        _ => (props.ui_lang, props.ui_lang.tag().into()),
    };
    let labels = lang.labels();
    let content = match &state.fetch {
        FetchState::Loading => html! { <Loading labels={labels} /> },
        FetchState::Failed(error) => {
            // Only a fetched article can come out differently a second time.
            let on_retry = matches!(props.source, ArticleSource::Url(_)).then_some(retry);
            html! { <ErrorPanel error={error.clone()} on_retry={on_retry} labels={labels} /> }
        }
        FetchState::Ready(article) => {
            let bigger = state.dispatcher();
            let smaller = state.dispatcher();
            html! {
                <ArticlePage article={ArticleRef(article.clone())} font={state.font}
                    on_bigger={Callback::from(move |()| bigger.dispatch(ReaderAction::Bigger))}
                    on_smaller={Callback::from(move |()| smaller.dispatch(ReaderAction::Smaller))} />
            }
        }
    };
    html! {
        <div class="article-reader" lang={tag} data-state={state.fetch.data_state()}>
            { content }
        </div>
    }
}
