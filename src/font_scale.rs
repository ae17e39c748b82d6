//! The text size behind T+, T- and 恢复默认, and elder mode (长者模式): a bounded scale of steps.
//!
//! Sizes are percentages of the reader's base size (which itself follows the browser's root
//! font size, so a reader's own browser setting still counts). A step scales the whole reader,
//! not only the body: the style sheet sets every font size in `em` of the reader's root, whose
//! size is the base times the step (`--ar-scale`), so headline, headings, body, breadcrumb,
//! meta line, toolbar and sidebar keep their proportions at every step. A scale of fixed steps,
//! rather than "add 2px", keeps every size one the style sheet was designed for and gives
//! T+/T- a clear end at which the button is disabled.
//!
//! Elder mode (长者模式 / 关怀版) keeps a size of its own among the largest steps: switching it
//! on shows the top step (body text 31.5 px at the browser's default 16 px), T- stops at
//! [`ELDER_LOWEST_STEP`], and switching it off brings back the size the reader had chosen before.

/// The steps, in percent of the base size.
pub const STEPS: [u16; 7] = [80, 90, 100, 115, 130, 150, 175];

/// The step a reader starts at: 100%.
pub const DEFAULT_STEP: usize = 2;

/// The smallest step elder mode offers: 150%, body text 27 px.
pub const ELDER_LOWEST_STEP: usize = 5;

/// The step elder mode starts at: the top, 175%, body text 31.5 px (at least 30 px, the size
/// issue 11 asks of elder mode).
pub const ELDER_STEP: usize = STEPS.len() - 1;

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

/// Whether the reader is in elder mode (长者模式).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The ordinary reader: every step from 80% to 175%.
    #[default]
    Normal,
    /// Elder mode: large text among the top steps, larger targets, one calm column.
    Elder,
}

impl Mode {
    /// The mode saved as text by [`Mode::to_stored`], if the text is one (`"1"` or `"0"`);
    /// anything else is ignored rather than trusted.
    pub fn from_stored(text: &str) -> Option<Self> {
        match text.trim() {
            "1" => Some(Mode::Elder),
            "0" => Some(Mode::Normal),
            _ => None,
        }
    }

    /// The mode as text for storage.
    pub fn to_stored(self) -> &'static str {
        match self {
            Mode::Normal => "0",
            Mode::Elder => "1",
        }
    }

    /// The other mode: what the elder-mode switch does.
    pub fn toggled(self) -> Self {
        match self {
            Mode::Normal => Mode::Elder,
            Mode::Elder => Mode::Normal,
        }
    }

    /// The lowest step this mode offers.
    fn lowest(self) -> usize {
        match self {
            Mode::Normal => 0,
            Mode::Elder => ELDER_LOWEST_STEP,
        }
    }

    /// The step this mode starts at, and where 恢复默认 returns to.
    fn default_step(self) -> usize {
        match self {
            Mode::Normal => DEFAULT_STEP,
            Mode::Elder => ELDER_STEP,
        }
    }
}

/// What the toolbar's size controls ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeChange {
    /// T+.
    Bigger,
    /// T-.
    Smaller,
    /// 恢复默认.
    Reset,
    /// 长者模式: elder mode on or off.
    ToggleElder,
}

impl TextSize {
    /// The size after `change`.
    pub fn changed(self, change: SizeChange) -> Self {
        match change {
            SizeChange::Bigger => self.bigger(),
            SizeChange::Smaller => self.smaller(),
            SizeChange::Reset => self.reset(),
            SizeChange::ToggleElder => self.with_mode(self.mode.toggled()),
        }
    }
}

/// The reader's text size and mode: the size chosen in the ordinary reader, and, in elder
/// mode, the size chosen there. The ordinary size survives a visit to elder mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSize {
    /// The size outside elder mode.
    normal: FontScale,
    /// The size in elder mode: always at least [`ELDER_LOWEST_STEP`].
    elder: FontScale,
    /// Which of the two is shown.
    mode: Mode,
}

