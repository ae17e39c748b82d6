//! 打印 T+ T-: printing and the body text size.

use yew::prelude::*;

use crate::font_scale::FontScale;
use crate::i18n::Labels;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The current text size.
    pub font: FontScale,
    /// Called for T+.
    pub on_bigger: Callback<()>,
    /// Called for T-.
    pub on_smaller: Callback<()>,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// Print, enlarge and shrink buttons, and the current size as a live status.
///
/// At a bound the button is marked `aria-disabled` rather than `disabled`: a disabled button
/// drops keyboard focus to the page body at the very moment the reader pressed it, while an
/// `aria-disabled` one keeps focus, is announced as unavailable, and simply does nothing.
#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let labels = props.labels;
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            // The browser's own print dialog; the print style sheet leaves the article alone.
            let _ = window.print();
        }
    });
    let step = |enabled: bool, callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| {
            if enabled {
                callback.emit(());
            }
        })
    };
    let (can_grow, can_shrink) = (props.font.can_grow(), props.font.can_shrink());
    html! {
        <div class="ar-toolbar" role="group" aria-label={labels.toolbar_name}>
            <button type="button" class="ar-print" aria-label={labels.print_name} onclick={print}>
                { labels.print }
            </button>
            <button type="button" class="ar-bigger" aria-label={labels.bigger_name}
                    aria-disabled={(!can_grow).then_some("true")}
                    onclick={step(can_grow, &props.on_bigger)}>
                { "T+" }
            </button>
            <button type="button" class="ar-smaller" aria-label={labels.smaller_name}
                    aria-disabled={(!can_shrink).then_some("true")}
                    onclick={step(can_shrink, &props.on_smaller)}>
                { "T-" }
            </button>
            <span class="ar-size-status" role="status" aria-live="polite">
                { format!("{} {}%", labels.text_size, props.font.percent()) }
            </span>
        </div>
    }
}
