//! Siang's pages, components, server functions and shared types.
//!
//! Compiled twice: with `ssr` for the server (pages rendered to HTML, server
//! functions, storage access) and with `hydrate` for the browser, where only
//! the `#[island]` components become interactive. Every page works without
//! the browser part.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod model;
pub mod routes;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::App;
pub use shell::shell;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
