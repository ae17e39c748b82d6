//! Code blocks, players, formulas and ruby: elements read as a whole into one block or run.

use super::*;

impl<'c> Builder<'c> {
    pub(super) fn code_block(&mut self, node: &HtmlNode, children: &[HtmlNode], marks: &Marks) {
        let mut text = String::new();
        raw_text(children, &mut text);
        let text = text.replace("\r\n", "\n");
        let text = text.trim_end_matches(is_padding);
        // Blank lines before the code are layout, not code; its first line's indent is kept.
        let start = text
            .char_indices()
            .take_while(|(_, c)| is_padding(*c))
            .filter(|(_, c)| *c == '\n')
            .last()
            .map_or(0, |(i, _)| i + 1);
        let text = text.get(start..).unwrap_or(text);
        if text.trim_matches(is_padding).is_empty() {
            return;
        }
        match self.flow {
            Flow::Blocks => {
                self.end_paragraph();
                self.blocks.push(Block::Code(Code {
                    text: bidi::balance(text).into_owned(),
                    language: code_language(node, children),
                }));
            }
            Flow::Inline => self.push_object(InlineKind::Code, text.to_owned(), marks),
        }
    }

    pub(super) fn embed(
        &mut self,
        kind: EmbedKind,
        node: &HtmlNode,
        children: &[HtmlNode],
        marks: &Marks,
    ) {
        let own = node.attr("src").map(str::trim).filter(|s| !s.is_empty());
        let source = children.iter().find_map(|c| match c {
            HtmlNode::Element { tag, .. } if tag == "source" => {
                c.attr("src").map(str::trim).filter(|s| !s.is_empty())
            }
            _ => None,
        });
        // Without an address there is nothing to play or link to.
        let Some(url) = own.or(source) else {
            return;
        };
        let title = node
            .attr("title")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| bidi::balance(t).into_owned());
        match self.flow {
            Flow::Blocks => {
                self.end_paragraph();
                let poster = node
                    .attr("poster")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|src| Image {
                        src: src.to_owned(),
                        alt: title.clone().unwrap_or_default(),
                        ..Image::default()
                    });
                self.blocks.push(Block::Embed(Embed {
                    kind: if kind == EmbedKind::Frame && is_video_player(url) {
                        EmbedKind::Video
                    } else {
                        kind
                    },
                    url: url.to_owned(),
                    title,
                    provider: None,
                    poster,
                }));
            }
            // In a heading or caption the player is a link to it.
            Flow::Inline => {
                let mut linked = marks.clone();
                linked.href = Some(Rc::from(url));
                self.push_text(title.as_deref().unwrap_or(url), &linked);
            }
        }
    }

    pub(super) fn math(&mut self, node: &HtmlNode, marks: &Marks) {
        let text = math_text(node);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let display = node
            .attr("display")
            .is_some_and(|d| d.trim().eq_ignore_ascii_case("block"));
        if display && self.flow == Flow::Blocks {
            self.end_paragraph();
            self.blocks.push(Block::Math(Math {
                text: bidi::balance(text).into_owned(),
            }));
        } else {
            self.push_object(InlineKind::Math, text.to_owned(), marks);
        }
    }

    /// Ruby: each stretch of base text with the `rt` after it becomes one ruby run; `rp`
    /// (the parentheses for browsers without ruby) is dropped by its role.
    pub(super) fn ruby(&mut self, children: &[HtmlNode], marks: &Marks) {
        let mut base = String::new();
        for child in children {
            match child {
                HtmlNode::Text(text) => base.push_str(&collapse_whitespace(text)),
                HtmlNode::Element {
                    tag,
                    children: inner,
                    ..
                } => match role_of(child, tag) {
                    Role::Drop => {}
                    Role::RubyText => {
                        let mut annotation = String::new();
                        plain_text(inner, &mut annotation);
                        let annotation =
                            bidi::balance(collapse_whitespace(&annotation).trim()).into_owned();
                        let stem = base.trim();
                        if stem.is_empty() {
                            self.push_text(&annotation, marks);
                        } else {
                            self.push_object(
                                InlineKind::Ruby { annotation },
                                stem.to_owned(),
                                marks,
                            );
                        }
                        base.clear();
                    }
                    _ => plain_text(std::slice::from_ref(child), &mut base),
                },
            }
        }
        self.push_text(&base, marks);
    }
}

