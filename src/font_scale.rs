//! The body text size behind T+ and T-: a bounded scale of steps.
//!
//! Sizes are percentages of the reader's base size (which itself follows the browser's root
//! font size, so a reader's own browser setting still counts). A scale of fixed steps, rather than
//! "add 2px", keeps every size one the style sheet was designed for and gives T+/T- a clear end
//! at which the button is disabled.

/// The steps, in percent of the base size.
pub const STEPS: [u16; 7] = [80, 90, 100, 115, 130, 150, 175];

/// The step a reader starts at: 100%.
pub const DEFAULT_STEP: usize = 2;

/// One position on the scale. Always a valid index into [`STEPS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FontScale(usize);

impl Default for FontScale {
    fn default() -> Self {
        FontScale(DEFAULT_STEP)
    }
}

impl FontScale {
    /// The scale at a step index, clamped into range.
    pub fn at(step: usize) -> Self {
        FontScale(step.min(STEPS.len() - 1))
    }

    /// The step index, 0 for the smallest.
    pub fn step(self) -> usize {
        self.0
    }

    /// One step larger, or unchanged at the top.
    pub fn bigger(self) -> Self {
        FontScale::at(self.0 + 1)
    }

    /// One step smaller, or unchanged at the bottom.
    pub fn smaller(self) -> Self {
        FontScale(self.0.saturating_sub(1))
    }

    /// Whether T+ can do anything.
    pub fn can_grow(self) -> bool {
        self.0 + 1 < STEPS.len()
    }

    /// Whether T- can do anything.
    pub fn can_shrink(self) -> bool {
        self.0 > 0
    }

    /// The size in percent, e.g. 115.
    pub fn percent(self) -> u16 {
        STEPS.get(self.0).copied().unwrap_or(100)
    }

    /// The scale saved as text by [`FontScale::to_stored`], if the text is one; anything else
    /// (another program's value, a hand edit) is ignored rather than trusted.
    pub fn from_stored(text: &str) -> Option<Self> {
        let step: usize = text.trim().parse().ok()?;
        (step < STEPS.len()).then_some(FontScale(step))
    }

    /// The scale as text for storage.
    pub fn to_stored(self) -> String {
        self.0.to_string()
    }

    /// The CSS class that sets this size (`ar-size-3`). A class, not an inline style, so the
    /// reader works under a Content-Security-Policy that forbids inline styles.
    pub fn class(self) -> String {
        format!("ar-size-{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_at_one_hundred_percent() {
        assert_eq!(FontScale::default().percent(), 100);
        assert!(FontScale::default().can_grow() && FontScale::default().can_shrink());
    }

    #[test]
    fn steps_up_to_the_top_and_stops() {
        let mut s = FontScale::default();
        let mut seen = vec![s.percent()];
        while s.can_grow() {
            s = s.bigger();
            seen.push(s.percent());
        }
        assert_eq!(seen, [100, 115, 130, 150, 175]);
        assert_eq!(s.bigger(), s, "T+ at the top changes nothing");
    }

    #[test]
    fn steps_down_to_the_bottom_and_stops() {
        let mut s = FontScale::default();
        while s.can_shrink() {
            s = s.smaller();
        }
        assert_eq!(s.percent(), 80);
        assert_eq!(s.smaller(), s, "T- at the bottom changes nothing");
        assert_eq!(s.class(), "ar-size-0");
    }

    #[test]
    fn stored_values_round_trip_and_junk_is_ignored() {
        let s = FontScale::default().bigger();
        assert_eq!(FontScale::from_stored(&s.to_stored()), Some(s));
        for junk in ["", "7", "-1", "2.5", "big", "99999999999999999999999"] {
            assert_eq!(FontScale::from_stored(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn at_clamps() {
        assert_eq!(FontScale::at(99).percent(), 175);
        assert!(STEPS.windows(2).all(|w| w[0] < w[1]), "steps ascend");
    }

    /// The declarations of the rule whose selector is exactly `selector`, if the sheet has one.
    fn rule<'a>(css: &'a str, selector: &str) -> Option<&'a str> {
        css.split('}').find_map(|chunk| {
            let (head, body) = chunk.split_once('{')?;
            (head.trim() == selector).then_some(body)
        })
    }

    #[test]
    fn every_step_has_its_css_rule_at_its_size() {
        let css = include_str!("../static/article-reader.css");
        for (step, percent) in STEPS.iter().enumerate() {
            let class = format!("ar-size-{step}");
            assert_eq!(FontScale::at(step).class(), class);
            let selector = format!(".article-reader .ar-body.{class}");
            let body = rule(css, &selector).unwrap_or_else(|| panic!("no rule {selector}"));
            // The rule scales the base size by the step: `font-size: calc(1.125rem * 1.15)`.
            let size = body
                .split(';')
                .find_map(|d| d.trim().strip_prefix("font-size:"))
                .unwrap_or_else(|| panic!("{selector} has no font-size"));
            let factor: f64 = size
                .trim()
                .strip_prefix("calc(1.125rem *")
                .and_then(|rest| rest.strip_suffix(')'))
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("{selector}: unexpected size {size:?}"));
            assert_eq!(
                (factor * 100.0).round() as u16,
                *percent,
                "{selector} is not {percent}%"
            );
        }
    }
}
