//! 您的位置: the breadcrumb trail above the headline.

use yew::prelude::*;

use super::link::{AriaCurrent, SafeLink};
use crate::article::Crumb;
use crate::i18n::{Labels, COLON};

/// Props of [`Breadcrumb`].
#[derive(Properties, PartialEq)]
pub struct BreadcrumbProps {
    /// The trail, root first; the last crumb is the current page.
    pub crumbs: Vec<Crumb>,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// A `nav` landmark named 您的位置, with `>` separators and the current page marked
/// `aria-current="page"`.
#[function_component]
pub fn Breadcrumb(props: &BreadcrumbProps) -> Html {
    if props.crumbs.is_empty() {
        return Html::default();
    }
    let last = props.crumbs.len() - 1;
    let items = props.crumbs.iter().enumerate().map(|(i, crumb)| {
        let current = if i == last {
            AriaCurrent::Page
        } else {
            AriaCurrent::Elsewhere
        };
        let separator = (i > 0).then(|| {
            html! {
                <span class="ar-crumb-sep" aria-hidden="true">{ " > " }</span>
            }
        });
        let label = match &crumb.url {
            Some(url) => html! {
                <SafeLink href={url.clone()} current={current}>{ crumb.name.clone() }</SafeLink>
            },
            None => html! {
                <span aria-current={current.value()} dir="auto">{ crumb.name.clone() }</span>
            },
        };
        html! { <li class="ar-crumb">{ separator }{ label }</li> }
    });
    html! {
        <nav class="ar-breadcrumb" aria-label={props.labels.you_are_here}>
            <span class="ar-breadcrumb-label" aria-hidden="true">
                { props.labels.you_are_here }{ COLON }
            </span>
            <ol>{ for items }</ol>
        </nav>
    }
}
