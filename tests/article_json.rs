//! Native tests of article JSON: the sample files, the JSON Schema, and error paths.
//!
//! These need no browser; `cargo test` runs them.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use article_reader::article::parse::{MAX_NESTING, MAX_QUOTE_DEPTH};
use article_reader::article::{
    article_from_value, parse_article, Article, ArticleError, Block, CellKind, DateTime, EmbedKind,
    HeaderScope, InlineKind, Inlines, TextDirection,
};
use serde_json::{json, Value};

fn samples() -> Vec<PathBuf> {
    let mut files: Vec<_> =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("static/articles"))
            .expect("static/articles exists")
            .map(|e| e.expect("readable entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_sample_parses_and_validates() {
    let files = samples();
    let names: Vec<_> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str())
        .collect();
    // The version-1 samples the other tests name; version-2 samples may sit beside them.
    for name in [
        "cms-html.json",
        "reader-en.json",
        "reader-zh.json",
        "seed.json",
    ] {
        assert!(names.contains(&name), "{name} is missing from {names:?}");
    }
    for file in files {
        if let Err(e) = parse_article(&read(&file)) {
            panic!("{}: {e}", file.display());
        }
    }
}

fn schema_file(name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("static/schema")
            .join(name),
    ))
    .expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

/// The version-1 JSON Schema.
fn schema() -> jsonschema::Validator {
    schema_file("article-v1.schema.json")
}

/// The version-2 JSON Schema.
fn schema_v2() -> jsonschema::Validator {
    schema_file("article-v2.schema.json")
}

/// The schema errors of a document, as text for a failure message.
fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Each sample matches the schema of the version it declares (1 or 2), and only that one.
#[test]
fn every_sample_matches_the_json_schema() {
    let (v1, v2) = (schema(), schema_v2());
    let mut versions = Vec::new();
    for file in samples() {
        let doc: Value = serde_json::from_str(&read(&file)).expect("JSON");
        let version = doc["schemaVersion"].as_f64();
        let (own, other) = match version {
            Some(1.0) => (&v1, &v2),
            Some(2.0) => (&v2, &v1),
            other => panic!("{}: schemaVersion {other:?}", file.display()),
        };
        let errors = schema_errors(own, &doc);
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        assert!(!other.is_valid(&doc), "{}", file.display());
        versions.push(version);
    }
    assert!(versions.iter().filter(|v| **v == Some(1.0)).count() >= 4);
}

fn seed() -> Value {
    serde_json::from_str(&read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("static/articles/seed.json"),
    ))
    .expect("JSON")
}

/// Documents that break one rule each: the schema and the reader must both refuse them, and
/// the reader must name the path.
fn broken_documents() -> Vec<(&'static str, Value, &'static str)> {
    let mut cases = Vec::new();
    let mut doc = seed();
    doc["body"][3]["type"] = json!("para");
    cases.push(("unknown block type", doc, "$.body[3].type"));
    let mut doc = seed();
    doc["body"][2]["content"] = json!(42);
    cases.push(("content of the wrong type", doc, "$.body[2].content"));
    let mut doc = seed();
    doc["body"][0]["content"] = json!(["a", {"text": "b", "bold": "yes"}]);
    cases.push(("a mark of the wrong type", doc, "$.body[0].content[1].bold"));
    let mut doc = seed();
    doc.as_object_mut().unwrap().remove("headline");
    cases.push(("missing headline", doc, "$"));
    let mut doc = seed();
    doc["headline"] = json!("   ");
    cases.push(("blank headline", doc, "$.headline"));
    let mut doc = seed();
    doc["datePublished"] = json!("2020-07-01 10:14:37");
    cases.push(("date without offset", doc, "$.datePublished"));
    let mut doc = seed();
    doc["sidebar"][1]["items"] = json!([{"name": "x"}]);
    cases.push(("sidebar item without url", doc, "$.sidebar[1].items[0]"));
    let mut doc = seed();
    doc["body"][1]["level"] = json!(1);
    cases.push(("heading level 1", doc, "$.body[1].level"));
    let mut doc = seed();
    doc["relatedLink"][0]["datePublished"] = json!("yesterday");
    cases.push(("related date", doc, "$.relatedLink[0].datePublished"));
    let mut doc = seed();
    doc["body"] = json!([{"type": "quote", "content": [{"type": "paragraph", "content": ["ok", {"bold": true}]}]}]);
    cases.push((
        "a run without text inside a quote",
        doc,
        "$.body[0].content[0].content[1]",
    ));
    let mut doc = seed();
    doc["breadcrumb"] = json!("home");
    cases.push(("breadcrumb not an array", doc, "$.breadcrumb"));
    let mut doc = seed();
    doc["body"] = json!([]);
    cases.push(("empty body", doc, "$.body"));
    let mut doc = seed();
    doc["bodyHtml"] = json!("<p>x</p>");
    cases.push(("both body and bodyHtml", doc, "$.bodyHtml"));
    let mut doc = seed();
    doc["body"] = json!([]);
    doc["bodyHtml"] = json!("<p>x</p>");
    cases.push(("an empty body beside bodyHtml", doc, "$.bodyHtml"));
    let mut doc = seed();
    doc.as_object_mut().unwrap().remove("body");
    doc["bodyHtml"] = json!("  ");
    cases.push(("blank bodyHtml", doc, "$.bodyHtml"));
    let mut doc = seed();
    doc.as_object_mut().unwrap().remove("body");
    cases.push(("no body at all", doc, "$.body"));
    cases
}

#[test]
fn broken_documents_are_refused_with_their_json_path() {
    for (name, doc, path) in broken_documents() {
        match parse_article(&doc.to_string()) {
            Err(ArticleError::Schema { path: got, reason }) => {
                assert_eq!(got, path, "{name}: {reason}");
                assert!(!reason.is_empty(), "{name}");
            }
            other => panic!("{name}: expected a schema error at {path}, got {other:?}"),
        }
    }
}

