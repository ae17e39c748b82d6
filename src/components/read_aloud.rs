//! 朗读: reads the article aloud with the browser's `speechSynthesis`, in the article's language.
//!
//! 朗读 reads continuously (连读): the headline, then the body's blocks in order (paragraphs,
//! section headings, list items, quotes, definitions, and the captions of figures, whose
//! images are skipped), one block after another, each block as one utterance or, when long, as
//! several cut at sentence ends (`crate::speech::utterances`). The block being read wears
//! [`READING`] and is scrolled into view. 暂停 / 继续 pause and resume, 停止 stops.
//!
//! 指读 (click to read) is a switch: while it is on, clicking a block reads that block alone,
//! or, while reading continuously, goes on reading from that block. Elder mode turns it on
//! through a documented hook: while the reader's root (`.article-reader`) has the class
//! [`ELDER`], 指读 is on unless the reader has pressed the switch; the component watches the
//! class, so the feature that sets it needs nothing else from this one.
//!
//! The blocks are found on the page, not in the article's model, so what is read is what is
//! shown (in the script the 繁/简 switch chose) and the element to highlight is the one read.
//! A body still arriving in slices is read as far as it has come: the next block is looked up
//! when the one before ends.
//!
//! Speech stops (`speechSynthesis.cancel()`) when the article changes (another article, or the
//! same one in the other script), when the reader goes away, and when the page is left, so no
//! utterance goes on over the next page. A browser without `speechSynthesis` shows no controls.
//! A language with no voice gets a message, never a voice of another language.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
use yew::prelude::*;

use super::ArticleRef;
use crate::i18n::Labels;
use crate::speech::{choose_voice, language_name, utterances, MAX_UTTERANCE_CHARS};

/// Class of the block being read.
pub const READING: &str = "ar-reading";
/// Class of the article while 指读 is on (its blocks then show they can be clicked).
pub const POINTING: &str = "ar-pointing";
/// Class of the reader's root in elder mode, which turns 指读 on (see the module's note).
pub const ELDER: &str = "ar-elder";

/// The blocks that are read, in the article: the headline and the body's text blocks. An
/// element that holds another of them (a list item of paragraphs, a quote) is read through
/// those, so only the innermost count (see [`readable`]). A refused image's notice is not read.
const READABLE: &str =
    ".ar-headline, .ar-body :is(p, h2, h3, h4, li, figcaption, dt, dd):not(.ar-blocked)";

/// What a click on these is for: it never reads a block.
const INTERACTIVE: &str = "a, button, input, select, textarea, summary, label, [role=button]";

/// Whether reading is going on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Idle,
    Speaking,
    Paused,
}

/// The status line: announced once when it changes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Note {
    Quiet,
    Started,
    Stopped,
    Finished,
    Failed,
    /// No voice speaks the article's language, named here in the interface language.
    NoVoice(String),
}

/// What the controls show.
#[derive(Clone, Debug, PartialEq, Eq)]
struct View {
    phase: Phase,
    note: Note,
}

/// How far reading goes from the block it starts at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// On to the end of the article (连读).
    Onward,
    /// That block only (指读 while not reading).
    Only,
}

/// Whether 指读 is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pointing {
    Off,
    On,
}

/// How reading ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// The synthesizer has nothing more of ours to say.
    Done,
    /// The synthesizer is told to drop what it still has.
    Cancel,
}

/// The utterance being spoken and its handlers. Dropping it detaches the handlers first, so
/// that the synthesizer never calls a dropped closure (browsers fire `error` on a cancelled
/// utterance after the fact).
struct Live {
    utterance: SpeechSynthesisUtterance,
    _on_end: Closure<dyn FnMut(Event)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.utterance.set_onend(None);
        self.utterance.set_onerror(None);
    }
}

/// One reading, from start to stop.
struct Session {
    synth: SpeechSynthesis,
    voice: SpeechSynthesisVoice,
    lang: AttrValue,
    /// The `.ar-article` the blocks are looked up in.
    article: Element,
    /// The block being read, and its utterances.
    block: Element,
    pieces: Vec<String>,
    piece: usize,
    scope: Scope,
    phase: Phase,
    live: Option<Live>,
    report: Callback<View>,
}

/// The reading of one component, if any.
type Slot = Rc<RefCell<Option<Session>>>;

