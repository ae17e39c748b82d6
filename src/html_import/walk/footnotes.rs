//! Footnote references (`<sup><a href="#fn1">1</a></sup>`) and the list of notes they point
//! to; references whose note is missing become raised links again.

use super::*;

impl<'c> Builder<'c> {
    /// A footnote reference: a `sup` around one link to a fragment (`<sup><a href="#fn1">[1]</a>
    /// </sup>`), or such a link around a `sup`, with a short label. Says whether it was one.
    pub(super) fn footnote_reference(&mut self, node: &HtmlNode, marks: &Marks) -> bool {
        let Some((id, label)) = footnote_target(node) else {
            return false;
        };
        self.context.references.borrow_mut().insert(id.to_owned());
        let plain = Marks {
            sup: false,
            href: None,
            ..marks.clone()
        };
        self.push_object(InlineKind::FootnoteRef { id: id.to_owned() }, label, &plain);
        true
    }

    /// The footnotes: a list whose every item has an `id`, the first of them referenced
    /// earlier in the text.
    pub(super) fn footnotes(&mut self, children: &[HtmlNode], marks: &Marks) -> bool {
        let items: Vec<&HtmlNode> = children
            .iter()
            .filter(|c| matches!(c, HtmlNode::Element { tag, .. } if role(tag) == Role::ListItem))
            .collect();
        let referenced = items
            .first()
            .and_then(|li| li.attr("id"))
            .is_some_and(|id| {
                self.context.references.borrow().contains(id)
                    && !self.context.footnotes.borrow().contains(id)
            });
        if !referenced || !items.iter().all(|li| li.attr("id").is_some()) {
            return false;
        }
        self.end_paragraph();
        let mut notes = Vec::new();
        for li in items {
            let (Some(id), HtmlNode::Element { children, .. }) = (li.attr("id"), li) else {
                continue;
            };
            // A repeated id (in this list or an earlier one) is already a footnote's.
            if !self.context.footnotes.borrow_mut().insert(id.to_owned()) {
                continue;
            }
            let mut inner = self.child(self.depth + 1, Flow::Blocks);
            inner.in_footnote = true;
            inner.visit_all(children, marks);
            notes.push(Footnote {
                id: id.to_owned(),
                content: Blocks(inner.finish()),
            });
        }
        self.blocks
            .push(Block::Footnotes(Footnotes { items: notes }));
        true
    }
}

/// The longest label (in characters) of a footnote reference; a longer linked `sup` is text.
pub(in crate::html_import) const MAX_FOOTNOTE_LABEL: usize = 8;

/// The note a footnote reference points to, and its label: `node` is a `sup` around one link
/// to `#id`, or such a link around a `sup`; the label is the link's text without brackets, at
/// most [`MAX_FOOTNOTE_LABEL`] characters.
fn footnote_target(node: &HtmlNode) -> Option<(&str, String)> {
    fn only_element(nodes: &[HtmlNode]) -> Option<&HtmlNode> {
        let mut found = None;
        for n in nodes {
            match n {
                HtmlNode::Text(text) if text.trim().is_empty() => {}
                HtmlNode::Element { .. } if found.is_none() => found = Some(n),
                _ => return None,
            }
        }
        found
    }
    let HtmlNode::Element { tag, children, .. } = node else {
        return None;
    };
    let (link, label_from) = match role(tag) {
        Role::Mark(Mark::Sup) => {
            let link = only_element(children)?;
            (link, link)
        }
        Role::Link => (node, only_element(children)?),
        _ => return None,
    };
    let HtmlNode::Element { tag: link_tag, .. } = link else {
        return None;
    };
    let HtmlNode::Element { tag: inner_tag, .. } = label_from else {
        return None;
    };
    let shape = match role(tag) {
        Role::Link => role(inner_tag) == Role::Mark(Mark::Sup),
        _ => role(link_tag) == Role::Link,
    };
    let id = link
        .attr("href")?
        .strip_prefix('#')
        .filter(|id| !id.is_empty())?;
    if !shape {
        return None;
    }
    let text = short_text(std::slice::from_ref(label_from))?;
    let label = text
        .trim()
        .trim_start_matches(['[', '(', '（', '［'])
        .trim_end_matches([']', ')', '）', '］'])
        .trim()
        .to_owned();
    (!label.is_empty() && label.chars().count() <= MAX_FOOTNOTE_LABEL).then_some((id, label))
}

