//! A news article reader in Rust and WebAssembly.
//!
//! It renders article JSON (see `docs/article-json.md`) as a complete, accessible news article
//! page in the browser, standalone or embedded in another site. Modules read the way data flows:
//!
//! - [`article`]: the model, its dates, parsing and validation (pure);
//! - [`html_import`]: CMS HTML bodies walked into blocks through an allow-list;
//! - [`i18n`], [`font_scale`], [`url_policy`], [`options`], [`limits`]: small pure rules;
//! - [`qr`]: QR codes of article addresses (pure);
//! - [`reading_time`], [`settings`], [`speech`]: the reading-time estimate, the reading
//!   settings' choices and read aloud's sentence cutting and voice choice (pure);
//! - [`route`]: which links a reader follows itself (client-side navigation's rules, pure);
//! - [`load`], [`prefetch`]: the fetch-state enum, load errors, the fetch itself, and pages
//!   fetched ahead of a click;
//! - [`state`]: one reader's reducer;
//! - [`components`]: the Yew views;
//! - [`embed`]: the JavaScript API, the only `#[wasm_bindgen]` boundary;
//! - `prerender` (feature `prerender`, native only): the same views rendered to static HTML
//!   pages by Yew's server-side rendering.

// A panic in wasm kills every reader on the page, so the library proves it has none of the
// usual sources outside tests: no unwrap/expect, no indexing that can go out of bounds, no
// explicit panics. (Tests may use them: a failing test should panic.)
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod article;
pub mod components;
pub mod embed;
pub mod font_scale;
pub mod html_import;
pub mod i18n;
pub mod limits;
pub mod load;
pub mod options;
pub mod prefetch;
#[cfg(all(feature = "prerender", not(target_arch = "wasm32")))]
pub mod prerender;
pub mod qr;
pub mod reading_time;
pub mod route;
pub mod settings;
pub mod speech;
pub mod state;
pub mod url_policy;
pub mod zh_convert;
