//! How long an article takes to read, counted the way its text is written.
//!
//! Chinese and Japanese are written without spaces, so "words" cannot be counted there: their
//! text is measured in characters, everything else in words. The two rates are the mean silent
//! reading speeds of adult readers in the IReST study (Trauzettel-Klosinski, Dietz et al.,
//! "Standardized Assessment of Reading Performance: The New International Reading Speed Texts
//! IReST", Investigative Ophthalmology & Visual Science 53(9), 2012, table 2): Chinese 255
//! characters per minute and English 228 words per minute. The same text, read aloud or
//! skimmed, goes at other speeds; the estimate is a reader's hint, rounded up to whole minutes.
//!
//! What counts is what a reader reads through: the headline and the body (paragraphs,
//! headings, lists, quotes, tables, captions, notes and footnotes), not the breadcrumb, the
//! related links or the sidebar. Program text and formulas count as words too, since a reader
//! still reads them. The count is one pass over the text, linear in its length.

use crate::article::model::{Article, Block, Blocks, Image, InlineKind, Inlines};

/// Characters of Chinese (or Japanese) text an adult reads silently in a minute (IReST).
pub const CJK_CHARS_PER_MINUTE: u64 = 255;

/// Words of text in other scripts an adult reads silently in a minute (IReST, English).
pub const WORDS_PER_MINUTE: u64 = 228;

/// How much text there is to read: characters written without spaces, and words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextAmount {
    /// Han ideographs and kana (punctuation is not counted: it is not read).
    pub cjk_chars: u64,
    /// Runs of letters or digits of any other script.
    pub words: u64,
}

impl TextAmount {
    /// The amount of text in `text`.
    pub fn of(text: &str) -> TextAmount {
        let mut amount = TextAmount::default();
        amount.add(text);
        amount
    }

    /// Adds the text of `text`. A word cut between two strings (`Hel` + `lo`) counts twice,
    /// which only happens at a change of emphasis or a link inside a word: rare enough not to
    /// matter to a rounded estimate.
    pub fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if is_cjk(c) {
                self.cjk_chars += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
            } else {
                // Apostrophes and hyphens join the parts of one word (don't, well-known).
                in_word = in_word && matches!(c, '\'' | '’' | '-');
            }
        }
    }

    /// Whole minutes to read it, rounded up; at least one for any text, zero for none.
    pub fn minutes(self) -> u64 {
        // In 1/(255·228) of a minute, so that both rates add up without rounding twice.
        let scale = CJK_CHARS_PER_MINUTE * WORDS_PER_MINUTE;
        let units = self
            .cjk_chars
            .saturating_mul(WORDS_PER_MINUTE)
            .saturating_add(self.words.saturating_mul(CJK_CHARS_PER_MINUTE));
        units.div_ceil(scale)
    }
}

/// Han ideographs (the unified blocks and their extensions, compatibility ideographs) and kana:
/// the characters read one by one rather than in words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{3134F}' // extensions B to G
    )
}

/// The reading time of `article`, in whole minutes (see the module's documentation for what
/// counts and at which rates).
pub fn article_minutes(article: &Article) -> u64 {
    let mut amount = TextAmount::of(&article.headline);
    amount.add_blocks(&article.body);
    amount.minutes()
}

impl TextAmount {
    /// Adds the text a reader reads in `body` (a whole body, or a run of its blocks: a long
    /// body can be counted a run at a time).
    pub fn add_blocks(&mut self, body: &[Block]) {
        blocks(body, self);
    }
}

fn blocks(body: &[Block], amount: &mut TextAmount) {
    for block in body {
        match block {
            Block::Paragraph(p) => inlines(&p.content, amount),
            Block::Heading(h) => inlines(&h.content, amount),
            Block::Image(image) => caption(image, amount),
            Block::Gallery(gallery) => {
                gallery.images.iter().for_each(|i| caption(i, amount));
                optional(&gallery.caption, amount);
            }
            Block::List(list) => list.items.iter().for_each(|i| nested(i, amount)),
            Block::DefinitionList(list) => {
                for item in &list.items {
                    inlines(&item.term, amount);
                    item.details.iter().for_each(|d| nested(d, amount));
                }
            }
            Block::Quote(quote) => blocks(&quote.content, amount),
            Block::PullQuote(quote) => inlines(&quote.content, amount),
            Block::Table(table) => {
                optional(&table.caption, amount);
                for row in table.head.iter().chain(&table.rows) {
                    row.cells.iter().for_each(|c| nested(&c.content, amount));
                }
            }
            Block::Note(note) => blocks(&note.content, amount),
            Block::Footnotes(notes) => notes.items.iter().for_each(|n| nested(&n.content, amount)),
            Block::Code(code) => amount.add(&code.text),
            Block::Math(math) => amount.add(&math.text),
            // A player's title is a label, not text to read; a rule has none.
            Block::Embed(_) | Block::Rule => {}
        }
    }
}

fn nested(content: &Blocks, amount: &mut TextAmount) {
    blocks(&content.0, amount);
}

fn optional(content: &Option<Inlines>, amount: &mut TextAmount) {
    if let Some(content) = content {
        inlines(content, amount);
    }
}

/// A picture is looked at, not read: only its caption counts.
fn caption(image: &Image, amount: &mut TextAmount) {
    optional(&image.caption, amount);
}

fn inlines(content: &Inlines, amount: &mut TextAmount) {
    for run in &content.0 {
        // A ruby annotation is read with its base, not after it; an inline image is looked at.
        if !matches!(run.kind, InlineKind::Image(_)) {
            amount.add(&run.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_counted_in_characters_without_punctuation() {
        // 14 ideographs; the comma and the full stop are not read.
        let amount = TextAmount::of("全国各地迎来降温天气，注意保暖。");
        assert_eq!(
            amount,
            TextAmount {
                cjk_chars: 14,
                words: 0
            }
        );
    }

    #[test]
    fn other_scripts_are_counted_in_words() {
        // Don't, panic, the, well-known, 42, réponse, ответ.
        let amount = TextAmount::of("Don't panic: the well-known 42 — réponse, ответ!");
        assert_eq!(
            amount,
            TextAmount {
                cjk_chars: 0,
                words: 7
            }
        );
    }

    #[test]
    fn mixed_text_counts_both() {
        let amount = TextAmount::of("新华社北京11月25日电（记者 Zhang Wei）GDP增长5%");
        // 新华社北京 月 日电 记者 增长: 12 ideographs; "11", "25", "Zhang", "Wei", "GDP" and
        // "5" are words.
        assert_eq!(amount.cjk_chars, 12);
        assert_eq!(amount.words, 6);
    }

    #[test]
    fn minutes_follow_the_two_rates_and_round_up() {
        let minutes = |cjk_chars, words| TextAmount { cjk_chars, words }.minutes();
        assert_eq!(minutes(0, 0), 0, "no text, no time");
        assert_eq!(minutes(1, 0), 1, "any text takes a minute");
        assert_eq!(minutes(255, 0), 1, "exactly one minute of Chinese");
        assert_eq!(minutes(256, 0), 2);
        assert_eq!(minutes(0, 228), 1, "exactly one minute of English");
        assert_eq!(minutes(0, 229), 2);
        // Just under half a minute of Chinese and half a minute of English are one minute,
        // not two; a character more is over the minute.
        assert_eq!(minutes(127, 114), 1);
        assert_eq!(minutes(128, 114), 2);
        assert_eq!(minutes(2550, 2280), 20);
        assert_eq!(minutes(u64::MAX, u64::MAX), u64::MAX / (255 * 228) + 1);
    }
}
