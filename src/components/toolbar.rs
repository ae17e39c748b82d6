//! 打印 T+ T- 主题: printing, the body text size and the colour theme.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::hooks::DocumentRole;
use crate::font_scale::FontScale;
use crate::i18n::Labels;
use crate::theme::{self, Theme};

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
    /// Standalone or embedded: where the theme is put and whether it is remembered.
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
            <ThemeControl role={props.role} labels={labels} />
            { props.children.clone() }
        </div>
    }
}

/// Props of [`ThemeControl`].
#[derive(Properties, PartialEq)]
struct ThemeControlProps {
    /// Standalone or embedded: where the theme is put and whether it is remembered.
    role: DocumentRole,
    /// Interface labels.
    labels: &'static Labels,
}

/// 主题: the theme select and its announcement. A component of its own, with props that do not
/// change while a page is read, so that the toolbar's other updates (T+, a navigation's busy
/// state) do not rebuild its options.
#[function_component]
fn ThemeControl(props: &ThemeControlProps) -> Html {
    let (role, labels) = (props.role, props.labels);
    let control = use_node_ref();
    let theme = use_state(|| theme::remembered(role));
    // The theme last chosen here, announced once by a polite status; none before any choice,
    // so that showing the toolbar (again, after a navigation) announces nothing.
    let announced = use_state(|| None::<Theme>);
    // A toolbar shown again in an embedded reader (a new page in place) takes up the theme its
    // reader already wears, which it cannot know before its own element exists.
    {
        let (theme, control) = (theme.clone(), control.clone());
        use_effect_with((), move |_| {
            if role == DocumentRole::Embedded {
                // Only a different theme re-renders: most readers wear none.
                let worn = reader_of(&control).map_or(Theme::System, |r| theme::worn_by(&r));
                if worn != *theme {
                    theme.set(worn);
                }
            }
        });
    }
    let on_theme = {
        let (theme, announced, control) = (theme.clone(), announced.clone(), control.clone());
        Callback::from(move |event: Event| {
            // The select's value, read without another web-sys feature for HtmlSelectElement.
            let Some(value) = event
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
                .and_then(|v| v.as_string())
            else {
                return;
            };
            let chosen = Theme::from_stored(&value);
            theme::choose(role, reader_of(&control).as_ref(), chosen);
            theme.set(chosen);
            announced.set(Some(chosen));
        })
    };
    html! {
        <>
            <label class="ar-theme" ref={control}>
                { labels.theme }
                <select class="ar-theme-select" onchange={on_theme}>
                    { for Theme::ALL.into_iter().map(|choice| html! {
                        <option value={choice.option_value()} selected={choice == *theme}>
                            { labels.theme_name(choice) }
                        </option>
                    }) }
                </select>
            </label>
            <span class="ar-theme-status ar-visually-hidden" role="status" aria-live="polite">
                { announced.map(|chosen| format!("{} {}", labels.theme_changed, labels.theme_name(chosen)))
                    .unwrap_or_default() }
            </span>
        </>
    }
}

/// The reader root around the theme control.
fn reader_of(control: &NodeRef) -> Option<web_sys::Element> {
    control
        .cast::<web_sys::Element>()?
        .closest(".article-reader")
        .ok()
        .flatten()
}
