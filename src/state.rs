//! The reader's state and its reducer: what is loaded, how much of its body is on the page, and
//! the chosen text size.
//!
//! One reducer per mounted reader (as in Yew's `function_todomvc`), so two readers on a page
//! share nothing. Loads carry a generation number, and this reducer holds the only count of
//! them: a result that arrives after a newer load began is stale and ignored, whatever order
//! the network delivers them in.
//!
//! A long body is put on the page in slices, one task each (see [`slice_plan`]): the reducer
//! keeps the plan of a loaded article and how many of its slices are shown, and the reader's
//! root tells the stage as `data-state` ([`ReaderState::data_state`]).
//!
//! A long article's first part (its fields, and the first blocks of its body) can arrive
//! before the rest of it has been read ([`ReaderAction::FirstPart`]): the reader shows it at
//! once, marked [`Extent::FirstPart`], and the whole takes its place when it settles, keeping
//! the slices already on the page.

use std::rc::Rc;

use yew::Reducible;

use crate::article::{Article, Block, Blocks, Channel, Crumb, Inlines};
use crate::font_scale::{Mode, SizeChange, TextSize};
use crate::load::{FetchState, ReaderError};

/// Everything a reader remembers.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderState {
    /// Where the current load stands.
    pub fetch: FetchState,
    /// The text size and whether elder mode is on.
    pub size: TextSize,
    /// The generation of the newest load.
    pub generation: u64,
    /// The slices of the loaded article's body, in order; empty until an article is ready.
    pub plan: Rc<[Piece]>,
    /// How many slices of [`ReaderState::plan`] are on the page.
    pub shown: usize,
    /// The channel page this reader showed last (its title and address), kept across loads so
    /// that a not-found view can lead back to the channel the reader came from.
    pub came_from: Option<Crumb>,
    /// The page shown when the current load began (an article or channel page, with its body's
    /// progress), until that load ends: a reader who followed a link keeps reading the page
    /// they are leaving instead of a loading line, as in any browser.
    pub leaving: Option<(FetchState, BodyProgress)>,
    /// Whether the article shown is the whole one or only its first part.
    pub extent: Extent,
}

/// How much of a loaded article the reader holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extent {
    /// The whole article.
    #[default]
    Whole,
    /// A long article's first part: every field, and the first blocks of its body, shown while
    /// the rest is read. The page is still being drawn, and figures of the whole body (such as
    /// the reading time) are not shown yet.
    FirstPart,
}

impl ReaderState {
    /// The generation the next load will carry.
    pub fn next_generation(&self) -> u64 {
        self.generation.wrapping_add(1)
    }

    /// The slices that are on the page.
    pub fn pieces_shown(&self) -> &[Piece] {
        self.plan.get(..self.shown).unwrap_or_default()
    }

    /// The slice to add next, if some are still to come: the load's generation and how many
    /// slices will then be shown.
    pub fn next_slice(&self) -> Option<(u64, usize)> {
        (matches!(self.fetch, FetchState::Ready(_)) && self.shown < self.plan.len())
            .then(|| (self.generation, self.shown.saturating_add(1)))
    }

    /// Which slices of the body are on the page.
    pub fn progress(&self) -> BodyProgress {
        BodyProgress {
            plan: self.plan.clone(),
            slices: self.shown,
            extent: self.extent,
            load: self.generation,
        }
    }

    /// The reader root's `data-state`: `loading` while the article is fetched and prepared,
    /// `rendering` while its body is still being read or added to the page (the headline and
    /// the first blocks are there), `ready` once every block is on the page, `failed` when
    /// there is an error to show instead. Tests and host pages wait on it rather than on any
    /// text.
    pub fn data_state(&self) -> &'static str {
        match self.fetch {
            FetchState::Ready(_)
                if self.shown < self.plan.len() || self.extent == Extent::FirstPart =>
            {
                "rendering"
            }
            _ => self.fetch.data_state(),
        }
    }
}

/// Which slices of a body are on the page: where each ends, and how many are shown. Compared
/// by the plan's address, so that a new plan is a new body.
#[derive(Clone, Debug)]
pub struct BodyProgress {
    /// The slices, as in [`ReaderState::plan`].
    pub plan: Rc<[Piece]>,
    /// How many slices are shown.
    pub slices: usize,
    /// Whether the plan is the whole body's, or its first part's.
    pub extent: Extent,
    /// The generation of the load that brought the page: the page of a new load is a new page
    /// (see `reader::Reader`, which keys the article page by it), while a long article's first
    /// part and its whole, which come from one load, are one page.
    pub load: u64,
}

