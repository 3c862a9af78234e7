//! Types shared by the server and the browser: parsing and validation, no I/O.
pub mod catalogue;
pub mod concept;
pub mod editor;
pub mod format;
pub mod locale;
pub mod media;
pub mod staff;
pub mod subscription;
pub mod taxonomy;
pub mod video;
