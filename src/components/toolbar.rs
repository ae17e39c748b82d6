//! 打印 T+ T-: printing and the body text size.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::hooks::DocumentRole;
use super::settings::SettingsPanel;
use crate::font_scale::FontScale;
use crate::i18n::Labels;

/// Class on the reader being printed with 打印.
pub const PRINTING_READER: &str = "ar-printing";
/// Class on `<html>` while a reader prints; the print style sheet keys off it.
pub const PRINTING_PAGE: &str = "article-reader-printing";

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
    /// Standalone or embedded: where the reading settings are put and whether they are
    /// remembered.
    #[prop_or_default]
    pub role: DocumentRole,
    /// Further tools at the end of the row (分享).
    #[prop_or_default]
    pub children: Html,
}

/// Print, enlarge and shrink buttons, and the current size as a live status.
///
/// At a bound the button is marked `aria-disabled` rather than `disabled`: a disabled button
/// drops keyboard focus to the page body at the very moment the reader pressed it, while an
/// `aria-disabled` one keeps focus, is announced as unavailable, and simply does nothing.
#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let labels = props.labels;
    // While this reader prints, the page is marked so that the print style sheet hides
    // everything else; printing from the browser's own menu leaves the host page alone.
    let after_print = use_mut_ref(|| None::<gloo_events::EventListener>);
    let print = Callback::from(move |event: MouseEvent| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let reader = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".article-reader").ok().flatten());
        let page = window.document().and_then(|d| d.document_element());
        if let (Some(reader), Some(page)) = (&reader, &page) {
            let _ = reader.class_list().add_1(PRINTING_READER);
            let _ = page.class_list().add_1(PRINTING_PAGE);
            let (reader, page) = (reader.clone(), page.clone());
            *after_print.borrow_mut() = Some(gloo_events::EventListener::once(
                &window,
                "afterprint",
                move |_| {
                    let _ = reader.class_list().remove_1(PRINTING_READER);
                    let _ = page.class_list().remove_1(PRINTING_PAGE);
                },
            ));
        }
        let _ = window.print();
    });
    // A button at its bound keeps a click handler that does nothing (see above).
    let step = |callback: Option<&Callback<()>>| {
        let callback = callback.cloned();
        Callback::from(move |_: MouseEvent| {
            if let Some(callback) = &callback {
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
                    onclick={step(can_grow.then_some(&props.on_bigger))}>
                { "T+" }
            </button>
            <button type="button" class="ar-smaller" aria-label={labels.smaller_name}
                    aria-disabled={(!can_shrink).then_some("true")}
                    onclick={step(can_shrink.then_some(&props.on_smaller))}>
                { "T-" }
            </button>
            <span class="ar-size-status" role="status" aria-live="polite">
                { format!("{} {}%", labels.text_size, props.font.percent()) }
            </span>
            <SettingsPanel role={props.role} labels={labels} />
            { props.children.clone() }
        </div>
    }
}
