//! Reading settings: the colour theme, the typeface, the line spacing and the line width, each
//! a small set of choices with a default that is the reader's original look.
//!
//! A setting is only a name here. The style sheet (`static/article-reader.css`, its "Reading
//! settings" and "Themes" sections) turns a `data-*` attribute into the look: the standalone
//! page puts the attributes on `<html>`, an embedded reader on its own root. The standalone
//! page remembers each choice in `localStorage` under [`Setting::STORAGE_KEY`], which
//! `static/early.js` reads before the first paint, so the three must agree on keys,
//! attributes and stored names; the tests below check the script and the style sheet against
//! the names written out here. A default choice is the absence of its attribute and its key.
//!
//! Nothing here touches the DOM, so plain `cargo test` covers it; the settings panel
//! (`crate::components::settings`) applies and stores the choices.

/// One reading setting: a closed set of choices, stored and worn by name.
pub trait Setting: Copy + Eq + Default + 'static {
    /// Every choice, in the order the settings panel offers them.
    const ALL: &'static [Self];
    /// Where the standalone page remembers the choice.
    const STORAGE_KEY: &'static str;
    /// The attribute that carries a choice other than the default.
    const ATTRIBUTE: &'static str;

    /// The name stored and put in [`Setting::ATTRIBUTE`], or `None` for the default, which is
    /// the absence of both.
    fn to_stored(self) -> Option<&'static str>;

    /// The choice a stored value or attribute names; anything else (an old or tampered value,
    /// a missing one) is the default.
    fn from_stored(text: Option<&str>) -> Self {
        Self::ALL
            .iter()
            .copied()
            .find(|choice| choice.to_stored().is_some() && choice.to_stored() == text)
            .unwrap_or_default()
    }

    /// The value of this choice's radio button in the panel (the default has one too).
    fn option_value(self) -> &'static str;
}

/// A reader's colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// No choice: light, or dark when the system prefers dark (`prefers-color-scheme`).
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

impl Setting for Theme {
    const ALL: &'static [Theme] = &[
        Theme::System,
        Theme::Light,
        Theme::Sepia,
        Theme::Dark,
        Theme::Contrast,
    ];
    const STORAGE_KEY: &'static str = "article-reader.theme";
    const ATTRIBUTE: &'static str = "data-ar-theme";

    fn to_stored(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Sepia => Some("sepia"),
            Theme::Dark => Some("dark"),
            Theme::Contrast => Some("contrast"),
        }
    }

    fn option_value(self) -> &'static str {
        self.to_stored().unwrap_or("system")
    }
}

/// The typeface of the reader's text, with font stacks that name the usual Chinese faces of
/// each style on macOS/iOS, Windows, Android and Linux before the generic family.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Typeface {
    /// Sans serif (黑体), the reader's original face.
    #[default]
    Sans,
    /// Serif (宋体 / 明体).
    Serif,
    /// A brush-style regular script (楷体), where the system has one; serif otherwise.
    Kai,
}

impl Typeface {
    /// The CSS `font-family` list of this face.
    pub fn font_stack(self) -> &'static str {
        match self {
            Typeface::Sans => {
                r#"system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif"#
            }
            Typeface::Serif => {
                r#"Georgia, "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, serif"#
            }
            Typeface::Kai => {
                r#""Kaiti SC", STKaiti, KaiTi, "AR PL UKai CN", "AR PL UKai TW", Georgia, serif"#
            }
        }
    }
}

impl Setting for Typeface {
    const ALL: &'static [Typeface] = &[Typeface::Sans, Typeface::Serif, Typeface::Kai];
    const STORAGE_KEY: &'static str = "article-reader.typeface";
    const ATTRIBUTE: &'static str = "data-ar-typeface";

    fn to_stored(self) -> Option<&'static str> {
        match self {
            Typeface::Sans => None,
            Typeface::Serif => Some("serif"),
            Typeface::Kai => Some("kai"),
        }
    }

    fn option_value(self) -> &'static str {
        self.to_stored().unwrap_or("sans")
    }
}

/// The line spacing of the article's body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineSpacing {
    /// Closer lines, for more text on a small screen.
    Compact,
    /// The reader's original spacing.
    #[default]
    Standard,
    /// Wider, for readers who lose the line.
    Loose,
}

impl LineSpacing {
    /// The body's CSS `line-height`.
    pub fn line_height(self) -> &'static str {
        match self {
            LineSpacing::Compact => "1.6",
            LineSpacing::Standard => "1.9",
            LineSpacing::Loose => "2.3",
        }
    }
}

