//! Native tests of the import rules on hand-built trees; the browser tests run the same rules on
//! real `DOMParser` output of CMS-style HTML samples.

use super::roles::{role, Role, ELEMENTS};
use super::*;
use crate::article::model::{
    Blocks, CellKind, Code, EmbedKind, HeaderScope, Heading, Inline, InlineKind, Inlines, List,
    Math, NoteKind, Paragraph,
};

fn el(tag: &str, children: Vec<HtmlNode>) -> HtmlNode {
    HtmlNode::el(tag, &[], children)
}

fn t(text: &str) -> HtmlNode {
    HtmlNode::text(text)
}

fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        content: Inlines(vec![Inline::plain(text)]),
    })
}

fn heading(text: &str) -> Block {
    Block::Heading(Heading {
        level: 2,
        content: Inlines(vec![Inline::plain(text)]),
    })
}

#[test]
fn trs_wrapper_nbsp_indents_and_bold_headings() {
    let body = vec![el(
        "div",
        vec![
            t("\n  "),
            el("p", vec![t("\u{a0}\u{a0}\u{a0}\u{a0}习近平总书记强调。")]),
            el(
                "p",
                vec![
                    t("\u{3000}\u{3000}"),
                    el("strong", vec![t("尽锐出战,攻坚克难")]),
                ],
            ),
            el("p", vec![t("\u{a0}")]),
            el("p", vec![el("br", vec![])]),
            el("p", vec![t("  面对突如其来的\n新冠肺炎疫情。 ")]),
        ],
    )];
    assert_eq!(
        import(&body),
        vec![
            para("习近平总书记强调。"),
            heading("尽锐出战,攻坚克难"),
            para("面对突如其来的 新冠肺炎疫情。"),
        ]
    );
}

#[test]
fn a_long_bold_paragraph_stays_a_paragraph() {
    let long = "重".repeat(HEADING_MAX_CHARS + 1);
    let blocks = import(&[el("p", vec![el("b", vec![t(&long)])])]);
    assert!(matches!(&blocks[..], [Block::Paragraph(p)] if p.content.0[0].bold));
}