#[test]
fn the_json_schema_refuses_the_same_documents() {
    let validator = schema();
    for (name, doc, _) in broken_documents() {
        assert!(!validator.is_valid(&doc), "the schema accepted: {name}");
    }
}

#[test]
fn an_html_body_alone_is_valid_and_kept_for_the_browser_to_import() {
    let mut doc = seed();
    doc.as_object_mut().unwrap().remove("body");
    doc["bodyHtml"] = json!("<div class=\"TRS_Editor\"><p>正文</p></div>");
    let article = parse_article(&doc.to_string()).expect("valid");
    assert!(article.body.is_empty());
    assert_eq!(
        article.body_html.as_deref(),
        Some("<div class=\"TRS_Editor\"><p>正文</p></div>")
    );
    assert!(schema().is_valid(&doc));
}

/// Quotes may enclose one another `MAX_QUOTE_DEPTH` deep, and the next level is refused with
/// its path, while parsing (not after).
#[test]
fn quotes_nest_to_the_limit_and_no_further() {
    assert_eq!(MAX_QUOTE_DEPTH, 8, "the docs and the message say 8");
    let nested = |levels: usize| {
        let mut block = json!({"type": "paragraph", "content": "x"});
        for _ in 0..levels {
            block = json!({"type": "quote", "content": [block]});
        }
        let mut doc = seed();
        doc["body"] = json!([block]);
        doc.to_string()
    };
    let eight = parse_article(&nested(8)).expect("8 nested quotes are allowed");
    let mut depth = 0;
    let mut blocks = &eight.body;
    while let [Block::Quote(quote)] = blocks.as_slice() {
        depth += 1;
        blocks = &quote.content;
    }
    assert_eq!(depth, 8);
    // The ninth quote is the one refused, at its own path, however deep the nesting goes on.
    let ninth = "$.body[0].content[0].content[0].content[0].content[0].content[0].content[0].content[0].content[0]";
    for levels in [9, 10, 60] {
        match parse_article(&nested(levels)) {
            Err(ArticleError::Schema { path, reason }) => {
                assert_eq!(path, ninth, "{levels} levels");
                assert!(
                    reason.starts_with("quotes nest deeper than 8 levels"),
                    "{reason}"
                );
            }
            other => panic!("{levels} levels: {other:?}"),
        }
    }
    // Beyond serde_json's recursion limit for text, a value from the embedding API meets the
    // same limit, before the reader descends any further.
    let deep: Value = serde_json::from_str(&nested(9)).expect("JSON");
    let mut block = deep["body"][0].clone();
    for _ in 9..200 {
        block = json!({"type": "quote", "content": [block]});
    }
    let mut doc = deep.clone();
    doc["body"] = json!([block]);
    match article_from_value(doc) {
        Err(ArticleError::Schema { path, reason }) => {
            assert_eq!(path, ninth);
            assert!(reason.starts_with("quotes nest deeper than 8 levels"));
        }
        other => panic!("200 levels: {other:?}"),
    }
    // The JSON Schema cannot count nesting: the docs list this limit among the rules it
    // cannot check.
    let doc: Value = serde_json::from_str(&nested(9)).expect("JSON");
    assert!(schema().is_valid(&doc));
}

#[test]
fn schema_version_one_point_zero_is_one() {
    let mut doc = seed();
    doc["schemaVersion"] = json!(1.0);
    assert!(parse_article(&doc.to_string()).is_ok());
    assert!(schema().is_valid(&doc));
}

#[test]
fn other_failures_are_specific() {
    let e = parse_article("{\"schemaVersion\": 1, \"headline\": ").unwrap_err();
    assert!(matches!(e, ArticleError::NotJson { line: 1, .. }), "{e:?}");
    assert!(e.to_string().contains("not valid JSON"), "{e}");

    let e = parse_article("<!doctype html><html>").unwrap_err();
    assert!(
        matches!(
            e,
            ArticleError::NotJson {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{e:?}"
    );

    let e = parse_article(r#"{"schemaVersion": 3}"#).unwrap_err();
    assert_eq!(e, ArticleError::UnsupportedVersion { found: "3".into() });
    assert_eq!(
        e.to_string(),
        "Unsupported article schema version 3 at $.schemaVersion: this reader understands versions 1 and 2"
    );
    let e = parse_article(r#"{"schemaVersion": "2"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "The article does not match the schema at $.schemaVersion: expected the number 1 or 2, found a string"
    );

    let e = parse_article("[1, 2]").unwrap_err();
    assert!(e.to_string().contains("expected an article object"), "{e}");

    // serde_json's recursion limit turns hostile nesting into an error, not a stack overflow.
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let e = parse_article(&deep).unwrap_err();
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

/// The seed article is a faithful transcription of the captured page.
#[test]
fn seed_json_matches_the_capture_word_for_word() {
    let capture =
        read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-capture.txt"));
    let article = parse_article(&read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("static/articles/seed.json"),
    ))
    .expect("seed parses");

    let lines: Vec<&str> = capture.lines().collect();
    assert_eq!(lines[0], "您的位置: 西藏统一战线 > 理论研究 > 正文");
    let crumbs: Vec<&str> = article.breadcrumb.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(format!("您的位置: {}", crumbs.join(" > ")), lines[0]);
    assert_eq!(article.headline, lines[2]);

    let published = DateTime::parse_instant(article.date_published.as_deref().unwrap())
        .unwrap()
        .display();
    let source = &article.source_organization.as_ref().unwrap().name;
    assert_eq!(format!("发布时间: {published}来源: {source}"), lines[4]);

    let captured_body: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("  ") && !l.trim().is_empty())
        .map(|l| l.trim())
        .collect();
    let body: Vec<(String, &str)> = article
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => (p.content.plain_text(), "paragraph"),
            Block::Heading(h) => (h.content.plain_text(), "heading"),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let texts: Vec<&str> = body.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, captured_body);
    let kinds: Vec<&str> = body.iter().map(|(_, k)| *k).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "heading").count(), 6);
    assert_eq!(kinds.iter().filter(|k| **k == "paragraph").count(), 8);
    // Intro, five sections of one paragraph, and a last section of two.
    let mut expected = vec!["paragraph"];
    for _ in 0..5 {
        expected.extend(["heading", "paragraph"]);
    }
    expected.extend(["heading", "paragraph", "paragraph"]);
    assert_eq!(kinds, expected);

    let editor = &article.editor.as_ref().unwrap().name;
    assert!(lines.contains(&format!("(责编: {editor})").as_str()));
    let sidebar: Vec<String> = article
        .sidebar
        .iter()
        .map(|g| format!("{}更多>>", g.name))
        .collect();
    for title in &sidebar {
        assert!(lines.contains(&title.as_str()), "{title} is in the capture");
    }
    assert_eq!(sidebar.len(), 4);
    assert!(article.sidebar.iter().all(|g| g.more.is_some()));
    // The captured list was empty; the seed fills it with two items to show the section.
    assert_eq!(article.related_link.len(), 2);
}

