//! The ground floor: infrastructure that knows no feature of the platform. Nothing here
//! imports a repository, a service or a job.
pub mod clock;
pub mod database;
pub mod mail_folder;
pub mod mailer;
pub mod markdown;
pub mod media_store;
pub mod random;
pub mod snapshot_cache;
pub mod spreadsheet;
pub mod text_index;
pub mod totp;
pub mod typesetter;
