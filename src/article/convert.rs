//! Mapping every piece of an article's visible text, for 繁/简 conversion.
//!
//! [`map_text`] hands each user-visible string of an [`Article`] (headline, meta names, body
//! runs, headings, captions, credits, notes, table cells, footnotes, related and sidebar
//! names) to a closure and leaves everything else alone: addresses (`url`, `href`, `src`,
//! `srcset`), identifiers (footnote ids), language tags, dates and the structure of the body
//! (links, emphasis, nesting). A conversion can therefore never change where a link leads or
//! which footnote a reference names. Code and formulas are kept as written, because their text
//! is not prose: a converted character in a program or a formula would change what it says.
//!
//! [`Script`] and [`conversion_for`] decide, from a language tag, which way an article converts.

use super::model::{Article, Block, Blocks, Image, InlineKind, Inlines};
use crate::zh_convert::Conversion;

/// Calls `f` on every user-visible string of `article`, in place, and on nothing else.
pub fn map_text(article: &mut Article, f: &mut impl FnMut(&mut String)) {
    f(&mut article.headline);
    for crumb in &mut article.breadcrumb {
        f(&mut crumb.name);
    }
    if let Some(source) = &mut article.source_organization {
        f(&mut source.name);
    }
    for person in article.author.iter_mut().chain(article.editor.as_mut()) {
        f(&mut person.name);
    }
    blocks(&mut article.body, f);
    let neighbours = article
        .previous_article
        .iter_mut()
        .chain(article.next_article.as_mut());
    for item in article.related_link.iter_mut().chain(neighbours) {
        f(&mut item.headline);
    }
    for group in &mut article.sidebar {
        f(&mut group.name);
        for link in &mut group.items {
            f(&mut link.name);
        }
    }
}

fn blocks(body: &mut [Block], f: &mut impl FnMut(&mut String)) {
    for block in body {
        match block {
            Block::Paragraph(p) => inlines(&mut p.content, f),
            Block::Heading(h) => inlines(&mut h.content, f),
            Block::Image(image) => self::image(image, f),
            Block::Gallery(gallery) => {
                for image in &mut gallery.images {
                    self::image(image, f);
                }
                optional(&mut gallery.caption, f);
            }
            Block::List(list) => list.items.iter_mut().for_each(|item| nested(item, f)),
            Block::DefinitionList(list) => {
                for item in &mut list.items {
                    inlines(&mut item.term, f);
                    item.details.iter_mut().for_each(|d| nested(d, f));
                }
            }
            Block::Quote(quote) => {
                blocks(&mut quote.content, f);
                quote.cite.iter_mut().for_each(&mut *f);
            }
            Block::PullQuote(quote) => {
                inlines(&mut quote.content, f);
                quote.cite.iter_mut().for_each(&mut *f);
            }
            Block::Table(table) => {
                optional(&mut table.caption, f);
                for row in table.head.iter_mut().chain(table.rows.iter_mut()) {
                    row.cells.iter_mut().for_each(|c| nested(&mut c.content, f));
                }
            }
            Block::Embed(embed) => {
                embed
                    .title
                    .iter_mut()
                    .chain(embed.provider.iter_mut())
                    .for_each(&mut *f);
                if let Some(poster) = &mut embed.poster {
                    image(poster, f);
                }
            }
            Block::Note(note) => blocks(&mut note.content, f),
            Block::Footnotes(notes) => notes
                .items
                .iter_mut()
                .for_each(|n| nested(&mut n.content, f)),
            // Program text and formulas are not prose (see the module's documentation).
            Block::Code(_) | Block::Math(_) | Block::Rule => {}
        }
    }
}

fn nested(content: &mut Blocks, f: &mut impl FnMut(&mut String)) {
    blocks(&mut content.0, f);
}

fn optional(content: &mut Option<Inlines>, f: &mut impl FnMut(&mut String)) {
    if let Some(content) = content {
        inlines(content, f);
    }
}

fn image(image: &mut Image, f: &mut impl FnMut(&mut String)) {
    f(&mut image.alt);
    optional(&mut image.caption, f);
    optional(&mut image.credit, f);
}

fn inlines(content: &mut Inlines, f: &mut impl FnMut(&mut String)) {
    for run in &mut content.0 {
        match &mut run.kind {
            InlineKind::Code | InlineKind::Math => continue,
            InlineKind::Ruby { annotation } => f(annotation),
            InlineKind::Image(picture) => image(picture, f),
            InlineKind::Text | InlineKind::FootnoteRef { .. } => {}
        }
        f(&mut run.text);
    }
}

