//! A long article's JSON read in slices: first the framing of its fields and of each block of
//! its body, a bounded number of bytes at a time ([`super::scan`]), then each field and each
//! block, then the article, in tasks of about [`SLICE_MS`]. Read in one piece, the syntax and
//! then the reading of a 10,000-paragraph article each hold the main thread for longer than
//! the 50 ms after which a task counts as long.
//!
//! The result is the one reading it in one piece gives: the same `serde_json` parse of the same
//! text, only of parts of it, each at the depth it has in the whole (so that the recursion
//! limit falls where it falls for the whole); and the same walk of the same value, in steps
//! (`ArticleSteps`). Where the parts could differ from the whole (text that is not JSON, or
//! not an object), [`value`] gives up and the caller parses the whole, whose error is then the
//! one the reader always gave.

use serde_json::{Map, Value};

use super::scan::{Scan, Scanner};
use super::{now_ms, yield_to_browser, SLICE_MS};
use crate::article::parse::ArticleSteps;
use crate::article::{Article, ArticleError};

/// How many blocks are parsed, or read, between two looks at the clock: reading the clock costs
/// calls into JavaScript, and 32 ordinary blocks take well under a millisecond.
const BLOCKS_PER_LOOK: usize = 32;

/// How many bytes the framing scan reads between two looks at the clock: well under a
/// millisecond of scanning.
const BYTES_PER_LOOK: usize = 16 * 1024;

/// serde_json's recursion limit: how deep arrays and objects may nest in one parse.
const RECURSION_LIMIT: usize = 128;

/// Where a reading in slices may give the browser its main thread back.
trait Pause {
    /// Yields to the browser if this slice has used its time.
    async fn pause_if_spent(&mut self);

    /// Yields to the browser now.
    async fn pause(&mut self);
}

/// The clock of one slice of work.
struct Clock(f64);

impl Clock {
    fn new() -> Self {
        Clock(now_ms())
    }
}

impl Pause for Clock {
    async fn pause_if_spent(&mut self) {
        if now_ms() - self.0 >= SLICE_MS {
            self.pause().await;
        }
    }

    async fn pause(&mut self) {
        yield_to_browser().await;
        self.0 = now_ms();
    }
}

/// How many blocks a long body's first part holds at most: more than a first screen of any
/// width shows (about 15 paragraphs on a desktop, 6 on a phone), and the first slice of the page
/// (see `crate::state::slice_plan`) or less, so that reading them costs a millisecond or two.
const FIRST_PART_BLOCKS: usize = 64;

/// How many bytes of JSON the blocks of a first part may take (at least one block is taken):
/// a first part of a few heavy blocks (long tables) is parsed as fast as one of 64 paragraphs.
const FIRST_PART_BYTES: usize = 64 * 1024;

/// Below this length a first part is not worth drawing the page twice: the whole text is read
/// in about 45 ms a MiB in Chromium on this project's machine (bench/trace-long.mjs: 10,000
/// paragraphs, 2.6 MiB, in some 120 ms), so half a MiB in about 23 ms, or 90 ms on a phone four
/// times slower, against 10 to 25 ms for the page's first render.
pub(super) const FIRST_PART_FROM_BYTES: usize = 512 * 1024;

/// A parsed part of the top-level object: a value, or the items of a `body` list still to be
/// parsed.
enum Part {
    Value(Value),
    Items(Vec<std::ops::Range<usize>>),
}

/// The JSON value of `text`, as `serde_json::from_str` would give it, parsed in slices: a scan
/// finds where each field of the top-level object, and each item of its `body` list, begins
/// and ends; each key and value (each item of the body) is then parsed on its own, with pauses
/// between. `None` when the text is not a JSON object, or when any part fails to parse: the
/// caller then parses the whole text, for its error.
///
/// For a long text (from [`FIRST_PART_FROM_BYTES`]) `first` is given, before the rest of the
/// body is parsed, the object with every field as it will be but its body cut to its first
/// blocks (see [`FIRST_PART_BLOCKS`]), so that a reader can draw the first screen meanwhile.
pub(super) async fn value(text: &str, first: Option<impl FnOnce(Value)>) -> Option<Value> {
    value_with(text, &mut Clock::new(), first).await
}

