//! The reader's colour themes: light, sepia, dark and high contrast, or none chosen (then the
//! style sheet follows the system's `prefers-color-scheme`).
//!
//! A theme is only a name here: the colours are sets of custom properties in
//! `static/article-reader.css`, selected by a `data-theme` attribute. The standalone page keeps
//! the choice in `localStorage` under [`STORAGE_KEY`], which `static/theme-early.js` reads before
//! the first paint, so the two must agree on the key and on the stored names.

use crate::components::hooks::DocumentRole;

/// Where the standalone page remembers the theme; `static/theme-early.js` reads the same key.
pub const STORAGE_KEY: &str = "article-reader.theme";

/// The attribute that carries a chosen theme, on `<html>` (standalone) or the reader's root.
pub const ATTRIBUTE: &str = "data-theme";

/// A reader's theme choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// No choice: light, or dark when the system prefers dark.
    #[default]
    System,
    /// Dark text on white, the reader's original look.
    Light,
    /// Dark brown text on a warm paper tone.
    Sepia,
    /// Light text on a near-black ground.
    Dark,
    /// White text and yellow and cyan accents on black.
    Contrast,
}

impl Theme {
    /// Every choice, in the order the theme control offers them.
    pub const ALL: [Theme; 5] = [
        Theme::System,
        Theme::Light,
        Theme::Sepia,
        Theme::Dark,
        Theme::Contrast,
    ];

    /// The value stored and put in `data-theme`, or `None` for [`Theme::System`], which is the
    /// absence of both.
    pub fn to_stored(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Sepia => Some("sepia"),
            Theme::Dark => Some("dark"),
            Theme::Contrast => Some("contrast"),
        }
    }

    /// The theme a stored value names; anything else (an old or tampered value) is no choice.
    pub fn from_stored(text: &str) -> Theme {
        match text {
            "light" => Theme::Light,
            "sepia" => Theme::Sepia,
            "dark" => Theme::Dark,
            "contrast" => Theme::Contrast,
            _ => Theme::System,
        }
    }

    /// The value of the theme control's `<option>` for this theme.
    pub fn option_value(self) -> &'static str {
        self.to_stored().unwrap_or("system")
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refuse access (privacy modes); the reader then just forgets.
    web_sys::window()?.local_storage().ok()?
}

/// The theme a standalone reader last chose, or no choice. An embedded reader starts with no
/// choice of its own: its host owns stored preferences.
pub fn remembered(role: DocumentRole) -> Theme {
    match role {
        DocumentRole::Embedded => Theme::System,
        DocumentRole::Standalone => local_storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .map_or(Theme::System, |text| Theme::from_stored(&text)),
    }
}

/// The theme an element wears through its `data-theme` attribute.
pub fn worn_by(element: &web_sys::Element) -> Theme {
    element
        .get_attribute(ATTRIBUTE)
        .map_or(Theme::System, |text| Theme::from_stored(&text))
}

/// Puts `theme` on `element` (or takes any theme off it, for [`Theme::System`]).
fn wear(element: &web_sys::Element, theme: Theme) {
    let _ = match theme.to_stored() {
        Some(name) => element.set_attribute(ATTRIBUTE, name),
        None => element.remove_attribute(ATTRIBUTE),
    };
}

/// Applies a theme the reader chose. The standalone page puts it on `<html>`, where
/// `static/theme-early.js` puts the stored one before the first paint, and stores it for the
/// next visit; an embedded reader puts it on its own root only, leaving the host page alone.
pub fn choose(role: DocumentRole, reader: Option<&web_sys::Element>, theme: Theme) {
    match role {
        DocumentRole::Standalone => {
            if let Some(page) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                wear(&page, theme);
            }
            if let Some(storage) = local_storage() {
                // Failing to store (quota, privacy mode) only costs the preference.
                let _ = match theme.to_stored() {
                    Some(name) => storage.set_item(STORAGE_KEY, name),
                    None => storage.remove_item(STORAGE_KEY),
                };
            }
        }
        DocumentRole::Embedded => {
            if let Some(reader) = reader {
                wear(reader, theme);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_the_ones_theme_early_js_accepts() {
        // The list in static/theme-early.js, written out here rather than derived.
        let expected = [
            (Theme::System, None),
            (Theme::Light, Some("light")),
            (Theme::Sepia, Some("sepia")),
            (Theme::Dark, Some("dark")),
            (Theme::Contrast, Some("contrast")),
        ];
        for (theme, stored) in expected {
            assert_eq!(theme.to_stored(), stored);
        }
        assert_eq!(Theme::from_stored("sepia"), Theme::Sepia);
        assert_eq!(Theme::from_stored("contrast"), Theme::Contrast);
    }

    #[test]
    fn unknown_or_cased_values_mean_no_choice() {
        for text in ["", "system", "Dark", "night", "dark "] {
            assert_eq!(Theme::from_stored(text), Theme::System, "{text:?}");
        }
    }
}