impl Setting for LineSpacing {
    const ALL: &'static [LineSpacing] = &[
        LineSpacing::Compact,
        LineSpacing::Standard,
        LineSpacing::Loose,
    ];
    const STORAGE_KEY: &'static str = "article-reader.leading";
    const ATTRIBUTE: &'static str = "data-ar-leading";

    fn to_stored(self) -> Option<&'static str> {
        match self {
            LineSpacing::Compact => Some("compact"),
            LineSpacing::Standard => None,
            LineSpacing::Loose => Some("loose"),
        }
    }

    fn option_value(self) -> &'static str {
        self.to_stored().unwrap_or("standard")
    }
}

/// The longest line of the article's body, in `em` of its text, so that it holds as many
/// Chinese characters (each 1 em wide) at every text size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineWidth {
    /// About 30 characters a line.
    Narrow,
    /// About 38 characters a line.
    Medium,
    /// The whole column, the reader's original width.
    #[default]
    Wide,
}

impl LineWidth {
    /// The body's CSS `max-width`.
    pub fn max_width(self) -> &'static str {
        match self {
            LineWidth::Narrow => "30em",
            LineWidth::Medium => "38em",
            LineWidth::Wide => "none",
        }
    }
}

impl Setting for LineWidth {
    const ALL: &'static [LineWidth] = &[LineWidth::Narrow, LineWidth::Medium, LineWidth::Wide];
    const STORAGE_KEY: &'static str = "article-reader.measure";
    const ATTRIBUTE: &'static str = "data-ar-measure";

    fn to_stored(self) -> Option<&'static str> {
        match self {
            LineWidth::Narrow => Some("narrow"),
            LineWidth::Medium => Some("medium"),
            LineWidth::Wide => None,
        }
    }

    fn option_value(self) -> &'static str {
        self.to_stored().unwrap_or("wide")
    }
}

/// The four settings together, as a reader wears them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadingSettings {
    /// The colour theme.
    pub theme: Theme,
    /// The typeface.
    pub typeface: Typeface,
    /// The body's line spacing.
    pub spacing: LineSpacing,
    /// The body's line width.
    pub width: LineWidth,
}

impl ReadingSettings {
    /// The settings `lookup` gives: it is asked for each setting's attribute (or storage key,
    /// with `Key::Storage`) and answers with the stored name, if any.
    pub fn read(key: Key, lookup: impl Fn(&str) -> Option<String>) -> ReadingSettings {
        fn one<S: Setting>(key: Key, lookup: &impl Fn(&str) -> Option<String>) -> S {
            let name = match key {
                Key::Attribute => S::ATTRIBUTE,
                Key::Storage => S::STORAGE_KEY,
            };
            S::from_stored(lookup(name).as_deref())
        }
        ReadingSettings {
            theme: one(key, &lookup),
            typeface: one(key, &lookup),
            spacing: one(key, &lookup),
            width: one(key, &lookup),
        }
    }
}