/// The two ways of writing Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Simplified characters (简体), as in mainland China and Singapore.
    Simplified,
    /// Traditional characters (繁體), as in Taiwan, Hong Kong and Macau.
    Traditional,
}

impl Script {
    /// The script a language tag names: `None` for a language other than Chinese; for Chinese
    /// the script subtag when there is one (`zh-Hant`, `zh-Hans-HK`), else the region's usual
    /// script (Traditional for TW, HK and MO), else Simplified.
    pub fn of_tag(tag: &str) -> Option<Script> {
        let mut subtags = tag.split(['-', '_']);
        if !subtags.next()?.eq_ignore_ascii_case("zh") {
            return None;
        }
        let mut traditional_region = false;
        for subtag in subtags {
            if subtag.eq_ignore_ascii_case("hant") {
                return Some(Script::Traditional);
            }
            if subtag.eq_ignore_ascii_case("hans") {
                return Some(Script::Simplified);
            }
            traditional_region |= ["tw", "hk", "mo"]
                .iter()
                .any(|region| subtag.eq_ignore_ascii_case(region));
        }
        Some(if traditional_region {
            Script::Traditional
        } else {
            Script::Simplified
        })
    }

    /// The script a conversion writes.
    pub fn target_of(conversion: Conversion) -> Script {
        match conversion {
            Conversion::SimplifiedToTraditional
            | Conversion::SimplifiedToTaiwan
            | Conversion::SimplifiedToHongKong => Script::Traditional,
            Conversion::TraditionalToSimplified
            | Conversion::TaiwanToSimplified
            | Conversion::HongKongToSimplified => Script::Simplified,
        }
    }
}

