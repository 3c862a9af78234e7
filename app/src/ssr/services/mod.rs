//! Use cases, one module per feature; server functions and CLI commands call these.
pub mod catalogue;
pub mod concepts;
pub mod editor;
pub mod home;
pub mod media;
pub mod messages;
pub mod sitemap;
pub mod staff;
pub mod subscriptions;
pub mod taxonomy;
pub mod two_factor;