/// How many readings this component has started or stopped: a start still waiting for the
/// browser's voices goes ahead only if nothing started or stopped since (the article changed,
/// the reader went away, 停止 or another 朗读 was pressed).
type Starts = Rc<RefCell<u64>>;

/// Counts a start or a stop, and returns the new count.
fn bump(starts: &Starts) -> u64 {
    let mut count = starts.borrow_mut();
    *count = count.wrapping_add(1);
    *count
}

/// The page's synthesizer; `None` in a browser without one.
fn synthesizer() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    let synth = js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok()?;
    // Checked as an object rather than by class: a page may stand in its own (tests do).
    synth.is_object().then(|| synth.unchecked_into())
}

/// Whether the controls are shown. Outside a browser (the prerender command) they are, so that
/// the prerendered page has the markup the live reader takes over in a browser that speaks.
#[cfg(target_arch = "wasm32")]
fn available() -> bool {
    synthesizer().is_some()
}

#[cfg(not(target_arch = "wasm32"))]
fn available() -> bool {
    true
}

/// The blocks of `article` that are read, in document order: the innermost of [`READABLE`]
/// with any text.
fn readable(article: &Element) -> Vec<Element> {
    let Ok(list) = article.query_selector_all(READABLE) else {
        return Vec::new();
    };
    // A loop rather than a chain of filters: the chain's adapters would be compiled for this
    // one use.
    let mut blocks = Vec::new();
    for i in 0..list.length() {
        let Some(el) = list
            .item(i)
            .and_then(|node| node.dyn_into::<Element>().ok())
        else {
            continue;
        };
        if el.query_selector(READABLE).ok().flatten().is_none() && has_text(&el) {
            blocks.push(el);
        }
    }
    blocks
}

/// Whether `block` has anything to say. Only looked at, not cut into utterances: finding the
/// next block walks the whole article, so its cost per block must stay small (cutting every
/// block's text at every step would make reading an article quadratic in its length).
fn has_text(block: &Element) -> bool {
    block
        .text_content()
        .is_some_and(|text| text.chars().any(|c| !c.is_whitespace()))
}

/// The utterances of one block.
fn pieces_of(block: &Element) -> Vec<String> {
    utterances(
        &block.text_content().unwrap_or_default(),
        MAX_UTTERANCE_CHARS,
    )
}

/// Marks `block` as being read and scrolls it into view, smoothly unless the reader asked for
/// reduced motion.
fn highlight(block: &Element) {
    let _ = block.class_list().add_1(READING);
    let reduced = web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches());
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    options.set_behavior(if reduced {
        web_sys::ScrollBehavior::Auto
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    block.scroll_into_view_with_scroll_into_view_options(&options);
}

fn unhighlight(block: &Element) {
    let _ = block.class_list().remove_1(READING);
}

/// Speaks the session's current utterance.
fn speak(slot: &Slot) {
    let next = {
        let mut guard = slot.borrow_mut();
        let Some(session) = guard.as_mut() else {
            return;
        };
        session
            .pieces
            .get(session.piece)
            .and_then(|text| SpeechSynthesisUtterance::new_with_text(text).ok())
            .map(|utterance| {
                utterance.set_lang(&session.lang);
                utterance.set_voice(Some(&session.voice));
                let on_end = {
                    let slot = Rc::downgrade(slot);
                    Closure::<dyn FnMut(Event)>::new(move |_: Event| {
                        if let Some(slot) = slot.upgrade() {
                            advance(&slot);
                        }
                    })
                };
                let on_error = {
                    let slot = Rc::downgrade(slot);
                    Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                        let Some(slot) = slot.upgrade() else {
                            return;
                        };
                        // Another reader (or page script) cancelling ours is a stop, not a
                        // failure.
                        // Nor does it cancel again: the synthesizer is the page's, and a cancel
                        // now would silence the reading that interrupted this one.
                        let (note, ending) = match event
                            .dyn_into::<web_sys::SpeechSynthesisErrorEvent>()
                            .map(|e| e.error())
                        {
                            Ok(
                                web_sys::SpeechSynthesisErrorCode::Interrupted
                                | web_sys::SpeechSynthesisErrorCode::Canceled,
                            ) => (Note::Stopped, Ending::Done),
                            _ => (Note::Failed, Ending::Cancel),
                        };
                        end(&slot, note, ending);
                    })
                };
                utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
                utterance.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                session.live = Some(Live {
                    utterance: utterance.clone(),
                    _on_end: on_end,
                    _on_error: on_error,
                });
                (session.synth.clone(), utterance)
            })
    };
    // Spoken with the session released: a synthesizer may call back at once.
    match next {
        Some((synth, utterance)) => synth.speak(&utterance),
        None => end(slot, Note::Failed, Ending::Cancel),
    }
}

