//! Use cases, one module per feature; server functions and CLI commands call these.
pub mod agreement_csv;
pub mod agreements;
pub mod catalogue;
pub mod concepts;
pub mod delivery;
pub mod editor;
pub mod feed;
pub mod home;
pub mod iati;
pub mod interests;
pub mod media;
pub mod organisations;
pub mod sitemap;
pub mod staff;
pub mod subscriptions;
pub mod taxonomy;
pub mod two_factor;
