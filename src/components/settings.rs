//! 设置: the reading-settings button and its panel (theme, typeface, line spacing, line width).
//!
//! A disclosure like 分享: the button's `aria-expanded` tells whether the panel is open, Escape
//! closes it and puts focus back on the button. Each setting is a group of native radio
//! buttons under a legend, so name, role, state and arrow-key operation are the browser's own.
//! The panel's content exists only while it is open.
//!
//! The choices and their names are `crate::settings`; this file applies them. The standalone
//! page wears them as attributes on `<html>` (where `static/early.js` puts the stored
//! ones before the first paint) and stores them for the next article and visit; an embedded
//! reader wears them on its own root only and stores nothing, leaving the host page and its
//! storage alone.

use std::cell::Cell;

use yew::prelude::*;

use super::hooks::DocumentRole;
use crate::i18n::Labels;
use crate::settings::{Key, ReadingSettings, Setting, Theme};

thread_local! {
    /// How many settings panels have been created on this page: each takes the next number
    /// for its ids and radio-group names, so that two readers on one page never share a group.
    static PANELS: Cell<u32> = const { Cell::new(0) };
}

fn next_panel_id() -> String {
    let n = PANELS.with(|count| {
        let n = count.get().wrapping_add(1);
        count.set(n);
        n
    });
    format!("ar-settings-{n}")
}

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refuse access (privacy modes, or a getter that throws): the
    // reader then just forgets.
    web_sys::window()?.local_storage().ok()?
}

fn page_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// The reader root around `node`.
fn reader_of(node: &NodeRef) -> Option<web_sys::Element> {
    node.cast::<web_sys::Element>()?
        .closest(".article-reader")
        .ok()
        .flatten()
}

/// The settings the reader wears now: the standalone page's on `<html>` (put there from
/// storage before the first paint), an embedded reader's on its root.
fn worn(role: DocumentRole, root: Option<&web_sys::Element>) -> ReadingSettings {
    let element = match role {
        DocumentRole::Standalone => page_element(),
        DocumentRole::Embedded => root.cloned(),
    };
    element.map_or_else(ReadingSettings::default, |element| {
        ReadingSettings::read(Key::Attribute, |name| element.get_attribute(name))
    })
}

/// Applies one choice: worn where [`worn`] reads it, and stored by the standalone page.
fn choose<S: Setting>(role: DocumentRole, root: Option<&web_sys::Element>, choice: S) {
    let element = match role {
        DocumentRole::Standalone => page_element(),
        DocumentRole::Embedded => root.cloned(),
    };
    if let Some(element) = element {
        let _ = match choice.to_stored() {
            Some(name) => element.set_attribute(S::ATTRIBUTE, name),
            None => element.remove_attribute(S::ATTRIBUTE),
        };
    }
    if role == DocumentRole::Standalone {
        if let Some(storage) = local_storage() {
            // Failing to store (quota, privacy mode) only costs the preference.
            let _ = match choice.to_stored() {
                Some(name) => storage.set_item(S::STORAGE_KEY, name),
                None => storage.remove_item(S::STORAGE_KEY),
            };
        }
    }
}