/// [`value`], pausing at `clock`.
async fn value_with(
    text: &str,
    clock: &mut impl Pause,
    first: Option<impl FnOnce(Value)>,
) -> Option<Value> {
    let mut scanner = Scanner::new();
    let found = loop {
        match scanner.step(text.as_bytes(), BYTES_PER_LOOK) {
            Scan::More => clock.pause_if_spent().await,
            Scan::Done(fields) => break fields,
            Scan::Invalid => return None,
        }
    };
    // Every key, and every value but the body's items, first: a first part needs them all.
    let mut parts = Vec::with_capacity(found.len());
    for field in found {
        clock.pause_if_spent().await;
        // Parsed as a Value, not as a String: serde's message for a key of another type
        // would bring in float formatting (about 7 KB of the release wasm), and the scanner
        // only frames string keys anyway.
        let Value::String(key) = serde_json::from_str(text.get(field.key)?).ok()? else {
            return None;
        };
        let part = match field.items {
            Some(items) => Part::Items(items),
            None => Part::Value(nested(text.get(field.value)?, 1)?),
        };
        parts.push((key, part));
    }
    // A repeated key keeps its last value, as in a whole parse; each value is parsed all the
    // same, for its syntax. So the body is the last field of that name, and only a list there
    // has a first part.
    let body = parts.iter().rposition(|(key, _)| key == "body");
    let mut head = Vec::new();
    if let (Some(first), Some(at), true) = (first, body, text.len() >= FIRST_PART_FROM_BYTES) {
        if let Some((_, Part::Items(items))) = parts.get(at) {
            let mut bytes = 0usize;
            for item in items.iter().take(FIRST_PART_BLOCKS) {
                if bytes >= FIRST_PART_BYTES {
                    break;
                }
                bytes = bytes.saturating_add(item.len());
                head.push(nested(text.get(item.clone())?, 2)?);
            }
            // A body that fits in its first part is shown whole, once.
            if head.len() < items.len() {
                let mut fields = Map::new();
                for (i, (key, part)) in parts.iter().enumerate() {
                    let value = match part {
                        Part::Value(value) => value.clone(),
                        Part::Items(_) if i == at => Value::Array(head.clone()),
                        Part::Items(_) => Value::Array(Vec::new()),
                    };
                    fields.insert(key.clone(), value);
                }
                first(Value::Object(fields));
                // The first screen is drawn in a task of its own, before the rest is read.
                clock.pause().await;
            }
        }
    }
    let mut fields = Map::new();
    for (i, (key, part)) in parts.into_iter().enumerate() {
        let value = match part {
            Part::Value(value) => value,
            Part::Items(items) => {
                let mut blocks = Vec::with_capacity(items.len());
                if Some(i) == body {
                    blocks.append(&mut head);
                }
                let rest = items.get(blocks.len()..).unwrap_or_default();
                for look in rest.chunks(BLOCKS_PER_LOOK) {
                    for item in look {
                        // Each block is two levels down: in the body, in the article.
                        blocks.push(nested(text.get(item.clone())?, 2)?);
                    }
                    clock.pause_if_spent().await;
                }
                Value::Array(blocks)
            }
        };
        fields.insert(key, value);
    }
    Some(Value::Object(fields))
}

/// The value of `raw`, JSON text found `depth` levels down in a document, parsed as it would be
/// there: inside `depth` arrays, so that serde_json's recursion limit counts the levels above
/// it too. Text too short to reach the limit from that depth is parsed as it is.
fn nested(raw: &str, depth: usize) -> Option<Value> {
    // Each level of nesting takes at least two characters (`[]`, `{}`).
    if raw.len() / 2 + depth < RECURSION_LIMIT {
        return serde_json::from_str(raw).ok();
    }
    let mut wrapped = String::with_capacity(raw.len() + 2 * depth);
    wrapped.extend(std::iter::repeat_n('[', depth));
    wrapped.push_str(raw);
    wrapped.extend(std::iter::repeat_n(']', depth));
    let mut value: Value = serde_json::from_str(&wrapped).ok()?;
    for _ in 0..depth {
        let Value::Array(mut items) = value else {
            return None;
        };
        value = items.pop()?;
    }
    Some(value)
}

/// The article `value` holds, read as [`crate::article::article_from_value`] reads it, a few
/// blocks of its body at a time, with pauses between.
pub(super) async fn article(value: &Value) -> Result<Article, ArticleError> {
    let mut steps = ArticleSteps::start(value)?;
    let mut clock = Clock::new();
    while !steps.step(BLOCKS_PER_LOOK)? {
        clock.pause_if_spent().await;
    }
    steps.finish()
}

