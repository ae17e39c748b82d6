//! CMS-style HTML bodies (tests/fixtures/cms/*.html), parsed by this browser's `DOMParser` and
//! imported, become exactly the blocks in the matching .json file. Run with
//! `wasm-pack test --headless --chrome -- --test cms` (or `--firefox`).
//!
//! The fixtures are article JSON version 2 blocks written by hand from the patterns real CMSs
//! produce. They never go through the reader's JSON parser: [`canonical`] below expands them to
//! the longest form by the defaults `docs/article-json.md` states, and [`block_json`] writes the
//! imported blocks in that same form, so the comparison depends on neither side's shortcuts.
#![cfg(target_arch = "wasm32")]

use article_reader::article::{
    article_from_value, Block, Blocks, Cell, CellKind, Image, Inline, InlineKind, Inlines,
    TextDirection,
};
use article_reader::load::import_html_body;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn cms_html_samples_become_the_expected_blocks() {
    macro_rules! samples {
        ($($name:literal),* $(,)?) => {
            [$(($name,
                include_str!(concat!("fixtures/cms/", $name, ".html")),
                include_str!(concat!("fixtures/cms/", $name, ".json")))),*]
        };
    }
    let samples = samples![
        "01-trs-editor",
        "02-fullwidth-indent-and-breaks",
        "03-centered-image",
        "04-figure-with-caption",
        "05-lists",
        "06-blockquote",
        "07-table",
        "08-word-paste",
        "09-headings-and-inline-marks",
        "10-scripts-frames-forms",
        "11-bold-span-headings",
        "12-div-soup",
        "13-image-in-list-item",
        "14-image-in-table-cell",
        "15-image-in-heading",
        "16-linked-image",
        "17-picture-element",
        "18-nested-lists",
        "19-ol-start",
        "20-ol-reversed",
        "21-table-in-cell",
        "22-colspan-rowspan",
        "23-th-scope-row",
        "24-pre-code-language",
        "25-pre-plain",
        "26-sup-sub",
        "27-ruby",
        "28-ruby-per-character",
        "29-link-around-mixed-marks",
        "30-stray-list-content",
        "31-nested-figcaption",
        "32-lang-dir-spans",
        "33-body-dir-rtl",
        "34-trs-caption-under-image",
        "35-centred-style-caption-and-credit",
        "36-caption-with-photographer",
        "37-english-photo-credit",
        "38-iframe-video",
        "39-video-source-poster",
        "40-audio",
        "41-mathml-block",
        "42-mathml-inline",
        "43-horizontal-rule",
        "44-definition-list",
        "45-strike-through",
        "46-inline-code",
        "47-figure-gallery",
        "48-editors-note-aside",
        "49-correction-div",
        "50-linked-thumbnails-in-list",
        "51-update-note-arabic",
        "52-heading-with-sup",
        "53-iframe-inside-paragraph",
        "54-japanese-figure-with-ruby-caption",
        "55-hebrew-nested-list-in-quote",
        "56-footnotes-chinese",
        "57-footnotes-markdown-export",
        "58-figure-quote-with-attribution",
        "59-figure-embed-with-caption",
    ];
    let mut failures = Vec::new();
    for (name, html, expected) in samples {
        let with_html = json!({
            "schemaVersion": 1, "inLanguage": "zh-CN", "headline": name,
            "datePublished": "2020-07-01T10:14:37+08:00", "bodyHtml": html
        });
        let imported = article_from_value(with_html)
            .map_err(|e| e.to_string())
            .and_then(|a| import_html_body(a).map_err(|e| e.to_string()));
        let imported = match imported {
            Ok(imported) => imported,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let expected: Value =
            serde_json::from_str(expected).unwrap_or_else(|e| panic!("{name}: {e}"));
        let blocks = Value::Array(imported.body.iter().map(block_json).collect());
        let expected = canonical_blocks(&expected);
        if blocks != expected {
            failures.push(format!(
                "{name}:\n  got      {blocks}\n  expected {expected}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The body's own `dir` and `lang`, on the element around everything, become the article's when
/// its JSON gives none; a direction or language the JSON gives wins.
#[wasm_bindgen_test]
fn a_bodys_declared_direction_and_language_speak_for_the_article() {
    let article = |extra: Value| {
        let mut doc = json!({
            "schemaVersion": 2, "headline": "כותרת",
            "bodyHtml": "<div dir=\"rtl\" lang=\"he\"><p>שלום עולם</p></div>"
        });
        if let (Value::Object(doc), Value::Object(extra)) = (&mut doc, extra) {
            doc.extend(extra);
        }
        import_html_body(article_from_value(doc).unwrap()).unwrap()
    };
    let plain = article(json!({}));
    assert_eq!(plain.dir, Some(TextDirection::Rtl));
    assert_eq!(plain.in_language.as_deref(), Some("he"));
    let given = article(json!({"dir": "ltr", "inLanguage": "en"}));
    assert_eq!(given.dir, Some(TextDirection::Ltr));
    assert_eq!(given.in_language.as_deref(), Some("en"));
}

// ---------------------------------------------------------------------------------------------
// The imported blocks, written in the longest form.

fn runs(inlines: &Inlines) -> Value {
    inlines.0.iter().map(run).collect()
}

fn run(r: &Inline) -> Value {
    let mut o = json!({
        "type": "text", "text": r.text, "bold": r.bold, "italic": r.italic,
        "underline": r.underline, "strike": r.strike, "sup": r.sup, "sub": r.sub,
        "code": false, "href": r.href.as_deref(), "lang": r.lang, "dir": r.dir.map(|d| d.as_str()),
    });
    match &r.kind {
        InlineKind::Text => {}
        InlineKind::Code => o["code"] = json!(true),
        InlineKind::Math => o["type"] = json!("math"),
        InlineKind::Ruby { annotation } => {
            o["type"] = json!("ruby");
            o["annotation"] = json!(annotation);
        }
        InlineKind::FootnoteRef { id } => {
            o["type"] = json!("footnoteRef");
            o["id"] = json!(id);
        }
        InlineKind::Image(image) => {
            assert_eq!(image.alt, r.text, "an inline image's text is its alt");
            assert!(image.caption.is_none() && image.credit.is_none());
            o["type"] = json!("image");
            o["src"] = json!(image.src);
            o["alt"] = json!(image.alt);
            o["srcset"] = json!(image.srcset);
            o["sizes"] = json!(image.sizes);
            o["width"] = json!(image.width);
            o["height"] = json!(image.height);
            if image.href.is_some() {
                o["href"] = json!(image.href.as_deref());
            }
        }
    }
    o
}

fn image_json(i: &Image) -> Value {
    json!({"src": i.src, "alt": i.alt, "srcset": i.srcset, "sizes": i.sizes,
        "width": i.width, "height": i.height, "href": i.href.as_deref(),
        "caption": i.caption.as_ref().map(runs), "credit": i.credit.as_ref().map(runs)})
}

fn item_json(blocks: &Blocks) -> Value {
    json!({"blocks": blocks.0.iter().map(block_json).collect::<Vec<_>>()})
}

fn cell_json(c: &Cell) -> Value {
    let (header, scope) = match c.kind {
        CellKind::Data => (false, None),
        CellKind::Header(scope) => (true, scope.map(|s| s.as_str())),
    };
    json!({"header": header, "scope": scope, "colspan": c.colspan, "rowspan": c.rowspan,
        "blocks": c.content.0.iter().map(block_json).collect::<Vec<_>>()})
}

/// A block written back as article JSON in its longest form (every inline a run object, every
/// optional field present).
fn block_json(block: &Block) -> Value {
    let blocks = |b: &[Block]| b.iter().map(block_json).collect::<Vec<_>>();
    match block {
        Block::Paragraph(p) => json!({"type": "paragraph", "content": runs(&p.content)}),
        Block::Heading(h) => {
            json!({"type": "heading", "level": h.level, "content": runs(&h.content)})
        }
        Block::Image(i) => {
            let mut o = image_json(i);
            o["type"] = json!("image");
            o
        }
        Block::Gallery(g) => json!({"type": "gallery",
            "images": g.images.iter().map(image_json).collect::<Vec<_>>(),
            "caption": g.caption.as_ref().map(runs)}),
        Block::List(l) => json!({"type": "list", "ordered": l.ordered, "start": l.start,
            "reversed": l.reversed, "items": l.items.iter().map(item_json).collect::<Vec<_>>()}),
        Block::DefinitionList(d) => json!({"type": "definitionList",
            "items": d.items.iter().map(|i| json!({"term": runs(&i.term),
                "details": i.details.iter().map(item_json).collect::<Vec<_>>()}))
                .collect::<Vec<_>>()}),
        Block::Quote(q) => json!({"type": "quote", "cite": q.cite, "content": blocks(&q.content)}),
        Block::PullQuote(q) => {
            json!({"type": "pullQuote", "cite": q.cite, "content": runs(&q.content)})
        }
        Block::Table(t) => {
            let rows = |rows: &[article_reader::article::Row]| {
                rows.iter()
                    .map(|r| r.cells.iter().map(cell_json).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            json!({"type": "table", "caption": t.caption.as_ref().map(runs),
                "head": rows(&t.head), "rows": rows(&t.rows)})
        }
        Block::Code(c) => json!({"type": "code", "text": c.text, "language": c.language}),
        Block::Embed(e) => json!({"type": "embed", "kind": e.kind.as_str(), "url": e.url,
            "title": e.title, "provider": e.provider, "poster": e.poster.as_ref().map(image_json)}),
        Block::Math(m) => json!({"type": "math", "text": m.text}),
        Block::Rule => json!({"type": "rule"}),
        Block::Note(n) => {
            json!({"type": "note", "kind": n.kind.as_str(), "content": blocks(&n.content)})
        }
        Block::Footnotes(f) => json!({"type": "footnotes",
            "items": f.items.iter().map(|i| json!({"id": i.id, "content": item_json(&i.content)}))
                .collect::<Vec<_>>()}),
    }
}

// ---------------------------------------------------------------------------------------------
// The fixtures, expanded to the longest form by the documented defaults: a string of inlines is
// one plain run; run marks default to false and `href`, `lang`, `dir` to none; an inline
// image's text is its `alt`; a heading's level is 2; a list is unordered, from 1, upwards; a
// list item, description or cell given as inlines is one paragraph; a cell is data, spans one
// column and one row; the version-1 `header` row is column-header cells; every other optional
// field is absent.

fn get(o: &Value, key: &str) -> Value {
    o.get(key).cloned().unwrap_or(Value::Null)
}

fn flag(o: &Value, key: &str) -> Value {
    o.get(key).cloned().unwrap_or(json!(false))
}

fn canonical_runs(v: &Value) -> Value {
    match v {
        Value::Array(items) => items.iter().map(canonical_run).collect(),
        single => Value::Array(vec![canonical_run(single)]),
    }
}

fn canonical_run(r: &Value) -> Value {
    let r = match r {
        Value::String(s) => json!({ "text": s }),
        Value::Object(_) => r.clone(),
        other => panic!("not an inline: {other}"),
    };
    let kind = r.get("type").and_then(Value::as_str).unwrap_or("text");
    let text = match kind {
        "image" => get(&r, "alt"),
        "footnoteRef" => r.get("label").cloned().unwrap_or_else(|| get(&r, "id")),
        _ => get(&r, "text"),
    };
    let mut o = json!({
        "type": kind, "text": text, "bold": flag(&r, "bold"), "italic": flag(&r, "italic"),
        "underline": flag(&r, "underline"), "strike": flag(&r, "strike"),
        "sup": flag(&r, "sup"), "sub": flag(&r, "sub"), "code": flag(&r, "code"),
        "href": get(&r, "href"), "lang": get(&r, "lang"), "dir": get(&r, "dir"),
    });
    match kind {
        "text" | "math" => {}
        "ruby" => o["annotation"] = get(&r, "annotation"),
        "footnoteRef" => o["id"] = get(&r, "id"),
        "image" => {
            for key in ["src", "alt", "srcset", "sizes", "width", "height"] {
                o[key] = get(&r, key);
            }
        }
        other => panic!("unknown inline type {other}"),
    }
    o
}

fn canonical_blocks(v: &Value) -> Value {
    v.as_array()
        .unwrap_or_else(|| panic!("not a block array: {v}"))
        .iter()
        .map(canonical_block)
        .collect()
}

fn canonical_image(b: &Value) -> Value {
    json!({"src": b["src"], "alt": b["alt"], "srcset": get(b, "srcset"),
        "sizes": get(b, "sizes"), "width": get(b, "width"), "height": get(b, "height"),
        "href": get(b, "href"), "caption": b.get("caption").map(canonical_runs),
        "credit": b.get("credit").map(canonical_runs)})
}

fn canonical_item(v: &Value) -> Value {
    match v.get("blocks") {
        Some(blocks) => json!({ "blocks": canonical_blocks(blocks) }),
        None => json!({"blocks": [{"type": "paragraph", "content": canonical_runs(v)}]}),
    }
}

fn canonical_cell(v: &Value, header_row: bool) -> Value {
    let (header, scope) = if header_row {
        (json!(true), json!("col"))
    } else {
        (flag(v, "header"), get(v, "scope"))
    };
    let blocks = match (v, v.get("blocks"), v.get("content")) {
        (Value::Object(_), Some(blocks), _) => canonical_blocks(blocks),
        (Value::Object(_), None, Some(content)) => {
            json!([{"type": "paragraph", "content": canonical_runs(content)}])
        }
        (Value::Object(_), None, None) => json!([]),
        (inlines, _, _) => json!([{"type": "paragraph", "content": canonical_runs(inlines)}]),
    };
    let span = |key: &str| match v {
        Value::Object(_) => v.get(key).cloned().unwrap_or(json!(1)),
        _ => json!(1),
    };
    json!({"header": header, "scope": scope, "colspan": span("colspan"),
        "rowspan": span("rowspan"), "blocks": blocks})
}

fn canonical_block(b: &Value) -> Value {
    let list = |key: &str, f: &dyn Fn(&Value) -> Value| -> Value {
        b.get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().map(f).collect())
            .unwrap_or_else(|| json!([]))
    };
    let rows = |key: &str, header_row: bool| -> Value {
        list(key, &|row: &Value| {
            row.as_array()
                .unwrap_or_else(|| panic!("not a row: {row}"))
                .iter()
                .map(|c| canonical_cell(c, header_row))
                .collect()
        })
    };
    let kind = b["type"].as_str().unwrap_or_else(|| panic!("no type: {b}"));
    match kind {
        "paragraph" => json!({"type": "paragraph", "content": canonical_runs(&b["content"])}),
        "heading" => json!({"type": "heading",
            "level": b.get("level").cloned().unwrap_or(json!(2)),
            "content": canonical_runs(&b["content"])}),
        "image" => {
            let mut o = canonical_image(b);
            o["type"] = json!("image");
            o
        }
        "gallery" => json!({"type": "gallery", "images": list("images", &canonical_image),
            "caption": b.get("caption").map(canonical_runs)}),
        "list" => json!({"type": "list", "ordered": flag(b, "ordered"), "start": get(b, "start"),
            "reversed": flag(b, "reversed"), "items": list("items", &canonical_item)}),
        "definitionList" => json!({"type": "definitionList", "items": list("items", &|i| {
            json!({"term": canonical_runs(&i["term"]),
                "details": i.get("details").and_then(Value::as_array)
                    .map(|d| d.iter().map(canonical_item).collect::<Vec<_>>())
                    .unwrap_or_default()})
        })}),
        "quote" => json!({"type": "quote", "cite": get(b, "cite"),
            "content": list("content", &canonical_block)}),
        "pullQuote" => json!({"type": "pullQuote", "cite": get(b, "cite"),
            "content": canonical_runs(&b["content"])}),
        "table" => {
            let head = match b.get("header") {
                Some(header) => json!([header
                    .as_array()
                    .unwrap_or_else(|| panic!("not a row: {header}"))
                    .iter()
                    .map(|c| canonical_cell(c, true))
                    .collect::<Vec<_>>()]),
                None => rows("head", false),
            };
            json!({"type": "table", "caption": b.get("caption").map(canonical_runs),
                "head": head, "rows": rows("rows", false)})
        }
        "code" => json!({"type": "code", "text": b["text"], "language": get(b, "language")}),
        "embed" => json!({"type": "embed", "kind": b["kind"], "url": b["url"],
            "title": get(b, "title"), "provider": get(b, "provider"),
            "poster": b.get("poster").map(canonical_image)}),
        "math" => json!({"type": "math", "text": b["text"]}),
        "rule" => json!({"type": "rule"}),
        "note" => json!({"type": "note", "kind": b["kind"],
            "content": list("content", &canonical_block)}),
        "footnotes" => json!({"type": "footnotes", "items": list("items", &|i| {
            json!({"id": i["id"], "content": canonical_item(&i["content"])})
        })}),
        other => panic!("unknown block type {other}"),
    }
}
