//! How far through the article the reader is: a thin bar along the toolbar's lower edge.
//!
//! The bar is decoration for sighted readers and is hidden from assistive technology: a
//! progress bar that changed its value on every scroll would either be announced over and over
//! or, as a `progressbar` nobody focuses, not at all, and the scroll position is something a
//! screen reader already reports. It never takes focus.
//!
//! The fraction read is [`fraction_read`] (pure); the component measures the article's box
//! once per animation frame while the page scrolls or resizes, and hands the fraction to the
//! style sheet as a whole number of thousandths in a custom property set through the CSS
//! object model (allowed under the reader's content security policy, unlike a `style`
//! attribute, and a whole number needs no float printer in the wasm).

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The fraction of an article read, in thousandths: 0 while its top is still below the top of
/// the viewport, 1,000 once its end is in view, and in between as its box scrolls past. An
/// article no taller than the viewport is read as soon as its top reaches the viewport's top.
///
/// `top` is the article's top relative to the viewport (negative once scrolled past), `height`
/// its height and `viewport` the viewport's height, all in CSS pixels.
pub fn fraction_read(top: f64, height: f64, viewport: f64) -> u32 {
    let scrollable = height - viewport;
    if !(top.is_finite() && scrollable.is_finite()) {
        return 0;
    }
    if scrollable <= 0.0 {
        return if top <= 0.0 { 1000 } else { 0 };
    }
    let fraction = (-top / scrollable).clamp(0.0, 1.0);
    // In range by the clamp; `as` on a finite value in 0..=1000 is exact after rounding.
    (fraction * 1000.0).round() as u32
}

/// The bar's element, watched while the page that calls this hook is shown (the bar keeps
/// no state of its own: it writes its fraction into its own style, not through a render).
/// Render it with [`reading_progress`].
#[hook]
pub fn use_reading_progress() -> NodeRef {
    let bar = use_node_ref();
    {
        let bar = bar.clone();
        use_effect_with((), move |()| {
            let watching = watch(bar);
            move || drop(watching)
        });
    }
    bar
}

/// The bar, `bar` from [`use_reading_progress`]. It finds its article as the closest
/// `.ar-article` around itself, so it can sit anywhere inside one (the toolbar puts it on its
/// lower edge).
///
/// A function and a hook rather than a component: a component would cost the Wasm its own
/// copy of Yew's lifecycle code, while the markup is the same.
pub fn reading_progress(bar: NodeRef) -> Html {
    html! { <div class="ar-progress" aria-hidden="true" ref={bar}></div> }
}

/// What keeps the bar measuring: the listeners, and the frame asked for, if one is pending.
/// Dropping it removes the listeners and cancels that frame, whose callback would otherwise
/// run after the closure it calls was freed (wasm-bindgen throws on the host page then).
struct Watch {
    _listeners: [EventListener; 2],
    frame: Rc<Cell<Option<i32>>>,
    _measure: Rc<Closure<dyn FnMut()>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.frame.take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
    }
}

/// Listens to scrolling and resizing for as long as the returned [`Watch`] lives, measuring at
/// most once per animation frame however many events arrive.
fn watch(bar: NodeRef) -> Option<Watch> {
    let window = web_sys::window()?;
    // The frame asked for and not yet run: at most one at a time.
    let frame = Rc::new(Cell::new(None::<i32>));
    let measure = {
        let frame = frame.clone();
        Rc::new(Closure::<dyn FnMut()>::new(move || {
            frame.set(None);
            update(&bar);
        }))
    };
    let schedule = {
        let (window, frame, measure) = (window.clone(), frame.clone(), measure.clone());
        move || {
            if frame.get().is_some() {
                return;
            }
            let callback: &js_sys::Function = (*measure).as_ref().unchecked_ref();
            frame.set(window.request_animation_frame(callback).ok());
        }
    };
    schedule();
    // Passive: the bar never cancels a scroll, so the browser need not wait for it. In the
    // capture phase, because scroll events do not bubble: an embedded reader inside a host's
    // scrolling box still hears its box scroll.
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: true,
    };
    let on_scroll = {
        let schedule = schedule.clone();
        EventListener::new_with_options(&window, "scroll", options, move |_| schedule())
    };
    let on_resize = EventListener::new_with_options(&window, "resize", options, move |_| {
        schedule();
    });
    Some(Watch {
        _listeners: [on_scroll, on_resize],
        frame,
        _measure: measure,
    })
}

fn update(bar: &NodeRef) -> Option<()> {
    let bar = bar.cast::<web_sys::HtmlElement>()?;
    let article = bar.closest(".ar-article").ok()??;
    let viewport = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let rect = article.get_bounding_client_rect();
    let read = fraction_read(rect.top(), rect.height(), viewport);
    bar.style()
        .set_property("--ar-read", &read.to_string())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::fraction_read;

    #[test]
    fn nothing_is_read_before_the_article_reaches_the_top() {
        assert_eq!(fraction_read(300.0, 5000.0, 800.0), 0);
        assert_eq!(fraction_read(0.0, 5000.0, 800.0), 0);
    }

    #[test]
    fn the_fraction_follows_the_scroll_through_the_article() {
        // 4,200 px can scroll past; 2,100 of them have.
        assert_eq!(fraction_read(-2100.0, 5000.0, 800.0), 500);
        assert_eq!(fraction_read(-42.0, 5000.0, 800.0), 10);
        assert_eq!(
            fraction_read(-4200.0, 5000.0, 800.0),
            1000,
            "the end in view"
        );
        assert_eq!(
            fraction_read(-9000.0, 5000.0, 800.0),
            1000,
            "scrolled beyond it"
        );
    }

    #[test]
    fn a_short_article_is_read_once_its_top_is_reached() {
        assert_eq!(fraction_read(10.0, 600.0, 800.0), 0);
        assert_eq!(fraction_read(0.0, 600.0, 800.0), 1000);
        assert_eq!(fraction_read(-5.0, 800.0, 800.0), 1000);
    }

    #[test]
    fn unmeasurable_boxes_read_nothing() {
        assert_eq!(fraction_read(f64::NAN, 5000.0, 800.0), 0);
        assert_eq!(fraction_read(0.0, f64::INFINITY, 800.0), 0);
    }
}