impl Default for TextSize {
    fn default() -> Self {
        TextSize::new(FontScale::default(), Mode::Normal)
    }
}

impl TextSize {
    /// The ordinary size `normal`, shown as it is or in elder mode (which then starts at its
    /// own default size).
    pub fn new(normal: FontScale, mode: Mode) -> Self {
        TextSize {
            normal,
            elder: FontScale::at(ELDER_STEP),
            mode,
        }
    }

    /// The size shown now.
    pub fn scale(self) -> FontScale {
        match self.mode {
            Mode::Normal => self.normal,
            Mode::Elder => self.elder,
        }
    }

    /// The size outside elder mode (what is remembered as the reader's size).
    pub fn normal(self) -> FontScale {
        self.normal
    }

    /// The current mode.
    pub fn mode(self) -> Mode {
        self.mode
    }

    /// The same sizes in `mode`.
    pub fn with_mode(self, mode: Mode) -> Self {
        TextSize { mode, ..self }
    }

    /// The current size replaced by `scale`, kept within the mode's range.
    fn showing(self, scale: FontScale) -> Self {
        let scale = FontScale::at(scale.step().max(self.mode.lowest()));
        match self.mode {
            Mode::Normal => TextSize {
                normal: scale,
                ..self
            },
            Mode::Elder => TextSize {
                elder: scale,
                ..self
            },
        }
    }

    /// T+: one step larger, or unchanged at the top.
    pub fn bigger(self) -> Self {
        self.showing(self.scale().bigger())
    }

    /// T-: one step smaller, or unchanged at the mode's lowest step.
    pub fn smaller(self) -> Self {
        self.showing(self.scale().smaller())
    }

    /// 恢复默认: the mode's default size (100%, or elder mode's 175%).
    pub fn reset(self) -> Self {
        self.showing(FontScale::at(self.mode.default_step()))
    }

    /// Whether T+ can do anything.
    pub fn can_grow(self) -> bool {
        self.scale().can_grow()
    }

    /// Whether T- can do anything.
    pub fn can_shrink(self) -> bool {
        self.scale().step() > self.mode.lowest()
    }

