//! The line under the headline: 发布时间, 来源 and any authors.

use yew::prelude::*;

use super::link::SafeLink;
use super::ArticleRef;
use crate::article::DateTime;
use crate::i18n::{Labels, COLON};

/// Props of [`MetaLine`].
#[derive(Properties, PartialEq)]
pub struct MetaLineProps {
    /// The article whose metadata is shown.
    pub article: ArticleRef,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// Publication time in a `<time datetime>`, shown as the site shows it; the source, linked
/// when the article gives its address; the authors, when named.
#[function_component]
pub fn MetaLine(props: &MetaLineProps) -> Html {
    let article = &props.article;
    let labels = props.labels;
    // Validation already proved the date parses; if it somehow did not, show it verbatim.
    let published = article.date_published.as_ref().map(|written| {
        let parsed = DateTime::parse_lenient(written).ok();
        let shown = parsed
            .map(|d| d.display())
            .unwrap_or_else(|| written.clone());
        let machine = parsed
            .map(|d| d.to_iso())
            .unwrap_or_else(|| written.clone());
        html! {
            <span class="ar-published">
                { labels.published }{ COLON }
                <time datetime={machine}>{ shown }</time>
            </span>
        }
    });
    let source = article.source_organization.as_ref().map(|source| {
        let name = match &source.url {
            Some(url) => html! { <SafeLink href={url.clone()}>{ source.name.clone() }</SafeLink> },
            // Names are isolated (as links are by `SafeLink`): a direction override in one
            // cannot run on into the next part of the line.
            None => html! { <bdi>{ source.name.clone() }</bdi> },
        };
        html! { <span class="ar-source">{ labels.source }{ COLON }{ name }</span> }
    });
    let authors = (!article.author.is_empty()).then(|| {
        let names = article.author.iter().enumerate().map(|(i, person)| {
            let comma = (i > 0).then_some("、");
            let name = match &person.url {
                Some(url) => {
                    html! { <SafeLink href={url.clone()}>{ person.name.clone() }</SafeLink> }
                }
                None => html! { <bdi>{ person.name.clone() }</bdi> },
            };
            html! { <>{ comma }{ name }</> }
        });
        html! { <span class="ar-author">{ labels.author }{ COLON }{ for names }</span> }
    });
    html! {
        <p class="ar-meta">
            { published }
            // Spaces between the parts: the capture lost this one ("10:14:37来源"), and screen
            // readers and copy-paste need it.
            if let Some(source) = source { { " " }{ source } }
            if let Some(authors) = authors { { " " }{ authors } }
        </p>
    }
}