/// A document with every optional field given, for the `null` tests.
fn full() -> Value {
    json!({
        "schemaVersion": 1,
        "inLanguage": "en",
        "url": "https://example.org/a.html",
        "breadcrumb": [{"name": "Home", "url": "/"}],
        "headline": "Headline",
        "datePublished": "2020-07-01T10:14:37+08:00",
        "sourceOrganization": {"name": "Source", "url": "/source"},
        "author": [{"name": "Author", "url": "/author"}],
        "editor": {"name": "Editor", "url": "/editor"},
        "body": [
            {"type": "heading", "level": 3, "content": "Heading"},
            {"type": "paragraph", "content": [{"text": "run", "bold": true, "italic": true, "underline": true, "href": "/x"}]},
            {"type": "image", "src": "a.png", "alt": "A", "caption": "Caption"},
            {"type": "list", "ordered": true, "items": ["one"]},
            {"type": "quote", "content": [], "cite": "Someone"},
            {"type": "table", "caption": "Table", "header": ["h"], "rows": [["c"]]}
        ],
        "relatedLink": [{"headline": "Related", "url": "/r", "datePublished": "2020-07-01"}],
        "sidebar": [{"name": "Group", "more": "/more", "items": [{"name": "Item", "url": "/i"}]}]
    })
}

/// Paths (as JSON Pointers) of every optional field in `full()`.
const OPTIONAL_FIELDS: [&str; 24] = [
    "/url",
    "/breadcrumb",
    "/breadcrumb/0/url",
    "/sourceOrganization",
    "/sourceOrganization/url",
    "/author",
    "/author/0/url",
    "/editor",
    "/editor/url",
    "/body/0/level",
    "/body/1/content/0/bold",
    "/body/1/content/0/italic",
    "/body/1/content/0/underline",
    "/body/1/content/0/href",
    "/body/2/caption",
    "/body/3/ordered",
    "/body/4/cite",
    "/body/5/caption",
    "/body/5/header",
    "/relatedLink",
    "/relatedLink/0/datePublished",
    "/sidebar",
    "/sidebar/0/more",
    "/sidebar/0/items",
];

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    doc.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .and_then(|object| object.remove(key))
        .unwrap_or_else(|| panic!("{pointer} is in the document"));
}

/// `docs/article-json.md`: `null` in an optional field means the field is absent, for the reader
/// and for the JSON Schema alike.
#[test]
fn null_means_absent_in_every_optional_field() {
    let validator = schema();
    assert!(validator.is_valid(&full()));
    article_from_value(full()).expect("the full document is valid");
    for pointer in OPTIONAL_FIELDS {
        let mut absent = full();
        remove(&mut absent, pointer);
        let mut null = full();
        *null.pointer_mut(pointer).expect("present") = Value::Null;
        let without =
            article_from_value(absent.clone()).unwrap_or_else(|e| panic!("without {pointer}: {e}"));
        let with_null =
            article_from_value(null.clone()).unwrap_or_else(|e| panic!("{pointer} null: {e}"));
        assert_eq!(with_null, without, "{pointer}");
        assert_ne!(
            without,
            article_from_value(full()).expect("valid"),
            "{pointer} changes the article"
        );
        assert!(validator.is_valid(&absent), "schema, without {pointer}");
        assert!(validator.is_valid(&null), "schema, {pointer} null");
    }
}

/// `body` and `bodyHtml` are alternatives: a `null` one is absent, so the other alone counts.
#[test]
fn a_null_body_leaves_the_html_body_alone_and_the_reverse() {
    let mut html = full();
    html["body"] = Value::Null;
    html["bodyHtml"] = json!("<p>x</p>");
    let article = article_from_value(html.clone()).expect("valid");
    assert_eq!(article.body_html.as_deref(), Some("<p>x</p>"));
    assert!(article.body.is_empty());
    assert!(schema().is_valid(&html));

    let mut blocks = full();
    blocks["bodyHtml"] = Value::Null;
    assert_eq!(
        article_from_value(blocks.clone())
            .expect("valid")
            .body
            .len(),
        6
    );
    assert!(schema().is_valid(&blocks));

    let mut neither = full();
    neither["body"] = Value::Null;
    neither["bodyHtml"] = Value::Null;
    let e = article_from_value(neither.clone()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "The article does not match the schema at $.body: the article has no body: give `body` (blocks) or `bodyHtml` (CMS HTML)"
    );
    assert!(!schema().is_valid(&neither));
}

