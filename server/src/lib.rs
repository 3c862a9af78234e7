//! The HTTP server around the app: router, layers, start-up and maintenance commands.
// Leptos view types nest deeply; release builds need room to name them.
#![recursion_limit = "512"]
pub mod canonical;
pub mod export;
pub mod feed;
pub mod mail_sink;
pub mod media;
pub mod metrics;
pub mod ops;
pub mod quote_pdf;
pub mod security;
pub mod startup;
pub mod telemetry;
pub mod unsubscribe;
pub mod upload;
