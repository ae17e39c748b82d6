//! Bidirectional controls in untrusted text, balanced so that no string can reorder anything
//! outside itself.
//!
//! The reader shows every label and run from content in an isolate of its own (`<bdi>` or
//! `dir="auto"`). Browsers implement such an isolate as if an FSI (U+2068) stood before the
//! element's text and a PDI (U+2069) after it, and run the Unicode Bidirectional Algorithm
//! (UAX #9) over the whole paragraph. So a stray PDI at the start of a name closes the
//! browser's own isolate, and the rest of the name, with the reader's text after it, is
//! reordered as if there were no isolate; an override (U+202E) left open can reach past the
//! element's end in the same way. [`balance`] removes both ways out: it follows the
//! algorithm's own matching rules, so that what remains is exactly what the algorithm would
//! have done inside the string, and nothing reaches outside it.
//!
//! The rules, from UAX #9 (BD8, BD9, X5a–X6a, X7, X8):
//!
//! - The initiators are the embeddings LRE, RLE (U+202A, U+202B), the overrides LRO, RLO
//!   (U+202D, U+202E) and the isolates LRI, RLI, FSI (U+2066–U+2068).
//! - A PDI (U+2069) matches the nearest isolate initiator still open, and closes every
//!   embedding and override opened since (X6a). A PDI with no isolate open matches nothing
//!   (BD9) and is dropped here.
//! - A PDF (U+202C) closes the nearest embedding or override, but only one opened inside the
//!   current isolate: a PDF right after an isolate initiator, or with nothing open, does
//!   nothing (X7) and is dropped here.
//! - A paragraph separator (type B: U+000A, U+000D, U+001C–U+001E, U+0085, U+2029) ends every
//!   embedding, override and isolate (X8). The separator is kept, with closers for what is still
//!   open inserted before it, so that the string means the same whether or not its reader treats
//!   the separator as the end of a paragraph (CSS collapses a line feed into a space), and a
//!   string split at a line break leaves each part balanced.
//! - What is still open at the end of the string is closed there, innermost first: a PDF for
//!   each embedding or override, a PDI for each isolate.
//!
//! Matched controls are kept, so the string's own directions are rendered as its author wrote
//! them; only closers that match nothing are dropped and missing closers added. The algorithm's
//! depth limit (125 levels) is not modelled: it decides which controls take effect, not which
//! closer matches which initiator, so the balance is the same with it.
//!
//! [`isolate`] is for the other direction: a value quoted in one of the reader's own English
//! messages, kept from pulling the message's words and digits into its run.

use std::borrow::Cow;

/// FIRST STRONG ISOLATE: opens an isolate whose direction its first strong character decides.
pub const FSI: char = '\u{2068}';

/// POP DIRECTIONAL ISOLATE: closes an isolate.
pub const PDI: char = '\u{2069}';

/// POP DIRECTIONAL FORMATTING: closes an embedding or override.
pub const PDF: char = '\u{202C}';

/// What an initiator opened: an embedding (or override), or an isolate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opened {
    /// LRE, RLE, LRO or RLO, closed by a PDF.
    Embedding,
    /// LRI, RLI or FSI, closed by a PDI.
    Isolate,
}

/// The role of one character in the balance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Opens something.
    Opens(Opened),
    /// A PDF.
    PopEmbedding,
    /// A PDI.
    PopIsolate,
    /// A paragraph separator (bidi class B).
    Separator,
    /// Anything else.
    Other,
}

fn role(c: char) -> Role {
    match c {
        '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => Role::Opens(Opened::Embedding),
        '\u{2066}' | '\u{2067}' | FSI => Role::Opens(Opened::Isolate),
        PDF => Role::PopEmbedding,
        PDI => Role::PopIsolate,
        '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}' => Role::Separator,
        _ => Role::Other,
    }
}

/// Whether `text` holds an explicit control, found by its UTF-8 bytes: U+202A–U+202E are
/// `E2 80 AA`–`E2 80 AE` and U+2066–U+2069 are `E2 81 A6`–`E2 81 A9`. Every string of every
/// article passes here, and a search for the lead byte is much cheaper than decoding each
/// character (`cargo bench --bench parse`: the long article's parse went from 3.97× the
/// syntax-only baseline to 2.5×; with no check at all it is 1.7×).
fn has_explicit_control(text: &str) -> bool {
    let mut rest = text.as_bytes();
    while let Some(at) = rest.iter().position(|&b| b == 0xE2) {
        if matches!(
            rest.get(at + 1..at + 3),
            Some([0x80, 0xAA..=0xAE] | [0x81, 0xA6..=0xA9])
        ) {
            return true;
        }
        rest = rest.get(at + 1..).unwrap_or_default();
    }
    false
}

