//! Native tests of channel JSON (`docs/channel-json.md`): the sample channels, their JSON
//! Schema, how a document's kind is told, error paths, the bound on summaries, and the
//! neighbours (上一篇 / 下一篇) field of article JSON.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use article_reader::article::channel::MAX_CHANNEL_ITEMS;
use article_reader::article::parse::channel::check_channel;
use article_reader::article::{
    article_from_value, document_from_value, parse_article, parse_channel, ArticleError, Channel,
    Document,
};
use article_reader::limits::{check_article, LimitKind, Limits};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn channel_samples() -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(root().join("static/channels"))
        .expect("static/channels exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&read(&root().join("static/schema").join(name))).expect("JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

fn channel_schema() -> jsonschema::Validator {
    validator("channel-v1.schema.json")
}

/// The file a standalone link such as `/?article=static/articles/seed.json` shows.
fn linked_file(url: &str) -> PathBuf {
    let path = url
        .strip_prefix("/?article=")
        .unwrap_or_else(|| panic!("{url} is not a standalone link"));
    root().join(path)
}

fn schema_error(doc: Value) -> (String, String) {
    match document_from_value(doc) {
        Err(ArticleError::Schema { path, reason }) => (path, reason),
        other => panic!("expected a schema error, got {other:?}"),
    }
}

/// A channel with these fields over a minimal valid one.
fn channel_with(fields: Value) -> Value {
    let mut doc = json!({"kind": "channel", "schemaVersion": 1, "title": "理论研究", "items": []});
    if let (Some(doc), Value::Object(fields)) = (doc.as_object_mut(), fields) {
        doc.extend(fields);
    }
    doc
}

fn item(n: usize) -> Value {
    json!({"headline": format!("第 {n} 篇"), "url": format!("/a/{n}"), "datePublished": "2020-07-01"})
}

#[test]
fn every_channel_sample_parses_and_matches_the_schema() {
    let schema = channel_schema();
    let files = channel_samples();
    let names: Vec<_> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str())
        .collect();
    assert_eq!(
        names,
        [
            "ldls.json",
            "llyd.json",
            "llyj-2.json",
            "llyj.json",
            "rdgz.json",
            "xglj.json"
        ]
    );
    for file in files {
        let doc: Value = serde_json::from_str(&read(&file)).expect("JSON");
        let errors: Vec<String> = schema.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        match document_from_value(doc) {
            Ok(Document::Channel(channel)) => {
                assert_eq!(check_channel(&channel, &Limits::default()), Ok(()));
            }
            other => panic!("{}: {other:?}", file.display()),
        }
    }
}

#[test]
fn the_theory_channel_reads_as_written_and_pages() {
    let first = parse_channel(&read(&root().join("static/channels/llyj.json"))).unwrap();
    assert_eq!(first.title, "理论研究");
    assert_eq!(first.in_language.as_deref(), Some("zh-CN"));
    assert_eq!(
        first.url.as_deref(),
        Some("/?article=static/channels/llyj.json")
    );
    let crumbs: Vec<_> = first.breadcrumb.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(crumbs, ["西藏统一战线", "理论研究"]);
    assert_eq!(
        first.breadcrumb[1].url, None,
        "the channel is the current page"
    );
    let headlines: Vec<_> = first.items.iter().map(|i| i.headline.as_str()).collect();
    assert_eq!(
        headlines,
        [
            "示例：高原湖泊科考手记（第二版格式的全部内容块）",
            "示例：正文是内容管理系统的 HTML",
            "文章阅读器：让新闻稿件在任何网页上好读、安全",
        ]
    );
    assert_eq!(first.items[0].date_published, "2026-11-25T10:00:00+08:00");
    assert_eq!(
        first.items[0]
            .image
            .as_ref()
            .map(|i| (i.url.as_str(), i.alt.as_str())),
        Some(("/static/articles/media/lake.svg", ""))
    );
    assert_eq!(first.items[2].description, None);
    assert_eq!(
        (
            first.page.number,
            first.page.count,
            first.page.previous.as_deref()
        ),
        (1, Some(2), None)
    );
    assert_eq!(
        first.page.next.as_deref(),
        Some("/?article=static/channels/llyj-2.json")
    );

    let second =
        parse_channel(&read(&linked_file("/?article=static/channels/llyj-2.json"))).unwrap();
    assert_eq!((second.page.number, second.page.count), (2, Some(2)));
    assert_eq!(second.page.next, None);
    assert_eq!(
        second.page.previous.as_deref(),
        Some("/?article=static/channels/llyj.json")
    );
    assert_eq!(second.items.len(), 3);
}