impl PartialEq for BodyProgress {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.plan, &other.plan)
            && self.slices == other.slices
            && self.extent == other.extent
            && self.load == other.load
    }
}

/// How much rendering one slice of a body may hold: about as many DOM nodes as Yew and the
/// browser create in about 10 ms (measured with `scripts/longtask.mjs`: a slice of 1,500 took
/// up to 60 ms on a busy machine), so that adding a slice stays a short task.
pub const SLICE_WEIGHT: usize = 500;

/// One slice of a body's plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The whole blocks `start..end`.
    Blocks {
        /// The index of the first block.
        start: usize,
        /// One past the index of the last block.
        end: usize,
    },
    /// Part of one long list (its items `from..to`) or table (its body rows `from..to`; the
    /// caption and head come with the first part). Consecutive parts of one block share its
    /// list or table element.
    Part {
        /// The index of the list or table block.
        block: usize,
        /// The first item or row.
        from: usize,
        /// One past the last item or row.
        to: usize,
    },
}

/// The slices of a body, in order: blocks are taken while their weight (about the number of DOM
/// nodes they become) stays under [`SLICE_WEIGHT`]; a list or table heavier than that is cut
/// between its items or rows into parts of about that weight. Every block (every item, every
/// row) is in exactly one slice, and a short body is one slice, shown at once with the
/// headline. A block of another kind, or a single item or row, heavier than a slice is a slice
/// of its own: the article's limits bound how heavy that can be.
pub fn slice_plan(blocks: &[Block]) -> Vec<Piece> {
    slice_plan_from(blocks, 0)
}

/// The slices of `blocks` from the block at `from` on, as [`slice_plan`] cuts them: the rest of
/// a body whose first part already has its slices.
pub fn slice_plan_from(blocks: &[Block], from: usize) -> Vec<Piece> {
    let mut plan = Vec::new();
    let mut start = from;
    let mut weight = 0usize;
    for (i, block) in blocks.iter().enumerate().skip(from) {
        let own = block_weight(block);
        let parts = match block {
            Block::List(list) if own > SLICE_WEIGHT => {
                Some(cut(list.items.iter().map(blocks_weight), 1))
            }
            Block::Table(table) if own > SLICE_WEIGHT => {
                let top = 4
                    + inlines_weight_of(&table.caption)
                    + table
                        .head
                        .iter()
                        .map(row_weight)
                        .fold(0, usize::saturating_add);
                Some(cut(table.rows.iter().map(row_weight), top))
            }
            _ => None,
        };
        match parts {
            Some(parts) => {
                if i > start {
                    plan.push(Piece::Blocks { start, end: i });
                }
                plan.extend(
                    parts
                        .into_iter()
                        .map(|(from, to)| Piece::Part { block: i, from, to }),
                );
                start = i.saturating_add(1);
                weight = 0;
            }
            None => {
                weight = weight.saturating_add(own);
                if weight >= SLICE_WEIGHT {
                    plan.push(Piece::Blocks {
                        start,
                        end: i.saturating_add(1),
                    });
                    start = i.saturating_add(1);
                    weight = 0;
                }
            }
        }
    }
    if start < blocks.len() {
        plan.push(Piece::Blocks {
            start,
            end: blocks.len(),
        });
    }
    plan
}

/// Cuts a sequence of weights into ranges of about [`SLICE_WEIGHT`] each, the first one
/// starting at `first` (what comes before the items in the first range).
fn cut(weights: impl Iterator<Item = usize>, first: usize) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let (mut from, mut weight, mut count) = (0, first, 0);
    for (i, w) in weights.enumerate() {
        weight = weight.saturating_add(w);
        count = i.saturating_add(1);
        if weight >= SLICE_WEIGHT {
            ranges.push((from, count));
            from = count;
            weight = 0;
        }
    }
    if from < count || ranges.is_empty() {
        ranges.push((from, count));
    }
    ranges
}

fn inlines_weight(inlines: &Inlines) -> usize {
    inlines.0.len().saturating_mul(2)
}