/// The open initiators, innermost last, and how many of them are isolates.
#[derive(Default)]
struct Open {
    stack: Vec<Opened>,
    isolates: usize,
}

impl Open {
    /// Closes everything, innermost first, onto `out`.
    fn close_all(&mut self, out: &mut String) {
        while let Some(opened) = self.stack.pop() {
            out.push(match opened {
                Opened::Embedding => PDF,
                Opened::Isolate => PDI,
            });
        }
        self.isolates = 0;
    }
}

/// The copy being made, started at the first change: until then the input is its own output.
fn copy<'o>(out: &'o mut Option<String>, text: &str, upto: usize) -> &'o mut String {
    out.get_or_insert_with(|| {
        // Room for the text and a few closers; more only if it needs them.
        let mut copy = String::with_capacity(text.len() + 8);
        copy.push_str(text.get(..upto).unwrap_or_default());
        copy
    })
}

/// `text` with its bidirectional controls balanced as the module documentation describes:
/// borrowed, with no allocation, when it needs no change (no controls at all, or balanced
/// already); otherwise a copy with closers that match nothing dropped and missing closers
/// added. One pass, linear in the length of `text`.
pub fn balance(text: &str) -> Cow<'_, str> {
    if !has_explicit_control(text) {
        return Cow::Borrowed(text);
    }
    let mut open = Open::default();
    let mut out: Option<String> = None;
    for (at, c) in text.char_indices() {
        let keep = match role(c) {
            Role::Opens(opened) => {
                open.stack.push(opened);
                if opened == Opened::Isolate {
                    open.isolates += 1;
                }
                true
            }
            Role::PopEmbedding => {
                let matched = open.stack.last() == Some(&Opened::Embedding);
                if matched {
                    open.stack.pop();
                }
                matched
            }
            Role::PopIsolate => {
                let matched = open.isolates > 0;
                if matched {
                    // Embeddings opened inside the isolate end with it (X6a).
                    while open.stack.pop().is_some_and(|o| o == Opened::Embedding) {}
                    open.isolates -= 1;
                }
                matched
            }
            Role::Separator => {
                if !open.stack.is_empty() {
                    open.close_all(copy(&mut out, text, at));
                }
                true
            }
            Role::Other => true,
        };
        match (keep, &mut out) {
            (true, Some(out)) => out.push(c),
            (true, None) => {}
            (false, out) => {
                copy(out, text, at);
            }
        }
    }
    if !open.stack.is_empty() {
        open.close_all(copy(&mut out, text, text.len()));
    }
    match out {
        Some(balanced) => Cow::Owned(balanced),
        None => Cow::Borrowed(text),
    }
}

/// [`balance`] for a string already owned: the same string back when it needs no change.
pub fn balance_owned(text: String) -> String {
    match balance(&text) {
        Cow::Owned(balanced) => balanced,
        Cow::Borrowed(_) => text,
    }
}