/// A summary says what the article it links to says: its headline and date.
#[test]
fn every_summary_links_to_a_sample_article_with_its_headline_and_date() {
    for file in channel_samples() {
        let channel = parse_channel(&read(&file)).unwrap();
        for item in &channel.items {
            let article = parse_article(&read(&linked_file(&item.url)))
                .unwrap_or_else(|e| panic!("{}: {}: {e}", file.display(), item.url));
            assert_eq!(article.headline, item.headline, "{}", file.display());
            assert_eq!(
                article.date_published.as_deref(),
                Some(item.date_published.as_str()),
                "{}",
                file.display()
            );
        }
        for link in [&channel.page.previous, &channel.page.next]
            .into_iter()
            .flatten()
        {
            parse_channel(&read(&linked_file(link))).unwrap();
        }
    }
}

/// 更多>> of each sidebar block and the breadcrumb's channel crumb lead to the channel of that
/// name.
#[test]
fn the_seeds_more_links_and_channel_crumb_lead_to_sample_channels() {
    let seed = parse_article(&read(&root().join("static/articles/seed.json"))).unwrap();
    let mut links: Vec<(String, String)> = seed
        .sidebar
        .iter()
        .map(|g| {
            (
                g.name.clone(),
                g.more.clone().expect("every block has 更多>>"),
            )
        })
        .collect();
    links.push((
        seed.breadcrumb[1].name.clone(),
        seed.breadcrumb[1].url.clone().unwrap(),
    ));
    let expected = [
        ("热点关注", "/?article=static/channels/rdgz.json"),
        ("领导论述", "/?article=static/channels/ldls.json"),
        ("理论园地", "/?article=static/channels/llyd.json"),
        ("相关链接", "/?article=static/channels/xglj.json"),
        ("理论研究", "/?article=static/channels/llyj.json"),
    ];
    let links: Vec<(&str, &str)> = links
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(links, expected);
    for (name, url) in expected {
        let channel: Channel = parse_channel(&read(&linked_file(url))).unwrap();
        assert_eq!(channel.title, name);
    }
}

#[test]
fn only_kind_channel_makes_a_channel() {
    let article = json!({"schemaVersion": 2, "headline": "h", "body": [{"type": "rule"}]});
    assert!(matches!(
        document_from_value(article.clone()),
        Ok(Document::Article(_))
    ));
    let mut other = article;
    other["kind"] = json!("gallery");
    assert!(
        matches!(document_from_value(other), Ok(Document::Article(_))),
        "an article's unknown fields are ignored, `kind` among them"
    );
    assert!(matches!(
        document_from_value(channel_with(json!({}))),
        Ok(Document::Channel(_))
    ));
}

#[test]
fn errors_name_the_path_and_the_schema_agrees() {
    let schema = channel_schema();
    let cases = [
        (channel_with(json!({"title": null})), "$.title", "invalid type: null, expected a string"),
        (
            {
                let mut doc = channel_with(json!({}));
                doc.as_object_mut().unwrap().remove("items");
                doc
            },
            "$",
            "missing field `items`",
        ),
        (
            channel_with(json!({"schemaVersion": 2})),
            "$.schemaVersion",
            "invalid value: integer `2`, expected 1 (the only channel version this reader understands)",
        ),
        (
            channel_with(json!({"items": [item(0), {"headline": "h", "url": "/a", "datePublished": "2020-02-30"}]})),
            "$.items[1].datePublished",
            "",
        ),
        (
            channel_with(json!({"items": [{"headline": " ", "url": "/a", "datePublished": "2020-02-03"}]})),
            "$.items[0].headline",
            "invalid value: string \" \", expected text that is not blank",
        ),
        (
            channel_with(json!({"page": {"number": 3, "count": 2}})),
            "$.page.count",
            "invalid value: integer `2`, expected at least the page number 3",
        ),
        (
            channel_with(json!({"page": {"number": 0}})),
            "$.page.number",
            "invalid value: integer `0`, expected an integer from 1 to 1000000",
        ),
        (
            channel_with(json!({"items": [{"headline": "h", "url": "/a", "datePublished": "2020-02-03", "image": {"alt": "x"}}]})),
            "$.items[0].image",
            "missing field `url`",
        ),
    ];
    for (doc, path, reason) in cases {
        let (found_path, found_reason) = schema_error(doc.clone());
        assert_eq!(found_path, path, "{doc}");
        if !reason.is_empty() {
            assert_eq!(found_reason, reason, "{doc}");
        }
        // The page-count rule is the one the schema cannot express.
        if path != "$.page.count" {
            assert!(!schema.is_valid(&doc), "the schema accepts {doc}");
        }
    }
}