fn inlines_weight_of(inlines: &Option<Inlines>) -> usize {
    inlines.as_ref().map_or(0, inlines_weight)
}

fn blocks_weight(blocks: &Blocks) -> usize {
    blocks
        .0
        .iter()
        .map(block_weight)
        .fold(1, usize::saturating_add)
}

fn row_weight(row: &crate::article::Row) -> usize {
    row.cells
        .iter()
        .map(|cell| blocks_weight(&cell.content))
        .fold(1, usize::saturating_add)
}

/// About how many DOM nodes a block becomes. Nesting is bounded by the article's validation
/// (and `html_import::MAX_NESTING`), so the recursion is too.
fn block_weight(block: &Block) -> usize {
    let runs = inlines_weight;
    let maybe = inlines_weight_of;
    let sum = |parts: &mut dyn Iterator<Item = usize>| parts.fold(0, usize::saturating_add);
    let image = |image: &crate::article::Image| 4 + maybe(&image.caption) + maybe(&image.credit);
    match block {
        Block::Paragraph(p) => 1 + runs(&p.content),
        Block::Heading(h) => 1 + runs(&h.content),
        Block::Image(i) => image(i),
        Block::Gallery(gallery) => {
            sum(&mut gallery.images.iter().map(image)).saturating_add(2 + maybe(&gallery.caption))
        }
        Block::List(list) => 1 + sum(&mut list.items.iter().map(blocks_weight)),
        Block::DefinitionList(list) => {
            1 + sum(&mut list.items.iter().map(|item| {
                1 + runs(&item.term) + sum(&mut item.details.iter().map(blocks_weight))
            }))
        }
        Block::Quote(quote) => 3 + sum(&mut quote.content.iter().map(block_weight)),
        Block::PullQuote(quote) => 4 + runs(&quote.content),
        Block::Table(table) => {
            4 + maybe(&table.caption)
                + sum(&mut table.head.iter().chain(&table.rows).map(row_weight))
        }
        Block::Code(_) => 4,
        Block::Embed(_) => 6,
        Block::Math(_) | Block::Rule => 1,
        Block::Note(note) => 3 + sum(&mut note.content.iter().map(block_weight)),
        Block::Footnotes(notes) => {
            3 + sum(&mut notes.items.iter().map(|n| 1 + blocks_weight(&n.content)))
        }
    }
}

impl ReaderState {
    /// A fresh reader at a given text size and mode (the standalone page restores the
    /// reader's last ones; a host can ask for elder mode).
    pub fn with_size(size: TextSize) -> Self {
        ReaderState {
            size,
            ..ReaderState::default()
        }
    }
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            fetch: FetchState::Loading,
            size: TextSize::default(),
            generation: 0,
            plan: Rc::new([]),
            shown: 0,
            came_from: None,
            leaving: None,
            extent: Extent::Whole,
        }
    }
}

/// What can happen to a reader.
#[derive(Debug)]
pub enum ReaderAction {
    /// A load of the given generation began.
    Started(u64),
    /// The load of the given generation has read the first part of a long article (see
    /// [`Extent::FirstPart`]); it settles later with the whole, or with the error its rest
    /// turned out to have.
    FirstPart(u64, Rc<Article>),
    /// The load of the given generation ended.
    Settled(u64, Result<Rc<Article>, Rc<ReaderError>>),
    /// The load of the given generation ended with a channel page.
    Listed(u64, Rc<Channel>),
    /// The load of the given generation has this many slices of its body on the page.
    Shown(u64, usize),
    /// T+, T-, 恢复默认 or the elder-mode switch.
    Size(SizeChange),
    /// Elder mode on or off as the host asks (its `elder` attribute changed).
    SetMode(Mode),
}

impl Reducible for ReaderState {
    type Action = ReaderAction;

