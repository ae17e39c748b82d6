//! Read aloud, the parts that need no browser: cutting a block's text into utterances and
//! choosing a voice for the article's language. The component that speaks is
//! `crate::components::read_aloud`.

use crate::article::convert::Script;

/// The most characters one utterance carries. Some speech engines stop, or silently drop an
/// utterance, somewhere past 200–300 characters (Chrome's network voices cut off after about
/// 15 seconds of speech), so a longer block is spoken as several utterances.
pub const MAX_UTTERANCE_CHARS: usize = 200;

/// Characters that end a sentence, in Chinese and in Western punctuation.
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '.', '；', ';', '…', '\n'];

/// Characters that may follow a sentence end and still belong to the sentence: closing quotes
/// and brackets, so that `他说：“好。”` keeps its closing quote.
const CLOSERS: &[char] = &[
    '”', '’', '"', '\'', '」', '』', '）', ')', '】', '》', '〉', ']',
];

/// Characters after which a sentence that is itself too long may be cut: clause ends.
const CLAUSE_ENDS: &[char] = &['，', ',', '、', '：', ':', ' ', '—'];

/// The utterances for one block's `text`: the text with its runs of white space made single
/// spaces, in pieces of at most `max` characters. A piece ends at a sentence end where it can,
/// else at a clause end, else (a run of `max` characters with neither) just anywhere. Sentences
/// are packed together while they fit, so a short block is one utterance. Empty text has none.
pub fn utterances(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut current = String::new();
    for sentence in split_after(&text, SENTENCE_ENDS, sentence_end) {
        // The space between two sentences is kept only between two on one utterance.
        let mut gap = if sentence.starts_with(' ') { " " } else { "" };
        for piece in fitted(sentence.trim_start(), max) {
            if !current.is_empty() && chars(&current) + gap.len() + chars(piece) > max {
                push_trimmed(&mut out, &current);
                current.clear();
            }
            if !current.is_empty() {
                current.push_str(gap);
            }
            current.push_str(piece);
            gap = "";
        }
    }
    push_trimmed(&mut out, &current);
    out
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn push_trimmed(out: &mut Vec<String>, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        out.push(text.to_owned());
    }
}

/// Whether the end mark at byte `at` of `text` (whose length is `len`) ends a sentence: a full
/// stop only before white space or the end, so that `3.14` and `example.com` stay whole.
fn sentence_end(text: &str, at: usize, mark: char) -> bool {
    mark != '.'
        || text
            .get(at + mark.len_utf8()..)
            .and_then(|rest| rest.chars().next())
            .is_none_or(char::is_whitespace)
}

/// `text` cut after each of `marks` that `accept` agrees ends a piece (with any closers right
/// after it kept on the piece).
fn split_after<'a>(
    text: &'a str,
    marks: &[char],
    accept: fn(&str, usize, char) -> bool,
) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if !marks.contains(&c) || !accept(text, at, c) {
            continue;
        }
        let mut end = at + c.len_utf8();
        // A run of marks ("？！", "...") and the closers after it stay on the piece.
        while let Some(&(next_at, next)) = iter.peek() {
            if marks.contains(&next) || CLOSERS.contains(&next) {
                end = next_at + next.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if let Some(piece) = text.get(start..end) {
            pieces.push(piece);
        }
        start = end;
    }
    if let Some(rest) = text.get(start..).filter(|rest| !rest.is_empty()) {
        pieces.push(rest);
    }
    pieces
}

