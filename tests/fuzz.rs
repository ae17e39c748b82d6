//! Property-based fuzzing of the pure code that reads untrusted input: article parsing and
//! validation, dates, the URL policy, mount options and the HTML import. Each property first
//! asserts "does not panic" (a panic in wasm takes down every reader on the page) and then an
//! invariant of the output.
//!
//! `cargo test` runs 256 cases per property. For a long run, set PROPTEST_CASES, e.g.
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz` (`scripts/fuzz.sh` does this and
//! reports the number of executions).
#![cfg(not(target_arch = "wasm32"))]

use article_reader::article::{article_from_value, parse_article, Block, DateTime};
use article_reader::html_import::{import, HtmlNode};
use article_reader::options::parse_mount_options;
use article_reader::url_policy::{precheck, scheme_of, UrlUse};
use proptest::prelude::*;
use serde_json::{Map, Value};

const SEED: &str = include_str!("../static/articles/seed.json");

/// Words that steer generated JSON into the schema's vocabulary, so the fuzzer reaches
/// validation and block dispatch rather than stopping at the first missing field.
const KEYS: &[&str] = &[
    "schemaVersion",
    "inLanguage",
    "headline",
    "datePublished",
    "body",
    "bodyHtml",
    "type",
    "content",
    "level",
    "src",
    "alt",
    "caption",
    "items",
    "ordered",
    "rows",
    "header",
    "cite",
    "text",
    "bold",
    "italic",
    "underline",
    "href",
    "breadcrumb",
    "name",
    "url",
    "sidebar",
    "more",
    "relatedLink",
    "editor",
    "author",
    "sourceOrganization",
];
const WORDS: &[&str] = &[
    "paragraph",
    "heading",
    "image",
    "list",
    "quote",
    "table",
    "zh-CN",
    "en",
    "2020-07-01T10:14:37+08:00",
    "2020-02-30T00:00:00Z",
    "javascript:alert(1)",
    "",
    " ",
    "正文",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(WORDS).prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        Just(Value::from(1)),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// The seed document with a few bytes changed: close to valid, so the parser's deep paths run.
fn mutated_seed() -> impl Strategy<Value = String> {
    prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8).prop_map(
        |edits| {
            let mut bytes = SEED.as_bytes().to_vec();
            for (at, byte, kind) in edits {
                let i = at.index(bytes.len().max(1));
                match kind {
                    0 => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    _ => {
                        bytes.remove(i);
                    }
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        },
    )
}

fn html_tree() -> impl Strategy<Value = Vec<HtmlNode>> {
    const TAGS: &[&str] = &[
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
        "script",
        "style",
        "iframe",
        "svg:a",
        "font",
        "center",
        "o:p",
        "noscript",
        "template",
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
    let leaf = prop_oneof![
        prop::sample::select(TEXTS).prop_map(HtmlNode::text),
        any::<String>().prop_map(HtmlNode::Text),
    ];
    let node = leaf.prop_recursive(8, 128, 6, |inner| {
        (
            prop::sample::select(TAGS),
            prop::option::of(prop::sample::select(WORDS)),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|(tag, attr, children)| {
                let attrs: Vec<(&str, &str)> = match attr {
                    Some(v) => vec![("href", v), ("src", v), ("alt", v)],
                    None => vec![],
                };
                HtmlNode::el(tag, &attrs, children)
            })
    });
    prop::collection::vec(node, 0..6)
}

fn check_blocks(blocks: &[Block], depth: usize) -> Result<(), TestCaseError> {
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                prop_assert!(!p.content.plain_text().trim().is_empty(), "empty paragraph");
            }
            Block::Heading(h) => {
                prop_assert!((2..=4).contains(&h.level));
                prop_assert!(!h.content.plain_text().trim().is_empty(), "empty heading");
            }
            Block::List(l) => prop_assert!(!l.items.is_empty(), "empty list"),
            Block::Table(t) => prop_assert!(!t.rows.is_empty(), "table without rows"),
            Block::Quote(q) => {
                prop_assert!(depth < article_reader::article::parse::MAX_QUOTE_DEPTH);
                check_blocks(&q.content, depth + 1)?;
            }
            Block::Image(i) => prop_assert!(!i.src.trim().is_empty(), "image without src"),
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        let _ = parse_article(&text);
    }

    #[test]
    fn parse_never_panics_on_a_mutated_seed(text in mutated_seed()) {
        if let Ok(article) = parse_article(&text) {
            // Whatever passes validation has a real date and a non-empty body.
            prop_assert!(DateTime::parse_instant(&article.date_published).is_ok());
            prop_assert!(!article.body.is_empty() || article.body_html.is_some());
        }
    }

    #[test]
    fn validation_never_panics_on_schema_shaped_values(value in json_value()) {
        let _ = article_from_value(value.clone());
        let _ = parse_mount_options(&value);
        let mut wrapped = Map::new();
        wrapped.insert("article".into(), value);
        let _ = parse_mount_options(&Value::Object(wrapped));
    }

    #[test]
    fn dates_never_panic_and_round_trip(text in any::<String>(), y in 0u16..10000, mo in 1u8..13, d in 1u8..29, h in 0u8..24, mi in 0u8..60, s in 0u8..60) {
        let _ = DateTime::parse_lenient(&text);
        // Every day up to the 28th exists in every month: these must all parse.
        let candidate = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+08:00");
        let parsed = DateTime::parse_instant(&candidate);
        prop_assert!(parsed.is_ok(), "{} was refused", candidate);
        if let Ok(parsed) = parsed {
            prop_assert_eq!(parsed.display(), format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"));
            prop_assert_eq!(parsed.to_iso(), candidate);
        }
    }

    #[test]
    fn url_policy_never_panics(text in any::<String>()) {
        let _ = precheck(&text, UrlUse::Link);
        let _ = precheck(&text, UrlUse::Image);
        if let Some(scheme) = scheme_of(&text) {
            prop_assert_eq!(scheme.clone(), scheme.to_ascii_lowercase());
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

    #[test]
    fn html_import_never_panics_and_keeps_its_invariants(tree in html_tree()) {
        let blocks = import(&tree);
        check_blocks(&blocks, 0)?;
    }
}
