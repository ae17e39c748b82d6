//! Every block and inline kind of the article model, rendered in a real browser: the DOM each
//! one becomes (tags, attributes, text), written out literally; the direction of the page and
//! the isolation of untrusted labels; and the version-1 samples, which must render exactly as
//! they did before version 2 (tests/fixtures/v1-render, recorded from the version-1 views).
//!
//! Articles are built as Rust values and handed to the reader as a given article, so these
//! tests exercise the views alone. Run with `wasm-pack test --headless --chrome -- --test
//! blocks` (or `--firefox`).
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use article_reader::article::*;
use article_reader::components::reader::{Reader, ReaderProps};
use article_reader::i18n::Lang;
use article_reader::options::{ArticleSource, EmbedHosts};
use common::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};

wasm_bindgen_test_configure!(run_in_browser);

/// An article with only the required parts and this body, in `lang`.
fn article(lang: &str, body: Vec<Block>) -> Article {
    Article {
        schema_version: 2,
        in_language: Some(lang.to_owned()),
        dir: None,
        url: None,
        breadcrumb: vec![],
        headline: "标题".to_owned(),
        date_published: None,
        date_modified: None,
        time_zone: None,
        source_organization: None,
        author: vec![],
        editor: None,
        body,
        body_html: None,
        related_link: vec![],
        sidebar: vec![],
        previous_article: None,
        next_article: None,
    }
}

fn runs(text: &str) -> Inlines {
    Inlines(vec![Inline::plain(text)])
}

fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        content: runs(text),
    })
}

fn item(text: &str) -> Blocks {
    Blocks::paragraph(runs(text))
}

/// Mounts `article` as a given article and waits for its headline.
async fn show_article(article: Article, embeds: EmbedHosts) -> (Element, yew::AppHandle<Reader>) {
    let root = container();
    let app = yew::Renderer::<Reader>::with_root_and_props(
        root.clone(),
        ReaderProps {
            ui_lang: Lang::Zh,
            embeds,
            navigation: article_reader::route::Navigation::Links,
            ..reader_props(ArticleSource::Given(Rc::new(article)))
        },
    )
    .render();
    wait_for_headline(&root).await;
    (root, app)
}

/// The body of `article` in canonical form (see [`canon`]).
async fn body_of(article: Article) -> String {
    let (root, app) = show_article(article, EmbedHosts::default()).await;
    let body = inner(&one(&root, ".ar-body"));
    app.destroy();
    root.remove();
    body
}

fn escape(text: &str, quote: bool) -> String {
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    if quote {
        text.replace('"', "&quot;")
    } else {
        text
    }
}

/// A node as HTML with its attributes sorted by name, so that expectations do not depend on
/// the order in which the renderer happens to set attributes (which carries no meaning).
fn canon(node: &Node) -> String {
    if let Some(el) = node.dyn_ref::<Element>() {
        let tag = el.tag_name().to_ascii_lowercase();
        let mut names: Vec<String> = el
            .get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
            .collect();
        names.sort();
        let attrs: String = names
            .iter()
            .map(|n| {
                let v = el.get_attribute(n).unwrap_or_default();
                format!(" {n}=\"{}\"", escape(&v, true))
            })
            .collect();
        if matches!(tag.as_str(), "img" | "hr" | "br") {
            return format!("<{tag}{attrs}>");
        }
        format!("<{tag}{attrs}>{}</{tag}>", inner(el))
    } else if node.node_type() == Node::TEXT_NODE {
        escape(&node.text_content().unwrap_or_default(), false)
    } else {
        String::new()
    }
}

fn inner(el: &Element) -> String {
    let children = el.child_nodes();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .map(|n| canon(&n))
        .collect()
}

/// This page's address without its fragment: what in-page links are made absolute with.
fn page() -> String {
    let href = web_sys::window().unwrap().location().href().unwrap();
    href.split('#').next().unwrap().to_owned()
}

// ---------------------------------------------------------------------------------------------
// The version-1 samples render exactly as before.

