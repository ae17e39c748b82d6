//! The article page: every part of the seed page, in its order, in a responsive layout.

use yew::prelude::*;

use super::body::Body;
use super::breadcrumb::Breadcrumb;
use super::hooks::DocumentRole;
use super::link::LinkBase;
use super::meta::MetaLine;
use super::related::{Neighbours, Related};
use super::share::Share;
use super::sidebar::Sidebar;
use super::toolbar::Toolbar;
#[cfg(not(target_arch = "wasm32"))]
use super::use_static_page;
use super::ArticleRef;
use crate::font_scale::FontScale;
use crate::i18n::{labels_for_tag, Lang, COLON};
use crate::options::EmbedHosts;
use crate::state::BodyProgress;

/// Props of [`ArticlePage`].
#[derive(Properties, PartialEq)]
pub struct ArticlePageProps {
    /// The article to show.
    pub article: ArticleRef,
    /// The body text size.
    pub font: FontScale,
    /// T+.
    pub on_bigger: Callback<()>,
    /// T-.
    pub on_smaller: Callback<()>,
    /// The hosts whose players may be framed.
    #[prop_or_default]
    pub embeds: EmbedHosts,
    /// Which slices of the body are on the page (all of it when not given).
    #[prop_or_default]
    pub progress: Option<BodyProgress>,
    /// Whether the reader is the page or part of a host's page (which address 分享 shares).
    #[prop_or_default]
    pub role: DocumentRole,
    /// The 繁體 / 简体 switch, placed in the toolbar after 分享 (empty when not Chinese).
    #[prop_or_default]
    pub zh_switch: Html,
}

/// Breadcrumb; then the article (headline, meta line, toolbar, body, editor) and related
/// reading in the main column; the sidebar beside it on a wide container, below it on a phone.
#[function_component]
pub fn ArticlePage(props: &ArticlePageProps) -> Html {
    let article = &props.article;
    // Without a language the article wears the default interface (the seed site's Chinese);
    // Chinese in Traditional characters wears Traditional labels.
    let labels = labels_for_tag(article.language_or(Lang::default().tag()));
    #[cfg(target_arch = "wasm32")]
    let base = use_memo(article.clone(), |article| {
        LinkBase::for_article(article.url.as_deref())
    });
    // Outside a browser, relative addresses resolve against the prerendered page's address.
    #[cfg(not(target_arch = "wasm32"))]
    let base = {
        let page = use_static_page().and_then(|page| page.address);
        use_memo(article.clone(), move |article| {
            LinkBase::for_article_on(article.url.as_deref(), page.as_deref())
        })
    };
    let editor = article.editor.as_ref().map(|editor| {
        html! {
            // The name is isolated: a stray direction mark in it cannot reorder the parentheses.
            <p class="ar-editor">{ "(" }{ labels.editor }{ COLON }<bdi>{ editor.name.clone() }</bdi>{ ")" }</p>
        }
    });
    // A body that comes in more than one slice is long: the style sheet then lets the browser
    // skip the blocks off screen (`ar-long`).
    let long = props
        .progress
        .as_ref()
        .is_some_and(|progress| progress.plan.len() > 1)
        .then_some("ar-long");
    html! {
        <ContextProvider<LinkBase> context={(*base).clone()}>
            <Breadcrumb crumbs={article.breadcrumb.clone()} labels={labels} />
            <div class="ar-layout">
                <div class="ar-main">
                    <article class="ar-article">
                        <header class="ar-header">
                            <h1 class="ar-headline" tabindex="-1">{ article.headline.clone() }</h1>
                            <MetaLine article={article.clone()} labels={labels} />
                            <Toolbar font={props.font} on_bigger={props.on_bigger.clone()}
                                     on_smaller={props.on_smaller.clone()} labels={labels}
                                     role={props.role}>
                                <Share article={article.clone()} role={props.role} labels={labels} />
                                { props.zh_switch.clone() }
                            </Toolbar>
                        </header>
                        <div class={classes!("ar-body", props.font.class(), long)}>
                            <Body article={article.clone()} labels={labels}
                                  embeds={props.embeds.clone()}
                                  progress={props.progress.clone()} />
                        </div>
                        { editor }
                        <Neighbours previous={article.previous_article.clone()}
                                    next={article.next_article.clone()} labels={labels} />
                    </article>
                    <Related items={article.related_link.clone()} labels={labels} />
                </div>
                <Sidebar groups={article.sidebar.clone()} labels={labels} />
            </div>
        </ContextProvider<LinkBase>>
    }
}