/// The conversion that turns Chinese text tagged `tag` into the other script: Simplified text
/// into OpenCC's standard Traditional forms (the reader cannot know which region's forms a
/// reader wants), Traditional text from its region's forms into Simplified. `None` when the
/// tag is not Chinese.
pub fn conversion_for(tag: &str) -> Option<Conversion> {
    let region = |name: &str| {
        tag.split(['-', '_'])
            .skip(1)
            .any(|subtag| subtag.eq_ignore_ascii_case(name))
    };
    Some(match Script::of_tag(tag)? {
        Script::Simplified => Conversion::SimplifiedToTraditional,
        Script::Traditional if region("tw") => Conversion::TaiwanToSimplified,
        Script::Traditional if region("hk") || region("mo") => Conversion::HongKongToSimplified,
        Script::Traditional => Conversion::TraditionalToSimplified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse_article;

    fn article(json: &str) -> Article {
        parse_article(json).expect("a shipped article parses")
    }

    const SEED: &str = include_str!("../../static/articles/seed.json");
    const RICH: &str = include_str!("../../static/articles/rich-zh.json");

    /// Every string of the article with a mark appended, and the strings the closure saw.
    fn marked(json: &str) -> (Article, Article, Vec<String>) {
        let original = article(json);
        let mut mapped = original.clone();
        let mut seen = Vec::new();
        map_text(&mut mapped, &mut |s: &mut String| {
            seen.push(s.clone());
            s.push('†');
        });
        (original, mapped, seen)
    }

    #[test]
    fn every_visible_string_of_the_seed_goes_through_the_closure() {
        let (original, mapped, seen) = marked(SEED);
        assert!(mapped.headline.ends_with('†'));
        for crumb in &mapped.breadcrumb {
            assert!(crumb.name.ends_with('†'), "{}", crumb.name);
        }
        assert!(mapped
            .source_organization
            .as_ref()
            .unwrap()
            .name
            .ends_with('†'));
        assert!(mapped.editor.as_ref().unwrap().name.ends_with('†'));
        for item in &mapped.related_link {
            assert!(item.headline.ends_with('†'), "{}", item.headline);
        }
        for group in &mapped.sidebar {
            assert!(group.name.ends_with('†'));
            assert!(group.items.iter().all(|link| link.name.ends_with('†')));
        }
        // The first paragraph of the seed page, as written there.
        assert!(seen.iter().any(|s| s.contains("总书记强调")));
        let runs = |a: &Article| -> Vec<String> {
            a.body
                .iter()
                .filter_map(|block| match block {
                    Block::Paragraph(p) => Some(p.content.0.iter().map(|r| r.text.clone())),
                    _ => None,
                })
                .flatten()
                .collect()
        };
        let (before, after) = (runs(&original), runs(&mapped));
        assert!(!before.is_empty());
        assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(format!("{b}†"), *a);
        }
        // Nothing else changed: undoing the marks gives the original back.
        let mut undone = mapped.clone();
        map_text(&mut undone, &mut |s: &mut String| {
            s.pop();
        });
        assert_eq!(undone, original);
    }

    #[test]
    fn no_address_or_identifier_goes_through_the_closure() {
        for json in [SEED, RICH] {
            let (original, mapped, seen) = marked(json);
            for s in &seen {
                assert!(!s.starts_with("http") && !s.starts_with('/'), "{s}");
            }
            assert_eq!(mapped.url, original.url);
            assert_eq!(mapped.in_language, original.in_language);
            assert_eq!(mapped.date_published, original.date_published);
            let crumbs = |a: &Article| {
                a.breadcrumb
                    .iter()
                    .map(|c| c.url.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(crumbs(&mapped), crumbs(&original));
            let related = |a: &Article| {
                a.related_link
                    .iter()
                    .map(|r| r.url.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(related(&mapped), related(&original));
            let links = |a: &Article| {
                a.sidebar
                    .iter()
                    .flat_map(|g| g.items.iter().map(|l| l.url.clone()).chain(g.more.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(links(&mapped), links(&original));
        }
    }

    #[test]
    fn captions_notes_cells_and_footnotes_convert_but_code_math_and_ids_do_not() {
        let (original, mapped, _) = marked(RICH);
        let find = |a: &Article, kind: &str| -> Block {
            a.body
                .iter()
                .find(|b| b.type_name() == kind)
                .cloned()
                .unwrap_or_else(|| panic!("rich-zh has a {kind}"))
        };
        match (find(&original, "image"), find(&mapped, "image")) {
            (Block::Image(before), Block::Image(after)) => {
                assert_eq!(after.src, before.src);
                assert_eq!(after.alt, format!("{}†", before.alt));
                let caption = after.caption.unwrap().plain_text();
                assert!(caption.ends_with('†'), "{caption}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(find(&mapped, "code"), find(&original, "code"));
        assert_eq!(find(&mapped, "math"), find(&original, "math"));
        match find(&mapped, "footnotes") {
            Block::Footnotes(notes) => {
                assert!(notes.items.iter().all(|n| !n.id.ends_with('†')));
                assert!(notes
                    .items
                    .iter()
                    .all(|n| n.content.plain_text().ends_with('†')));
            }
            other => panic!("{other:?}"),
        }
        match find(&mapped, "table") {
            Block::Table(table) => {
                let cells: Vec<String> = table
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter().map(|c| c.content.plain_text()))
                    .collect();
                assert!(!cells.is_empty());
                assert!(cells.iter().all(|c| c.ends_with('†')), "{cells:?}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_script_follows_the_script_subtag_then_the_region() {
        use Script::*;
        for (tag, script) in [
            ("zh", Some(Simplified)),
            ("zh-CN", Some(Simplified)),
            ("zh-SG", Some(Simplified)),
            ("zh-Hans", Some(Simplified)),
            ("zh-Hans-HK", Some(Simplified)),
            ("zh-Hant", Some(Traditional)),
            ("zh-TW", Some(Traditional)),
            ("zh_hk", Some(Traditional)),
            ("zh-MO", Some(Traditional)),
            ("zh-Hant-CN", Some(Traditional)),
            ("en", None),
            ("zho", None),
        ] {
            assert_eq!(Script::of_tag(tag), script, "{tag}");
        }
    }

    #[test]
    fn each_script_converts_to_the_other() {
        use Conversion::*;
        for (tag, conversion) in [
            ("zh-CN", Some(SimplifiedToTraditional)),
            ("zh-Hant", Some(TraditionalToSimplified)),
            ("zh-TW", Some(TaiwanToSimplified)),
            ("zh-Hant-HK", Some(HongKongToSimplified)),
            ("zh-MO", Some(HongKongToSimplified)),
            ("ja", None),
        ] {
            assert_eq!(conversion_for(tag), conversion, "{tag}");
        }
        assert_eq!(Script::target_of(SimplifiedToTaiwan), Script::Traditional);
        assert_eq!(Script::target_of(HongKongToSimplified), Script::Simplified);
    }
}
