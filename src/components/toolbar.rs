//! 打印 T+ T- 恢复默认 长者模式: printing, the reader's text size and elder mode.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::font_scale::{Mode, SizeChange, TextSize};
use crate::i18n::Labels;

/// Class on the reader being printed with 打印.
pub const PRINTING_READER: &str = "ar-printing";
/// Class on `<html>` while a reader prints; the print style sheet keys off it.
pub const PRINTING_PAGE: &str = "article-reader-printing";

/// The 打印 button's handler, for [`toolbar`]. While this reader prints, the page is marked so
/// that the print style sheet hides everything else; printing from the browser's own menu
/// leaves the host page alone. The hook keeps the listener that unmarks the page after
/// printing, for as long as the page that calls it is shown.
#[hook]
pub fn use_print() -> Callback<MouseEvent> {
    let after_print = use_mut_ref(|| None::<gloo_events::EventListener>);
    Callback::from(move |event: MouseEvent| {
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
    })
}

/// Print (`print`, from [`use_print`]), enlarge, shrink and reset buttons, the elder-mode
/// switch, and the current size as a live status (announced once per change); then the
/// reading settings (`settings`, from `super::settings::use_settings_panel`), and `children`,
/// further tools at the end of the row (分享). The size buttons call `on_size`.
///
/// At a bound the button is marked `aria-disabled` rather than `disabled`: a disabled button
/// drops keyboard focus to the page body at the very moment the reader pressed it, while an
/// `aria-disabled` one keeps focus, is announced as unavailable, and simply does nothing.
///
/// A function rather than a component: the page holds its one hook, and a component would cost
/// the Wasm its own copy of Yew's lifecycle code, while the markup is the same.
pub fn toolbar(
    size: TextSize,
    on_size: &Callback<SizeChange>,
    labels: &'static Labels,
    settings: Html,
    print: Callback<MouseEvent>,
    children: Html,
) -> Html {
    // A button at its bound keeps a click handler that does nothing (see above).
    let step = |change: Option<SizeChange>| {
        let on_size = on_size.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(change) = change {
                on_size.emit(change);
            }
        })
    };
    let (can_grow, can_shrink, can_reset) =
        (size.can_grow(), size.can_shrink(), !size.is_default());
    let elder = size.mode() == Mode::Elder;
    html! {
        <div class="ar-toolbar" role="group" aria-label={labels.toolbar_name}>
            <button type="button" class="ar-print" aria-label={labels.print_name} onclick={print}>
                { labels.print }
            </button>
            <button type="button" class="ar-bigger" aria-label={labels.bigger_name}
                    aria-disabled={(!can_grow).then_some("true")}
                    onclick={step(can_grow.then_some(SizeChange::Bigger))}>
                { "T+" }
            </button>
            <button type="button" class="ar-smaller" aria-label={labels.smaller_name}
                    aria-disabled={(!can_shrink).then_some("true")}
                    onclick={step(can_shrink.then_some(SizeChange::Smaller))}>
                { "T-" }
            </button>
            <button type="button" class="ar-size-reset" aria-label={labels.size.reset_name}
                    aria-disabled={(!can_reset).then_some("true")}
                    onclick={step(can_reset.then_some(SizeChange::Reset))}>
                { labels.size.reset }
            </button>
            <button type="button" class="ar-elder-switch"
                    aria-pressed={if elder { "true" } else { "false" }}
                    onclick={step(Some(SizeChange::ToggleElder))}>
                { labels.size.elder }
            </button>
            <span class="ar-size-status" role="status" aria-live="polite">
                { format!("{} {}%", labels.text_size, size.scale().percent()) }
            </span>
            { settings }
            { children }
        </div>
    }
}