/// `sentence` as pieces of at most `max` characters: whole if it fits, else cut at clause ends
/// (packed while they fit), and a clause that is still too long cut every `max` characters.
fn fitted(sentence: &str, max: usize) -> Vec<&str> {
    if chars(sentence) <= max {
        return vec![sentence];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for clause in split_after(sentence, CLAUSE_ENDS, |_, _, _| true) {
        let clause_end = end + clause.len();
        if end > start && chars(sentence.get(start..clause_end).unwrap_or_default()) > max {
            out.extend(sentence.get(start..end));
            start = end;
        }
        end = clause_end;
    }
    out.extend(sentence.get(start..end));
    out.into_iter()
        .flat_map(|piece| hard_cut(piece, max))
        .collect()
}

/// `text` cut every `max` characters.
fn hard_cut(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (count, (at, _)) in text.char_indices().enumerate() {
        if count > 0 && count % max == 0 {
            out.extend(text.get(start..at));
            start = at;
        }
    }
    out.extend(text.get(start..));
    out
}

/// A language tag made comparable: lower case, with `-` between subtags (Android and some
/// engines report `zh_CN`).
fn normalised(tag: &str) -> String {
    tag.trim().replace('_', "-").to_ascii_lowercase()
}

/// The primary language subtag of `tag`, lower case.
pub fn primary(tag: &str) -> String {
    normalised(tag)
        .split('-')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// For Chinese in one script, the voices' tags that speak it best, best first: Mandarin of the
/// mainland or of Taiwan before Cantonese (zh-HK), which many engines speak for `zh-HK`.
fn preferred_chinese(script: Script) -> &'static [&'static str] {
    match script {
        Script::Simplified => &["zh-cn", "zh-hans", "zh-sg", "cmn-hans-cn"],
        Script::Traditional => &["zh-tw", "zh-hant", "cmn-hant-tw", "zh-hk"],
    }
}

/// The index in `voices` (each voice's language tag) of the voice to read an article tagged
/// `article` with: the voice of exactly that tag; for Chinese, the voices of its script in the
/// order of [`preferred_chinese`]; then any voice of the same primary language (for `zh`, also
/// `cmn` and `yue`). The first of equally good voices wins (engines list their default first).
/// `None` when no voice speaks the language: the reader then says so rather than read the
/// article with a voice of another language.
pub fn choose_voice<'a>(article: &str, voices: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    let wanted = normalised(article);
    let wanted_primary = primary(article);
    let chinese = |p: &str| matches!(p, "zh" | "cmn" | "yue");
    let preferred: &[&str] = if chinese(&wanted_primary) {
        // An article tagged just `zh` (or `cmn`) is taken as Simplified, the common case.
        preferred_chinese(Script::of_tag(article).unwrap_or(Script::Simplified))
    } else {
        &[]
    };
    let rank = |voice: &str| -> Option<usize> {
        let voice = normalised(voice);
        let voice_primary = primary(&voice);
        if voice == wanted {
            Some(0)
        } else if let Some(place) = preferred.iter().position(|p| *p == voice) {
            Some(1 + place)
        } else if voice_primary == wanted_primary
            || (chinese(&voice_primary) && chinese(&wanted_primary))
        {
            Some(1 + preferred.len())
        } else {
            None
        }
    };
    voices
        .into_iter()
        .enumerate()
        .filter_map(|(index, voice)| Some((rank(voice)?, index)))
        .min()
        .map(|(_, index)| index)
}

/// Names of the languages the no-voice message may name, by primary subtag: Simplified
/// Chinese, Traditional Chinese and English.
const LANGUAGE_NAMES: &[(&str, &str, &str, &str)] = &[
    ("zh", "中文", "中文", "Chinese"),
    ("cmn", "中文", "中文", "Chinese"),
    ("yue", "粤语", "粵語", "Cantonese"),
    ("en", "英语", "英語", "English"),
    ("ja", "日语", "日語", "Japanese"),
    ("ko", "韩语", "韓語", "Korean"),
    ("fr", "法语", "法語", "French"),
    ("de", "德语", "德語", "German"),
    ("es", "西班牙语", "西班牙語", "Spanish"),
    ("ru", "俄语", "俄語", "Russian"),
    ("ar", "阿拉伯语", "阿拉伯語", "Arabic"),
    ("he", "希伯来语", "希伯來語", "Hebrew"),
    ("bo", "藏语", "藏語", "Tibetan"),
    ("ug", "维吾尔语", "維吾爾語", "Uyghur"),
];

/// The script or language the interface text is written in, for [`language_name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameIn {
    /// Simplified Chinese.
    Simplified,
    /// Traditional Chinese.
    Traditional,
    /// English.
    English,
}

