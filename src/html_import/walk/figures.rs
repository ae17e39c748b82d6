//! Images and figures: an image is a block in running text and an inline image in a heading;
//! a figure's first `figcaption` (at any depth) captions its image, or makes its images a
//! gallery; and a centred line under an image is its caption or credit.

use super::*;

/// The caption a figure's walk found, and where among the figure's blocks it stood.
#[derive(Default)]
pub(super) struct FigureCaption {
    caption: Option<Vec<Inline>>,
    at: usize,
}

impl<'c> Builder<'c> {
    /// The TRS habit of a centred line under an image: it becomes the image's caption (or its
    /// credit, for 图片来源 / 摄影 / Photo:). Returns the runs when they are not one.
    pub(super) fn attach_to_image(
        &mut self,
        runs: Vec<Inline>,
        centered: bool,
    ) -> Option<Vec<Inline>> {
        let Some(Block::Image(image)) = self.blocks.last_mut() else {
            return Some(runs);
        };
        let text = plain(&runs);
        if is_credit(&text) {
            if image.credit.is_none() {
                image.credit = Some(Inlines(runs));
                return None;
            }
            return Some(runs);
        }
        let by_word = is_caption(&text);
        let by_place = centered
            && text.chars().count() <= CAPTION_MAX_CHARS
            && !text.contains('\n')
            && !heading_like(&runs);
        if image.caption.is_some() || !(by_word || by_place) {
            return Some(runs);
        }
        let (caption, credit) = split_credit(runs);
        image.caption = non_empty(caption);
        if image.credit.is_none() {
            image.credit = credit.map(Inlines);
        }
        None
    }

    pub(super) fn image(&mut self, node: &HtmlNode, marks: &Marks) {
        let image = image_of(node);
        match (image, self.flow) {
            (Some(mut image), Flow::Blocks) => {
                self.end_paragraph();
                image.href = marks.href.clone();
                self.blocks.push(Block::Image(image));
            }
            (Some(image), Flow::Inline) => {
                let alt = image.alt.clone();
                self.push_object(InlineKind::Image(Box::new(image)), alt, marks);
            }
            // Without an address there is no image to show; in running text its description
            // stands in for it.
            (None, Flow::Inline) => {
                if let Some(alt) = node.attr("alt") {
                    self.push_text(alt.trim(), marks);
                }
            }
            (None, Flow::Blocks) => {}
        }
    }

    pub(super) fn figure(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let mut inner = self.child(self.depth, Flow::Blocks);
        inner.figure = Some(FigureCaption::default());
        inner.visit_all(children, marks);
        let found = inner.figure.take().unwrap_or_default();
        let mut blocks = inner.finish();
        let images = blocks
            .iter()
            .filter(|b| matches!(b, Block::Image(_)))
            .count();
        let caption = found.caption;
        match images {
            0 => {
                if let Some(caption) = caption {
                    if let Some(caption) = name_the_figure(&mut blocks, caption) {
                        // Nothing to caption: the caption's text stays, where it was.
                        let at = found.at.min(blocks.len());
                        blocks.insert(at, paragraph(caption));
                    }
                }
            }
            1 => {
                if let Some(caption) = caption {
                    let image = blocks.iter_mut().find_map(|b| match b {
                        Block::Image(image) if image.caption.is_none() => Some(image),
                        _ => None,
                    });
                    match image {
                        Some(image) => {
                            let (caption, credit) = split_credit(caption);
                            image.caption = non_empty(caption);
                            if image.credit.is_none() {
                                image.credit = credit.map(Inlines);
                            }
                        }
                        None => {
                            let at = found.at.min(blocks.len());
                            blocks.insert(at, paragraph(caption));
                        }
                    }
                }
            }
            _ => blocks = gallery(blocks, caption),
        }
        self.blocks.extend(blocks);
    }

    pub(super) fn wants_caption(&self) -> bool {
        self.flow == Flow::Blocks && self.figure.as_ref().is_some_and(|f| f.caption.is_none())
    }

    pub(super) fn figure_caption(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let runs = self.inline_runs(children, marks);
        if runs.is_empty() {
            return;
        }
        let at = self.blocks.len();
        if let Some(figure) = self.figure.as_mut() {
            figure.caption = Some(runs);
            figure.at = at;
        }
    }
}