/// A required field is not optional because it is `null`.
#[test]
fn null_in_a_required_field_is_refused_with_its_type() {
    for (pointer, message) in [
        (
            "/headline",
            "at $.headline: invalid type: null, expected a string",
        ),
        (
            "/inLanguage",
            "at $.inLanguage: invalid type: null, expected a string",
        ),
        (
            "/body/1/content/0/text",
            "at $.body[1].content[0].text: invalid type: null, expected a string",
        ),
        (
            "/body/2/alt",
            "at $.body[2].alt: invalid type: null, expected a string",
        ),
        (
            "/body/3/items",
            "at $.body[3].items: invalid type: null, expected a sequence",
        ),
        (
            "/sidebar/0/items/0/url",
            "at $.sidebar[0].items[0].url: invalid type: null, expected a string",
        ),
    ] {
        let mut doc = full();
        *doc.pointer_mut(pointer).expect("present") = Value::Null;
        let e = article_from_value(doc.clone()).unwrap_err();
        assert!(e.to_string().ends_with(message), "{pointer}: {e}");
        assert!(!schema().is_valid(&doc), "schema, {pointer} null");
    }
}

/// The whole message, for the failures other tests (and the browser fault tests) name, so that
/// a change of wording is a visible decision.
#[test]
fn messages_say_what_was_expected_and_what_was_found() {
    type Edit = fn(&mut Value);
    let cases: [(Edit, &str); 12] = [
        (
            |d| d["headline"] = json!(42),
            "at $.headline: invalid type: integer `42`, expected a string",
        ),
        (
            |d| d["body"] = json!({}),
            "at $.body: invalid type: map, expected a sequence",
        ),
        (
            |d| d["body"][0]["content"] = json!(7),
            "at $.body[0].content: invalid type: integer `7`, expected a string or an array of inline runs",
        ),
        (
            |d| d["body"][1]["content"] = json!([{"text": "x", "bold": "yes"}]),
            "at $.body[1].content[0].bold: invalid type: string \"yes\", expected a boolean",
        ),
        (
            |d| remove(d, "/headline"),
            "at $: missing field `headline`",
        ),
        (
            |d| remove(d, "/body/2/alt"),
            "at $.body[2]: missing field `alt`",
        ),
        (
            |d| d["breadcrumb"][0] = json!({"url": "/"}),
            "at $.breadcrumb[0]: missing field `name`",
        ),
        (
            |d| d["headline"] = json!(" \u{3000}"),
            // Debug formatting shows blank characters as escapes, so they can be told apart.
            r#"at $.headline: invalid value: string " \u{3000}", expected text that is not blank"#,
        ),
        (
            |d| d["body"][0]["level"] = json!(1),
            "at $.body[0].level: heading level must be 2, 3 or 4 (the headline is level 1), found integer `1`",
        ),
        (
            |d| d["body"][3]["items"] = json!([]),
            "at $.body[3].items: invalid length 0, expected at least one item",
        ),
        (
            |d| d["datePublished"] = json!("2020-07-01 10:14:37"),
            "at $.datePublished: expected an ISO 8601 date-time with an offset, like 2020-07-01T10:14:37+08:00; the time or offset part is malformed; found string \"2020-07-01 10:14:37\"",
        ),
        (
            |d| d["body"][0]["type"] = json!("video"),
            "at $.body[0].type: unknown block type `video`, expected one of paragraph, heading, image, list, quote, table",
        ),
    ];
    for (edit, message) in cases {
        let mut doc = full();
        edit(&mut doc);
        let e = article_from_value(doc).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("The article does not match the schema {message}")
        );
    }
}

/// JSON Schema's `integer` includes numbers with a zero fraction; so does the reader.
#[test]
fn heading_levels_are_integers_from_2_to_4_however_written() {
    for (level, accepted) in [
        (json!(1), false),
        (json!(2), true),
        (json!(2.0), true),
        (json!(2.5), false),
        (json!(4), true),
        (json!(5), false),
        (json!("3"), false),
    ] {
        let mut doc = full();
        doc["body"][0]["level"] = level.clone();
        assert_eq!(
            article_from_value(doc.clone()).is_ok(),
            accepted,
            "reader, level {level}"
        );
        assert_eq!(schema().is_valid(&doc), accepted, "schema, level {level}");
    }
}

/// February 29th exists in years divisible by 4, except centuries not divisible by 400; the
/// reader and the schema's pattern agree.
#[test]
fn leap_years_in_the_reader_and_the_schema() {
    for (date, real) in [
        ("1900-02-29T12:00:00Z", false),
        ("2000-02-29T12:00:00Z", true),
        ("2023-02-29T12:00:00Z", false),
        ("2024-02-29T12:00:00Z", true),
        ("2023-02-28T12:00:00Z", true),
        ("2024-04-31T12:00:00Z", false),
        ("2024-12-31T12:00:00Z", true),
    ] {
        let mut doc = full();
        doc["datePublished"] = json!(date);
        assert_eq!(
            article_from_value(doc.clone()).is_ok(),
            real,
            "reader, {date}"
        );
        assert_eq!(schema().is_valid(&doc), real, "schema, {date}");
    }
}

/// `docs/article-json.md`, "What the JSON Schema cannot check": a leap second is accepted only
/// at the end of a UTC day; the schema's pattern accepts `:60` at any time.
#[test]
fn leap_seconds_are_the_readers_rule_alone() {
    for (date, reader) in [
        ("2016-12-31T23:59:60Z", true),
        ("2017-01-01T07:59:60+08:00", true),
        ("2016-12-31T12:00:60Z", false),
    ] {
        let mut doc = full();
        doc["datePublished"] = json!(date);
        assert_eq!(article_from_value(doc.clone()).is_ok(), reader, "{date}");
        assert!(schema().is_valid(&doc), "{date}");
    }
}

// ---------------------------------------------------------------------------------------------
// Version 2.

fn fixture(name: &str) -> Value {
    serde_json::from_str(&read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    ))
    .expect("JSON")
}

fn every_block() -> Value {
    fixture("v2-every-block.json")
}

