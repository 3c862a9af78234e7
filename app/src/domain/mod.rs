//! Types shared by the server and the browser: parsing and validation, no I/O.
pub mod concept;
pub mod date;
pub mod locale;
pub mod taxonomy;
