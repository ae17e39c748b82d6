//! Text rules of the import: whitespace as a browser collapses it, the CMS padding habits, and
//! the words that mark captions, credits and editors' notes.

use crate::article::model::{Inline, InlineKind, NoteKind};

/// Collapses HTML whitespace runs to one space, as rendering would.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Whether a character only pads: ASCII spaces, line breaks, no-break and ideographic spaces
/// (the CMS indent), zero-width characters.
pub fn is_padding(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
}

/// Whether a run holds something even without visible text: images (an empty `alt` is still
/// an image), formulas, ruby and references.
fn is_object(run: &Inline) -> bool {
    !matches!(run.kind, InlineKind::Text | InlineKind::Code)
}

/// Trims padding at the start and end of a paragraph (including `&nbsp;&nbsp;` and `　　`
/// indents), trims spaces around line breaks, and drops text runs left empty. A paragraph that
/// is only padding becomes no runs at all. Runs are never split or merged, so a link that spans
/// several runs keeps the same `href` on each of them.
pub fn tidy_runs(mut runs: Vec<Inline>) -> Vec<Inline> {
    for run in &mut runs {
        if run.kind == InlineKind::Text && run.text.contains('\n') {
            run.text = run
                .text
                .split('\n')
                .map(|line| line.trim_matches(' '))
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    let has_content = |r: &Inline| is_object(r) || !r.text.trim_matches(is_padding).is_empty();
    // Leading and trailing padding, found by position and cut in one step each, so a hostile
    // run of thousands of empty runs costs linear time.
    let Some(start) = runs.iter().position(has_content) else {
        return Vec::new();
    };
    runs.drain(..start);
    let end = runs.iter().rposition(has_content).unwrap_or(0);
    runs.truncate(end + 1);
    if let Some(first) = runs.first_mut().filter(|r| !is_object(r)) {
        first.text = first.text.trim_start_matches(is_padding).to_owned();
    }
    if let Some(last) = runs.last_mut().filter(|r| !is_object(r)) {
        last.text = last.text.trim_end_matches(is_padding).to_owned();
    }
    runs.retain(|r| is_object(r) || !r.text.is_empty());
    runs
}

/// Words that open an image's credit line (图片来源：新华社, Photo: AP).
const CREDIT_MARKERS: &[&str] = &[
    "图片来源",
    "图片提供",
    "摄影",
    "供图",
    "图源",
    "攝影",
    "写真提供",
    "撮影",
    "photo:",
    "photo credit",
    "photograph:",
    "credit:",
    "(photo:",
    "courtesy",
    "צילום",
    "تصوير",
];

/// Words that open an image's caption when the paragraph follows the image (图：…, 图为…).
const CAPTION_MARKERS: &[&str] = &[
    "图：",
    "图:",
    "图为",
    "图片：",
    "图片:",
    "上图",
    "下图",
    "圖為",
    "写真：",
    "写真は",
    "photo：",
    "(photo)",
    "（photo）",
    "pictured:",
    "תמונה:",
    "صورة:",
    "الصورة:",
];

/// Longest text (in characters) that a centred paragraph right after an image may have to be
/// taken as its caption without a caption word.
pub const CAPTION_MAX_CHARS: usize = 80;

fn starts_with_any(text: &str, markers: &[&str]) -> bool {
    let text = text.trim_start_matches(is_padding);
    // Markers are lowercase and only ASCII letters have case in them, so ASCII lowercasing
    // is enough (and keeps the Unicode case tables out of the wasm).
    let mut head: String = text.chars().take(16).collect();
    head.make_ascii_lowercase();
    markers.iter().any(|m| head.starts_with(m))
}

/// Whether `text` opens with a credit word standing alone: followed by a colon, a space or
/// nothing (摄影：张三, 摄影 张三), not by more of a word (摄影爱好者).
fn starts_with_credit(text: &str) -> bool {
    let text = text.trim_start_matches(is_padding);
    // As in `starts_with_any`: only ASCII letters have case in the markers.
    let mut head: String = text.chars().take(24).collect();
    head.make_ascii_lowercase();
    CREDIT_MARKERS.iter().any(|m| {
        head.strip_prefix(m).is_some_and(|rest| {
            m.ends_with([':', '：'])
                || rest.chars().next().is_none_or(|c| {
                    matches!(c, '：' | ':' | '／' | '/' | '｜' | '|') || is_padding(c)
                })
        })
    })
}

/// Whether a line is an image credit.
pub fn is_credit(text: &str) -> bool {
    starts_with_credit(text)
}

/// Whether a line says it is an image's caption.
pub fn is_caption(text: &str) -> bool {
    !is_credit(text) && starts_with_any(text, CAPTION_MARKERS)
}

/// Labels that open an editor's note, a correction or an update, with the kind each means.
const NOTE_LABELS: &[(&str, NoteKind)] = &[
    ("编者按", NoteKind::EditorsNote),
    ("编者注", NoteKind::EditorsNote),
    ("编者的话", NoteKind::EditorsNote),
    ("編者按", NoteKind::EditorsNote),
    ("編集部注", NoteKind::EditorsNote),
    ("editor's note", NoteKind::EditorsNote),
    ("editor\u{2019}s note", NoteKind::EditorsNote),
    ("editors' note", NoteKind::EditorsNote),
    ("הערת המערכת", NoteKind::EditorsNote),
    ("ملاحظة المحرر", NoteKind::EditorsNote),
    ("更正", NoteKind::Correction),
    ("勘误", NoteKind::Correction),
    ("訂正", NoteKind::Correction),
    ("correction", NoteKind::Correction),
    ("תיקון", NoteKind::Correction),
    ("تصحيح", NoteKind::Correction),
    ("更新", NoteKind::Update),
    ("updated", NoteKind::Update),
    ("update", NoteKind::Update),
    ("עדכון", NoteKind::Update),
    ("تحديث", NoteKind::Update),
];

/// Brackets and punctuation around a note's label (【编者按】, 编者按：, Correction:).
fn is_label_punctuation(c: char) -> bool {
    matches!(
        c,
        '【' | '】' | '[' | ']' | '：' | ':' | '(' | ')' | '（' | '）' | '|' | '-' | '—'
    ) || is_padding(c)
}

/// When `text` opens with a note label, the kind of note and how many characters the label
/// with its brackets and colon takes.
pub fn note_label(text: &str) -> Option<(NoteKind, usize)> {
    let lead = text
        .chars()
        .take_while(|c| is_label_punctuation(*c))
        .count();
    let rest: String = text.chars().skip(lead).take(24).collect();
    // Only ASCII letters have case in the labels.
    let lower = rest.to_ascii_lowercase();
    let (label, kind) = NOTE_LABELS.iter().find(|(l, _)| lower.starts_with(l))?;
    let after = label.chars().count();
    let trail = text
        .chars()
        .skip(lead + after)
        .take_while(|c| is_label_punctuation(*c))
        .count();
    // A label is set off by a bracket or a colon; 更新换代 or "Update the app" is a sentence.
    let set_off = text
        .chars()
        .take(lead)
        .chain(text.chars().skip(lead + after).take(trail))
        .any(|c| !is_padding(c));
    set_off.then_some((*kind, lead + after + trail))
}
