//! The reader's state and its reducer: what is loaded, and the chosen text size.
//!
//! One reducer per mounted reader (as in Yew's `function_todomvc`), so two readers on a page
//! share nothing. Loads carry a generation number, and this reducer holds the only count of
//! them: a result that arrives after a newer load began is stale and ignored, whatever order
//! the network delivers them in.

use std::rc::Rc;

use yew::Reducible;

use crate::article::Article;
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
}

impl ReaderState {
    /// The generation the next load will carry.
    pub fn next_generation(&self) -> u64 {
        self.generation.wrapping_add(1)
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
            }
            ReaderAction::Settled(generation, _) if generation != self.generation => return self,
            ReaderAction::Settled(_, Ok(article)) => next.fetch = FetchState::Ready(article),
            ReaderAction::Settled(_, Err(error)) => next.fetch = FetchState::Failed(error),
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
}