/// After an utterance ends: the block's next utterance, else the next block (reading onward),
/// else the end.
fn advance(slot: &Slot) {
    let more = {
        let mut guard = slot.borrow_mut();
        let Some(session) = guard.as_mut() else {
            return;
        };
        session.piece += 1;
        if session.piece < session.pieces.len() {
            true
        } else if session.scope == Scope::Only {
            false
        } else {
            let blocks = readable(&session.article);
            let next = blocks
                .iter()
                .position(|el| *el == session.block)
                .and_then(|at| blocks.get(at + 1));
            match next {
                Some(next) => {
                    unhighlight(&session.block);
                    session.block = next.clone();
                    session.pieces = pieces_of(next);
                    session.piece = 0;
                    highlight(next);
                    true
                }
                None => false,
            }
        }
    };
    if more {
        speak(slot);
    } else {
        end(slot, Note::Finished, Ending::Done);
    }
}

/// Ends the reading in `slot`, if any, and shows `note`.
fn end(slot: &Slot, note: Note, ending: Ending) {
    let Some(mut session) = slot.borrow_mut().take() else {
        return;
    };
    // Detached before cancelling, so that the cancelled utterance's events reach nothing.
    session.live = None;
    if ending == Ending::Cancel {
        // Chrome keeps a paused synthesizer paused across `cancel`, and would then not speak
        // the next reading: resume first.
        if session.phase == Phase::Paused {
            session.synth.resume();
        }
        session.synth.cancel();
    }
    unhighlight(&session.block);
    session.report.emit(View {
        phase: Phase::Idle,
        note,
    });
}