/// The rendered reader as recorded for the goldens: every `dir` attribute and `<bdi>` element
/// removed (the bidirectional isolation this version adds, and nothing else), the first image's
/// `loading="eager"` put back to the `lazy` every image had, and this page's origin written
/// `ORIGIN` (the test server's port changes from run to run).
fn as_version_1(root: &Element) -> String {
    let reader = one(root, ".article-reader")
        .clone_node_with_deep(true)
        .unwrap()
        .dyn_into::<Element>()
        .unwrap();
    reader.remove_attribute("dir").unwrap();
    for el in all(&reader, "[dir]") {
        el.remove_attribute("dir").unwrap();
    }
    for bdi in all(&reader, "bdi") {
        let parent = bdi.parent_node().unwrap();
        while let Some(child) = bdi.first_child() {
            parent.insert_before(&child, Some(&bdi)).unwrap();
        }
        bdi.remove();
    }
    // Issue 10 marks the body with `data-first-frame` until the browser is idle after the
    // article's first frame (the style sheet skips the layout of blocks off screen meanwhile):
    // a hint to the browser, not the article's content.
    for el in all(&reader, "[data-first-frame]") {
        el.remove_attribute("data-first-frame").unwrap();
    }
    // Issue 11 added the 繁體 / 简体 switch and its status to a Chinese article's toolbar:
    // controls of the page, not the article's content.
    // It also added the read-aloud controls (朗读), another control of the page.
    for el in all(&reader, ".ar-zh-switch, .ar-zh-status, .ar-aloud") {
        el.remove();
    }
    // Issue 11 added the reading time to the meta line (after a space) and the reading-progress
    // bar to the toolbar: facts about the article and decoration, not its content.
    for el in all(&reader, ".ar-reading-time, .ar-progress") {
        if let Some(space) = el
            .previous_sibling()
            .filter(|n| n.node_type() == web_sys::Node::TEXT_NODE)
        {
            assert_eq!(space.text_content().as_deref(), Some(" "));
            space.parent_node().unwrap().remove_child(&space).unwrap();
        }
        el.remove();
    }
    // Issue 11 made the text size scale the whole reader and the toolbar sticky: the size class
    // moved from the body to the reader's root, the toolbar from the header to just after it
    // (a sticky box travels only within its parent), and 恢复默认 and 长者模式 joined T+ / T-.
    // Controls and classes of the page, not the article's content: put back as version 1 had
    // them.
    for el in all(&reader, ".ar-size-reset, .ar-elder-switch") {
        el.remove();
    }
    let size = reader
        .class_list()
        .value()
        .split_whitespace()
        .find(|class| class.starts_with("ar-size-"))
        .map(str::to_owned);
    if let Some(size) = size {
        reader.class_list().remove_1(&size).unwrap();
        if let Some(body) = reader.query_selector(".ar-body").unwrap() {
            body.class_list().add_1(&size).unwrap();
        }
    }
    if let (Some(header), Some(toolbar)) = (
        reader.query_selector(".ar-header").unwrap(),
        reader.query_selector(".ar-toolbar").unwrap(),
    ) {
        header.append_child(&toolbar).unwrap();
    }
    // Issue 11 also added the reading settings (设置) to every toolbar: a control of the page.
    for el in all(&reader, ".ar-settings") {
        el.remove();
    }
    // Issue 9 made the headline focusable by script (`tabindex="-1"`), so that client-side
    // navigation can move focus to it: an attribute of the page, not of the article's content.
    for h1 in all(&reader, "h1") {
        assert_eq!(h1.get_attribute("tabindex").as_deref(), Some("-1"));
        h1.remove_attribute("tabindex").unwrap();
    }
    if let Some(first) = all(&reader, "img").first() {
        assert_eq!(first.get_attribute("loading").as_deref(), Some("eager"));
        first.set_attribute("loading", "lazy").unwrap();
    }
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    reader.outer_html().replace(&origin, "ORIGIN")
}

