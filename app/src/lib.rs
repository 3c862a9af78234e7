//! The Partnership Opportunities Platform: components, routes, server functions and the types
//! they share. Compiled twice: with `ssr` for the server and with `hydrate` for the browser.
#![recursion_limit = "512"]

/// The translations, compiled from `locales/` by `build.rs` (leptos_i18n). The generated code
/// parses each locale's identifier with `expect`: they are constants, checked at build time.
#[allow(clippy::expect_used)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated::i18n;

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

mod app;
#[cfg(all(test, feature = "ssr"))]
mod floor_plan;
pub use app::{App, shell};
