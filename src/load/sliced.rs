//! A long article's JSON read in slices: first the syntax of each of its fields and of each
//! block of its body, then each block, in tasks of about [`SLICE_MS`]. Read in one piece, the
//! syntax and then the reading of a 10,000-paragraph article each hold the main thread for
//! longer than the 50 ms after which a task counts as long.
//!
//! The result is the one reading it in one piece gives: the same `serde_json` parse of the same
//! text, only of parts of it, each at the depth it has in the whole (so that the recursion
//! limit falls where it falls for the whole); and the same walk of the same value, in steps
//! (`ArticleSteps`). Where the parts could differ from the whole (text that is not JSON, or
//! not an object), [`value`] gives up and the caller parses the whole, whose error is then the
//! one the reader always gave.

use std::collections::HashMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{now_ms, yield_to_browser, SLICE_MS};
use crate::article::parse::ArticleSteps;
use crate::article::{Article, ArticleError};

/// How many blocks are parsed, or read, between two looks at the clock: reading the clock costs
/// calls into JavaScript, and 32 ordinary blocks take well under a millisecond.
const BLOCKS_PER_LOOK: usize = 32;

/// serde_json's recursion limit: how deep arrays and objects may nest in one parse.
const RECURSION_LIMIT: usize = 128;

/// The clock of one slice of work.
struct Clock(f64);

impl Clock {
    fn new() -> Self {
        Clock(now_ms())
    }

    /// Yields to the browser if this slice has used its time.
    async fn pause_if_spent(&mut self) {
        if now_ms() - self.0 >= SLICE_MS {
            yield_to_browser().await;
            self.0 = now_ms();
        }
    }
}

/// The JSON value of `text`, as `serde_json::from_str` would give it, parsed in slices: one
/// pass finds where each field of the top-level object, and each item of its `body` list,
/// begins and ends (it checks the syntax without building anything); each is then parsed on its
/// own, with pauses between. `None` when the text is not a JSON object, or when any part fails
/// to parse: the caller then parses the whole text, for its error.
pub(super) async fn value(text: &str) -> Option<Value> {
    let mut clock = Clock::new();
    // A repeated key keeps its last value, as in a whole parse.
    let top: HashMap<String, &RawValue> = serde_json::from_str(text).ok()?;
    let mut fields = Map::new();
    for (key, raw) in &top {
        // The pass above checked the whole text's syntax, and the body's is checked again
        // below: each is a task of its own.
        clock.pause_if_spent().await;
        let value = match (
            key.as_str(),
            serde_json::from_str::<Vec<&RawValue>>(raw.get()),
        ) {
            ("body", Ok(items)) => {
                let mut blocks = Vec::with_capacity(items.len());
                for look in items.chunks(BLOCKS_PER_LOOK) {
                    for item in look {
                        // Each block is two levels down: in the body, in the article.
                        blocks.push(nested(item.get(), 2)?);
                    }
                    clock.pause_if_spent().await;
                }
                Value::Array(blocks)
            }
            _ => nested(raw.get(), 1)?,
        };
        fields.insert(key.clone(), value);
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

#[cfg(test)]
mod tests {
    use super::*;

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
            value(&text).await,
            Some(serde_json::from_str::<Value>(&text).unwrap())
        );
    }

    #[wasm_bindgen_test]
    async fn what_is_not_a_json_object_is_left_to_the_whole_parse() {
        for text in ["[1]", "{\"body\": [1,]}", "{} x", "", "{\"a\": tru}"] {
            assert_eq!(value(text).await, None, "{text}");
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