/// Frees `value`, a long article's parsed JSON, a few blocks at a time with pauses between, in
/// a task chain of its own: freeing the values of 10,000 blocks at once holds the main thread
/// for tens of milliseconds, and the article read from them need not wait for it.
pub(super) fn release(value: Value) {
    let Value::Object(mut fields) = value else {
        return;
    };
    // Taken rather than removed: the map is dropped next, and removal would bring in the
    // B-tree's removal code for this one call (about 1.3 KB of the compressed wasm).
    let Some(Value::Array(mut blocks)) = fields.get_mut("body").map(Value::take) else {
        return;
    };
    drop(fields);
    wasm_bindgen_futures::spawn_local(async move {
        let mut clock = Clock::new();
        while !blocks.is_empty() {
            blocks.truncate(blocks.len().saturating_sub(BLOCKS_PER_LOOK));
            clock.pause_if_spent().await;
        }
    });
}

/// Readings outside a browser, for the tests.
#[cfg(test)]
mod tests_support {
    use super::*;

    /// No pauses: a reading outside a browser, in one go.
    struct NoPause;

    impl Pause for NoPause {
        async fn pause_if_spent(&mut self) {}
        async fn pause(&mut self) {}
    }

    /// [`value_with`] run to its end: without pauses it never waits.
    pub(super) fn value_now(text: &str) -> Option<Value> {
        value_and_first_now(text, None::<fn(Value)>)
    }

    /// [`value_with`] run to its end, with a first part given to `first`.
    pub(super) fn value_and_first_now(
        text: &str,
        first: Option<impl FnOnce(Value)>,
    ) -> Option<Value> {
        let mut pause = NoPause;
        let mut future = std::pin::pin!(value_with(text, &mut pause, first));
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match std::future::Future::poll(future.as_mut(), &mut context) {
            std::task::Poll::Ready(value) => value,
            std::task::Poll::Pending => panic!("a reading without pauses waited"),
        }
    }