#[test]
fn a_page_holds_exactly_the_maximum_of_summaries_and_not_one_more() {
    assert_eq!(MAX_CHANNEL_ITEMS, 200);
    let schema = channel_schema();
    let with_items =
        |n: usize| channel_with(json!({ "items": (0..n).map(item).collect::<Vec<_>>() }));
    let full = with_items(200);
    assert!(schema.is_valid(&full));
    match document_from_value(full) {
        Ok(Document::Channel(channel)) => assert_eq!(channel.items.len(), 200),
        other => panic!("{other:?}"),
    }
    let over = with_items(201);
    assert!(!schema.is_valid(&over));
    assert_eq!(
        schema_error(over),
        (
            "$.items".into(),
            "invalid length 201, expected at most 200 summaries on one page".into()
        )
    );
}

#[test]
fn a_channels_strings_are_held_to_the_text_and_address_limits() {
    let limits = Limits::default();
    let text_limit = limits.get(LimitKind::TextLength);
    let with_description = |n: usize| {
        let mut one = item(0);
        one["description"] = json!("中".repeat(n));
        parse_channel(&channel_with(json!({ "items": [one] })).to_string()).unwrap()
    };
    assert_eq!(
        check_channel(&with_description(text_limit), &limits),
        Ok(())
    );
    let e = check_channel(&with_description(text_limit + 1), &limits).unwrap_err();
    assert_eq!(
        (e.kind, e.found, e.limit, e.path.as_str()),
        (
            LimitKind::TextLength,
            100_001,
            100_000,
            "$.items[0].description"
        )
    );
    let with_next = |n: usize| {
        let next = format!("/{}", "a".repeat(n - 1));
        parse_channel(&channel_with(json!({"page": {"number": 1, "next": next}})).to_string())
            .unwrap()
    };
    assert_eq!(check_channel(&with_next(4096), &limits), Ok(()));
    let e = check_channel(&with_next(4097), &limits).unwrap_err();
    assert_eq!(
        (e.kind, e.found, e.path.as_str()),
        (LimitKind::AddressLength, 4097, "$.page.next")
    );
}

#[test]
fn neighbours_are_read_in_version_2_and_ignored_in_version_1() {
    let neighbours = json!({
        "previousArticle": {"headline": "上一篇的标题", "url": "/?article=a.json"},
        "nextArticle": {"headline": "下一篇的标题", "url": "/?article=b.json", "datePublished": "2020-07-01"}
    });
    let mut v2 = json!({"schemaVersion": 2, "headline": "h", "body": [{"type": "rule"}]});
    v2.as_object_mut()
        .unwrap()
        .extend(neighbours.as_object().unwrap().clone());
    assert!(validator("article-v2.schema.json").is_valid(&v2));
    let article = article_from_value(v2.clone()).unwrap();
    let previous = article.previous_article.unwrap();
    assert_eq!(
        (previous.headline.as_str(), previous.url.as_str()),
        ("上一篇的标题", "/?article=a.json")
    );
    let next = article.next_article.unwrap();
    assert_eq!(next.date_published.as_deref(), Some("2020-07-01"));

    let mut v1 = v2.clone();
    v1["schemaVersion"] = json!(1);
    v1["inLanguage"] = json!("zh-CN");
    v1["datePublished"] = json!("2020-07-01T10:00:00+08:00");
    v1["body"] = json!([{"type": "paragraph", "content": "p"}]);
    let article = article_from_value(v1).unwrap();
    assert_eq!(
        (article.previous_article, article.next_article),
        (None, None)
    );

    let mut bad = v2;
    bad["nextArticle"] = json!({"headline": "h"});
    assert!(!validator("article-v2.schema.json").is_valid(&bad));
    assert_eq!(
        article_from_value(bad),
        Err(ArticleError::Schema {
            path: "$.nextArticle".into(),
            reason: "missing field `url`".into()
        })
    );
}

