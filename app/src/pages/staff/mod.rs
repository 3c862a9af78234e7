//! `/{locale}/staff/…`: the staff workspace. Every page asks the server who is signed in;
//! the server functions behind it check the session and role again.
pub mod account;
pub mod accounts;
pub mod agreements;
pub mod audit;
pub mod dashboard;
pub mod editor;
pub mod interests;
pub mod mail;
pub mod media;
pub mod organisations;
pub mod sign_in;
pub mod sponsorship;
pub mod sponsorship_events;
pub mod taxonomy;
pub mod two_factor;
