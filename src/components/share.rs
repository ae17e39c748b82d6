//! 分享 / Share: a button in the toolbar that discloses a small panel with the article's
//! address: copy link, the browser's own share sheet where it has one, and a QR code for
//! opening the article on a phone or in WeChat.
//!
//! The address is the page's own (`location.href`, which follows client-side navigation) in the
//! standalone page, and the article's `url` in an embedded reader, where the host page's
//! address would name the host, not the article; an embedded article without a `url`, or with
//! one the URL policy refuses or that is not http(s), has no share button. The QR code is SVG
//! built from Yew nodes (a white square and one path of dark modules), never markup from
//! strings; it is black on white whatever the page's colours, since scanners expect dark
//! modules on a light ground.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::hooks::DocumentRole;
use super::link::{safe_url, LinkBase};
use super::ArticleRef;
use crate::i18n::Labels;
use crate::qr::{QrError, QrMatrix};
use crate::url_policy::UrlUse;

/// The smallest drawn size of one module, in CSS pixels: below about 4 px a phone camera at
/// reading distance starts to miss modules. Small codes are drawn larger (see [`MIN_SIDE_PX`]).
const MODULE_PX: usize = 4;

/// The smallest drawn side of a code with its quiet zone, in CSS pixels, so that a short
/// address does not give a tiny code.
const MIN_SIDE_PX: usize = 200;

thread_local! {
    /// How many share panels have been created on this page: each takes the next number for
    /// its element ids, so that two readers on one page never share an id.
    static PANELS: Cell<u32> = const { Cell::new(0) };
}

fn next_panel_id() -> String {
    let n = PANELS.with(|count| {
        let n = count.get().wrapping_add(1);
        count.set(n);
        n
    });
    format!("ar-share-{n}")
}

/// What [`use_share`] shows.
pub struct ShareProps {
    /// The article on the page; a new article (client-side navigation) reads the address again.
    pub article: ArticleRef,
    /// Whether the reader is the page (share the page's address) or part of a host's page
    /// (share the article's `url`).
    pub role: DocumentRole,
    /// Interface labels.
    pub labels: &'static Labels,
}

/// What the last press of 复制链接 came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyOutcome {
    /// Not pressed yet, or the panel was opened again since.
    None,
    /// The address is on the clipboard.
    Copied,
    /// The browser has no clipboard API here or refused it: the address is shown selected for
    /// copying by hand.
    Refused,
}

/// The address to share, or `None` when this reader has none to offer.
fn share_address(role: DocumentRole, article_url: Option<&str>) -> Option<String> {
    let address = match role {
        DocumentRole::Standalone => web_sys::window()?.location().href().ok()?,
        DocumentRole::Embedded => safe_url(article_url?, UrlUse::Link, &LinkBase::of_document().0)?,
    };
    // The policy also lets `mailto:` through for links; only a web page can be shared.
    let web = address.starts_with("https://") || address.starts_with("http://");
    web.then_some(address)
}

/// `navigator[name]` when it is a function (a feature the browser has here).
fn navigator_function(name: &str) -> Option<(JsValue, js_sys::Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let function = js_sys::Reflect::get(&navigator, &name.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    Some((navigator, function))
}

/// Puts `text` on the clipboard with `navigator.clipboard.writeText`; `false` where the
/// browser has no clipboard API (an insecure page) or refuses it (permissions, no focus).
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| JsValue::from(w.navigator())) else {
        return false;
    };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Some(write) = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    match promise.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Opens the browser's share sheet with the article's title and address. Cancelling it
/// rejects the promise, which is the reader's choice, not an error to report.
fn native_share(title: &str, address: &str) {
    let Some((navigator, share)) = navigator_function("share") else {
        return;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &address.into());
    if let Ok(promise) = share.call1(&navigator, &data) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}