/// The version-2 fixture reads into the model block by block, with its inline kinds.
#[test]
fn a_version_2_document_with_every_block_reads_into_the_model() {
    let errors = schema_errors(&schema_v2(), &every_block());
    assert!(errors.is_empty(), "{errors:#?}");
    let article = article_from_value(every_block()).expect("valid");
    assert_eq!(article.schema_version, 2);
    let kinds: Vec<&str> = article.body.iter().map(Block::type_name).collect();
    assert_eq!(
        kinds,
        [
            "note",
            "paragraph",
            "heading",
            "image",
            "gallery",
            "list",
            "definitionList",
            "quote",
            "pullQuote",
            "table",
            "table",
            "code",
            "embed",
            "math",
            "rule",
            "note",
            "note",
            "footnotes"
        ]
    );
    assert_eq!(article.dir, Some(TextDirection::Ltr));
    assert_eq!(
        article.date_modified.as_deref(),
        Some("2020-09-22T08:00:00+08:00")
    );
    assert_eq!(article.time_zone.as_deref(), Some("+08:00"));
    let Block::Paragraph(p) = &article.body[1] else {
        panic!("a paragraph")
    };
    let runs = &p.content.0;
    assert!(runs[3].strike && runs[5].sup && runs[7].sub);
    assert_eq!(runs[9].kind, InlineKind::Code);
    assert_eq!(runs[11].lang.as_deref(), Some("fr"));
    assert_eq!(runs[13].dir, Some(TextDirection::Rtl));
    assert_eq!(runs[15].href.as_deref(), Some("https://example.org/"));
    assert_eq!(runs[16].text, "\n");
    assert_eq!(
        runs[17].kind,
        InlineKind::Ruby {
            annotation: "かんじ".into()
        }
    );
    assert_eq!(
        (runs[19].kind.clone(), runs[19].text.as_str()),
        (InlineKind::Math, "E = mc^2")
    );
    // Footnote references: the first without a label takes its footnote's number.
    assert_eq!(
        (runs[21].kind.clone(), runs[21].text.as_str()),
        (InlineKind::FootnoteRef { id: "n1".into() }, "1")
    );
    assert_eq!(runs[22].text, "*");
    let InlineKind::Image(icon) = &runs[24].kind else {
        panic!("an inline image")
    };
    assert_eq!(
        (
            icon.src.as_str(),
            icon.width,
            icon.href.as_deref(),
            runs[24].text.as_str()
        ),
        (
            "/static/images/icon.svg",
            Some(16),
            Some("https://example.org/icon"),
            "icon"
        )
    );
    let Block::Image(figure) = &article.body[3] else {
        panic!("a figure")
    };
    assert_eq!(
        (
            figure.width,
            figure.height,
            figure.credit.as_ref().map(Inlines::plain_text)
        ),
        (
            Some(1200),
            Some(800),
            Some("Photo: A. Photographer".to_owned())
        )
    );
    let Block::List(list) = &article.body[5] else {
        panic!("a list")
    };
    assert_eq!(
        (list.start, list.reversed, list.items.len()),
        (Some(3), true, 2)
    );
    assert_eq!(
        list.items[0]
            .as_single_paragraph()
            .map(Inlines::plain_text)
            .as_deref(),
        Some("An item of text")
    );
    assert_eq!(list.items[1].0.len(), 2);
    let Block::Table(table) = &article.body[9] else {
        panic!("a table")
    };
    let head = &table.head[0].cells;
    assert_eq!(head[1].kind, CellKind::Header(Some(HeaderScope::Col)));
    assert_eq!(head[1].colspan, 2);
    let first = &table.rows[0].cells[0];
    assert_eq!(
        (first.kind, first.rowspan),
        (CellKind::Header(Some(HeaderScope::Row)), 2)
    );
    assert_eq!(
        table.rows[1].cells[1].content.0.len(),
        0,
        "an empty cell object"
    );
    let Block::Table(v1_style) = &article.body[10] else {
        panic!("a table")
    };
    assert_eq!(
        v1_style.head[0].cells[0].kind,
        CellKind::Header(Some(HeaderScope::Col))
    );
    let Block::Embed(embed) = &article.body[12] else {
        panic!("an embed")
    };
    assert_eq!(
        (embed.kind, embed.poster.as_ref().map(|p| p.alt.as_str())),
        (EmbedKind::Video, Some("Poster"))
    );
}

/// Version 2 takes the date forms CMS pages carry; version 1 still refuses them.
#[test]
fn version_2_dates_are_the_forms_pages_carry() {
    for date in [
        "2020-07-01T10:14:37+0800",
        "2018-04-05T06:00",
        "2018-04-05T06:00:00",
        "2020-09-21",
    ] {
        let mut v2 = every_block();
        v2["datePublished"] = json!(date);
        v2["dateModified"] = json!(date);
        v2["relatedLink"][0]["datePublished"] = json!(date);
        let article = article_from_value(v2).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_eq!(article.date_published.as_deref(), Some(date));
        let mut v1 = full();
        v1["datePublished"] = json!(date);
        assert!(article_from_value(v1).is_err(), "version 1 took {date}");
    }
    for (field, value, message) in [
        (
            "datePublished",
            "2018-04-05 6:00",
            "at $.datePublished: expected an ISO 8601 date (2020-09-21) or date-time, like 2020-07-01T10:14:37+08:00, 2020-07-01T10:14:37+0800 or 2018-04-05T06:00; the time or offset part is malformed; found string \"2018-04-05 6:00\"",
        ),
        (
            "dateModified",
            "last Friday",
            "at $.dateModified: expected an ISO 8601 date (2020-09-21) or date-time, like 2020-07-01T10:14:37+08:00, 2020-07-01T10:14:37+0800 or 2018-04-05T06:00; the date part is not a real YYYY-MM-DD date; found string \"last Friday\"",
        ),
        (
            "timeZone",
            "Asia/Shanghai",
            "at $.timeZone: invalid value: string \"Asia/Shanghai\", expected an offset such as +08:00, -05:00 or Z (time zone names are not supported)",
        ),
    ] {
        let mut doc = every_block();
        doc[field] = json!(value);
        let e = article_from_value(doc).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("The article does not match the schema {message}")
        );
    }
}

/// A version-2 document whose body is `blocks`.
fn v2_with(blocks: Value) -> Value {
    json!({"schemaVersion": 2, "headline": "h", "body": blocks})
}

