//! Native tests of the import rules on hand-built trees; the browser tests run the same rules on
//! real `DOMParser` output of CMS-style HTML samples.

use super::*;

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
fn lists_flatten_nested_lists_and_skip_empty_items() {
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
    assert_eq!(items, ["one", "two", "two-a", "three"]);
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
    for _ in 0..(MAX_QUOTE_DEPTH * 2) {
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
        depth, MAX_QUOTE_DEPTH,
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
fn a_figure_keeps_its_other_images_and_text() {
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
    let srcs: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image(i) => Some(i.src.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(srcs, ["a.jpg", "b.jpg"]);
    assert!(blocks.contains(&para("note")));
}

#[test]
fn pre_keeps_its_line_breaks_and_stray_list_text_is_an_item() {
    let blocks = import(&[
        el("pre", vec![t("line one\nline   two")]),
        el("ul", vec![t(" loose "), el("li", vec![t("item")])]),
    ]);
    assert_eq!(blocks[0], para("line one\nline two"));
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