/// What [`use_settings_panel`] needs.
pub struct SettingsPanelProps {
    /// Standalone or embedded: where the settings are put and whether they are remembered.
    pub role: DocumentRole,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// The 设置 button and its panel.
///
/// A hook that renders, rather than a component: the page calls it with its other hooks and
/// places what it returns, so the Wasm carries no copy of Yew's component lifecycle for it,
/// while the markup, the state and the effects are the same.
#[hook]
pub fn use_settings_panel(props: &SettingsPanelProps) -> Html {
    let (role, labels) = (props.role, &props.labels.settings);
    let open = use_state_eq(|| false);
    let id = use_memo((), |()| next_panel_id());
    let button = use_node_ref();
    let settings = use_state_eq(|| worn(role, None));
    // The theme last chosen here, announced once by a polite status; none before any choice,
    // so that showing the toolbar (again, after a navigation) announces nothing.
    let announced = use_state_eq(|| None::<Theme>);
    {
        // An embedded reader's toolbar, shown again for a new page in place, takes up what its
        // root already wears, which it cannot read before its own element exists. Only a
        // difference renders again (use_state_eq): most readers wear the defaults.
        let (settings, button) = (settings.clone(), button.clone());
        use_effect_with((), move |()| {
            if role == DocumentRole::Embedded {
                settings.set(worn(role, reader_of(&button).as_ref()));
            }
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = super::close_on_escape(open.clone(), button.clone());
    let panel = open.then(|| {
        let theme = {
            let choose = chooser(role, &button, &settings, |s, t| s.theme = t);
            let announced = announced.clone();
            Callback::from(move |chosen: Theme| {
                choose.emit(chosen);
                announced.set(Some(chosen));
            })
        };
        let current = *settings;
        html! {
            <>
                { radio_group(&id, "ar-settings-theme", labels.theme, &labels.theme_names,
                              options(current.theme, theme)) }
                { radio_group(&id, "ar-settings-typeface", labels.typeface,
                              &labels.typeface_names,
                              options(current.typeface,
                                      chooser(role, &button, &settings, |s, t| s.typeface = t))) }
                { radio_group(&id, "ar-settings-spacing", labels.spacing, &labels.spacing_names,
                              options(current.spacing,
                                      chooser(role, &button, &settings, |s, t| s.spacing = t))) }
                { radio_group(&id, "ar-settings-width", labels.width, &labels.width_names,
                              options(current.width,
                                      chooser(role, &button, &settings, |s, t| s.width = t))) }
            </>
        }
    });
    // The panel's id, and the button's reference to it, only while it is open: the closed
    // toolbar then has no id that depends on how many readers this page has made, so the
    // prerendered page and the live one agree.
    let panel_id = open.then(|| AttrValue::from(format!("{id}-panel")));
    // No text node at all before a choice (not an empty one), so that the live toolbar is
    // node for node the prerendered one, which the takeover compares.
    let status = announced.map(|theme| {
        let names = Theme::ALL.iter().zip(labels.theme_names);
        let name = names
            .into_iter()
            .find(|(t, _)| **t == theme)
            .map(|(_, n)| n);
        format!("{} {}", labels.theme_changed, name.unwrap_or_default())
    });
    html! {
        <div class="ar-settings" onkeydown={onkeydown}>
            <button type="button" class="ar-settings-toggle" ref={button}
                    aria-expanded={if *open { "true" } else { "false" }}
                    aria-controls={panel_id.clone()} onclick={toggle}>
                { labels.settings }
            </button>
            <div class="ar-settings-panel" id={panel_id} role="group"
                 aria-label={labels.panel_name} hidden={!*open}>
                { panel }
            </div>
            <span class="ar-settings-status ar-visually-hidden" role="status" aria-live="polite">
                { status }
            </span>
        </div>
    }
}

/// A callback that applies a choice of one setting and keeps the panel's copy of the settings
/// in step (`set` puts the choice in its field).
fn chooser<S: Setting>(
    role: DocumentRole,
    button: &NodeRef,
    settings: &UseStateHandle<ReadingSettings>,
    set: fn(&mut ReadingSettings, S),
) -> Callback<S> {
    let (button, settings) = (button.clone(), settings.clone());
    Callback::from(move |choice: S| {
        choose(role, reader_of(&button).as_ref(), choice);
        let mut next = *settings;
        set(&mut next, choice);
        settings.set(next);
    })
}

/// One setting's choices for [`radio_group`]: each one's radio value and whether it is worn,
/// in the order of `S::ALL`, and a callback taking a choice's index.
fn options<S: Setting>(
    current: S,
    on_choose: Callback<S>,
) -> (Vec<(&'static str, bool)>, Callback<usize>) {
    let values = S::ALL
        .iter()
        .map(|&choice| (choice.option_value(), choice == current))
        .collect();
    let by_index = Callback::from(move |index: usize| {
        if let Some(&choice) = S::ALL.get(index) {
            on_choose.emit(choice);
        }
    });
    (values, by_index)
}

/// One setting as a group of radio buttons under its legend, named `{id}-{class}` so that the
/// group is this panel's alone; `names` are the choices' labels, in the order of `options`.
/// Not generic, so that the markup is compiled once for the four settings.
fn radio_group(
    id: &str,
    class: &'static str,
    legend: &'static str,
    names: &'static [&'static str],
    (values, on_choose): (Vec<(&'static str, bool)>, Callback<usize>),
) -> Html {
    let name = format!("{id}-{class}");
    html! {
        <fieldset class={classes!("ar-settings-group", class)}>
            <legend>{ legend }</legend>
            { for values.into_iter().zip(names).enumerate().map(|(index, ((value, checked), label))| {
                let on_choose = on_choose.clone();
                html! {
                    <label class="ar-settings-choice">
                        <input type="radio" name={name.clone()} value={value} checked={checked}
                               onchange={Callback::from(move |_: Event| on_choose.emit(index))} />
                        { *label }
                    </label>
                }
            }) }
        </fieldset>
    }
}