/// Every new block and inline kind refuses what breaks its rules, at the path of the bad value,
/// with the whole message; the version-2 schema refuses the same documents.
#[test]
fn version_2_blocks_and_inlines_refuse_with_their_paths() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!([{"type": "video"}]),
            "$.body[0].type",
            "unknown block type `video`, expected one of paragraph, heading, image, gallery, list, definitionList, quote, pullQuote, table, code, embed, math, rule, note, footnotes",
        ),
        (
            json!([{"type": "image", "src": "a.png", "alt": "a", "width": 0}]),
            "$.body[0].width",
            "invalid value: integer `0`, expected an integer from 1 to 4294967295",
        ),
        (
            json!([{"type": "image", "src": "a.png", "alt": "a", "height": 1.5}]),
            "$.body[0].height",
            "invalid value: floating point `1.5`, expected an integer from 1 to 4294967295",
        ),
        (
            json!([{"type": "image", "src": "a.png", "alt": "a", "credit": 7}]),
            "$.body[0].credit",
            "invalid type: integer `7`, expected a string or an array of inline runs",
        ),
        (
            json!([{"type": "gallery", "images": []}]),
            "$.body[0].images",
            "invalid length 0, expected at least one image",
        ),
        (
            json!([{"type": "gallery", "images": [{"src": "a.png"}]}]),
            "$.body[0].images[0]",
            "missing field `alt`",
        ),
        (
            json!([{"type": "list", "items": ["a"], "start": "3"}]),
            "$.body[0].start",
            "invalid type: string \"3\", expected an integer",
        ),
        (
            json!([{"type": "list", "items": ["a"], "start": 1_000_000_001}]),
            "$.body[0].start",
            "invalid value: integer `1000000001`, expected an integer from -1000000000 to 1000000000",
        ),
        (
            json!([{"type": "list", "items": [{"content": "a"}]}]),
            "$.body[0].items[0]",
            "missing field `blocks`",
        ),
        (
            json!([{"type": "list", "items": [7]}]),
            "$.body[0].items[0]",
            "invalid type: integer `7`, expected a string, an array of inline runs or {\"blocks\": […]}",
        ),
        (
            json!([{"type": "definitionList", "items": [{"term": "t", "details": []}]}]),
            "$.body[0].items[0].details",
            "invalid length 0, expected at least one detail",
        ),
        (
            json!([{"type": "definitionList", "items": [{"details": ["d"]}]}]),
            "$.body[0].items[0]",
            "missing field `term`",
        ),
        (
            json!([{"type": "pullQuote", "content": ["x"], "cite": 1}]),
            "$.body[0].cite",
            "invalid type: integer `1`, expected a string",
        ),
        (
            json!([{"type": "table", "rows": [[{"content": "a", "colspan": 1001}]]}]),
            "$.body[0].rows[0][0].colspan",
            "invalid value: integer `1001`, expected an integer from 1 to 1000",
        ),
        (
            json!([{"type": "table", "rows": [[{"content": "a", "rowspan": 65535}]]}]),
            "$.body[0].rows[0][0].rowspan",
            "invalid value: integer `65535`, expected an integer from 1 to 65534",
        ),
        (
            json!([{"type": "table", "rows": [[{"content": "a", "rowspan": 0}]]}]),
            "$.body[0].rows[0][0].rowspan",
            "invalid value: integer `0`, expected an integer from 1 to 65534",
        ),
        (
            json!([{"type": "table", "rows": [[{"header": true, "scope": "column"}]]}]),
            "$.body[0].rows[0][0].scope",
            "invalid value: string \"column\", expected one of row, col, rowgroup, colgroup",
        ),
        (
            json!([{"type": "table", "rows": [[{"content": "a", "blocks": []}]]}]),
            "$.body[0].rows[0][0].blocks",
            "give either `content` (inline runs) or `blocks`, not both",
        ),
        (
            json!([{"type": "table", "header": ["h"], "head": [["h"]], "rows": [["c"]]}]),
            "$.body[0].head",
            "give either `header` (one row) or `head` (rows), not both",
        ),
        (
            json!([{"type": "table", "head": ["h"], "rows": [["c"]]}]),
            "$.body[0].head[0]",
            "invalid type: string \"h\", expected a sequence",
        ),
        (
            json!([{"type": "code", "text": 1}]),
            "$.body[0].text",
            "invalid type: integer `1`, expected a string",
        ),
        (
            json!([{"type": "code", "text": "x", "language": " "}]),
            "$.body[0].language",
            "invalid value: string \" \", expected text that is not blank",
        ),
        (
            json!([{"type": "embed", "kind": "podcast", "url": "u"}]),
            "$.body[0].kind",
            "invalid value: string \"podcast\", expected one of video, audio, frame",
        ),
        (
            json!([{"type": "embed", "kind": "video"}]),
            "$.body[0]",
            "missing field `url`",
        ),
        (
            json!([{"type": "embed", "kind": "video", "url": "u", "poster": {"src": "p.png"}}]),
            "$.body[0].poster",
            "missing field `alt`",
        ),
        (
            json!([{"type": "math", "text": ""}]),
            "$.body[0].text",
            "invalid value: string \"\", expected text that is not blank",
        ),
        (
            json!([{"type": "note", "kind": "erratum", "content": []}]),
            "$.body[0].kind",
            "invalid value: string \"erratum\", expected one of editorsNote, correction, update",
        ),
        (
            json!([{"type": "note", "kind": "update"}]),
            "$.body[0]",
            "missing field `content`",
        ),
        (
            json!([{"type": "footnotes", "items": []}]),
            "$.body[0].items",
            "invalid length 0, expected at least one footnote",
        ),
        (
            json!([{"type": "footnotes", "items": [{"id": " ", "content": "x"}]}]),
            "$.body[0].items[0].id",
            "invalid value: string \" \", expected text that is not blank",
        ),
        // Inlines.
        (
            json!([{"type": "paragraph", "content": [{"type": "smiley"}]}]),
            "$.body[0].content[0].type",
            "invalid value: string \"smiley\", expected one of break, ruby, math, footnoteRef, image, or no `type` for a run of text",
        ),
        (
            json!([{"type": "paragraph", "content": [{"type": 1, "text": "x"}]}]),
            "$.body[0].content[0].type",
            "invalid type: integer `1`, expected a string",
        ),
        (
            json!([{"type": "paragraph", "content": [{"text": "x", "strike": "yes"}]}]),
            "$.body[0].content[0].strike",
            "invalid type: string \"yes\", expected a boolean",
        ),
        (
            json!([{"type": "paragraph", "content": [{"text": "x", "dir": "up"}]}]),
            "$.body[0].content[0].dir",
            "invalid value: string \"up\", expected one of ltr, rtl, auto",
        ),
        (
            json!([{"type": "paragraph", "content": [{"text": "x", "lang": ""}]}]),
            "$.body[0].content[0].lang",
            "invalid value: string \"\", expected text that is not blank",
        ),
        (
            json!([{"type": "paragraph", "content": [{"type": "ruby", "text": "漢字"}]}]),
            "$.body[0].content[0]",
            "missing field `annotation`",
        ),
        (
            json!([{"type": "paragraph", "content": [{"type": "math", "text": " "}]}]),
            "$.body[0].content[0].text",
            "invalid value: string \" \", expected text that is not blank",
        ),
        (
            json!([{"type": "paragraph", "content": [{"type": "footnoteRef"}]}]),
            "$.body[0].content[0]",
            "missing field `id`",
        ),
        (
            json!([{"type": "paragraph", "content": [{"type": "footnoteRef", "id": "n1", "label": ""}]}]),
            "$.body[0].content[0].label",
            "invalid value: string \"\", expected text that is not blank",
        ),
        (
            json!([{"type": "paragraph", "content": [{"type": "image", "alt": "a"}]}]),
            "$.body[0].content[0]",
            "missing field `src`",
        ),
    ];
    let validator = schema_v2();
    for (blocks, path, message) in cases {
        let doc = v2_with(blocks);
        match article_from_value(doc.clone()) {
            Err(ArticleError::Schema { path: got, reason }) => {
                assert_eq!((got.as_str(), reason.as_str()), (path, message), "{doc}");
            }
            other => panic!("{doc}: expected an error at {path}, got {other:?}"),
        }
        assert!(!validator.is_valid(&doc), "the schema accepted {doc}");
    }
}