    /// What the slices must give: the whole parse's object, or `None` where there is none.
    pub(super) fn whole(text: &str) -> Option<Value> {
        serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use tests_support::{value_now, whole};

    #[test]
    fn the_parts_parse_to_the_whole() {
        let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        let texts = [
            include_str!("../../static/articles/seed.json").to_owned(),
            include_str!("../../static/articles/cms-html.json").to_owned(),
            // Brackets and escaped quotes in strings, in keys, in blocks; a repeated key and a
            // repeated body, whose last value counts; numbers at the end of a block.
            r#"{"a\"]": "}]\"\\", "body": [{"t": "]}[{\""}, 2, -0.5e-3], "a\"]": 1,
               "body": [[], {}, "\u005d", 1], "n": 12345678901234567890}"#
                .to_owned(),
            r#"{"bod\u0079": [1, 2], "body": "[", "x": [1, [2, {"body": [3]}]]}"#.to_owned(),
            // Nesting exactly at serde_json's limit: 127 levels in all pass, 128 do not, in a
            // block (two levels down) and in another field (one level down).
            format!(r#"{{"body": [{}]}}"#, deep(RECURSION_LIMIT - 3)),
            format!(r#"{{"body": [{}]}}"#, deep(RECURSION_LIMIT - 2)),
            format!(r#"{{"d": {}}}"#, deep(RECURSION_LIMIT - 2)),
            format!(r#"{{"d": {}}}"#, deep(RECURSION_LIMIT - 1)),
            // Malformed inside a part: the scan frames it, the part's parse refuses it.
            r#"{"body": [{"a": 1,}]}"#.to_owned(),
            r#"{"body": ["tab\tand	raw tab"]}"#.to_owned(),
            r#"{"body": [tru]}"#.to_owned(),
            r#"{"body": ["\x"]}"#.to_owned(),
            r#"{"a": 01}"#.to_owned(),
            r#"{"a": 1} "#.to_owned(),
            "[1]".to_owned(),
            String::new(),
        ];
        for text in &texts {
            assert_eq!(value_now(text), whole(text), "{text:.200}");
        }
        // The cases that the limit decides go each way.
        assert!(value_now(&texts[4]).is_some() && value_now(&texts[5]).is_none());
        assert!(value_now(&texts[6]).is_some() && value_now(&texts[7]).is_none());
    }

    /// The first part `text` gives, and its whole value, which must be the whole parse's.
    fn first_part_of(text: &str) -> Option<Value> {
        let mut part = None;
        let value = tests_support::value_and_first_now(text, Some(|v| part = Some(v)));
        assert_eq!(value, whole(text), "the whole is the whole parse's");
        part
    }

    /// `text`'s whole parse with its body cut to its first `n` blocks.
    fn whole_cut_to(text: &str, n: usize) -> Value {
        let mut value = whole(text).unwrap();
        value["body"].as_array_mut().unwrap().truncate(n);
        value
    }

    /// An article of `count` blocks, each a string of exactly `bytes` bytes of JSON, with
    /// fields before and after its body.
    fn long_text(count: usize, bytes: usize) -> String {
        let block = format!("\"{}\"", "x".repeat(bytes - 2));
        let body = vec![block; count].join(",");
        format!(r#"{{"headline": "H", "body": [{body}], "editor": {{"name": "E"}}}}"#)
    }

    #[test]
    fn a_long_text_gives_its_first_64_blocks_and_every_other_field_first() {
        let text = long_text(2000, 300);
        assert!(text.len() >= FIRST_PART_FROM_BYTES);
        assert_eq!(first_part_of(&text), Some(whole_cut_to(&text, 64)));
        // A body of exactly 64 blocks, in a long text, fits in its first part: the whole comes
        // once. One more block, and the first part has 64.
        let padded = |count: usize| {
            let text = long_text(count, 300);
            let pad = "x".repeat(FIRST_PART_FROM_BYTES);
            format!(r#"{},"p":"{pad}"}}"#, &text[..text.len() - 1])
        };
        assert_eq!(first_part_of(&padded(64)), None);
        assert_eq!(
            first_part_of(&padded(65)),
            Some(whole_cut_to(&padded(65), 64))
        );
    }

    #[test]
    fn the_blocks_of_a_first_part_stop_once_they_pass_64_kib() {
        // 10,000 bytes a block: after 6 blocks 60,000 bytes are taken, under 65,536, so a 7th
        // is taken; after it 70,000 are, and the part ends there.
        let text = long_text(60, 10_000);
        assert_eq!(first_part_of(&text), Some(whole_cut_to(&text, 7)));
        // A first block larger than the bound is still a first part.
        let text = long_text(6, 100_000);
        assert_eq!(first_part_of(&text), Some(whole_cut_to(&text, 1)));
    }

    #[test]
    fn a_first_part_comes_from_512_kib_of_text() {
        // The same article, padded to exactly the bound and to one byte less.
        let sized = |len: usize| {
            let text = long_text(100, 100);
            let pad = len - text.len() - r#","p":"""#.len();
            let text = format!(r#"{},"p":"{}"}}"#, &text[..text.len() - 1], "x".repeat(pad));
            assert_eq!(text.len(), len);
            text
        };
        let at = sized(FIRST_PART_FROM_BYTES);
        assert_eq!(first_part_of(&at), Some(whole_cut_to(&at, 64)));
        assert_eq!(first_part_of(&sized(FIRST_PART_FROM_BYTES - 1)), None);
    }

    #[test]
    fn a_first_part_is_of_the_body_that_counts() {
        let long = long_text(2000, 300);
        let blocks = &long[long.find('[').unwrap()..=long.rfind(']').unwrap()];
        // A repeated body: the last one counts, in the first part as in the whole.
        let last_long = format!(r#"{{"body": ["a"], "headline": "H", "body": {blocks}}}"#);
        assert_eq!(
            first_part_of(&last_long),
            Some(whole_cut_to(&last_long, 64))
        );
        let last_short = format!(r#"{{"body": {blocks}, "headline": "H", "body": ["a"]}}"#);
        assert_eq!(first_part_of(&last_short), None);
        // A body that is not a list, or no body: nothing to show early.
        let pad = "x".repeat(FIRST_PART_FROM_BYTES);
        assert_eq!(first_part_of(&format!(r#"{{"body": "{pad}"}}"#)), None);
        assert_eq!(first_part_of(&format!(r#"{{"bodyHtml": "{pad}"}}"#)), None);
        // A text that is not JSON, though long, gives no first part and no value.
        let broken = format!("{}]", &long[..long.len() - 1]);
        assert_eq!(first_part_of(&broken), None);
    }

    #[test]
    fn a_part_parses_as_it_would_at_its_depth_in_the_whole() {
        // serde_json refuses the 128th level of nesting. A part two levels down may nest 125
        // levels (127 in the whole), not 126.
        let nest = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert!(serde_json::from_str::<Value>(&nest(RECURSION_LIMIT - 1)).is_ok());
        assert!(serde_json::from_str::<Value>(&nest(RECURSION_LIMIT)).is_err());
        assert!(nested(&nest(RECURSION_LIMIT - 3), 2).is_some());
        assert_eq!(nested(&nest(RECURSION_LIMIT - 2), 2), None);
        assert!(nested(&nest(RECURSION_LIMIT - 2), 1).is_some());
        assert_eq!(
            nested(r#"{"a": [1, "b"]}"#, 2),
            Some(serde_json::json!({"a": [1, "b"]}))
        );
        assert_eq!(nested("[1,]", 2), None);
    }
}

/// Random texts, mostly not JSON, near the scan's edges: the slices give the whole parse's
/// object or nothing.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::tests_support::{value_now, whole};

    const TOKENS: [&str; 22] = [
        "{",
        "}",
        "[",
        "]",
        "\"",
        "\\",
        ",",
        ":",
        " ",
        "\n",
        "1",
        "-2.5e3",
        "true",
        "nul",
        "\"body\"",
        "\"body\":",
        "\"a\"",
        "\"x]\"",
        "\"\\\"\"",
        "\\u0041",
        "é",
        "\t",
    ];
    const SAMPLE: &str = r#"{"body": [{"type": "paragraph", "content": "a]\"}"}, 1], "h": ["x"]}"#;

    proptest! {
        #[test]
        fn tokens_in_any_order(tokens in prop::collection::vec(prop::sample::select(&TOKENS[..]), 0..40)) {
            let text: String = tokens.concat();
            prop_assert_eq!(value_now(&text), whole(&text), "{}", text);
        }

        #[test]
        fn an_article_with_one_edit(at in 0..SAMPLE.len(), cut in 0usize..3, token in prop::sample::select(&TOKENS[..])) {
            let mut text = SAMPLE.to_owned();
            if text.is_char_boundary(at) {
                let end = (at + cut).min(text.len());
                if text.is_char_boundary(end) {
                    text.replace_range(at..end, token);
                }
            }
            prop_assert_eq!(value_now(&text), whole(&text), "{}", text);
        }
    }
}

/// The slices, in a real browser: the result is the one parsing and reading in one piece gives.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    async fn the_parts_parse_to_the_whole() {
        // A body with a block longer than the recursion limit, and a field nested 70 deep.
        let text = format!(
            r#"{{"schemaVersion": 1, "headline": "H\u00e9", "body": [{{"type": "paragraph",
            "content": [{{"text": "a"}}, {{"text": "b", "bold": true}}]}}, {{"type": "rule"}},
            {{"type": "paragraph", "content": "{}"}}], "headline": "last",
            "n": [1.5, -2, 12345678901234567890], "deep": {}{}}}"#,
            "x".repeat(200),
            "[".repeat(70),
            "]".repeat(70)
        );
        assert_eq!(
            value(&text, None::<fn(Value)>).await,
            Some(serde_json::from_str::<Value>(&text).unwrap())
        );
    }

    #[wasm_bindgen_test]
    async fn what_is_not_a_json_object_is_left_to_the_whole_parse() {
        for text in ["[1]", "{\"body\": [1,]}", "{} x", "", "{\"a\": tru}"] {
            assert_eq!(value(text, None::<fn(Value)>).await, None, "{text}");
        }
    }

    #[wasm_bindgen_test]
    async fn an_article_read_in_steps_is_the_article_read_at_once() {
        let mut doc: Value =
            serde_json::from_str(include_str!("../../static/articles/seed.json")).unwrap();
        let blocks = doc["body"].as_array().unwrap().clone();
        // Enough blocks for several looks at the clock.
        doc["body"] = Value::Array(blocks.iter().cycle().take(500).cloned().collect());
        let whole = crate::article::article_from_value(doc.clone()).unwrap();
        assert_eq!(article(&doc).await.unwrap(), whole);
        // The first error is the same error, wherever it is.
        doc["body"][333]["type"] = "no such block".into();
        doc["headline"] = Value::Null;
        let error = crate::article::article_from_value(doc.clone()).unwrap_err();
        assert!(error.to_string().contains("$.body[333].type"), "{error}");
        assert_eq!(article(&doc).await.unwrap_err(), error);
    }
}