/// A value as one of the reader's English messages quotes it (already written out as the
/// message shows it, quotes and escapes included): balanced and wrapped in FSI … PDI when it
/// has any character outside ASCII, so that right-to-left letters in it cannot pull the
/// message's own words and digits into their run, nor the message's punctuation to the
/// value's side. ASCII holds no right-to-left letter and no bidirectional control, so an ASCII
/// value, every value in the messages the tests and most developers see, is left as it is and
/// the message carries no invisible characters.
pub fn isolate(value: &str) -> Cow<'_, str> {
    if value.is_ascii() {
        return Cow::Borrowed(value);
    }
    let balanced = balance(value);
    let mut quoted = String::with_capacity(balanced.len() + 2 * FSI.len_utf8());
    quoted.push(FSI);
    quoted.push_str(&balanced);
    quoted.push(PDI);
    Cow::Owned(quoted)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_byte_search_finds_exactly_the_explicit_controls() {
        for c in '\0'..='\u{3000}' {
            let text = format!("a{c}b");
            assert_eq!(
                super::has_explicit_control(&text),
                matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
                "{c:?}"
            );
        }
    }

    use super::*;

    const LRE: char = '\u{202A}';
    const RLE: char = '\u{202B}';
    const RLO: char = '\u{202E}';
    const LRI: char = '\u{2066}';
    const RLI: char = '\u{2067}';

    fn balanced(text: &str) -> String {
        balance(text).into_owned()
    }

    #[test]
    fn text_without_controls_is_borrowed() {
        for text in ["", "plain", "العربية 2020-07-01", "line\nbreak", "责编"] {
            assert!(
                matches!(balance(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn balanced_text_is_borrowed() {
        for text in [
            "\u{202E}evil\u{202C}",
            "\u{2067}a\u{202B}b\u{202C}c\u{2069}",
            // A PDI closes the embedding opened inside its isolate: balanced as it is.
            "\u{2067}a\u{202B}b\u{2069}",
            "\u{202E}a\u{202C}\nb",
        ] {
            assert!(
                matches!(balance(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_stray_pdi_is_dropped() {
        assert_eq!(balanced("\u{2069}name"), "name");
        assert_eq!(balanced("a\u{2069}b\u{2069}"), "ab");
        // The payload of the hostile corpus: the stray PDI goes, the RLO is closed.
        assert_eq!(balanced("\u{2069}\u{202E}evil"), "\u{202E}evil\u{202C}");
    }

    #[test]
    fn a_stray_pdf_is_dropped() {
        assert_eq!(balanced("a\u{202C}b"), "ab");
        assert_eq!(
            balanced("\u{202E}evil\u{202C}\u{202C}\u{2069}"),
            "\u{202E}evil\u{202C}"
        );
    }

    #[test]
    fn an_unclosed_override_is_closed_with_a_pdf() {
        assert_eq!(balanced("\u{202E}evil"), "\u{202E}evil\u{202C}");
        assert_eq!(balanced("\u{202D}evil"), "\u{202D}evil\u{202C}");
        assert_eq!(balanced("\u{202A}x"), "\u{202A}x\u{202C}");
        assert_eq!(balanced("\u{202B}x"), "\u{202B}x\u{202C}");
        assert_eq!(
            balanced("\u{200F}\u{202E}12-34"),
            "\u{200F}\u{202E}12-34\u{202C}"
        );
    }

    #[test]
    fn an_unclosed_isolate_is_closed_with_a_pdi() {
        assert_eq!(balanced("\u{2066}x"), "\u{2066}x\u{2069}");
        assert_eq!(balanced("\u{2067}x"), "\u{2067}x\u{2069}");
        assert_eq!(balanced("\u{2068}x"), "\u{2068}x\u{2069}");
    }

    #[test]
    fn what_is_left_open_is_closed_innermost_first() {
        // RLI, then RLO inside it: the PDF comes before the PDI.
        assert_eq!(
            balanced("\u{2067}a\u{202E}b"),
            "\u{2067}a\u{202E}b\u{202C}\u{2069}"
        );
        // RLO, LRI, RLO: PDF, PDI, PDF.
        assert_eq!(
            balanced("\u{202E}\u{2066}\u{202E}evil"),
            "\u{202E}\u{2066}\u{202E}evil\u{202C}\u{2069}\u{202C}"
        );
    }

    #[test]
    fn a_pdf_does_not_reach_out_of_an_isolate() {
        // The PDF inside the isolate matches nothing there: dropped; the RLE outside is
        // closed at the end, after the isolate.
        assert_eq!(
            balanced("\u{202B}a\u{2066}b\u{202C}c\u{2069}d"),
            "\u{202B}a\u{2066}bc\u{2069}d\u{202C}"
        );
    }

    #[test]
    fn a_pdi_closes_its_isolate_and_the_embeddings_inside_it() {
        // After the PDI the RLE inside the isolate is closed, so the next PDF matches the
        // LRE outside, and the last PDF matches nothing.
        assert_eq!(
            balanced("\u{202A}\u{2067}\u{202B}x\u{2069}\u{202C}\u{202C}"),
            "\u{202A}\u{2067}\u{202B}x\u{2069}\u{202C}"
        );
    }

    #[test]
    fn nested_isolates_match_innermost_first() {
        assert_eq!(
            balanced("\u{2066}a\u{2067}b\u{2069}c"),
            "\u{2066}a\u{2067}b\u{2069}c\u{2069}"
        );
        assert_eq!(
            balanced("\u{2066}\u{2067}\u{2069}\u{2069}\u{2069}"),
            "\u{2066}\u{2067}\u{2069}\u{2069}"
        );
    }

    #[test]
    fn a_paragraph_separator_ends_everything_open() {
        assert_eq!(balanced("\u{202E}a\nb"), "\u{202E}a\u{202C}\nb");
        assert_eq!(
            balanced("\u{2067}a\u{202E}b\u{2029}c\u{2069}"),
            "\u{2067}a\u{202E}b\u{202C}\u{2069}\u{2029}c"
        );
        // A PDF after the separator has nothing to close.
        assert_eq!(balanced("\u{202E}a\r\nb\u{202C}"), "\u{202E}a\u{202C}\r\nb");
        for separator in ['\r', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}'] {
            assert_eq!(
                balanced(&format!("\u{2066}a{separator}b")),
                format!("\u{2066}a\u{2069}{separator}b"),
                "{separator:?}"
            );
        }
        // A line separator (U+2028) is white space, not a paragraph separator.
        assert_eq!(balanced("\u{2066}a\u{2028}b"), "\u{2066}a\u{2028}b\u{2069}");
    }

    #[test]
    fn every_corpus_payload_comes_out_balanced() {
        // The bidi payloads of tests/fixtures/xss/bidi.jsonl, with the balance written by hand.
        let cases = [
            ("\u{202E}evil", "\u{202E}evil\u{202C}"),
            ("\u{202B}evil", "\u{202B}evil\u{202C}"),
            ("\u{2067}evil", "\u{2067}evil\u{2069}"),
            ("\u{2068}evil", "\u{2068}evil\u{2069}"),
            ("\u{202D}evil", "\u{202D}evil\u{202C}"),
            ("\u{202A}evil", "\u{202A}evil\u{202C}"),
            (
                "\u{05E2}\u{05D1}\u{05E8}\u{05D9}\u{05EA}\u{202E}",
                "\u{05E2}\u{05D1}\u{05E8}\u{05D9}\u{05EA}\u{202E}\u{202C}",
            ),
            (
                "\u{0627}\u{0644}\u{0639}\u{0631}\u{0628}\u{064A}\u{0629}",
                "\u{0627}\u{0644}\u{0639}\u{0631}\u{0628}\u{064A}\u{0629}",
            ),
        ];
        for (payload, expected) in cases {
            assert_eq!(balanced(payload), expected, "{payload:?}");
        }
    }

    #[test]
    fn balancing_twice_changes_nothing() {
        for text in [
            "\u{2069}\u{202E}evil",
            "\u{202E}\u{2066}\u{202E}evil",
            "\u{202B}a\u{2066}b\u{202C}c\u{2069}d",
            "\u{2067}a\u{202E}b\u{2029}c\u{2069}",
        ] {
            let once = balanced(text);
            assert!(
                matches!(balance(&once), Cow::Borrowed(_)),
                "{text:?} -> {once:?}"
            );
        }
    }

    #[test]
    fn owned_text_that_needs_no_change_keeps_its_allocation() {
        let text = String::from("plain text");
        let pointer = text.as_ptr();
        let back = balance_owned(text);
        assert_eq!(back.as_ptr(), pointer);
        assert_eq!(balance_owned("\u{2069}x".to_owned()), "x");
    }

    #[test]
    fn long_inputs_take_one_pass() {
        // 100,000 initiators each way, nested and unclosed, and as many stray closers: the
        // result is written out by hand, and a quadratic walk would take minutes here.
        let n = 100_000;
        let opened: String = [RLO, LRI, RLE, RLI, LRE].iter().cycle().take(n).collect();
        let closers: String = opened
            .chars()
            .rev()
            .map(|c| if c == LRI || c == RLI { PDI } else { PDF })
            .collect();
        assert_eq!(balanced(&opened), format!("{opened}{closers}"));
        let stray: String = [PDI, PDF].iter().cycle().take(n).collect();
        assert_eq!(balanced(&format!("{stray}x")), "x");
        // An isolate closed by its PDI after many embeddings inside it: the PDI closes them
        // all at once, and the string is balanced as it is.
        let inside = format!("{LRI}{}{PDI}", RLE.to_string().repeat(n));
        assert!(matches!(balance(&inside), Cow::Borrowed(_)));
    }

    #[test]
    fn ascii_values_are_quoted_as_they_are() {
        assert!(matches!(isolate("\"yes\""), Cow::Borrowed("\"yes\"")));
        assert!(matches!(isolate(""), Cow::Borrowed("")));
    }

    #[test]
    fn other_values_are_balanced_and_isolated() {
        assert_eq!(
            isolate("\"2020-07-01\u{0627}\u{0644}\""),
            "\u{2068}\"2020-07-01\u{0627}\u{0644}\"\u{2069}"
        );
        assert_eq!(
            isolate("\u{2069}\u{202E}x"),
            "\u{2068}\u{202E}x\u{202C}\u{2069}"
        );
        assert_eq!(isolate("责编"), "\u{2068}责编\u{2069}");
    }
}