/// The top-level fields of version 2, refused with their paths.
#[test]
fn version_2_top_level_fields_refuse_with_their_paths() {
    for (field, value, message) in [
        (
            "dir",
            json!("rtl "),
            "invalid value: string \"rtl \", expected one of ltr, rtl, auto",
        ),
        (
            "inLanguage",
            json!(""),
            "invalid value: string \"\", expected text that is not blank",
        ),
        (
            "timeZone",
            json!("+0800"),
            "invalid value: string \"+0800\", expected an offset such as +08:00, -05:00 or Z (time zone names are not supported)",
        ),
    ] {
        let mut doc = v2_with(json!([{"type": "rule"}]));
        doc[field] = value;
        let e = article_from_value(doc.clone()).unwrap_err();
        assert_eq!(
            e,
            ArticleError::Schema {
                path: format!("$.{field}"),
                reason: message.into()
            }
        );
        assert!(!schema_v2().is_valid(&doc), "{field}");
    }
    // Language, direction and dates are optional in version 2.
    let minimal = v2_with(json!([{"type": "rule"}]));
    let article = article_from_value(minimal.clone()).expect("valid");
    assert_eq!(
        (article.in_language, article.dir, article.date_published),
        (None, None, None)
    );
    assert!(schema_v2().is_valid(&minimal));
}

/// Footnote ids are unique and references name a footnote: rules the schema cannot check.
#[test]
fn footnote_references_and_ids_are_checked_with_their_paths() {
    let paragraph = |id: &str| json!({"type": "paragraph", "content": ["x", {"type": "footnoteRef", "id": id}]});
    let notes = json!({"type": "footnotes", "items": [{"id": "a", "content": "A"}, {"id": "b", "content": "B"}]});
    let article =
        article_from_value(v2_with(json!([paragraph("b"), paragraph("a"), notes]))).expect("valid");
    let labels: Vec<String> = article.body[..2]
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.content.0[1].text.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(labels, ["2", "1"], "numbered in the order of the footnotes");

    for (doc, path, message) in [
        (
            v2_with(json!([paragraph("a"), paragraph("c"), notes])),
            "$.body[1].content[1].id",
            "invalid value: string \"c\", expected the id of a footnote of this article",
        ),
        (
            // A reference inside a note inside a list item, to a footnote that does not exist.
            v2_with(json!([{"type": "list", "items": [{"blocks": [{"type": "note", "kind": "update", "content": [paragraph("z")]}]}]}])),
            "$.body[0].items[0].blocks[0].content[0].content[1].id",
            "invalid value: string \"z\", expected the id of a footnote of this article",
        ),
        (
            v2_with(json!([notes, {"type": "footnotes", "items": [{"id": "a", "content": "again"}]}])),
            "$.body[1].items[0].id",
            "invalid value: string \"a\", expected an id no other footnote has (the footnote at $.body[0].items[0].id has it)",
        ),
    ] {
        assert_eq!(
            article_from_value(doc.clone()).unwrap_err(),
            ArticleError::Schema {
                path: path.into(),
                reason: message.into()
            }
        );
        assert!(schema_v2().is_valid(&doc), "beyond the schema: {doc}");
    }
}

