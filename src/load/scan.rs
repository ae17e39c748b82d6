//! The framing of an article's JSON text, found a bounded number of bytes at a time: where each
//! field of the top-level object begins and ends, its key and its value, and, for the `body`
//! field, where each item of its list begins and ends. A [`Scanner`] stops after the bytes it
//! is given leave to read and goes on from there when called again, so that the caller can
//! give the browser its main thread back between calls; the whole scan is one linear pass.
//!
//! It checks the grammar of the object and of the body's list (whitespace, `:`, `,`, the
//! brackets around them) and nothing inside a key or a value: it only finds where each ends,
//! by counting brackets outside strings. Every key and value it finds is then parsed on its own
//! by serde_json (see [`super::sliced`]), which checks the rest: text whose framing passes here
//! and whose every part parses is a JSON object, with the value a parse of the whole gives.
//! A value that is not JSON still ends somewhere here (a bracket too many, or a string left
//! open, ends the text with the scan [`Scan::Invalid`]), and then fails its own parse.

use std::ops::Range;

/// Where one field of the top-level object is in the text, in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key, with its quotes (still to be unescaped).
    pub key: Range<usize>,
    /// The value.
    pub value: Range<usize>,
    /// Where the `body` field's value is a list: each of its items. Only for the key written
    /// `"body"` as such: a key that spells it with escapes is parsed in one piece, which gives
    /// the same value.
    pub items: Option<Vec<Range<usize>>>,
}

/// How a scan stands after a call to [`Scanner::step`].
#[derive(Debug, PartialEq, Eq)]
pub enum Scan {
    /// There is more text to read.
    More,
    /// The text is one object, and these are its fields in order.
    Done(Vec<Field>),
    /// The text is not one JSON object.
    Invalid,
}

/// A value being skipped: where it began, and enough of its state to find its end.
#[derive(Clone, Copy, Debug)]
struct Skip {
    start: usize,
    /// How many brackets are open.
    depth: usize,
    /// Inside a string.
    string: bool,
    /// Right after a backslash in a string.
    escape: bool,
    /// A number or a literal (`true`, `null`): it ends before the next delimiter.
    scalar: bool,
}

/// Where a [`Skip`] is after one more byte.
enum Skipped {
    /// Still inside the value.
    Inside,
    /// The value ended with this byte.
    EndedAfter,
    /// The value ended before this byte, which is not part of it.
    EndedBefore,
    /// The byte cannot begin a value (or closes more brackets than the value opened).
    Invalid,
}

impl Skip {
    /// A value that begins with `byte`, at `start`; `None` when no value begins so.
    fn begin(start: usize, byte: u8) -> Option<Skip> {
        let skip = Skip {
            start,
            depth: 0,
            string: false,
            escape: false,
            scalar: false,
        };
        match byte {
            b'"' => Some(Skip {
                string: true,
                ..skip
            }),
            b'[' | b'{' => Some(Skip { depth: 1, ..skip }),
            b',' | b':' | b']' | b'}' => None,
            _ if is_space(byte) => None,
            _ => Some(Skip {
                scalar: true,
                ..skip
            }),
        }
    }

    /// Takes the byte after the ones seen so far.
    fn next(&mut self, byte: u8) -> Skipped {
        if self.string {
            if self.escape {
                self.escape = false;
            } else if byte == b'\\' {
                self.escape = true;
            } else if byte == b'"' {
                self.string = false;
                if self.depth == 0 {
                    return Skipped::EndedAfter;
                }
            }
            return Skipped::Inside;
        }
        if self.scalar {
            return match byte {
                b',' | b']' | b'}' => Skipped::EndedBefore,
                _ if is_space(byte) => Skipped::EndedBefore,
                _ => Skipped::Inside,
            };
        }
        match byte {
            b'"' => self.string = true,
            b'[' | b'{' => self.depth = self.depth.saturating_add(1),
            b']' | b'}' => {
                let Some(depth) = self.depth.checked_sub(1) else {
                    return Skipped::Invalid;
                };
                self.depth = depth;
                if depth == 0 {
                    return Skipped::EndedAfter;
                }
            }
            _ => {}
        }
        Skipped::Inside
    }

    /// Skips the bytes of `text` from `*pos` up to `stop` that cannot end the value or change
    /// its state (inside a string, all but `"` and `\\`; elsewhere all but quotes and
    /// brackets; in a number or literal, all but delimiters), leaving `*pos` at the next byte
    /// that [`Skip::next`] must see. The scan spends most of its time here, in a tight loop.
    fn run(&self, text: &[u8], pos: &mut usize, stop: usize) {
        let Some(rest) = text.get(*pos..stop) else {
            return;
        };
        let plain = if self.string && !self.escape {
            rest.iter().position(|&b| b == b'"' || b == b'\\')
        } else if self.string {
            Some(0)
        } else if self.scalar {
            rest.iter()
                .position(|&b| matches!(b, b',' | b']' | b'}') || is_space(b))
        } else {
            rest.iter()
                .position(|&b| matches!(b, b'"' | b'[' | b']' | b'{' | b'}'))
        };
        *pos += plain.unwrap_or(rest.len());
    }