/// Which name of a setting [`ReadingSettings::read`] looks up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The `data-*` attribute on `<html>` or a reader's root.
    Attribute,
    /// The `localStorage` key.
    Storage,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (key, attribute, stored names) triple, written out here rather than derived.
    const EXPECTED: [(&str, &str, &[&str]); 4] = [
        (
            "article-reader.theme",
            "data-ar-theme",
            &["light", "sepia", "dark", "contrast"],
        ),
        (
            "article-reader.typeface",
            "data-ar-typeface",
            &["serif", "kai"],
        ),
        (
            "article-reader.leading",
            "data-ar-leading",
            &["compact", "loose"],
        ),
        (
            "article-reader.measure",
            "data-ar-measure",
            &["narrow", "medium"],
        ),
    ];

    fn stored_names<S: Setting>() -> Vec<&'static str> {
        S::ALL
            .iter()
            .filter_map(|choice| choice.to_stored())
            .collect()
    }

    #[test]
    fn keys_attributes_and_stored_names() {
        let actual = [
            (
                Theme::STORAGE_KEY,
                Theme::ATTRIBUTE,
                stored_names::<Theme>(),
            ),
            (
                Typeface::STORAGE_KEY,
                Typeface::ATTRIBUTE,
                stored_names::<Typeface>(),
            ),
            (
                LineSpacing::STORAGE_KEY,
                LineSpacing::ATTRIBUTE,
                stored_names::<LineSpacing>(),
            ),
            (
                LineWidth::STORAGE_KEY,
                LineWidth::ATTRIBUTE,
                stored_names::<LineWidth>(),
            ),
        ];
        for ((key, attribute, names), (want_key, want_attribute, want_names)) in
            actual.into_iter().zip(EXPECTED)
        {
            assert_eq!((key, attribute), (want_key, want_attribute));
            assert_eq!(names, want_names, "{key}");
        }
    }

    #[test]
    fn the_early_script_accepts_exactly_the_stored_names() {
        // static/early.js lists, for each setting, the names it copies from storage to
        // <html>; the lists must be these (a name it lacked would flash the default first).
        let script = include_str!("../static/early.js");
        for (key, _, names) in EXPECTED {
            let setting = key.trim_start_matches("article-reader.");
            let list = names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ");
            assert!(
                script.contains(&format!("{setting}: [{list}]")),
                "{setting}: [{list}] in early.js"
            );
        }
    }

    #[test]
    fn the_style_sheet_gives_each_choice_its_value() {
        let css = include_str!("../static/article-reader.css");
        for face in [Typeface::Serif, Typeface::Kai] {
            let name = face.to_stored().unwrap_or_default();
            let rule = format!(
                ".article-reader[data-ar-typeface=\"{name}\"],\n:where(html[data-ar-typeface=\"{name}\"]) .article-reader:not([data-ar-typeface]) {{\n  font-family: {};\n}}",
                face.font_stack()
            );
            assert!(css.contains(&rule), "{rule}");
        }
        for spacing in [LineSpacing::Compact, LineSpacing::Loose] {
            let name = spacing.to_stored().unwrap_or_default();
            let rule = format!(
                ".article-reader[data-ar-leading=\"{name}\"],\n:where(html[data-ar-leading=\"{name}\"]) .article-reader:not([data-ar-leading]) {{ --ar-leading: {}; }}",
                spacing.line_height()
            );
            assert!(css.contains(&rule), "{rule}");
        }
        for width in [LineWidth::Narrow, LineWidth::Medium] {
            let name = width.to_stored().unwrap_or_default();
            let rule = format!(
                ".article-reader[data-ar-measure=\"{name}\"],\n:where(html[data-ar-measure=\"{name}\"]) .article-reader:not([data-ar-measure]) {{ --ar-measure: {}; }}",
                width.max_width()
            );
            assert!(css.contains(&rule), "{rule}");
        }
        // The defaults are the original look, which the base rules give without a variable.
        let defaults = format!(
            "line-height: var(--ar-leading, {}); max-width: var(--ar-measure, {});",
            LineSpacing::Standard.line_height(),
            LineWidth::Wide.max_width()
        );
        assert!(css.contains(&defaults), "{defaults}");
    }

    #[test]
    fn the_original_look_is_the_default_of_every_setting() {
        assert_eq!(
            ReadingSettings::default(),
            ReadingSettings {
                theme: Theme::System,
                typeface: Typeface::Sans,
                spacing: LineSpacing::Standard,
                width: LineWidth::Wide,
            }
        );
        assert_eq!(LineSpacing::Standard.line_height(), "1.9");
    }

    #[test]
    fn unknown_cased_or_default_names_mean_the_default() {
        for text in ["", "system", "Dark", "night", "dark ", "sans"] {
            assert_eq!(Theme::from_stored(Some(text)), Theme::System, "{text:?}");
            assert_eq!(
                Typeface::from_stored(Some(text)),
                Typeface::Sans,
                "{text:?}"
            );
        }
        for text in ["standard", "LOOSE", "2"] {
            assert_eq!(
                LineSpacing::from_stored(Some(text)),
                LineSpacing::Standard,
                "{text:?}"
            );
        }
        assert_eq!(LineWidth::from_stored(Some("wide")), LineWidth::Wide);
        assert_eq!(LineWidth::from_stored(None), LineWidth::Wide);
    }

    #[test]
    fn reads_every_setting_by_attribute_or_by_key() {
        let attributes = |name: &str| {
            match name {
                "data-ar-theme" => Some("sepia"),
                "data-ar-typeface" => Some("kai"),
                "data-ar-leading" => Some("loose"),
                "data-ar-measure" => Some("narrow"),
                _ => None,
            }
            .map(String::from)
        };
        let wanted = ReadingSettings {
            theme: Theme::Sepia,
            typeface: Typeface::Kai,
            spacing: LineSpacing::Loose,
            width: LineWidth::Narrow,
        };
        assert_eq!(ReadingSettings::read(Key::Attribute, attributes), wanted);
        // The same lookup asked for storage keys finds nothing: every default.
        assert_eq!(
            ReadingSettings::read(Key::Storage, attributes),
            ReadingSettings::default()
        );
        let storage = |name: &str| (name == "article-reader.measure").then(|| "medium".to_owned());
        assert_eq!(
            ReadingSettings::read(Key::Storage, storage).width,
            LineWidth::Medium
        );
    }

    #[test]
    fn every_choice_has_a_distinct_option_value() {
        fn distinct<S: Setting>() -> usize {
            let mut values: Vec<_> = S::ALL.iter().map(|c| c.option_value()).collect();
            values.sort_unstable();
            values.dedup();
            values.len()
        }
        assert_eq!(distinct::<Theme>(), 5);
        assert_eq!(distinct::<Typeface>(), 3);
        assert_eq!(distinct::<LineSpacing>(), 3);
        assert_eq!(distinct::<LineWidth>(), 3);
    }
}