/// Splits a credit off the end of a caption: a line that starts with a credit word, or a
/// closing parenthesis like （新华社记者 李鑫 摄）.
fn split_credit(mut runs: Vec<Inline>) -> (Vec<Inline>, Option<Vec<Inline>>) {
    // A line of its own.
    let mut split = None;
    'runs: for (index, run) in runs.iter().enumerate() {
        if run.kind != InlineKind::Text {
            continue;
        }
        for (at, _) in run.text.match_indices('\n') {
            let rest = run.text.get(at + 1..).unwrap_or_default();
            let following: String = rest
                .chars()
                .chain(runs.iter().skip(index + 1).flat_map(|r| r.text.chars()))
                .take(24)
                .collect();
            if is_credit(&following) {
                split = Some((index, at, at + 1));
                break 'runs;
            }
        }
    }
    // A closing parenthesis that names the photographer: （新华社记者 李鑫 摄）, （撮影：山田）,
    // (Photo: AP).
    if split.is_none() {
        if let Some(last) = runs.last().filter(|r| r.kind == InlineKind::Text) {
            let text = last.text.trim_end();
            let open = text.rfind(['（', '(']);
            let inside = open.and_then(|open| {
                let from = open + text.get(open..)?.chars().next()?.len_utf8();
                let body = text.get(from..)?;
                let body = body.strip_suffix('）').or_else(|| body.strip_suffix(')'))?;
                Some((open, from, body))
            });
            if let Some((open, from, body)) = inside {
                let names = is_credit(body) || body.ends_with('摄') || body.ends_with("供图");
                if names {
                    let end = from + body.len();
                    split = Some((runs.len() - 1, open, from));
                    // Keep the credit without its parentheses.
                    if let Some(last) = runs.last_mut() {
                        last.text.truncate(end);
                    }
                }
            }
        }
    }
    let Some((index, cut, resume)) = split else {
        return (runs, None);
    };
    let mut credit: Vec<Inline> = runs.drain(index + 1..).collect();
    if let Some(run) = runs.get_mut(index) {
        // Controls matched across the cut would be left open in one part and stray in the
        // other: each part is balanced again.
        let tail = bidi::balance(run.text.get(resume..).unwrap_or_default()).into_owned();
        run.text.truncate(cut);
        run.text = bidi::balance_owned(std::mem::take(&mut run.text));
        credit.insert(
            0,
            Inline {
                text: tail,
                ..run.clone()
            },
        );
    }
    let credit = tidy_runs(credit);
    (tidy_runs(runs), (!credit.is_empty()).then_some(credit))
}

/// The caption of a figure without images, given to what the figure holds: the source of a
/// quotation (`<figure><blockquote>…</blockquote><figcaption>— Author</figcaption>`) or the
/// title of a player. Returns the caption when the figure is only one such block but already
/// has it, or is something else.
fn name_the_figure(blocks: &mut [Block], caption: Vec<Inline>) -> Option<Vec<Inline>> {
    let text = plain(&caption);
    let text = text
        .trim_matches(is_padding)
        .trim_start_matches(['—', '―', '–', '-', '~', '～'])
        .trim_matches(is_padding);
    match blocks {
        [Block::Quote(quote)] if quote.cite.is_none() && !text.is_empty() => {
            quote.cite = Some(text.to_owned());
            None
        }
        [Block::Embed(embed)] if embed.title.is_none() && !text.is_empty() => {
            embed.title = Some(text.to_owned());
            None
        }
        _ => Some(caption),
    }
}

/// Images in a figure's blocks become one gallery at the place of the first.
fn gallery(blocks: Vec<Block>, caption: Option<Vec<Inline>>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut images = Vec::new();
    let mut at = None;
    for block in blocks {
        match block {
            Block::Image(image) => {
                at.get_or_insert(out.len());
                images.push(image);
            }
            other => out.push(other),
        }
    }
    let gallery = Block::Gallery(Gallery {
        images,
        caption: caption.map(Inlines),
    });
    out.insert(at.unwrap_or(0).min(out.len()), gallery);
    out
}

/// An image from an `img`, or none without an address.
fn image_of(img: &HtmlNode) -> Option<Image> {
    let src = img.attr("src")?.trim();
    if src.is_empty() {
        return None;
    }
    let text = |name: &str| {
        img.attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let pixels = |name: &str| {
        img.attr(name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .filter(|v| *v > 0)
    };
    // An address the URL policy refuses for images anyway (a `data:` image pasted into the
    // CMS, say) keeps only what precedes its first colon, as written: the image renders as the
    // note for a refused image either way, and a megabyte of base64 must not count against
    // `limits.addressLength` and refuse the whole article.
    let src = match src.split_once(':') {
        Some((scheme, _))
            if !crate::url_policy::precheck(src, crate::url_policy::UrlUse::Image) =>
        {
            format!("{scheme}:")
        }
        _ => src.to_owned(),
    };
    Some(Image {
        src,
        alt: bidi::balance(img.attr("alt").unwrap_or_default().trim()).into_owned(),
        srcset: text("srcset"),
        sizes: text("sizes"),
        width: pixels("width"),
        height: pixels("height"),
        ..Image::default()
    })
}