    /// Whether the value may end where the text ends: only a number or literal may.
    fn may_end_with_text(&self) -> bool {
        self.scalar
    }
}

/// Where the scan is in the object's grammar.
#[derive(Clone, Copy, Debug)]
enum State {
    /// Before the object: whitespace, then `{`.
    Start,
    /// Right after `{`: a key, or `}`.
    FirstKey,
    /// After a `,`: a key.
    Key,
    /// Inside a key that began at `start`.
    InKey { start: usize, escape: bool },
    /// After a key: `:`.
    Colon,
    /// After the `:`: a value.
    Value,
    /// Inside a value.
    InValue(Skip),
    /// Right after the `[` of the body's list, which began at `start`: an item, or `]`.
    FirstItem { start: usize },
    /// After a `,` in the body's list: an item.
    Item { start: usize },
    /// Inside an item of the body's list.
    InItem { start: usize, item: Skip },
    /// After an item of the body's list: `,` or `]`.
    AfterItem { start: usize },
    /// After a value: `,` or `}`.
    AfterValue,
    /// After the object: only whitespace.
    End,
    /// The text is not one object.
    Failed,
}

/// A scan of one text, resumable (see the module's documentation).
#[derive(Debug)]
pub struct Scanner {
    /// How far the text is read.
    pos: usize,
    state: State,
    fields: Vec<Field>,
    /// The key of the field being read.
    key: Range<usize>,
    /// The items of the body's list so far, while it is being read.
    items: Vec<Range<usize>>,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

/// JSON's whitespace.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

impl Scanner {
    /// A scan at the start of a text.
    pub fn new() -> Self {
        Scanner {
            pos: 0,
            state: State::Start,
            fields: Vec::new(),
            key: 0..0,
            items: Vec::new(),
        }
    }

    /// Reads up to `budget` more bytes of `text` (at least one), which must be the same text
    /// on every call.
    pub fn step(&mut self, text: &[u8], budget: usize) -> Scan {
        let stop = self.pos.saturating_add(budget.max(1)).min(text.len());
        while self.pos < stop {
            // Inside a value most bytes change nothing: they are passed over in bulk.
            if let State::InValue(skip) | State::InItem { item: skip, .. } = self.state {
                skip.run(text, &mut self.pos, stop);
            }
            let Some(&byte) = text.get(self.pos).filter(|_| self.pos < stop) else {
                break;
            };
            self.state = self.next(text, byte);
            if let State::Failed = self.state {
                return Scan::Invalid;
            }
            self.pos += 1;
        }
        if self.pos < text.len() {
            return Scan::More;
        }
        // The text has ended: a number or literal at its very end ends with it.
        if let State::InValue(skip) = self.state {
            if skip.may_end_with_text() {
                self.end_value(skip.start..self.pos);
                self.state = State::AfterValue;
            }
        }
        match self.state {
            State::End => Scan::Done(std::mem::take(&mut self.fields)),
            _ => Scan::Invalid,
        }
    }