/// The voices, once the browser has them: Chrome and Firefox load the list after the page
/// asks for it, so an empty list is asked again for up to two seconds before it counts as
/// having no voice.
async fn voices(synth: &SpeechSynthesis) -> js_sys::Array {
    for _ in 0..20 {
        let voices = synth.get_voices();
        if voices.length() > 0 {
            return voices;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    synth.get_voices()
}

/// What a reading starts with.
struct Start {
    article: Element,
    block: Element,
    scope: Scope,
    lang: AttrValue,
    labels: &'static Labels,
    report: Callback<View>,
    starts: Starts,
}

/// Starts reading at `start.block`, ending any reading of this component first.
fn start(slot: &Slot, start: Start) {
    // A jump within a reading: the old utterance goes (cancelled below, once the voice is
    // known), without a "stopped" in between.
    let was_paused = slot.borrow_mut().take().is_some_and(|mut session| {
        session.live = None;
        unhighlight(&session.block);
        session.phase == Phase::Paused
    });
    let Some(synth) = synthesizer() else {
        return;
    };
    let ticket = bump(&start.starts);
    // Held weakly while the voices load: a reader gone meanwhile is not brought back to speak.
    let slot = Rc::downgrade(slot);
    wasm_bindgen_futures::spawn_local(async move {
        let voices = voices(&synth).await;
        let Some(slot) = slot.upgrade() else {
            return;
        };
        if *start.starts.borrow() != ticket {
            return;
        }
        let langs: Vec<String> = voices
            .iter()
            .map(|voice| voice.unchecked_into::<SpeechSynthesisVoice>().lang())
            .collect();
        let chosen = choose_voice(&start.lang, langs.iter().map(String::as_str))
            .and_then(|at| u32::try_from(at).ok())
            .map(|at| voices.get(at).unchecked_into::<SpeechSynthesisVoice>());
        let Some(voice) = chosen else {
            if was_paused {
                synth.resume();
            }
            synth.cancel();
            let speech = &start.labels.speech;
            let name = language_name(&start.lang, speech.names_in);
            start.report.emit(View {
                phase: Phase::Idle,
                note: Note::NoVoice(format!("{}{name}{}", speech.no_voice.0, speech.no_voice.1)),
            });
            return;
        };
        // Whatever the synthesizer still has queued (a reading just replaced) goes; a paused
        // one is resumed first (see `end`).
        if was_paused {
            synth.resume();
        }
        synth.cancel();
        highlight(&start.block);
        *slot.borrow_mut() = Some(Session {
            synth,
            voice,
            lang: start.lang,
            article: start.article,
            pieces: pieces_of(&start.block),
            block: start.block,
            piece: 0,
            scope: start.scope,
            phase: Phase::Speaking,
            live: None,
            report: start.report.clone(),
        });
        start.report.emit(View {
            phase: Phase::Speaking,
            note: Note::Started,
        });
        speak(&slot);
    });
}

/// What [`use_read_aloud`] reads.
pub struct ReadAloudProps {
    /// The article on the page: when it changes, reading stops.
    pub article: ArticleRef,
    /// The article's language tag, which the voice must speak.
    pub lang: AttrValue,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// 朗读, 暂停 / 继续, 停止 and 指读, with a status line; nothing in a browser without speech.
///
/// 暂停 and 停止 are marked `aria-disabled` while nothing is read, and 朗读 while reading, as
/// T+ is at its bound (see `super::toolbar`): they keep focus and do nothing.
///
/// A hook that renders, rather than a component: the page calls it with its other hooks and
/// places what it returns, so the Wasm carries no copy of Yew's component lifecycle for it,
/// while the markup, the state and the effects are the same.
#[hook]
pub fn use_read_aloud(props: &ReadAloudProps) -> Html {
    let group = use_node_ref();
    let slot: Slot = use_mut_ref(|| None);
    let starts: Starts = use_mut_ref(|| 0);
    let view = use_state(|| View {
        phase: Phase::Idle,
        note: Note::Quiet,
    });
    // 指读 as the reader set it, and as elder mode sets it until then.
    let choice = use_state(|| None::<Pointing>);
    let elder = use_state(|| Pointing::Off);
    let pointing = choice.unwrap_or(*elder);
    let report = {
        let view = view.setter();
        Callback::from(move |next: View| view.set(next))
    };
    let labels = &props.labels.speech;
    let article_of = {
        let group = group.clone();
        move || {
            group
                .cast::<Element>()
                .and_then(|g| g.closest(".ar-article").ok().flatten())
        }
    };

    // Another article (or this one in the other script), the reader going away and the page
    // being left all stop the reading.
    {
        let (slot, starts) = (slot.clone(), starts.clone());
        use_effect_with(props.article.clone(), move |_| {
            // Asking once makes Chrome start loading its voices, so they are there on 朗读.
            if let Some(synth) = synthesizer() {
                let _ = synth.get_voices();
            }
            let leave = web_sys::window().map(|window| {
                let (slot, starts) = (slot.clone(), starts.clone());
                gloo_events::EventListener::new(&window, "pagehide", move |_| {
                    bump(&starts);
                    end(&slot, Note::Quiet, Ending::Cancel);
                })
            });
            move || {
                drop(leave);
                bump(&starts);
                end(&slot, Note::Quiet, Ending::Cancel);
            }
        });
    }

    // Elder mode's hook: the root's class, watched.
    {
        let (group, elder) = (group.clone(), elder.clone());
        use_effect_with((), move |()| {
            let root = group
                .cast::<Element>()
                .and_then(|g| g.closest(".article-reader").ok().flatten());
            let watch = root.and_then(|root| {
                let state = move |root: &Element| {
                    if root.class_list().contains(ELDER) {
                        Pointing::On
                    } else {
                        Pointing::Off
                    }
                };
                elder.set(state(&root));
                let observed = root.clone();
                let callback = Closure::<dyn FnMut()>::new(move || elder.set(state(&observed)));
                let observer =
                    web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                let options = web_sys::MutationObserverInit::new();
                options.set_attributes(true);
                options.set_attribute_filter(&js_sys::Array::of1(&"class".into()));
                observer.observe_with_options(&root, &options).ok()?;
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = watch {
                    observer.disconnect();
                }
            }
        });
    }

    // 指读: while on, a click on a block reads it.
    {
        let (slot, report, lang, labels, starts) = (
            slot.clone(),
            report.clone(),
            props.lang.clone(),
            props.labels,
            starts.clone(),
        );
        let article_of = article_of.clone();
        use_effect_with((pointing, props.article.clone()), move |(pointing, _)| {
            let on = *pointing == Pointing::On;
            let listener = article_of().filter(|_| on).map(|article| {
                let _ = article.class_list().add_1(POINTING);
                let target = article.clone();
                let listener = gloo_events::EventListener::new(&target, "click", move |event| {
                    let Some(clicked) = event.target().and_then(|t| t.dyn_into::<Element>().ok())
                    else {
                        return;
                    };
                    if clicked.closest(INTERACTIVE).ok().flatten().is_some() {
                        return;
                    }
                    let Some(block) = readable(&article)
                        .into_iter()
                        .find(|el| el.contains(Some(&clicked)))
                    else {
                        return;
                    };
                    // While reading on, the reading moves to the block; otherwise only the
                    // block is read.
                    let scope = if slot.borrow().is_some() {
                        Scope::Onward
                    } else {
                        Scope::Only
                    };
                    start(
                        &slot,
                        Start {
                            article: article.clone(),
                            block,
                            scope,
                            lang: lang.clone(),
                            labels,
                            report: report.clone(),
                            starts: starts.clone(),
                        },
                    );
                });
                (target, listener)
            });
            move || {
                if let Some((article, _listener)) = listener {
                    let _ = article.class_list().remove_1(POINTING);
                }
            }
        });
    }

    if !available() {
        return Html::default();
    }
    let reading = view.phase != Phase::Idle;
    let read = {
        let (slot, report, lang, labels, starts) = (
            slot.clone(),
            report.clone(),
            props.lang.clone(),
            props.labels,
            starts.clone(),
        );
        let article_of = article_of.clone();
        Callback::from(move |_: MouseEvent| {
            if reading {
                return;
            }
            let Some(article) = article_of() else {
                return;
            };
            let Some(block) = readable(&article).into_iter().next() else {
                return;
            };
            start(
                &slot,
                Start {
                    article,
                    block,
                    scope: Scope::Onward,
                    lang: lang.clone(),
                    labels,
                    report: report.clone(),
                    starts: starts.clone(),
                },
            );
        })
    };
    let pause = {
        let (slot, view) = (slot.clone(), view.clone());
        Callback::from(move |_: MouseEvent| {
            let mut guard = slot.borrow_mut();
            let Some(session) = guard.as_mut() else {
                return;
            };
            let phase = match session.phase {
                Phase::Speaking => {
                    session.synth.pause();
                    Phase::Paused
                }
                Phase::Paused => {
                    session.synth.resume();
                    Phase::Speaking
                }
                Phase::Idle => return,
            };
            session.phase = phase;
            drop(guard);
            view.set(View {
                phase,
                note: view.note.clone(),
            });
        })
    };
    let stop = {
        let (slot, starts) = (slot.clone(), starts.clone());
        Callback::from(move |_: MouseEvent| {
            bump(&starts);
            end(&slot, Note::Stopped, Ending::Cancel);
        })
    };
    let toggle = {
        let choice = choice.clone();
        Callback::from(move |_: MouseEvent| {
            choice.set(Some(match pointing {
                Pointing::On => Pointing::Off,
                Pointing::Off => Pointing::On,
            }));
        })
    };
    // Nothing at all while quiet, not an empty text: the prerendered page has none, and its
    // takeover compares the text nodes.
    let note = match &view.note {
        Note::Quiet => None,
        Note::Started => Some(labels.started),
        Note::Stopped => Some(labels.stopped),
        Note::Finished => Some(labels.finished),
        Note::Failed => Some(labels.failed),
        Note::NoVoice(message) => Some(message.as_str()),
    };
    let off = |disabled: bool| disabled.then_some("true");
    html! {
        <div class="ar-aloud" role="group" aria-label={labels.group} ref={group}>
            <button type="button" class="ar-aloud-read" aria-disabled={off(reading)}
                    onclick={read}>
                { labels.read }
            </button>
            <button type="button" class="ar-aloud-pause" aria-disabled={off(!reading)}
                    onclick={pause}>
                { if view.phase == Phase::Paused { labels.resume } else { labels.pause } }
            </button>
            <button type="button" class="ar-aloud-stop" aria-disabled={off(!reading)}
                    onclick={stop}>
                { labels.stop }
            </button>
            <button type="button" class="ar-aloud-point" title={labels.point_hint}
                    aria-pressed={if pointing == Pointing::On { "true" } else { "false" }}
                    onclick={toggle}>
                { labels.point }
            </button>
            <span class="ar-aloud-status" role="status" aria-live="polite">{ note }</span>
        </div>
    }
}
