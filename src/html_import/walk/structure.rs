//! Lists, definition lists, tables and notes: the containers whose items hold blocks one
//! nesting level down.

use super::*;

impl<'c> Builder<'c> {
    pub(super) fn list(
        &mut self,
        numbering: Numbering,
        node: &HtmlNode,
        children: &[HtmlNode],
        m: &Marks,
    ) {
        if self.footnotes(children, m) {
            return;
        }
        self.end_paragraph();
        let mut items = Items::default();
        self.collect_items(children, m, &mut items);
        items.close_stray();
        if items.items.is_empty() {
            return;
        }
        let ordered = numbering == Numbering::Numbers;
        let start = node
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|s| ordered && *s != 1);
        self.blocks.push(Block::List(List {
            ordered,
            start,
            reversed: ordered && node.attr("reversed").is_some(),
            items: items.items,
        }));
    }

    /// The items of a list: each `li`, a list nested straight in the list (it joins the item
    /// before it), and stray content between items (consecutive stray content is one item).
    /// Wrappers between the list and its items are looked through.
    fn collect_items(&self, children: &[HtmlNode], marks: &Marks, items: &mut Items<'c>) {
        for child in children {
            if let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            {
                match role_of(child, tag) {
                    Role::Drop => continue,
                    Role::ListItem => {
                        items.close_stray();
                        let inner_marks = marks.within(child, tag);
                        let blocks = self.container(inner, inner_marks.as_ref().unwrap_or(marks));
                        items.push(blocks);
                        continue;
                    }
                    Role::List(_) => {
                        items.close_stray();
                        let mut holder = self.child(self.depth + 1, Flow::Blocks);
                        holder.visit(child, marks);
                        items.extend_last(holder.finish());
                        continue;
                    }
                    _ if has_role(inner, Role::ListItem) => {
                        items.close_stray();
                        self.collect_items(inner, marks, items);
                        continue;
                    }
                    _ => {}
                }
            }
            items
                .stray
                .get_or_insert_with(|| self.child(self.depth + 1, Flow::Blocks))
                .visit(child, marks);
        }
    }

    pub(super) fn definition_list(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let mut items = Vec::new();
        self.collect_definitions(children, marks, &mut items);
        items.retain(|d: &Definition| !d.term.0.is_empty() || !d.details.is_empty());
        if !items.is_empty() {
            self.blocks
                .push(Block::DefinitionList(DefinitionList { items }));
        }
    }

    fn collect_definitions(&self, children: &[HtmlNode], marks: &Marks, out: &mut Vec<Definition>) {
        for child in children {
            let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            else {
                continue;
            };
            let role = role_of(child, tag);
            let own = marks.within(child, tag);
            let marks_in = own.as_ref().unwrap_or(marks);
            match role {
                Role::Drop => {}
                Role::Term => out.push(Definition {
                    term: Inlines(self.inline_runs(inner, marks_in)),
                    details: Vec::new(),
                }),
                Role::Details => {
                    let blocks = self.container(inner, marks_in);
                    if blocks.is_empty() {
                        continue;
                    }
                    match out.last_mut() {
                        Some(last) => last.details.push(Blocks(blocks)),
                        None => out.push(Definition {
                            term: Inlines::default(),
                            details: vec![Blocks(blocks)],
                        }),
                    }
                }
                // `div` groups of `dt` and `dd`, and other wrappers.
                _ => self.collect_definitions(inner, marks_in, out),
            }
        }
    }

    pub(super) fn table(&mut self, children: &[HtmlNode], marks: &Marks) {
        self.end_paragraph();
        let mut parts = TableParts::default();
        self.collect_rows(children, RowGroup::Body, marks, &mut parts);
        let TableParts {
            caption,
            mut head,
            mut rows,
        } = parts;
        // A first row of only header cells is the header when there is no `thead`.
        let all_headers = |row: &Row| {
            row.cells
                .iter()
                .all(|c| matches!(c.kind, CellKind::Header(_)))
        };
        if head.is_empty() && rows.len() > 1 && rows.first().is_some_and(all_headers) {
            head.push(rows.remove(0));
        }
        if rows.is_empty() {
            rows = std::mem::take(&mut head);
        }
        if rows.is_empty() {
            return;
        }
        self.blocks.push(Block::Table(Table {
            caption: caption.map(Inlines),
            head,
            rows,
        }));
    }

    fn collect_rows(
        &self,
        children: &[HtmlNode],
        group: RowGroup,
        marks: &Marks,
        parts: &mut TableParts,
    ) {
        for child in children {
            let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            else {
                continue;
            };
            let own = marks.within(child, tag);
            let marks_in = own.as_ref().unwrap_or(marks);
            match role_of(child, tag) {
                Role::Drop => {}
                Role::TableCaption => {
                    let runs = self.inline_runs(inner, marks_in);
                    if parts.caption.is_none() && !runs.is_empty() {
                        parts.caption = Some(runs);
                    }
                }
                Role::RowGroup(group) => self.collect_rows(inner, group, marks_in, parts),
                Role::Row => {
                    let cells = self.cells(inner, marks_in);
                    if cells.is_empty() {
                        continue;
                    }
                    let row = Row { cells };
                    match group {
                        RowGroup::Head => parts.head.push(row),
                        RowGroup::Body => parts.rows.push(row),
                    }
                }
                // Wrappers around rows (a stray `form` or `div`).
                _ => self.collect_rows(inner, group, marks_in, parts),
            }
        }
    }

    fn cells(&self, children: &[HtmlNode], marks: &Marks) -> Vec<Cell> {
        let mut cells = Vec::new();
        for child in children {
            let HtmlNode::Element {
                tag,
                children: inner,
                ..
            } = child
            else {
                continue;
            };
            let Role::Cell(cell) = role_of(child, tag) else {
                continue;
            };
            let own = marks.within(child, tag);
            let kind = match cell {
                CellTag::Data => CellKind::Data,
                CellTag::Header => CellKind::Header(child.attr("scope").and_then(parse_scope)),
            };
            cells.push(Cell {
                kind,
                colspan: span(child.attr("colspan"), 1000),
                rowspan: span(child.attr("rowspan"), 65534),
                content: Blocks(self.container(inner, own.as_ref().unwrap_or(marks))),
            });
        }
        cells
    }

    pub(super) fn note(&mut self, kind: NoteKind, children: &[HtmlNode], m: &Marks) {
        self.end_paragraph();
        let mut content = self.container(children, m);
        // The label is shown by the reader in the interface language; the note keeps the rest.
        if let Some(Block::Paragraph(Paragraph { content: runs }))
        | Some(Block::Heading(Heading { content: runs, .. })) = content.first_mut()
        {
            if let Some((_, length)) = note_label(&plain(&runs.0)) {
                runs.0 = tidy_runs(drop_chars(std::mem::take(&mut runs.0), length));
            }
            if runs.0.is_empty() {
                content.remove(0);
            }
        }
        if !content.is_empty() {
            self.blocks.push(Block::Note(Note { kind, content }));
        }
    }
}