    /// The state after `byte`, at [`Scanner::pos`] of `text`.
    fn next(&mut self, text: &[u8], byte: u8) -> State {
        let pos = self.pos;
        let space = is_space(byte);
        match self.state {
            State::Start | State::End | State::FirstKey | State::Key | State::Colon if space => {
                self.state
            }
            State::Value | State::AfterValue if space => self.state,
            State::FirstItem { .. } | State::Item { .. } | State::AfterItem { .. } if space => {
                self.state
            }
            State::Start if byte == b'{' => State::FirstKey,
            State::FirstKey if byte == b'}' => State::End,
            State::FirstKey | State::Key if byte == b'"' => State::InKey {
                start: pos,
                escape: false,
            },
            State::InKey { start, escape } => {
                if escape {
                    State::InKey {
                        start,
                        escape: false,
                    }
                } else if byte == b'\\' {
                    State::InKey {
                        start,
                        escape: true,
                    }
                } else if byte == b'"' {
                    self.key = start..pos + 1;
                    State::Colon
                } else {
                    self.state
                }
            }
            State::Colon if byte == b':' => State::Value,
            State::Value if byte == b'[' && text.get(self.key.clone()) == Some(b"\"body\"") => {
                self.items.clear();
                State::FirstItem { start: pos }
            }
            State::Value => match Skip::begin(pos, byte) {
                Some(skip) => State::InValue(skip),
                None => State::Failed,
            },
            State::InValue(mut skip) => match skip.next(byte) {
                Skipped::Inside => State::InValue(skip),
                Skipped::EndedAfter => {
                    self.end_value(skip.start..pos + 1);
                    State::AfterValue
                }
                // A number or literal ended: this byte comes after the value.
                Skipped::EndedBefore => {
                    self.end_value(skip.start..pos);
                    self.after_value(byte)
                }
                Skipped::Invalid => State::Failed,
            },
            State::AfterValue => self.after_value(byte),
            State::FirstItem { start } if byte == b']' => self.end_list(start, pos),
            State::FirstItem { start } | State::Item { start } => match Skip::begin(pos, byte) {
                Some(item) => State::InItem { start, item },
                None => State::Failed,
            },
            State::InItem { start, mut item } => match item.next(byte) {
                Skipped::Inside => State::InItem { start, item },
                Skipped::EndedAfter => {
                    self.items.push(item.start..pos + 1);
                    State::AfterItem { start }
                }
                Skipped::EndedBefore => {
                    self.items.push(item.start..pos);
                    self.after_item(start, pos, byte)
                }
                Skipped::Invalid => State::Failed,
            },
            State::AfterItem { start } => self.after_item(start, pos, byte),
            _ => State::Failed,
        }
    }

    /// After a value, `byte` (not whitespace) must go on to the next field or close the object.
    fn after_value(&mut self, byte: u8) -> State {
        match byte {
            b',' => State::Key,
            b'}' => State::End,
            _ if is_space(byte) => State::AfterValue,
            _ => State::Failed,
        }
    }

    /// After an item of the body's list, `byte` must go on to the next item or close the list.
    fn after_item(&mut self, start: usize, pos: usize, byte: u8) -> State {
        match byte {
            b',' => State::Item { start },
            b']' => self.end_list(start, pos),
            _ if is_space(byte) => State::AfterItem { start },
            _ => State::Failed,
        }
    }

    /// The body's list, which began at `start`, ends with the `]` at `pos`.
    fn end_list(&mut self, start: usize, pos: usize) -> State {
        let items = std::mem::take(&mut self.items);
        self.fields.push(Field {
            key: self.key.clone(),
            value: start..pos + 1,
            items: Some(items),
        });
        State::AfterValue
    }