/// The goldens were recorded from the version-1 code before any version-2 change. One edit was
/// made by hand, on purpose: `cms-html.html`'s centred `图：…` paragraph under the image is now
/// that figure's `figcaption`, as issue 7 asks of the HTML import (fixture 03 shows the rule).
/// And one edit of data, not of rendering: `seed.html`'s channel crumb and four 更多>> links
/// now lead to the sample channel pages, as `static/articles/seed.json` does since issue 9.
#[wasm_bindgen_test]
async fn version_1_samples_render_as_before() {
    let samples = [
        (SEED, include_str!("fixtures/v1-render/seed.html")),
        (READER_ZH, include_str!("fixtures/v1-render/reader-zh.html")),
        (READER_EN, include_str!("fixtures/v1-render/reader-en.html")),
        (
            include_str!("../static/articles/cms-html.json"),
            include_str!("fixtures/v1-render/cms-html.html"),
        ),
    ];
    for (json, golden) in samples {
        let root = container();
        let mut handle = mount_with(&root, &format!(r#"{{"article": {json}}}"#));
        wait_for_headline(&root).await;
        assert_eq!(as_version_1(&root), golden);
        handle.destroy();
        root.remove();
    }
}

// ---------------------------------------------------------------------------------------------
// Blocks.

#[wasm_bindgen_test]
async fn figures_keep_credit_size_and_only_safe_srcset_candidates() {
    let figure = Image {
        src: "https://img.example/a.jpg".into(),
        alt: "桥".into(),
        srcset: Some(
            "https://img.example/a-640.jpg 640w, javascript:alert(1) 800w, \
             https://img.example/a-1280.jpg 1280w,data:image/png;base64,AAAA 2x, \
             https://img.example/bad.jpg 2q"
                .into(),
        ),
        sizes: Some("(max-width: 40rem) 100vw, 40rem".into()),
        width: Some(1280),
        height: Some(720),
        caption: Some(runs("大桥")),
        credit: Some(runs("摄影：王五")),
        ..Image::default()
    };
    let linked = Image {
        src: "https://img.example/c.jpg".into(),
        alt: "c".into(),
        href: Some("https://news.example/c.html".into()),
        ..Image::default()
    };
    let refused = Image {
        src: "javascript:alert(1)".into(),
        alt: "图".into(),
        credit: Some(runs("新华社")),
        ..Image::default()
    };
    let body = body_of(article(
        "zh-CN",
        vec![
            Block::Image(figure),
            Block::Image(linked),
            Block::Image(refused),
        ],
    ))
    .await;
    assert_eq!(
        body,
        "<figure class=\"ar-figure\"><img alt=\"桥\" decoding=\"async\" height=\"720\" \
         loading=\"eager\" sizes=\"(max-width: 40rem) 100vw, 40rem\" \
         src=\"https://img.example/a.jpg\" srcset=\"https://img.example/a-640.jpg 640w, \
         https://img.example/a-1280.jpg 1280w\" width=\"1280\">\
         <figcaption>大桥 <span class=\"ar-credit\">摄影：王五</span></figcaption></figure>\
         <figure class=\"ar-figure\"><a dir=\"auto\" href=\"https://news.example/c.html\">\
         <img alt=\"c\" decoding=\"async\" loading=\"lazy\" src=\"https://img.example/c.jpg\">\
         </a></figure>\
         <figure class=\"ar-figure ar-figure-blocked\"><p class=\"ar-blocked\">\
         图片地址不安全，已略去: 图</p><figcaption><span class=\"ar-credit\">新华社</span>\
         </figcaption></figure>"
    );
}

#[wasm_bindgen_test]
async fn a_gallery_is_a_figure_of_figures() {
    let one_image = |n: &str, caption: Option<&str>| Image {
        src: format!("https://img.example/{n}.jpg"),
        alt: n.into(),
        caption: caption.map(runs),
        ..Image::default()
    };
    let body = body_of(article(
        "zh-CN",
        vec![Block::Gallery(Gallery {
            images: vec![one_image("1", Some("一号")), one_image("2", None)],
            caption: Some(runs("组图")),
        })],
    ))
    .await;
    assert_eq!(
        body,
        "<figure class=\"ar-gallery\">\
         <figure class=\"ar-figure\"><img alt=\"1\" decoding=\"async\" loading=\"eager\" \
         src=\"https://img.example/1.jpg\"><figcaption>一号</figcaption></figure>\
         <figure class=\"ar-figure\"><img alt=\"2\" decoding=\"async\" loading=\"lazy\" \
         src=\"https://img.example/2.jpg\"></figure>\
         <figcaption>组图</figcaption></figure>"
    );
}

#[wasm_bindgen_test]
async fn lists_nest_and_keep_start_and_reversed() {
    let nested = Block::List(List {
        ordered: false,
        start: None,
        reversed: false,
        items: vec![item("乙一"), item("乙二")],
    });
    let body = body_of(article(
        "zh-CN",
        vec![Block::List(List {
            ordered: true,
            start: Some(3),
            reversed: true,
            items: vec![item("甲"), Blocks(vec![para("乙"), nested])],
        })],
    ))
    .await;
    assert_eq!(
        body,
        "<ol reversed=\"reversed\" start=\"3\"><li>甲</li><li><p>乙</p>\
         <ul><li>乙一</li><li>乙二</li></ul></li></ol>"
    );
}

#[wasm_bindgen_test]
async fn definition_lists_and_pull_quotes() {
    let body = body_of(article(
        "zh-CN",
        vec![
            Block::DefinitionList(DefinitionList {
                items: vec![Definition {
                    term: runs("术语"),
                    details: vec![item("释义一"), item("释义二")],
                }],
            }),
            Block::PullQuote(PullQuote {
                content: runs("金句"),
                cite: Some("某人".into()),
            }),
        ],
    ))
    .await;
    assert_eq!(
        body,
        "<dl class=\"ar-definitions\"><dt>术语</dt><dd>释义一</dd><dd>释义二</dd></dl>\
         <figure class=\"ar-pullquote\"><blockquote><p>金句</p></blockquote>\
         <figcaption>— <cite>某人</cite></figcaption></figure>"
    );
}

#[wasm_bindgen_test]
async fn tables_keep_spans_scopes_and_caption_in_a_scrolling_region() {
    let cell = |kind, colspan, rowspan, text: &str| Cell {
        kind,
        colspan,
        rowspan,
        content: item(text),
    };
    let table = Table {
        caption: Some(runs("表一")),
        head: vec![Row {
            cells: vec![cell(CellKind::Header(Some(HeaderScope::Col)), 2, 1, "地区")],
        }],
        rows: vec![
            Row {
                cells: vec![
                    cell(CellKind::Header(Some(HeaderScope::Row)), 1, 2, "甲"),
                    cell(CellKind::Data, 1, 1, "1"),
                ],
            },
            Row {
                cells: vec![cell(CellKind::Data, 1, 1, "2")],
            },
        ],
    };
    let body = body_of(article("zh-CN", vec![Block::Table(table)])).await;
    assert_eq!(
        body,
        "<div aria-label=\"表一\" class=\"ar-table-wrap\" role=\"region\" tabindex=\"0\">\
         <table><caption>表一</caption><thead><tr><th colspan=\"2\" scope=\"col\">地区</th>\
         </tr></thead><tbody><tr><th rowspan=\"2\" scope=\"row\">甲</th><td>1</td></tr>\
         <tr><td>2</td></tr></tbody></table></div>"
    );
}

#[wasm_bindgen_test]
async fn code_keeps_its_white_space_and_scrolls() {
    let code = "fn main() {\n    println!(\"hi\");\n}";
    let (root, app) = show_article(
        article(
            "zh-CN",
            vec![Block::Code(Code {
                text: code.into(),
                language: Some("rust".into()),
            })],
        ),
        EmbedHosts::default(),
    )
    .await;
    assert_eq!(
        inner(&one(&root, ".ar-body")),
        "<figure class=\"ar-code\"><figcaption dir=\"auto\">rust</figcaption>\
         <pre dir=\"ltr\" tabindex=\"0\"><code>fn main() {\n    println!(\"hi\");\n}</code></pre>\
         </figure>"
    );
    let pre = one(&root, "pre");
    assert_eq!(computed(&pre, "white-space"), "pre");
    assert_eq!(computed(&pre, "overflow-x"), "auto");
    assert!(computed(&one(&pre, "code"), "font-family").contains("monospace"));
    app.destroy();
    root.remove();
}

fn video(url: &str) -> Embed {
    Embed {
        kind: EmbedKind::Video,
        url: url.into(),
        title: Some("发布会".into()),
        provider: Some("播放平台".into()),
        poster: Some(Image {
            src: "https://img.example/p.jpg".into(),
            alt: "海报".into(),
            ..Image::default()
        }),
    }
}

#[wasm_bindgen_test]
async fn embeds_are_cards_unless_the_host_allows_the_player() {
    let frame = Embed {
        kind: EmbedKind::Frame,
        url: "https://maps.example/m".into(),
        title: None,
        provider: None,
        poster: None,
    };
    let body = body_of(article(
        "zh-CN",
        vec![
            Block::Embed(video("https://player.example/v/1")),
            Block::Embed(frame),
        ],
    ))
    .await;
    assert_eq!(
        body,
        "<figure class=\"ar-embed ar-embed-video\"><img alt=\"海报\" class=\"ar-embed-poster\" \
         decoding=\"async\" loading=\"eager\" src=\"https://img.example/p.jpg\"><figcaption>\
         <span class=\"ar-embed-title\" dir=\"auto\">发布会</span>\
         <span class=\"ar-embed-provider\" dir=\"auto\">播放平台</span>\
         <a aria-label=\"在原网站播放: 发布会\" class=\"ar-embed-link\" dir=\"auto\" \
         href=\"https://player.example/v/1\">在原网站播放</a></figcaption></figure>\
         <figure class=\"ar-embed ar-embed-frame\"><figcaption>\
         <a class=\"ar-embed-link\" dir=\"auto\" href=\"https://maps.example/m\">在原网站查看</a>\
         </figcaption></figure>"
    );

    let allowed = EmbedHosts::new(&["player.example"]);
    let (root, app) = show_article(
        article(
            "en",
            vec![
                Block::Embed(video("https://player.example/v/1")),
                // Allowed host, but not https: a card.
                Block::Embed(video("http://player.example/v/2")),
                // Another host: a card.
                Block::Embed(video("https://other.example/v/3")),
            ],
        ),
        allowed,
    )
    .await;
    let frames = all(&root, "iframe");
    assert_eq!(frames.len(), 1);
    assert_eq!(
        canon(&frames[0]),
        "<iframe class=\"ar-embed-frame\" loading=\"lazy\" referrerpolicy=\"no-referrer\" \
         sandbox=\"allow-scripts allow-same-origin allow-presentation\" \
         src=\"https://player.example/v/1\" title=\"发布会\"></iframe>"
    );
    assert_eq!(all(&root, ".ar-embed-poster").len(), 2);
    assert_eq!(
        text(&one(&root, ".ar-embed-link")),
        "Play on the original site"
    );
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn math_rules_and_notes() {
    let note = |kind| {
        Block::Note(Note {
            kind,
            content: vec![para("说明。")],
        })
    };
    let body = body_of(article(
        "zh-CN",
        vec![
            Block::Math(Math {
                text: "E = mc^2".into(),
            }),
            Block::Rule,
            note(NoteKind::EditorsNote),
            note(NoteKind::Correction),
            note(NoteKind::Update),
        ],
    ))
    .await;
    assert_eq!(
        body,
        "<div class=\"ar-math\" dir=\"ltr\">E = mc^2</div><hr class=\"ar-rule\">\
         <aside aria-label=\"编者按\" class=\"ar-note ar-note-editors-note\">\
         <p class=\"ar-note-label\">编者按</p><p>说明。</p></aside>\
         <aside aria-label=\"更正\" class=\"ar-note ar-note-correction\">\
         <p class=\"ar-note-label\">更正</p><p>说明。</p></aside>\
         <aside aria-label=\"更新\" class=\"ar-note ar-note-update\">\
         <p class=\"ar-note-label\">更新</p><p>说明。</p></aside>"
    );
    let english = body_of(article(
        "en-GB",
        vec![
            note(NoteKind::EditorsNote),
            note(NoteKind::Correction),
            note(NoteKind::Update),
        ],
    ))
    .await;
    for label in ["Editor's note", "Correction", "Update"] {
        assert!(
            english.contains(&format!(
                "<p class=\"ar-note-label\">{}</p>",
                escape(label, false)
            )),
            "{label}: {english}"
        );
        assert!(
            english.contains(&format!("aria-label=\"{}\"", escape(label, true))),
            "{label}: {english}"
        );
    }
}

fn footnote_ref(id: &str, label: &str) -> Inline {
    Inline {
        kind: InlineKind::FootnoteRef { id: id.into() },
        text: label.into(),
        ..Inline::default()
    }
}

fn footnoted() -> Article {
    article(
        "zh-CN",
        vec![
            Block::Paragraph(Paragraph {
                content: Inlines(vec![
                    Inline::plain("正文"),
                    footnote_ref("n1", "1"),
                    Inline::plain("再引"),
                    footnote_ref("n1", "1"),
                    Inline::plain("又"),
                    footnote_ref("说明 2", "2"),
                ]),
            }),
            Block::Footnotes(Footnotes {
                items: vec![
                    Footnote {
                        id: "n1".into(),
                        content: item("注一"),
                    },
                    Footnote {
                        id: "说明 2".into(),
                        content: item("注二"),
                    },
                ],
            }),
        ],
    )
}

#[wasm_bindgen_test]
async fn footnotes_link_both_ways() {
    let (root, app) = show_article(footnoted(), EmbedHosts::default()).await;
    // The prefix is per reader (its number depends on how many readers this page made
    // before); it is read from the first reference and checked for its form.
    let first = one(&root, ".ar-fnref a").id();
    let p = first.strip_suffix("-fnref-n1").unwrap();
    assert!(
        p.len() > 2 && p.starts_with("ar") && p[2..].chars().all(|c| c.is_ascii_digit()),
        "{first}"
    );
    let page = page();
    let back = |target: &str| {
        format!(
            " <a aria-label=\"返回正文\" class=\"ar-fn-back\" href=\"{page}#{p}-fnref-{target}\" \
             role=\"doc-backlink\">↩\u{fe0e}</a>"
        )
    };
    let reference = |target: &str, id: &str, label: &str| {
        format!(
            "<sup class=\"ar-fnref\"><a href=\"{page}#{p}-fn-{target}\" id=\"{p}-fnref-{id}\" \
             role=\"doc-noteref\">{label}</a></sup>"
        )
    };
    // 说明 2 → 说 U+8BF4, 明 U+660E, space U+0020, then the digit kept.
    let odd = "_8bf4__660e__20_2";
    assert_eq!(
        inner(&one(&root, ".ar-body")),
        format!(
            "<p>正文{}再引{}又{}</p><section aria-label=\"注释\" class=\"ar-footnotes\"><ol>\
             <li id=\"{p}-fn-n1\">注一{}{}</li><li id=\"{p}-fn-{odd}\">注二{}</li></ol></section>",
            reference("n1", "n1", "1"),
            reference("n1", "n1-2", "1"),
            reference(odd, odd, "2"),
            back("n1"),
            back("n1-2"),
            back(odd),
        )
    );
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn two_readers_on_one_page_never_share_an_id() {
    let (a, app_a) = show_article(footnoted(), EmbedHosts::default()).await;
    let (b, app_b) = show_article(footnoted(), EmbedHosts::default()).await;
    let ids =
        |root: &Element| -> Vec<String> { all(root, "[id]").iter().map(|e| e.id()).collect() };
    let (ids_a, ids_b) = (ids(&a), ids(&b));
    assert_eq!(ids_a.len(), 5, "{ids_a:?}");
    assert_eq!(ids_b.len(), 5, "{ids_b:?}");
    assert!(
        ids_a.iter().all(|id| !ids_b.contains(id)),
        "{ids_a:?} {ids_b:?}"
    );
    // Every in-page link of each reader leads to an element of that same reader.
    let document = document();
    for root in [&a, &b] {
        for link in all(root, ".ar-fnref a, .ar-fn-back") {
            let href = link.get_attribute("href").unwrap();
            let target = href.split_once('#').unwrap().1;
            let el = document.get_element_by_id(target).unwrap();
            assert!(root.contains(Some(&el)), "{href}");
        }
    }
    app_a.destroy();
    app_b.destroy();
    a.remove();
    b.remove();
}

// ---------------------------------------------------------------------------------------------
// Inline runs.

#[wasm_bindgen_test]
async fn inline_marks_ruby_math_breaks_and_spans() {
    let run = |text: &str| Inline::plain(text);
    let content = Inlines(vec![
        run("x"),
        Inline {
            sup: true,
            ..run("2")
        },
        Inline {
            sub: true,
            ..run("i")
        },
        Inline {
            strike: true,
            ..run("旧")
        },
        Inline {
            kind: InlineKind::Code,
            ..run("let x")
        },
        Inline {
            kind: InlineKind::Ruby {
                annotation: "かんじ".into(),
            },
            ..run("漢字")
        },
        run("\n"),
        Inline {
            kind: InlineKind::Math,
            ..run("a+b")
        },
        Inline {
            lang: Some("ar".into()),
            dir: Some(TextDirection::Rtl),
            ..run("مرحبا")
        },
        Inline {
            lang: Some("en".into()),
            ..run("hi")
        },
    ]);
    let body = body_of(article(
        "zh-CN",
        vec![Block::Paragraph(Paragraph { content })],
    ))
    .await;
    assert_eq!(
        body,
        "<p>x<sup>2</sup><sub>i</sub><s>旧</s><code>let x</code>\
         <ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>\n<span class=\"ar-math\">a+b</span>\
         <span dir=\"rtl\" lang=\"ar\">مرحبا</span><span lang=\"en\">hi</span></p>"
    );
}

#[wasm_bindgen_test]
async fn adjacent_runs_with_one_address_are_one_link() {
    let link = |text: &str, href: &str| Inline {
        href: Some(href.into()),
        ..Inline::plain(text)
    };
    let content = Inlines(vec![
        link("阅读", "https://news.example/a"),
        Inline {
            bold: true,
            ..link("全文", "https://news.example/a")
        },
        Inline::plain("，"),
        link("另一", "https://news.example/b"),
        link("坏", "javascript:alert(1)"),
        Inline {
            italic: true,
            ..link("链接", "javascript:alert(1)")
        },
    ]);
    let picture = Inline {
        kind: InlineKind::Image(Box::new(Image {
            src: "https://img.example/i.png".into(),
            alt: "图标".into(),
            width: Some(16),
            height: Some(16),
            href: Some("https://news.example/i".into()),
            ..Image::default()
        })),
        ..Inline::plain("图标")
    };
    let body = body_of(article(
        "zh-CN",
        vec![
            Block::Paragraph(Paragraph { content }),
            Block::Paragraph(Paragraph {
                content: Inlines(vec![picture]),
            }),
        ],
    ))
    .await;
    assert_eq!(
        body,
        "<p><a dir=\"auto\" href=\"https://news.example/a\">阅读<strong>全文</strong></a>，\
         <a dir=\"auto\" href=\"https://news.example/b\">另一</a>\
         <span class=\"ar-unlinked\" dir=\"auto\">坏<em>链接</em></span></p>\
         <p><a dir=\"auto\" href=\"https://news.example/i\"><img alt=\"图标\" \
         class=\"ar-inline-image\" decoding=\"async\" height=\"16\" loading=\"eager\" \
         src=\"https://img.example/i.png\" width=\"16\"></a></p>"
    );
}

// ---------------------------------------------------------------------------------------------
// Direction and isolation.

#[wasm_bindgen_test]
async fn the_reader_takes_the_articles_direction() {
    let cases: [(&str, Option<TextDirection>, &str); 6] = [
        ("ar", None, "rtl"),
        ("he-IL", None, "rtl"),
        ("fa", None, "rtl"),
        ("en", Some(TextDirection::Rtl), "rtl"),
        ("ar", Some(TextDirection::Ltr), "ltr"),
        ("zh-CN", None, "ltr"),
    ];
    for (lang, dir, want) in cases {
        let mut a = article(lang, vec![para("نص")]);
        a.dir = dir;
        let (root, app) = show_article(a, EmbedHosts::default()).await;
        let reader = one(&root, ".article-reader");
        assert_eq!(reader.get_attribute("dir").as_deref(), Some(want), "{lang}");
        app.destroy();
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn right_to_left_mirrors_and_only_chinese_indents() {
    let list = Block::List(List {
        ordered: false,
        start: None,
        reversed: false,
        items: vec![item("بند")],
    });
    let (rtl, app) = show_article(
        article("ar", vec![para("نص"), list.clone()]),
        EmbedHosts::default(),
    )
    .await;
    let ul = one(&rtl, ".ar-body ul");
    // padding-inline-start: 2em of the 18 px body text, on the right in right-to-left.
    assert_eq!(computed(&ul, "padding-right"), "36px");
    assert_eq!(computed(&ul, "padding-left"), "0px");
    assert_eq!(computed(&one(&rtl, ".ar-body p"), "text-indent"), "0px");
    app.destroy();
    rtl.remove();

    let (en, app) = show_article(article("en", vec![para("text")]), EmbedHosts::default()).await;
    assert_eq!(computed(&one(&en, ".ar-body p"), "text-indent"), "0px");
    app.destroy();
    en.remove();

    let (zh, app) = show_article(
        article("zh-CN", vec![para("正文"), list]),
        EmbedHosts::default(),
    )
    .await;
    assert_eq!(computed(&one(&zh, ".ar-body p"), "text-indent"), "36px");
    let ul = one(&zh, ".ar-body ul");
    assert_eq!(computed(&ul, "padding-left"), "36px");
    assert_eq!(computed(&ul, "padding-right"), "0px");
    app.destroy();
    zh.remove();
}

/// The nearest element around `node` that isolates its text, if it is an inline isolate
/// (`<bdi>` or an element with a `dir` attribute).
fn isolate_of(node: &Node) -> Option<Element> {
    let parent = node.parent_element()?;
    (parent.tag_name() == "BDI" || parent.has_attribute("dir")).then_some(parent)
}

/// Every text node under `root` that contains `needle`, in document order.
fn text_nodes_with(root: &Node, needle: char) -> Vec<Node> {
    let mut found = Vec::new();
    let children = root.child_nodes();
    for node in (0..children.length()).filter_map(|i| children.item(i)) {
        if node.node_type() == Node::TEXT_NODE {
            if node.text_content().unwrap_or_default().contains(needle) {
                found.push(node);
            }
        } else {
            found.extend(text_nodes_with(&node, needle));
        }
    }
    found
}

#[wasm_bindgen_test]
async fn an_override_in_a_label_stays_inside_its_isolate() {
    const RLO: &str = "\u{202E}";
    let evil = |s: &str| format!("{RLO}{s}");
    let mut a = article("zh-CN", vec![para("正文")]);
    a.date_published = Some("2020-07-01T10:14:37+08:00".into());
    a.author = vec![Person {
        name: evil("作者"),
        url: None,
    }];
    a.source_organization = Some(Source {
        name: evil("来源"),
        url: None,
    });
    a.editor = Some(Person {
        name: evil("编辑"),
        url: None,
    });
    a.breadcrumb = vec![
        Crumb {
            name: evil("首页"),
            url: Some("https://news.example/".into()),
        },
        Crumb {
            name: evil("正文"),
            url: None,
        },
    ];
    a.related_link = vec![RelatedItem {
        headline: evil("相关"),
        url: "https://news.example/r".into(),
        date_published: Some("2020-07-02".into()),
    }];
    a.sidebar = vec![SidebarGroup {
        name: evil("热点"),
        more: Some("https://news.example/more".into()),
        items: vec![Link {
            name: evil("条目"),
            url: "https://news.example/i".into(),
        }],
    }];
    let (root, app) = show_article(a, EmbedHosts::default()).await;

    // The author's name is alone in its isolate; the date beside it is outside.
    let author = one(&root, ".ar-author bdi");
    assert_eq!(text(&author), evil("作者"));
    assert_eq!(author.child_nodes().length(), 1);
    let time = one(&root, ".ar-meta time");
    assert!(!author.contains(Some(&time)));
    assert_eq!(text(&time), "2020-07-01 10:14:37");

    // Every label that holds the override is isolated by its own parent element, which holds
    // nothing else (the headline, a block of its own, is not part of this test's article).
    let nodes = text_nodes_with(&root, '\u{202E}');
    assert_eq!(
        nodes.len(),
        8,
        "author, source, editor, two crumbs, related, side title, item"
    );
    for node in nodes {
        let isolate = isolate_of(&node)
            .unwrap_or_else(|| panic!("{:?} is not isolated", node.text_content()));
        assert_eq!(
            isolate.child_nodes().length(),
            1,
            "{}",
            isolate.outer_html()
        );
        if isolate.tag_name() != "BDI" {
            assert_eq!(isolate.get_attribute("dir").as_deref(), Some("auto"));
        }
    }
    app.destroy();
    root.remove();
}

// ---------------------------------------------------------------------------------------------
// The version-2 samples, read from JSON.

const RICH_ZH: &str = include_str!("../static/articles/rich-zh.json");
const RTL_AR: &str = include_str!("../static/articles/rtl-ar.json");

async fn mounted(options: String) -> (Element, article_reader::embed::ReaderHandle) {
    let root = container();
    let handle = mount_with(&root, &options);
    wait_for_headline(&root).await;
    (root, handle)
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector).iter().map(text).collect()
}

#[wasm_bindgen_test]
async fn the_chinese_sample_shows_every_kind_of_block() {
    let (root, mut handle) = mounted(format!(r#"{{"article": {RICH_ZH}}}"#)).await;
    let reader = one(&root, ".article-reader");
    assert_eq!(reader.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(reader.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert_eq!(
        texts(&root, ".ar-credit"),
        ["摄影：林间", "摄影：卓玛", "摄影：林间"]
    );
    let hero = one(&root, ".ar-body > .ar-figure img");
    assert_eq!(hero.get_attribute("loading").as_deref(), Some("eager"));
    assert_eq!(hero.get_attribute("width").as_deref(), Some("1200"));
    assert!(hero
        .get_attribute("srcset")
        .unwrap()
        .ends_with("/static/articles/media/plateau-1200.svg 1200w"));
    assert_eq!(all(&root, ".ar-gallery > .ar-figure").len(), 2);
    assert_eq!(
        text(&one(&root, ".ar-gallery > figcaption")),
        "组图：湖区一日"
    );
    assert_eq!(
        one(&root, "th[scope=colgroup]")
            .get_attribute("colspan")
            .as_deref(),
        Some("2")
    );
    assert_eq!(all(&root, "th[rowspan='2']").len(), 3);
    assert_eq!(texts(&root, ".ar-body ul > li > ol > li").len(), 3);
    assert_eq!(texts(&root, "ruby rt"), ["cuò"]);
    assert_eq!(texts(&root, ".ar-definitions dt"), ["溶解氧", "透明度"]);
    assert_eq!(texts(&root, ".ar-code figcaption"), ["python"]);
    assert!(text(&one(&root, ".ar-code code")).contains("\n    if point.depth > 10:\n"));
    assert_eq!(
        all(&root, "iframe").len(),
        0,
        "no frames unless the host allows them"
    );
    assert_eq!(
        one(&root, ".ar-embed-link")
            .get_attribute("href")
            .as_deref(),
        Some("https://video.example.org/watch/lake-2026")
    );
    assert_eq!(texts(&root, ".ar-note-label"), ["编者按", "更正"]);
    assert_eq!(texts(&root, ".ar-note-correction s"), ["15"]);
    assert_eq!(texts(&root, ".ar-fnref"), ["1", "2"]);
    assert_eq!(all(&root, ".ar-footnotes li .ar-fn-back").len(), 2);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_embeds_option_frames_only_the_listed_hosts() {
    let (root, mut handle) = mounted(format!(
        r#"{{"article": {RICH_ZH}, "embeds": ["video.example.org"]}}"#
    ))
    .await;
    let frame = one(&root, ".ar-embed iframe");
    assert_eq!(
        frame.get_attribute("src").as_deref(),
        Some("https://video.example.org/watch/lake-2026")
    );
    assert_eq!(
        frame.get_attribute("title").as_deref(),
        Some("视频：湖区采样全过程")
    );
    assert_eq!(
        frame.get_attribute("sandbox").as_deref(),
        Some("allow-scripts allow-same-origin allow-presentation")
    );
    assert!(root.query_selector(".ar-embed-poster").unwrap().is_none());
    handle.destroy();
    root.remove();

    let (root, mut handle) = mounted(format!(
        r#"{{"article": {RICH_ZH}, "embeds": ["www.youtube.com"]}}"#
    ))
    .await;
    assert_eq!(all(&root, "iframe").len(), 0);
    assert_eq!(all(&root, ".ar-embed-poster").len(), 1);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_arabic_sample_is_right_to_left() {
    let (root, mut handle) = mounted(format!(r#"{{"article": {RTL_AR}}}"#)).await;
    let reader = one(&root, ".article-reader");
    assert_eq!(reader.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(reader.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(computed(&one(&root, ".ar-body p"), "direction"), "rtl");
    assert_eq!(computed(&one(&root, ".ar-body p"), "text-indent"), "0px");
    let english = one(&root, ".ar-body span[lang=en]");
    assert_eq!(english.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(all(&root, ".ar-body ol > li > ul > li").len(), 3);
    assert_eq!(
        one(&root, ".ar-table-wrap")
            .get_attribute("aria-label")
            .as_deref(),
        Some("جدول ١: درجات الحرارة")
    );
    // The table's first column is on the right.
    let left = |el: &Element| el.dyn_ref::<web_sys::HtmlElement>().unwrap().offset_left();
    let first = left(&one(&root, "tbody th"));
    let last = left(all(&root, "tbody tr:first-child td").last().unwrap());
    assert!(first > last, "{first} {last}");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_parsers_every_block_fixture_renders() {
    let json = include_str!("fixtures/v2-every-block.json");
    let (root, mut handle) = mounted(format!(r#"{{"article": {json}}}"#)).await;
    assert_eq!(texts(&root, ".ar-fnref"), ["1", "*"]);
    assert_eq!(
        all(&root, ".ar-body > p")
            .first()
            .map(|p| all(p, "a").len()),
        Some(4),
        "the link, two footnote references and the linked icon"
    );
    assert_eq!(
        texts(&root, ".ar-note-label"),
        ["Editor's note", "Correction", "Update"]
    );
    handle.destroy();
    root.remove();
}

/// The meta line's times, version 2: a date-time without an offset takes the article's
/// `timeZone` (its `datetime` then carries the offset), is the site's own time without one, and
/// `+0100` is read as `+01:00`; `dateModified` is shown after the publication time.
#[wasm_bindgen_test]
async fn times_follow_the_time_zone_rule_and_show_the_last_change() {
    let times = |published: &str, modified: Option<&str>, zone: Option<&str>| {
        let mut a = article("zh-CN", vec![para("正文")]);
        a.date_published = Some(published.to_owned());
        a.date_modified = modified.map(str::to_owned);
        a.time_zone = zone.map(str::to_owned);
        a
    };
    let cases = [
        (
            times("2018-04-05T06:00", None, Some("+08:00")),
            vec![("发布时间: 2018-04-05 06:00", "2018-04-05T06:00+08:00")],
        ),
        (
            times("2018-04-05T06:00:30", None, None),
            vec![("发布时间: 2018-04-05 06:00:30", "2018-04-05T06:00:30")],
        ),
        (
            times("2020-09-21", Some("2020-09-22T08:15:00+0100"), None),
            vec![
                ("发布时间: 2020-09-21", "2020-09-21"),
                ("更新时间: 2020-09-22 08:15:00", "2020-09-22T08:15:00+01:00"),
            ],
        ),
    ];
    for (article, expected) in cases {
        let (root, app) = show_article(article, EmbedHosts::default()).await;
        // The dated parts of the meta line (the reading time beside them has no date).
        let shown: Vec<(String, String)> =
            all(&root, ".ar-meta > .ar-published, .ar-meta > .ar-modified")
                .iter()
                .map(|span| {
                    let time = one(span, "time");
                    (
                        text(span),
                        time.get_attribute("datetime").unwrap_or_default(),
                    )
                })
                .collect();
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(t, d)| (t.to_owned(), d.to_owned()))
            .collect();
        assert_eq!(shown, expected);
        app.destroy();
        root.remove();
    }
}