#[test]
fn a_neighbours_strings_are_held_to_the_limits() {
    let limits = Limits::default();
    let with_headline = |n: usize| {
        article_from_value(json!({
            "schemaVersion": 2, "headline": "h", "body": [{"type": "rule"}],
            "previousArticle": {"headline": "中".repeat(n), "url": "/a"}
        }))
        .unwrap()
    };
    assert_eq!(check_article(&with_headline(100_000), &limits), Ok(()));
    let e = check_article(&with_headline(100_001), &limits).unwrap_err();
    assert_eq!(
        (e.kind, e.found, e.path.as_str()),
        (LimitKind::TextLength, 100_001, "$.previousArticle.headline")
    );
}

#[test]
fn the_samples_with_neighbours_name_existing_articles() {
    for (sample, previous, next) in [
        (
            "rich-zh.json",
            None,
            Some("示例：正文是内容管理系统的 HTML"),
        ),
        (
            "rtl-ar.json",
            Some("The article reader: a fast, safe article view for any site"),
            Some("牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基"),
        ),
    ] {
        let article = parse_article(&read(&root().join("static/articles").join(sample))).unwrap();
        let found = |item: &Option<article_reader::article::RelatedItem>| {
            item.as_ref().map(|i| {
                let linked = parse_article(&read(&linked_file(&i.url))).unwrap();
                assert_eq!(linked.headline, i.headline, "{sample}");
                i.headline.clone()
            })
        };
        assert_eq!(
            found(&article.previous_article).as_deref(),
            previous,
            "{sample}"
        );
        assert_eq!(found(&article.next_article).as_deref(), next, "{sample}");
    }
}

/// Every field of the first summary, the page object and the top level of the two-page
/// channel, dropped or replaced by each of a few values of other types: the reader accepts
/// exactly what the schema accepts.
#[test]
fn the_reader_and_the_schema_agree_on_every_single_edit_of_a_sample() {
    let schema = channel_schema();
    let sample: Value =
        serde_json::from_str(&read(&root().join("static/channels/llyj.json"))).expect("JSON");
    let variants = [
        Value::Null,
        json!(5),
        json!(2.5),
        json!(""),
        json!(" "),
        json!("2020-07-01"),
        json!("x"),
        json!(true),
        json!([]),
        json!({}),
    ];
    let mut checked = 0;
    for pointer in ["", "/items/0", "/items/0/image", "/page", "/breadcrumb/0"] {
        let keys: Vec<String> = sample
            .pointer(pointer)
            .and_then(Value::as_object)
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        for key in keys {
            let mut edits = Vec::new();
            let mut dropped = sample.clone();
            dropped
                .pointer_mut(pointer)
                .and_then(Value::as_object_mut)
                .unwrap()
                .remove(&key);
            edits.push(dropped);
            for variant in &variants {
                let mut edited = sample.clone();
                edited.pointer_mut(pointer).unwrap()[&key] = variant.clone();
                edits.push(edited);
            }
            for doc in edits {
                checked += 1;
                let read = document_from_value(doc.clone());
                // The one rule the schema cannot express (docs/channel-json.md).
                if matches!(&read, Err(ArticleError::Schema { reason, .. }) if reason.contains("at least the page number"))
                {
                    assert!(schema.is_valid(&doc));
                    continue;
                }
                let by_reader = matches!(read, Ok(Document::Channel(_)));
                assert_eq!(
                    by_reader,
                    schema.is_valid(&doc),
                    "{pointer}/{key}: {}",
                    doc.pointer(pointer).unwrap()
                );
            }
        }
    }
    // 8 top-level fields, 5 of a summary, 2 of its image, 3 of the page, 2 of a crumb; each
    // dropped and given 10 values.
    assert_eq!(checked, (8 + 5 + 2 + 3 + 2) * 11);
}