    fn end_value(&mut self, value: Range<usize>) {
        self.fields.push(Field {
            key: self.key.clone(),
            value,
            items: None,
        });
    }
}

/// The whole scan of `text` at once.
#[cfg(test)]
fn scan(text: &[u8]) -> Option<Vec<Field>> {
    match Scanner::new().step(text, usize::MAX) {
        Scan::Done(fields) => Some(fields),
        Scan::More | Scan::Invalid => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One field as text: its key, its value, and the body's items.
    type Part = (String, String, Option<Vec<String>>);

    /// The fields of `text` as text, scanned `budget` bytes at a time.
    fn parts(text: &str, budget: usize) -> Option<Vec<Part>> {
        let mut scanner = Scanner::new();
        let fields = loop {
            match scanner.step(text.as_bytes(), budget) {
                Scan::More => continue,
                Scan::Done(fields) => break fields,
                Scan::Invalid => return None,
            }
        };
        let at = |range: Range<usize>| text[range].to_owned();
        Some(
            fields
                .into_iter()
                .map(|f| {
                    let items = f.items.map(|items| items.into_iter().map(at).collect());
                    (at(f.key), at(f.value), items)
                })
                .collect(),
        )
    }

    fn field(key: &str, value: &str) -> Part {
        (key.to_owned(), value.to_owned(), None)
    }

    #[test]
    fn fields_and_body_items_are_found_whatever_the_budget() {
        let text = r#" { "a" : 1 , "b":"x,]}\"" ,"body": [ {"t": "[{"}, [1, [2]] ,3,"s"] ,
            "c": {"d": [true, null]}, "e": -1.5e3, "f": false}  "#;
        let expected = vec![
            field(r#""a""#, "1"),
            field(r#""b""#, r#""x,]}\"""#),
            (
                r#""body""#.to_owned(),
                r#"[ {"t": "[{"}, [1, [2]] ,3,"s"]"#.to_owned(),
                Some(vec![
                    r#"{"t": "[{"}"#.to_owned(),
                    "[1, [2]]".to_owned(),
                    "3".to_owned(),
                    r#""s""#.to_owned(),
                ]),
            ),
            field(r#""c""#, r#"{"d": [true, null]}"#),
            field(r#""e""#, "-1.5e3"),
            field(r#""f""#, "false"),
        ];
        for budget in [1, 2, 3, 7, 64, usize::MAX] {
            assert_eq!(
                parts(text, budget),
                Some(expected.clone()),
                "budget {budget}"
            );
        }
    }

    #[test]
    fn escaped_quotes_and_backslashes_end_strings_where_json_does() {
        // `\\` ends the escape: the quote after it closes the string.
        let text = r#"{"k\"}": "a\\", "body": ["\\\"]", "\"", "]"]}"#;
        assert_eq!(
            parts(text, 5),
            Some(vec![
                field(r#""k\"}""#, r#""a\\""#),
                (
                    r#""body""#.to_owned(),
                    r#"["\\\"]", "\"", "]"]"#.to_owned(),
                    Some(vec![
                        r#""\\\"]""#.to_owned(),
                        r#""\"""#.to_owned(),
                        r#""]""#.to_owned(),
                    ])
                ),
            ])
        );
    }

    #[test]
    fn empty_objects_and_lists() {
        assert_eq!(parts("{}", 1), Some(vec![]));
        assert_eq!(parts(" \n{ \t}\r\n", 1), Some(vec![]));
        assert_eq!(
            parts(r#"{"body":[],"x":[]}"#, 1),
            Some(vec![
                (r#""body""#.to_owned(), "[]".to_owned(), Some(vec![])),
                field(r#""x""#, "[]"),
            ])
        );
        // A body that is not a list, or a key that spells `body` with an escape, is one value.
        assert_eq!(
            parts(r#"{"body":"[1]","bod\u0079":[1]}"#, 1),
            Some(vec![
                field(r#""body""#, r#""[1]""#),
                field(r#""bod\u0079""#, "[1]"),
            ])
        );
        // A number at the very end of the text (never valid at the top level) is a value.
        assert_eq!(parts(r#"{"a":1"#, 1), None);
    }

    #[test]
    fn what_is_not_an_object_is_invalid() {
        for text in [
            "",
            "   ",
            "[1]",
            "\"x\"",
            "1",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":}",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{,\"a\":1}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":1} x",
            "{\"a\":1}}",
            "{\"a\":1]",
            "{\"a\":\"open}",
            "{\"a\":[1,2}",
            "{\"a\":[1]]}",
            "{\"a\":1}{}",
            "{1:2}",
            "{\"body\":[1,]}",
            "{\"body\":[,1]}",
            "{\"body\":[1 2]}",
            "{\"body\":[1}",
            "{\"body\":[\"x]}",
            "{\"body\":[{]}",
            "{\"body\":[}]}",
            "{\"body\":[1]]}",
            "{\"body\":[1]",
        ] {
            for budget in [1, 4, usize::MAX] {
                assert_eq!(parts(text, budget), None, "{text:?} by {budget}");
            }
        }
    }

    #[test]
    fn a_malformed_value_is_framed_for_its_own_parse_to_refuse() {
        // The scan checks the framing only: these values are found, and their parse fails.
        assert_eq!(
            parts(
                r#"{"a": tru, "b": [1,], "c": {"x" 1}, "body": [{"y":}, 1e]}"#,
                3
            ),
            Some(vec![
                field(r#""a""#, "tru"),
                field(r#""b""#, "[1,]"),
                field(r#""c""#, r#"{"x" 1}"#),
                (
                    r#""body""#.to_owned(),
                    r#"[{"y":}, 1e]"#.to_owned(),
                    Some(vec![r#"{"y":}"#.to_owned(), "1e".to_owned()])
                ),
            ])
        );
    }

    #[test]
    fn deep_nesting_is_counted_not_recursed() {
        // Far past serde_json's limit of 128 levels, and past any stack: a counter.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let text = format!(r#"{{"body": [{deep}, {{"a": {deep}}}], "d": {deep}}}"#);
        let fields = parts(&text, 4096).expect("framed");
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0].2.as_ref().map(Vec::len), Some(2));
        assert_eq!(fields[1].1, deep);
        let unclosed = format!(r#"{{"d": {}}}"#, "[".repeat(100_000));
        assert_eq!(parts(&unclosed, 4096), None);
    }

    #[test]
    fn every_byte_is_read_once_in_steps_of_the_budget() {
        let text = br#"{"body": [1, 2, 3], "a": "bc"}"#;
        let mut scanner = Scanner::new();
        let mut steps = 0;
        let fields = loop {
            steps += 1;
            match scanner.step(text, 10) {
                Scan::More => assert_eq!(scanner.pos, 10 * steps),
                Scan::Done(fields) => break fields,
                Scan::Invalid => panic!("invalid"),
            }
        };
        // 30 bytes in steps of 10.
        assert_eq!((steps, text.len()), (3, 30));
        assert_eq!(fields.len(), 2);
        assert_eq!(scan(text), Some(fields));
    }
}