    /// Whether the size is already the mode's default, so 恢复默认 has nothing to do.
    pub fn is_default(self) -> bool {
        self.scale().step() == self.mode.default_step()
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

    /// The declarations of the rule whose selector is exactly `selector`, if the sheet has one
    /// (a comment before the rule is not part of its selector).
    fn rule<'a>(css: &'a str, selector: &str) -> Option<&'a str> {
        css.split('}').find_map(|chunk| {
            let (head, body) = chunk.split_once('{')?;
            let head = head.rsplit_once("*/").map_or(head, |(_, after)| after);
            (head.trim() == selector).then_some(body)
        })
    }

    /// The first `name:` declaration's value in `declarations` (comments between them skipped).
    fn declaration<'a>(declarations: &'a str, name: &str) -> Option<&'a str> {
        declarations
            .split(';')
            .map(|d| d.rsplit_once("*/").map_or(d, |(_, after)| after))
            .find_map(|d| d.trim().strip_prefix(name)?.trim().strip_prefix(':'))
            .map(str::trim)
    }

    #[test]
    fn every_step_has_its_css_rule_at_its_size() {
        let css = include_str!("../static/article-reader.css");
        for (step, percent) in STEPS.iter().enumerate() {
            let class = format!("ar-size-{step}");
            assert_eq!(FontScale::at(step).class(), class);
            // The class sits on the reader's root and sets the one factor every font size
            // there depends on: `--ar-scale: 1.15`.
            let selector = format!(".article-reader.{class}");
            let body = rule(css, &selector).unwrap_or_else(|| panic!("no rule {selector}"));
            let factor: f64 = declaration(body, "--ar-scale")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{selector}: no numeric --ar-scale in {body:?}"));
            assert_eq!(
                (factor * 100.0).round() as u16,
                *percent,
                "{selector} is not {percent}%"
            );
        }
    }

    #[test]
    fn the_root_scales_by_the_factor_and_the_body_is_18_px_then_at_least_30() {
        let css = include_str!("../static/article-reader.css");
        let root = rule(css, ".article-reader").expect("the root rule");
        assert_eq!(
            declaration(root, "font-size"),
            Some("calc(1rem * var(--ar-scale, 1))")
        );
        // The body is 1.125 times the root: 18 px at the browser's default 16 px at 100%, and
        // at least 30 px at the top step (issue 11).
        let body = rule(css, ".article-reader .ar-body").expect("the body rule");
        let em: f64 = declaration(body, "font-size")
            .and_then(|size| size.strip_suffix("em"))
            .and_then(|n| n.parse().ok())
            .expect("the body's size in em");
        let px = |step: usize| 16.0 * em * f64::from(FontScale::at(step).percent()) / 100.0;
        assert_eq!(px(DEFAULT_STEP), 18.0);
        assert!(px(STEPS.len() - 1) >= 30.0, "{}", px(STEPS.len() - 1));
        assert!(px(ELDER_LOWEST_STEP) >= 27.0, "{}", px(ELDER_LOWEST_STEP));
    }

    #[test]
    fn the_mode_is_stored_as_one_or_zero_and_junk_is_ignored() {
        assert_eq!(
            Mode::from_stored(Mode::Elder.to_stored()),
            Some(Mode::Elder)
        );
        assert_eq!(
            Mode::from_stored(Mode::Normal.to_stored()),
            Some(Mode::Normal)
        );
        assert_eq!(Mode::from_stored("1"), Some(Mode::Elder));
        for junk in ["", "2", "true", "yes", "elder", "-1"] {
            assert_eq!(Mode::from_stored(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn reset_returns_to_one_hundred_percent_and_is_idle_there() {
        let size = TextSize::default();
        assert!(size.is_default());
        assert_eq!(size.reset(), size);
        let grown = size.bigger().bigger();
        assert_eq!(grown.scale().percent(), 130);
        assert!(!grown.is_default());
        assert_eq!(grown.reset().scale().percent(), 100);
        let shrunk = size.smaller().smaller();
        assert_eq!(shrunk.scale().percent(), 80);
        assert!(!shrunk.can_shrink());
        assert_eq!(shrunk.reset().scale().percent(), 100);
    }

    #[test]
    fn elder_mode_starts_at_the_top_and_stops_at_one_hundred_fifty() {
        let elder = TextSize::default().with_mode(Mode::Elder);
        assert_eq!(elder.mode(), Mode::Elder);
        assert_eq!(elder.scale().percent(), 175);
        assert!(elder.is_default() && !elder.can_grow() && elder.can_shrink());
        let lower = elder.smaller();
        assert_eq!(lower.scale().percent(), 150);
        assert!(!lower.can_shrink(), "T- stops at 150% in elder mode");
        assert_eq!(lower.smaller(), lower);
        assert_eq!(lower.reset().scale().percent(), 175);
    }

    #[test]
    fn leaving_elder_mode_brings_back_the_chosen_size() {
        let chosen = TextSize::default().bigger();
        assert_eq!(chosen.scale().percent(), 115);
        let elder = chosen.with_mode(Mode::Elder).smaller();
        assert_eq!(elder.scale().percent(), 150);
        assert_eq!(elder.normal().percent(), 115);
        let back = elder.with_mode(elder.mode().toggled());
        assert_eq!(back.mode(), Mode::Normal);
        assert_eq!(back.scale().percent(), 115);
        // Back in elder mode, its own choice is still there.
        assert_eq!(back.with_mode(Mode::Elder).scale().percent(), 150);
    }

    #[test]
    fn a_remembered_small_size_still_starts_elder_mode_large() {
        let elder = TextSize::new(FontScale::at(0), Mode::Elder);
        assert_eq!(elder.scale().percent(), 175);
        assert_eq!(elder.normal().percent(), 80);
    }
}
