//! The prerender command's pages, rendered natively from the repository's articles: the whole
//! seed article in the markup, valid NewsArticle JSON-LD that content cannot break out of, the
//! one URL policy, the same Content-Security-Policy as `index.html`, and the batch mode.
//! Run with `cargo test --features prerender`.
#![cfg(feature = "prerender")]

use std::path::PathBuf;

use article_reader::prerender::{
    description, prerender, prerender_folder, Batch, PageOptions, PrerenderError, CSP,
    DESCRIPTION_CHARS,
};
use serde_json::{json, Value};

const SEED: &str = include_str!("../static/articles/seed.json");
const PAGE: &str = "https://news.example.org/archive/seed.html";

fn options() -> PageOptions {
    PageOptions {
        address: Some(PAGE.to_owned()),
        assets: "/".to_owned(),
        article: None,
    }
}

fn page_of(article: &Value) -> String {
    prerender(article.to_string(), options()).unwrap()
}

fn seed() -> Value {
    serde_json::from_str(SEED).unwrap()
}

/// The text of the one `<script type="application/ld+json">` element.
fn json_ld_text(page: &str) -> &str {
    let open = r#"<script type="application/ld+json">"#;
    assert_eq!(page.matches(open).count(), 1, "one JSON-LD element");
    let start = page.find(open).unwrap() + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    &page[start..end]
}