#[test]
fn marks_nest_and_links_keep_their_href() {
    let blocks = import(&[el(
        "p",
        vec![
            t("a "),
            HtmlNode::el(
                "a",
                &[("href", "/x")],
                vec![el("strong", vec![el("em", vec![t("b")])])],
            ),
            el("u", vec![t(" c")]),
        ],
    )]);
    let [Block::Paragraph(p)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    let runs = &p.content.0;
    assert_eq!(runs.len(), 3);
    assert_eq!(runs[1].text, "b");
    assert!(runs[1].bold && runs[1].italic);
    assert_eq!(runs[1].href.as_deref(), Some("/x"));
    assert!(runs[2].underline);
}

#[test]
fn dangerous_elements_vanish_with_their_content() {
    let blocks = import(&[
        el("script", vec![t("alert(1)")]),
        el("style", vec![t("p{}")]),
        el(
            "p",
            vec![
                t("kept"),
                el("iframe", vec![t("x")]),
                el("svg:a", vec![t("svg text")]),
            ],
        ),
        el("form", vec![el("input", vec![]), t("form text")]),
        el("template", vec![el("p", vec![t("inert")])]),
        el("noscript", vec![t("nos")]),
    ]);
    assert_eq!(blocks, vec![para("kept")]);
}

#[test]
fn unknown_and_inline_wrappers_unwrap() {
    let blocks = import(&[el(
        "font",
        vec![el("span", vec![t("one "), el("blink", vec![t("two")])])],
    )]);
    assert_eq!(blocks, vec![para("one two")]);
}

#[test]
fn images_split_paragraphs_and_figures_keep_captions() {
    let blocks = import(&[
        el(
            "p",
            vec![
                t("before"),
                HtmlNode::el("img", &[("src", "a.jpg"), ("alt", "A")], vec![]),
                t("after"),
            ],
        ),
        el(
            "figure",
            vec![
                HtmlNode::el("img", &[("src", "b.jpg"), ("alt", "B")], vec![]),
                el("figcaption", vec![t("Caption "), el("b", vec![t("B")])]),
            ],
        ),
        HtmlNode::el("img", &[("alt", "no src")], vec![]),
    ]);
    assert_eq!(blocks.len(), 4, "{blocks:#?}");
    assert_eq!(blocks[0], para("before"));
    assert!(matches!(&blocks[1], Block::Image(i) if i.src == "a.jpg" && i.alt == "A"));
    assert_eq!(blocks[2], para("after"));
    let Block::Image(b) = &blocks[3] else {
        panic!()
    };
    assert_eq!(
        b.caption.as_ref().map(|c| c.plain_text()).as_deref(),
        Some("Caption B")
    );
}

#[test]
fn lists_nest_and_skip_empty_items() {
    let blocks = import(&[el(
        "ol",
        vec![
            el("li", vec![t("one")]),
            el("li", vec![t(" ")]),
            el(
                "li",
                vec![t("two"), el("ul", vec![el("li", vec![t("two-a")])])],
            ),
            el("span", vec![el("li", vec![t("three")])]),
        ],
    )]);
    let [Block::List(list)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    assert!(list.ordered);
    let items: Vec<String> = list.items.iter().map(Blocks::plain_text).collect();
    assert_eq!(items, ["one", "twotwo-a", "three"]);
    let [para_two, Block::List(nested)] = &list.items[1].0[..] else {
        panic!("{:?}", list.items[1])
    };
    assert_eq!(para_two, &para("two"));
    assert!(!nested.ordered);
    assert_eq!(nested.items, [Blocks(vec![para("two-a")])]);
}

#[test]
fn tables_find_their_header_and_rows() {
    let cell = |tag: &str, text: &str| el(tag, vec![t(text)]);
    let blocks = import(&[el(
        "table",
        vec![
            el("caption", vec![t("Sizes")]),
            el(
                "tbody",
                vec![
                    el("tr", vec![cell("th", "file"), cell("th", "bytes")]),
                    el("tr", vec![cell("td", "a.wasm"), cell("td", "1")]),
                ],
            ),
        ],
    )]);
    let [Block::Table(table)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    assert_eq!(
        table.caption.as_ref().map(Inlines::plain_text).as_deref(),
        Some("Sizes")
    );
    let [head] = &table.head[..] else {
        panic!("one header row: {table:?}")
    };
    assert_eq!(
        head.cells
            .iter()
            .map(|c| c.content.plain_text())
            .collect::<Vec<_>>(),
        ["file", "bytes"]
    );
    assert_eq!(table.rows.len(), 1);
    assert!(
        import(&[el("table", vec![el("tr", vec![])])]).is_empty(),
        "an empty table is dropped"
    );
}

#[test]
fn quotes_nest_only_so_deep() {
    let mut node = el("p", vec![t("deep")]);
    for _ in 0..(MAX_NESTING * 2) {
        node = el("blockquote", vec![node]);
    }
    let blocks = import(&[node]);
    let mut depth = 0;
    let mut current = &blocks;
    while let [Block::Quote(q)] = &current[..] {
        depth += 1;
        current = &q.content;
    }
    assert_eq!(
        depth, MAX_NESTING,
        "quotes nest to the limit and no further"
    );
    assert_eq!(current, &vec![para("deep")]);
}

#[test]
fn line_breaks_survive_and_headings_map_levels() {
    let blocks = import(&[
        el("h1", vec![t("Top")]),
        el("h3", vec![t("Sub")]),
        el("h6", vec![t("Deep")]),
        el("p", vec![t("line one "), el("br", vec![]), t(" line two")]),
    ]);
    let levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [2, 3, 4]);
    assert_eq!(blocks[3], para("line one\nline two"));
}

#[test]
fn text_outside_paragraphs_becomes_paragraphs() {
    let blocks = import(&[t("loose text"), el("div", vec![t("in a div")]), t("after")]);
    assert_eq!(
        blocks,
        vec![para("loose text"), para("in a div"), para("after")]
    );
}

#[test]
fn word_smart_tags_keep_their_words_and_o_p_vanishes() {
    let blocks = import(&[el(
        "p",
        vec![
            el("st1:chsdate", vec![t("2019年")]),
            t("整顿"),
            el("o:p", vec![t("\u{a0}")]),
        ],
    )]);
    assert_eq!(blocks, vec![para("2019年整顿")]);
}

#[test]
fn a_figure_with_two_images_is_a_gallery_and_keeps_its_other_text() {
    let img = |src: &str| HtmlNode::el("img", &[("src", src), ("alt", src)], vec![]);
    let blocks = import(&[el(
        "figure",
        vec![
            el(
                "div",
                vec![
                    HtmlNode::el("a", &[("href", "/big")], vec![img("a.jpg")]),
                    el("p", vec![t("note")]),
                ],
            ),
            img("b.jpg"),
            el("figcaption", vec![t("cap")]),
        ],
    )]);
    let [Block::Gallery(gallery), note] = &blocks[..] else {
        panic!("{blocks:#?}")
    };
    let srcs: Vec<(&str, Option<&str>)> = gallery
        .images
        .iter()
        .map(|i| (i.src.as_str(), i.href.as_deref()))
        .collect();
    assert_eq!(srcs, [("a.jpg", Some("/big")), ("b.jpg", None)]);
    assert_eq!(gallery.caption, Some(Inlines(vec![Inline::plain("cap")])));
    assert_eq!(note, &para("note"));
}

#[test]
fn pre_is_code_with_its_whitespace_and_stray_list_text_is_an_item() {
    let blocks = import(&[
        HtmlNode::el(
            "pre",
            &[("class", "language-rust")],
            vec![t("fn main() {\n    let  x = 1;\n}\n")],
        ),
        el("ul", vec![t(" loose "), el("li", vec![t("item")])]),
    ]);
    assert_eq!(
        blocks[0],
        Block::Code(Code {
            text: "fn main() {\n    let  x = 1;\n}".to_owned(),
            language: Some("rust".to_owned()),
        })
    );
    let Block::List(list) = &blocks[1] else {
        panic!("{blocks:?}")
    };
    assert_eq!(
        list.items
            .iter()
            .map(Blocks::plain_text)
            .collect::<Vec<_>>(),
        ["loose", "item"]
    );
}

fn img(src: &str, alt: &str) -> HtmlNode {
    HtmlNode::el("img", &[("src", src), ("alt", alt)], vec![])
}

#[test]
fn the_table_names_each_element_once_and_unknown_ones_unwrap() {
    for (i, (name, _)) in ELEMENTS.iter().enumerate() {
        assert!(
            !ELEMENTS[i + 1..].iter().any(|(other, _)| other == name),
            "{name} is in the table twice"
        );
        assert_eq!(name.to_ascii_lowercase(), *name, "names are lowercase");
    }
    assert_eq!(role("blink"), Role::Inline);
    assert_eq!(role("o:p"), Role::Inline);
    assert_eq!(role("svg:a"), Role::Drop);
    assert_eq!(
        role("math:mi"),
        Role::Drop,
        "MathML is read from its root only"
    );
    assert_eq!(role("math:math"), Role::Math);
}

#[test]
fn images_in_list_items_cells_and_links_stay_images() {
    let blocks = import(&[
        el("ul", vec![el("li", vec![t("见图"), img("li.jpg", "L")])]),
        el(
            "table",
            vec![el(
                "tr",
                vec![el("td", vec![img("td.jpg", "T")]), el("td", vec![t("x")])],
            )],
        ),
        HtmlNode::el("a", &[("href", "/big.jpg")], vec![img("a.jpg", "A")]),
    ]);
    let [Block::List(list), Block::Table(table), Block::Image(linked)] = &blocks[..] else {
        panic!("{blocks:#?}")
    };
    assert!(matches!(&list.items[0].0[..], [_, Block::Image(i)] if i.src == "li.jpg"));
    assert!(
        matches!(&table.rows[0].cells[0].content.0[..], [Block::Image(i)] if i.src == "td.jpg")
    );
    assert_eq!(linked.href.as_deref(), Some("/big.jpg"));
}

#[test]
fn an_image_in_a_heading_is_an_inline_image() {
    let blocks = import(&[el("h2", vec![img("i.png", "icon"), t(" 要闻")])]);
    let [Block::Heading(h)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    assert!(matches!(&h.content.0[0].kind, InlineKind::Image(i) if i.src == "i.png"));
    assert_eq!(h.content.0[0].text, "icon");
    assert_eq!(h.content.0[1].text, " 要闻");
}

#[test]
fn picture_keeps_its_img_with_srcset_and_sizes() {
    let blocks = import(&[el(
        "picture",
        vec![
            HtmlNode::el("source", &[("srcset", "a.webp")], vec![]),
            HtmlNode::el(
                "img",
                &[
                    ("src", "a.jpg"),
                    ("alt", "A"),
                    ("srcset", "a-2x.jpg 2x"),
                    ("sizes", "100vw"),
                    ("width", "640"),
                    ("height", "480"),
                ],
                vec![],
            ),
        ],
    )]);
    let [Block::Image(image)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    assert_eq!(image.srcset.as_deref(), Some("a-2x.jpg 2x"));
    assert_eq!(image.sizes.as_deref(), Some("100vw"));
    assert_eq!((image.width, image.height), (Some(640), Some(480)));
}

#[test]
fn ordered_lists_keep_start_and_reversed() {
    let list = |attrs: &[(&str, &str)]| {
        let blocks = import(&[HtmlNode::el("ol", attrs, vec![el("li", vec![t("x")])])]);
        match &blocks[..] {
            [Block::List(List {
                start, reversed, ..
            })] => (*start, *reversed),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(list(&[("start", "5")]), (Some(5), false));
    assert_eq!(list(&[("start", "1")]), (None, false), "1 is the default");
    assert_eq!(list(&[("start", "x")]), (None, false));
    assert_eq!(list(&[("reversed", ""), ("start", "3")]), (Some(3), true));
}

#[test]
fn consecutive_stray_content_in_a_list_is_one_item() {
    let blocks = import(&[el(
        "ul",
        vec![
            t("第一"),
            el("b", vec![t("条")]),
            t("内容"),
            el("li", vec![t("second")]),
        ],
    )]);
    let [Block::List(list)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    let items: Vec<String> = list.items.iter().map(Blocks::plain_text).collect();
    assert_eq!(items, ["第一条内容", "second"]);
}

#[test]
fn cells_keep_spans_scopes_and_nested_tables() {
    let blocks = import(&[el(
        "table",
        vec![el(
            "tbody",
            vec![
                el(
                    "tr",
                    vec![HtmlNode::el(
                        "th",
                        &[("scope", "col"), ("colspan", "2")],
                        vec![t("h")],
                    )],
                ),
                el(
                    "tr",
                    vec![
                        HtmlNode::el("td", &[("rowspan", "0")], vec![t("a")]),
                        el(
                            "td",
                            vec![el("table", vec![el("tr", vec![el("td", vec![t("in")])])])],
                        ),
                    ],
                ),
                el(
                    "tr",
                    vec![HtmlNode::el("td", &[("colspan", "5000")], vec![t("b")])],
                ),
            ],
        )],
    )]);
    let [Block::Table(table)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    let head = &table.head[0].cells[0];
    assert_eq!(head.kind, CellKind::Header(Some(HeaderScope::Col)));
    assert_eq!(head.colspan, 2);
    let first = &table.rows[0].cells;
    assert_eq!(first[0].rowspan, 1, "0 and junk are 1");
    assert!(matches!(&first[1].content.0[..], [Block::Table(inner)] if inner.rows.len() == 1));
    assert_eq!(table.rows[1].cells[0].colspan, 1000, "HTML's own limit");
}

#[test]
fn containers_nest_to_the_limit_and_flatten_beyond_it() {
    for levels in [MAX_NESTING, MAX_NESTING + 1] {
        let mut node = el("p", vec![t("deep")]);
        for _ in 0..levels {
            node = el("ul", vec![el("li", vec![node])]);
        }
        let blocks = import(&[node]);
        let mut depth = 0;
        let mut current = &blocks;
        while let [Block::List(list)] = &current[..] {
            depth += 1;
            current = &list.items[0].0;
        }
        assert_eq!(depth, MAX_NESTING, "{levels} levels");
        assert_eq!(current, &vec![para("deep")], "{levels} levels");
    }
}

#[test]
fn sup_sub_strike_code_and_ruby_are_marked() {
    let blocks = import(&[el(
        "p",
        vec![
            t("H"),
            el("sub", vec![t("2")]),
            t("O m"),
            el("sup", vec![t("2")]),
            t(" "),
            el("del", vec![t("old")]),
            el("code", vec![t("x()")]),
            el(
                "ruby",
                vec![
                    t("漢字"),
                    el("rp", vec![t("(")]),
                    el("rt", vec![t("かんじ")]),
                    el("rp", vec![t(")")]),
                ],
            ),
        ],
    )]);
    let [Block::Paragraph(p)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    let runs = &p.content.0;
    assert!(runs[1].sub && runs[1].text == "2");
    assert!(runs[3].sup);
    assert!(runs[5].strike && runs[5].text == "old");
    assert_eq!(runs[6].kind, InlineKind::Code);
    assert_eq!(
        runs[7].kind,
        InlineKind::Ruby {
            annotation: "かんじ".to_owned()
        }
    );
    assert_eq!(runs[7].text, "漢字");
    assert_eq!(runs.len(), 8);
}

#[test]
fn one_link_around_mixed_marks_keeps_one_href_on_every_run() {
    let blocks = import(&[el(
        "p",
        vec![HtmlNode::el(
            "a",
            &[("href", "/r")],
            vec![t("Read "), el("em", vec![t("the full")]), t(" report")],
        )],
    )]);
    let [Block::Paragraph(p)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    let hrefs: Vec<Option<&str>> = p.content.0.iter().map(|r| r.href.as_deref()).collect();
    assert_eq!(hrefs, [Some("/r"); 3]);
    assert_eq!(p.content.plain_text(), "Read the full report");
}

#[test]
fn players_become_embeds_and_math_is_kept_as_text() {
    let blocks = import(&[
        HtmlNode::el(
            "iframe",
            &[("src", "https://www.youtube.com/embed/x"), ("title", "T")],
            vec![],
        ),
        HtmlNode::el(
            "video",
            &[("poster", "p.jpg")],
            vec![
                HtmlNode::el("source", &[("src", "v.mp4")], vec![]),
                t("fallback"),
            ],
        ),
        HtmlNode::el("audio", &[], vec![t("no source")]),
        HtmlNode::el(
            "math:math",
            &[("display", "block")],
            vec![el(
                "math:semantics",
                vec![
                    el("math:mi", vec![t("E")]),
                    HtmlNode::el(
                        "math:annotation",
                        &[("encoding", "application/x-tex")],
                        vec![t("E = mc^2")],
                    ),
                ],
            )],
        ),
        el(
            "p",
            vec![
                t("where "),
                HtmlNode::el(
                    "math:math",
                    &[("alttext", "c")],
                    vec![el("math:mi", vec![t("c")])],
                ),
            ],
        ),
    ]);
    let [Block::Embed(frame), Block::Embed(video), Block::Math(math), Block::Paragraph(p)] =
        &blocks[..]
    else {
        panic!("{blocks:#?}")
    };
    assert_eq!(frame.kind, EmbedKind::Video, "a YouTube frame plays video");
    assert_eq!(frame.title.as_deref(), Some("T"));
    assert_eq!(video.url, "v.mp4");
    assert_eq!(video.poster.as_ref().map(|p| p.src.as_str()), Some("p.jpg"));
    assert_eq!(
        math,
        &Math {
            text: "E = mc^2".to_owned()
        }
    );
    assert_eq!(p.content.0[1].kind, InlineKind::Math);
    assert_eq!(p.content.0[1].text, "c");
}

#[test]
fn a_centred_line_under_an_image_is_its_caption_and_a_credit_its_credit() {
    let centred = |text: &str| HtmlNode::el("p", &[("align", "center")], vec![t(text)]);
    let blocks = import(&[
        el("p", vec![img("a.jpg", "A")]),
        centred("驻村工作队走访群众。"),
        centred("图片来源：新华社"),
        el("p", vec![img("b.jpg", "B")]),
        el("p", vec![t("图为会场。（新华社记者 李鑫 摄）")]),
        el("p", vec![img("c.jpg", "C")]),
        el("p", vec![t("A plain paragraph that is not centred.")]),
    ]);
    let captions: Vec<(Option<String>, Option<String>)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image(i) => Some((
                i.caption.as_ref().map(Inlines::plain_text),
                i.credit.as_ref().map(Inlines::plain_text),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        captions,
        [
            (
                Some("驻村工作队走访群众。".to_owned()),
                Some("图片来源：新华社".to_owned())
            ),
            (
                Some("图为会场。".to_owned()),
                Some("新华社记者 李鑫 摄".to_owned())
            ),
            (None, None),
        ]
    );
    assert_eq!(
        blocks.last(),
        Some(&para("A plain paragraph that is not centred."))
    );
}

#[test]
fn lang_and_dir_stay_on_spans_and_the_body_direction_is_reported() {
    let body = [HtmlNode::el(
        "div",
        &[("dir", "rtl"), ("lang", "he")],
        vec![el(
            "p",
            vec![
                t("שלום "),
                HtmlNode::el("span", &[("lang", "en"), ("dir", "ltr")], vec![t("Hello")]),
            ],
        )],
    )];
    assert_eq!(body_direction(&body), Some(TextDirection::Rtl));
    assert_eq!(body_language(&body), Some("he"));
    let blocks = import(&body);
    let [Block::Paragraph(p)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    let runs: Vec<(Option<&str>, Option<TextDirection>)> = p
        .content
        .0
        .iter()
        .map(|r| (r.lang.as_deref(), r.dir))
        .collect();
    assert_eq!(
        runs,
        [(None, None), (Some("en"), Some(TextDirection::Ltr))],
        "what the body says is not repeated on its runs"
    );
    assert_eq!(body_direction(&[el("p", vec![t("x")])]), None);
}

#[test]
fn rules_definition_lists_and_notes() {
    let blocks = import(&[
        el("hr", vec![]),
        el(
            "dl",
            vec![
                el("dt", vec![t("TRS")]),
                el("dd", vec![t("a CMS")]),
                el("dd", vec![t("from Beijing")]),
            ],
        ),
        el("aside", vec![el("p", vec![t("【编者按】本文有删节。")])]),
        HtmlNode::el(
            "div",
            &[("class", "correction")],
            vec![t("Correction: the date was wrong.")],
        ),
        el("aside", vec![t("更新换代的内容")]),
    ]);
    let [Block::Rule, Block::DefinitionList(dl), Block::Note(editors), Block::Note(fix), last] =
        &blocks[..]
    else {
        panic!("{blocks:#?}")
    };
    assert_eq!(dl.items[0].term.plain_text(), "TRS");
    assert_eq!(dl.items[0].details.len(), 2);
    assert_eq!(editors.kind, NoteKind::EditorsNote);
    assert_eq!(editors.content, [para("本文有删节。")]);
    assert_eq!(fix.kind, NoteKind::Correction);
    assert_eq!(fix.content, [para("the date was wrong.")]);
    assert_eq!(last, &para("更新换代的内容"), "a word, not a label");
}

#[test]
fn a_nested_figcaption_is_the_caption_once() {
    let blocks = import(&[el(
        "figure",
        vec![el(
            "div",
            vec![img("a.png", "A"), el("figcaption", vec![t("Caption")])],
        )],
    )]);
    let [Block::Image(image)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    assert_eq!(image.caption, Some(Inlines(vec![Inline::plain("Caption")])));
}

#[test]
fn a_language_tag_is_kept_up_to_its_limit() {
    let tagged = |lang: &str| {
        let blocks = import(&[el(
            "p",
            vec![
                t("x "),
                HtmlNode::el("span", &[("lang", lang)], vec![t("y")]),
            ],
        )]);
        match &blocks[..] {
            [Block::Paragraph(p)] => p.content.0.last().and_then(|r| r.lang.clone()),
            other => panic!("{other:?}"),
        }
    };
    let longest = "a".repeat(walk::MAX_LANGUAGE_TAG);
    assert_eq!(tagged(&longest), Some(longest.clone()));
    assert_eq!(tagged(&format!("{longest}a")), None, "not a language tag");
    assert_eq!(tagged(" "), None);
}

#[test]
fn text_nodes_inside_one_link_join_one_run() {
    let pieces: Vec<HtmlNode> = (0..1000)
        .map(|i| el("span", vec![t(&format!("{} ", i % 10))]))
        .collect();
    let blocks = import(&[el(
        "p",
        vec![HtmlNode::el("a", &[("href", &"h".repeat(10_000))], pieces)],
    )]);
    let [Block::Paragraph(p)] = &blocks[..] else {
        panic!("{blocks:?}")
    };
    assert_eq!(p.content.0.len(), 1);
    assert_eq!(
        p.content.0[0].text.len(),
        1999,
        "1000 digits and the spaces between"
    );
}

#[test]
fn footnote_references_link_to_the_footnotes_and_lose_their_back_links() {
    let reference = |id: &str, label: &str| {
        el(
            "sup",
            vec![HtmlNode::el(
                "a",
                &[("href", &format!("#{id}"))],
                vec![t(label)],
            )],
        )
    };
    let note = |id: &str, text: &str| {
        HtmlNode::el(
            "li",
            &[("id", id)],
            vec![
                t(text),
                HtmlNode::el("a", &[("href", "#ref")], vec![t("↩")]),
            ],
        )
    };
    let blocks = import(&[
        el(
            "p",
            vec![
                t("据统计"),
                reference("fn1", "[1]"),
                t("，另见"),
                reference("gone", "2"),
            ],
        ),
        el(
            "ol",
            vec![note("fn1", "国家统计局，2020年。"), note("fn1", "twice")],
        ),
    ]);
    let [Block::Paragraph(p), Block::Footnotes(notes)] = &blocks[..] else {
        panic!("{blocks:#?}")
    };
    let runs = &p.content.0;
    assert_eq!(
        runs[1].kind,
        InlineKind::FootnoteRef {
            id: "fn1".to_owned()
        }
    );
    assert_eq!(runs[1].text, "1", "the label without brackets");
    assert!(!runs[1].sup && runs[1].href.is_none());
    assert_eq!(
        runs[3].kind,
        InlineKind::Text,
        "no such footnote: a link again"
    );
    assert_eq!(runs[3].href.as_deref(), Some("#gone"));
    assert!(runs[3].sup);
    assert_eq!(notes.items.len(), 1, "ids are unique");
    assert_eq!(notes.items[0].id, "fn1");
    assert_eq!(
        notes.items[0].content,
        Blocks(vec![para("国家统计局，2020年。")])
    );
    let plain_list = import(&[el("ol", vec![note("x", "not referenced")])]);
    assert!(matches!(&plain_list[..], [Block::List(_)]));
}

#[test]
fn a_centred_line_up_to_the_limit_is_a_caption() {
    let caption_of = |length: usize| {
        let line = "字".repeat(length);
        let blocks = import(&[
            el("p", vec![img("a.jpg", "A")]),
            HtmlNode::el("p", &[("align", "center")], vec![t(&line)]),
        ]);
        match &blocks[..] {
            [Block::Image(image)] => image.caption.as_ref().map(Inlines::plain_text),
            [Block::Image(_), Block::Paragraph(_)] => None,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        caption_of(text::CAPTION_MAX_CHARS),
        Some("字".repeat(text::CAPTION_MAX_CHARS))
    );
    assert_eq!(caption_of(text::CAPTION_MAX_CHARS + 1), None);
}

#[test]
fn a_footnote_label_is_short() {
    let first_run = |label: &str| {
        let blocks = import(&[
            el(
                "p",
                vec![el(
                    "sup",
                    vec![HtmlNode::el("a", &[("href", "#n")], vec![t(label)])],
                )],
            ),
            el(
                "ol",
                vec![HtmlNode::el("li", &[("id", "n")], vec![t("note")])],
            ),
        ]);
        match &blocks[..] {
            [Block::Paragraph(p), _] => p.content.0[0].clone(),
            other => panic!("{other:?}"),
        }
    };
    let longest = "9".repeat(walk::MAX_FOOTNOTE_LABEL);
    let reference = first_run(&format!("[{longest}]"));
    assert_eq!(
        reference.kind,
        InlineKind::FootnoteRef { id: "n".to_owned() }
    );
    assert_eq!(reference.text, longest);
    let text = first_run(&format!("[{longest}9]"));
    assert_eq!(text.kind, InlineKind::Text, "a longer label is linked text");
    assert_eq!(text.text, format!("[{longest}9]"));
    assert!(text.sup);
}

#[test]
fn leading_text_reads_a_bounded_number_of_nodes() {
    let nodes = |n: usize| vec![t("a"); n];
    assert_eq!(
        walk::read_text(&nodes(walk::LEADING_NODES)),
        ("a".repeat(walk::LEADING_NODES), true)
    );
    assert!(!walk::read_text(&nodes(walk::LEADING_NODES + 1)).1);
}

#[test]
fn spans_are_kept_up_to_htmls_limits() {
    let spans = |colspan: &str, rowspan: &str| {
        let blocks = import(&[el(
            "table",
            vec![el(
                "tr",
                vec![HtmlNode::el(
                    "td",
                    &[("colspan", colspan), ("rowspan", rowspan)],
                    vec![t("x")],
                )],
            )],
        )]);
        match &blocks[..] {
            [Block::Table(table)] => {
                let cell = &table.rows[0].cells[0];
                (cell.colspan, cell.rowspan)
            }
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(spans("1000", "65534"), (1000, 65534));
    assert_eq!(spans("1001", "65535"), (1000, 65534));
}

#[test]
fn a_credit_word_must_stand_alone() {
    assert!(text::is_credit("摄影：张三"));
    assert!(text::is_credit("摄影 张三"));
    assert!(text::is_credit("图片来源：新华社"));
    assert!(text::is_credit("Photo: Reuters"));
    assert!(text::is_credit("צילום: רויטרס"));
    assert!(!text::is_credit("摄影爱好者纷纷前来。"));
    assert!(!text::is_credit("Photography is his hobby."));
    assert!(text::is_caption("图为会场。"));
    assert!(!text::is_caption("Photo booths were set up."));
}

/// Credit words, caption words and note labels match whatever the case of their (ASCII)
/// letters, and a label's length counts the text as written.
#[test]
fn marker_words_match_in_any_case() {
    assert!(text::is_credit("PHOTO: REUTERS"));
    assert!(text::is_credit("CoUrTeSy of the family"));
    assert!(text::is_caption("(PHOTO) The square at dawn."));
    assert_eq!(
        text::note_label("EDITOR'S NOTE: the figures were revised."),
        Some((NoteKind::EditorsNote, 15))
    );
    assert_eq!(
        text::note_label("【CORRECTION】 The date was wrong."),
        Some((NoteKind::Correction, 13))
    );
}

/// A link around many differently marked runs (the shape that ran the page out of memory when
/// each run copied the address) costs its address once: every run shares one allocation.
#[test]
fn one_link_around_many_runs_shares_one_address() {
    let address = format!("https://a.example/?{}", "q".repeat(100_000));
    let mut children = Vec::new();
    for _ in 0..2_000 {
        children.push(t("x"));
        children.push(el("b", vec![t("y")]));
    }
    let link = HtmlNode::el("a", &[("href", address.as_str())], children);
    let blocks = import(&[el("p", vec![link])]);
    let [Block::Paragraph(p)] = &blocks[..] else {
        panic!("one paragraph: {} blocks", blocks.len())
    };
    assert_eq!(
        p.content.0.len(),
        4_000,
        "x and y alternate, so no two runs merge"
    );
    let first = p.content.0[0].href.clone().expect("a link");
    assert_eq!(first.len(), address.len());
    for run in &p.content.0 {
        let href = run.href.as_ref().expect("every run is in the link");
        assert!(std::rc::Rc::ptr_eq(href, &first), "a copy of the address");
    }
}

/// An id becomes a footnote once: a second list that starts with the same id is an ordinary
/// list with its text, so repeated footnotes cannot multiply the back links a page renders.
#[test]
fn a_footnote_id_is_claimed_once_across_lists() {
    let note = |id: &str, text: &str| HtmlNode::el("li", &[("id", id)], vec![t(text)]);
    let reference = el(
        "sup",
        vec![HtmlNode::el("a", &[("href", "#n1")], vec![t("1")])],
    );
    let blocks = import(&[
        el("p", vec![t("text"), reference]),
        el("ol", vec![note("n1", "first")]),
        el("ol", vec![note("n1", "again")]),
    ]);
    let kinds: Vec<&str> = blocks.iter().map(Block::type_name).collect();
    assert_eq!(kinds, ["paragraph", "footnotes", "list"]);
    let Block::List(list) = &blocks[2] else {
        panic!("{blocks:#?}")
    };
    assert_eq!(list.items[0].plain_text(), "again");
}

/// An id repeated within one list of footnotes is that footnote's once: the repeat is dropped,
/// so that it cannot add a second note of the same id.
#[test]
fn a_footnote_id_repeated_in_its_list_is_kept_once() {
    let note = |id: &str, text: &str| HtmlNode::el("li", &[("id", id)], vec![t(text)]);
    let reference = el(
        "sup",
        vec![HtmlNode::el("a", &[("href", "#n1")], vec![t("1")])],
    );
    let blocks = import(&[
        el("p", vec![t("text"), reference]),
        el(
            "ol",
            vec![
                note("n1", "first"),
                note("n1", "again"),
                note("n2", "second"),
            ],
        ),
    ]);
    let Block::Footnotes(notes) = &blocks[1] else {
        panic!("{blocks:#?}")
    };
    let ids: Vec<&str> = notes.items.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["n1", "n2"]);
    assert_eq!(notes.items[0].content.plain_text(), "first");
}

/// A `script` inside MathML's `mtext` is an HTML element the table drops: its text never
/// becomes formula text, while the formula around it is kept.
#[test]
fn dropped_elements_inside_math_stay_dropped() {
    let math = HtmlNode::el(
        "math:math",
        &[],
        vec![
            HtmlNode::el("math:mi", &[], vec![t("x")]),
            HtmlNode::el(
                "math:mtext",
                &[],
                vec![el("script", vec![t("alert(1)")]), t("=1")],
            ),
        ],
    );
    let blocks = import(&[el("p", vec![t("Let "), math])]);
    let [Block::Paragraph(p)] = &blocks[..] else {
        panic!("{blocks:#?}")
    };
    let text = p.content.plain_text();
    assert!(text.contains('x') && text.contains("=1"), "{text}");
    assert!(!text.contains("alert"), "{text}");
}

#[test]
fn a_pasted_data_image_keeps_its_description_but_not_its_bytes() {
    let data = format!("data:image/png;base64,{}", "A".repeat(100_000));
    let nodes = vec![HtmlNode::el(
        "img",
        &[("src", &data), ("alt", "a chart")],
        vec![],
    )];
    let blocks = import(&nodes);
    let [Block::Image(image)] = blocks.as_slice() else {
        panic!("one image: {blocks:?}");
    };
    assert_eq!(image.src, "data:");
    assert_eq!(image.alt, "a chart");
}
