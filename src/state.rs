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

use std::rc::Rc;

use yew::Reducible;

use crate::article::{Article, Block, Blocks, Inlines};
use crate::font_scale::FontScale;
use crate::load::{FetchState, ReaderError};

/// Everything a reader remembers.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderState {
    /// Where the current load stands.
    pub fetch: FetchState,
    /// The body text size.
    pub font: FontScale,
    /// The generation of the newest load.
    pub generation: u64,
    /// Where each slice of the loaded article's body ends (an index into its blocks), in
    /// order; empty until an article is ready.
    pub plan: Rc<[usize]>,
    /// How many slices of [`ReaderState::plan`] are on the page.
    pub shown: usize,
}

impl ReaderState {
    /// The generation the next load will carry.
    pub fn next_generation(&self) -> u64 {
        self.generation.wrapping_add(1)
    }

    /// How many of the body's blocks are on the page.
    pub fn blocks_shown(&self) -> usize {
        self.shown
            .checked_sub(1)
            .and_then(|last| self.plan.get(last))
            .copied()
            .unwrap_or(0)
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
        }
    }

    /// The reader root's `data-state`: `loading` while the article is fetched and prepared,
    /// `rendering` while its body is still being added to the page (the headline and the first
    /// blocks are there), `ready` once every block is on the page, `failed` when there is an
    /// error to show instead. Tests and host pages wait on it rather than on any text.
    pub fn data_state(&self) -> &'static str {
        match self.fetch {
            FetchState::Ready(_) if self.shown < self.plan.len() => "rendering",
            _ => self.fetch.data_state(),
        }
    }
}

/// Which slices of a body are on the page: where each ends, and how many are shown. Compared
/// by the plan's address, so that a new plan is a new body.
#[derive(Clone, Debug)]
pub struct BodyProgress {
    /// Where each slice ends, as in [`ReaderState::plan`].
    pub plan: Rc<[usize]>,
    /// How many slices are shown.
    pub slices: usize,
}

impl PartialEq for BodyProgress {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.plan, &other.plan) && self.slices == other.slices
    }
}

/// How much rendering one slice of a body may hold: about as many DOM nodes as Yew and the
/// browser create in about 10 ms (measured with `scripts/longtask.mjs`: a slice of 1,500 took
/// up to 60 ms on a busy machine), so that adding a slice stays a short task. A block larger
/// than this is a slice of its own.
pub const SLICE_WEIGHT: usize = 500;

/// Where the slices of a body end: blocks are taken in order until their weight (about the
/// number of DOM nodes they become) reaches [`SLICE_WEIGHT`]. Every block is in exactly one
/// slice, and a short body is one slice, shown at once with the headline.
pub fn slice_plan(blocks: &[Block]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut weight = 0usize;
    for (i, block) in blocks.iter().enumerate() {
        weight = weight.saturating_add(block_weight(block));
        if weight >= SLICE_WEIGHT {
            ends.push(i.saturating_add(1));
            weight = 0;
        }
    }
    if weight > 0 {
        ends.push(blocks.len());
    }
    ends
}

/// About how many DOM nodes a block becomes. Nesting is bounded by the article's validation
/// (and `html_import::MAX_NESTING`), so the recursion is too.
fn block_weight(block: &Block) -> usize {
    let runs = |inlines: &Inlines| inlines.0.len().saturating_mul(2);
    let maybe = |inlines: &Option<Inlines>| inlines.as_ref().map_or(0, runs);
    let blocks = |blocks: &Blocks| {
        blocks
            .0
            .iter()
            .map(block_weight)
            .fold(1, usize::saturating_add)
    };
    let sum = |parts: &mut dyn Iterator<Item = usize>| parts.fold(0, usize::saturating_add);
    match block {
        Block::Paragraph(p) => 1 + runs(&p.content),
        Block::Heading(h) => 1 + runs(&h.content),
        Block::Image(image) => 4 + maybe(&image.caption) + maybe(&image.credit),
        Block::Gallery(gallery) => sum(&mut gallery
            .images
            .iter()
            .map(|image| 4 + maybe(&image.caption) + maybe(&image.credit)))
        .saturating_add(2 + maybe(&gallery.caption)),
        Block::List(list) => 1 + sum(&mut list.items.iter().map(blocks)),
        Block::DefinitionList(list) => {
            1 + sum(&mut list
                .items
                .iter()
                .map(|item| 1 + runs(&item.term) + sum(&mut item.details.iter().map(blocks))))
        }
        Block::Quote(quote) => 3 + sum(&mut quote.content.iter().map(block_weight)),
        Block::PullQuote(quote) => 4 + runs(&quote.content),
        Block::Table(table) => {
            let row = |row: &crate::article::Row| {
                1 + sum(&mut row.cells.iter().map(|c| blocks(&c.content)))
            };
            4 + maybe(&table.caption) + sum(&mut table.head.iter().chain(&table.rows).map(row))
        }
        Block::Code(_) => 4,
        Block::Embed(_) => 6,
        Block::Math(_) | Block::Rule => 1,
        Block::Note(note) => 3 + sum(&mut note.content.iter().map(block_weight)),
        Block::Footnotes(notes) => 3 + sum(&mut notes.items.iter().map(|n| 1 + blocks(&n.content))),
    }
}

