//! The line under the headline: 发布时间, 来源, any authors and the reading time.

use yew::prelude::*;

use super::link::{safe_link, AriaCurrent};
use super::ArticleRef;
use crate::article::{Article, DateTime};
use crate::i18n::{Labels, COLON};
use crate::reading_time::TextAmount;

/// One labelled time: a `<time datetime>` shown as the site shows it. A date-time without an
/// offset takes the article's `timeZone` when it has one (the same wall-clock time, now placed
/// in time, so the machine-readable value carries the offset); otherwise it is the site's own
/// time and its `datetime` has no offset. Validation already proved the text parses; if it
/// somehow did not, it is shown verbatim.
fn dated(class: &'static str, label: &'static str, written: &str, zone: Option<&str>) -> Html {
    let parsed = DateTime::parse(written).ok().map(|d| match zone {
        Some(zone) => d.in_time_zone(zone),
        None => d,
    });
    let shown = parsed
        .map(|d| d.display())
        .unwrap_or_else(|| written.to_owned());
    let machine = parsed
        .map(|d| d.to_iso())
        .unwrap_or_else(|| written.to_owned());
    html! {
        <span class={class}>
            { label }{ COLON }
            <time datetime={machine}>{ shown }</time>
        </span>
    }
}

/// How many blocks of a body the reading time counts in one task. A short body is counted as
/// the page is drawn, so the time is in the first paint (and in a prerendered page, as the live
/// reader draws it); a long one is counted this many blocks at a time after it, so that
/// counting a very long article adds no long task to its first screen.
pub const COUNTED_PER_TASK: usize = 1000;

/// The article's reading time in minutes, once counted (see [`COUNTED_PER_TASK`]). Counted once
/// per article, not on every render.
#[hook]
pub fn use_reading_minutes(article: &ArticleRef) -> Option<u64> {
    // A prerendered page has no later: it counts every article at once.
    let at_once_up_to = if cfg!(target_arch = "wasm32") {
        COUNTED_PER_TASK
    } else {
        usize::MAX
    };
    let at_once = use_memo(article.clone(), |article| {
        (article.body.len() <= at_once_up_to).then(|| crate::reading_time::article_minutes(article))
    });
    // The later count, with the article it is for: a count for the article shown before is
    // not this one's.
    let later = use_state(|| None::<(ArticleRef, u64)>);
    {
        let later = later.clone();
        use_effect_with(article.clone(), move |article| {
            let cancelled = std::rc::Rc::new(std::cell::Cell::new(false));
            if article.body.len() > COUNTED_PER_TASK {
                let (article, cancelled) = (article.clone(), cancelled.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let mut amount = TextAmount::of(&article.headline);
                    for run in article.body.chunks(COUNTED_PER_TASK) {
                        gloo_timers::future::TimeoutFuture::new(0).await;
                        if cancelled.get() {
                            return;
                        }
                        amount.add_blocks(run);
                    }
                    later.set(Some((article, amount.minutes())));
                });
            }
            move || cancelled.set(true)
        });
    }
    (*at_once).or_else(|| {
        later
            .as_ref()
            .filter(|(counted, _)| counted == article)
            .map(|&(_, minutes)| minutes)
    })
}

/// A source's or an author's name: a link to `url` when it has one that the URL policy allows
/// (see `safe_link`), else the name alone. Names are isolated either way (as links are by
/// `safe_link`): a direction override in one cannot run on into the next part of the line.
fn named(base: &str, name: &str, url: Option<&str>) -> Html {
    match url {
        Some(url) => safe_link(
            base,
            url,
            "",
            None,
            AriaCurrent::Elsewhere,
            html! { { name.to_owned() } },
        ),
        None => html! { <bdi>{ name.to_owned() }</bdi> },
    }
}

/// Where the meta line puts the reading time, in minutes as [`use_reading_minutes`] gives it
/// (`None` until counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingSlot {
    /// A short body's: counted as the page is drawn, so it is in the first paint, and it takes
    /// the room its text needs.
    Fitted(Option<u64>),
    /// A long body's (one that comes in slices, see `crate::components::page::ArticlePage`).
    /// Its count may come after the first paint: a first part has none (the whole body is not
    /// read yet), and a body of more than `COUNTED_PER_TASK` blocks is counted after it. Its room
    /// (`ar-kept` in the style sheet: the width of a three-digit count) is kept from the first
    /// paint, empty until the count comes, so the line neither moves nor wraps anew then. Every
    /// long body keeps it, counted late or not: a body is long or not for the whole of its load,
    /// from a first part to the whole, so the slot never changes kind while it is shown.
    Kept(Option<u64>),
}

/// Publication (and last-change) time in a `<time datetime>`, shown as the site shows it; the source, linked
/// when the article gives its address (resolved against `base`); the authors, when named; and
/// the reading time, in its [`ReadingSlot`].
///
/// A function rather than a component: the page holds its one hook, and a component would cost
/// the Wasm its own copy of Yew's lifecycle code, while the markup is the same.
pub fn meta_line(
    article: &Article,
    labels: &'static Labels,
    reading: ReadingSlot,
    base: &str,
) -> Html {
    let zone = article.time_zone.as_deref();
    let published = article
        .date_published
        .as_deref()
        .map(|written| dated("ar-published", labels.published, written, zone));
    let modified = article
        .date_modified
        .as_deref()
        .map(|written| dated("ar-modified", labels.modified, written, zone));
    let source = article.source_organization.as_ref().map(|source| {
        let name = named(base, &source.name, source.url.as_deref());
        html! { <span class="ar-source">{ labels.source }{ COLON }{ name }</span> }
    });
    let authors = (!article.author.is_empty()).then(|| {
        let names = article.author.iter().enumerate().map(|(i, person)| {
            let comma = (i > 0).then_some("、");
            html! { <>{ comma }{ named(base, &person.name, person.url.as_deref()) }</> }
        });
        html! { <span class="ar-author">{ labels.author }{ COLON }{ for names }</span> }
    });
    let text = |minutes: Option<u64>| {
        let (before, after) = labels.reading_time;
        minutes
            .filter(|&minutes| minutes > 0)
            .map(|minutes| format!("{before}{minutes}{after}"))
    };
    let reading_time = match reading {
        ReadingSlot::Fitted(minutes) => {
            text(minutes).map(|text| html! { <span class="ar-reading-time">{ text }</span> })
        }
        ReadingSlot::Kept(minutes) => Some(html! {
            <span class="ar-reading-time ar-kept">{ text(minutes) }</span>
        }),
    };
    html! {
        <p class="ar-meta">
            { published }
            if let Some(modified) = modified { { " " }{ modified } }
            // Spaces between the parts: the capture lost this one ("10:14:37来源"), and screen
            // readers and copy-paste need it.
            if let Some(source) = source { { " " }{ source } }
            if let Some(authors) = authors { { " " }{ authors } }
            if let Some(reading_time) = reading_time { { " " }{ reading_time } }
        </p>
    }
}