/// The share button and its panel (a disclosure: the button's `aria-expanded` tells whether
/// the panel is open, Escape closes it and puts focus back on the button).
///
/// A hook that renders, rather than a component: the page calls it with its other hooks and
/// places what it returns, so the Wasm carries no copy of Yew's component lifecycle for it,
/// while the markup, the state and the effects are the same.
#[hook]
pub fn use_share(props: &ShareProps) -> Html {
    let labels = &props.labels.share;
    let open = use_state_eq(|| false);
    let outcome = use_state_eq(|| CopyOutcome::None);
    let id = use_memo((), |()| next_panel_id());
    let button = use_node_ref();
    let field = use_node_ref();
    // Read on every render: the standalone page's address changes with client-side navigation,
    // which also gives this component a new article and so a new render.
    let address = share_address(props.role, props.article.url.as_deref());
    {
        // What a copy came to belongs to the address copied: a new page starts with no message.
        let outcome = outcome.clone();
        use_effect_with(address.clone(), move |_| outcome.set(CopyOutcome::None));
    }
    // The code is made only once the panel is open, and again only for a new address.
    let code = use_memo((address.clone(), *open), |(address, open)| {
        address.as_deref().filter(|_| *open).map(QrMatrix::encode)
    });
    {
        // After a refused copy the address is shown selected, with focus, ready for Ctrl+C or
        // a long press.
        let field = field.clone();
        use_effect_with(*outcome, move |outcome| {
            if *outcome == CopyOutcome::Refused {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }
    let Some(address) = address else {
        return html! {};
    };
    let panel_id = format!("{id}-panel");
    let toggle = {
        let (open, outcome) = (open.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            outcome.set(CopyOutcome::None);
            open.set(!*open);
        })
    };
    let onkeydown = super::close_on_escape(open.clone(), button.clone());
    let panel = open.then(|| {
        let copy = {
            let (outcome, address) = (outcome.clone(), address.clone());
            Callback::from(move |_: MouseEvent| {
                // Cleared first, so that a second copy is announced again.
                outcome.set(CopyOutcome::None);
                let (outcome, address) = (outcome.clone(), address.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    outcome.set(if copy_to_clipboard(&address).await {
                        CopyOutcome::Copied
                    } else {
                        CopyOutcome::Refused
                    });
                });
            })
        };
        let share_button = navigator_function("share").map(|_| {
            let (title, address) = (props.article.headline.clone(), address.clone());
            let onclick = Callback::from(move |_: MouseEvent| native_share(&title, &address));
            html! {
                <button type="button" class="ar-share-native" onclick={onclick}>
                    { labels.native_share }
                </button>
            }
        });
        let message = match *outcome {
            CopyOutcome::None => "",
            CopyOutcome::Copied => labels.copied,
            CopyOutcome::Refused => labels.copy_refused,
        };
        let by_hand = (*outcome == CopyOutcome::Refused).then(|| {
            let field_id = format!("{id}-address");
            html! {
                <p class="ar-share-address">
                    <label for={field_id.clone()}>{ labels.address }</label>
                    <input type="text" id={field_id} readonly=true value={address.clone()}
                           ref={field.clone()} />
                </p>
            }
        });
        let qr = match code.as_ref() {
            Some(Ok(matrix)) => qr_svg(matrix, &format!("{}{address}", labels.qr_name)),
            Some(Err(QrError::TooLong { .. })) => {
                html! { <p class="ar-share-too-long">{ labels.qr_too_long }</p> }
            }
            None => html! {},
        };
        let hint = matches!(code.as_ref(), Some(Ok(_))).then(|| {
            html! { <p class="ar-share-hint">{ labels.qr_hint }</p> }
        });
        html! {
            <>
                <div class="ar-share-actions">
                    <button type="button" class="ar-share-copy" onclick={copy}>
                        { labels.copy_link }
                    </button>
                    { share_button }
                </div>
                <p class="ar-share-status" role="status" aria-live="polite">{ message }</p>
                { by_hand }
                <figure class="ar-share-code">
                    { qr }
                    { hint }
                </figure>
            </>
        }
    });
    html! {
        <div class="ar-share" onkeydown={onkeydown}>
            <button type="button" class="ar-share-toggle" ref={button}
                    aria-expanded={if *open { "true" } else { "false" }}
                    aria-controls={panel_id.clone()} onclick={toggle}>
                { labels.share }
            </button>
            <div class="ar-share-panel" id={panel_id} role="group" aria-label={labels.share}
                 hidden={!*open}>
                { panel }
            </div>
        </div>
    }
}

/// The code as SVG: a white square (the quiet zone and light modules) and one path for the dark
/// modules, `role="img"` with the address as its name. Drawn at [`MODULE_PX`] per module or
/// more; the style sheet lets it shrink to a narrow container rather than scroll the page.
fn qr_svg(matrix: &QrMatrix, name: &str) -> Html {
    let side = matrix.side_with_quiet_zone();
    let px = (side * MODULE_PX).max(MIN_SIDE_PX).to_string();
    let view_box = format!("0 0 {side} {side}");
    html! {
        <svg class="ar-share-qr" xmlns="http://www.w3.org/2000/svg" role="img"
             aria-label={name.to_owned()} viewBox={view_box} width={px.clone()} height={px}
             shape-rendering="crispEdges">
            <rect width={side.to_string()} height={side.to_string()} fill="#fff" />
            <path d={matrix.svg_path()} fill="#000" />
        </svg>
    }
}