impl ReaderState {
    /// A fresh reader at a given text size (the standalone page restores the reader's last one).
    pub fn with_font(font: FontScale) -> Self {
        ReaderState {
            font,
            ..ReaderState::default()
        }
    }
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            fetch: FetchState::Loading,
            font: FontScale::default(),
            generation: 0,
            plan: Rc::new([]),
            shown: 0,
        }
    }
}

/// What can happen to a reader.
#[derive(Debug)]
pub enum ReaderAction {
    /// A load of the given generation began.
    Started(u64),
    /// The load of the given generation ended.
    Settled(u64, Result<Rc<Article>, Rc<ReaderError>>),
    /// The load of the given generation has this many slices of its body on the page.
    Shown(u64, usize),
    /// T+.
    Bigger,
    /// T-.
    Smaller,
}

impl Reducible for ReaderState {
    type Action = ReaderAction;

    fn reduce(self: Rc<Self>, action: ReaderAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ReaderAction::Started(generation) => {
                next.generation = generation;
                next.fetch = FetchState::Loading;
                next.plan = Rc::new([]);
                next.shown = 0;
            }
            ReaderAction::Settled(generation, _) | ReaderAction::Shown(generation, _)
                if generation != self.generation =>
            {
                return self
            }
            ReaderAction::Settled(_, Ok(article)) => {
                next.plan = slice_plan(&article.body).into();
                // The headline and the first slice come together.
                next.shown = next.plan.len().min(1);
                next.fetch = FetchState::Ready(article);
            }
            ReaderAction::Settled(_, Err(error)) => next.fetch = FetchState::Failed(error),
            ReaderAction::Shown(_, slices) => next.shown = slices.min(self.plan.len()),
            ReaderAction::Bigger => next.font = self.font.bigger(),
            ReaderAction::Smaller => next.font = self.font.smaller(),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn a_retry_after_a_failure_is_loading_again() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Settled(1, Err(failure("x"))));
        let s = reduce(s, ReaderAction::Started(2));
        assert_eq!(s.fetch, FetchState::Loading);
    }

    #[test]
    fn font_steps_survive_reloads() {
        let s = reduce(ReaderState::default(), ReaderAction::Bigger);
        let s = reduce(s, ReaderAction::Started(5));
        assert_eq!(s.font.percent(), 115);
        let s = reduce(s, ReaderAction::Smaller);
        let s = reduce(s, ReaderAction::Smaller);
        assert_eq!(s.font.percent(), 90);
    }

    #[test]
    fn a_saved_size_is_where_a_reader_starts() {
        let s = ReaderState::with_font(FontScale::at(4));
        assert_eq!(s.font.percent(), 130);
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

    #[test]
    fn slices_end_where_their_weight_is_reached() {
        // An empty paragraph is one element: 500 of them fill a slice.
        assert_eq!(slice_plan(&[]), Vec::<usize>::new());
        assert_eq!(slice_plan(&paragraphs(1)), vec![1]);
        assert_eq!(slice_plan(&paragraphs(499)), vec![499]);
        assert_eq!(slice_plan(&paragraphs(500)), vec![500]);
        assert_eq!(slice_plan(&paragraphs(1001)), vec![500, 1000, 1001]);
    }

    #[test]
    fn a_heavy_block_is_a_slice_of_its_own() {
        let cell = crate::article::Cell {
            kind: crate::article::CellKind::Data,
            colspan: 1,
            rowspan: 1,
            content: crate::article::Blocks::default(),
        };
        let table = Block::Table(crate::article::Table {
            caption: None,
            head: Vec::new(),
            rows: vec![
                crate::article::Row {
                    cells: vec![cell; 100]
                };
                20
            ],
        });
        let mut body = paragraphs(2);
        body.push(table);
        body.extend(paragraphs(2));
        assert_eq!(slice_plan(&body), vec![3, 5]);
    }

    #[test]
    fn a_long_body_is_rendering_until_its_last_slice_is_shown() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(
            s,
            ReaderAction::Settled(1, Ok(article_with(paragraphs(3001)))),
        );
        assert_eq!((s.data_state(), s.blocks_shown()), ("rendering", 1500));
        assert_eq!(s.next_slice(), Some((1, 2)));
        let s = reduce(s, ReaderAction::Shown(0, 3));
        assert_eq!(s.blocks_shown(), 1500, "a stale generation is ignored");
        let s = reduce(s, ReaderAction::Shown(1, 2));
        assert_eq!((s.data_state(), s.blocks_shown()), ("rendering", 3000));
        let s = reduce(s, ReaderAction::Shown(1, 3));
        assert_eq!((s.data_state(), s.blocks_shown()), ("ready", 3001));
        assert_eq!(s.next_slice(), None);
        let s = reduce(s, ReaderAction::Started(2));
        assert_eq!((s.data_state(), s.blocks_shown()), ("loading", 0));
    }

    #[test]
    fn a_short_body_is_ready_at_once() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Settled(1, Ok(article_with(paragraphs(3)))));
        assert_eq!((s.data_state(), s.blocks_shown()), ("ready", 3));
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Settled(1, Ok(article_with(Vec::new()))));
        assert_eq!(s.data_state(), "ready");
    }
}
