//! Property-based tests of the pure code that reads untrusted input. Each property compares the
//! code with something independent of it, so that it can find bugs rather than restate them:
//!
//! - the article reader against the JSON Schema of the version a document declares, on sample
//!   articles (version 1) and a version-2 document with every block kind, with random edits;
//! - date parsing against a calendar written here (a days-in-month table);
//! - the URL policy against its own promise (images never allow more than links);
//! - the HTML import against its safety invariants (nothing from dropped elements, every
//!   address from the input, bounded output at the deepest tree the browser walk produces).
//!
//! `cargo test` runs 256 cases per property. For a long run, set PROPTEST_CASES, e.g.
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz` (`scripts/fuzz.sh` does this and
//! reports the number of executions).
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use article_reader::article::parse::{MAX_NESTING, MAX_QUOTE_DEPTH};
use article_reader::article::{
    article_from_value, ArticleError, Block, DateTime, Image, InlineKind, Inlines,
};
use article_reader::html_import::{dom, import, HtmlNode};
use article_reader::url_policy::{precheck, UrlUse};
use proptest::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The reader against the JSON Schema.

const SAMPLES: [&str; 5] = [
    include_str!("../static/articles/cms-html.json"),
    include_str!("../static/articles/reader-en.json"),
    include_str!("../static/articles/reader-zh.json"),
    include_str!("../static/articles/seed.json"),
    include_str!("fixtures/v2-every-block.json"),
];

fn compile(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

/// The version-1 JSON Schema.
fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| compile(include_str!("../static/schema/article-v1.schema.json")))
}

/// The version-2 JSON Schema.
fn schema_v2() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| compile(include_str!("../static/schema/article-v2.schema.json")))
}

/// The schema of the version a document declares: version 2's for `schemaVersion: 2`, else
/// version 1's (which refuses every other version by its `const`, as the reader does).
fn schema_for(doc: &Value) -> &'static jsonschema::Validator {
    if doc.get("schemaVersion").and_then(Value::as_f64) == Some(2.0) {
        schema_v2()
    } else {
        schema()
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// One random edit of a document. Places are picked in two steps, a field name first (`level`,
/// `body[]` for an item of `body`) and then one of its occurrences, so that rare fields are
/// edited as often as the many `content`s.
#[derive(Clone, Debug)]
enum Edit {
    /// Remove the field or array item at a place.
    Drop(Pick),
    /// Replace the value at a place with a variant of what is there (see `variants`).
    Vary(Pick, prop::sample::Index),
    /// Add (or overwrite) a field of an object.
    Add(Pick, &'static str, Value),
    /// Wrap a block (an object with a `type`) in this many quotes.
    Quote(Pick, usize),
    /// Wrap a block in this many containers of version 2 (notes, list items, table cells,
    /// descriptions and footnotes, in turn).
    Nest(Pick, usize),
}

type Pick = (prop::sample::Index, prop::sample::Index);

/// Dates, real and not, for any string to become.
const DATES: &[&str] = &[
    "2020-07-01T10:14:37+08:00",
    "2020-07-01T10:14:37+15:00",
    "2020-07-01T10:14:37+14:59",
    "2020-07-01T10:14:37.5z",
    "2020-07-01t10:14-05:30",
    "2020-07-01 10:14:37",
    "2020-07-01",
    "2020-02-29T10:00:00Z",
    "2019-02-29T10:00:00Z",
    "1900-02-29T00:00Z",
    "2000-02-29T00:00:00+14:00",
    "2020-04-31T10:00Z",
    "2020-07-01T24:00:00Z",
    "2020-07-01T10:14:37.+08:00",
    "２０２０-07-01T10:14:37Z",
    "2016-12-31T23:59:60Z",
    "2017-01-01T07:59:60+08:00",
    "2020-07-01T12:00:60Z",
    "2020-07-01T10:14:37+0800",
    "2020-07-01T10:14:37+080",
    "2018-04-05T06:00",
    "2018-04-05T06:00:00.5",
    "2016-12-31T23:59:60",
    "2017-01-01T07:59:60+0800",
];

/// What a value may become: `null`, other JSON types, and the near misses of its own type
/// (blank strings, impossible dates, numbers next to it, empty arrays and objects).
fn variants(value: &Value) -> Vec<Value> {
    let mut out = vec![
        Value::Null,
        json!(7),
        json!(true),
        json!("x"),
        json!([]),
        json!({}),
    ];
    match value {
        Value::Null => {}
        Value::Bool(b) => out.extend([json!(!b), json!(b.to_string()), json!(1)]),
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            out.extend([
                json!(f + 1.0),
                json!(f - 1.0),
                json!(f),
                json!(f + 0.5),
                json!(n.to_string()),
                json!(0),
            ]);
            if let Some(i) = n.as_i64() {
                out.extend([json!(i + 1), json!(i - 1), json!(i + 2), json!(i - 2)]);
            }
        }
        Value::String(s) => {
            out.extend(
                [
                    "", " ", "\u{3000}", "\u{85}", "\u{feff}", "\u{a0}x", "video", "quote",
                ]
                .map(Value::from),
            );
            out.extend(DATES.iter().map(|d| Value::from(*d)));
            out.extend([json!([s]), json!({"text": s}), json!(format!(" {s} "))]);
        }
        Value::Array(items) => {
            out.extend([json!([7]), json!([null]), json!("x")]);
            if let Some(first) = items.first() {
                out.extend([first.clone(), json!([first, first]), json!([[first]])]);
            }
        }
        Value::Object(fields) => {
            out.extend([json!({"type": "paragraph", "content": "x"}), json!([value])]);
            for key in fields.keys() {
                let mut without = fields.clone();
                without.remove(key);
                out.push(Value::Object(without));
            }
        }
    }
    out
}

/// Fields to add: the vocabulary of the format, and one it does not know.
const ADDED_KEYS: &[&str] = &[
    "body",
    "bodyHtml",
    "level",
    "ordered",
    "caption",
    "cite",
    "header",
    "url",
    "href",
    "bold",
    "datePublished",
    "items",
    "more",
    "type",
    "text",
    "name",
    "alt",
    "content",
    "rows",
    "@type",
    "somethingNew",
    // Version 2.
    "inLanguage",
    "dir",
    "dateModified",
    "timeZone",
    "previousArticle",
    "nextArticle",
    "strike",
    "sup",
    "code",
    "lang",
    "blocks",
    "start",
    "reversed",
    "head",
    "header",
    "scope",
    "colspan",
    "rowspan",
    "credit",
    "width",
    "srcset",
    "images",
    "term",
    "details",
    "kind",
    "id",
    "label",
    "annotation",
    "poster",
    "language",
];

/// Values for added fields.
fn added_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(2),
        json!(2.0),
        json!(5),
        json!(""),
        json!(" "),
        json!("x"),
        json!("<p>x</p>"),
        json!("2020-07-01"),
        json!("2020-07-01T10:14:37+08:00"),
        json!([]),
        json!({}),
        json!([{"type": "paragraph", "content": "x"}]),
        json!([["a"]]),
        json!(["x", {"text": "y", "bold": true}]),
        json!({"name": "x"}),
        // Version 2.
        json!(1),
        json!(1000),
        json!(1001),
        json!(65534),
        json!(65535),
        json!(-3),
        json!("rtl"),
        json!("col"),
        json!("video"),
        json!("note"),
        json!("n1"),
        json!("n9"),
        json!("+08:00"),
        json!("+0800"),
        json!("2018-04-05T06:00"),
        json!({"blocks": [{"type": "paragraph", "content": "x"}]}),
        json!({"blocks": []}),
        json!([{"type": "break"}]),
        json!([{"type": "footnoteRef", "id": "n1"}]),
        json!([{"type": "footnoteRef", "id": "n9"}]),
        json!([{"type": "ruby", "text": "漢字", "annotation": " "}]),
        json!([{"type": "image", "src": "a.png", "alt": "a", "width": 0}]),
        json!([{"content": "h", "header": true, "colspan": 2}]),
        json!([{"type": "rule"}]),
        json!({"src": "a.png", "alt": "a"}),
        json!([{"id": "n1", "content": "dup"}]),
    ]
}

/// Values at the edges of one field's rules (bounds, enumerations, forms), for adding it.
fn values_for(key: &str) -> Vec<Value> {
    let mut out = match key {
        "colspan" => vec![json!(0), json!(1), json!(1000), json!(1000.0), json!(1001)],
        "rowspan" => vec![json!(0), json!(65534), json!(65535), json!(1.5)],
        "width" | "height" => vec![
            json!(0),
            json!(1),
            json!(4_294_967_295u64),
            json!(4_294_967_296u64),
            json!(-1),
        ],
        "start" => vec![
            json!(-1_000_000_000),
            json!(-1_000_000_001),
            json!(1_000_000_000),
            json!(1_000_000_001),
            json!(0.0),
            json!(1e300),
        ],
        "level" => vec![json!(1), json!(2), json!(4), json!(5), json!(3.0)],
        "dir" => vec![json!("ltr"), json!("rtl"), json!("auto"), json!("RTL")],
        "scope" => vec![json!("row"), json!("colgroup"), json!("cols")],
        "kind" => vec![
            json!("video"),
            json!("audio"),
            json!("frame"),
            json!("editorsNote"),
            json!("correction"),
            json!("update"),
            json!("other"),
        ],
        "timeZone" => vec![
            json!("+08:00"),
            json!("-14:59"),
            json!("+15:00"),
            json!("+0800"),
            json!("z"),
            json!("UTC"),
        ],
        "dateModified" | "datePublished" => DATES.iter().map(|d| json!(d)).collect(),
        "type" => [
            "break",
            "ruby",
            "math",
            "footnoteRef",
            "image",
            "text",
            "rule",
            "note",
            "gallery",
            "pullQuote",
            "code",
            "embed",
            "definitionList",
            "footnotes",
        ]
        .map(Value::from)
        .to_vec(),
        "id" | "label" | "annotation" | "lang" | "language" => {
            vec![
                json!("n1"),
                json!("n2"),
                json!("n9"),
                json!(" "),
                json!("x"),
            ]
        }
        "blocks" | "content" | "details" | "images" | "head" | "header" => vec![
            json!([]),
            json!([{"type": "rule"}]),
            json!([[{"content": "h", "header": true}]]),
            json!([{"src": "a.png", "alt": "a"}]),
            json!(["x", {"blocks": []}]),
        ],
        _ => Vec::new(),
    };
    out.extend([Value::Null, json!(true), json!("x")]);
    out
}

fn pick() -> impl Strategy<Value = Pick> {
    (any::<prop::sample::Index>(), any::<prop::sample::Index>())
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => pick().prop_map(Edit::Drop),
        3 => (pick(), any::<prop::sample::Index>()).prop_map(|(at, v)| Edit::Vary(at, v)),
        1 => (
            pick(),
            prop::sample::select(ADDED_KEYS),
            prop::sample::select(added_values())
        )
            .prop_map(|(at, k, v)| Edit::Add(at, k, v)),
        // A field with a value near its own rules, where the rules of version 2 lie.
        1 => (pick(), prop::sample::select(ADDED_KEYS))
            .prop_flat_map(|(at, k)| (Just(at), Just(k), prop::sample::select(values_for(k))))
            .prop_map(|(at, k, v)| Edit::Add(at, k, v)),
        1 => (pick(), 1..=MAX_QUOTE_DEPTH + 2).prop_map(|(at, n)| Edit::Quote(at, n)),
        1 => (pick(), 1..=MAX_NESTING + 2).prop_map(|(at, n)| Edit::Nest(at, n)),
    ]
}

/// Every place in a document but the root, with the name of its field (`body[]` for an item
/// of `body`).
fn places(value: &Value) -> Vec<(String, Vec<Step>)> {
    fn walk(value: &Value, name: &str, here: &mut Vec<Step>, out: &mut Vec<(String, Vec<Step>)>) {
        if !here.is_empty() {
            out.push((name.to_owned(), here.clone()));
        }
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    here.push(Step::Key(k.clone()));
                    walk(v, k, here, out);
                    here.pop();
                }
            }
            Value::Array(items) => {
                let item = format!("{name}[]");
                for (i, v) in items.iter().enumerate() {
                    here.push(Step::Index(i));
                    walk(v, &item, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "$", &mut Vec::new(), &mut out);
    out
}

fn at<'a>(value: &'a Value, path: &[Step]) -> &'a Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &v[k.as_str()],
        Step::Index(i) => &v[*i],
    })
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// A place whose value passes `keep`: a field name first, then one of its occurrences.
fn choose(
    doc: &Value,
    (name, occurrence): &Pick,
    keep: impl Fn(&Value) -> bool,
) -> Option<Vec<Step>> {
    let candidates: Vec<(String, Vec<Step>)> = places(doc)
        .into_iter()
        .filter(|(_, path)| keep(at(doc, path)))
        .collect();
    let mut names: Vec<&str> = candidates.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return None;
    }
    let name = names[name.index(names.len())];
    let mut paths: Vec<&Vec<Step>> = candidates
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, p)| p)
        .collect();
    let i = occurrence.index(paths.len());
    Some(paths.swap_remove(i).clone())
}

fn apply(doc: &mut Value, edit: &Edit) {
    match edit {
        Edit::Drop(which) => {
            let Some(path) = choose(doc, which, |_| true) else {
                return;
            };
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match (at_mut(doc, parent), last) {
                (Value::Object(map), Step::Key(k)) => {
                    map.remove(k);
                }
                (Value::Array(items), Step::Index(i)) => {
                    items.remove(*i);
                }
                _ => unreachable!("a place's parent holds it"),
            }
        }
        Edit::Vary(which, variant) => {
            if let Some(path) = choose(doc, which, |_| true) {
                let target = at_mut(doc, &path);
                let options = variants(target);
                *target = options[variant.index(options.len())].clone();
            }
        }
        Edit::Add(which, key, value) => {
            if let Some(path) = choose(doc, which, Value::is_object) {
                at_mut(doc, &path)[*key] = value.clone();
            }
        }
        Edit::Quote(which, levels) => {
            if let Some(path) = choose(doc, which, |v| v.get("type").is_some()) {
                let target = at_mut(doc, &path);
                for _ in 0..*levels {
                    *target = json!({"type": "quote", "content": [target.take()]});
                }
            }
        }
        Edit::Nest(which, levels) => {
            if let Some(path) = choose(doc, which, |v| v.get("type").is_some()) {
                let target = at_mut(doc, &path);
                for level in 0..*levels {
                    let blocks = json!({"blocks": [target.take()]});
                    *target = match level % 5 {
                        0 => json!({"type": "note", "kind": "update", "content": blocks["blocks"]}),
                        1 => json!({"type": "list", "items": [blocks]}),
                        2 => json!({"type": "table", "rows": [[blocks]]}),
                        3 => {
                            json!({"type": "definitionList", "items": [{"term": "t", "details": [blocks]}]})
                        }
                        _ => {
                            json!({"type": "footnotes", "items": [{"id": format!("nest{level}"), "content": blocks}]})
                        }
                    };
                }
            }
        }
    }
}

fn mutated_article() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&SAMPLES[..]),
        prop::collection::vec(edit(), 1..4),
    )
        .prop_map(|(sample, edits)| {
            let mut doc: Value = serde_json::from_str(sample).expect("samples are JSON");
            for e in &edits {
                apply(&mut doc, e);
            }
            doc
        })
}

/// Disagreements that `docs/article-json.md`, section "What the JSON Schema cannot check",
/// lists: the schema accepts, the reader refuses, and the reason is one of those rules.
fn documented_exception(error: &ArticleError) -> Option<&'static str> {
    let ArticleError::Schema { reason, .. } = error else {
        return None;
    };
    if reason.starts_with("quotes nest deeper than 8 levels") {
        return Some("the quote depth limit");
    }
    if reason.starts_with("blocks nest deeper than 8 levels") {
        return Some("the nesting limit");
    }
    if reason.ends_with("expected the id of a footnote of this article") {
        return Some("footnote references name a footnote");
    }
    if reason.contains("expected an id no other footnote has") {
        return Some("footnote ids are unique");
    }
    // The found value is quoted at the end of a date error; `:60` there is a leap second.
    if reason.starts_with("expected an ISO 8601") && reason.contains(":60") {
        return Some("leap seconds");
    }
    None
}

/// `None` when the reader and the schema agree on a document (or disagree only as
/// `documented_exception` allows); otherwise what each said.
fn disagreement(doc: &Value) -> Option<String> {
    let schema = schema_for(doc);
    let by_schema = schema.is_valid(doc);
    let by_reader = article_from_value(doc.clone());
    match (&by_reader, by_schema) {
        (Ok(_), true) | (Err(_), false) => None,
        (Err(e), true) if documented_exception(e).is_some() => None,
        _ => {
            let schema_errors: Vec<String> = schema
                .iter_errors(doc)
                .take(3)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            Some(format!(
                "reader: {:?}\nschema: {schema_errors:?}\ndocument: {doc}",
                by_reader.as_ref().map(|_| "accepted")
            ))
        }
    }
}

/// Every single edit (a drop, or any variant from `variants`) at the first and the last
/// occurrence of every field name of every sample: the random property above combines edits,
/// this sweep makes sure no single rule is left to chance.
#[test]
fn the_reader_and_the_json_schema_agree_on_every_single_edit() {
    let mut checked = 0;
    for sample in SAMPLES {
        let doc: Value = serde_json::from_str(sample).expect("samples are JSON");
        let all = places(&doc);
        let mut names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let occurrences: Vec<&Vec<Step>> = all
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, p)| p)
                .collect();
            let ends = [occurrences.first(), occurrences.last()];
            for path in ends.into_iter().flatten() {
                let mut edited = Vec::new();
                if let Some((Step::Key(key), parent)) = path.split_last() {
                    let mut dropped = doc.clone();
                    if let Value::Object(map) = at_mut(&mut dropped, parent) {
                        map.remove(key);
                    }
                    edited.push(dropped);
                }
                for variant in variants(at(&doc, path)) {
                    let mut varied = doc.clone();
                    *at_mut(&mut varied, path) = variant;
                    edited.push(varied);
                }
                for e in edited {
                    checked += 1;
                    if let Some(report) = disagreement(&e) {
                        panic!("{name}: {report}");
                    }
                }
            }
        }
    }
    // Four version-1 samples and the version-2 fixture; the figure changes when they do.
    assert_eq!(checked, 9143, "documents checked");
}

// ---------------------------------------------------------------------------------------------
// Dates against a calendar written here.

/// Days in each month of a common year.
const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

fn month_days(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(400) || (year.is_multiple_of(4) && !year.is_multiple_of(100));
    match month {
        2 if leap => 29,
        1..=12 => MONTH_DAYS[month as usize - 1],
        _ => 0,
    }
}

#[derive(Clone, Debug)]
struct DateParts {
    year: u32,
    month: u32,
    day: u32,
    separator: char,
    hour: u32,
    minute: u32,
    second: Option<u32>,
    fraction: &'static str,
    /// `None` for `Z`/`z`; otherwise sign, hours, minutes.
    offset: Option<(char, u32, u32)>,
    zulu: char,
    /// How the offset is written (version 1 knows only `±HH:MM` and `Z`).
    form: OffsetForm,
}

/// The ways a date-time may end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OffsetForm {
    /// `Z`, or `±HH:MM`.
    Colon,
    /// `Z`, or `±HHMM` (version 2).
    Compact,
    /// No offset at all (version 2).
    Missing,
}

impl DateParts {
    fn text(&self) -> String {
        let mut s = format!(
            "{:04}-{:02}-{:02}{}{:02}:{:02}",
            self.year, self.month, self.day, self.separator, self.hour, self.minute
        );
        if let Some(second) = self.second {
            s += &format!(":{second:02}{}", self.fraction);
        }
        match (self.form, self.offset) {
            (OffsetForm::Missing, _) => {}
            (_, None) => s.push(self.zulu),
            (OffsetForm::Colon, Some((sign, h, m))) => s += &format!("{sign}{h:02}:{m:02}"),
            (OffsetForm::Compact, Some((sign, h, m))) => s += &format!("{sign}{h:02}{m:02}"),
        }
        s
    }

    fn offset_minutes(&self) -> i64 {
        match self.offset {
            None => 0,
            Some((sign, h, m)) => {
                let minutes = i64::from(h * 60 + m);
                if sign == '-' {
                    -minutes
                } else {
                    minutes
                }
            }
        }
    }

    /// Valid as the docs describe it, leap seconds aside.
    fn valid_ignoring_leap_seconds(&self) -> bool {
        (1..=month_days(self.year, self.month)).contains(&self.day)
            && matches!(self.separator, 'T' | 't' | ' ')
            && self.hour < 24
            && self.minute < 60
            && self.second.is_none_or(|s| s <= 60)
            && (self.second.is_some() || self.fraction.is_empty())
            && self.fraction != "."
            && (self.form == OffsetForm::Missing
                || self.offset.is_none_or(|(_, h, m)| h <= 14 && m < 60))
    }

    /// Valid as a pattern can tell: leap seconds aside where there is an offset, and refused
    /// where there is none.
    fn valid_in_pattern(&self) -> bool {
        self.valid_ignoring_leap_seconds()
            && !(self.form == OffsetForm::Missing && self.second == Some(60))
    }

    /// Valid, with a leap second allowed only at 23:59:60 UTC.
    fn valid(&self) -> bool {
        let leap_second_ok = self.second != Some(60)
            || self.form != OffsetForm::Missing && {
                let local = i64::from(self.hour * 60 + self.minute);
                (local - self.offset_minutes()).rem_euclid(24 * 60) == 23 * 60 + 59
            };
        self.valid_ignoring_leap_seconds() && leap_second_ok
    }
}

fn date_parts() -> impl Strategy<Value = DateParts> {
    // Calendars go wrong at the ends of months, in February, and in century years: half the
    // draws land there, half anywhere. Invalid times are kept rare, since they hide the date.
    let year = prop_oneof![
        prop::sample::select(vec![1800u32, 1900, 2000, 2023, 2024, 2100, 2200, 2400]),
        0u32..=9999,
    ];
    let month = prop_oneof![Just(2u32), 1u32..=12, 0u32..=13];
    let day = prop_oneof![Just(29u32), 28u32..=31, 0u32..=32];
    let separator = prop_oneof![9 => prop::sample::select(vec!['T', 't', ' ']), 1 => Just('x')];
    let hour = prop_oneof![9 => 0u32..=23, 1 => 24u32..=25];
    let minute = prop_oneof![9 => 0u32..=59, 1 => Just(60u32)];
    let second = prop::option::of(prop_oneof![8 => 0u32..=59, 1 => Just(60u32), 1 => Just(61u32)]);
    let fraction =
        prop_oneof![9 => prop::sample::select(vec!["", ".5", ".123456"]), 1 => Just(".")];
    let offset = prop_oneof![
        Just(None),
        (
            prop::sample::select(vec!['+', '-']),
            prop_oneof![9 => 0u32..=14, 1 => 15u32..=16],
            prop_oneof![9 => prop::sample::select(vec![0u32, 30, 45, 59]), 1 => Just(60u32)],
        )
            .prop_map(Some),
    ];
    (
        (year, month, day),
        separator,
        (hour, minute, second),
        fraction,
        offset,
        prop::sample::select(vec!['Z', 'z']),
    )
        .prop_map(
            |((year, month, day), separator, (hour, minute, second), fraction, offset, zulu)| {
                DateParts {
                    year,
                    month,
                    day,
                    separator,
                    hour,
                    minute,
                    second,
                    fraction: if second.is_some() { fraction } else { "" },
                    offset,
                    zulu,
                    form: OffsetForm::Colon,
                }
            },
        )
}

/// Date-times in every form version 2 takes (and some it does not).
fn date_parts_v2() -> impl Strategy<Value = DateParts> {
    (
        date_parts(),
        prop::sample::select(vec![
            OffsetForm::Colon,
            OffsetForm::Compact,
            OffsetForm::Missing,
        ]),
    )
        .prop_map(|(parts, form)| DateParts { form, ..parts })
}

// ---------------------------------------------------------------------------------------------
// The HTML import.

/// Marks every text and attribute inside a dropped element, so that any of it in the output is
/// visible. No kept text contains it.
const POISON: char = '\u{2620}';

/// Elements the docs promise to drop with their content (written here, not taken from the
/// import's own list).
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "object",
    "embed",
    "form",
    "textarea",
    "template",
    "noscript",
    "title",
    "rp",
    "svg:a",
    "svg:style",
    "math:mi",
];

const KEPT_TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "a",
    "br",
    "img",
    "figure",
    "figcaption",
    "picture",
    "iframe",
    "video",
    "audio",
    "source",
    "s",
    "del",
    "sup",
    "sub",
    "code",
    "ruby",
    "rt",
    "hr",
    "dl",
    "dt",
    "dd",
    "aside",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
    "h1",
    "h2",
    "h3",
    "h6",
    "pre",
    "font",
    "center",
    "o:p",
];

const TEXTS: &[&str] = &[
    "",
    " ",
    "\u{a0}",
    "\u{3000}\u{3000}",
    "\n",
    "正文",
    "text",
    "x y",
];

const ADDRESSES: &[&str] = &[
    "",
    " ",
    "https://example.org/a.jpg",
    "/relative/page.html",
    "./W020200701.jpg",
    "javascript:alert(1)",
    " JaVa\tScRiPt:alert(1)",
    "mailto:editor@example.org",
    "data:text/html,x",
    "#fn1",
];

/// Attributes that change what an element becomes (one at a time).
const EXTRA_ATTRIBUTES: &[(&str, &str)] = &[
    ("start", "3"),
    ("reversed", ""),
    ("colspan", "2"),
    ("rowspan", "0"),
    ("scope", "row"),
    ("dir", "rtl"),
    ("lang", "en"),
    ("align", "center"),
    ("class", "language-rust"),
    ("class", "editor-note"),
    ("srcset", "a.png 2x"),
    ("width", "20"),
    ("id", "fn1"),
];

fn html_tree() -> impl Strategy<Value = Vec<HtmlNode>> {
    let leaf = prop_oneof![
        prop::sample::select(TEXTS).prop_map(HtmlNode::text),
        any::<String>().prop_map(|s| HtmlNode::Text(s.replace(POISON, ""))),
    ];
    let tag = prop_oneof![
        4 => prop::sample::select(KEPT_TAGS),
        1 => prop::sample::select(DROPPED_TAGS),
    ];
    let node = leaf.prop_recursive(8, 128, 6, move |inner| {
        (
            tag.clone(),
            prop::option::of(prop::sample::select(ADDRESSES)),
            prop::option::of(prop::sample::select(TEXTS)),
            prop::option::of(prop::sample::select(EXTRA_ATTRIBUTES)),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|(tag, address, alt, extra, children)| {
                let mut attrs: Vec<(&str, &str)> = Vec::new();
                if let Some(address) = address {
                    attrs.extend([("href", address), ("src", address), ("poster", address)]);
                }
                if let Some(alt) = alt {
                    attrs.extend([("alt", alt), ("title", alt)]);
                }
                attrs.extend(extra);
                HtmlNode::el(tag, &attrs, children)
            })
    });
    prop::collection::vec(node, 0..6).prop_map(|mut nodes| {
        for node in &mut nodes {
            poison_dropped(node, false);
        }
        nodes
    })
}

fn poison_dropped(node: &mut HtmlNode, inside: bool) {
    match node {
        HtmlNode::Text(text) if inside => text.push(POISON),
        HtmlNode::Text(_) => {}
        HtmlNode::Element {
            tag,
            attrs,
            children,
        } => {
            let inside = inside || DROPPED_TAGS.contains(&tag.as_str());
            if inside {
                for (_, value) in attrs.iter_mut() {
                    value.push(POISON);
                }
            }
            for child in children {
                poison_dropped(child, inside);
            }
        }
    }
}

/// What the import may read: text, `alt` and `title`, `a href`, the `src` of images and
/// players, posters, outside dropped elements.
#[derive(Default)]
struct Readable {
    hrefs: Vec<String>,
    srcs: Vec<String>,
    /// Characters that are not white space, in texts, `alt`s, `title`s and player addresses
    /// (a player in a heading is a link that shows its title, or its address).
    visible_chars: usize,
}

fn readable(nodes: &[HtmlNode], out: &mut Readable) {
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    for node in nodes {
        match node {
            HtmlNode::Text(text) => out.visible_chars += visible(text),
            HtmlNode::Element {
                tag,
                attrs,
                children,
            } => {
                if DROPPED_TAGS.contains(&tag.as_str()) {
                    continue;
                }
                let player = matches!(tag.as_str(), "iframe" | "video" | "audio" | "source");
                for (name, value) in attrs {
                    match (tag.as_str(), name.as_str()) {
                        ("a", "href") => out.hrefs.push(value.clone()),
                        ("img", "src") => out.srcs.push(value.trim().to_owned()),
                        (_, "src") if player => {
                            out.hrefs.push(value.trim().to_owned());
                            out.srcs.push(value.trim().to_owned());
                            out.visible_chars += visible(value);
                        }
                        ("video", "poster") => out.srcs.push(value.trim().to_owned()),
                        (_, "alt" | "title") => out.visible_chars += visible(value),
                        _ => {}
                    }
                }
                readable(children, out);
            }
        }
    }
}

/// Every string the import put in its output, with what it is.
fn output_strings(blocks: &[Block], out: &mut Vec<(&'static str, String)>) {
    fn runs(inlines: &Inlines, out: &mut Vec<(&'static str, String)>) {
        for run in &inlines.0 {
            out.push(("text", run.text.clone()));
            if let Some(href) = &run.href {
                out.push(("href", href.to_string()));
            }
            match &run.kind {
                InlineKind::Ruby { annotation } => out.push(("text", annotation.clone())),
                InlineKind::Image(image) => {
                    out.push(("src", image.src.clone()));
                    image_strings(image, out);
                }
                _ => {}
            }
        }
    }
    /// An image's strings after its `src` and `alt`.
    fn image_strings(i: &Image, out: &mut Vec<(&'static str, String)>) {
        if let Some(href) = &i.href {
            out.push(("href", href.to_string()));
        }
        if let Some(caption) = &i.caption {
            runs(caption, out);
        }
        if let Some(credit) = &i.credit {
            runs(credit, out);
        }
    }
    for block in blocks {
        match block {
            Block::Paragraph(p) => runs(&p.content, out),
            Block::Heading(h) => runs(&h.content, out),
            Block::Image(i) => {
                out.push(("src", i.src.clone()));
                out.push(("text", i.alt.clone()));
                image_strings(i, out);
            }
            Block::Gallery(g) => {
                for i in &g.images {
                    out.push(("src", i.src.clone()));
                    out.push(("text", i.alt.clone()));
                    image_strings(i, out);
                }
                if let Some(caption) = &g.caption {
                    runs(caption, out);
                }
            }
            Block::List(l) => l.items.iter().for_each(|item| output_strings(&item.0, out)),
            Block::DefinitionList(d) => {
                for item in &d.items {
                    runs(&item.term, out);
                    item.details.iter().for_each(|d| output_strings(&d.0, out));
                }
            }
            Block::Quote(q) => {
                output_strings(&q.content, out);
                if let Some(cite) = &q.cite {
                    out.push(("text", cite.clone()));
                }
            }
            Block::Table(t) => {
                if let Some(caption) = &t.caption {
                    runs(caption, out);
                }
                t.head
                    .iter()
                    .chain(&t.rows)
                    .flat_map(|row| &row.cells)
                    .for_each(|cell| output_strings(&cell.content.0, out));
            }
            Block::Code(c) => out.push(("text", c.text.clone())),
            Block::Embed(e) => {
                out.push(("src", e.url.clone()));
                if let Some(title) = &e.title {
                    out.push(("text", title.clone()));
                }
                if let Some(poster) = &e.poster {
                    // The poster's alt repeats the title, which is already counted.
                    out.push(("src", poster.src.clone()));
                }
            }
            Block::Math(m) => out.push(("text", m.text.clone())),
            Block::Rule => {}
            Block::Note(n) => output_strings(&n.content, out),
            Block::Footnotes(f) => f
                .items
                .iter()
                .for_each(|n| output_strings(&n.content.0, out)),
            other => panic!("the import makes no {} block", other.type_name()),
        }
    }
}

/// How deeply containers (quotes, list items, cells, descriptions, notes) enclose one another.
fn nesting_depth(blocks: &[Block]) -> usize {
    let inner = |b: &[Block]| 1 + nesting_depth(b);
    blocks
        .iter()
        .map(|b| match b {
            Block::Quote(q) => inner(&q.content),
            Block::Note(n) => inner(&n.content),
            Block::List(l) => l.items.iter().map(|i| inner(&i.0)).max().unwrap_or(0),
            Block::DefinitionList(d) => d
                .items
                .iter()
                .flat_map(|i| &i.details)
                .map(|d| inner(&d.0))
                .max()
                .unwrap_or(0),
            Block::Table(t) => t
                .head
                .iter()
                .chain(&t.rows)
                .flat_map(|r| &r.cells)
                .map(|c| inner(&c.content.0))
                .max()
                .unwrap_or(0),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

fn check_blocks(blocks: &[Block]) -> Result<(), TestCaseError> {
    let blank = |s: &str| s.trim().is_empty();
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                prop_assert!(
                    !blank(&p.content.plain_text()) || has_object(&p.content),
                    "empty paragraph"
                );
            }
            Block::Heading(h) => {
                prop_assert!((2..=4).contains(&h.level));
                prop_assert!(
                    !blank(&h.content.plain_text()) || has_object(&h.content),
                    "empty heading"
                );
            }
            Block::List(l) => {
                prop_assert!(!l.items.is_empty(), "empty list");
                for item in &l.items {
                    prop_assert!(!item.0.is_empty(), "empty list item");
                    check_blocks(&item.0)?;
                }
                prop_assert!(l.ordered || (l.start.is_none() && !l.reversed));
            }
            Block::DefinitionList(d) => {
                prop_assert!(!d.items.is_empty(), "empty definition list");
                for item in &d.items {
                    for details in &item.details {
                        check_blocks(&details.0)?;
                    }
                }
            }
            Block::Table(t) => {
                prop_assert!(!t.rows.is_empty(), "table without rows");
                for cell in t.head.iter().chain(&t.rows).flat_map(|r| &r.cells) {
                    prop_assert!((1..=1000).contains(&cell.colspan));
                    prop_assert!((1..=65534).contains(&cell.rowspan));
                    check_blocks(&cell.content.0)?;
                }
            }
            Block::Quote(q) => check_blocks(&q.content)?,
            Block::Note(n) => {
                prop_assert!(!n.content.is_empty(), "empty note");
                check_blocks(&n.content)?;
            }
            Block::Image(i) => prop_assert!(!blank(&i.src), "image without src"),
            Block::Gallery(g) => {
                prop_assert!(g.images.len() >= 2, "a gallery of fewer than two images");
                prop_assert!(g.images.iter().all(|i| !blank(&i.src)), "image without src");
            }
            Block::Code(c) => prop_assert!(!blank(&c.text), "empty code"),
            Block::Embed(e) => prop_assert!(!blank(&e.url), "embed without address"),
            Block::Math(m) => prop_assert!(!blank(&m.text), "empty formula"),
            Block::Rule => {}
            Block::Footnotes(f) => {
                prop_assert!(!f.items.is_empty(), "no footnotes");
                for note in &f.items {
                    check_blocks(&note.content.0)?;
                }
            }
            other => prop_assert!(false, "the import makes no {} block", other.type_name()),
        }
    }
    Ok(())
}

/// Whether some run is an object (an image with an empty `alt` is still content).
fn has_object(inlines: &Inlines) -> bool {
    inlines
        .0
        .iter()
        .any(|r| !matches!(r.kind, InlineKind::Text | InlineKind::Code))
}

/// A chain of elements `depth` deep around one text, as the browser walk in `dom` produces at
/// its limit.
fn deep_chain() -> impl Strategy<Value = (Vec<HtmlNode>, usize)> {
    let depths = prop_oneof![
        Just(dom::MAX_DEPTH + 1),
        (dom::MAX_DEPTH - 2)..=(dom::MAX_DEPTH + 1)
    ];
    depths.prop_flat_map(|depth| {
        prop::collection::vec(prop::sample::select(KEPT_TAGS), depth).prop_map(move |tags| {
            let mut node = HtmlNode::text("deep");
            for tag in tags.iter().rev() {
                node = HtmlNode::el(tag, &[("src", "a.png"), ("alt", "alt")], vec![node]);
            }
            (vec![node], depth)
        })
    })
}

proptest! {
    /// A sample article with a few random edits is accepted by the reader exactly when the JSON
    /// Schema accepts it, apart from the rules the docs list as beyond the schema.
    #[test]
    fn the_reader_and_the_json_schema_agree(doc in mutated_article()) {
        if let Some(report) = disagreement(&doc) {
            prop_assert!(false, "{}", report);
        }
    }

    /// Dates with year, month and day drawn independently, and every time and offset form the
    /// schema allows (and some it does not), against the calendar above.
    #[test]
    fn dates_follow_the_calendar(parts in date_parts()) {
        let text = parts.text();
        let parsed = DateTime::parse_instant(&text);
        prop_assert_eq!(parsed.is_ok(), parts.valid(), "{}", text);
        // The schema's pattern cannot place a leap second; otherwise it agrees.
        let in_schema = schema().is_valid(&json!({
            "schemaVersion": 1, "inLanguage": "en", "headline": "x",
            "datePublished": text, "bodyHtml": "<p>x</p>"
        }));
        prop_assert_eq!(in_schema, parts.valid_ignoring_leap_seconds(), "{}", text);
        if let Ok(parsed) = parsed {
            let seconds = parts.second.map(|s| format!(":{s:02}")).unwrap_or_default();
            let date = format!("{:04}-{:02}-{:02}", parts.year, parts.month, parts.day);
            let clock = format!("{:02}:{:02}{seconds}", parts.hour, parts.minute);
            prop_assert_eq!(parsed.display(), format!("{date} {clock}"));
            let offset = match parts.offset {
                Some((sign, h, m)) if h + m > 0 => format!("{sign}{h:02}:{m:02}"),
                _ => "Z".to_owned(),
            };
            prop_assert_eq!(parsed.to_iso(), format!("{date}T{clock}{offset}"));
        }
    }

    /// Version 2's date-times (offsets with or without a colon, or none) against the same
    /// calendar, and against the version-2 schema's pattern.
    #[test]
    fn version_2_dates_follow_the_calendar(parts in date_parts_v2()) {
        let text = parts.text();
        let parsed = DateTime::parse(&text);
        prop_assert_eq!(parsed.is_ok(), parts.valid(), "{}", text);
        let in_schema = schema_v2().is_valid(&json!({
            "schemaVersion": 2, "headline": "x", "datePublished": text, "bodyHtml": "<p>x</p>"
        }));
        prop_assert_eq!(in_schema, parts.valid_in_pattern(), "{}", text);
        if let Ok(parsed) = parsed {
            let seconds = parts.second.map(|s| format!(":{s:02}")).unwrap_or_default();
            let date = format!("{:04}-{:02}-{:02}", parts.year, parts.month, parts.day);
            let clock = format!("{:02}:{:02}{seconds}", parts.hour, parts.minute);
            prop_assert_eq!(parsed.display(), format!("{date} {clock}"));
            let offset = match (parts.form, parts.offset) {
                (OffsetForm::Missing, _) => String::new(),
                (_, Some((sign, h, m))) if h + m > 0 => format!("{sign}{h:02}:{m:02}"),
                _ => "Z".to_owned(),
            };
            prop_assert_eq!(parsed.to_iso(), format!("{date}T{clock}{offset}"));
        }
    }

    /// Images may load fewer schemes than links may open, never more. The addresses are shaped
    /// like URLs (controls, a scheme, a colon) so that most of them have a scheme to judge.
    #[test]
    fn an_address_fit_for_an_image_is_fit_for_a_link(
        text in "[\\x00-\\x20]{0,2}(https?|mailto|javascript|data|ftp|[a-zA-Z][a-zA-Z0-9+.\\t-]{0,6}):[^\\x00]{0,12}"
    ) {
        if precheck(&text, UrlUse::Image) {
            prop_assert!(precheck(&text, UrlUse::Link), "{:?}", text);
        }
    }

    /// Whatever case, leading controls and embedded tabs or newlines disguise it, a script
    /// scheme is refused.
    #[test]
    fn disguised_script_schemes_are_refused(
        scheme in prop::sample::select(&["javascript", "vbscript", "data", "file", "blob"][..]),
        upper in prop::collection::vec(any::<bool>(), 10),
        lead in prop::collection::vec(prop::sample::select(&['\u{0}', '\u{1}', '\u{1f}', ' ', '\t', '\n'][..]), 0..4),
        breaks in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(&['\t', '\n', '\r'][..])), 0..4),
        rest in any::<String>(),
    ) {
        let mut chars: Vec<char> = scheme
            .chars()
            .zip(upper.iter().cycle())
            .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
            .collect();
        for (at, c) in breaks {
            let i = at.index(chars.len() + 1);
            chars.insert(i, c);
        }
        let url: String = lead.into_iter().chain(chars).chain(std::iter::once(':')).chain(rest.chars()).collect();
        prop_assert!(!precheck(&url, UrlUse::Link), "{:?} passed", url);
        prop_assert!(!precheck(&url, UrlUse::Image), "{:?} passed", url);
    }

    /// Nothing inside a dropped element reaches the output; every address in the output is an
    /// `a href` or `img src` of the input; the output has no more visible characters than the
    /// input's readable text; and the blocks are well formed.
    #[test]
    fn html_import_keeps_its_safety_invariants(tree in html_tree()) {
        let blocks = import(&tree);
        check_blocks(&blocks)?;
        prop_assert!(nesting_depth(&blocks) <= MAX_QUOTE_DEPTH);
        let mut input = Readable::default();
        readable(&tree, &mut input);
        let mut strings = Vec::new();
        output_strings(&blocks, &mut strings);
        for (what, s) in &strings {
            prop_assert!(!s.contains(POISON), "{} from a dropped element: {:?}", what, s);
            match *what {
                "href" => prop_assert!(input.hrefs.contains(s), "href {:?} is not from an <a href>", s),
                // A refused address is cut after its scheme (a pasted `data:` image must not
                // count its bytes against the limits), so it is the start of an input `src`.
                "src" => prop_assert!(
                    input.srcs.contains(s)
                        || (s.ends_with(':')
                            && !precheck(s, UrlUse::Image)
                            && input.srcs.iter().any(|r| r.starts_with(s.as_str()))),
                    "src {:?} is not from an <img src>", s
                ),
                _ => {}
            }
        }
        let visible: usize = strings
            .iter()
            .filter(|(what, _)| *what == "text")
            .map(|(_, s)| s.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        prop_assert!(visible <= input.visible_chars, "{} visible characters out of {}", visible, input.visible_chars);
    }

    /// The deepest tree the browser walk hands over (`dom::MAX_DEPTH` elements and a text)
    /// imports within a WebAssembly-sized stack, with its one text at most once.
    #[test]
    fn html_import_handles_the_deepest_tree(chain in deep_chain()) {
        let (tree, depth) = chain;
        // 1 MiB is the stack Rust gives a wasm32 program; native frames are larger, so this
        // errs on the safe side.
        // The blocks share their link addresses (`Rc`), so they stay on the thread that made
        // them; what the checks need comes back.
        let (nesting, deep) = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                let blocks = import(&tree);
                let mut strings = Vec::new();
                output_strings(&blocks, &mut strings);
                let deep = strings.iter().filter(|(_, s)| s.contains("deep")).count();
                (nesting_depth(&blocks), deep)
            })
            .expect("a thread")
            .join()
            .expect("the import returns");
        prop_assert!(nesting <= MAX_QUOTE_DEPTH);
        prop_assert!(deep <= 1, "the text appears {} times at depth {}", deep, depth);
    }
}

/// Quotes in HTML bodies nest exactly `MAX_QUOTE_DEPTH` deep; deeper ones keep their text.
#[test]
fn html_quotes_nest_to_the_limit_and_keep_their_text_beyond_it() {
    for levels in 0..=MAX_QUOTE_DEPTH + 3 {
        let mut node = HtmlNode::el("p", &[], vec![HtmlNode::text("quoted")]);
        for _ in 0..levels {
            node = HtmlNode::el("blockquote", &[], vec![node]);
        }
        let blocks = import(&[node]);
        assert_eq!(nesting_depth(&blocks), levels.min(8), "{levels} levels");
        let mut strings = Vec::new();
        output_strings(&blocks, &mut strings);
        let texts: Vec<&str> = strings.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, ["quoted"], "{levels} levels");
    }
}

/// Found by `html_import_keeps_its_safety_invariants`: a `figcaption` that is not a direct child
/// of its `figure` became the image's caption and then a paragraph as well.
#[test]
fn a_nested_figcaption_is_shown_once() {
    let tree = [HtmlNode::el(
        "figure",
        &[],
        vec![HtmlNode::el(
            "div",
            &[],
            vec![
                HtmlNode::el("img", &[("src", "a.png"), ("alt", "A")], vec![]),
                HtmlNode::el("figcaption", &[], vec![HtmlNode::text("Caption")]),
            ],
        )],
    )];
    let mut strings = Vec::new();
    output_strings(&import(&tree), &mut strings);
    assert_eq!(
        strings,
        [
            ("src", "a.png".to_owned()),
            ("text", "A".to_owned()),
            ("text", "Caption".to_owned())
        ]
    );
}