    fn reduce(self: Rc<Self>, action: ReaderAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ReaderAction::Started(generation) => {
                next.leaving = match &self.fetch {
                    FetchState::Ready(_) | FetchState::Channel(_) => {
                        Some((self.fetch.clone(), self.progress()))
                    }
                    // Still leaving the same page, if a load was cancelled by a newer one.
                    FetchState::Loading => self.leaving.clone(),
                    FetchState::Failed(_) => None,
                };
                next.generation = generation;
                next.fetch = FetchState::Loading;
                next.plan = Rc::new([]);
                next.shown = 0;
                next.extent = Extent::Whole;
            }
            ReaderAction::FirstPart(generation, _)
            | ReaderAction::Settled(generation, _)
            | ReaderAction::Listed(generation, _)
            | ReaderAction::Shown(generation, _)
                if generation != self.generation =>
            {
                return self
            }
            // A first part comes only while its load is still reading, once.
            ReaderAction::FirstPart(..) if self.fetch != FetchState::Loading => return self,
            ReaderAction::FirstPart(..) | ReaderAction::Settled(..) | ReaderAction::Listed(..)
                if self.leaving.is_some() =>
            {
                next.leaving = None;
                return Rc::new(next).reduce(action);
            }
            ReaderAction::FirstPart(_, article) => {
                next.plan = slice_plan(&article.body).into();
                next.shown = next.plan.len().min(1);
                next.fetch = FetchState::Ready(article);
                next.extent = Extent::FirstPart;
            }
            ReaderAction::Settled(_, Ok(article)) => {
                // After a first part, its slices stay as they were planned and shown, and the
                // rest of the body is planned after them: each slice on the page renders the
                // same blocks again, from the whole, so its elements stay (a paragraph being
                // read, a selection) and only new slices are added. Otherwise the headline
                // and the first slice come together.
                let (plan, on_page) = match (&self.fetch, self.extent) {
                    (FetchState::Ready(part), Extent::FirstPart)
                        if part.body.len() <= article.body.len() =>
                    {
                        let mut plan = self.plan.to_vec();
                        plan.extend(slice_plan_from(&article.body, part.body.len()));
                        (plan, self.shown)
                    }
                    _ => (slice_plan(&article.body), 0),
                };
                next.plan = plan.into();
                next.shown = on_page.max(1).min(next.plan.len());
                next.fetch = FetchState::Ready(article);
                next.extent = Extent::Whole;
            }
            ReaderAction::Settled(_, Err(error)) => {
                next.fetch = FetchState::Failed(error);
                next.extent = Extent::Whole;
            }
            ReaderAction::Listed(_, channel) => {
                // Only a channel with an address can be led back to.
                next.came_from = channel.url.as_ref().map(|url| Crumb {
                    name: channel.title.clone(),
                    url: Some(url.clone()),
                });
                next.fetch = FetchState::Channel(channel);
            }
            ReaderAction::Shown(_, slices) => next.shown = slices.min(self.plan.len()),
            ReaderAction::Size(change) => next.size = self.size.changed(change),
            ReaderAction::SetMode(mode) => next.size = self.size.with_mode(mode),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font_scale::FontScale;
    use crate::options::OptionsError;

    fn reduce(state: ReaderState, action: ReaderAction) -> ReaderState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn failure(message: &str) -> Rc<ReaderError> {
        Rc::new(ReaderError::Options(OptionsError::new(message)))
    }

    #[test]
    fn a_load_starts_loading_and_settles_once() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        assert_eq!((s.generation, s.fetch.data_state()), (1, "loading"));
        let err = failure("x");
        let s = reduce(s, ReaderAction::Settled(1, Err(err.clone())));
        assert_eq!(s.fetch, FetchState::Failed(err));
        assert_eq!(s.next_generation(), 2);
    }

    #[test]
    fn the_page_left_is_kept_until_the_next_one_is_there() {
        let first = article_with(Vec::new());
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        assert_eq!(s.leaving, None, "nothing was shown before the first load");
        let s = reduce(s, ReaderAction::Settled(1, Ok(first.clone())));
        let s = reduce(s, ReaderAction::Started(2));
        assert_eq!(s.fetch, FetchState::Loading);
        assert_eq!(
            s.leaving.as_ref().map(|(f, _)| f),
            Some(&FetchState::Ready(first.clone()))
        );
        // A newer load before the page arrived: still leaving the same page.
        let s = reduce(s, ReaderAction::Started(3));
        assert_eq!(
            s.leaving.as_ref().map(|(f, _)| f),
            Some(&FetchState::Ready(first))
        );
        let s = reduce(s, ReaderAction::Settled(2, Err(failure("stale"))));
        assert!(s.leaving.is_some(), "a stale result changes nothing");
        let err = failure("gone");
        let s = reduce(s, ReaderAction::Settled(3, Err(err.clone())));
        assert_eq!(
            (s.fetch.clone(), s.leaving.clone()),
            (FetchState::Failed(err), None)
        );
        // From an error view there is nothing worth keeping on screen.
        let s = reduce(s, ReaderAction::Started(4));
        assert_eq!(s.leaving, None);
    }

