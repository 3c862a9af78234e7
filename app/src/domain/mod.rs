//! Types shared by the server and the browser: parsing and validation, no I/O.
pub mod agreement;
pub mod agreement_chart;
pub mod catalogue;
pub mod codes;
pub mod concept;
pub mod delivery;
pub mod editor;
pub mod format;
pub mod interest;
pub mod locale;
pub mod media;
pub mod organisation;
pub mod staff;
pub mod subscription;
pub mod taxonomy;
pub mod video;
