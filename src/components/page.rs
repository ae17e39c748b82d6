//! The article page: every part of the seed page, in its order, in a responsive layout.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::body::Body;
use super::breadcrumb::breadcrumb;
use super::hooks::{use_first_frame, DocumentRole, FirstFrame};
use super::link::LinkBase;
use super::meta::{meta_line, use_reading_minutes, ReadingSlot};
use super::progress::{reading_progress, use_reading_progress};
use super::read_aloud::{use_read_aloud, ReadAloudProps};
use super::related::{neighbours, related};
use super::settings::{use_settings_panel, SettingsPanelProps};
use super::share::{use_share, ShareProps};
use super::sidebar::sidebar;
use super::toolbar::{toolbar, use_print};
#[cfg(not(target_arch = "wasm32"))]
use super::use_static_page;
use super::ArticleRef;
use crate::font_scale::{SizeChange, TextSize};
use crate::i18n::{labels_for_tag, Lang, COLON};
use crate::options::EmbedHosts;
use crate::state::{BodyProgress, Extent};

/// The id of the standalone page's article body, the skip link's target (see
/// [`ArticlePageProps::body_id`]).
pub const BODY_ID: &str = "ar-article-body";

/// The skip link moves focus itself rather than letting the browser follow the fragment:
/// following it would add a history entry for the fragment, which Back would then have to undo
/// before it leaves the article. (With scripts off, on a prerendered page, the link works as a
/// plain fragment link.)
fn skip_to_body(event: MouseEvent) {
    let body = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|link| link.closest(".article-reader").ok().flatten())
        .and_then(|reader| reader.query_selector(".ar-body").ok().flatten())
        .and_then(|body| body.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(body) = body {
        event.prevent_default();
        let _ = body.focus();
        body.scroll_into_view();
    }
}

/// Props of [`ArticlePage`].
#[derive(Properties, PartialEq)]
pub struct ArticlePageProps {
    /// The article to show.
    pub article: ArticleRef,
    /// The text size and mode (the reader's root carries their classes).
    pub size: TextSize,
    /// T+, T-, 恢复默认 and the elder-mode switch.
    pub on_size: Callback<SizeChange>,
    /// The hosts whose players may be framed.
    #[prop_or_default]
    pub embeds: EmbedHosts,
    /// Which slices of the body are on the page (all of it when not given).
    #[prop_or_default]
    pub progress: Option<BodyProgress>,
    /// Whether the reader is the page or part of a host's page (which address 分享 shares).
    #[prop_or_default]
    pub role: DocumentRole,
    /// The id the article body wears on a page that has a skip link to it (the standalone page
    /// and its prerendered form: see [`BODY_ID`]); `None` for a reader embedded in a host page,
    /// where two readers would share the id and the host has its own skip links.
    #[prop_or_default]
    pub body_id: Option<AttrValue>,
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
    // The hooks of the meta line, the toolbar and its tools, held here: those are functions of
    // the page, or hooks that render.
    let minutes = use_reading_minutes(article);
    let print = use_print();
    let progress_bar = use_reading_progress();
    let settings = use_settings_panel(&SettingsPanelProps {
        role: props.role,
        labels,
    });
    let share = use_share(&ShareProps {
        article: article.clone(),
        role: props.role,
        labels,
    });
    let read_aloud = use_read_aloud(&ReadAloudProps {
        article: article.clone(),
        labels,
        lang: AttrValue::from(article.language_or(Lang::default().tag()).to_owned()),
    });
    let editor = article.editor.as_ref().map(|editor| {
        html! {
            // The name is isolated: a stray direction mark in it cannot reorder the parentheses.
            <p class="ar-editor">{ "(" }{ labels.editor }{ COLON }<bdi>{ editor.name.clone() }</bdi>{ ")" }</p>
        }
    });
    // A body that comes in more than one slice is long: the style sheet then lets the browser
    // skip the blocks off screen (`ar-long`).
    let extent = props
        .progress
        .as_ref()
        .map_or(Extent::Whole, |progress| progress.extent);
    let is_long = props
        .progress
        .as_ref()
        .is_some_and(|progress| progress.plan.len() > 1 || extent == Extent::FirstPart);
    let long = is_long.then_some("ar-long");
    // A long body's reading time may come after the first paint (a first part has none, and a
    // very long body is counted after it), so its room in the meta line is kept from the start
    // (see `ReadingSlot::Kept`).
    let reading = match (is_long, extent) {
        (true, Extent::FirstPart) => ReadingSlot::Kept(None),
        (true, Extent::Whole) => ReadingSlot::Kept(minutes),
        (false, Extent::FirstPart) => ReadingSlot::Fitted(None),
        (false, Extent::Whole) => ReadingSlot::Fitted(minutes),
    };
    // Until the article's first frame is painted, the style sheet lets the browser skip the
    // layout of the body's blocks off screen (`data-first-frame`): the headline and the first
    // screen are painted without laying out the rest, which follows a task later.
    let first_frame = (use_first_frame(article) == FirstFrame::Pending).then_some("pending");
    let body_id = props.body_id.clone();
    let skip = body_id.as_ref().map(|id| {
        html! {
            <a class="ar-skip" href={format!("#{id}")} onclick={Callback::from(skip_to_body)}>
                { labels.skip_to_body }
            </a>
        }
    });
    html! {
        <>
            { skip }
            { breadcrumb(&article.breadcrumb, labels, &base.0) }
            <div class="ar-layout">
                <div class="ar-main">
                    <article class="ar-article">
                        <header class="ar-header">
                            <h1 class="ar-headline" tabindex="-1">{ article.headline.clone() }</h1>
                            { meta_line(article, labels, reading, &base.0) }
                        </header>
                        // After the header rather than in it: the toolbar sticks to the top of
                        // the window while the article scrolls, and a sticky box only travels
                        // within its parent.
                        { toolbar(props.size, &props.on_size, labels, settings, print, html! {
                            <>
                                { share }
                                { props.zh_switch.clone() }
                                { read_aloud }
                                { reading_progress(progress_bar) }
                            </>
                        }) }
                        <div class={classes!("ar-body", long)} id={body_id} data-first-frame={first_frame}
                             tabindex={props.body_id.is_some().then_some("-1")}>
                            <Body article={article.clone()} labels={labels}
                                  embeds={props.embeds.clone()}
                                  progress={props.progress.clone()} base={(*base).clone()} />
                        </div>
                        { editor }
                        { neighbours(article.previous_article.as_ref(),
                                     article.next_article.as_ref(), labels, &base.0) }
                    </article>
                    { related(&article.related_link, labels, &base.0) }
                </div>
                { sidebar(&article.sidebar, labels, &base.0) }
            </div>
        </>
    }
}