    #[test]
    fn stale_results_are_ignored() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Started(2));
        let s = reduce(s, ReaderAction::Settled(1, Err(failure("old"))));
        assert_eq!(s.fetch, FetchState::Loading, "generation 1 is stale");
        let err = failure("new");
        let s = reduce(s, ReaderAction::Settled(2, Err(err.clone())));
        assert_eq!(s.fetch, FetchState::Failed(err));
    }

    #[test]
    fn a_channel_page_is_ready_and_remembered_after_the_next_load() {
        let channel = |url: Option<&str>| {
            let mut doc = serde_json::json!({
                "kind": "channel", "schemaVersion": 1, "title": "理论研究", "items": []
            });
            if let Some(url) = url {
                doc["url"] = url.into();
            }
            Rc::new(crate::article::parse::channel::channel_from_value(&doc).unwrap())
        };
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Listed(0, channel(Some("/old"))));
        assert_eq!(s.fetch, FetchState::Loading, "generation 0 is stale");
        assert_eq!(s.came_from, None);
        let s = reduce(
            s,
            ReaderAction::Listed(1, channel(Some("/?article=c.json"))),
        );
        assert_eq!(s.data_state(), "ready");
        let s = reduce(s, ReaderAction::Started(2));
        let err = failure("gone");
        let s = reduce(s, ReaderAction::Settled(2, Err(err.clone())));
        assert_eq!(s.fetch, FetchState::Failed(err));
        assert_eq!(
            s.came_from,
            Some(Crumb {
                name: "理论研究".into(),
                url: Some("/?article=c.json".into())
            })
        );
        let s = reduce(s, ReaderAction::Started(3));
        let s = reduce(s, ReaderAction::Listed(3, channel(None)));
        assert_eq!(
            s.came_from, None,
            "a channel without an address cannot be led back to"
        );
    }

    #[test]
    fn a_retry_after_a_failure_is_loading_again() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Settled(1, Err(failure("x"))));
        let s = reduce(s, ReaderAction::Started(2));
        assert_eq!(s.fetch, FetchState::Loading);
    }

    #[test]
    fn font_steps_survive_reloads() {
        let s = reduce(
            ReaderState::default(),
            ReaderAction::Size(SizeChange::Bigger),
        );
        let s = reduce(s, ReaderAction::Started(5));
        assert_eq!(s.size.scale().percent(), 115);
        let s = reduce(s, ReaderAction::Size(SizeChange::Smaller));
        let s = reduce(s, ReaderAction::Size(SizeChange::Smaller));
        assert_eq!(s.size.scale().percent(), 90);
        let s = reduce(s, ReaderAction::Size(SizeChange::Reset));
        assert_eq!(s.size.scale().percent(), 100);
    }

    #[test]
    fn elder_mode_survives_reloads_and_leaves_the_chosen_size() {
        let s = reduce(
            ReaderState::default(),
            ReaderAction::Size(SizeChange::Smaller),
        );
        let s = reduce(s, ReaderAction::SetMode(Mode::Elder));
        let s = reduce(s, ReaderAction::Started(3));
        assert_eq!(s.size.mode(), Mode::Elder);
        assert_eq!(s.size.scale().percent(), 175);
        let s = reduce(s, ReaderAction::SetMode(Mode::Normal));
        assert_eq!(s.size.scale().percent(), 90);
    }

    #[test]
    fn a_saved_size_is_where_a_reader_starts() {
        let s = ReaderState::with_size(TextSize::new(FontScale::at(4), Mode::Normal));
        assert_eq!(s.size.scale().percent(), 130);
        assert_eq!(s.fetch, FetchState::Loading);
    }

    fn paragraphs(n: usize) -> Vec<Block> {
        vec![Block::Paragraph(crate::article::Paragraph::default()); n]
    }

    fn article_with(body: Vec<Block>) -> Rc<Article> {
        let mut article =
            crate::article::parse_article(include_str!("../static/articles/seed.json")).unwrap();
        article.body = body;
        Rc::new(article)
    }

    fn blocks(start: usize, end: usize) -> Piece {
        Piece::Blocks { start, end }
    }

    #[test]
    fn slices_end_where_their_weight_is_reached() {
        // An empty paragraph is one element: 500 of them fill a slice.
        assert_eq!(slice_plan(&[]), Vec::<Piece>::new());
        assert_eq!(slice_plan(&paragraphs(1)), vec![blocks(0, 1)]);
        assert_eq!(slice_plan(&paragraphs(499)), vec![blocks(0, 499)]);
        assert_eq!(slice_plan(&paragraphs(500)), vec![blocks(0, 500)]);
        assert_eq!(
            slice_plan(&paragraphs(1001)),
            vec![blocks(0, 500), blocks(500, 1000), blocks(1000, 1001)]
        );
    }

    fn empty_cell() -> crate::article::Cell {
        crate::article::Cell {
            kind: crate::article::CellKind::Data,
            colspan: 1,
            rowspan: 1,
            content: crate::article::Blocks::default(),
        }
    }

    #[test]
    fn a_long_table_is_cut_between_its_rows() {
        // Each row of 99 empty cells weighs 100; the caption-less, head-less table's first
        // part also carries the table's own 4.
        let table = Block::Table(crate::article::Table {
            caption: None,
            head: Vec::new(),
            rows: vec![
                crate::article::Row {
                    cells: vec![empty_cell(); 99]
                };
                12
            ],
        });
        let mut body = paragraphs(2);
        body.push(table);
        body.extend(paragraphs(2));
        let part = |from, to| Piece::Part { block: 2, from, to };
        assert_eq!(
            slice_plan(&body),
            vec![
                blocks(0, 2),
                part(0, 5),
                part(5, 10),
                part(10, 12),
                blocks(3, 5)
            ]
        );
    }

    #[test]
    fn a_long_list_is_cut_between_its_items_and_a_short_one_is_not() {
        let list = |items| {
            Block::List(crate::article::List {
                ordered: true,
                start: None,
                reversed: false,
                items: vec![crate::article::Blocks::default(); items],
            })
        };
        // An empty item weighs 1.
        let part = |from, to| Piece::Part { block: 0, from, to };
        assert_eq!(
            slice_plan(&[list(1200)]),
            vec![part(0, 499), part(499, 999), part(999, 1200)]
        );
        assert_eq!(slice_plan(&[list(400)]), vec![blocks(0, 1)]);
        // Planned from the third block on: the blocks before it are left out, and the list is
        // still cut at the same items.
        let mut body = paragraphs(3);
        body.push(list(1200));
        let part = |from, to| Piece::Part { block: 3, from, to };
        assert_eq!(
            slice_plan_from(&body, 2),
            vec![blocks(2, 3), part(0, 499), part(499, 999), part(999, 1200)]
        );
        assert_eq!(slice_plan_from(&body, 4), Vec::<Piece>::new());
    }

    #[test]
    fn a_long_body_is_rendering_until_its_last_slice_is_shown() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(
            s,
            ReaderAction::Settled(1, Ok(article_with(paragraphs(1001)))),
        );
        assert_eq!(
            (s.data_state(), s.pieces_shown()),
            ("rendering", &[blocks(0, 500)][..])
        );
        assert_eq!(s.next_slice(), Some((1, 2)));
        let s = reduce(s, ReaderAction::Shown(0, 3));
        assert_eq!(s.pieces_shown().len(), 1, "a stale generation is ignored");
        let s = reduce(s, ReaderAction::Shown(1, 2));
        assert_eq!((s.data_state(), s.pieces_shown().len()), ("rendering", 2));
        let s = reduce(s, ReaderAction::Shown(1, 3));
        assert_eq!((s.data_state(), s.pieces_shown().len()), ("ready", 3));
        assert_eq!(s.next_slice(), None);
        let s = reduce(s, ReaderAction::Started(2));
        assert_eq!((s.data_state(), s.pieces_shown().len()), ("loading", 0));
    }

    #[test]
    fn a_short_body_is_ready_at_once() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Settled(1, Ok(article_with(paragraphs(3)))));
        assert_eq!(
            (s.data_state(), s.pieces_shown()),
            ("ready", &[blocks(0, 3)][..])
        );
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Settled(1, Ok(article_with(Vec::new()))));
        assert_eq!(s.data_state(), "ready");
    }

    #[test]
    fn a_first_part_is_shown_then_grows_into_the_whole() {
        // 1,200 empty paragraphs (weight 1 each): slices of 500, 500 and 200. The first part
        // holds 64 of them, one slice.
        let whole = article_with(paragraphs(1200));
        let part = article_with(paragraphs(64));
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::FirstPart(1, part.clone()));
        assert_eq!(s.fetch, FetchState::Ready(part.clone()));
        assert_eq!(s.extent, Extent::FirstPart);
        assert_eq!(s.pieces_shown(), &[blocks(0, 64)][..]);
        // All of the first part is on the page, and the page is still being drawn.
        assert_eq!((s.data_state(), s.next_slice()), ("rendering", None));
        // A second first part of the same load changes nothing.
        let again = reduce(
            s.clone(),
            ReaderAction::FirstPart(1, article_with(paragraphs(2))),
        );
        assert_eq!(again.fetch, FetchState::Ready(part));
        let s = reduce(s, ReaderAction::Settled(1, Ok(whole.clone())));
        assert_eq!(s.fetch, FetchState::Ready(whole.clone()));
        assert_eq!(s.extent, Extent::Whole);
        // The slice on the page stays as it was; the rest of the body is planned after it.
        assert_eq!(s.pieces_shown(), &[blocks(0, 64)][..]);
        assert_eq!(
            &s.plan[..],
            &[
                blocks(0, 64),
                blocks(64, 564),
                blocks(564, 1064),
                blocks(1064, 1200)
            ][..]
        );
        assert_eq!(
            (s.data_state(), s.next_slice()),
            ("rendering", Some((1, 2)))
        );
        // A first part that comes after the whole (it never does) changes nothing.
        let late = reduce(
            s.clone(),
            ReaderAction::FirstPart(1, article_with(paragraphs(2))),
        );
        assert_eq!(late.fetch, FetchState::Ready(whole));
        let s = reduce(s, ReaderAction::Shown(1, 4));
        assert_eq!(s.data_state(), "ready");
    }

    #[test]
    fn slices_shown_from_a_first_part_stay_on_the_page() {
        // A first part of 1,100 paragraphs has three slices (500, 500, 100), all shown.
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(
            s,
            ReaderAction::FirstPart(1, article_with(paragraphs(1100))),
        );
        let s = reduce(s, ReaderAction::Shown(1, 3));
        assert_eq!(s.data_state(), "rendering", "the rest is still being read");
        let s = reduce(
            s,
            ReaderAction::Settled(1, Ok(article_with(paragraphs(1800)))),
        );
        assert_eq!(
            s.pieces_shown(),
            &[blocks(0, 500), blocks(500, 1000), blocks(1000, 1100)][..]
        );
        assert_eq!(&s.plan[3..], &[blocks(1100, 1600), blocks(1600, 1800)][..]);
        assert_eq!(s.next_slice(), Some((1, 4)));
    }

    #[test]
    fn a_first_part_ends_the_wait_and_a_failed_rest_replaces_it() {
        let left = article_with(paragraphs(3));
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Settled(1, Ok(left)));
        let s = reduce(s, ReaderAction::Started(2));
        assert!(s.leaving.is_some());
        // A stale first part (of the load before) is ignored.
        let s = reduce(s, ReaderAction::FirstPart(1, article_with(paragraphs(64))));
        assert_eq!(
            (s.fetch.clone(), s.leaving.is_some()),
            (FetchState::Loading, true)
        );
        let s = reduce(s, ReaderAction::FirstPart(2, article_with(paragraphs(64))));
        assert_eq!(s.leaving, None, "the new page is there");
        assert_eq!(s.data_state(), "rendering");
        let err = failure("$.body[9000]: no such block");
        let s = reduce(s, ReaderAction::Settled(2, Err(err.clone())));
        assert_eq!(s.fetch, FetchState::Failed(err));
        assert_eq!((s.extent, s.data_state()), (Extent::Whole, "failed"));
        // The next load starts from nothing, its own first part or not.
        let s = reduce(s, ReaderAction::Started(3));
        let s = reduce(s, ReaderAction::Settled(3, Ok(article_with(paragraphs(3)))));
        assert_eq!((s.extent, s.data_state()), (Extent::Whole, "ready"));
    }
}
