//! The reader's state and its reducer: what is loaded, and the chosen text size.
//!
//! One reducer per mounted reader (as in Yew's `function_todomvc`), so two readers on a page
//! share nothing. Loads carry a generation number: a result that arrives after a newer load
//! began is stale and ignored, whatever order the network delivers them in.

use std::rc::Rc;

use yew::Reducible;

use crate::article::Article;
use crate::font_scale::FontScale;
use crate::load::{FetchState, LoadError};

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
    Settled(u64, Result<Rc<Article>, Rc<LoadError>>),
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

    fn reduce(state: ReaderState, action: ReaderAction) -> ReaderState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn stale_results_are_ignored() {
        let s = reduce(ReaderState::default(), ReaderAction::Started(1));
        let s = reduce(s, ReaderAction::Started(2));
        let err = Rc::new(LoadError::BadOptions("old".into()));
        let s = reduce(s, ReaderAction::Settled(1, Err(err)));
        assert_eq!(s.fetch, FetchState::Loading, "generation 1 is stale");
        let err = Rc::new(LoadError::BadOptions("new".into()));
        let s = reduce(s, ReaderAction::Settled(2, Err(err.clone())));
        assert_eq!(s.fetch, FetchState::Failed(err));
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
}
