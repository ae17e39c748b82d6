//! Native tests of article JSON: the sample files, the JSON Schema, and error paths.
//!
//! These need no browser; `cargo test` runs them.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use article_reader::article::{parse_article, ArticleError, Block, DateTime};
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
    assert!(
        files.len() >= 3,
        "the seed and at least two articles of our own: {files:?}"
    );
    for file in files {
        if let Err(e) = parse_article(&read(&file)) {
            panic!("{}: {e}", file.display());
        }
    }
}

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("static/schema/article-v1.schema.json"),
    ))
    .expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

#[test]
fn every_sample_matches_the_json_schema() {
    let validator = schema();
    for file in samples() {
        let doc: Value = serde_json::from_str(&read(&file)).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
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
    use article_reader::article::parse::MAX_QUOTE_DEPTH;
    let nested = |levels: usize| {
        let mut block = json!({"type": "paragraph", "content": "x"});
        for _ in 0..levels {
            block = json!({"type": "quote", "content": [block]});
        }
        let mut doc = seed();
        doc["body"] = json!([block]);
        doc.to_string()
    };
    assert!(parse_article(&nested(MAX_QUOTE_DEPTH)).is_ok());
    let path = format!("$.body[0]{}", ".content[0]".repeat(MAX_QUOTE_DEPTH));
    match parse_article(&nested(MAX_QUOTE_DEPTH + 1)) {
        Err(ArticleError::Schema { path: got, reason }) => {
            assert_eq!(got, path);
            assert!(
                reason.contains("quotes nest deeper than 8 levels"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
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

    let e = parse_article(r#"{"schemaVersion": 2}"#).unwrap_err();
    assert_eq!(e, ArticleError::UnsupportedVersion { found: "2".into() });
    assert!(e.to_string().contains("understands version 1"));

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

    let published = DateTime::parse_instant(&article.date_published)
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
    assert!(
        !article.related_link.is_empty(),
        "the empty capture list is filled"
    );
}
