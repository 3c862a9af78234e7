//! The HTTP server around the app: router, layers, start-up and maintenance commands.
pub mod media;
pub mod security;
pub mod startup;
pub mod telemetry;