/// Frames from these hosts play video.
fn is_video_player(url: &str) -> bool {
    const HOSTS: &[&str] = &[
        "youtube.com/embed",
        "youtube-nocookie.com/embed",
        "player.vimeo.com",
        "player.bilibili.com",
        "v.qq.com",
        "player.youku.com",
        "tv.cctv.com",
    ];
    HOSTS.iter().any(|h| url.contains(h))
}

/// The language of a code block, from a `language-xxx` or `lang-xxx` class on the `pre` or on
/// a `code` straight inside it.
fn code_language(pre: &HtmlNode, children: &[HtmlNode]) -> Option<String> {
    let from = |node: &HtmlNode| {
        node.attr("class")?.split_ascii_whitespace().find_map(|c| {
            c.strip_prefix("language-")
                .or_else(|| c.strip_prefix("lang-"))
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
        })
    };
    from(pre).or_else(|| {
        children.iter().find_map(|c| match c {
            HtmlNode::Element { tag, .. } if tag == "code" => from(c),
            _ => None,
        })
    })
}

/// A formula's text: its TeX annotation, else its `alttext`, else the text of its
/// presentation markup (without annotations).
fn math_text(math: &HtmlNode) -> String {
    fn tex(nodes: &[HtmlNode]) -> Option<String> {
        nodes.iter().find_map(|node| match node {
            HtmlNode::Element { tag, children, .. } => {
                let local = tag.strip_prefix("math:").unwrap_or(tag);
                let is_tex = local == "annotation"
                    && node
                        .attr("encoding")
                        .is_some_and(|e| e.trim().eq_ignore_ascii_case("application/x-tex"));
                if is_tex {
                    let mut text = String::new();
                    raw_text_any(children, &mut text);
                    Some(text)
                } else {
                    tex(children)
                }
            }
            HtmlNode::Text(_) => None,
        })
    }
    /// An HTML element inside the formula (a `script` in an `mtext`, say) keeps its role:
    /// what the table drops never becomes formula text. MathML elements are the formula.
    fn dropped_html(tag: &str) -> bool {
        !tag.starts_with("math:") && role(tag) == Role::Drop
    }
    fn content(nodes: &[HtmlNode], out: &mut String) {
        for node in nodes {
            match node {
                HtmlNode::Text(text) => out.push_str(text),
                HtmlNode::Element { tag, children, .. } => {
                    let local = tag.strip_prefix("math:").unwrap_or(tag);
                    if local != "annotation" && local != "annotation-xml" && !dropped_html(tag) {
                        content(children, out);
                    }
                }
            }
        }
    }
    fn raw_text_any(nodes: &[HtmlNode], out: &mut String) {
        for node in nodes {
            match node {
                HtmlNode::Text(text) => out.push_str(text),
                HtmlNode::Element { tag, children, .. } if !dropped_html(tag) => {
                    raw_text_any(children, out)
                }
                HtmlNode::Element { .. } => {}
            }
        }
    }
    let HtmlNode::Element { children, .. } = math else {
        return String::new();
    };
    if let Some(tex) = tex(children).filter(|t| !t.trim().is_empty()) {
        return collapse_whitespace(&tex);
    }
    if let Some(alt) = math.attr("alttext").filter(|a| !a.trim().is_empty()) {
        return alt.to_owned();
    }
    let mut text = String::new();
    content(children, &mut text);
    collapse_whitespace(&text)
}
