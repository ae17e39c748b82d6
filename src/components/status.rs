//! What the reader shows while loading, and when loading failed.

use yew::prelude::*;

use crate::i18n::Labels;
use crate::load::ReaderError;

/// Props of [`Loading`].
#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    /// Interface labels.
    pub labels: &'static Labels,
}

/// A polite live status, so a screen reader hears that something is happening.
#[function_component]
pub fn Loading(props: &LoadingProps) -> Html {
    html! {
        <div class="ar-status ar-loading" role="status" aria-live="polite">
            <span class="ar-spinner" aria-hidden="true"></span>
            { props.labels.loading }
        </div>
    }
}

/// Props of [`ErrorPanel`].
#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    /// What went wrong.
    pub error: std::rc::Rc<ReaderError>,
    /// Starts the load again; `None` where retrying cannot help (an article the host passed).
    pub on_retry: Option<Callback<()>>,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// The specific failure, announced as an alert: a summary in the reader's language, the
/// technical detail (status, content type, JSON path) under it, and a retry button when retrying
/// can help.
#[function_component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    let on_retry = props
        .on_retry
        .as_ref()
        .filter(|_| props.error.retryable())
        .map(|retry| retry.reform(|_: MouseEvent| ()));
    html! {
        <div class="ar-status ar-error" role="alert">
            <h2>{ props.labels.error_title }</h2>
            <p class="ar-error-summary">{ props.error.summary(props.labels.lang) }</p>
            // The technical detail is English whatever the interface language; saying so lets
            // a screen reader pronounce it right.
            <p class="ar-error-detail" lang="en">{ props.error.to_string() }</p>
            if let Some(on_retry) = on_retry {
                <button type="button" class="ar-retry" onclick={on_retry}>{ props.labels.retry }</button>
            }
        </div>
    }
}
