//! Server-only code, in floors: each uses only the floors below it, and nothing here imports
//! `api/` or `pages/` (a test checks both; see `docs/decisions/0014-the-server-floor-plan.md`).
//!
//! 1. `config`, `infra`: configuration and infrastructure that knows no feature.
//! 2. `db`: the repositories, every SQL statement.
//! 3. `catalogue_engine`: the published catalogue in memory, pure.
//! 4. `state`: what a request is served with.
//! 5. `auth`, `services`: the use cases, called by server functions and commands.
//! 6. `jobs`: background work (the delivery worker and the e-mails it renders).
//! 7. `seed`: demo and benchmark content.
pub mod auth;
pub mod catalogue_engine;
pub mod config;
pub mod db;
pub mod infra;
pub mod jobs;
pub mod record_engine;
pub mod seed;
pub mod services;
pub mod state;

pub use state::{AppState, state};