/// Blocks nest in any containers exactly `MAX_NESTING` deep; the container that would put its
/// blocks one level deeper is refused at its path, however deep the document goes on.
#[test]
fn blocks_nest_in_any_container_to_the_limit_and_no_further() {
    assert_eq!(MAX_NESTING, 8, "the docs and the messages say 8");
    type Wrap = fn(Value) -> Value;
    let wraps: [(Wrap, &str); 6] = [
        (
            |b| json!({"type": "note", "kind": "update", "content": [b]}),
            ".content[0]",
        ),
        (
            |b| json!({"type": "list", "items": [{"blocks": [b]}]}),
            ".items[0].blocks[0]",
        ),
        (
            |b| json!({"type": "table", "rows": [[{"blocks": [b]}]]}),
            ".rows[0][0].blocks[0]",
        ),
        (
            |b| json!({"type": "definitionList", "items": [{"term": "t", "details": [{"blocks": [b]}]}]}),
            ".items[0].details[0].blocks[0]",
        ),
        (
            |b| json!({"type": "footnotes", "items": [{"id": "n", "content": {"blocks": [b]}}]}),
            ".items[0].content.blocks[0]",
        ),
        (|b| json!({"type": "quote", "content": [b]}), ".content[0]"),
    ];
    for (i, (_, step)) in wraps.iter().enumerate() {
        let nested = |levels: usize| {
            let mut block = json!({"type": "paragraph", "content": "x"});
            for level in 0..levels {
                // Footnote ids must differ.
                block = wraps[i].0(block);
                if i == 4 {
                    block["items"][0]["id"] = json!(format!("n{level}"));
                }
            }
            v2_with(json!([block]))
        };
        let eight = nested(8);
        article_from_value(eight.clone()).unwrap_or_else(|e| panic!("{step}: 8 levels: {e}"));
        assert!(schema_v2().is_valid(&eight));
        // The ninth container is refused: quotes at the quote, other containers at their
        // blocks (the note at the note itself).
        let ninth_container = format!("$.body[0]{}", step.repeat(8));
        let (path, start) = match i {
            5 => (
                ninth_container.clone(),
                "quotes nest deeper than 8 levels: this is quote number 9",
            ),
            0 => (
                ninth_container.clone(),
                "blocks nest deeper than 8 levels: these would be level 9",
            ),
            _ => {
                let blocks_field = step.trim_end_matches("[0]");
                (
                    format!("{ninth_container}{blocks_field}"),
                    "blocks nest deeper than 8 levels: these would be level 9",
                )
            }
        };
        for levels in [9, 40] {
            match article_from_value(nested(levels)) {
                Err(ArticleError::Schema { path: got, reason }) => {
                    assert_eq!(got, path, "{step}, {levels} levels");
                    assert!(reason.starts_with(start), "{reason}");
                }
                other => panic!("{step}, {levels} levels: {other:?}"),
            }
        }
        assert!(schema_v2().is_valid(&nested(9)), "the schema cannot count");
    }
    // Containers of different kinds count together: of nine, notes and list items in turn, the
    // ninth (a note) is refused.
    let mut block = json!({"type": "paragraph", "content": "x"});
    for level in 0..9 {
        block = wraps[level % 2].0(block);
    }
    let e = article_from_value(v2_with(json!([block]))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "The article does not match the schema at $.body[0].content[0].items[0].blocks[0].content[0].items[0].blocks[0].content[0].items[0].blocks[0].content[0].items[0].blocks[0]: blocks nest deeper than 8 levels: these would be level 9 inside one another, expected at most 8"
    );
}

/// Version 1 keeps its rules: what only version 2 has is refused there, saying so, and the
/// version-1 schema refuses it too; version-2 fields on version-1 objects are ignored.
#[test]
fn version_1_refuses_version_2_forms_and_ignores_version_2_fields() {
    for (edit, path, message) in [
        (
            json!({"type": "code", "text": "x"}),
            "$.body[0].type",
            "block type `code` needs schemaVersion 2, expected one of paragraph, heading, image, list, quote, table in a version-1 document",
        ),
        (
            json!({"type": "list", "items": [{"blocks": []}]}),
            "$.body[0].items[0]",
            "an item of blocks needs schemaVersion 2, expected a string or an array of inline runs in a version-1 document",
        ),
        (
            json!({"type": "table", "rows": [[{"content": "x"}]]}),
            "$.body[0].rows[0][0]",
            "invalid type: map, expected a string or an array of inline runs (cell objects need schemaVersion 2)",
        ),
        (
            json!({"type": "paragraph", "content": [{"type": "break"}]}),
            "$.body[0].content[0]",
            "inline type `break` needs schemaVersion 2, expected a run object such as {\"text\": \"…\"} in a version-1 document",
        ),
    ] {
        let mut doc = full();
        doc["body"] = json!([edit]);
        assert_eq!(
            article_from_value(doc.clone()).unwrap_err(),
            ArticleError::Schema {
                path: path.into(),
                reason: message.into()
            }
        );
        assert!(!schema().is_valid(&doc));
    }
    let mut doc = full();
    doc["body"][1]["content"][0]["strike"] = json!("not even a boolean");
    doc["body"][1]["content"][0]["type"] = json!("math");
    doc["body"][2]["credit"] = json!(7);
    doc["body"][3]["start"] = json!("x");
    doc["dir"] = json!("sideways");
    doc["timeZone"] = json!("Asia/Shanghai");
    assert_eq!(
        article_from_value(doc.clone()).expect("ignored"),
        article_from_value(full()).expect("valid")
    );
    assert!(schema().is_valid(&doc));
}

/// A version-1 document read as version 2 is the same article: version 2 is a superset.
#[test]
fn a_version_1_sample_read_as_version_2_is_the_same_article() {
    for file in samples() {
        let mut doc: Value = serde_json::from_str(&read(&file)).expect("JSON");
        if doc["schemaVersion"] != json!(1) {
            continue;
        }
        let v1 = article_from_value(doc.clone()).expect("valid");
        doc["schemaVersion"] = json!(2);
        assert!(schema_v2().is_valid(&doc), "{}", file.display());
        let v2 = article_from_value(doc).expect("valid as version 2");
        assert_eq!(v2.schema_version, 2);
        assert_eq!(
            Article {
                schema_version: 1,
                ..v2
            },
            v1,
            "{}",
            file.display()
        );
    }
}
