//! Use cases, one module per feature; server functions and CLI commands call these.
pub mod home;