/// The markup of the reader (inside `<main id="app">`).
fn reader_markup(page: &str) -> &str {
    let start = page.find(r#"<main id="app">"#).unwrap();
    let end = page.rfind("</main>").unwrap();
    &page[start..end]
}

#[test]
fn the_seed_page_holds_the_whole_article() {
    let page = prerender(SEED.to_owned(), options()).unwrap();
    let reader = reader_markup(&page);
    assert!(reader.contains(
        r#"<h1 tabindex="-1" class="ar-headline">牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基</h1>"#
    ));
    // Every paragraph of the body, as a paragraph, in the article's order.
    let seed = seed();
    let paragraphs: Vec<&str> = seed["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .map(|b| b["content"].as_str().unwrap())
        .collect();
    assert_eq!(paragraphs.len(), 8);
    let mut from = 0;
    for text in paragraphs {
        let at = reader[from..]
            .find(&format!("<p>{text}</p>"))
            .unwrap_or_else(|| panic!("paragraph missing or out of order: {text}"));
        from += at;
    }
    // The meta line, the editor, the breadcrumb (its relative crumb resolved against the
    // page's address), the related links and the sidebar.
    assert!(reader.contains("中国西藏新闻网"));
    assert!(reader.contains("陈建国"));
    assert!(reader.contains(
        r#"<a href="https://news.example.org/?article=static/channels/llyj.json" dir="auto">理论研究</a>"#
    ));
    assert!(reader.contains(
        r#"<a href="https://news.example.org/?article=static/articles/reader-zh.json" dir="auto">文章阅读器：让新闻稿件在任何网页上好读、安全</a>"#
    ));
    assert!(reader.contains(
        r#"<a href="https://news.example.org/?article=static/articles/reader-en.json" dir="auto">The article reader: a fast, safe article view for any site</a>"#
    ));
    assert!(reader.contains(r#"class="ar-sidebar""#));
    assert!(reader.contains(r#"aria-label="更多热点关注""#));
    // The reader root as the browser's reader shows a finished article at the default size.
    assert!(reader.contains(
        r#"<div lang="zh-CN" dir="ltr" data-state="ready" class="article-reader ar-size-2">"#
    ));
}

#[test]
fn the_head_names_the_article() {
    let page = prerender(SEED.to_owned(), options()).unwrap();
    let head = &page[..page.find("</head>").unwrap()];
    assert!(head.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
    assert!(head.contains("<title>牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基</title>"));
    assert!(head.contains(
        r#"<meta name="description" content="习近平总书记强调,“基层党组织是党执政大厦的根基"#
    ));
    assert!(head.contains(r#"<link rel="stylesheet" href="/article-reader.css">"#));
    assert!(head.contains(r#"<link rel="stylesheet" href="/standalone.css">"#));
    assert!(head.contains(&format!(r#"<link rel="canonical" href="{PAGE}">"#)));
    // No script runs on the page: the only script element is the JSON-LD data block.
    assert_eq!(page.matches("<script").count(), 1);
}

#[test]
fn the_json_ld_is_a_news_article() {
    let page = prerender(SEED.to_owned(), options()).unwrap();
    let ld: Value = serde_json::from_str(json_ld_text(&page)).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基"
    );
    assert_eq!(ld["datePublished"], "2020-07-01T10:14:37+08:00");
    assert_eq!(ld["inLanguage"], "zh-CN");
    assert_eq!(ld["editor"]["name"], "陈建国");
    assert_eq!(ld["sourceOrganization"]["name"], "中国西藏新闻网");
    assert_eq!(ld["url"], PAGE);
}

#[test]
fn a_hostile_headline_stays_text_in_the_json_ld_the_title_and_the_page() {
    let hostile = "</script><script>alert(1)</script><!--";
    let mut article = seed();
    article["headline"] = json!(hostile);
    article["body"][0]["content"] = json!(hostile);
    let page = page_of(&article);
    // The JSON-LD element is the only script and ends where it should: its text parses, and
    // gives back the headline exactly.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<!--"));
    let ld: Value = serde_json::from_str(json_ld_text(&page)).unwrap();
    assert_eq!(ld["headline"], hostile);
    // The description goes on into the next paragraph.
    assert!(ld["description"].as_str().unwrap().starts_with(hostile));
    assert!(json_ld_text(&page).contains(r"\u003c/script\u003e"));
    // Everywhere else it is escaped text.
    let escaped = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--";
    assert!(page.contains(&format!("<title>{escaped}</title>")));
    assert!(page.contains(&format!(
        r#"<h1 tabindex="-1" class="ar-headline">{escaped}</h1>"#
    )));
    assert!(page.contains(&format!("<p>{escaped}</p>")));
}

#[test]
fn unsafe_links_are_text_under_the_same_policy() {
    let mut article = seed();
    article["relatedLink"][0]["url"] = json!("javascript:alert(1)");
    article["relatedLink"][1]["url"] = json!(" jAvA\tscript:alert(2)");
    article["breadcrumb"][0]["url"] = json!("data:text/html,<script>alert(3)</script>");
    let page = page_of(&article);
    assert!(!page.to_ascii_lowercase().contains("script:alert"));
    assert!(!page.contains("data:text/html"));
    assert!(page.contains(
        r#"<span dir="auto" class="ar-unlinked">文章阅读器：让新闻稿件在任何网页上好读、安全</span>"#
    ));
    assert!(page.contains(
        r#"<span dir="auto" class="ar-unlinked">The article reader: a fast, safe article view for any site</span>"#
    ));
    assert!(page.contains(r#"<span dir="auto" class="ar-unlinked">西藏统一战线</span>"#));
}

#[test]
fn without_an_address_relative_links_are_text_and_absolute_ones_links() {
    let page = prerender(
        SEED.to_owned(),
        PageOptions {
            address: None,
            assets: "/".to_owned(),
            article: None,
        },
    )
    .unwrap();
    assert!(page.contains(r#"<span dir="auto" class="ar-unlinked">理论研究</span>"#));
    assert!(
        page.contains(r#"<a href="https://tibet-ufw.example.org/" dir="auto">西藏统一战线</a>"#)
    );
    assert!(!page.contains("rel=\"canonical\""));
}

#[test]
fn the_policy_is_the_one_in_index_html() {
    let index = include_str!("../index.html");
    let start = index
        .find(r#"http-equiv="Content-Security-Policy""#)
        .unwrap();
    let content = &index[start..];
    let open = content.find("content=\"").unwrap() + "content=\"".len();
    let close = open + content[open..].find('"').unwrap();
    assert_eq!(&content[open..close], CSP);
    let page = prerender(SEED.to_owned(), options()).unwrap();
    assert!(page.contains(&format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{CSP}">"#
    )));
}

#[test]
fn html_bodies_and_channel_pages_are_left_to_the_browser() {
    let html = include_str!("../static/articles/cms-html.json");
    let error = prerender(html.to_owned(), options()).unwrap_err();
    assert!(matches!(error, PrerenderError::HtmlBody), "{error:?}");
    assert!(error.is_unsupported());
    let channel = include_str!("../static/channels/llyj.json");
    let error = prerender(channel.to_owned(), options()).unwrap_err();
    assert!(matches!(error, PrerenderError::Channel), "{error:?}");
    let error = prerender("{ not json".to_owned(), options()).unwrap_err();
    assert!(!error.is_unsupported());
    assert!(error
        .to_string()
        .starts_with("The response is not valid JSON"));
}

#[test]
fn the_description_is_cut_only_past_its_limit() {
    let with_body = |text: &str| {
        let mut article = seed();
        article["body"] = json!([{ "type": "paragraph", "content": text }]);
        let parsed = article_reader::article::parse_article(&article.to_string()).unwrap();
        description(&parsed)
    };
    assert_eq!(DESCRIPTION_CHARS, 160);
    let exactly: String = "字".repeat(160);
    assert_eq!(with_body(&exactly), exactly);
    let over: String = "字".repeat(161);
    let cut = with_body(&over);
    assert_eq!(cut, format!("{}…", "字".repeat(159)));
    assert_eq!(with_body("  a \n\t b  "), "a b");
}

#[test]
fn a_batch_renders_each_article_and_skips_html_bodies() {
    let root = std::env::temp_dir().join(format!("prerender-test-{}", std::process::id()));
    let input = root.join("in");
    let output = root.join("out");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("seed.json"), SEED).unwrap();
    std::fs::write(
        input.join("cms-html.json"),
        include_str!("../static/articles/cms-html.json"),
    )
    .unwrap();
    std::fs::write(input.join("notes.txt"), "not an article").unwrap();
    let items = prerender_folder(&Batch {
        input: input.clone(),
        output: output.clone(),
        base: Some("https://news.example.org/archive".to_owned()),
        assets: "/".to_owned(),
        json_base: Some("/static/articles".to_owned()),
        jobs: 2,
    })
    .unwrap();
    let names: Vec<PathBuf> = items.iter().map(|i| i.input.clone()).collect();
    assert_eq!(
        names,
        [input.join("cms-html.json"), input.join("seed.json")]
    );
    assert!(matches!(items[0].result, Err(PrerenderError::HtmlBody)));
    let (json_bytes, html_bytes) = *items[1].result.as_ref().unwrap();
    assert_eq!(json_bytes, SEED.len() as u64);
    let page = std::fs::read_to_string(output.join("seed.html")).unwrap();
    assert_eq!(html_bytes, page.len() as u64);
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{PAGE}">"#)));
    assert!(page.contains(r#"<main id="app" data-article="/static/articles/seed.json">"#));
    assert!(!output.join("cms-html.html").exists());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_published_article_brings_the_takeover_script_and_its_address() {
    let page = prerender(
        SEED.to_owned(),
        PageOptions {
            article: Some("/static/articles/seed.json?v=\"1\"".to_owned()),
            assets: "/reader/".to_owned(),
            ..options()
        },
    )
    .unwrap();
    assert!(page.contains(r#"<script type="module" src="/reader/static/prerendered.js"></script>"#));
    assert!(page
        .contains(r#"<main id="app" data-article="/static/articles/seed.json?v=&quot;1&quot;">"#));
    assert_eq!(page.matches("<script").count(), 2);
}