/// Items of a list being collected.
#[derive(Default)]
struct Items<'c> {
    items: Vec<Blocks>,
    /// Stray content since the last item, collected as one item.
    stray: Option<Builder<'c>>,
}

impl Items<'_> {
    fn push(&mut self, blocks: Vec<Block>) {
        if !blocks.is_empty() {
            self.items.push(Blocks(blocks));
        }
    }

    fn close_stray(&mut self) {
        if let Some(stray) = self.stray.take() {
            let blocks = stray.finish();
            self.push(blocks);
        }
    }

    /// A list nested straight in a list belongs to the item before it.
    fn extend_last(&mut self, blocks: Vec<Block>) {
        match self.items.last_mut() {
            Some(last) => last.0.extend(blocks),
            None => self.push(blocks),
        }
    }
}

#[derive(Default)]
struct TableParts {
    caption: Option<Vec<Inline>>,
    head: Vec<Row>,
    rows: Vec<Row>,
}

fn parse_scope(value: &str) -> Option<HeaderScope> {
    match value.trim().to_ascii_lowercase().as_str() {
        "row" => Some(HeaderScope::Row),
        "col" => Some(HeaderScope::Col),
        "rowgroup" => Some(HeaderScope::RowGroup),
        "colgroup" => Some(HeaderScope::ColGroup),
        _ => None,
    }
}

/// A `colspan` or `rowspan`: at least 1 (an absent, zero or unreadable one is 1), at most `max`
/// (HTML's own limits, 1000 and 65534).
fn span(value: Option<&str>, max: u32) -> u32 {
    value
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// Removes the first `count` characters of text from the front of some runs (a note's label).
fn drop_chars(runs: Vec<Inline>, mut count: usize) -> Vec<Inline> {
    let mut out = Vec::with_capacity(runs.len());
    for mut run in runs {
        if count > 0 && matches!(run.kind, InlineKind::Text | InlineKind::Code) {
            let chars = run.text.chars().count();
            let cut = count.min(chars);
            run.text = run.text.chars().skip(cut).collect();
            count -= cut;
        } else {
            count = 0;
        }
        out.push(run);
    }
    out
}

/// The kind of note an aside is, when its text opens with a note label.
pub(super) fn note_kind(children: &[HtmlNode]) -> Option<NoteKind> {
    let text = collapse_whitespace(&leading_text(children));
    note_label(text.trim_start_matches(is_padding)).map(|(kind, _)| kind)
}