/// The name of the language of `tag` in `lang`, for the no-voice message; the tag itself for
/// a language not in the list.
pub fn language_name(tag: &str, lang: NameIn) -> String {
    let wanted = primary(tag);
    LANGUAGE_NAMES
        .iter()
        .find(|(code, ..)| *code == wanted)
        .map(|(_, simplified, traditional, english)| match lang {
            NameIn::Simplified => *simplified,
            NameIn::Traditional => *traditional,
            NameIn::English => *english,
        })
        .map_or_else(|| tag.trim().to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_block_is_one_utterance_with_its_white_space_made_single() {
        assert_eq!(
            utterances("  习近平总书记强调，\n  要夯实基层。  ", 200),
            ["习近平总书记强调， 要夯实基层。"]
        );
        assert_eq!(utterances(" \n ", 200), Vec::<String>::new());
    }

    #[test]
    fn a_block_of_exactly_the_limit_is_one_utterance_and_one_more_is_cut() {
        // Three sentences of 4, 5 and 2 characters.
        let text = "甲乙丙。丁戊己庚。辛壬";
        assert_eq!(text.chars().count(), 11);
        assert_eq!(utterances(text, 11), [text]);
        assert_eq!(utterances(text, 10), ["甲乙丙。丁戊己庚。", "辛壬"]);
    }

    #[test]
    fn sentences_are_packed_while_they_fit_and_cut_at_their_ends() {
        assert_eq!(
            utterances("一二三。四五六！七八九？十", 8),
            ["一二三。四五六！", "七八九？十"]
        );
        assert_eq!(
            utterances("One two. Three four! Five six?", 12),
            ["One two.", "Three four!", "Five six?"]
        );
    }

    #[test]
    fn closing_quotes_and_runs_of_marks_stay_on_their_sentence() {
        assert_eq!(
            utterances("他说：“好。”她问：“真的吗？！”", 10),
            ["他说：“好。”", "她问：“真的吗？！”"]
        );
    }

    #[test]
    fn a_full_stop_inside_a_number_or_address_does_not_end_a_sentence() {
        assert_eq!(
            utterances("Pi is 3.14 here. See example.com now.", 20),
            ["Pi is 3.14 here.", "See example.com now."]
        );
    }

    #[test]
    fn a_sentence_over_the_limit_is_cut_at_clause_ends_then_anywhere() {
        assert_eq!(
            utterances("一二三，四五六，七八九。", 8),
            ["一二三，四五六，", "七八九。"]
        );
        assert_eq!(
            utterances("一二三四五六七八九十", 4),
            ["一二三四", "五六七八", "九十"]
        );
    }

    #[test]
    fn no_utterance_of_a_long_article_block_is_over_the_limit() {
        let block = "习近平总书记强调，要坚持抓基层、打基础，夯实党在西藏的执政根基。".repeat(30);
        let pieces = utterances(&block, MAX_UTTERANCE_CHARS);
        assert!(pieces.len() > 1);
        for piece in &pieces {
            assert!(piece.chars().count() <= MAX_UTTERANCE_CHARS, "{piece}");
        }
        assert_eq!(pieces.concat(), block);
    }

    #[test]
    fn the_voice_of_the_exact_tag_wins() {
        let voices = ["en-US", "zh-TW", "zh-CN", "zh_CN"];
        assert_eq!(choose_voice("zh-CN", voices), Some(2));
        assert_eq!(choose_voice("en-us", voices), Some(0));
    }

    #[test]
    fn chinese_takes_a_voice_of_its_script_then_any_chinese_voice() {
        let voices = ["en-US", "zh-HK", "zh-TW", "zh-CN"];
        assert_eq!(choose_voice("zh", voices), Some(3));
        assert_eq!(choose_voice("zh-Hans", voices), Some(3));
        assert_eq!(choose_voice("zh-Hant", voices), Some(2));
        assert_eq!(choose_voice("zh-Hant", ["zh-HK", "zh-CN"]), Some(0));
        assert_eq!(choose_voice("zh-CN", ["en-GB", "zh-TW"]), Some(1));
        assert_eq!(choose_voice("zh-CN", ["en-GB", "yue-HK"]), Some(1));
    }

    #[test]
    fn a_language_with_no_voice_gets_none_rather_than_another_language() {
        assert_eq!(choose_voice("zh-CN", ["en-US", "ja-JP"]), None);
        assert_eq!(choose_voice("ar", ["en-US", "he-IL"]), None);
        assert_eq!(choose_voice("en", []), None);
        assert_eq!(choose_voice("en", ["en-GB", "en-US"]), Some(0));
    }

    #[test]
    fn languages_are_named_in_the_interface_language() {
        assert_eq!(language_name("zh-CN", NameIn::Simplified), "中文");
        assert_eq!(language_name("en-GB", NameIn::Traditional), "英語");
        assert_eq!(language_name("ar", NameIn::English), "Arabic");
        assert_eq!(language_name("tlh", NameIn::English), "tlh");
    }
}
