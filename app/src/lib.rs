//! The Partnership Opportunities Platform: components, routes, server functions and the types
//! they share. Compiled twice: with `ssr` for the server and with `hydrate` for the browser.
#![recursion_limit = "512"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

mod app;
pub use app::{App, shell};