/// A link back from a footnote to its reference: to a fragment, with an arrow or a word for
/// "back" as its text.
pub(super) fn is_back_link(node: &HtmlNode) -> bool {
    let to_fragment = node.attr("href").is_some_and(|h| h.starts_with('#'));
    let HtmlNode::Element { children, .. } = node else {
        return false;
    };
    let back = short_text(children).is_some_and(|text| {
        matches!(
            // Only ASCII letters have case in these words.
            text.trim().to_ascii_lowercase().as_str(),
            "↩" | "↩\u{fe0e}" | "↑" | "^" | "返回" | "back" | "↵"
        )
    });
    to_fragment && back
}

/// References whose footnote the body does not have become what they were: a raised link to
/// the fragment. One pass over the output.
pub(in crate::html_import) fn unlink_missing_footnotes(blocks: &mut [Block]) {
    let mut ids = HashSet::new();
    let mut any_reference = false;
    visit_blocks(blocks, &mut |block| {
        if let Block::Footnotes(notes) = block {
            ids.extend(notes.items.iter().map(|n| n.id.clone()));
        }
    });
    visit_runs(blocks, &mut |run| {
        any_reference |= matches!(run.kind, InlineKind::FootnoteRef { .. });
    });
    if !any_reference {
        return;
    }
    visit_runs(blocks, &mut |run| {
        if let InlineKind::FootnoteRef { id } = &run.kind {
            if !ids.contains(id) {
                run.href = Some(Rc::from(format!("#{id}")));
                run.sup = true;
                run.kind = InlineKind::Text;
            }
        }
    });
}

/// Calls `f` on every block, nested ones included.
fn visit_blocks(blocks: &mut [Block], f: &mut dyn FnMut(&mut Block)) {
    for block in blocks {
        f(block);
        for inner in children_of(block) {
            visit_blocks(inner, f);
        }
    }
}

/// The block sequences directly inside a block.
fn children_of(block: &mut Block) -> Vec<&mut [Block]> {
    match block {
        Block::List(l) => l.items.iter_mut().map(|i| i.0.as_mut_slice()).collect(),
        Block::DefinitionList(d) => d
            .items
            .iter_mut()
            .flat_map(|i| i.details.iter_mut())
            .map(|d| d.0.as_mut_slice())
            .collect(),
        Block::Quote(q) => vec![q.content.as_mut_slice()],
        Block::Note(n) => vec![n.content.as_mut_slice()],
        Block::Table(t) => t
            .head
            .iter_mut()
            .chain(t.rows.iter_mut())
            .flat_map(|r| r.cells.iter_mut())
            .map(|c| c.content.0.as_mut_slice())
            .collect(),
        Block::Footnotes(f) => f
            .items
            .iter_mut()
            .map(|n| n.content.0.as_mut_slice())
            .collect(),
        _ => Vec::new(),
    }
}

/// Calls `f` on every run of every block, captions and terms included.
fn visit_runs(blocks: &mut [Block], f: &mut dyn FnMut(&mut Inline)) {
    visit_blocks(blocks, &mut |block| {
        let mut runs: Vec<&mut Inlines> = Vec::new();
        match block {
            Block::Paragraph(p) => runs.push(&mut p.content),
            Block::Heading(h) => runs.push(&mut h.content),
            Block::Image(i) => runs.extend(i.caption.iter_mut().chain(i.credit.iter_mut())),
            Block::Gallery(g) => {
                runs.extend(g.caption.iter_mut());
                for i in &mut g.images {
                    runs.extend(i.caption.iter_mut().chain(i.credit.iter_mut()));
                }
            }
            Block::Table(t) => runs.extend(t.caption.iter_mut()),
            Block::DefinitionList(d) => runs.extend(d.items.iter_mut().map(|i| &mut i.term)),
            Block::PullQuote(q) => runs.push(&mut q.content),
            _ => {}
        }
        for inlines in runs {
            inlines.0.iter_mut().for_each(&mut *f);
        }
    });
}
