//! Server-only code: configuration, state, storage, services, seed data.
pub mod auth;
pub mod catalogue;
pub mod config;
pub mod db;
pub mod delivery;
pub mod mail;
pub mod mail_folder;
pub mod markdown;
pub mod media;
pub mod search;
pub mod seed;
pub mod services;
mod state;
pub mod totp;

pub use state::AppState;

use crate::error::AppError;
use leptos::prelude::*;

/// The application state, as handed to server functions and SSR through context.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("application state missing from the request context");
        AppError::Internal
    })
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Whether a file can be written in `dir` (created if missing): a probe written and removed.
pub async fn can_write(dir: &std::path::Path) -> std::io::Result<()> {
    let probe = dir.join(".write-probe");
    tokio::fs::create_dir_all(dir).await?;
    tokio::fs::write(&probe, b"probe").await?;
    tokio::fs::remove_file(&probe).await
}
